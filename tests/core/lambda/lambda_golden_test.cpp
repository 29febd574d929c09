// The seed-002 walkthrough script, read as the invokelab tool reads it: the facts it is about.
// Its exact output and trace are golden files, checked by GoldenScenarios
// (tests/core/shell/golden_scenarios_test.cpp) with every other tests/scenarios/*.txt.
#include <gtest/gtest.h>
#include "lambda_test_util.h"

using namespace invokelab;
using namespace invokelab::testing;

namespace {

const char* kAsyncSeed002 = "aws lambda invoke \\\n    --function-name demo-lambda \\\n    --invocation-type Event \\\n"
                            "    --cli-binary-format raw-in-base64-out \\\n    --payload '{\"key1\": \"value1\"}' \\\n    response.json";

TEST(LambdaGolden, Seed002WalkthroughScript) {
    Shell sh(1);
    const Transcript t = run_script(sh, read_text(source_path("tests/scenarios/seed-002-walkthrough.txt")));
    // Its stdout/stderr/trace are pinned by GoldenScenarios (tests/golden/seed-002-walkthrough.*).
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
