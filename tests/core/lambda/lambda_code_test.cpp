// Deployed code: the deploy lines, GetFunction / UpdateFunctionCode, and attempts that run
// through the CodeRunner seam (a fake runner here; the browser's runs MicroPython). The core
// writes every log line, so these exact lines are what the page shows too.
#include <gtest/gtest.h>
#include "lambda_test_util.h"
#include "util/base64.h"
#include "util/sha256.h"
#include "util/timefmt.h"
#include "util/zip.h"

using namespace invokelab;
using namespace invokelab::testing;

namespace {

const char* kSource = "def lambda_handler(event, context):\n    print(\"안녕\")\n    return {\"points\": 100}\n";

// Answers every run with a fixed result and keeps the requests it saw.
struct FakeRunner : CodeRunner {
    std::string answer;
    std::vector<std::string> requests;
    std::vector<std::string> revisions;
    CodeRunResult run(const CodeRunRequest& r) override {
        requests.push_back(r.to_json());
        revisions.push_back(r.code_revision);
        return parse_code_run_result(answer);
    }
};

std::string deploy_lines(const std::string& source, const std::string& function = "demo-lambda") {
    return "lab code put lambda_function.py " + base64url_encode(source) + "\nzip function.zip lambda_function.py\n" +
           "aws lambda update-function-code --function-name " + function + " --zip-file fileb://function.zip\n";
}

void deploy(Shell& sh, const std::string& source = kSource) {
    const Transcript t = run_script(sh, deploy_lines(source));
    ASSERT_EQ(t.last_exit, 0) << t.err;
}

const char* kSync = "aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload '{\"user\": \"u1\"}' o.json";
const char* kAsync = "aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out "
                     "--payload '{\"user\": \"u1\"}' o.json";

TEST(LambdaCode, DeployLinesWriteZipAndUpdateTheCodeMetadata) {
    Shell sh(1);
    sh.run("lab advance 90s");
    const std::string before_rev = sh.world().lambda.functions().at("demo-lambda").revision_id;
    CommandResult r = sh.run("lab code put lambda_function.py " + base64url_encode(kSource));
    EXPECT_EQ(r.out, "wrote lambda_function.py (" + std::to_string(std::string(kSource).size()) + " bytes)\n");
    EXPECT_EQ(*sh.world().files.read("lambda_function.py"), kSource);
    r = sh.run("zip function.zip lambda_function.py");
    EXPECT_EQ(r.out, "  adding: lambda_function.py (stored 0%)\n");
    const std::string zip = *sh.world().files.read("function.zip");
    EXPECT_EQ(zip, zip_write({{"lambda_function.py", kSource}}));
    r = sh.run("aws lambda update-function-code --function-name demo-lambda --zip-file fileb://function.zip");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const ojson out = ojson::parse(r.out);
    EXPECT_EQ(out["CodeSha256"], base64_encode(sha256_bytes(zip)));
    EXPECT_EQ(out["CodeSize"], zip.size());
    EXPECT_EQ(out["CodeSize"], (30 + 18) + (46 + 18) + 22 + std::string(kSource).size());   // local, central, end record
    EXPECT_EQ(out["LastModified"], "2026-03-02T09:01:30.000+0000");
    EXPECT_EQ(out["LastUpdateStatus"], "InProgress");
    EXPECT_EQ(out["Handler"], "lambda_function.lambda_handler");
    EXPECT_NE(out["RevisionId"], before_rev);
    const auto updated = trace_of(sh.world(), "lambda.code-updated");
    ASSERT_EQ(updated.size(), 1u);
    EXPECT_EQ(updated[0]->detail["codeSha256"], out["CodeSha256"]);
    EXPECT_EQ(updated[0]->detail["files"], ojson::array({"lambda_function.py"}));
    // Same code, same hash (deterministic ZIP); get-function shows it with Code.Location.
    const ojson got = ojson::parse(sh.run("aws lambda get-function --function-name demo-lambda").out);
    EXPECT_EQ(got["Configuration"]["CodeSha256"], out["CodeSha256"]);
    EXPECT_EQ(got["Configuration"]["LastUpdateStatus"], "Successful");
    EXPECT_EQ(got["Code"]["RepositoryType"], "S3");
    EXPECT_EQ(got["Code"]["Location"].get<std::string>().rfind(
                  "https://awslambda-ap-northeast-2-tasks.s3.ap-northeast-2.amazonaws.com/snapshots/123456789012/demo-lambda-", 0),
              0u);
}

TEST(LambdaCode, ABadZipIsRefusedAsAwsDoesAndChangesNothing) {
    Shell sh(1);
    sh.run("lab code put lambda_function.py " + base64url_encode(kSource));
    const FunctionConfig before = sh.world().lambda.functions().at("demo-lambda");
    CommandResult r = sh.run("aws lambda update-function-code --function-name demo-lambda --zip-file fileb://lambda_function.py");
    EXPECT_EQ(r.exit_code, 254);
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (InvalidParameterValueException) when calling the UpdateFunctionCode "
                     "operation: Could not unzip uploaded file. Please check your file, then try to upload again.\n\n"
                     "Additional error details:\nType: User\n");
    const FunctionConfig& after = sh.world().lambda.functions().at("demo-lambda");
    EXPECT_EQ(after.revision_id, before.revision_id);
    EXPECT_EQ(after.code_sha256, before.code_sha256);
    EXPECT_FALSE(after.code);
    r = sh.run("aws lambda update-function-code --function-name nope --zip-file fileb://lambda_function.py");
    EXPECT_NE(r.err.find("(ResourceNotFoundException) when calling the UpdateFunctionCode operation: Function not found: "
                         "arn:aws:lambda:ap-northeast-2:123456789012:function:nope"), std::string::npos) << r.err;
    r = sh.run("aws lambda update-function-code --function-name demo-lambda --zip-file fileb://missing.zip");
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_EQ(sh.run("zip f.zip missing.py").exit_code, 12);
    EXPECT_EQ(sh.run("lab code put x.py !!!").exit_code, 252);
}

