// Synchronous invoke (reference §1): 200 with the result or with FunctionError + the Python
// error object; invoke errors (404 / 400 / 413) before anything runs; no retries; the caller's
// clock advances to the end of the attempt.
#include <gtest/gtest.h>
#include "lambda_test_util.h"
#include "util/base64.h"

using namespace invokelab;
using namespace invokelab::testing;

namespace {

const char* kInvoke = "aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out "
                      "--payload '{\"key1\": \"value1\", \"key2\": \"value2\", \"key3\": \"value3\" }' --region ap-northeast-2 response.json";

TEST(LambdaSync, SuccessReturns200WithTheHandlersResult) {
    Shell sh(1);
    const CommandResult r = sh.run(kInvoke);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.out, "{\n    \"StatusCode\": 200,\n    \"ExecutedVersion\": \"$LATEST\"\n}\n");
    EXPECT_EQ(sh.world().files.read("response.json").value(), "{\"statusCode\": 200, \"body\": \"\\\"Hello from Lambda!\\\"\"}");
    EXPECT_EQ(sh.run("cat response.json").out, "{\"statusCode\": 200, \"body\": \"\\\"Hello from Lambda!\\\"\"}");
    const InvocationRecord& inv = last_invocation(sh.world());
    EXPECT_EQ(inv.invocation_type, InvocationType::RequestResponse);
    EXPECT_EQ(inv.status_code, 200);
    EXPECT_EQ(inv.state, InvocationState::Succeeded);
    ASSERT_EQ(inv.attempts.size(), 1u);
    EXPECT_TRUE(inv.attempts[0].cold_start);
    // Seed 1: init 95.13 ms + duration 1.79 ms -> the caller waits until t = ceil(96.92) = 97.
    EXPECT_EQ(inv.attempts[0].init_centims, 9513);
    EXPECT_EQ(inv.attempts[0].duration_centims, 179);
    EXPECT_EQ(inv.attempts[0].end, 97);
    EXPECT_EQ(sh.world().now(), 97);
    EXPECT_EQ(inv.finished_at, 97);
}

TEST(LambdaSync, CallerClockAdvancesToTheAttemptsEnd) {
    Shell sh(1);
    sh.run("lab fail demo-lambda off --duration 2s");
    sh.run(kInvoke);
    const AttemptRecord& a = last_invocation(sh.world()).attempts.at(0);
    EXPECT_EQ(a.start, 0);
    EXPECT_EQ(sh.world().now(), a.end);
    EXPECT_GE(a.end, 2000 + 80);                    // 2 s handler plus an 80-250 ms cold start
    EXPECT_EQ(a.end, (a.init_centims + a.duration_centims + 99) / 100);
}

TEST(LambdaSync, FunctionErrorIs200WithUnhandledAndThePythonErrorObject) {
    Shell sh(1);
    sh.run("lab fail demo-lambda always");
    const CommandResult r = sh.run(kInvoke);
    EXPECT_EQ(r.exit_code, 0);                      // a function error is still HTTP 200: exit 0
    EXPECT_EQ(r.out, "{\n    \"StatusCode\": 200,\n    \"FunctionError\": \"Unhandled\",\n    \"ExecutedVersion\": \"$LATEST\"\n}\n");
    const InvocationRecord& inv = last_invocation(sh.world());
    const std::string expected = "{\"errorMessage\": \"Something went wrong!\", \"errorType\": \"Exception\", \"requestId\": \"" +
                                 inv.request_id + "\", \"stackTrace\": [\"  File \\\"/var/task/lambda_function.py\\\", line 7, in "
                                 "lambda_handler\\n    raise Exception(\\\"Something went wrong!\\\")\\n\"]}";
    EXPECT_EQ(sh.world().files.read("response.json").value(), expected);
    EXPECT_EQ(inv.function_error, "Unhandled");
    EXPECT_EQ(inv.state, InvocationState::Failed);
}

TEST(LambdaSync, NeverRetried) {
    Shell sh(1);
    sh.run("lab fail demo-lambda always");
    sh.run(kInvoke);
    sh.world().scheduler.run_until_idle();
    const InvocationRecord& inv = last_invocation(sh.world());
    EXPECT_EQ(inv.attempts.size(), 1u);
    EXPECT_EQ(trace_of(sh.world(), "attempt.start").size(), 1u);
    EXPECT_EQ(trace_of(sh.world(), "retry.scheduled").size(), 0u);
    EXPECT_EQ(sh.world().scheduler.pending(), 0u);
}

