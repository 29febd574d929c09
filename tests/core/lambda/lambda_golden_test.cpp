// Golden traces: a scenario (seed + command lines), run through the Shell, must produce
// exactly the trace pinned in tests/golden/<name>.json; the seed-002 walkthrough script
// must also print exactly tests/golden/seed-002-walkthrough.stdout / .stderr.
// Regenerate after an intended change: INVOKELAB_UPDATE_GOLDEN=1 build/lambda/tests/core_tests
// --gtest_filter='LambdaGolden*', then review the diff (see tests/golden/README.md).
#include <gtest/gtest.h>
#include "lambda_test_util.h"

using namespace invokelab;
using namespace invokelab::testing;

namespace {

const char* kAsyncSeed002 = "aws lambda invoke \\\n    --function-name demo-lambda \\\n    --invocation-type Event \\\n"
                            "    --cli-binary-format raw-in-base64-out \\\n    --payload '{\"key1\": \"value1\"}' \\\n    response.json";

struct Scenario {
    std::string name, description;
    std::uint64_t seed;
    std::vector<std::string> commands;
};

std::string golden_document(const Scenario& s) {
    Shell sh(s.seed);
    ojson commands = ojson::array();
    ojson outputs = ojson::array();
    for (const auto& line : s.commands) {
        const CommandResult r = sh.run(line);
        commands.push_back(line);
        outputs.push_back(ojson{{"exit", r.exit_code}, {"stdout", r.out}, {"stderr", r.err}});
    }
    ojson trace = ojson::array();
    for (const auto& e : sh.world().trace.entries()) trace.push_back(e.to_json());
    ojson doc;
    doc["scenario"] = s.name;
    doc["description"] = s.description;
    doc["seed"] = s.seed;
    doc["commands"] = commands;
    doc["outputs"] = outputs;
    doc["trace"] = trace;
    return doc.dump(2) + "\n";
}

void check(const Scenario& s) { expect_golden("tests/golden/" + s.name + ".json", golden_document(s)); }

TEST(LambdaGolden, Seed002Walkthrough) {
    check({"seed-002-walkthrough",
           "Study note 002: failing handler, DLQ permission error, AmazonSQSFullAccess, DLQ set, retries at +60 s/+120 s, "
           "the event in lambda-DLQ with RequestID/ErrorCode/ErrorMessage",
           1,
           {"aws sqs create-queue --queue-name lambda-DLQ",
            "aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config "
            "TargetArn=arn:aws:sqs:ap-northeast-2:123456789012:lambda-DLQ",
            "aws iam attach-role-policy --role-name demo-lambda-role-6gssa7uj --policy-arn arn:aws:iam::aws:policy/AmazonSQSFullAccess",
            "aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config "
            "TargetArn=arn:aws:sqs:ap-northeast-2:123456789012:lambda-DLQ",
            "aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts 2",
            "lab fail demo-lambda always --message \"Something went wrong!\"",
            kAsyncSeed002,
            "lab advance 4m",
            "aws sqs receive-message --queue-url https://sqs.ap-northeast-2.amazonaws.com/123456789012/lambda-DLQ "
            "--message-attribute-names All"}});
}

TEST(LambdaGolden, SyncError) {
    check({"sync-error", "A synchronous call to a failing handler: 200, FunctionError Unhandled, one attempt, no retry", 1,
           {"lab fail demo-lambda always",
            "aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out "
            "--payload '{\"key1\": \"value1\", \"key2\": \"value2\", \"key3\": \"value3\" }' --region ap-northeast-2 response.json",
            "cat response.json", "lab run"}});
}

TEST(LambdaGolden, MaximumRetryAttempts0) {
    check({"retry-0", "MaximumRetryAttempts 0: one attempt, then the event is dropped (no DLQ)", 1,
           {"aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts 0",
            "lab fail demo-lambda always", kAsyncSeed002, "lab run"}});
}

TEST(LambdaGolden, MaximumRetryAttempts1) {
    check({"retry-1", "MaximumRetryAttempts 1: attempt 2 starts 60 000 ms after attempt 1 ended, then the event is dropped", 1,
           {"aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts 1",
            "lab fail demo-lambda always", kAsyncSeed002, "lab run"}});
}

TEST(LambdaGolden, Seed002WalkthroughScript) {
    Shell sh(1);
    const Transcript t = run_script(sh, read_text(source_path("tests/scenarios/seed-002-walkthrough.txt")));
    expect_golden("tests/golden/seed-002-walkthrough.stdout", t.out);
    expect_golden("tests/golden/seed-002-walkthrough.stderr", t.err);
    EXPECT_EQ(t.last_exit, 0);
    // The facts the walkthrough is about, asserted directly too.
    const auto& invs = sh.world().lambda.invocations();
    ASSERT_EQ(invs.size(), 2u);
    for (const auto& inv : invs) {
        ASSERT_EQ(inv.attempts.size(), 3u);
        EXPECT_EQ(inv.attempts[1].start - inv.attempts[0].end, 60'000);
        EXPECT_EQ(inv.attempts[2].start - inv.attempts[1].end, 120'000);
    }
    EXPECT_TRUE(invs[0].dlq_target.empty());        // failed before the DLQ existed
    EXPECT_TRUE(invs[1].dlq_at.has_value());
    EXPECT_NE(t.out.find("\"StringValue\": \"" + invs[1].request_id + "\""), std::string::npos);
}

TEST(LambdaGolden, InvokelabToolReadsTheSameScript) {
    // The tool joins continuation lines the same way (tokenize().incomplete); the shared
    // helper mirrors tools/invokelab/main.cpp, so the script's multi-line invoke is one command.
    Shell sh(1);
    const Transcript t = run_script(sh, kAsyncSeed002);
    EXPECT_EQ(t.out, "{\n    \"StatusCode\": 202\n}\n");
    EXPECT_EQ(sh.history().size(), 1u);
}

} // namespace
