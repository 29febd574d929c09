// The asynchronous path: acceptance (202), the function's internal queue, the poller,
// retries on function errors, MaximumEventAgeInSeconds and the end of an event.
//
// Retry timing (reference §2.3): attempt 2 starts kFirstRetryDelayMs after attempt 1 ENDED,
// attempt 3 kSecondRetryDelayMs after attempt 2 ended. Age look-ahead (§2.5): when the next
// attempt would start after accepted_at + MaximumEventAgeInSeconds, the event is given up at
// once with condition EventAgeExceeded.
#include <algorithm>
#include "lambda/lambda.h"
#include "sim/env.h"

namespace invokelab {

InvokeResult LambdaService::invoke_async(FunctionConfig& f, const std::string& payload, const std::string& request_id) {
    const InvocationRecord r = accept(f.name, request_id.empty() ? env_.rng.uuid4() : request_id, "Event", 202, payload, "queued");
    ++f.async_events_received;
    QueuedEvent q{r.request_id, r.accepted_at, r.accepted_at + kAsyncPollDelayMs, 1};
    queues_[f.name].push_back(q);
    env_.record("async.accepted", r.request_id,
                  ojson{{"function", f.name}, {"status", 202}, {"queueDepth", queues_[f.name].size()}});
    schedule_poll(f.name, r.request_id, q.available_at);
    InvokeResult out;
    out.status_code = 202;
    out.request_id = r.request_id;
    out.executed_version.clear();               // the 202 response has no X-Amz-Executed-Version
    return out;
}

void LambdaService::schedule_poll(const std::string& function, const std::string& request_id, TimeMs at) {
    env_.scheduler.at(at, "lambda.poll " + request_id, [this, function, request_id] { poll(function, request_id); });
}

void LambdaService::poll(const std::string& function, const std::string& request_id) {
    auto& queue = queues_[function];
    auto it = std::find_if(queue.begin(), queue.end(), [&](const QueuedEvent& q) { return q.request_id == request_id; });
    if (it == queue.end()) return;
    const QueuedEvent q = *it;
    queue.erase(it);
    const std::size_t inv = by_request_id_.at(request_id);
    FunctionConfig* f = find_function(function);
    if (!f) return;                                 // deleted meanwhile: nothing to run
    // Max age may have been lowered while the event waited (the look-ahead covers the rest).
    if (env_.now() > q.accepted_at + static_cast<TimeMs>(max_event_age_s(*f)) * 1000 && !invocations_[inv].attempts.empty()) {
        env_.record("async.expired", request_id, ojson{{"function", function}, {"ageMs", env_.now() - q.accepted_at}});
        finish_async_failure(inv, "EventAgeExceeded");
        return;
    }
    env_.record("async.dequeued", request_id,
                  ojson{{"function", function}, {"attempt", q.next_attempt}, {"ageMs", env_.now() - q.accepted_at}});
    start_attempt(inv, [this](std::size_t i) { on_async_attempt_end(i); });
}

void LambdaService::on_async_attempt_end(std::size_t inv) {
    InvocationRecord& r = invocations_[inv];
    FunctionConfig& f = functions_.at(r.function);
    const AttemptRecord& a = r.attempts.back();
    if (a.outcome == "success") {
        r.state = "succeeded";
        r.condition = "Success";
        r.finished_at = env_.now();
        env_.record("async.succeeded", r.request_id,
                      ojson{{"function", f.name}, {"approximateInvokeCount", r.attempts.size()}});
        if (f.event_invoke_config && f.event_invoke_config->on_success && !f.event_invoke_config->on_success->empty())
            deliver_destination(inv, *f.event_invoke_config->on_success, true);
        return;
    }
    const int used = static_cast<int>(r.attempts.size());
    if (used - 1 >= max_retry_attempts(f)) {
        finish_async_failure(inv, "RetriesExhausted");
        return;
    }
    const TimeMs delay = used == 1 ? kFirstRetryDelayMs : kSecondRetryDelayMs;
    const TimeMs next = env_.now() + delay;
    const TimeMs deadline = r.accepted_at + static_cast<TimeMs>(max_event_age_s(f)) * 1000;
    if (next > deadline) {
        env_.record("async.expired", r.request_id,
                      ojson{{"function", f.name}, {"ageMs", env_.now() - r.accepted_at}, {"nextAttemptWouldStart", next},
                            {"maximumEventAgeInSeconds", max_event_age_s(f)}});
        finish_async_failure(inv, "EventAgeExceeded");
        return;
    }
    r.state = "waiting-retry";
    r.next_attempt_at = next;
    queues_[f.name].push_back(QueuedEvent{r.request_id, r.accepted_at, next, used + 1});
    env_.record("retry.scheduled", r.request_id,
                  ojson{{"function", f.name}, {"attempt", used + 1}, {"delayMs", delay}, {"at", next}});
    schedule_poll(f.name, r.request_id, next);
}

void LambdaService::finish_async_failure(std::size_t inv, const std::string& condition) {
    InvocationRecord& r = invocations_[inv];
    FunctionConfig& f = functions_.at(r.function);
    r.state = "failed";
    r.condition = condition;
    r.next_attempt_at.reset();
    r.finished_at = env_.now();
    ++f.async_events_dropped;
    env_.record("async.failed", r.request_id,
                  ojson{{"function", f.name}, {"condition", condition}, {"approximateInvokeCount", r.attempts.size()}});
    // Both a failure destination and a DLQ may be set; LocalStack sends to the destination
    // first, then the DLQ [LS-EM]. Same-instant ordering on AWS is UNCONFIRMED.
    bool delivered = false;
    if (f.event_invoke_config && f.event_invoke_config->on_failure && !f.event_invoke_config->on_failure->empty()) {
        deliver_destination(inv, *f.event_invoke_config->on_failure, false);
        delivered = true;
    }
    if (!f.dead_letter_target.empty()) {
        deliver_dead_letter(inv);
        delivered = true;
    }
    if (!delivered) env_.record("async.discarded", r.request_id, ojson{{"function", f.name}, {"condition", condition}});
}

} // namespace invokelab
