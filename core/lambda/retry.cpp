#include "lambda/retry.h"

namespace invokelab {
namespace {

TimeMs throttle_delay(int throttles) {
    TimeMs d = kThrottleFirstDelayMs;
    for (int i = 1; i < throttles && d < kThrottleMaxDelayMs; ++i) d *= 2;
    return d < kThrottleMaxDelayMs ? d : kThrottleMaxDelayMs;
}

} // namespace

AfterAttempt after_attempt(AttemptEnd end, const RetryCounts& counts, const RetryPolicy& policy, TimeMs accepted_at, TimeMs now) {
    AfterAttempt out;
    if (end == AttemptEnd::Success) {
        out.condition = AsyncCondition::Success;
        return out;
    }
    if (end == AttemptEnd::FunctionError) {
        if (counts.function_errors - 1 >= policy.maximum_retry_attempts) {
            out.kind = AfterAttempt::Kind::GiveUp;
            out.condition = AsyncCondition::RetriesExhausted;
            return out;
        }
        out.delay = counts.function_errors == 1 ? kFirstRetryDelayMs : kSecondRetryDelayMs;
    } else {
        out.delay = throttle_delay(counts.throttles);
    }
    out.next_attempt_at = now + out.delay;
    if (out.next_attempt_at > accepted_at + static_cast<TimeMs>(policy.maximum_event_age_s) * 1000) {
        out.kind = AfterAttempt::Kind::GiveUp;
        out.condition = AsyncCondition::EventAgeExceeded;
        return out;
    }
    out.kind = AfterAttempt::Kind::Retry;
    return out;
}

} // namespace invokelab
