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

TEST(Trace, AFullTraceReusesTheDroppedEntryAndCopiesTextsReadFromIt) {
    // Once full, add() writes the new entry into the strings of the one it drops; a kind or
    // request id read from that very entry (short or long) must still arrive intact.
    Trace t;
    t.set_keep(2);
    const std::string long_id = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    t.add(0, "async.accepted", long_id);
    t.add(1, "x", "r1");
    t.add(2, "attempt.start", "1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809", TraceDetail::of("attempt", 1));
    ASSERT_EQ(t.first_kept(), 1u);
    EXPECT_EQ(t.at(2).kind, "attempt.start");
    EXPECT_EQ(t.at(2).request_id, "1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809");
    EXPECT_EQ(t.at(2).detail.dump(), R"({"attempt":1})");
    const TraceEntry& oldest = t.at(1);
    t.add(3, oldest.kind, oldest.request_id);       // short texts from the entry being dropped
    EXPECT_EQ(t.at(3).kind, "x");
    EXPECT_EQ(t.at(3).request_id, "r1");
    const TraceEntry& oldest2 = t.at(2);
    t.add(4, oldest2.kind, oldest2.request_id);     // long ones
    EXPECT_EQ(t.at(4).kind, "attempt.start");
    EXPECT_EQ(t.at(4).request_id, "1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809");
    EXPECT_TRUE(t.at(4).detail.empty());
    EXPECT_EQ(t.summary_json().dump(), R"({"kept":2,"limit":2,"summarised":3,"summarisedByKind":{"async.accepted":1,"attempt.start":1,"x":1}})");
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

// A flat detail is the JSON object it stands for: same keys in the same order, the same number
// types (signed -> number_integer, unsigned -> number_unsigned), strings byte for byte (UTF-8,
// NULs and invalid bytes included), and the same text in an entry's JSON line.
TEST(Trace, AFlatDetailRendersAsTheSameJsonObject) {
    const std::string odd("a\0b\xff\xc3\xa9", 6);
    const TraceDetail flat = TraceDetail::of("function", std::string("demo"), "attempt", 2, "queueDepth", std::size_t{7},
                                             "ageMs", TimeMs{-5}, "coldStart", true, "text", odd, "on", "OnFailure");
    const ojson eager{{"function", "demo"}, {"attempt", 2},   {"queueDepth", std::size_t{7}}, {"ageMs", TimeMs{-5}},
                      {"coldStart", true},  {"text", odd},    {"on", "OnFailure"}};
    EXPECT_EQ(flat.json(), eager);
    EXPECT_EQ(flat.json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
              eager.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    EXPECT_TRUE(flat.json()["attempt"].is_number_integer() && !flat.json()["attempt"].is_number_unsigned());
    EXPECT_TRUE(flat.json()["queueDepth"].is_number_unsigned());
    EXPECT_EQ(flat["ageMs"], -5);
    EXPECT_EQ(flat["coldStart"], true);
    EXPECT_TRUE(flat["missing"].is_null());
    EXPECT_EQ(flat.value("function", "x"), "demo");
    EXPECT_EQ(flat.value("attempt", "not a string"), "not a string");
    EXPECT_FALSE(flat.empty());

    TraceDetail grown = TraceDetail::of("function", "f");
    grown.add("errorType", std::string("Exception")).add("duplicate", true);
    EXPECT_EQ(grown.dump(), R"({"function":"f","errorType":"Exception","duplicate":true})");

    // The general form (any ojson) and the empty detail.
    const TraceDetail nested(ojson{{"key", {{"id", {{"S", "1"}}}}}});
    EXPECT_EQ(nested.dump(), R"({"key":{"id":{"S":"1"}}})");
    EXPECT_EQ(nested["key"]["id"]["S"], "1");
    EXPECT_TRUE(TraceDetail().empty());
    EXPECT_TRUE(TraceDetail(ojson::object()).empty());
    EXPECT_EQ(TraceDetail().dump(), "{}");

    Trace t;
    t.add(10, "attempt.start", "r1", TraceDetail::of("function", "f", "attempt", 1, "coldStart", false));
    t.add(11, "world.reset");
    EXPECT_EQ(t.to_json_lines(0), "{\"i\":0,\"t\":10,\"kind\":\"attempt.start\",\"requestId\":\"r1\",\"detail\":"
                                  "{\"function\":\"f\",\"attempt\":1,\"coldStart\":false}}\n"
                                  "{\"i\":1,\"t\":11,\"kind\":\"world.reset\"}\n");
}
