// The bounded trace (core/sim/trace.h): the newest entries are kept, older ones are counted
// per kind, and indexes stay global so readers that remember "since index N" keep working.
#include <gtest/gtest.h>
#include <algorithm>
#include <cstring>
#include <deque>
#include <memory>
#include <iterator>
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

// The trace's storage (core/sim/trace.h): a ring of entries, interned kinds, request ids and
// flat details in a FIFO byte store of 64 KiB chunks. Many entries through a small ring keep
// every kept entry intact, count the dropped ones per kind, and hold a bounded number of bytes.
TEST(Trace, ARingOfEntriesKeepsTheirTextsThroughManyWrapsAndBoundedBytes) {
    Trace t;
    t.set_keep(100);
    const std::string filler(1000, 'x');            // ~1 KB a detail: 10 000 of them cross ~150 chunks
    for (int i = 0; i < 10'000; ++i) {
        const std::string rid = "request-" + std::to_string(i) + "-0123456789abcdef0123456789";
        if (i % 3 == 0) t.add(i, "log.line", rid, TraceDetail::of("n", i, "text", filler));
        else if (i % 3 == 1) t.add_of(i, "attempt.start", rid, "n", i, "text", filler, "cold", i % 2 == 0);
        else t.add(i, "general", rid, ojson{{"n", i}});
    }
    EXPECT_EQ(t.size(), 10'000u);
    EXPECT_EQ(t.first_kept(), 9'900u);
    ASSERT_EQ(t.entries().size(), 100u);
    for (std::size_t i = 9'900; i < 10'000; ++i) {
        const TraceEntry& e = t.at(i);
        const int n = static_cast<int>(i);
        ASSERT_EQ(e.index, i);
        ASSERT_EQ(e.time, n);
        ASSERT_EQ(e.request_id, "request-" + std::to_string(n) + "-0123456789abcdef0123456789");
        if (n % 3 == 0) {
            ASSERT_EQ(e.kind, "log.line");
            ASSERT_EQ(e.detail.json(), (ojson{{"n", n}, {"text", filler}}));
        } else if (n % 3 == 1) {
            ASSERT_EQ(e.kind, "attempt.start");
            ASSERT_EQ(e.detail.json(), (ojson{{"n", n}, {"text", filler}, {"cold", n % 2 == 0}}));
        } else {
            ASSERT_EQ(e.kind, "general");
            ASSERT_EQ(e.detail.dump(), "{\"n\":" + std::to_string(n) + "}");
        }
    }
    // entries() is a random-access range over the ring, oldest first.
    const auto entries = t.entries();
    EXPECT_EQ(entries.front().index, 9'900u);
    EXPECT_EQ(entries.back().index, 9'999u);
    EXPECT_EQ(entries[50].index, 9'950u);
    EXPECT_EQ((entries.end() - entries.begin()), 100);
    const auto it = std::lower_bound(entries.begin(), entries.end(), TimeMs{9'990},
                                     [](const TraceEntry& e, TimeMs v) { return e.time < v; });
    EXPECT_EQ(it->index, 9'990u);
    EXPECT_EQ(std::prev(it)->index, 9'989u);
    // Dropped entries: counted per kind (9 900 = 3 300 of each), kinds in name order.
    EXPECT_EQ(t.summary_json().dump(),
              R"({"kept":100,"limit":100,"summarised":9900,"summarisedByKind":{"attempt.start":3300,"general":3300,"log.line":3300}})");
    // A kind is stored once: every entry of a kind views the same text.
    EXPECT_EQ(t.at(9'900).kind.data(), t.at(9'903).kind.data());
    // Bytes: one block of 1 024 slots, 100 kept entries of ~1 KB (about 2 chunks) plus the chunk
    // being filled and one spare, not the ~10 MB ever written.
    EXPECT_LE(t.heap_bytes(), 1024 * (sizeof(TraceEntry) + 4) + 4 * 64 * 1024 + 4096);
}

// An attempt's entries name one request one after another: they view one copy of its id while
// that copy is in the chunk being filled; any other id, or a new chunk, makes a new copy. The
// copies live as long as the entries that view them (ASan checks the reads after drops).
TEST(Trace, ConsecutiveEntriesOfOneRequestViewOneCopyOfItsId) {
    Trace t;
    t.set_keep(50);
    const std::string a = "ef5e88ac-5d31-482b-a548-9bbd96be000a", b = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    t.add(0, "async.accepted", a);
    t.add_of(1, "attempt.start", a, "attempt", 1);
    t.add(2, "log.line", a, TraceDetail::of("message", "START"));
    EXPECT_EQ(t.at(1).request_id.data(), t.at(0).request_id.data());
    EXPECT_EQ(t.at(2).request_id.data(), t.at(0).request_id.data());
    t.add(3, "async.accepted", b);
    EXPECT_NE(t.at(3).request_id.data(), t.at(2).request_id.data());
    t.add(4, "attempt.end", a);                     // only the last id is remembered: a new copy
    EXPECT_NE(t.at(4).request_id.data(), t.at(0).request_id.data());
    EXPECT_EQ(t.at(4).request_id, a);
    // Entry 5 views entry 4's copy, then its detail opens a new chunk: entry 6 copies the id
    // again, into that chunk. Dropping entries 0-5 frees the first chunk; entry 6 still reads a.
    t.add_of(5, "log.line", a, "message", std::string(64 * 1024 - 64, 'x'));   // into the byte store
    EXPECT_EQ(t.at(5).request_id.data(), t.at(4).request_id.data());
    t.add(6, "attempt.end", a);
    EXPECT_NE(t.at(6).request_id.data(), t.at(5).request_id.data());
    t.set_keep(1);
    ASSERT_EQ(t.first_kept(), 6u);
    EXPECT_EQ(t.at(6).request_id, a);
    EXPECT_EQ(t.at(6).to_json().dump(), R"({"i":6,"t":6,"kind":"attempt.end","requestId":")" + a + R"("})");

    // Through many wraps and chunks: 10 000 entries, a new request every 7, ~1 KB details.
    Trace r;
    r.set_keep(100);
    const std::string filler(1000, 'y');
    for (int i = 0; i < 10'000; ++i)
        r.add_of(i, "log.line", "request-" + std::to_string(i / 7) + "-0123456789abcdef0123456789", "n", i, "text", filler);
    std::size_t copies = 0;
    for (std::size_t i = 9'900; i < 10'000; ++i) {
        const TraceEntry& e = r.at(i);
        ASSERT_EQ(e.request_id, "request-" + std::to_string(i / 7) + "-0123456789abcdef0123456789");
        ASSERT_EQ(e.detail.json(), (ojson{{"n", static_cast<int>(i)}, {"text", filler}}));
        if (i == 9'900 || e.request_id.data() != r.at(i - 1).request_id.data()) ++copies;
    }
    // 15 requests (1414..1428) in the 100 kept entries, plus a copy where a request's entries
    // straddle a chunk (64 KiB hold ~63 of them): 15 + 1 or 2, far fewer than 100.
    EXPECT_GE(copies, 15u);
    EXPECT_LE(copies, 18u);
}

// A detail copied out of an entry owns its bytes: it outlives the entry and its chunk.
// A text larger than a chunk gets a chunk of its own. Raising the limit after the ring wrapped
// keeps the entries in order.
TEST(Trace, CopiedDetailsOwnTheirBytesAndTheRingGrowsAfterWrapping) {
    Trace t;
    t.set_keep(3);
    const std::string big(200 * 1024, 'b');
    t.add_of(0, "log.line", "", "message", big);
    TraceDetail copy = t.at(0).detail;
    const std::string rid(t.at(0).request_id);
    for (int i = 1; i < 2'000; ++i) t.add_of(i, "x", "r", "message", std::string(100, 'y'));
    EXPECT_EQ(copy.value("message", ""), big);
    copy.add("more", 1);                            // a copy may grow
    EXPECT_EQ(copy["more"], 1);
    EXPECT_TRUE(rid.empty());

    Trace g;
    g.set_keep(3);
    for (int i = 0; i < 5; ++i) g.add_of(i, "k", "r" + std::to_string(i), "n", i);
    g.set_keep(10);                                 // wrapped ring (head in the middle) grows
    for (int i = 5; i < 12; ++i) g.add_of(i, "k", "r" + std::to_string(i), "n", i);
    EXPECT_EQ(g.first_kept(), 2u);
    std::string seen;
    for (const TraceEntry& e : g.entries()) seen += std::string(e.request_id) + "=" + e.detail["n"].dump() + " ";
    EXPECT_EQ(seen, "r2=2 r3=3 r4=4 r5=5 r6=6 r7=7 r8=8 r9=9 r10=10 r11=11 ");
}

// A detail owns its bytes or borrows the trace's: copies, moves and assignments keep the
// members exactly, a borrowed detail copies its bytes before it grows, and the buffer a detail
// owns is counted by flat_heap_bytes (0 when borrowed or empty).
TEST(Trace, ADetailOwnsOrBorrowsItsBytesThroughCopiesMovesAndGrowth) {
    TraceDetail d;
    EXPECT_EQ(d.flat_heap_bytes(), 0u);
    for (int i = 0; i < 40; ++i) d.add("k" + std::to_string(i), i);   // grows past several buffers
    EXPECT_EQ(d["k39"], 39);
    EXPECT_EQ(d.json().size(), 40u);
    EXPECT_GE(d.flat_heap_bytes(), 40u * (2 + 3 + 8) - 10);

    TraceDetail copy = d;                           // its own buffer
    TraceDetail moved = std::move(d);
    EXPECT_TRUE(d.empty());                         // NOLINT(bugprone-use-after-move): moved-from is empty
    EXPECT_EQ(d.flat_heap_bytes(), 0u);
    EXPECT_EQ(copy.dump(), moved.dump());
    TraceDetail small = TraceDetail::of("a", "x");
    small = copy;                                   // a larger one into a smaller buffer
    EXPECT_EQ(small.dump(), moved.dump());
    copy = TraceDetail::of("b", true);              // a smaller one into a larger buffer
    EXPECT_EQ(copy.dump(), R"({"b":true})");
    const TraceDetail& same = copy;
    copy = same;                                    // self-assignment keeps it
    EXPECT_EQ(copy.dump(), R"({"b":true})");
    moved = std::move(copy);
    EXPECT_EQ(moved.dump(), R"({"b":true})");

    Trace t;
    t.add_of(5, "log.line", "r1", "group", "/aws/lambda/f", "message", "hello");
    const TraceEntry& e = t.at(0);
    EXPECT_EQ(e.detail.flat_heap_bytes(), 0u);      // borrowed from the trace's byte store
    TraceDetail grown = e.detail;
    grown.add("extra", false);
    EXPECT_EQ(grown.dump(), R"({"group":"/aws/lambda/f","message":"hello","extra":false})");
    EXPECT_EQ(e.detail.dump(), R"({"group":"/aws/lambda/f","message":"hello"})");
    TraceDetail reserved = TraceDetail::of("n", 1);
    reserved.reserve(100);
    EXPECT_GE(reserved.flat_heap_bytes(), 100u);
    EXPECT_EQ(reserved.dump(), R"({"n":1})");
    // A detail moved out of an entry read from the trace owns a copy (the entry only borrows).
    TraceDetail taken = t.at(0).detail;
    EXPECT_GT(taken.flat_heap_bytes(), 0u);
    EXPECT_EQ(taken.dump(), R"({"group":"/aws/lambda/f","message":"hello"})");
    // What a reader gets is built from the ring's 40-byte slot (static_assert in trace.h).
    EXPECT_EQ(sizeof(TraceEntry), sizeof(void*) == 8 ? 88u : sizeof(TraceEntry));
}

// General (ojson) details are kept apart, in the order of their entries, and dropped with them:
// every kept entry reads its own, flat or general, however the two kinds interleave, and a
// detail taken from an entry keeps its JSON after the entry is dropped.
TEST(Trace, GeneralDetailsAreKeptInOrderAndDroppedWithTheirEntries) {
    Trace t;
    t.set_keep(5);
    std::vector<TraceDetail> taken;
    for (int i = 0; i < 40; ++i) {
        if (i % 3 == 0) t.add(i, "general", "", ojson{{"i", i}, {"list", ojson::array({i, i + 1})}});
        else t.add_of(i, "flat", "", "i", i);
        taken.push_back(t.at(static_cast<std::size_t>(i)).detail);
        ASSERT_EQ(t.entries().size(), std::min<std::size_t>(5, static_cast<std::size_t>(i) + 1));
        for (const TraceEntry& e : t.entries()) {
            ASSERT_EQ(e.detail["i"], static_cast<int>(e.index)) << i;
            ASSERT_EQ(e.kind, e.index % 3 == 0 ? "general" : "flat");
            if (e.index % 3 == 0) {
                ASSERT_EQ(e.detail.general_form()["list"][1], static_cast<int>(e.index) + 1);
            }
        }
    }
    EXPECT_EQ(t.first_kept(), 35u);
    EXPECT_EQ(t.summarised_by_kind(), (std::map<std::string, std::uint64_t>{{"flat", 23}, {"general", 12}}));
    EXPECT_EQ(taken[3].dump(), R"({"i":3,"list":[3,4]})");   // dropped long ago: the copy holds it
    EXPECT_EQ(taken[4].dump(), R"({"i":4})");
    t.set_keep(2);                                  // laid out again: the two newest, 38 (flat) and 39 (general)
    EXPECT_EQ(t.at(38).detail.dump(), R"({"i":38})");
    EXPECT_EQ(t.at(39).detail.dump(), R"({"i":39,"list":[39,40]})");
}

// Owner-held texts (a log line's group and stream: the names its log group and stream keep): an
// entry points at the owner's string, reads and renders exactly as a string member, and a copy of
// its detail holds the text itself (it outlives the trace and the owner).
TEST(Trace, OwnerHeldTextsRenderAsStringsAndAreCopiedOut) {
    Trace plain, pointed;
    const std::string group = "/aws/lambda/demo-lambda", stream = "2026/03/02/[$LATEST]cb3febae846c41e93f75575b829724e9";
    plain.add_of(7, "log.line", "", "group", group, "stream", stream, "message", "START RequestId: r1\n");
    pointed.add_of(7, "log.line", "", "group", TraceText{&group}, "stream", TraceText{&stream}, "message", "START RequestId: r1\n");
    EXPECT_EQ(pointed.to_json_lines(0), plain.to_json_lines(0));
    EXPECT_EQ(pointed.to_json_lines(0),
              "{\"i\":0,\"t\":7,\"kind\":\"log.line\",\"detail\":{\"group\":\"/aws/lambda/demo-lambda\",\"stream\":"
              "\"2026/03/02/[$LATEST]cb3febae846c41e93f75575b829724e9\",\"message\":\"START RequestId: r1\\n\"}}\n");
    EXPECT_EQ(pointed.at(0).detail.value("stream", ""), stream);
    EXPECT_EQ(pointed.at(0).detail["group"], group);

    TraceDetail copy;
    {
        const std::string owner = group;
        Trace t;
        t.add_of(1, "log.line", "", "group", TraceText{&owner}, "message", "x");
        copy = t.at(0).detail;
        copy.add("more", 1);
    }                                               // the trace and the owner are gone
    EXPECT_EQ(copy.dump(), R"({"group":"/aws/lambda/demo-lambda","message":"x","more":1})");

    // 5 000 distinct owners through a ring of 10 entries: every kept entry names its own text.
    std::deque<std::string> owners;
    Trace ring;
    ring.set_keep(10);
    for (int i = 0; i < 5'000; ++i) {
        owners.push_back("s" + std::to_string(i));
        ring.add_of(i, "log.line", "", "stream", TraceText{&owners.back()}, "message", std::to_string(i));
    }
    std::string seen;
    for (const TraceEntry& e : ring.entries()) seen += e.detail.value("stream", "") + "=" + e.detail.value("message", "") + " ";
    EXPECT_EQ(seen, "s4990=4990 s4991=4991 s4992=4992 s4993=4993 s4994=4994 s4995=4995 s4996=4996 s4997=4997 s4998=4998 s4999=4999 ");
}

// The ring grows block by block (1 024 slots each) without moving what entries view: an entry
// read before the growth stays valid, and a wrap after raising the limit keeps the order.
TEST(Trace, TheRingGrowsByBlocksWithoutMovingEntries) {
    Trace t;
    t.set_keep(5'000);
    t.add_of(0, "first", "r0", "n", 0);
    const TraceEntry first = t.at(0);
    for (int i = 1; i < 4'000; ++i) t.add_of(i, "k", "r" + std::to_string(i), "n", i);
    EXPECT_EQ(first.request_id.data(), t.at(0).request_id.data());   // 4 blocks later, the same bytes
    EXPECT_EQ(first.kind, "first");
    EXPECT_EQ(first.request_id, "r0");
    EXPECT_EQ(first.detail["n"], 0);
    for (int i = 4'000; i < 7'000; ++i) t.add_of(i, "k", "r" + std::to_string(i), "n", i);
    EXPECT_EQ(t.first_kept(), 2'000u);
    t.set_keep(6'500);                              // wrapped (the oldest is mid-ring): laid out again
    for (int i = 7'000; i < 9'000; ++i) t.add_of(i, "k", "r" + std::to_string(i), "n", i);
    EXPECT_EQ(t.first_kept(), 2'500u);              // 6 500 kept: the grown ring wrapped again
    std::size_t expected = 2'500;
    for (const TraceEntry& e : t.entries()) {
        ASSERT_EQ(e.index, expected);
        ASSERT_EQ(e.request_id, "r" + std::to_string(expected));
        ASSERT_EQ(e.detail["n"], static_cast<int>(expected));
        ++expected;
    }
    EXPECT_EQ(expected, 9'000u);
    t.set_keep(10);                                 // lowering keeps the newest ten
    EXPECT_EQ(t.entries().front().request_id, "r8990");
    EXPECT_EQ(t.summary_json()["summarisedByKind"].dump(), R"({"first":1,"k":8989})");
}

// Kinds are found by the text's address first (literals), always checked against the text: a
// buffer reused for another kind at the same address gets that other kind.
TEST(Trace, AKindReadFromAReusedBufferIsItsCurrentText) {
    Trace t;
    std::string buf = "alpha.kind-long-enough-for-the-heap";
    t.add(0, buf);
    const char* address = buf.data();
    buf.replace(0, 5, "gamma");                     // same size, same buffer, another text
    ASSERT_EQ(buf.data(), address);
    t.add(1, buf);
    t.add(2, "alpha.kind-long-enough-for-the-heap");
    t.add(3, std::string_view(buf).substr(0, 5));   // same address, shorter
    EXPECT_EQ(t.at(0).kind, "alpha.kind-long-enough-for-the-heap");
    EXPECT_EQ(t.at(1).kind, "gamma.kind-long-enough-for-the-heap");
    EXPECT_EQ(t.at(2).kind, "alpha.kind-long-enough-for-the-heap");
    EXPECT_EQ(t.at(3).kind, "gamma");
    EXPECT_EQ(t.at(0).kind.data(), t.at(2).kind.data());
    t.set_keep(1);
    EXPECT_EQ(t.summary_json()["summarisedByKind"].dump(),
              R"({"alpha.kind-long-enough-for-the-heap":2,"gamma.kind-long-enough-for-the-heap":1})");
}

// A TraceView member (a log line's message, held by its log stream) reads as the string it
// views: the JSON is byte-identical to a copied string, a copy of the detail holds the text
// itself, and bytes the owner hands over (adopt) live until the entries viewing them are dropped.
TEST(Trace, ViewedBytesRenderAsStringsAreCopiedOutAndAdoptedUntilDropped) {
    Trace plain, viewed;
    const std::string message = "[ERROR] Exception: Something went wrong!\n";
    auto owned = std::make_unique<char[]>(message.size());
    std::memcpy(owned.get(), message.data(), message.size());
    const std::string_view bytes(owned.get(), message.size());
    plain.add_of(5, "log.line", "", "group", "/aws/lambda/demo", "message", message, "n", 1);
    viewed.add_of(5, "log.line", "", "group", "/aws/lambda/demo", "message", TraceView{bytes}, "n", 1);
    viewed.add_of(6, "log.line", "", "message", TraceView{});             // an empty message
    EXPECT_EQ(viewed.at(0).to_json().dump(), plain.at(0).to_json().dump());
    EXPECT_EQ(viewed.at(0).detail.dump(), R"({"group":"/aws/lambda/demo","message":"[ERROR] Exception: Something went wrong!\n","n":1})");
    EXPECT_EQ(viewed.at(1).detail.dump(), R"({"message":""})");
    EXPECT_EQ(viewed.at(0).detail.value("message", "?"), message);
    const TraceDetail copy = viewed.at(0).detail;

    viewed.adopt(std::move(owned), message.size(), 0);   // the owner lets go while entry 0 is kept
    EXPECT_EQ(viewed.adopted(), 1u);
    EXPECT_EQ(viewed.at(0).detail.value("message", "?"), message);
    for (int i = 0; i < 3; ++i) viewed.add_of(7, "x", "");
    viewed.set_keep(2);                             // entry 0 goes, and the bytes with it
    EXPECT_EQ(viewed.adopted(), 0u);
    EXPECT_EQ(viewed.first_kept(), 3u);
    EXPECT_EQ(copy.dump(), R"({"group":"/aws/lambda/demo","message":"[ERROR] Exception: Something went wrong!\n","n":1})");

    // Bytes handed over after their entries were dropped are freed at once.
    viewed.adopt(std::make_unique<char[]>(8), 8, 2);
    EXPECT_EQ(viewed.adopted(), 0u);
    // Handed over out of order: each goes once the newest entry viewing it is dropped.
    viewed.adopt(std::make_unique<char[]>(8), 8, 4);
    viewed.adopt(std::make_unique<char[]>(8), 8, 3);
    EXPECT_EQ(viewed.adopted(), 2u);
    viewed.add_of(8, "x", "");                      // entry 5: entry 3 is dropped
    EXPECT_EQ(viewed.adopted(), 2u);                // the front one (4) is still viewed
    viewed.add_of(8, "x", "");                      // entry 6: entry 4 is dropped
    EXPECT_EQ(viewed.adopted(), 0u);
    for (int i = 0; i < 40; ++i) viewed.adopt(std::make_unique<char[]>(8), 8, 0);   // each freed at once
    EXPECT_EQ(viewed.adopted(), 0u);
    // One behind a long-lived front one is swept when the held ones reach 16.
    viewed.adopt(std::make_unique<char[]>(8), 8, 100);
    viewed.adopt(std::make_unique<char[]>(8), 8, 5);
    viewed.add_of(9, "x", "");
    viewed.add_of(9, "x", "");                      // entries 7, 8 kept: entry 5 is dropped
    EXPECT_EQ(viewed.first_kept(), 7u);
    EXPECT_EQ(viewed.adopted(), 2u);
    for (int i = 0; i < 14; ++i) viewed.adopt(std::make_unique<char[]>(8), 8, 200);
    EXPECT_EQ(viewed.adopted(), 15u);
}