TEST(LambdaCode, TheRequestCarriesTheContextAsTheContractSays) {
    Shell sh(1);
    FakeRunner fake;
    fake.answer = R"({"status":"ok","result":"{\"points\": 100}","logs":[],"durationMs":12.5})";
    sh.set_code_runner(&fake);
    deploy(sh);
    sh.run(kSync);
    ASSERT_EQ(fake.requests.size(), 1u);
    const ojson req = ojson::parse(fake.requests[0]);
    const InvocationRecord& inv = last_invocation(sh.world());
    const ExecutionEnvironment& env = sh.world().lambda.environments().at(inv.attempts[0].environment_index);
    EXPECT_EQ(req["runtime"], "python3.12");
    EXPECT_EQ(req["handler"], "lambda_function.lambda_handler");
    EXPECT_EQ(req["files"], (ojson{{"lambda_function.py", kSource}}));
    EXPECT_EQ(req["event"], "{\"user\": \"u1\"}");
    EXPECT_EQ(req["context"]["awsRequestId"], inv.request_id);
    EXPECT_EQ(req["context"]["functionName"], "demo-lambda");
    EXPECT_EQ(req["context"]["functionVersion"], "$LATEST");
    EXPECT_EQ(req["context"]["memoryLimitInMB"], 128);
    EXPECT_EQ(req["context"]["invokedFunctionArn"], "arn:aws:lambda:ap-northeast-2:123456789012:function:demo-lambda");
    EXPECT_EQ(req["context"]["logGroupName"], "/aws/lambda/demo-lambda");
    EXPECT_EQ(req["context"]["logStreamName"], env.log_stream);
    EXPECT_EQ(req["context"]["timeoutMs"], 3000);
    EXPECT_EQ(req["context"]["attempt"], 1);
    EXPECT_EQ(req["codeRevision"], sh.world().lambda.functions().at("demo-lambda").revision_id);
    // The result is the response body; the runner's duration is REPORT's Duration.
    EXPECT_EQ(*sh.world().files.read("o.json"), "{\"points\": 100}");
    EXPECT_EQ(inv.attempts[0].duration_centims, 1250);
}

TEST(LambdaCode, PrintsAndLoggingRecordsAreWrittenBetweenStartAndEnd) {
    Shell sh(1);
    FakeRunner fake;
    fake.answer = R"({"status":"ok","result":"null","durationMs":4.2,"logs":[
        {"kind":"print","text":"안녕\n"},{"kind":"log","level":"INFO","text":"processing u1"},{"kind":"print","text":"done\n"}]})";
    sh.set_code_runner(&fake);
    deploy(sh);
    sh.run("lab advance 10s");
    sh.run(kSync);
    const InvocationRecord& inv = last_invocation(sh.world());
    const std::string& rid = inv.request_id;
    const TimeMs start = inv.attempts[0].start + (inv.attempts[0].init_centims + 99) / 100;
    std::vector<std::string> msgs = log_messages(sh.world());
    ASSERT_EQ(msgs.size(), 7u);
    EXPECT_EQ(msgs[0].rfind("INIT_START Runtime Version: python:3.12.v64\t", 0), 0u);
    EXPECT_EQ(msgs[1], "START RequestId: " + rid + " Version: $LATEST\n");
    EXPECT_EQ(msgs[2], "안녕\n");
    EXPECT_EQ(msgs[3], "[INFO]\t" + iso8601_ms(start) + "\t" + rid + "\tprocessing u1\n");
    EXPECT_EQ(iso8601_ms(start).substr(0, 20), "2026-03-02T09:00:10.");
    EXPECT_EQ(msgs[4], "done\n");
    EXPECT_EQ(msgs[5], "END RequestId: " + rid + "\n");
    EXPECT_EQ(msgs[6].rfind("REPORT RequestId: " + rid + "\tDuration: 4.20 ms\t", 0), 0u);
    EXPECT_EQ(*sh.world().files.read("o.json"), "null");
}

