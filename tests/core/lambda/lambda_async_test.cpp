// Asynchronous invoke (reference §2): 202 at once, the internal queue, the poller, retries
// +60 s / +120 s after the previous attempt ENDED, MaximumRetryAttempts, the max-age
// look-ahead, the 1 MB limit, timeouts as function errors, one request id throughout.
#include <gtest/gtest.h>
#include "lambda_test_util.h"

using namespace invokelab;
using namespace invokelab::testing;

namespace {

const char* kAsync = "aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out "
                     "--payload '{\"key1\": \"value1\"}' response.json";

TEST(LambdaAsync, Returns202AtOnceWithAnEmptyBody) {
    Shell sh(1);
    sh.world().files.write("response.json", "old content");
    const CommandResult r = sh.run(kAsync);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, "{\n    \"StatusCode\": 202\n}\n");
    EXPECT_EQ(sh.world().files.read("response.json").value(), "");
    EXPECT_EQ(sh.world().now(), 0);                 // nothing ran yet: the caller does not wait
    const InvocationRecord& inv = last_invocation(sh.world());
    EXPECT_EQ(inv.status_code, 202);
    EXPECT_EQ(inv.state, InvocationState::Queued);
    EXPECT_TRUE(inv.attempts.empty());
}

TEST(LambdaAsync, EventWaitsInTheInternalQueueWithItsAge) {
    Shell sh(1);
    sh.run("lab advance 1s");
    sh.run(kAsync);
    const auto& q = sh.world().lambda.event_queue("demo-lambda");
    ASSERT_EQ(q.size(), 1u);
    EXPECT_EQ(q[0].request_id, last_invocation(sh.world()).request_id);
    EXPECT_EQ(q[0].accepted_at, 1000);
    EXPECT_EQ(q[0].available_at, 1000 + LambdaService::kAsyncPollDelayMs);
    sh.world().scheduler.run_until(1003);
    const ojson state = sh.world().lambda.state_json();
    EXPECT_EQ(state["functions"][0]["queue"][0]["ageMs"], 3);
    sh.world().scheduler.run_until(1005);           // the poller takes it
    EXPECT_TRUE(sh.world().lambda.event_queue("demo-lambda").empty());
    EXPECT_EQ(last_invocation(sh.world()).attempts.at(0).start, 1005);
}

