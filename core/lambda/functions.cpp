// Functions: the defaults, name/ARN resolution, configuration JSON and configuration updates.
#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include "lambda/lambda.h"
#include "aws/arn.h"
#include "aws/errors.h"
#include "sim/env.h"
#include "util/base64.h"
#include "util/timefmt.h"

namespace invokelab {

std::string FunctionConfig::arn(const std::string& region, const std::string& account) const {
    return lambda_function_arn(region, account, name);
}

std::string FunctionConfig::role_name() const {
    const auto slash = role_arn.rfind('/');
    return slash == std::string::npos ? role_arn : role_arn.substr(slash + 1);
}

void LambdaService::install_defaults() {
    // The World's setup generator (env_.rng, not Lambda's stream): role suffix, code hash,
    // revision, runtime ARN, in this order (part of the determinism contract).
    const std::string role_name = "demo-lambda-role-" + env_.rng.alnum(8);
    IamRole& role = iam_.create_role(role_name, "/service-role/");
    iam_.attach_role_policy(role_name, "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");

    FunctionConfig f;
    f.name = "demo-lambda";
    f.role_arn = role.arn;
    std::string digest;
    for (int i = 0; i < 4; ++i) {
        std::uint64_t x = env_.rng.next_u64();
        for (int b = 0; b < 8; ++b, x >>= 8) digest += static_cast<char>(x & 0xff);
    }
    f.code_sha256 = base64_encode(digest);
    f.revision_id = env_.rng.uuid4();
    f.runtime_version_arn = lambda_runtime_arn(env_.region, env_.rng.hex(64));
    f.last_modified = -5 * 60'000;                  // deployed five minutes before the lab starts
    FunctionConfig& installed = functions_[f.name] = f;
    if (auto it = slots_.find(f.name); it != slots_.end()) it->second.config = &installed;   // events waiting on the name see it
}

FunctionConfig* LambdaService::find_function(const std::string& name) {
    auto it = functions_.find(name);
    return it == functions_.end() ? nullptr : &it->second;
}

FunctionConfig& LambdaService::require_function(const std::string& name_or_arn, const std::string& region, bool qualified_message) {
    // Accepted forms [BOTO]: name, name:qualifier, full ARN, partial ARN (account:function:name).
    // A plain name (no ':', what every invoke of the playground passes) is looked up as it is.
    if (name_or_arn.find(':') == std::string::npos)
        if (FunctionConfig* f = region == env_.region ? find_function(name_or_arn) : nullptr) return *f;
    std::string name = name_or_arn, qualifier, in_region = region, account = env_.account_id;
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto colon = name_or_arn.find(':', start);
        parts.push_back(name_or_arn.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    if (parts.size() >= 7 && parts[0] == "arn" && parts[5] == "function") {
        in_region = parts[3]; account = parts[4]; name = parts[6];
        if (parts.size() >= 8) qualifier = parts[7];
    } else if (parts.size() >= 3 && parts[1] == "function") {
        account = parts[0]; name = parts[2];
        if (parts.size() >= 4) qualifier = parts[3];
    } else if (parts.size() == 2) {
        name = parts[0]; qualifier = parts[1];
    }
    FunctionConfig* f = (in_region == env_.region && account == env_.account_id) ? find_function(name) : nullptr;
    if (f && (qualifier.empty() || qualifier == "$LATEST")) return *f;
    // Recorded [SNAP-LAMBDA]: Invoke names the qualified ARN (":$LATEST" or the alias).
    std::string arn = lambda_function_arn(in_region, account, name);
    if (!qualifier.empty()) arn += ":" + qualifier;
    else if (qualified_message) arn += ":$LATEST";
    throw AwsError("ResourceNotFoundException", 404, "Function not found: " + arn);
}

ojson LambdaService::configuration_json(const FunctionConfig& f, bool with_state, const std::string& last_update_status) const {
    ojson j;
    j["FunctionName"] = f.name;
    j["FunctionArn"] = f.arn(env_.region, env_.account_id);
    j["Runtime"] = f.runtime;
    j["Role"] = f.role_arn;
    j["Handler"] = f.handler;
    j["CodeSize"] = f.code_size;
    j["Description"] = f.description;
    j["Timeout"] = f.timeout_s;
    j["MemorySize"] = f.memory_mb;
    j["LastModified"] = iso8601_lambda(f.last_modified);
    j["CodeSha256"] = f.code_sha256;
    j["Version"] = "$LATEST";
    if (!f.dead_letter_target.empty()) j["DeadLetterConfig"] = ojson{{"TargetArn", f.dead_letter_target}};
    j["TracingConfig"] = ojson{{"Mode", "PassThrough"}};
    j["RevisionId"] = f.revision_id;
    if (with_state) {
        j["State"] = "Active";
        j["LastUpdateStatus"] = last_update_status;
    }
    j["PackageType"] = "Zip";
    j["Architectures"] = ojson::array({"x86_64"});
    j["EphemeralStorage"] = ojson{{"Size", f.ephemeral_storage_mb}};
    j["SnapStart"] = ojson{{"ApplyOn", "None"}, {"OptimizationStatus", "Off"}};
    if (with_state) j["RuntimeVersionConfig"] = ojson{{"RuntimeVersionArn", f.runtime_version_arn}};
    j["LoggingConfig"] = ojson{{"LogFormat", "Text"}, {"LogGroup", f.log_group()}};
    return j;
}

void LambdaService::touch(FunctionConfig& f) {
    f.revision_id = rng().uuid4();
    f.last_modified = env_.now();
}

void LambdaService::check_target_permission(const FunctionConfig& f, const std::string& arn) const {
    targets_.check_permission(f.role_name(), arn);
}

void LambdaService::set_dead_letter_target(FunctionConfig& f, const std::string& target) {
    if (target.empty()) { f.dead_letter_target.clear(); return; }   // TargetArn="" removes the DLQ
    if (target.rfind("arn:", 0) != 0)
        throw AwsError("InvalidParameterValueException", 400, "Invalid dead letter ARN: ARNs must start with 'arn:'");
    const std::string service = arn_service(target);
    if (service != "sqs" && service != "sns")
        // UNCONFIRMED wording: the reference has no recorded message for a non-SQS/SNS target.
        throw AwsError("InvalidParameterValueException", 400, "The dead letter target must be an SQS queue or an SNS topic");
    check_target_permission(f, target);
    f.dead_letter_target = target;
}

void LambdaService::set_timeout(FunctionConfig& f, int seconds) {
    if (seconds > 900)
        throw AwsError("ValidationException", 400, "1 validation error detected: Value '" + std::to_string(seconds) +
                       "' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900");
    f.timeout_s = seconds;
}

void LambdaService::set_memory(FunctionConfig& f, int megabytes) {
    if (megabytes > 10240)
        throw AwsError("ValidationException", 400, "1 validation error detected: Value '" + std::to_string(megabytes) +
                       "' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240");
    f.memory_mb = megabytes;
}

FailureInjection& LambdaService::failure(const std::string& function) {
    FunctionConfig* f = find_function(function);
    if (!f) throw AwsError("ResourceNotFoundException", 404,
                           "Function not found: " + lambda_function_arn(env_.region, env_.account_id, function));
    return f->failure;
}

std::string FailureInjection::describe() const {
    std::string s;
    switch (mode) {
    case Mode::Off: s = "off (the handler succeeds)"; break;
    case Mode::Always: s = "always"; break;
    case Mode::FirstN: s = "first " + std::to_string(first_n) + " attempts (" + std::to_string(std::max(0, first_n - attempts_seen)) + " left)"; break;
    case Mode::Rate: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", rate);
        s = std::string("rate ") + buf;
        break;
    }
    }
    if (mode != Mode::Off) s += ", raising " + error_type + ": " + error_message;
    s += "; handler duration " + (duration_ms ? format_duration(*duration_ms) : std::string("1-4ms (default)"));
    return s;
}

std::optional<QueuedEvent> EventQueue::take(Ticket t) {
    if (t < base_ || t - base_ >= items_.size()) return std::nullopt;
    Item& item = items_[t - base_];
    if (item.taken) return std::nullopt;
    item.taken = true;
    --live_;
    std::optional<QueuedEvent> out(std::move(item.event));
    while (!items_.empty() && items_.front().taken) { items_.pop_front(); ++base_; }
    return out;
}

const QueuedEvent& EventQueue::operator[](std::size_t i) const {
    std::size_t left = i;
    for (const auto& item : items_)
        if (!item.taken && left-- == 0) return item.event;
    throw std::out_of_range("EventQueue: index " + std::to_string(i) + " past the waiting events");
}

const EventQueue& LambdaService::event_queue(const std::string& function) const {
    static const EventQueue empty;
    auto it = slots_.find(function);
    return it == slots_.end() ? empty : it->second.queue;
}

} // namespace invokelab
