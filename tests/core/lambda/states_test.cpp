// The typed states and their strings at the JSON edge.
#include <gtest/gtest.h>
#include "lambda/states.h"

using namespace invokelab;

TEST(LambdaStates, StringsAtTheJsonEdge) {
    EXPECT_STREQ(to_string(InvocationState::WaitingRetry), "waiting-retry");
    EXPECT_STREQ(to_string(InvocationState::Rejected), "rejected");
    EXPECT_STREQ(to_string(AttemptOutcome::Running), "");
    EXPECT_STREQ(to_string(AttemptOutcome::Timeout), "timeout");
    EXPECT_STREQ(to_string(AsyncCondition::None), "");
    EXPECT_STREQ(to_string(AsyncCondition::EventAgeExceeded), "EventAgeExceeded");
    EXPECT_STREQ(to_string(InvocationType::DryRun), "DryRun");
}

TEST(LambdaStates, InvocationTypeParsesOnlyTheAwsSpelling) {
    EXPECT_EQ(parse_invocation_type("Event"), InvocationType::Event);
    EXPECT_EQ(parse_invocation_type("RequestResponse"), InvocationType::RequestResponse);
    EXPECT_EQ(parse_invocation_type("DryRun"), InvocationType::DryRun);
    EXPECT_EQ(parse_invocation_type("event"), std::nullopt);
    EXPECT_EQ(parse_invocation_type("Async"), std::nullopt);
}

TEST(LambdaStates, PendingMeansStillInTheSystem) {
    EXPECT_TRUE(is_pending(InvocationState::Queued));
    EXPECT_TRUE(is_pending(InvocationState::Running));
    EXPECT_TRUE(is_pending(InvocationState::WaitingRetry));
    EXPECT_FALSE(is_pending(InvocationState::Succeeded));
    EXPECT_FALSE(is_pending(InvocationState::Failed));
    EXPECT_FALSE(is_pending(InvocationState::Rejected));
}
