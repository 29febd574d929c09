// The asynchronous path: acceptance (202), the function's internal queue, the poller,
// retries on function errors, MaximumEventAgeInSeconds and the end of an event.
//
// What follows an attempt is decided by after_attempt() (lambda/retry.h): retry timing
// (reference §2.3) and the age look-ahead (§2.5) live there, tested without a World.
#include "lambda/lambda.h"
#include "sim/env.h"

namespace invokelab {

LambdaService::FunctionSlot& LambdaService::slot_of(const std::string& function) {
    auto it = slots_.lower_bound(function);
    if (it == slots_.end() || it->first != function) {
        it = slots_.emplace_hint(it, function, FunctionSlot{});
        it->second.config = find_function(function);
    }
    return it->second;
}

InvokeResult LambdaService::invoke_async(FunctionConfig& f, const std::string& payload, std::string request_id) {
    if (request_id.empty()) request_id = rng().uuid4();
    const InvocationRecord& r = accept(f.name, request_id, InvocationType::Event, 202, payload, InvocationState::Queued);
    ++f.async_events_received;
    const std::size_t inv = invocations_.size() - 1;
    const TimeMs available_at = r.accepted_at + kAsyncPollDelayMs;
    FunctionSlot& slot = slot_of(f.name);
    const EventQueue::Ticket ticket = slot.queue.push(QueuedEvent{r.request_id, r.accepted_at, available_at, 1, inv});
    env_.record_of("async.accepted", r.request_id, "function", f.name, "status", 202, "queueDepth", slot.queue.size());
    schedule_poll(inv, ticket, available_at, slot);
    InvokeResult out;
    out.status_code = 202;
    out.request_id = std::move(request_id);        // the record has its own copy
    out.executed_version.clear();               // the 202 response has no X-Amz-Executed-Version
    return out;
}

void LambdaService::schedule_poll(std::size_t inv, EventQueue::Ticket ticket, TimeMs at, FunctionSlot& slot) {
    // Three words captured (the function is the record's, its slot found once at acceptance): the
    // action fits the scheduler's inline buffer, where a captured const std::string (not
    // nothrow-movable) went to the heap.
    FunctionSlot* s = &slot;
    env_.scheduler.at(at, Scheduler::Label("lambda.poll ", invocations_[inv].request_id), [this, inv, ticket, s] { poll(inv, ticket, *s); });
}

// At least once: the internal queue may hand the same event to the function more than once even
// when nothing failed (reference §2.5 [DG-ASYNC-ERR]). With `lab duplicates F rate P`, an event's
// first dequeue draws (stream "duplicates", so worlds without the setting draw nothing new) whether
// a second copy follows: a new record with the same request id and payload that goes through the
// queue, attempts and retries on its own. A copy is never copied again.
void LambdaService::maybe_duplicate(FunctionSlot& slot, std::size_t inv) {
    FunctionConfig& f = *slot.config;
    if (f.duplicate_rate <= 0 || invocations_[inv].duplicate_of || !invocations_[inv].attempts.empty()) return;
    Rng& draws = env_.stream("duplicates");
    if (!(draws.next_unit() < f.duplicate_rate)) return;
    const TimeMs at = env_.now() + kDuplicateMinDelayMs + static_cast<TimeMs>(draws.below(kDuplicateSpanMs));
    InvocationRecord copy;
    const InvocationRecord& original = invocations_[inv];
    copy.request_id = original.request_id;
    copy.function = original.function;
    copy.invocation_type = InvocationType::Event;
    copy.accepted_at = original.accepted_at;
    copy.status_code = original.status_code;
    copy.payload = original.payload;
    copy.state = InvocationState::Queued;
    copy.duplicate_of = inv;
    invocations_.push_back(std::move(copy));
    const std::size_t index = invocations_.size() - 1;
    const EventQueue::Ticket ticket = slot.queue.push(QueuedEvent{invocations_[index].request_id, invocations_[index].accepted_at, at, 1, index});
    env_.record_of("async.duplicated", invocations_[index].request_id, "function", f.name, "deliverAt", at, "copy", 2);
    schedule_poll(index, ticket, at, slot);
}

void LambdaService::poll(std::size_t inv, EventQueue::Ticket ticket, FunctionSlot& slot) {
    const std::optional<QueuedEvent> taken = slot.queue.take(ticket);
    if (!taken) return;
    const QueuedEvent& q = *taken;
    const std::string_view request_id = q.request_id;
    FunctionConfig* f = slot.config;                // whatever function has the name now (none: deleted meanwhile)
    if (!f) return;                                 // deleted meanwhile: nothing to run
    const std::string& function = f->name;
    // Max age may have been lowered while the event waited (the look-ahead covers the rest).
    if (env_.now() > q.accepted_at + static_cast<TimeMs>(max_event_age_s(*f)) * 1000 && !invocations_[inv].attempts.empty()) {
        env_.record_of("async.expired", request_id, "function", function, "ageMs", env_.now() - q.accepted_at);
        finish_async_failure(inv, *f, AsyncCondition::EventAgeExceeded);
        return;
    }
    if (invocations_[inv].duplicate_of)
        env_.record_of("async.dequeued", request_id, "function", function, "attempt", q.next_attempt, "ageMs", env_.now() - q.accepted_at,
                       "duplicate", true);
    else
        env_.record_of("async.dequeued", request_id, "function", function, "attempt", q.next_attempt, "ageMs", env_.now() - q.accepted_at);
    maybe_duplicate(slot, inv);
    FunctionSlot* s = &slot;
    begin_attempt(inv, [this, s](std::size_t i) { on_async_attempt_end(i, *s); });
}

void LambdaService::on_async_attempt_end(std::size_t inv, FunctionSlot& slot) {
    InvocationRecord& r = invocations_[inv];
    FunctionConfig& f = *slot.config;               // the function that ran the attempt (it has not gone since)
    RetryCounts counts;
    for (const auto& a : r.attempts)
        if (a.outcome == AttemptOutcome::Error || a.outcome == AttemptOutcome::Timeout) ++counts.function_errors;
    const AttemptEnd end = r.attempts.back().outcome == AttemptOutcome::Success ? AttemptEnd::Success : AttemptEnd::FunctionError;
    const AfterAttempt next = after_attempt(end, counts, RetryPolicy{max_retry_attempts(f), max_event_age_s(f)}, r.accepted_at, env_.now());
    switch (next.kind) {
    case AfterAttempt::Kind::Done:
        r.state = InvocationState::Succeeded;
        r.condition = AsyncCondition::Success;
        r.finished_at = env_.now();
        env_.record_of("async.succeeded", r.request_id, "function", f.name, "approximateInvokeCount", r.attempts.size());
        if (f.event_invoke_config && f.event_invoke_config->on_success && !f.event_invoke_config->on_success->empty())
            deliver_destination(inv, f, *f.event_invoke_config->on_success, true);
        std::string().swap(r.response);             // delivered (or not wanted): nothing reads it any more
        return;
    case AfterAttempt::Kind::GiveUp:
        if (next.condition == AsyncCondition::EventAgeExceeded)
            env_.record_of("async.expired", r.request_id, "function", f.name, "ageMs", env_.now() - r.accepted_at, "nextAttemptWouldStart",
                           next.next_attempt_at, "maximumEventAgeInSeconds", max_event_age_s(f));
        finish_async_failure(inv, f, next.condition);
        return;
    case AfterAttempt::Kind::Retry: {
        const int attempt = static_cast<int>(r.attempts.size()) + 1;
        r.state = InvocationState::WaitingRetry;
        r.next_attempt_at = next.next_attempt_at;
        const EventQueue::Ticket ticket = slot.queue.push(QueuedEvent{r.request_id, r.accepted_at, next.next_attempt_at, attempt, inv});
        env_.record_of("retry.scheduled", r.request_id, "function", f.name, "attempt", attempt, "delayMs", next.delay, "at",
                       next.next_attempt_at);
        schedule_poll(inv, ticket, next.next_attempt_at, slot);
        return;
    }
    }
}

void LambdaService::finish_async_failure(std::size_t inv, FunctionConfig& f, AsyncCondition condition) {
    InvocationRecord& r = invocations_[inv];
    r.state = InvocationState::Failed;
    r.condition = condition;
    r.next_attempt_at.reset();
    r.finished_at = env_.now();
    ++f.async_events_dropped;
    env_.record_of("async.failed", r.request_id, "function", f.name, "condition", to_string(condition), "approximateInvokeCount",
                   r.attempts.size());
    // Both a failure destination and a DLQ may be set; LocalStack sends to the destination
    // first, then the DLQ [LS-EM]. Same-instant ordering on AWS is UNCONFIRMED.
    bool delivered = false;
    if (f.event_invoke_config && f.event_invoke_config->on_failure && !f.event_invoke_config->on_failure->empty()) {
        deliver_destination(inv, f, *f.event_invoke_config->on_failure, false);
        delivered = true;
    }
    if (!f.dead_letter_target.empty()) {
        deliver_dead_letter(inv, f);
        delivered = true;
    }
    if (!delivered) env_.record_of("async.discarded", r.request_id, "function", f.name, "condition", to_string(condition));
    std::string().swap(r.response);                 // delivered (or not wanted): nothing reads it any more
}

} // namespace invokelab