TEST(LambdaAsync, DefaultFailingEventIsTriedThreeTimesAtPlus60sAndPlus120s) {
    Shell sh(1);
    sh.run("lab fail demo-lambda always");
    sh.run(kAsync);
    sh.world().scheduler.run_until_idle();
    const InvocationRecord& inv = last_invocation(sh.world());
    ASSERT_EQ(inv.attempts.size(), 3u);
    // Seed 1 measured: attempts start at 5, 60102 and 180104.
    EXPECT_EQ(inv.attempts[0].start, 5);
    EXPECT_EQ(inv.attempts[0].end, 102);            // cold start: Init 95.13 ms + 1.79 ms
    EXPECT_EQ(inv.attempts[1].start, 60'102);
    EXPECT_EQ(inv.attempts[1].end, 60'104);
    EXPECT_EQ(inv.attempts[2].start, 180'104);
    EXPECT_EQ(inv.attempts[2].end, 180'108);
    // The rule itself: exactly 60 000 / 120 000 ms after the previous attempt ended.
    EXPECT_EQ(inv.attempts[1].start - inv.attempts[0].end, 60'000);
    EXPECT_EQ(inv.attempts[2].start - inv.attempts[1].end, 120'000);
    EXPECT_TRUE(inv.attempts[0].cold_start);
    EXPECT_FALSE(inv.attempts[1].cold_start);
    EXPECT_FALSE(inv.attempts[2].cold_start);
    EXPECT_EQ(inv.state, InvocationState::Failed);
    EXPECT_EQ(inv.condition, AsyncCondition::RetriesExhausted);
    EXPECT_EQ(inv.finished_at, 180'108);
    const auto retries = trace_of(sh.world(), "retry.scheduled", inv.request_id);
    ASSERT_EQ(retries.size(), 2u);
    EXPECT_EQ(retries[0]->detail["delayMs"], 60'000);
    EXPECT_EQ(retries[0]->detail["at"], 60'102);
    EXPECT_EQ(retries[1]->detail["delayMs"], 120'000);
    EXPECT_EQ(trace_of(sh.world(), "async.discarded", inv.request_id).size(), 1u);   // no DLQ configured
}

// A waiting event holds its function's slot (found once at acceptance), not a copy of the
// configuration: settings changed while it waits for its retry decide that retry's outcome.
TEST(LambdaAsync, SettingsChangedWhileAnEventWaitsApplyToItsNextAttempt) {
    Shell sh(1);
    World& w = sh.world();
    w.sqs.create_queue("lambda-DLQ");
    const std::string role = w.lambda.functions().at("demo-lambda").role_name();
    ASSERT_EQ(sh.run("aws iam attach-role-policy --role-name " + role + " --policy-arn arn:aws:iam::aws:policy/AmazonSQSFullAccess").exit_code, 0);
    sh.run("lab fail demo-lambda always");
    sh.run(kAsync);
    w.scheduler.run_until(30'000);                   // the first attempt failed; the retry waits for 60 102
    const InvocationRecord& inv = last_invocation(w);
    ASSERT_EQ(inv.attempts.size(), 1u);
    EXPECT_EQ(inv.state, InvocationState::WaitingRetry);
    EXPECT_EQ(inv.next_attempt_at, 60'102);
    EXPECT_EQ(w.lambda.event_queue("demo-lambda").size(), 1u);
    // Meanwhile: one retry at most, and a DLQ.
    ASSERT_EQ(sh.run("aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts 1").exit_code, 0);
    ASSERT_EQ(sh.run("aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config "
                     "TargetArn=arn:aws:sqs:ap-northeast-2:123456789012:lambda-DLQ").exit_code, 0);
    w.scheduler.run_until_idle();
    ASSERT_EQ(inv.attempts.size(), 2u);              // the retry was the last one (was two retries)
    EXPECT_EQ(inv.attempts[1].start, 60'102);
    EXPECT_EQ(inv.state, InvocationState::Failed);
    EXPECT_EQ(inv.condition, AsyncCondition::RetriesExhausted);
    EXPECT_EQ(inv.attempts[1].end, 60'105);         // (the configuration update drew a new RevisionId: other draws than the 3-attempt test)
    EXPECT_EQ(inv.finished_at, 60'105);
    const auto failed = trace_of(w, "async.failed", inv.request_id);
    ASSERT_EQ(failed.size(), 1u);
    EXPECT_EQ(failed[0]->detail.dump(), R"({"function":"demo-lambda","condition":"RetriesExhausted","approximateInvokeCount":2})");
    EXPECT_EQ(trace_of(w, "retry.scheduled", inv.request_id).size(), 1u);
    EXPECT_EQ(inv.dlq_target, "arn:aws:sqs:ap-northeast-2:123456789012:lambda-DLQ");
    EXPECT_EQ(trace_of(w, "dlq.sent", inv.request_id).size(), 1u);
    EXPECT_EQ(trace_of(w, "async.discarded", inv.request_id).size(), 0u);
    EXPECT_EQ(w.sqs.queues().at("lambda-DLQ").messages.size(), 1u);
    EXPECT_EQ(w.lambda.functions().at("demo-lambda").async_events_dropped, 1);
    EXPECT_EQ(w.lambda.event_queue("demo-lambda").size(), 0u);
}

TEST(LambdaAsync, WaitingRetryShowsTheNextAttemptTime) {
    Shell sh(1);
    sh.run("lab fail demo-lambda always");
    sh.run(kAsync);
    sh.run("lab advance 1s");
    const InvocationRecord& inv = last_invocation(sh.world());
    EXPECT_EQ(inv.state, InvocationState::WaitingRetry);
    EXPECT_EQ(inv.next_attempt_at, 60'102);
    const auto& q = sh.world().lambda.event_queue("demo-lambda");
    ASSERT_EQ(q.size(), 1u);
    EXPECT_EQ(q[0].next_attempt, 2);
    EXPECT_EQ(q[0].available_at, 60'102);
    EXPECT_EQ(sh.world().lambda.state_json()["functions"][0]["queue"][0]["ageMs"], 1000);
}

TEST(LambdaAsync, EveryAttemptLogsTheSameRequestId) {
    Shell sh(1);
    sh.run("lab fail demo-lambda always");
    sh.run(kAsync);
    sh.world().scheduler.run_until_idle();
    const std::string rid = last_invocation(sh.world()).request_id;
    std::size_t starts = 0, reports = 0, errors = 0;
    for (const auto& m : log_messages(sh.world())) {
        if (m.rfind("START RequestId: ", 0) == 0) { EXPECT_EQ(m, "START RequestId: " + rid + " Version: $LATEST\n"); ++starts; }
        if (m.rfind("REPORT RequestId: " + rid + "\t", 0) == 0) ++reports;
        if (m.rfind("[ERROR] Exception: Something went wrong!\n", 0) == 0) ++errors;
    }
    EXPECT_EQ(starts, 3u);
    EXPECT_EQ(reports, 3u);
    EXPECT_EQ(errors, 3u);
    // The request id of the 202 is the one the function sees (reference §2.1).
    for (const auto& e : trace_of(sh.world(), "attempt.start")) EXPECT_EQ(e->request_id, rid);
}

// Issue 9 item 3 (10^6 events in <= 1 GB): a finished retried event stays small. Its attempts
// are reserved exactly (1 + MaximumRetryAttempts, no vector growth to 4), share one copy of the
// repeated error texts, and the response body (read only by a destination) is released.
TEST(LambdaAsync, FinishedRetriedEventKeepsACompactRecord) {
    Shell sh(1);
    sh.run("lab fail demo-lambda always");
    sh.run(kAsync);
    const InvocationRecord& inv = last_invocation(sh.world());
    sh.run("lab advance 1s");                       // after the first attempt: the response is there while the event is in flight
    EXPECT_EQ(inv.attempts.capacity(), 3u);
    EXPECT_EQ(inv.response.rfind("{\"errorMessage\": \"Something went wrong!\", \"errorType\": \"Exception\", \"requestId\": \"" +
                                     inv.request_id + "\", \"stackTrace\": [", 0), 0u);
    sh.world().scheduler.run_until_idle();
    ASSERT_EQ(inv.attempts.size(), 3u);
    EXPECT_EQ(inv.attempts.capacity(), 3u);
    EXPECT_EQ(inv.attempts[0].error_message, "Something went wrong!");
    EXPECT_EQ(inv.attempts[2].error_type, "Exception");
    EXPECT_EQ(&inv.attempts[0].error_message.str(), &inv.attempts[2].error_message.str());   // one shared copy
    EXPECT_EQ(&inv.attempts[0].error_type.str(), &inv.attempts[1].error_type.str());
    EXPECT_EQ(inv.state, InvocationState::Failed);
    EXPECT_EQ(inv.response, "");
}

TEST(LambdaAsync, MaximumRetryAttemptsZeroMeansOneAttempt) {
    Shell sh(1);
    sh.run("lab fail demo-lambda always");
    ASSERT_EQ(sh.run("aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts 0").exit_code, 0);
    sh.run(kAsync);
    sh.world().scheduler.run_until_idle();
    const InvocationRecord& inv = last_invocation(sh.world());
    EXPECT_EQ(inv.attempts.size(), 1u);
    EXPECT_EQ(inv.condition, AsyncCondition::RetriesExhausted);
    EXPECT_EQ(inv.finished_at, inv.attempts[0].end);
}

TEST(LambdaAsync, MaximumRetryAttemptsOneMeansTwoAttempts) {
    Shell sh(1);
    sh.run("lab fail demo-lambda always");
    sh.run("aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts 1");
    sh.run(kAsync);
    sh.world().scheduler.run_until_idle();
    const InvocationRecord& inv = last_invocation(sh.world());
    ASSERT_EQ(inv.attempts.size(), 2u);
    EXPECT_EQ(inv.attempts[1].start - inv.attempts[0].end, 60'000);
    EXPECT_EQ(inv.condition, AsyncCondition::RetriesExhausted);
}

TEST(LambdaAsync, SuccessAfterARetryEndsTheEvent) {
    Shell sh(1);
    sh.run("lab fail demo-lambda first 1");
    sh.run(kAsync);
    sh.world().scheduler.run_until_idle();
    const InvocationRecord& inv = last_invocation(sh.world());
    ASSERT_EQ(inv.attempts.size(), 2u);
    EXPECT_EQ(inv.attempts[0].outcome, AttemptOutcome::Error);
    EXPECT_EQ(inv.attempts[1].outcome, AttemptOutcome::Success);
    EXPECT_EQ(inv.state, InvocationState::Succeeded);
    EXPECT_EQ(inv.condition, AsyncCondition::Success);
}

TEST(LambdaAsync, MaxEventAge60GivesUpAfterTheFirstAttempt) {
    Shell sh(1);
    sh.run("lab fail demo-lambda always");
    sh.run("aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-event-age-in-seconds 60");
    sh.run(kAsync);
    sh.world().scheduler.run_until_idle();
    const InvocationRecord& inv = last_invocation(sh.world());
    EXPECT_EQ(inv.attempts.size(), 1u);             // approximateInvokeCount 1 (reference §2.5)
    EXPECT_EQ(inv.condition, AsyncCondition::EventAgeExceeded);
    EXPECT_EQ(inv.finished_at, inv.attempts[0].end);   // at once, not at the 60 s mark
    EXPECT_EQ(trace_of(sh.world(), "async.expired").size(), 1u);
}

TEST(LambdaAsync, MaxEventAge90GivesUpAfterTheSecondAttempt) {
    Shell sh(1);
    sh.run("lab fail demo-lambda always");
    sh.run("aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-event-age-in-seconds 90");
    sh.run(kAsync);
    sh.world().scheduler.run_until_idle();
    const InvocationRecord& inv = last_invocation(sh.world());
    EXPECT_EQ(inv.attempts.size(), 2u);
    EXPECT_EQ(inv.condition, AsyncCondition::EventAgeExceeded);
}

TEST(LambdaAsync, PayloadOver1MBIs413) {
    Shell sh(1);
    const std::string big = "{\"a\": \"" + std::string(1'048'576, 'x') + "\"}";
    try {
        sh.world().invoke("demo-lambda", big, InvocationType::Event, "ap-northeast-2", false);
        FAIL() << "expected RequestEntityTooLargeException";
    } catch (const AwsError& e) {
        EXPECT_EQ(e.code, "RequestEntityTooLargeException");
        EXPECT_EQ(e.http_status, 413);
        EXPECT_EQ(std::string(e.what()), "1048585 byte payload is too large for the Event invocation type (limit 1048576 bytes)");
    }
    EXPECT_TRUE(sh.world().lambda.event_queue("demo-lambda").empty());
    const std::string exact = "{\"a\": \"" + std::string(1'048'576 - 9, 'x') + "\"}";
    EXPECT_EQ(sh.world().invoke("demo-lambda", exact, InvocationType::Event, "ap-northeast-2", false).status_code, 202);
}

TEST(LambdaAsync, HandlerLongerThanTheTimeoutTimesOutAndIsRetried) {
    Shell sh(1);
    sh.run("lab fail demo-lambda off --duration 5s");
    sh.run(kAsync);
    sh.world().scheduler.run_until_idle();
    const InvocationRecord& inv = last_invocation(sh.world());
    ASSERT_EQ(inv.attempts.size(), 3u);
    EXPECT_EQ(inv.attempts[0].outcome, AttemptOutcome::Timeout);
    EXPECT_EQ(inv.attempts[0].error_type, "Sandbox.Timedout");
    EXPECT_EQ(inv.attempts[0].error_message, "RequestId: " + inv.request_id + " Error: Task timed out after 3.00 seconds");
    EXPECT_EQ(inv.attempts[0].duration_centims, 300'000);
    EXPECT_EQ(inv.attempts[0].end - inv.attempts[0].start, (inv.attempts[0].init_centims + 300'000 + 99) / 100);
    EXPECT_EQ(inv.attempts[1].start - inv.attempts[0].end, 60'000);
    bool saw_report = false;
    for (const auto& m : log_messages(sh.world()))
        if (m.rfind("REPORT", 0) == 0 && m.find("Duration: 3000.00 ms\tBilled Duration: 3000 ms") != std::string::npos) saw_report = true;
    EXPECT_TRUE(saw_report);
}

TEST(LambdaAsync, SameSeedSameCommandsSameTrace) {
    auto run = [] {
        Shell sh(7);
        sh.run("lab fail demo-lambda rate 0.5");
        for (int i = 0; i < 5; ++i) sh.run(kAsync);
        sh.run("lab run");
        return sh.world().trace.to_json_lines();
    };
    const std::string a = run();
    EXPECT_EQ(a, run());
    Shell other(8);
    other.run("lab fail demo-lambda rate 0.5");
    for (int i = 0; i < 5; ++i) other.run(kAsync);
    other.run("lab run");
    EXPECT_NE(a, other.world().trace.to_json_lines());
}

} // namespace

namespace {

TEST(LambdaLogs, OneStreamPerEnvironmentInAwsFormat) {
    Shell sh(1);
    sh.run("lab fail demo-lambda off --duration 2s");
    sh.run(kAsync);                                 // attempt 1 runs 5 ms .. ~2.2 s
    sh.run("lab advance 10ms");
    sh.run("aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload '{}' o.json");
    const auto& envs = sh.world().lambda.environments();
    ASSERT_EQ(envs.size(), 2u);                     // the busy environment is not shared
    const LogGroup* group = sh.world().logs.find_group("/aws/lambda/demo-lambda");
    ASSERT_NE(group, nullptr);
    EXPECT_EQ(group->streams.size(), 2u);
    for (const auto& e : envs) {
        EXPECT_EQ(e.id().size(), 32u);
        EXPECT_EQ(e.id().find_first_not_of("0123456789abcdef"), std::string::npos);
        EXPECT_EQ(e.log_stream, "2026/03/02/[$LATEST]" + std::string(e.id()));
        ASSERT_TRUE(group->streams.count(e.log_stream));
        const auto& events = group->streams.at(e.log_stream).events;
        EXPECT_EQ(events.front().message().rfind("INIT_START Runtime Version: python:3.12.v64\tRuntime Version ARN: arn:aws:lambda:ap-northeast-2::runtime:", 0), 0u);
    }
    EXPECT_EQ(envs[1].log_stream, "2026/03/02/[$LATEST]" + std::string(envs[last_invocation(sh.world()).attempts[0].environment_index].id()));
}

// An environment shows the request it runs now (state JSON "currentRequestId", the function
// view) while an attempt is in it, and "" once it is idle; its id is the end of its stream name.
// Two events in flight at once, and a retry that comes back to the first environment.
TEST(LambdaEnvironments, ShowTheRequestTheyRunNowAndTheirIdIsTheStreamNamesEnd) {
    Shell sh(1);
    sh.run("lab fail demo-lambda always");
    sh.run(kAsync);                                 // accepted at 0, attempt 1 from 5 to 102 (cold)
    sh.world().scheduler.run_until(50);
    sh.run(kAsync);                                 // accepted at 50 while the first still runs
    sh.world().scheduler.run_until(56);             // its poll at 55 needs a second, cold environment
    const std::string first = sh.world().lambda.invocations().at(0).request_id;
    const std::string second = sh.world().lambda.invocations().at(1).request_id;
    ASSERT_NE(first, second);
    auto envs = [&] { return sh.world().lambda.state_json()["environments"]; };
    ojson e = envs();
    ASSERT_EQ(e.size(), 2u);
    EXPECT_EQ(e[0]["busy"], true);
    EXPECT_EQ(e[0]["currentRequestId"], first);
    EXPECT_EQ(e[1]["busy"], true);
    EXPECT_EQ(e[1]["currentRequestId"], second);
    for (const auto& env : e) {
        const std::string id = env["id"].get<std::string>(), stream = env["logStream"].get<std::string>();
        EXPECT_EQ(id.size(), 32u);
        EXPECT_EQ(stream, "2026/03/02/[$LATEST]" + id);
    }
    const ojson invs = sh.world().lambda.state_json()["invocations"];
    EXPECT_EQ(invs[0]["attempts"][0]["environmentId"], e[0]["id"]);
    EXPECT_EQ(invs[1]["attempts"][0]["environmentId"], e[1]["id"]);

    sh.world().scheduler.run_until(1'000);          // both first attempts over: idle, no request
    e = envs();
    EXPECT_EQ(e[0]["busy"], false);
    EXPECT_EQ(e[0]["currentRequestId"], "");
    EXPECT_EQ(e[1]["busy"], false);
    EXPECT_EQ(e[1]["currentRequestId"], "");

    sh.world().scheduler.run_until(60'103);         // the first event's retry, 60 000 ms after 102, in the oldest idle environment
    const InvocationRecord& inv = sh.world().lambda.invocations().at(0);
    ASSERT_EQ(inv.attempts.size(), 2u);
    EXPECT_EQ(inv.attempts[1].start, 60'102);
    EXPECT_EQ(inv.attempts[1].environment_index, 0u);
    e = envs();
    EXPECT_EQ(e[0]["currentRequestId"], first);
    EXPECT_EQ(e[1]["currentRequestId"], "");
    EXPECT_EQ(e[0]["invocationsServed"], 1);
}

TEST(LambdaLogs, StreamDateIsTheEnvironmentsCreationDate) {
    Shell sh(1);
    sh.run("lab advance 15h30m");                   // 2026-03-03T00:30Z
    sh.run("aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload '{}' o.json");
    EXPECT_EQ(sh.world().lambda.environments().at(0).log_stream.substr(0, 20), "2026/03/03/[$LATEST]");
}

TEST(LambdaLogs, NoLogsWithoutBasicExecutionRole) {
    Shell sh(1);
    sh.world().iam.detach_role_policy(sh.world().lambda.functions().at("demo-lambda").role_name(),
                                      "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
    sh.run("aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload '{}' o.json");
    EXPECT_EQ(sh.world().logs.find_group("/aws/lambda/demo-lambda"), nullptr);
    EXPECT_EQ(last_invocation(sh.world()).status_code, 200);
}

TEST(LambdaDlqSns, FailedEventIsPublishedToTheTopic) {
    Shell sh(1);
    const std::string topic = sh.world().sns.create_topic("lambda-dlq");
    sh.world().iam.attach_role_policy(sh.world().lambda.functions().at("demo-lambda").role_name(), "arn:aws:iam::aws:policy/AmazonSNSFullAccess");
    ASSERT_EQ(sh.run("aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config TargetArn=" + topic).exit_code, 0);
    sh.run("aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts 0");
    sh.run("lab fail demo-lambda always");
    sh.run(kAsync);
    sh.run("lab run");
    const InvocationRecord& inv = last_invocation(sh.world());
    ASSERT_TRUE(inv.dlq_at.has_value());
    EXPECT_EQ(inv.dlq_target, topic);
    EXPECT_EQ(trace_of(sh.world(), "sns.published").size(), 1u);
    const auto sent = trace_of(sh.world(), "dlq.sent", inv.request_id);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0]->detail["target"], topic);
}

} // namespace

// The internal queue hands out tickets: the poller takes events in due order, which is not
// arrival order, and what it took never shows again.
TEST(LambdaAsync, EventQueueTakesByTicketAndIteratesTheWaitingOnesInArrivalOrder) {
    EventQueue q;
    const auto t0 = q.push(QueuedEvent{"a", 0, 60'000, 2, 0});
    const auto t1 = q.push(QueuedEvent{"b", 1, 6, 1, 1});
    const auto t2 = q.push(QueuedEvent{"c", 2, 7, 1, 2});
    EXPECT_EQ(q.size(), 3u);
    ASSERT_TRUE(q.take(t1).has_value());
    EXPECT_FALSE(q.take(t1).has_value());           // taken once
    EXPECT_EQ(q.size(), 2u);
    std::string order;
    for (const auto& e : q) order += e.request_id;
    EXPECT_EQ(order, "ac");
    EXPECT_EQ(q[1].request_id, "c");
    EXPECT_EQ(q.take(t0)->invocation, 0u);
    EXPECT_EQ(q.take(t2)->available_at, 7);
    EXPECT_TRUE(q.empty());
    EXPECT_EQ(q.begin(), q.end());
    EXPECT_FALSE(q.take(99).has_value());           // unknown ticket
    const auto t3 = q.push(QueuedEvent{"d", 3, 8, 1, 3});
    EXPECT_EQ(t3, 3u);                              // tickets keep counting
    EXPECT_EQ(q[0].request_id, "d");
}

// Idle environments are reused oldest first; a busy one never is.
TEST(LambdaAsync, WarmEnvironmentsAreReusedOldestFirst) {
    Shell sh(1);
    for (int i = 0; i < 3; ++i) sh.run(kAsync);     // three at once: three cold environments
    sh.world().scheduler.run_until(1000);
    ASSERT_EQ(sh.world().lambda.environments().size(), 3u);
    sh.run(kAsync);
    sh.world().scheduler.run_until_idle();
    const auto& invs = sh.world().lambda.invocations();
    ASSERT_EQ(invs.size(), 4u);
    EXPECT_EQ(invs[0].attempts[0].environment_index, 0u);
    EXPECT_EQ(invs[2].attempts[0].environment_index, 2u);
    EXPECT_FALSE(invs[3].attempts[0].cold_start);
    EXPECT_EQ(invs[3].attempts[0].environment_index, 0u);   // the oldest idle one
    EXPECT_EQ(sh.world().lambda.environments().size(), 3u);
}
