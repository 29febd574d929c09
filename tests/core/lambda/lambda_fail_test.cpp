// `lab fail`: the handler setting (off / always / first N / rate P, type, message, duration).
#include <gtest/gtest.h>
#include "lambda_test_util.h"

using namespace invokelab;
using namespace invokelab::testing;

namespace {

const char* kSync = "aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload '{}' o.json";

TEST(LambdaFail, ShowsTheCurrentSetting) {
    Shell sh(1);
    CommandResult r = sh.run("lab fail demo-lambda");
    EXPECT_EQ(r.out, "demo-lambda: off (the handler succeeds); handler duration 1-4ms (default)\n");
    r = sh.run("lab fail demo-lambda always");
    EXPECT_EQ(r.out, "demo-lambda: always, raising Exception: Something went wrong!; handler duration 1-4ms (default)\n");
    EXPECT_EQ(sh.run("lab fail demo-lambda").out, r.out);
}

TEST(LambdaFail, FirstNFailsTheNextNAttemptsThenSucceeds) {
    Shell sh(1);
    sh.run("lab fail demo-lambda first 2");
    std::vector<std::string> errors;
    for (int i = 0; i < 4; ++i) {
        sh.run(kSync);
        errors.push_back(last_invocation(sh.world()).function_error);
    }
    EXPECT_EQ(errors, (std::vector<std::string>{"Unhandled", "Unhandled", "", ""}));
    EXPECT_EQ(sh.run("lab fail demo-lambda").out, "demo-lambda: first 2 attempts (0 left), raising Exception: Something went wrong!; handler duration 1-4ms (default)\n");
}

TEST(LambdaFail, RateIsSeededAndRoughlyP) {
    auto outcomes = [](std::uint64_t seed) {
        Shell sh(seed);
        sh.run("lab fail demo-lambda rate 0.3");
        std::string s;
        for (int i = 0; i < 200; ++i) { sh.run(kSync); s += last_invocation(sh.world()).function_error.empty() ? '.' : 'x'; }
        return s;
    };
    const std::string a = outcomes(1);
    EXPECT_EQ(a, outcomes(1));                      // same seed, same failures
    const auto failures = std::count(a.begin(), a.end(), 'x');
    EXPECT_GT(failures, 40);
    EXPECT_LT(failures, 80);
    EXPECT_NE(a, outcomes(2));
}

TEST(LambdaFail, TypeAndMessageShowInTheErrorObjectAndLogs) {
    Shell sh(1);
    sh.run("lab fail demo-lambda always --type ValueError --message 'bad \"input\"'");
    sh.run(kSync);
    const ojson body = ojson::parse(sh.world().files.read("o.json").value());
    EXPECT_EQ(body["errorType"], "ValueError");
    EXPECT_EQ(body["errorMessage"], "bad \"input\"");
    EXPECT_EQ(body["stackTrace"][0], "  File \"/var/task/lambda_function.py\", line 7, in lambda_handler\n    raise ValueError(\"bad \\\"input\\\"\")\n");
    bool found = false;
    for (const auto& m : log_messages(sh.world())) found |= m.rfind("[ERROR] ValueError: bad \"input\"\nTraceback", 0) == 0;
    EXPECT_TRUE(found);
}

TEST(LambdaFail, DurationSetsTheReportedDuration) {
    Shell sh(1);
    sh.run("lab fail demo-lambda off --duration 500ms");
    sh.run(kSync);
    const AttemptRecord& a = last_invocation(sh.world()).attempts[0];
    EXPECT_GE(a.duration_centims, 50'000);
    EXPECT_LT(a.duration_centims, 50'100);
    EXPECT_EQ(a.outcome, AttemptOutcome::Success);
}

TEST(LambdaFail, DurationOverTheTimeoutGivesSandboxTimedout) {
    Shell sh(1);
    EXPECT_EQ(sh.run("lab fail demo-lambda off --duration 4s").out,
              "demo-lambda: off (the handler succeeds); handler duration 4s\nnote: longer than the function timeout (3s): attempts will "
              "time out with Sandbox.Timedout\n");
    const CommandResult r = sh.run(kSync);
    EXPECT_EQ(ojson::parse(r.out)["FunctionError"], "Unhandled");
    const std::string rid = last_invocation(sh.world()).request_id;
    EXPECT_EQ(sh.world().files.read("o.json").value(),
              "{\"errorType\": \"Sandbox.Timedout\", \"errorMessage\": \"RequestId: " + rid + " Error: Task timed out after 3.00 seconds\"}");
    const AttemptRecord& a = last_invocation(sh.world()).attempts[0];
    EXPECT_EQ(a.end - a.start, (a.init_centims + 300'000 + 99) / 100);   // stopped at exactly 3 s of handler time
}

TEST(LambdaFail, BadArgumentsAreUsageErrorsAndChangeNothing) {
    Shell sh(1);
    for (const char* line : {"lab fail", "lab fail nope always", "lab fail demo-lambda sometimes", "lab fail demo-lambda first 0",
                             "lab fail demo-lambda first x", "lab fail demo-lambda rate 1.5", "lab fail demo-lambda always --duration soon",
                             "lab fail demo-lambda always --type 'Bad Type'", "lab fail demo-lambda always --message"}) {
        const CommandResult r = sh.run(line);
        EXPECT_EQ(r.exit_code, 252) << line;
        EXPECT_EQ(r.err.rfind("usage: lab fail FUNCTION", 0), 0u) << line;
    }
    EXPECT_EQ(sh.world().lambda.functions().at("demo-lambda").failure.mode, FailureInjection::Mode::Off);
}

} // namespace
