// Invoke Lab core: what happens to an async event after an attempt, as a pure function.
//
// Index
//   AttemptEnd         Success | FunctionError (error or timeout) | Throttle
//   RetryCounts        function-error attempts and throttles so far, kept apart
//   AfterAttempt       Done, Retry after `delay`, or GiveUp with a condition
//   after_attempt()    the decision (reference §2.3–§2.5), tested without a World
//
// Function errors use up MaximumRetryAttempts: the 2nd attempt starts kFirstRetryDelayMs
// after the 1st ENDED, the 3rd kSecondRetryDelayMs after the 2nd ended. Throttles (429) and
// system errors do not use up that budget: the event goes back to the queue with a backoff
// from 1 s doubling to at most 5 min, bounded only by MaximumEventAgeInSeconds (§2.4; the
// exact backoff sequence is UNCONFIRMED, and nothing throttles yet). Both kinds look ahead:
// when the next attempt would start after accepted_at + maximum age, the event is given up
// at once with EventAgeExceeded (§2.5).
#pragma once
#include "lambda/states.h"
#include "util/time.h"

namespace invokelab {

enum class AttemptEnd { Success, FunctionError, Throttle };

struct RetryCounts {
    int function_errors = 0;                        // attempts that ended with an error or a timeout, this one included
    int throttles = 0;                              // throttled attempts, this one included
};

struct RetryPolicy {
    int maximum_retry_attempts = 2;                 // 0..2, function errors only
    int maximum_event_age_s = 21'600;               // 60..21600
};

struct AfterAttempt {
    enum class Kind { Done, Retry, GiveUp };
    Kind kind = Kind::Done;
    TimeMs delay = 0;                               // Retry: wait after this attempt ended
    TimeMs next_attempt_at = 0;                     // Retry, or GiveUp by look-ahead: when it would start
    AsyncCondition condition = AsyncCondition::None;   // Done: Success; GiveUp: RetriesExhausted | EventAgeExceeded
};

inline constexpr TimeMs kFirstRetryDelayMs = 60'000;        // after attempt 1 ENDED [DG-ASYNC-ERR] "about 1 minute"
inline constexpr TimeMs kSecondRetryDelayMs = 120'000;      // after attempt 2 ENDED, "about 2 minutes"
inline constexpr TimeMs kThrottleFirstDelayMs = 1'000;      // [DG-ASYNC-ERR] "starts at 1 second"
inline constexpr TimeMs kThrottleMaxDelayMs = 300'000;      // "at most 5 minutes"

// `now` is when the attempt ended; `accepted_at` when the event entered the queue.
AfterAttempt after_attempt(AttemptEnd end, const RetryCounts& counts, const RetryPolicy& policy, TimeMs accepted_at, TimeMs now);

} // namespace invokelab
