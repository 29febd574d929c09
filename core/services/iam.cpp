// Invoke Lab core: IAM roles and the policy check Lambda runs before it writes to a
// target (see iam.h for the managed policies this simulator knows).
#include "services/iam.h"
#include <algorithm>
#include <cctype>
#include "aws/arn.h"
#include "aws/errors.h"
#include "sim/env.h"
#include "util/json_text.h"

namespace invokelab {

// [SECTION] Managed policies

namespace {

struct ManagedPolicy {
    const char* arn;
    const char* name;
    std::vector<std::string> actions;               // every statement is Allow on "*"
};

// The action lists follow the AWS managed policies' current documents (names as the IAM
// console shows them); only what the playground can exercise matters here.
const std::vector<ManagedPolicy>& managed_policies() {
    static const std::vector<ManagedPolicy> policies = {
        {"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "AWSLambdaBasicExecutionRole",
         {"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"}},
        {"arn:aws:iam::aws:policy/AmazonSQSFullAccess", "AmazonSQSFullAccess", {"sqs:*"}},
        {"arn:aws:iam::aws:policy/AmazonSNSFullAccess", "AmazonSNSFullAccess", {"sns:*"}},
        {"arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole", "AWSLambdaSQSQueueExecutionRole",
         {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "logs:CreateLogGroup",
          "logs:CreateLogStream", "logs:PutLogEvents"}},
        {"arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess", "AmazonSQSReadOnlyAccess",
         {"sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ListDeadLetterSourceQueues", "sqs:ListQueues",
          "sqs:ListMessageMoveTasks", "sqs:ListQueueTags"}},
        {"arn:aws:iam::aws:policy/service-role/AWSLambdaRole", "AWSLambdaRole", {"lambda:InvokeFunction"}},
    };
    return policies;
}

const ManagedPolicy* find_managed(const std::string& arn) {
    for (const auto& p : managed_policies())
        if (arn == p.arn) return &p;
    return nullptr;
}

// IAM wildcards: '*' any run of characters, '?' exactly one.
bool wildcard_match(const std::string& pattern, const std::string& text, bool ignore_case) {
    auto eq = [ignore_case](char a, char b) {
        return ignore_case ? std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)) : a == b;
    };
    std::size_t p = 0, t = 0, star = std::string::npos, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || (pattern[p] != '*' && eq(pattern[p], text[t])))) { ++p; ++t; }
        else if (p < pattern.size() && pattern[p] == '*') { star = p++; mark = t; }
        else if (star != std::string::npos) { p = star + 1; t = ++mark; }
        else return false;
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

std::vector<std::string> string_or_list(const ojson& v) {
    std::vector<std::string> out;
    if (v.is_string()) out.push_back(v.get<std::string>());
    else if (v.is_array())
        for (const auto& x : v) if (x.is_string()) out.push_back(x.get<std::string>());
    return out;
}

std::vector<ojson> statements_of(const ojson& document) {
    std::vector<ojson> out;
    if (!document.is_object() || !document.contains("Statement")) return out;
    const ojson& s = document["Statement"];
    if (s.is_object()) out.push_back(s);
    else if (s.is_array()) for (const auto& x : s) out.push_back(x);
    return out;
}

bool statement_matches(const ojson& st, const std::string& action, const std::string& resource) {
    bool action_hit = false;
    for (const auto& a : string_or_list(st.value("Action", ojson())))
        if (wildcard_match(a, action, true)) { action_hit = true; break; }
    if (!action_hit) return false;
    for (const auto& r : string_or_list(st.value("Resource", ojson())))
        if (wildcard_match(r, resource, false)) return true;
    return false;
}

} // namespace

std::string IamService::managed_policy_name(const std::string& policy_arn) {
    const ManagedPolicy* p = find_managed(policy_arn);
    return p ? p->name : "";
}

// [SECTION] Roles

