// Payloads at the edges of what Lambda accepts (issue 9, findings 1, 2 and 5): nesting as deep
// as the payload limits allow, objects of 90 000 keys, numbers past the double range. Lambda's
// Invoke API takes any valid JSON up to the limit; what the python3.12 runtime then does is
// in lambda/attempt.cpp (Runtime.UnmarshalError past kRuntimeJsonMaxDepth).
#include <gtest/gtest.h>
#include "lambda/handler.h"
#include "lambda_test_util.h"

using namespace invokelab;
using namespace invokelab::testing;

namespace {

std::string nested_arrays(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

std::string nested_objects(std::size_t depth) {
    std::string s;
    for (std::size_t i = 0; i < depth; ++i) s += "{\"a\":";
    return s + "1" + std::string(depth, '}');
}

// `aws lambda invoke` with the payload read from a file, as a learner would send a big one.
CommandResult invoke_file(Shell& sh, const std::string& payload, const std::string& extra = "") {
    sh.world().files.write("payload.json", payload);
    return sh.run("aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload file://payload.json " +
                  extra + " out.json");
}

std::string unmarshal_error(const std::string& rid, const char* container) {
    return std::string("{\"errorMessage\": \"Unable to unmarshal input: maximum recursion depth exceeded while decoding a JSON ") + container +
           " from a unicode string\", \"errorType\": \"Runtime.UnmarshalError\", \"requestId\": \"" + rid + "\", \"stackTrace\": []}";
}

const std::string kUnhandled = "{\n    \"StatusCode\": 200,\n    \"FunctionError\": \"Unhandled\",\n    \"ExecutedVersion\": \"$LATEST\"\n}\n";
const std::string kOk = "{\n    \"StatusCode\": 200,\n    \"ExecutedVersion\": \"$LATEST\"\n}\n";

} // namespace

// The reproducer of the issue: 15 600 levels (31 KB) crashed the process (SIGSEGV).
TEST(LambdaPayload, DeepSyncPayloadFailsInTheRuntimeWithUnmarshalError) {
    Shell sh(1);
    const CommandResult r = invoke_file(sh, nested_arrays(15'600));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, kUnhandled);
    const InvocationRecord& inv = last_invocation(sh.world());
    EXPECT_EQ(*sh.world().files.read("out.json"), unmarshal_error(inv.request_id, "array"));
    ASSERT_EQ(inv.attempts.size(), 1u);
    EXPECT_EQ(inv.attempts[0].error_type, "Runtime.UnmarshalError");
    EXPECT_EQ(inv.attempts[0].duration_centims, 100);
    // No "Received event" line: the handler never ran. The error has an empty traceback.
    const auto logs = log_messages(sh.world());
    ASSERT_EQ(logs.size(), 5u);
    EXPECT_EQ(logs[1], "START RequestId: " + inv.request_id + " Version: $LATEST\n");
    EXPECT_EQ(logs[2], "[ERROR] Runtime.UnmarshalError: Unable to unmarshal input: maximum recursion depth exceeded while decoding a "
                       "JSON array from a unicode string\nTraceback (most recent call last):");
    EXPECT_EQ(logs[3], "END RequestId: " + inv.request_id + "\n");
}

// The whole 6 MB synchronous limit of nesting (3 000 000 levels) and the object form.
TEST(LambdaPayload, SixMegabytesOfNestingAndDeepObjectsNeverCrash) {
    Shell sh(1);
    const CommandResult arrays = invoke_file(sh, nested_arrays(3'000'000));
    ASSERT_EQ(arrays.exit_code, 0) << arrays.err;
    EXPECT_EQ(arrays.out, kUnhandled);
    const CommandResult objects = invoke_file(sh, nested_objects(15'600));
    ASSERT_EQ(objects.exit_code, 0) << objects.err;
    EXPECT_EQ(*sh.world().files.read("out.json"), unmarshal_error(last_invocation(sh.world()).request_id, "object"));
}

// Up to the runtime's limit the handler runs and prints the event as Python does.
TEST(LambdaPayload, NestingAtTheRuntimeLimitReachesTheHandler) {
    Shell sh(1);
    const CommandResult r = invoke_file(sh, nested_arrays(kRuntimeJsonMaxDepth));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, kOk);
    const auto logs = log_messages(sh.world());
    ASSERT_GE(logs.size(), 3u);
    EXPECT_EQ(logs[2], "Received event: " + nested_arrays(kRuntimeJsonMaxDepth) + "\n");
    const CommandResult over = invoke_file(sh, nested_arrays(kRuntimeJsonMaxDepth + 1));
    EXPECT_EQ(over.out, kUnhandled);
}

// Async: accepted (202), each attempt fails in the runtime, the DLQ gets the payload as sent and
// the OnFailure destination's record carries it as JSON (built and written without recursion).
TEST(LambdaPayload, DeepAsyncPayloadIsRetriedAndDeliveredWhole) {
    Shell sh(1);
    sh.world().iam.attach_role_policy(sh.world().lambda.functions().at("demo-lambda").role_name(), "arn:aws:iam::aws:policy/AmazonSQSFullAccess");
    for (const char* line : {"aws sqs create-queue --queue-name dlq", "aws sqs create-queue --queue-name failures",
                             "aws lambda update-function-configuration --function-name demo-lambda "
                             "--dead-letter-config TargetArn=arn:aws:sqs:ap-northeast-2:123456789012:dlq",
                             "aws lambda put-function-event-invoke-config --function-name demo-lambda "
                             "--destination-config OnFailure={Destination=arn:aws:sqs:ap-northeast-2:123456789012:failures}"}) {
        const CommandResult r = sh.run(line);
        ASSERT_EQ(r.exit_code, 0) << line << r.err;
    }
    // Under the 1 MB async limit: 170 000 levels of {"a": … } is 1 020 001 bytes.
    const std::string payload = nested_objects(170'000);
    ASSERT_LE(payload.size(), 1'048'576u);
    const CommandResult r = invoke_file(sh, payload, "--invocation-type Event");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "{\n    \"StatusCode\": 202\n}\n");
    sh.run("lab run");
    const InvocationRecord& inv = last_invocation(sh.world());
    ASSERT_EQ(inv.attempts.size(), 3u);
    for (const auto& a : inv.attempts) EXPECT_EQ(a.error_type, "Runtime.UnmarshalError");
    const SqsQueue* dlq = sh.world().sqs.find_by_url("https://sqs.ap-northeast-2.amazonaws.com/123456789012/dlq");
    ASSERT_NE(dlq, nullptr);
    ASSERT_EQ(dlq->messages.size(), 1u);
    EXPECT_EQ(dlq->messages[0].body, payload);
    const SqsQueue* failures = sh.world().sqs.find_by_url("https://sqs.ap-northeast-2.amazonaws.com/123456789012/failures");
    ASSERT_NE(failures, nullptr);
    ASSERT_EQ(failures->messages.size(), 1u);
    const std::string& record = failures->messages[0].body;
    EXPECT_NE(record.find(",\"requestPayload\":" + payload + ",\"responseContext\":"), std::string::npos);
    EXPECT_NE(record.find("\"responsePayload\":{\"errorMessage\":\"Unable to unmarshal input: maximum recursion depth exceeded while "
                          "decoding a JSON object from a unicode string\",\"errorType\":\"Runtime.UnmarshalError\",\"requestId\":\"" +
                          inv.request_id + "\",\"stackTrace\":[]}}"),
              std::string::npos);
}

// 90 000 keys in one async event (978 891 bytes): accepted and printed whole, key order kept.
TEST(LambdaPayload, WideObjectOfNinetyThousandKeysIsPrintedExactly) {
    std::string payload = "{", repr = "{";
    for (std::size_t i = 0; i < 90'000; ++i) {
        const std::string k = "k" + std::to_string(i), v = std::to_string(i % 10);
        payload += (i ? "," : "") + ("\"" + k + "\":" + v);
        repr += (i ? ", " : "") + ("'" + k + "': " + v);
    }
    payload += "}";
    repr += "}";
    Shell sh(1);
    const CommandResult r = invoke_file(sh, payload, "--invocation-type Event");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    sh.run("lab run");
    const auto logs = log_messages(sh.world());
    ASSERT_GE(logs.size(), 3u);
    EXPECT_EQ(logs[2], "Received event: " + repr + "\n");
}

// Python's json.loads keeps a repeated key's last value in its first position.
TEST(LambdaPayload, DuplicateKeysAreSeenAsPythonSeesThem) {
    Shell sh(1);
    ASSERT_EQ(invoke_file(sh, R"({"a": 1, "b": 2, "a": 3})").exit_code, 0);
    EXPECT_EQ(log_messages(sh.world())[2], "Received event: {'a': 3, 'b': 2}\n");
}

// {"n":1e400} was an "internal error" (exit 255). Jackson and Python both read it: Python as
// float('inf'), so print(event) shows inf.
TEST(LambdaPayload, NumberPastTheDoubleRangeIsInfinityToTheRuntime) {
    Shell sh(1);
    const CommandResult r = invoke_file(sh, R"({"n": 1e400, "m": -1e400})");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, kOk);
    EXPECT_EQ(log_messages(sh.world())[2], "Received event: {'n': inf, 'm': -inf}\n");
}

// A wide payload that is not JSON is still answered with the Jackson-style message, found
// without building anything.
TEST(LambdaPayload, WideInvalidPayloadIsRefusedWithItsPosition) {
    std::string payload = "{";
    for (int i = 0; i < 50'000; ++i) payload += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
    payload += ",}";
    Shell sh(1);
    const CommandResult r = invoke_file(sh, payload);
    EXPECT_EQ(r.exit_code, 254);
    EXPECT_NE(r.err.find("(InvalidRequestContentException) when calling the Invoke operation: Could not parse request body into json: "
                         "Could not parse payload into json: Unexpected character ('}' (code 125))"),
              std::string::npos)
        << r.err;
}