TEST(LambdaSync, UnknownFunctionIs404WithTheQualifiedArn) {
    Shell sh(1);
    const CommandResult r = sh.run("aws lambda invoke --function-name nope --cli-binary-format raw-in-base64-out --payload '{}' out.json");
    EXPECT_EQ(r.exit_code, 254);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ResourceNotFoundException) when calling the Invoke operation: Function not found: "
                     "arn:aws:lambda:ap-northeast-2:123456789012:function:nope:$LATEST\n"
                     "\nAdditional error details:\nType: User\n");
    EXPECT_FALSE(sh.world().files.read("out.json").has_value());   // nothing written on an error
    EXPECT_EQ(last_invocation(sh.world()).state, InvocationState::Rejected);
    EXPECT_EQ(last_invocation(sh.world()).status_code, 404);
    EXPECT_EQ(sh.world().lambda.environments().size(), 0u);       // nothing ran
}

TEST(LambdaSync, OtherRegionHasNoSuchFunction) {
    Shell sh(1);
    const CommandResult r = sh.run("aws lambda invoke --function-name demo-lambda --region us-east-1 --cli-binary-format raw-in-base64-out --payload '{}' out.json");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ResourceNotFoundException) when calling the Invoke operation: Function not found: "
                     "arn:aws:lambda:us-east-1:123456789012:function:demo-lambda:$LATEST\n"
                     "\nAdditional error details:\nType: User\n");
}

TEST(LambdaSync, FunctionArnFormsAreAccepted) {
    Shell sh(1);
    for (const char* name : {"arn:aws:lambda:ap-northeast-2:123456789012:function:demo-lambda",
                             "123456789012:function:demo-lambda", "demo-lambda:$LATEST"}) {
        const CommandResult r = sh.run(std::string("aws lambda invoke --function-name ") + name + " --cli-binary-format raw-in-base64-out --payload '{}' o.json");
        EXPECT_EQ(r.exit_code, 0) << name << r.err;
    }
    const CommandResult alias = sh.run("aws lambda invoke --function-name demo-lambda:prod --cli-binary-format raw-in-base64-out --payload '{}' o.json");
    EXPECT_EQ(alias.err, "\naws: [ERROR]: An error occurred (ResourceNotFoundException) when calling the Invoke operation: Function not found: "
                         "arn:aws:lambda:ap-northeast-2:123456789012:function:demo-lambda:prod\n"
                         "\nAdditional error details:\nType: User\n");
}

TEST(LambdaSync, MalformedJsonIs400InvalidRequestContent) {
    Shell sh(1);
    const CommandResult r = sh.run("aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload '{\"key1\": value1}' out.json");
    EXPECT_EQ(r.exit_code, 254);
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (InvalidRequestContentException) when calling the Invoke operation: Could not parse request "
                     "body into json: Could not parse payload into json: Unrecognized token 'value1': was expecting (JSON String, "
                     "Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: REDACTED "
                     "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 16]\n"
                     "\nAdditional error details:\nType: User\n");
    EXPECT_EQ(last_invocation(sh.world()).status_code, 400);
}

TEST(LambdaSync, InvalidUtf8MatchesTheRecordedJacksonMessage) {
    Shell sh(1);
    // The bytes 22 7b 87 22: a bad UTF-8 start byte as the third byte (the recorded message says column 3).
    const std::string payload = std::string("\"{") + '\x87' + "\"";
    try {
        sh.world().invoke("demo-lambda", payload, InvocationType::RequestResponse, "ap-northeast-2", false);
        FAIL() << "expected InvalidRequestContentException";
    } catch (const AwsError& e) {
        EXPECT_EQ(e.code, "InvalidRequestContentException");
        EXPECT_EQ(e.http_status, 400);
        EXPECT_EQ(std::string(e.what()), "Could not parse request body into json: Could not parse payload into json: Invalid UTF-8 "
                                         "start byte 0x87\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` "
                                         "disabled); line: 1, column: 3]");
    }
}

TEST(LambdaSync, PayloadOver6MBIs413) {
    Shell sh(1);
    const std::string big = "{\"a\": \"" + std::string(6'291'456, 'x') + "\"}";
    try {
        sh.world().invoke("demo-lambda", big, InvocationType::RequestResponse, "ap-northeast-2", false);
        FAIL() << "expected RequestEntityTooLargeException";
    } catch (const AwsError& e) {
        EXPECT_EQ(e.code, "RequestEntityTooLargeException");
        EXPECT_EQ(e.http_status, 413);
        EXPECT_EQ(std::string(e.what()), "Request must be smaller than 6291456 bytes for the InvokeFunction operation");
    }
    // Exactly at the limit passes the size check (DryRun: checked, not run, so the test stays fast).
    std::string exact = "{\"a\": \"" + std::string(6'291'456 - 9, 'x') + "\"}";
    ASSERT_EQ(exact.size(), 6'291'456u);
    EXPECT_EQ(sh.world().invoke("demo-lambda", exact, InvocationType::DryRun, "ap-northeast-2", false).status_code, 204);
    try {
        sh.world().invoke("demo-lambda", big, InvocationType::DryRun, "ap-northeast-2", false);
        FAIL() << "DryRun checks the size too";
    } catch (const AwsError& e) { EXPECT_EQ(e.http_status, 413); }
}

