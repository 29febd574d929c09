// Invoke Lab core: Amazon Resource Names, built and parsed in one place.
//
// Index
//   Arn                      arn:partition:service:region:account:resource, split
//   parse_arn                 "" fields allowed (IAM has no region); nullopt when not an ARN
//   *_arn builders            every ARN the simulator prints is made by one of these
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace invokelab {

struct Arn {
    std::string partition = "aws", service, region, account;
    std::string resource;                           // everything after the 5th colon (may hold ':' or '/')

    std::string str() const;
    // The resource's last segment after '/' or ':' ("demo-lambda-role-x" of "role/service-role/demo-lambda-role-x").
    std::string resource_name() const;
};

std::optional<Arn> parse_arn(std::string_view text);   // needs "arn:" and at least five colons
std::string arn_service(std::string_view text);         // "" when not an ARN

std::string lambda_function_arn(const std::string& region, const std::string& account, const std::string& function);
std::string lambda_runtime_arn(const std::string& region, const std::string& runtime_hash);
std::string sqs_queue_arn(const std::string& region, const std::string& account, const std::string& queue);
std::string sns_topic_arn(const std::string& region, const std::string& account, const std::string& topic);
std::string iam_role_arn(const std::string& account, const std::string& path, const std::string& role);
std::string log_group_arn(const std::string& region, const std::string& account, const std::string& group);

} // namespace invokelab
