// LambdaService::state_json: everything the views draw, in one JSON document.
#include "lambda/lambda.h"
#include "lambda/log_format.h"
#include "sim/env.h"

namespace invokelab {
namespace {

const char* mode_name(FailureInjection::Mode m) {
    switch (m) {
    case FailureInjection::Mode::Off: return "off";
    case FailureInjection::Mode::Always: return "always";
    case FailureInjection::Mode::FirstN: return "first";
    case FailureInjection::Mode::Rate: return "rate";
    }
    return "off";
}

ojson optional_time(const std::optional<TimeMs>& t) { return t ? ojson(*t) : ojson(nullptr); }

} // namespace

ojson LambdaService::state_json() const {
    const TimeMs now = env_.now();
    ojson fns = ojson::array();
    for (const auto& [name, f] : functions_) {
        ojson j;
        j["configuration"] = configuration_json(f, true);
        j["eventInvokeConfig"] = f.event_invoke_config ? event_invoke_config_json(f) : ojson(nullptr);
        j["effectiveMaximumRetryAttempts"] = max_retry_attempts(f);
        j["effectiveMaximumEventAgeInSeconds"] = max_event_age_s(f);
        ojson fail{{"mode", mode_name(f.failure.mode)}, {"firstN", f.failure.first_n}, {"attemptsSeen", f.failure.attempts_seen},
                   {"rate", f.failure.rate}, {"errorType", f.failure.error_type}, {"errorMessage", f.failure.error_message},
                   {"durationMs", f.failure.duration_ms ? ojson(*f.failure.duration_ms) : ojson(nullptr)}};
        j["failure"] = fail;
        if (f.duplicate_rate > 0) j["duplicateRate"] = f.duplicate_rate;   // only when set (goldens of other worlds unchanged)
        if (f.code) j["hasCode"] = true;
        ojson queue = ojson::array();
        for (const auto& q : event_queue(name))
            queue.push_back({{"requestId", q.request_id}, {"acceptedAt", q.accepted_at}, {"ageMs", now - q.accepted_at},
                             {"availableAt", q.available_at}, {"nextAttempt", q.next_attempt}});
        j["queue"] = queue;
        j["metrics"] = {{"AsyncEventsReceived", f.async_events_received}, {"AsyncEventsDropped", f.async_events_dropped},
                        {"DeadLetterErrors", f.dead_letter_errors}, {"DestinationDeliveryFailures", f.destination_delivery_failures}};
        fns.push_back(j);
    }
    ojson invs = ojson::array();
    for (const auto& r : invocations_) {
        ojson attempts = ojson::array();
        const bool duplicate = r.duplicate_of.has_value();
        for (const auto& a : r.attempts) {
            attempts.push_back({{"number", a.number}, {"start", a.start}, {"end", a.end}, {"outcome", to_string(a.outcome)},
                                {"errorType", a.error_type.str()}, {"errorMessage", a.error_message.str()}, {"coldStart", a.cold_start},
                                {"environmentId", environments_[a.environment_index].id()}, {"durationMs", centims_text(a.duration_centims)},
                                {"initDurationMs", a.cold_start ? ojson(centims_text(a.init_centims)) : ojson(nullptr)}});
        }
        invs.push_back({{"requestId", r.request_id}, {"function", r.function}, {"invocationType", to_string(r.invocation_type)},
                        {"acceptedAt", r.accepted_at}, {"statusCode", r.status_code}, {"state", to_string(r.state)},
                        {"condition", to_string(r.condition)}, {"functionError", r.function_error}, {"attempts", attempts},
                        {"nextAttemptAt", optional_time(r.next_attempt_at)}, {"finishedAt", optional_time(r.finished_at)},
                        {"dlqAt", optional_time(r.dlq_at)}, {"dlqTarget", r.dlq_target.str()}, {"dlqMessageId", r.dlq_message_id},
                        {"dlqFailed", r.dlq_failed}, {"destinationTarget", r.destination_target.str()},
                        {"destinationAt", optional_time(r.destination_at)}, {"destinationFailed", r.destination_failed}});
        if (duplicate) invs.back()["duplicateOf"] = *r.duplicate_of;
    }
    ojson envs = ojson::array();
    for (const auto& e : environments_)
        envs.push_back({{"id", e.id()}, {"function", e.function}, {"logStream", e.log_stream}, {"createdAt", e.created_at},
                        {"busy", e.busy}, {"currentRequestId", e.current_request_id}, {"invocationsServed", e.invocations_served}});
    return ojson{{"functions", fns}, {"invocations", invs}, {"environments", envs}};
}

} // namespace invokelab