TEST(LambdaCode, AnExceptionGivesThePayloadAndErrorLineFromItsTraceback) {
    Shell sh(1);
    FakeRunner fake;
    fake.answer = R"({"status":"error","errorType":"Exception","errorMessage":"Something went wrong!",
        "stackTrace":["  File \"/var/task/lambda_function.py\", line 5, in lambda_handler\n    raise Exception(\"Something went wrong!\")\n"],
        "initError":false,"logs":[{"kind":"print","text":"Received event: {'user': 'u1'}\n"}],"durationMs":3})";
    sh.set_code_runner(&fake);
    deploy(sh);
    const CommandResult r = sh.run(kSync);
    EXPECT_EQ(ojson::parse(r.out)["FunctionError"], "Unhandled");
    const std::string& rid = last_invocation(sh.world()).request_id;
    EXPECT_EQ(*sh.world().files.read("o.json"),
              "{\"errorMessage\": \"Something went wrong!\", \"errorType\": \"Exception\", \"requestId\": \"" + rid +
                  "\", \"stackTrace\": [\"  File \\\"/var/task/lambda_function.py\\\", line 5, in lambda_handler\\n    raise "
                  "Exception(\\\"Something went wrong!\\\")\\n\"]}");
    const auto msgs = log_messages(sh.world());
    EXPECT_EQ(msgs[2], "Received event: {'user': 'u1'}\n");
    EXPECT_EQ(msgs[3], "[ERROR] Exception: Something went wrong!\nTraceback (most recent call last):\n\u00a0\u00a0File "
                       "\"/var/task/lambda_function.py\", line 5, in lambda_handler\n\u00a0\u00a0\u00a0\u00a0raise "
                       "Exception(\"Something went wrong!\")");
    EXPECT_EQ(msgs[4], "END RequestId: " + rid + "\n");
    EXPECT_EQ(last_invocation(sh.world()).attempts[0].error_type, "Exception");
}

TEST(LambdaCode, AnInitErrorHasNoRequestIdAndAnInitReport) {
    Shell sh(1);
    FakeRunner fake;
    fake.answer = R"({"status":"error","errorType":"Runtime.ImportModuleError",
        "errorMessage":"Unable to import module 'lambda_function': No module named 'requests'",
        "stackTrace":[],"initError":true,"logs":[],"durationMs":20.5})";
    sh.set_code_runner(&fake);
    deploy(sh);
    sh.run(kSync);
    EXPECT_EQ(*sh.world().files.read("o.json"),
              "{\"errorMessage\": \"Unable to import module 'lambda_function': No module named 'requests'\", \"errorType\": "
              "\"Runtime.ImportModuleError\", \"requestId\": \"\", \"stackTrace\": []}");
    const auto msgs = log_messages(sh.world());
    ASSERT_EQ(msgs.size(), 7u);
    EXPECT_EQ(msgs[2].rfind("[WARNING]\t2026-03-02T09:00:00.", 0), 0u);
    EXPECT_NE(msgs[2].find("Z\t\tLAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code."),
              std::string::npos);
    EXPECT_EQ(msgs[3], "[ERROR] Runtime.ImportModuleError: Unable to import module 'lambda_function': No module named "
                       "'requests'\nTraceback (most recent call last):");
    EXPECT_EQ(msgs[4], "INIT_REPORT Init Duration: 20.50 ms\tPhase: invoke\tStatus: error\tError Type: Runtime.ImportModuleError\n");
    EXPECT_EQ(msgs[5].rfind("END RequestId: ", 0), 0u);
}

