// Facts and checks on known worlds, with the exact values the simulator produces.
#include <gtest/gtest.h>
#include "learn/check.h"
#include "learn/facts.h"
#include "learn_test_util.h"
#include "shell/shell.h"

namespace invokelab {
namespace {

const std::string kInvokeAsync =
    "aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out "
    "--payload '{\"key1\":\"value1\"}' response.json";
const std::string kInvokeSync =
    "aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload '{\"key1\":\"value1\"}' response.json";

ojson fact(const World& w, const ojson& spec, std::size_t since = 0) {
    const FactResult r = evaluate_fact(w, spec, {since});
    EXPECT_EQ(r.error, "") << spec.dump();
    return r.value;
}

std::string role_name(Shell& sh) { return sh.world().state_json()["iam"][0]["name"].get<std::string>(); }

// Default retries (2), a handler that always fails, no DLQ: three attempts, then dropped.
TEST(LearnFacts, AlwaysFailingAsyncWithDefaultRetries) {
    Shell sh(1);
    sh.run("lab fail demo-lambda always");
    sh.run(kInvokeAsync);
    sh.run("lab run");
    const World& w = sh.world();
    const ojson attempts = w.state_json()["lambda"]["invocations"][0]["attempts"];
    ASSERT_EQ(attempts.size(), 3u);
    const std::int64_t end1 = attempts[0]["end"], end2 = attempts[1]["end"], end3 = attempts[2]["end"];
    // Reasoned from the constants: the poller takes the event 5 ms after acceptance; a retry
    // starts 60 000 ms after attempt 1 ENDED, and 120 000 ms after attempt 2 ENDED.
    EXPECT_EQ(attempts[0]["start"], 5);
    EXPECT_EQ(attempts[1]["start"], end1 + 60000);
    EXPECT_EQ(attempts[2]["start"], end2 + 120000);
    // The handler's durations for seed 1 (cold start on attempt 1): ends at 102, 60 104, 180 108 ms.
    EXPECT_EQ(end1, 102);
    EXPECT_EQ(end2, 60104);
    EXPECT_EQ(end3, 180108);
    EXPECT_EQ(fact(w, {{"fact", "request.attemptStartsS"}}), ojson::parse("[0.005, 60.102, 180.104]"));
    EXPECT_EQ(fact(w, {{"fact", "request.attemptGapsS"}}), ojson::parse("[60.0, 120.0]"));
    EXPECT_EQ(fact(w, {{"fact", "request.attempts"}}), 3);
    EXPECT_EQ(fact(w, {{"fact", "request.retries"}}), 2);
    EXPECT_EQ(fact(w, {{"fact", "request.state"}}), "failed");
    EXPECT_EQ(fact(w, {{"fact", "request.condition"}}), "RetriesExhausted");
    EXPECT_EQ(fact(w, {{"fact", "request.outcome"}}), "dropped");
    EXPECT_EQ(fact(w, {{"fact", "request.finishedS"}}), 180.108);
    EXPECT_EQ(fact(w, {{"fact", "request.dlqS"}}), nullptr);
    EXPECT_EQ(fact(w, {{"fact", "request.dlqAt"}}), nullptr);
    EXPECT_EQ(fact(w, {{"fact", "request.destinationS"}}), nullptr);
    EXPECT_EQ(fact(w, {{"fact", "request.dlqReceived"}}), false);
    EXPECT_EQ(fact(w, {{"fact", "request.type"}}), "Event");
    EXPECT_EQ(fact(w, {{"fact", "request.statusCode"}}), 202);
    EXPECT_EQ(fact(w, {{"fact", "request.functionError"}}), "Unhandled");
    EXPECT_EQ(fact(w, {{"fact", "request.logStarts"}}), 3);
    EXPECT_EQ(fact(w, {{"fact", "async.count"}}), 1);
    EXPECT_EQ(fact(w, {{"fact", "sync.count"}}), 0);
    EXPECT_EQ(fact(w, {{"fact", "trace.count"}, {"kind", "attempt.start"}}), 3);
    EXPECT_EQ(fact(w, {{"fact", "trace.count"}, {"kind", "retry.scheduled"}}), 2);
    EXPECT_EQ(fact(w, {{"fact", "now"}}), 180108);
    EXPECT_EQ(fact(w, {{"fact", "function.maximumRetryAttempts"}}), 2);
    EXPECT_EQ(fact(w, {{"fact", "function.maximumEventAgeInSeconds"}}), 21600);
    EXPECT_EQ(fact(w, {{"fact", "function.hasEventInvokeConfig"}}), false);
    EXPECT_EQ(fact(w, {{"fact", "function.deadLetterTarget"}}), "");
    EXPECT_EQ(fact(w, {{"fact", "function.onFailure"}}), "");
    EXPECT_EQ(fact(w, {{"fact", "function.failureMode"}}), "always");
    EXPECT_EQ(fact(w, {{"fact", "function.timeout"}}), 3);
    EXPECT_EQ(fact(w, {{"fact", "function.queueDepth"}}), 0);
    EXPECT_EQ(fact(w, {{"fact", "role.policies"}}), ojson::parse(R"(["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"])"));
    // Three attempts, each START, the error line(s), END, REPORT; the first also INIT_START.
    EXPECT_EQ(fact(w, {{"fact", "logs.reports"}}), 3);
    EXPECT_GE(fact(w, {{"fact", "logs.lines"}}).get<int>(), 10);
    EXPECT_EQ(fact(w, {{"fact", "file.exists"}, {"path", "response.json"}}), true);
    EXPECT_EQ(fact(w, {{"fact", "file.json"}, {"path", "response.json"}}), nullptr);   // a 202 writes an empty body
    EXPECT_EQ(fact(w, {{"fact", "file.exists"}, {"path", "nope.json"}}), false);
    EXPECT_EQ(fact(w, {{"fact", "file.json"}, {"path", "nope.json"}}), nullptr);
}

TEST(LearnFacts, PendingRequestAndSinceTrace) {
    Shell sh(1);
    sh.run("lab fail demo-lambda always");
    sh.run(kInvokeAsync);
    sh.run("lab advance 30s");
    const World& w = sh.world();
    EXPECT_EQ(fact(w, {{"fact", "request.outcome"}}), "pending");
    EXPECT_EQ(fact(w, {{"fact", "request.state"}}), "waiting-retry");
    EXPECT_EQ(fact(w, {{"fact", "request.finishedS"}}), nullptr);
    EXPECT_EQ(fact(w, {{"fact", "request.attemptStartsS"}}), ojson::parse("[0.005]"));
    const std::size_t mark = w.trace.size();
    EXPECT_EQ(fact(w, {{"fact", "request.exists"}}, mark), false);
    EXPECT_EQ(fact(w, {{"fact", "request.outcome"}}, mark), nullptr);
    EXPECT_EQ(fact(w, {{"fact", "async.count"}}, mark), 0);
    sh.run(kInvokeSync);
    EXPECT_EQ(fact(w, {{"fact", "sync.count"}}, mark), 1);
    EXPECT_EQ(fact(w, {{"fact", "request.exists"}, {"request", "last-sync"}}, mark), true);
    EXPECT_EQ(fact(w, {{"fact", "request.exists"}}, mark), false);           // last-async: only the older one
    EXPECT_EQ(fact(w, {{"fact", "request.type"}, {"request", "last"}}, mark), "RequestResponse");
    EXPECT_EQ(fact(w, {{"fact", "request.statusCode"}, {"request", "last-sync"}}), 200);
    EXPECT_EQ(fact(w, {{"fact", "request.functionError"}, {"request", "last-sync"}}), "Unhandled");
    const ojson body = fact(w, {{"fact", "file.json"}, {"path", "response.json"}});
    EXPECT_EQ(body["errorMessage"], "Something went wrong!");
    EXPECT_EQ(body["errorType"], "Exception");
    sh.run(kInvokeAsync);
    const std::string first = w.state_json()["lambda"]["invocations"][0]["requestId"];
    EXPECT_EQ(fact(w, {{"fact", "request.attempts"}, {"request", "first-async"}}), 1);
    EXPECT_EQ(fact(w, {{"fact", "request.attempts"}, {"request", "last-async"}}), 0);
    EXPECT_EQ(fact(w, {{"fact", "function.queueDepth"}}), 2);                 // the retry and the new event wait
    EXPECT_EQ(fact(w, {{"fact", "request.exists"}, {"function", "other"}}), false);
    EXPECT_EQ(fact(w, {{"fact", "function.timeout"}, {"function", "other"}}), nullptr);
}

TEST(LearnFacts, DeadLetterQueueDeliveryAndReceive) {
    Shell sh(1);
    sh.run("aws sqs create-queue --queue-name demo-dlq");
    sh.run("aws iam attach-role-policy --role-name " + role_name(sh) + " --policy-arn arn:aws:iam::aws:policy/AmazonSQSFullAccess");
    const CommandResult set = sh.run("aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config TargetArn=arn:aws:sqs:ap-northeast-2:123456789012:demo-dlq");
    ASSERT_EQ(set.exit_code, 0) << set.err;
    sh.run("aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts 1");
    sh.run("lab fail demo-lambda always");
    sh.run(kInvokeAsync);
    sh.run("lab run");
    const World& w = sh.world();
    EXPECT_EQ(fact(w, {{"fact", "function.deadLetterTarget"}}), "arn:aws:sqs:ap-northeast-2:123456789012:demo-dlq");
    EXPECT_EQ(fact(w, {{"fact", "function.maximumRetryAttempts"}}), 1);
    EXPECT_EQ(fact(w, {{"fact", "function.hasEventInvokeConfig"}}), true);
    EXPECT_EQ(fact(w, {{"fact", "request.attempts"}}), 2);
    EXPECT_EQ(fact(w, {{"fact", "request.outcome"}}), "dlq");
    const ojson inv = w.state_json()["lambda"]["invocations"][0];
    const std::int64_t dlq_at = inv["dlqAt"];
    EXPECT_GE(dlq_at, inv["attempts"][1]["end"].get<std::int64_t>());
    EXPECT_EQ(fact(w, {{"fact", "request.dlqAt"}}), dlq_at);
    EXPECT_EQ(fact(w, {{"fact", "request.dlqS"}}), dlq_at / 1000.0);
    EXPECT_EQ(fact(w, {{"fact", "sqs.exists"}, {"queue", "demo-dlq"}}), true);
    EXPECT_EQ(fact(w, {{"fact", "sqs.messages"}, {"queue", "demo-dlq"}}), 1);
    EXPECT_EQ(fact(w, {{"fact", "sqs.exists"}, {"queue", "nope"}}), false);
    EXPECT_EQ(fact(w, {{"fact", "trace.count"}, {"kind", "dlq.sent"}}), 1);
    const std::size_t mark = w.trace.size();
    EXPECT_EQ(fact(w, {{"fact", "request.dlqReceived"}}), false);
    sh.run("aws sqs receive-message --queue-url https://sqs.ap-northeast-2.amazonaws.com/123456789012/demo-dlq");
    EXPECT_EQ(fact(w, {{"fact", "request.dlqReceived"}}), true);
    EXPECT_EQ(fact(w, {{"fact", "request.dlqReceived"}}, mark), nullptr);   // the request is older than the mark: none selected
    EXPECT_EQ(fact(w, {{"fact", "sqs.messages"}, {"queue", "demo-dlq"}}), 1);   // in flight still counts
    EXPECT_EQ(fact(w, {{"fact", "role.policies"}}).size(), 2u);
}

TEST(LearnFacts, DestinationsAndDeadLetterTogether) {
    Shell sh(1);
    sh.run("aws sqs create-queue --queue-name demo-dlq");
    sh.run("aws sqs create-queue --queue-name on-failure");
    sh.run("aws iam attach-role-policy --role-name " + role_name(sh) + " --policy-arn arn:aws:iam::aws:policy/AmazonSQSFullAccess");
    sh.run("aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config TargetArn=arn:aws:sqs:ap-northeast-2:123456789012:demo-dlq");
    const CommandResult put = sh.run(
        "aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts 0 --destination-config "
        "'{\"OnFailure\":{\"Destination\":\"arn:aws:sqs:ap-northeast-2:123456789012:on-failure\"}}'");
    ASSERT_EQ(put.exit_code, 0) << put.err;
    sh.run("lab fail demo-lambda always");
    sh.run(kInvokeAsync);
    sh.run("lab run");
    const World& w = sh.world();
    EXPECT_EQ(fact(w, {{"fact", "function.onFailure"}}), "arn:aws:sqs:ap-northeast-2:123456789012:on-failure");
    EXPECT_EQ(fact(w, {{"fact", "function.onSuccess"}}), "");
    EXPECT_EQ(fact(w, {{"fact", "function.maximumRetryAttempts"}}), 0);
    EXPECT_EQ(fact(w, {{"fact", "request.attempts"}}), 1);
    EXPECT_EQ(fact(w, {{"fact", "request.retries"}}), 0);
    EXPECT_EQ(fact(w, {{"fact", "request.attemptGapsS"}}), ojson::array());
    EXPECT_EQ(fact(w, {{"fact", "request.outcome"}}), "dlq+destination");
    // Both deliveries when the only attempt ended (accepted at 0; this world's attempt runs 5..102 ms).
    EXPECT_EQ(w.state_json()["lambda"]["invocations"][0]["attempts"][0]["end"], 102);
    EXPECT_EQ(fact(w, {{"fact", "request.finishedS"}}), 0.102);
    EXPECT_EQ(fact(w, {{"fact", "request.destinationS"}}), 0.102);
    EXPECT_EQ(fact(w, {{"fact", "request.dlqS"}}), 0.102);
    EXPECT_EQ(fact(w, {{"fact", "sqs.messages"}, {"queue", "on-failure"}}), 1);
    EXPECT_EQ(fact(w, {{"fact", "sqs.messages"}, {"queue", "demo-dlq"}}), 1);
    // Without the dead-letter queue, the same failure goes to the destination only.
    sh.run("aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config '{}'");
    EXPECT_EQ(fact(w, {{"fact", "function.deadLetterTarget"}}), "");
    sh.run(kInvokeAsync);
    sh.run("lab run");
    EXPECT_EQ(fact(w, {{"fact", "request.outcome"}}), "destination");
    EXPECT_EQ(fact(w, {{"fact", "request.dlqS"}}), nullptr);
    EXPECT_EQ(fact(w, {{"fact", "request.outcome"}, {"request", "first-async"}}), "dlq+destination");
    // A success is "succeeded" whatever is configured for failures.
    sh.run("lab fail demo-lambda off");
    sh.run(kInvokeAsync);
    sh.run("lab run");
    EXPECT_EQ(fact(w, {{"fact", "request.outcome"}}), "succeeded");
    EXPECT_EQ(fact(w, {{"fact", "request.condition"}}), "Success");
    EXPECT_EQ(fact(w, {{"fact", "function.failureMode"}}), "off");
}

TEST(LearnFacts, CliErrorCountAndBrokenSpecs) {
    Shell sh(1);
    sh.run("aws lambda invoke --function-name demo-lambda --payload '{\"key1\":\"value1\"}' response.json");
    const World& w = sh.world();
    EXPECT_EQ(fact(w, {{"fact", "trace.count"}, {"kind", "cli.error"}}), 1);
    const TraceEntry& e = w.trace.entries().back();
    EXPECT_EQ(e.kind, "cli.error");
    EXPECT_EQ(e.detail.dump(), R"({"command":"lambda invoke","exitCode":255,"message":"Invalid base64: \"{\"key1\":\"value1\"}\""})");
    EXPECT_EQ(fact(w, {{"fact", "request.exists"}, {"request", "last"}}), false);
    // A usage error counts too; playground (lab) errors and service errors do not: the request was sent.
    sh.run("aws lambda invoke --function-name demo-lambda");
    EXPECT_EQ(w.trace.entries().back().detail.dump(),
              R"({"command":"lambda invoke","exitCode":252,"message":"aws: [ERROR]: An error occurred (ParamValidation): the following arguments are required: outfile"})");
    sh.run("lab fail nope always");
    sh.run("aws lambda invoke --function-name nope out.json");
    EXPECT_EQ(fact(w, {{"fact", "trace.count"}, {"kind", "cli.error"}}), 2);
    struct Broken { ojson spec; std::string error; };
    const std::vector<Broken> broken = {
        {{{"fact", "no.such"}}, "unknown fact \"no.such\""},
        {{{"fact", "request.nope"}}, "unknown fact \"request.nope\""},
        {{{"fact", "function.nope"}}, "unknown fact \"function.nope\""},
        {{{"fact", "trace.count"}}, "trace.count needs \"kind\", e.g. \"async.accepted\""},
        {{{"fact", "sqs.messages"}}, "sqs.messages needs \"queue\": a queue name"},
        {{{"fact", "file.json"}}, "file.json needs \"path\": a file name such as \"response.json\""},
        {{{"fact", "request.state"}, {"request", "newest"}}, "unknown request selector \"newest\" (use last-async, first-async, last-sync or last)"},
        {{{"fact", "request.state"}, {"function", 3}}, "\"function\" must be a string"},
        {{{"fact", "now"}, {"fucntion", "x"}}, "unknown key \"fucntion\" in fact spec"},
        {{{"kind", "x"}}, "a fact spec needs \"fact\": NAME"},
        {ojson::array(), "a fact spec must be a JSON object"},
    };
    for (const auto& b : broken) {
        const FactResult r = evaluate_fact(w, b.spec, {});
        EXPECT_EQ(r.error, b.error) << b.spec.dump();
        EXPECT_TRUE(r.value.is_null());
    }
}

// The stores: what lesson 8's experiment checks (points after duplicate deliveries).
TEST(LearnFacts, StoreAttributesItemsAndKeys) {
    Shell sh(1);
    const World& w = sh.world();
    const ojson points{{"fact", "dynamodb.attribute"}, {"table", "points"}, {"key", {{"user_id", "u1"}}}, {"attribute", "points"}};
    EXPECT_TRUE(fact(w, points).is_null());                     // no table yet: null, not an error
    EXPECT_TRUE(fact(w, {{"fact", "dynamodb.items"}, {"table", "points"}}).is_null());
    ASSERT_EQ(sh.run("aws dynamodb create-table --table-name points --attribute-definitions AttributeName=user_id,AttributeType=S "
                     "--key-schema AttributeName=user_id,KeyType=HASH --billing-mode PAY_PER_REQUEST").exit_code, 0);
    EXPECT_EQ(fact(w, {{"fact", "dynamodb.items"}, {"table", "points"}}), 0);
    EXPECT_TRUE(fact(w, points).is_null());                     // no item yet
    const std::string add = "aws dynamodb update-item --table-name points --key '{\"user_id\": {\"S\": \"u1\"}}' "
                            "--update-expression 'ADD points :p SET note = :n, ok = :t' "
                            "--expression-attribute-values '{\":p\": {\"N\": \"100\"}, \":n\": {\"S\": \"점수\"}, \":t\": {\"BOOL\": true}}'";
    ASSERT_EQ(sh.run(add).exit_code, 0);
    ASSERT_EQ(sh.run(add).exit_code, 0);
    EXPECT_EQ(fact(w, points), 200);                            // N read as a number: two ADDs of 100
    EXPECT_EQ(fact(w, {{"fact", "dynamodb.attribute"}, {"table", "points"}, {"key", {{"user_id", "u1"}}}, {"attribute", "note"}}), "점수");
    EXPECT_EQ(fact(w, {{"fact", "dynamodb.attribute"}, {"table", "points"}, {"key", {{"user_id", "u1"}}}, {"attribute", "ok"}}), true);
    EXPECT_TRUE(fact(w, {{"fact", "dynamodb.attribute"}, {"table", "points"}, {"key", {{"user_id", "u2"}}}, {"attribute", "points"}}).is_null());
    EXPECT_TRUE(fact(w, {{"fact", "dynamodb.attribute"}, {"table", "points"}, {"key", {{"user_id", "u1"}}}, {"attribute", "nope"}}).is_null());
    ASSERT_EQ(sh.run("aws dynamodb update-item --table-name points --key '{\"user_id\": {\"S\": \"u1\"}}' "
                     "--update-expression 'SET ratio = :r' --expression-attribute-values '{\":r\": {\"N\": \"0.25\"}}'").exit_code, 0);
    EXPECT_EQ(fact(w, {{"fact", "dynamodb.attribute"}, {"table", "points"}, {"key", {{"user_id", "u1"}}}, {"attribute", "ratio"}}), 0.25);
    EXPECT_EQ(fact(w, {{"fact", "dynamodb.items"}, {"table", "points"}}), 1);
    // The key-value store: SET NX keeps the first value.
    EXPECT_TRUE(fact(w, {{"fact", "kv.value"}, {"key", "processed:order-1"}}).is_null());
    sh.run("redis-cli SET processed:order-1 first NX");
    sh.run("redis-cli SET processed:order-1 second NX");
    EXPECT_EQ(fact(w, {{"fact", "kv.value"}, {"key", "processed:order-1"}}), "first");
    // A check on them, as the lesson writes it.
    EXPECT_TRUE(evaluate_check(w, ojson::parse(R"({"fact":"dynamodb.attribute","table":"points","key":{"user_id":"u1"},"attribute":"points","op":"eq","value":200})"), {}).passed);
    struct Broken { ojson spec; std::string error; };
    const std::vector<Broken> broken = {
        {{{"fact", "dynamodb.attribute"}, {"key", {{"user_id", "u1"}}}, {"attribute", "points"}}, "dynamodb.attribute needs \"table\": a table name"},
        {{{"fact", "dynamodb.attribute"}, {"table", "points"}, {"attribute", "points"}}, "dynamodb.attribute needs \"key\": the item's key as {\"attribute\": value}"},
        {{{"fact", "dynamodb.attribute"}, {"table", "points"}, {"key", "u1"}, {"attribute", "points"}}, "dynamodb.attribute needs \"key\": the item's key as {\"attribute\": value}"},
        {{{"fact", "dynamodb.attribute"}, {"table", "points"}, {"key", {{"user_id", "u1"}}}}, "dynamodb.attribute needs \"attribute\": an attribute name"},
        {{{"fact", "dynamodb.items"}, {"table", 1}}, "\"table\" must be a string"},
        {{{"fact", "kv.value"}}, "kv.value needs \"key\": a key name"},
    };
    for (const auto& b : broken) {
        const FactResult r = evaluate_fact(w, b.spec, {});
        EXPECT_EQ(r.error, b.error) << b.spec.dump();
    }
}

// [SECTION] Checks

CheckResult check(const World& w, const std::string& spec, std::size_t since = 0) {
    return evaluate_check(w, ojson::parse(spec), {since});
}

TEST(LearnCheck, OpsAndCombinators) {
    Shell sh(1);
    sh.run("lab fail demo-lambda always");
    sh.run(kInvokeAsync);
    sh.run("lab run");
    const World& w = sh.world();
    struct Case { std::string spec; bool passed; ojson actual; };
    const std::vector<Case> cases = {
        {R"({"fact":"request.attempts","op":"eq","value":3})", true, 3},
        {R"({"fact":"request.attempts","op":"eq","value":3.0})", true, 3},
        {R"({"fact":"request.attempts","op":"ne","value":3})", false, 3},
        {R"({"fact":"request.attempts","op":"gt","value":2})", true, 3},
        {R"({"fact":"request.attempts","op":"gt","value":3})", false, 3},
        {R"({"fact":"request.attempts","op":"ge","value":3})", true, 3},
        {R"({"fact":"request.attempts","op":"lt","value":3})", false, 3},
        {R"({"fact":"request.attempts","op":"le","value":3})", true, 3},
        {R"({"fact":"request.outcome","op":"lt","value":"e"})", true, "dropped"},
        {R"({"fact":"request.outcome","op":"gt","value":5})", false, "dropped"},
        {R"({"fact":"request.attemptStartsS","op":"contains","value":0.005})", true, ojson::parse("[0.005,60.102,180.104]")},
        {R"({"fact":"request.condition","op":"contains","value":"Exhausted"})", true, "RetriesExhausted"},
        {R"({"fact":"request.condition","op":"contains","value":"Age"})", false, "RetriesExhausted"},
        {R"({"fact":"request.finishedS","op":"approx","value":180,"tolerance":0.2})", true, 180.108},
        {R"({"fact":"request.finishedS","op":"approx","value":180,"tolerance":0.1})", false, 180.108},
        {R"({"fact":"request.attemptStartsS","op":"approx","value":[0,60,180],"tolerance":1})", true, ojson::parse("[0.005,60.102,180.104]")},
        {R"({"fact":"request.attemptStartsS","op":"approx","value":[0,60],"tolerance":1})", false, ojson::parse("[0.005,60.102,180.104]")},
        {R"({"fact":"request.exists"})", true, true},
        {R"({"fact":"function.hasEventInvokeConfig"})", false, false},
        {R"({"not":{"fact":"function.hasEventInvokeConfig"}})", true, false},
        {R"({"all":[{"fact":"request.exists"},{"fact":"request.retries","op":"eq","value":1},{"fact":"now","op":"gt","value":0}]})", false, 2},
        {R"({"all":[{"fact":"request.exists"},{"fact":"now","op":"eq","value":180108}]})", true, 180108},
        {R"({"any":[{"fact":"request.retries","op":"eq","value":1},{"fact":"request.outcome","op":"eq","value":"dropped"}]})", true, "dropped"},
        {R"({"any":[{"fact":"request.retries","op":"eq","value":1},{"fact":"request.outcome","op":"eq","value":"dlq"}]})", false, 2},
        {R"({"all":[]})", true, nullptr},
        {R"({"any":[]})", false, nullptr},
    };
    for (const auto& c : cases) {
        const CheckResult r = check(w, c.spec);
        EXPECT_EQ(r.error, "") << c.spec;
        EXPECT_EQ(r.passed, c.passed) << c.spec;
        EXPECT_EQ(r.actual, c.actual) << c.spec;
    }
    // sinceTrace: nothing happened after the mark.
    const CheckResult since = check(w, R"({"fact":"async.count","op":"ge","value":1})", w.trace.size());
    EXPECT_FALSE(since.passed);
    EXPECT_EQ(since.actual, 0);
    EXPECT_EQ(to_json(since).dump(), R"({"passed":false,"actual":0,"error":""})");
}

TEST(LearnCheck, BrokenSpecsFailWithAnError) {
    Shell sh(1);
    const World& w = sh.world();
    const std::vector<std::pair<std::string, std::string>> broken = {
        {R"({"fact":"nope","op":"eq","value":1})", "unknown fact \"nope\""},
        {R"({"fact":"now","op":"eqq","value":1})", "unknown op \"eqq\" (use eq, ne, gt, ge, lt, le, contains, approx)"},
        {R"({"fact":"now","op":"eq"})", "op \"eq\" needs a \"value\""},
        {R"({"fact":"now","value":1})", "\"value\" needs an \"op\""},
        {R"({"fact":"now","op":"approx","value":1})", "op \"approx\" needs a non-negative \"tolerance\""},
        {R"({"fact":"now","op":"eq","value":1,"tolerance":1})", "\"tolerance\" is only for op \"approx\""},
        {R"({"fact":"now","op":"gt","value":[1]})", "op \"gt\" compares numbers or strings"},
        {R"({"all":{"fact":"now"}})", "\"all\" needs an array of checks"},
        {R"({"all":[{"fact":"now","op":"ge","value":0},{"fact":"x"}]})", "unknown fact \"x\""},
        {R"({"any":[{"fact":"now","op":"ge","value":0},{"oops":1}]})", "a check needs \"fact\", \"all\", \"any\" or \"not\""},
        {R"({"not":{"fact":"x"}})", "unknown fact \"x\""},
        {R"({"not":{"fact":"now"},"all":[]})", "\"all\" must be the only key of its object"},
        {R"([1,2])", "a check must be a JSON object"},
    };
    for (const auto& [spec, error] : broken) {
        const CheckResult r = check(w, spec);
        EXPECT_FALSE(r.passed) << spec;
        EXPECT_EQ(r.error, error) << spec;
    }
    std::string deep = R"({"fact":"now","op":"ge","value":0})";
    for (int i = 0; i < 40; ++i) deep = R"({"not":)" + deep + "}";
    EXPECT_EQ(check(w, deep).error, "check nested too deeply");
}

} // namespace
} // namespace invokelab
