#include "aws/arn.h"

namespace invokelab {

std::string Arn::str() const {
    return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
}

std::string Arn::resource_name() const {
    const auto cut = resource.find_last_of("/:");
    return cut == std::string::npos ? resource : resource.substr(cut + 1);
}

std::optional<Arn> parse_arn(std::string_view text) {
    if (text.substr(0, 4) != "arn:") return std::nullopt;
    std::string fields[5];
    std::size_t start = 0;
    for (int i = 0; i < 5; ++i) {
        const auto colon = text.find(':', start);
        if (colon == std::string_view::npos) return std::nullopt;
        fields[i] = std::string(text.substr(start, colon - start));
        start = colon + 1;
    }
    Arn a;
    a.partition = fields[1];
    a.service = fields[2];
    a.region = fields[3];
    a.account = fields[4];
    a.resource = std::string(text.substr(start));
    return a;
}

std::string arn_service(std::string_view text) {
    const auto a = parse_arn(text);
    return a ? a->service : std::string();
}

std::string lambda_function_arn(const std::string& region, const std::string& account, const std::string& function) {
    return Arn{"aws", "lambda", region, account, "function:" + function}.str();
}

std::string lambda_runtime_arn(const std::string& region, const std::string& runtime_hash) {
    return Arn{"aws", "lambda", region, "", "runtime:" + runtime_hash}.str();
}

std::string sqs_queue_arn(const std::string& region, const std::string& account, const std::string& queue) {
    return Arn{"aws", "sqs", region, account, queue}.str();
}

std::string sns_topic_arn(const std::string& region, const std::string& account, const std::string& topic) {
    return Arn{"aws", "sns", region, account, topic}.str();
}

std::string iam_role_arn(const std::string& account, const std::string& path, const std::string& role) {
    return Arn{"aws", "iam", "", account, "role" + path + role}.str();
}

std::string log_group_arn(const std::string& region, const std::string& account, const std::string& group) {
    return Arn{"aws", "logs", region, account, "log-group:" + group}.str();
}

} // namespace invokelab
