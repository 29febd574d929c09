// Invoke Lab core: just enough IAM to decide whether an execution role may do an action.
//
// Managed policies known by ARN (arn:aws:iam::aws:policy/...):
//   service-role/AWSLambdaBasicExecutionRole   logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents
//   AmazonSQSFullAccess                        sqs:*
//   AmazonSNSFullAccess                        sns:*
//   service-role/AWSLambdaSQSQueueExecutionRole  sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes + logs
//   AmazonSQSReadOnlyAccess                    sqs:GetQueueAttributes, sqs:GetQueueUrl, sqs:ListQueues, ...
// Inline policies are JSON documents: Statement (object or array) with Effect, Action
// (string or array, '*' and '?' wildcards, case-insensitive) and Resource (same wildcards).
// An explicit Deny wins over any Allow; nothing allowed means denied.
#pragma once
#include <map>
#include <string>
#include <vector>
#include "sim/trace.h"

namespace invokelab {

class Env;

struct IamRole {
    std::string name, arn, path = "/service-role/", role_id;
    TimeMs created_at = 0;                          // CreateDate
    ojson assume_role_policy;                       // trust policy; null = lambda.amazonaws.com may assume it
    std::vector<std::string> attached_policy_arns;  // in attach order
    std::map<std::string, ojson> inline_policies;   // name -> policy document
};

class IamService {
public:
    explicit IamService(Env& env) : env_(env) {}
    IamRole& create_role(const std::string& name, const std::string& path = "/service-role/");
    // Reads: generation() stays (a role is changed only through the calls below, which advance it).
    const IamRole* find_role(const std::string& name) const;
    const IamRole* find_role_by_arn(const std::string& arn) const;
    void attach_role_policy(const std::string& role_name, const std::string& policy_arn);   // NoSuchEntity for unknown role/policy
    void detach_role_policy(const std::string& role_name, const std::string& policy_arn);
    void put_role_policy(const std::string& role_name, const std::string& policy_name, const std::string& document_json); // MalformedPolicyDocument
    void delete_role_policy(const std::string& role_name, const std::string& policy_name);
    // Does the role allow `action` (e.g. "sqs:SendMessage") on `resource` (an ARN)?
    bool allows(const std::string& role_name, const std::string& action, const std::string& resource) const;
    static std::string managed_policy_name(const std::string& policy_arn);    // "" when unknown
    const std::map<std::string, IamRole>& roles() const { return roles_; }
    ojson state_json() const;
    // Changes whenever a role may have changed: every call that can change one (or hands out a
    // mutable role: create_role) advances it, so a caller may keep an allows() answer while it
    // stays the same. Reads (find_role, roles, allows, state_json) leave it.
    std::uint64_t generation() const { return generation_; }
private:
    Env& env_;
    std::map<std::string, IamRole> roles_;
    std::uint64_t generation_ = 0;
};

} // namespace invokelab
