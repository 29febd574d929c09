// The bounded trace (core/sim/trace.h): the newest entries are kept, older ones are counted
// per kind, and indexes stay global so readers that remember "since index N" keep working.
#include <gtest/gtest.h>
#include "shell/shell.h"
#include "sim/trace.h"
#include "world/world.h"

using namespace invokelab;

TEST(Trace, KeepsTheNewestEntriesAndCountsTheRestPerKind) {
    Trace t;
    t.set_keep(3);
    for (int i = 0; i < 5; ++i) t.add(i * 10, i % 2 ? "odd" : "even", "r" + std::to_string(i), ojson{{"n", i}});
    EXPECT_EQ(t.size(), 5u);                        // every entry ever recorded
    EXPECT_EQ(t.first_kept(), 2u);
    ASSERT_EQ(t.entries().size(), 3u);
    EXPECT_EQ(t.entries().front().index, 2u);
    EXPECT_EQ(t.at(4).request_id, "r4");
    EXPECT_EQ(t.at(2).time, 20);
    EXPECT_THROW(t.at(1), std::out_of_range);       // summarised
    EXPECT_EQ(t.summary_json().dump(), R"({"kept":3,"limit":3,"summarised":2,"summarisedByKind":{"even":1,"odd":1}})");
    // Lines from a summarised index start at the oldest kept one.
    EXPECT_EQ(t.to_json_lines(0), "{\"i\":2,\"t\":20,\"kind\":\"even\",\"requestId\":\"r2\",\"detail\":{\"n\":2}}\n"
                                  "{\"i\":3,\"t\":30,\"kind\":\"odd\",\"requestId\":\"r3\",\"detail\":{\"n\":3}}\n"
                                  "{\"i\":4,\"t\":40,\"kind\":\"even\",\"requestId\":\"r4\",\"detail\":{\"n\":4}}\n");
    EXPECT_EQ(t.to_json_lines(4), "{\"i\":4,\"t\":40,\"kind\":\"even\",\"requestId\":\"r4\",\"detail\":{\"n\":4}}\n");
    t.set_keep(1);                                  // lowering the limit summarises at once
    EXPECT_EQ(t.first_kept(), 4u);
    EXPECT_EQ(t.summarised_by_kind().at("even"), 2u);
    EXPECT_EQ(t.summarised_by_kind().at("odd"), 2u);
}

TEST(Trace, DefaultLimitIsInTheWorldStateAndNothingIsSummarisedInShortRuns) {
    Shell sh(1);
    sh.run("aws lambda invoke --function-name demo-lambda --invocation-type Event --payload e30= out.json");
    sh.run("lab run");
    const ojson s = sh.world().state_json();
    EXPECT_EQ(s["traceSummary"]["limit"], Trace::kDefaultKeep);
    EXPECT_EQ(s["traceSummary"]["summarised"], 0);
    EXPECT_EQ(s["traceSummary"]["kept"], sh.world().trace.size());
    EXPECT_EQ(s["trace"].size(), sh.world().trace.size());
    EXPECT_EQ(s["logsSummary"].dump(), R"({"keepPerStream":10000,"summarised":0})");
}

// A world whose trace is full keeps running, keeps its indexes, and the state JSON says so.
TEST(Trace, AFullTraceInAWorldKeepsGlobalIndexesAndSaysWhatItSummarised) {
    Shell sh(1);
    World& w = sh.world();
    w.trace.set_keep(10);
    sh.run("lab fail demo-lambda always");
    sh.run("aws lambda invoke --function-name demo-lambda --invocation-type Event --payload e30= out.json");
    sh.run("lab run");
    const std::size_t total = w.trace.size();
    ASSERT_GT(total, 10u);
    const ojson s = w.state_json();
    ASSERT_EQ(s["trace"].size(), 10u);
    EXPECT_EQ(s["trace"][0]["i"], total - 10);
    EXPECT_EQ(s["trace"][9]["i"], total - 1);
    EXPECT_EQ(s["trace"][9]["kind"], "async.discarded");
    EXPECT_EQ(s["traceSummary"]["summarised"], total - 10);
    EXPECT_EQ(s["traceSummary"]["summarisedByKind"]["world.reset"], 1);
    EXPECT_EQ(s["traceSummary"]["summarisedByKind"]["async.accepted"], 1);
}
