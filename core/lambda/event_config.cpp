// Event invoke config (reference §2.6): put replaces, update merges, get/delete/list.
// Range checks: botocore checks the minimum on the client (see shell/lambda_commands.cpp);
// the service checks the maximum and answers ValidationException with this wording (as
// mirrored by moto's tests of the API).
#include <regex>
#include "lambda/lambda.h"
#include "aws/errors.h"
#include "sim/env.h"
#include "util/timefmt.h"

namespace invokelab {
namespace {

// The DestinationConfig ARN pattern Lambda validates against.
const char* kDestinationPattern = R"(^$|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:([a-z]{2}(-gov)?-[a-z]+-\d{1})?:(\d{12})?:(.*))";

} // namespace

int LambdaService::max_retry_attempts(const FunctionConfig& f) const {
    return f.event_invoke_config && f.event_invoke_config->maximum_retry_attempts ? *f.event_invoke_config->maximum_retry_attempts : 2;
}

int LambdaService::max_event_age_s(const FunctionConfig& f) const {
    return f.event_invoke_config && f.event_invoke_config->maximum_event_age_s ? *f.event_invoke_config->maximum_event_age_s : 21600;
}

ojson LambdaService::put_event_invoke_config(FunctionConfig& f, const EventInvokeConfig& req, bool replace) {
    std::vector<std::string> problems;
    if (req.maximum_retry_attempts && *req.maximum_retry_attempts > 2)
        problems.push_back("Value '" + std::to_string(*req.maximum_retry_attempts) +
                           "' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2");
    if (req.maximum_event_age_s && *req.maximum_event_age_s > 21600)
        problems.push_back("Value '" + std::to_string(*req.maximum_event_age_s) +
                           "' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value less than or equal to 21600");
    const std::regex pattern(kDestinationPattern);
    auto check_arn = [&](const std::optional<std::string>& arn, const char* where) {
        if (arn && !std::regex_search(*arn, pattern))
            problems.push_back("Value '" + *arn + "' at '" + where +
                               "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + kDestinationPattern);
    };
    check_arn(req.on_success, "destinationConfig.onSuccess.destination");
    check_arn(req.on_failure, "destinationConfig.onFailure.destination");
    if (!problems.empty()) {
        std::string message = std::to_string(problems.size()) + " validation error" + (problems.size() > 1 ? "s" : "") + " detected: ";
        for (std::size_t i = 0; i < problems.size(); ++i) message += (i ? "; " : "") + problems[i];
        throw AwsError("ValidationException", 400, message);
    }
    // The role must be allowed to reach each destination (UNCONFIRMED: same message as the DLQ check).
    if (req.on_success && !req.on_success->empty()) check_target_permission(f, *req.on_success);
    if (req.on_failure && !req.on_failure->empty()) check_target_permission(f, *req.on_failure);

    EventInvokeConfig next = (replace || !f.event_invoke_config) ? EventInvokeConfig{} : *f.event_invoke_config;
    if (replace) next = req;
    else {
        if (req.maximum_retry_attempts) next.maximum_retry_attempts = req.maximum_retry_attempts;
        if (req.maximum_event_age_s) next.maximum_event_age_s = req.maximum_event_age_s;
        if (req.on_success) next.on_success = req.on_success;
        if (req.on_failure) next.on_failure = req.on_failure;
    }
    next.last_modified = env_.now();
    f.event_invoke_config = next;
    env_.record("lambda.event-invoke-config", {},
                  ojson{{"function", f.name}, {"maximumRetryAttempts", max_retry_attempts(f)}, {"maximumEventAgeInSeconds", max_event_age_s(f)}});
    return event_invoke_config_json(f);
}

ojson LambdaService::event_invoke_config_json(const FunctionConfig& f) const {
    if (!f.event_invoke_config)
        throw AwsError("ResourceNotFoundException", 404,
                       "The function " + f.arn(env_.region, env_.account_id) + " doesn't have an EventInvokeConfig");
    const EventInvokeConfig& c = *f.event_invoke_config;
    ojson j;
    j["LastModified"] = iso8601_micro_offset(c.last_modified);   // CLI v2 prints timestamps as ISO 8601
    j["FunctionArn"] = f.arn(env_.region, env_.account_id) + ":$LATEST";
    if (c.maximum_retry_attempts) j["MaximumRetryAttempts"] = *c.maximum_retry_attempts;
    if (c.maximum_event_age_s) j["MaximumEventAgeInSeconds"] = *c.maximum_event_age_s;
    ojson dest = ojson::object();
    dest["OnSuccess"] = c.on_success && !c.on_success->empty() ? ojson{{"Destination", *c.on_success}} : ojson::object();
    dest["OnFailure"] = c.on_failure && !c.on_failure->empty() ? ojson{{"Destination", *c.on_failure}} : ojson::object();
    j["DestinationConfig"] = dest;
    return j;
}

void LambdaService::delete_event_invoke_config(FunctionConfig& f) {
    (void)event_invoke_config_json(f);              // 404 when there is none
    f.event_invoke_config.reset();
    env_.record("lambda.event-invoke-config", {}, ojson{{"function", f.name}, {"deleted", true}});
}

} // namespace invokelab