TEST(LambdaCode, ARunnerTimeoutIsTheFunctionTimeout) {
    Shell sh(1);
    FakeRunner fake;
    fake.answer = R"({"status":"timeout","logs":[{"kind":"print","text":"looping\n"}],"durationMs":3000})";
    sh.set_code_runner(&fake);
    deploy(sh);
    sh.run(kSync);
    const InvocationRecord& inv = last_invocation(sh.world());
    EXPECT_EQ(inv.attempts[0].outcome, AttemptOutcome::Timeout);
    EXPECT_EQ(inv.attempts[0].duration_centims, 300'000);
    EXPECT_EQ(*sh.world().files.read("o.json"), "{\"errorType\": \"Sandbox.Timedout\", \"errorMessage\": \"RequestId: " +
                                                    inv.request_id + " Error: Task timed out after 3.00 seconds\"}");
    const auto msgs = log_messages(sh.world());
    EXPECT_EQ(msgs[2], "looping\n");
    EXPECT_NE(msgs.back().find("\tDuration: 3000.00 ms\t"), std::string::npos);
    EXPECT_EQ(msgs.back().substr(msgs.back().size() - 16), "Status: timeout\n");
}

TEST(LambdaCode, MarshalErrorAndNoRunner) {
    Shell sh(1);
    FakeRunner fake;
    fake.answer = R"({"status":"error","errorType":"Runtime.MarshalError",
        "errorMessage":"Unable to marshal response: Object of type set is not JSON serializable","stackTrace":[],"durationMs":2})";
    sh.set_code_runner(&fake);
    deploy(sh);
    sh.run(kSync);
    const std::string rid = last_invocation(sh.world()).request_id;
    EXPECT_EQ(*sh.world().files.read("o.json"),
              "{\"errorMessage\": \"Unable to marshal response: Object of type set is not JSON serializable\", \"errorType\": "
              "\"Runtime.MarshalError\", \"requestId\": \"" + rid + "\", \"stackTrace\": []}");
    sh.set_code_runner(nullptr);
    sh.run(kSync);
    EXPECT_EQ(last_invocation(sh.world()).attempts[0].error_type, "Runtime.Unavailable");
    // A reset keeps the Shell's runner (none here); `lab code builtin` goes back to the echo handler.
    sh.run("lab code builtin demo-lambda");
    sh.run(kSync);
    EXPECT_EQ(*sh.world().files.read("o.json"), "{\"statusCode\": 200, \"body\": \"\\\"Hello from Lambda!\\\"\"}");
}

TEST(LambdaCode, RetriesOfAnOlderEventRunTheNewCode) {
    Shell sh(1);
    struct Switching : CodeRunner {
        std::vector<std::string> seen;              // the code each attempt ran
        CodeRunResult run(const CodeRunRequest& r) override {
            const std::string& src = r.files->at("lambda_function.py");
            seen.push_back(src);
            CodeRunResult out;
            out.duration_ms = 5;
            if (src.find("raise") != std::string::npos) {
                out.status = CodeRunResult::Status::Error;
                out.error_type = "Exception";
                out.error_message = "Something went wrong!";
            } else {
                out.result = "{\"ok\": true}";
            }
            return out;
        }
    } runner;
    sh.set_code_runner(&runner);
    const std::string failing = "def lambda_handler(event, context):\n    raise Exception(\"Something went wrong!\")\n";
    const std::string fixed = "def lambda_handler(event, context):\n    return {\"ok\": True}\n";
    deploy(sh, failing);
    sh.run(kAsync);
    sh.run("lab advance 30s");                      // the first attempt failed; the retry waits ~60 s
    deploy(sh, fixed);
    sh.run("lab run");
    const InvocationRecord& inv = last_invocation(sh.world());
    ASSERT_EQ(inv.attempts.size(), 2u);
    EXPECT_EQ(inv.attempts[0].outcome, AttemptOutcome::Error);
    EXPECT_EQ(inv.attempts[1].outcome, AttemptOutcome::Success);
    EXPECT_EQ(runner.seen, (std::vector<std::string>{failing, fixed}));
    EXPECT_EQ(inv.state, InvocationState::Succeeded);
}

TEST(LambdaCode, ResetAndScenarioLoadKeepTheRunnerAndReplayRebuildsTheCode) {
    Shell sh(1);
    FakeRunner fake;
    fake.answer = R"({"status":"ok","result":"1","durationMs":1})";
    sh.set_code_runner(&fake);
    sh.run("lab reset --seed 5");
    deploy(sh);
    sh.run(kSync);
    EXPECT_EQ(fake.requests.size(), 1u);
    // The session text replays the deploy lines: same code hash in a fresh Shell.
    Shell again(5);
    again.set_code_runner(&fake);
    const std::string session = sh.session_text();
    const Transcript t = run_script(again, deploy_lines(kSource));
    EXPECT_EQ(t.last_exit, 0);
    EXPECT_EQ(again.world().lambda.functions().at("demo-lambda").code_sha256,
              sh.world().lambda.functions().at("demo-lambda").code_sha256);
    EXPECT_NE(session.find("@0 lab code put lambda_function.py " + base64url_encode(kSource)), std::string::npos);
}

TEST(LambdaCode, MalformedRunnerJsonIsAClearError) {
    const CodeRunResult r = parse_code_run_result("not json");
    EXPECT_EQ(r.status, CodeRunResult::Status::Error);
    EXPECT_EQ(r.error_type, "Runtime.Unavailable");
    EXPECT_EQ(r.error_message, "The Python runner returned something that is not a JSON object");
    EXPECT_EQ(parse_code_run_result(R"({"status":"maybe"})").error_message, "The Python runner returned an unknown status 'maybe'");
}

} // namespace