TEST(LambdaSync, LogTypeTailReturnsTheAttemptsLogBase64) {
    Shell sh(1);
    sh.run("lab fail demo-lambda always");
    const CommandResult r = sh.run("aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload '{\"key1\": \"value1\"}' --log-type Tail out.json");
    const ojson j = ojson::parse(r.out);
    ASSERT_TRUE(j.contains("LogResult"));
    EXPECT_EQ(std::vector<std::string>({"StatusCode", "FunctionError", "LogResult", "ExecutedVersion"}),
              [&] { std::vector<std::string> k; for (auto& [key, v] : j.items()) k.push_back(key); return k; }());
    const std::string rid = last_invocation(sh.world()).request_id;
    const std::string nb = "\u00a0";
    const std::string expected = "START RequestId: " + rid + " Version: $LATEST\nReceived event: {'key1': 'value1'}\n"
                                 "[ERROR] Exception: Something went wrong!\nTraceback (most recent call last):\n" + nb + nb +
                                 "File \"/var/task/lambda_function.py\", line 7, in lambda_handler\n" + nb + nb + nb + nb +
                                 "raise Exception(\"Something went wrong!\")\nEND RequestId: " + rid + "\nREPORT RequestId: " + rid +
                                 "\tDuration: 1.79 ms\tBilled Duration: 97 ms\tMemory Size: 128 MB\tMax Memory Used: 39 MB\tInit Duration: 95.13 ms\t\n";
    EXPECT_EQ(base64_decode(j["LogResult"].get<std::string>()).value(), expected);
}

TEST(LambdaSync, LogTailKeepsTheLast4KB) {
    Shell sh(1);
    sh.run("lab fail demo-lambda always --message " + std::string(5000, 'm'));
    const CommandResult r = sh.run("aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload '{}' --log-type Tail out.json");
    const std::string tail = base64_decode(ojson::parse(r.out)["LogResult"].get<std::string>()).value();
    EXPECT_EQ(tail.size(), 4096u);
    EXPECT_EQ(tail.substr(tail.size() - 2), "\t\n");
    EXPECT_NE(tail.find("REPORT RequestId: "), std::string::npos);
    EXPECT_EQ(tail.find("START RequestId: "), std::string::npos);   // cut off by the long error line
    EXPECT_EQ(last_invocation(sh.world()).log_tail.substr(last_invocation(sh.world()).log_tail.size() - 4096), tail);
}

TEST(LambdaSync, DryRunIs204AndRunsNothing) {
    Shell sh(1);
    const CommandResult r = sh.run("aws lambda invoke --function-name demo-lambda --invocation-type DryRun --cli-binary-format raw-in-base64-out --payload '{}' out.json");
    EXPECT_EQ(r.out, "{\n    \"StatusCode\": 204\n}\n");
    EXPECT_EQ(sh.world().files.read("out.json").value(), "");
    EXPECT_EQ(sh.world().lambda.environments().size(), 0u);
    EXPECT_EQ(sh.world().now(), 0);
}

TEST(LambdaSync, WarmEnvironmentIsReusedWithoutInitDuration) {
    Shell sh(1);
    sh.run(kInvoke);
    sh.run(kInvoke);
    const auto& invs = sh.world().lambda.invocations();
    ASSERT_EQ(invs.size(), 2u);
    EXPECT_TRUE(invs[0].attempts[0].cold_start);
    EXPECT_FALSE(invs[1].attempts[0].cold_start);
    EXPECT_EQ(invs[0].attempts[0].environment_index, invs[1].attempts[0].environment_index);
    EXPECT_EQ(invs[1].attempts[0].start, invs[0].attempts[0].end);
    const auto logs = log_messages(sh.world());
    std::size_t init_starts = 0, init_durations = 0;
    for (const auto& m : logs) {
        if (m.rfind("INIT_START ", 0) == 0) ++init_starts;
        if (m.find("Init Duration") != std::string::npos) ++init_durations;
    }
    EXPECT_EQ(init_starts, 1u);
    EXPECT_EQ(init_durations, 1u);
}

} // namespace