IamRole& IamService::create_role(const std::string& name, const std::string& path) {
    ++generation_;
    // The playground has no `aws iam create-role`: roles come from scenarios and Lambda's
    // defaults, so a second create of the same name hands back the existing role.
    auto it = roles_.find(name);
    if (it != roles_.end()) return it->second;
    IamRole r;
    r.name = name;
    r.path = path.empty() ? "/" : path;
    r.arn = iam_role_arn(env_.account_id, r.path, name);
    r.created_at = env_.now();
    std::string id = env_.stream("iam").alnum(17);
    for (auto& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    r.role_id = "AROA" + id;                        // role ids start with AROA, 21 characters in all
    return roles_.emplace(name, std::move(r)).first->second;
}

const IamRole* IamService::find_role(const std::string& name) const {
    auto it = roles_.find(name);
    return it == roles_.end() ? nullptr : &it->second;
}

const IamRole* IamService::find_role_by_arn(const std::string& arn) const {
    for (const auto& [n, r] : roles_) if (r.arn == arn) return &r;
    return nullptr;
}

namespace {
IamRole& require_role(std::map<std::string, IamRole>& roles, const std::string& name) {
    auto it = roles.find(name);
    if (it == roles.end()) throw AwsError("NoSuchEntity", 404, "The role with name " + name + " cannot be found.");
    return it->second;
}
} // namespace

void IamService::attach_role_policy(const std::string& role_name, const std::string& policy_arn) {
    ++generation_;
    IamRole& r = require_role(roles_, role_name);
    if (!find_managed(policy_arn))
        throw AwsError("NoSuchEntity", 404, "Policy " + policy_arn + " does not exist or is not attachable.");
    // Attaching twice is a no-op in IAM.
    if (std::find(r.attached_policy_arns.begin(), r.attached_policy_arns.end(), policy_arn) == r.attached_policy_arns.end())
        r.attached_policy_arns.push_back(policy_arn);
}

void IamService::detach_role_policy(const std::string& role_name, const std::string& policy_arn) {
    ++generation_;
    IamRole& r = require_role(roles_, role_name);
    auto it = std::find(r.attached_policy_arns.begin(), r.attached_policy_arns.end(), policy_arn);
    if (it == r.attached_policy_arns.end())
        throw AwsError("NoSuchEntity", 404, "Policy " + policy_arn + " was not found.");
    r.attached_policy_arns.erase(it);
}

void IamService::put_role_policy(const std::string& role_name, const std::string& policy_name, const std::string& document_json) {
    ++generation_;
    IamRole& r = require_role(roles_, role_name);
    ojson doc = parse_learner_json(document_json);
    if (doc.is_discarded() || !doc.is_object())
        throw AwsError("MalformedPolicyDocument", 400, "Syntax errors in policy.");
    const auto statements = statements_of(doc);
    if (statements.empty())
        throw AwsError("MalformedPolicyDocument", 400, "Syntax errors in policy.");
    for (const auto& st : statements) {
        if (!st.is_object()) throw AwsError("MalformedPolicyDocument", 400, "Syntax errors in policy.");
        // A missing or non-string Effect is a syntax error too (never a type error of ours).
        const bool effect_ok = st.contains("Effect") && st["Effect"].is_string() &&
                               (st["Effect"].get_ref<const std::string&>() == "Allow" || st["Effect"].get_ref<const std::string&>() == "Deny");
        if (!effect_ok)
            throw AwsError("MalformedPolicyDocument", 400, "Syntax errors in policy.");
        if (string_or_list(st.value("Action", ojson())).empty())
            throw AwsError("MalformedPolicyDocument", 400, "Policy statement must contain actions.");
        if (string_or_list(st.value("Resource", ojson())).empty())
            throw AwsError("MalformedPolicyDocument", 400, "Policy statement must contain resources.");
    }
    r.inline_policies[policy_name] = std::move(doc);
}

void IamService::delete_role_policy(const std::string& role_name, const std::string& policy_name) {
    ++generation_;
    IamRole& r = require_role(roles_, role_name);
    if (!r.inline_policies.erase(policy_name))
        throw AwsError("NoSuchEntity", 404, "The role policy with name " + policy_name + " cannot be found.");
}

// [SECTION] Evaluation

bool IamService::allows(const std::string& role_name, const std::string& action, const std::string& resource) const {
    auto it = roles_.find(role_name);
    if (it == roles_.end()) return false;
    const IamRole& r = it->second;
    bool allowed = false;
    for (const auto& arn : r.attached_policy_arns) {
        const ManagedPolicy* p = find_managed(arn);
        if (!p) continue;
        for (const auto& a : p->actions)
            if (wildcard_match(a, action, true)) allowed = true;
    }
    for (const auto& [name, doc] : r.inline_policies) {
        for (const auto& st : statements_of(doc)) {
            if (!statement_matches(st, action, resource)) continue;
            if (st.contains("Effect") && st["Effect"] == "Deny") return false;     // an explicit Deny always wins
            allowed = true;
        }
    }
    return allowed;
}

ojson IamService::state_json() const {
    ojson roles = ojson::array();
    for (const auto& [name, r] : roles_) {
        ojson attached = ojson::array();
        for (const auto& a : r.attached_policy_arns) attached.push_back(a);
        ojson inline_names = ojson::array();
        for (const auto& [pname, doc] : r.inline_policies) inline_names.push_back(pname);
        roles.push_back(ojson{{"name", name}, {"arn", r.arn}, {"roleId", r.role_id}, {"path", r.path},
                              {"attachedPolicies", std::move(attached)}, {"inlinePolicies", std::move(inline_names)}});
    }
    return roles;
}

} // namespace invokelab
