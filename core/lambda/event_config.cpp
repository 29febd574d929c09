// Event invoke config (reference §2.6): put replaces, update merges, get/delete/list.
// Range checks: botocore checks the minimum on the client (see shell/lambda_commands.cpp);
// the service checks the maximum and answers ValidationException with this wording (as
// mirrored by moto's tests of the API).
#include "lambda/lambda.h"
#include "aws/arn.h"
#include "aws/errors.h"
#include "sim/env.h"
#include "util/pattern.h"
#include "util/timefmt.h"

namespace invokelab {

// The DestinationConfig ARN pattern Lambda quotes (test_lambda_api.snapshot.json,
// test_lambda_eventinvokeconfig_exceptions put_destination_invalid_arn_pattern, 25-11-2025),
// and the same in ECMAScript syntax (util/pattern.h), matched whole as Java's matches() does.
const char* const kDestinationPattern =
    R"($|kafka://([^.]([a-zA-Z0-9\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1})?:(\d{12})?:(.*))";
const char* const kDestinationRegex =
    R"(^(|kafka://([^.]([a-zA-Z0-9\-_.]{0,248}))|arn:(aws[a-zA-Z0-9\-]*):([a-zA-Z0-9\-])+:((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1})?:(\d{12})?:(.*))$)";

namespace {

// CLI v2 prints a timestamp with Python's isoformat(): no fraction at a whole second
// (awscli/customizations/timestampformat.py; reference §1.4).
std::string isoformat(TimeMs t) {
    return t % 1000 == 0 ? iso8601_seconds(t) + "+00:00" : iso8601_micro_offset(t);
}

std::string destination_text(const std::optional<std::string>& arn, const char* side) {
    if (!arn) return "null";
    return std::string(side) + "(destination=" + (arn->empty() ? "null" : *arn) + ")";
}

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
    static const Pattern pattern(kDestinationRegex);
    auto check_arn = [&](const std::optional<std::string>& arn, const char* where) {
        if (arn && !pattern.match(*arn))
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
    // What a destination may be (recorded in test_lambda_eventinvokeconfig_exceptions): not the
    // function itself, an existing function, and a service that takes invocation records (S3 on
    // failure only). Checked after the request validation, before the role's permissions.
    auto check_destination = [&](const std::optional<std::string>& arn, bool on_success) {
        if (!arn || arn->empty()) return;
        const std::string service = arn_service(*arn);
        if (service == "lambda") {
            const auto parsed = parse_arn(*arn);
            std::string name = parsed ? parsed->resource : "";
            if (name.rfind("function:", 0) == 0) name = name.substr(9);
            name = name.substr(0, name.find(':'));
            if (name == f.name) throw AwsError("InvalidParameterValueException", 400, "You can't specify the function as a destination for itself.");
            if (!find_function(name) || !parsed || parsed->region != env_.region || parsed->account != env_.account_id)
                throw AwsError("InvalidParameterValueException", 400, "The destination ARN " + *arn + " is invalid.");
            return;
        }
        const bool supported = service == "sqs" || service == "sns" || service == "events" || (service == "s3" && !on_success);
        if (!supported)
            throw AwsError("InvalidParameterValueException", 400,
                           "The provided destination config DestinationConfig(onSuccess=" + destination_text(req.on_success, "OnSuccess") +
                           ", onFailure=" + destination_text(req.on_failure, "OnFailure") + ") is invalid.");
    };
    check_destination(req.on_success, true);
    check_destination(req.on_failure, false);
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
    // Recorded: the ARN in the message is qualified (test_lambda_eventinvokeconfig_exceptions delete_function_not_found).
    if (!f.event_invoke_config)
        throw AwsError("ResourceNotFoundException", 404,
                       "The function " + f.arn(env_.region, env_.account_id) + ":$LATEST doesn't have an EventInvokeConfig");
    const EventInvokeConfig& c = *f.event_invoke_config;
    ojson j;
    j["LastModified"] = isoformat(c.last_modified);
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
