// after_attempt(): the retry decision alone, without a World (reference §2.3–§2.5).
#include <gtest/gtest.h>
#include "lambda/retry.h"

using namespace invokelab;

namespace {

using Kind = AfterAttempt::Kind;
constexpr TimeMs kAccepted = 1'000;
const RetryPolicy kDefault{2, 21'600};

} // namespace

TEST(RetryDecision, SuccessIsDoneWithConditionSuccess) {
    const AfterAttempt a = after_attempt(AttemptEnd::Success, {0, 0}, kDefault, kAccepted, 5'000);
    EXPECT_EQ(a.kind, Kind::Done);
    EXPECT_EQ(a.condition, AsyncCondition::Success);
    EXPECT_EQ(a.delay, 0);
}

TEST(RetryDecision, FunctionErrorsWaitOneThenTwoMinutesAfterTheAttemptEnded) {
    const AfterAttempt first = after_attempt(AttemptEnd::FunctionError, {1, 0}, kDefault, kAccepted, 1'300);
    EXPECT_EQ(first.kind, Kind::Retry);
    EXPECT_EQ(first.delay, 60'000);
    EXPECT_EQ(first.next_attempt_at, 61'300);
    const AfterAttempt second = after_attempt(AttemptEnd::FunctionError, {2, 0}, kDefault, kAccepted, 61'600);
    EXPECT_EQ(second.kind, Kind::Retry);
    EXPECT_EQ(second.delay, 120'000);
    EXPECT_EQ(second.next_attempt_at, 181'600);
    const AfterAttempt third = after_attempt(AttemptEnd::FunctionError, {3, 0}, kDefault, kAccepted, 181'900);
    EXPECT_EQ(third.kind, Kind::GiveUp);
    EXPECT_EQ(third.condition, AsyncCondition::RetriesExhausted);
}

TEST(RetryDecision, MaximumRetryAttemptsZeroGivesUpAfterTheFirstError) {
    const AfterAttempt a = after_attempt(AttemptEnd::FunctionError, {1, 0}, RetryPolicy{0, 21'600}, kAccepted, 1'300);
    EXPECT_EQ(a.kind, Kind::GiveUp);
    EXPECT_EQ(a.condition, AsyncCondition::RetriesExhausted);
}

TEST(RetryDecision, AgeLookAheadGivesUpWhenTheNextAttemptWouldStartTooLate) {
    // Max age 60 s: accepted at 1 000, the retry would start at 61 300 > 61 000.
    const AfterAttempt late = after_attempt(AttemptEnd::FunctionError, {1, 0}, RetryPolicy{2, 60}, kAccepted, 1'300);
    EXPECT_EQ(late.kind, Kind::GiveUp);
    EXPECT_EQ(late.condition, AsyncCondition::EventAgeExceeded);
    EXPECT_EQ(late.next_attempt_at, 61'300);
    // Exactly at the deadline is still allowed.
    const AfterAttempt edge = after_attempt(AttemptEnd::FunctionError, {1, 0}, RetryPolicy{2, 60}, kAccepted, 1'000);
    EXPECT_EQ(edge.kind, Kind::Retry);
    EXPECT_EQ(edge.next_attempt_at, 61'000);
}

TEST(RetryDecision, ThrottlesDoNotUseUpMaximumRetryAttempts) {
    // Two function errors already spent the whole budget of 1 retry, but a throttle still retries.
    const AfterAttempt a = after_attempt(AttemptEnd::Throttle, {2, 1}, RetryPolicy{1, 21'600}, kAccepted, 10'000);
    EXPECT_EQ(a.kind, Kind::Retry);
    EXPECT_EQ(a.delay, 1'000);
    EXPECT_EQ(a.next_attempt_at, 11'000);
    // With MaximumRetryAttempts 0 too.
    EXPECT_EQ(after_attempt(AttemptEnd::Throttle, {0, 3}, RetryPolicy{0, 21'600}, kAccepted, 10'000).kind, Kind::Retry);
}

TEST(RetryDecision, ThrottleBackoffDoublesFromOneSecondToFiveMinutes) {
    const TimeMs expected[] = {1'000, 2'000, 4'000, 8'000, 16'000, 32'000, 64'000, 128'000, 256'000, 300'000, 300'000};
    for (int n = 1; n <= 11; ++n)
        EXPECT_EQ(after_attempt(AttemptEnd::Throttle, {0, n}, kDefault, kAccepted, 2'000).delay, expected[n - 1]) << "throttle " << n;
}

TEST(RetryDecision, ThrottlesAreBoundedOnlyByTheEventAge) {
    // 6 hours after acceptance, a 5-minute backoff would pass the default maximum age.
    const TimeMs now = kAccepted + 21'600'000 - 200'000;
    const AfterAttempt a = after_attempt(AttemptEnd::Throttle, {0, 20}, kDefault, kAccepted, now);
    EXPECT_EQ(a.kind, Kind::GiveUp);
    EXPECT_EQ(a.condition, AsyncCondition::EventAgeExceeded);
    EXPECT_EQ(a.next_attempt_at, now + 300'000);
}
