// CloudWatch Logs: groups and streams, (timestamp, sequence) ordering across streams,
// filter patterns, and the trace entries each write leaves.
#include <algorithm>
#include <memory>
#include <gtest/gtest.h>
#include "aws/errors.h"
#include "shell/shell.h"
#include "world/world.h"

using namespace invokelab;

TEST(LogsFilter, PlainTermsQuotedPhrasesAndCase) {
    EXPECT_TRUE(log_filter_matches("", "anything"));
    EXPECT_TRUE(log_filter_matches("ERROR", "[ERROR] boom"));
    EXPECT_FALSE(log_filter_matches("error", "[ERROR] boom"));          // case-sensitive
    EXPECT_TRUE(log_filter_matches("ERROR boom", "boom [ERROR]"));      // every term, any order
    EXPECT_FALSE(log_filter_matches("ERROR bang", "[ERROR] boom"));
    EXPECT_TRUE(log_filter_matches("\"Task timed out\"", "2026-03-02T09:00:03.000Z abc Task timed out after 3.00 seconds"));
    EXPECT_FALSE(log_filter_matches("\"timed Task\"", "Task timed out"));
    EXPECT_TRUE(log_filter_matches("REPORT \"Max Memory\"", "REPORT RequestId: x\tMax Memory Used: 40 MB"));
}

TEST(LogsService, GroupsStreamsArnsAndTrace) {
    World w(1);
    w.scheduler.run_until(500);
    w.logs.put("/aws/lambda/demo", "2026/03/02/[$LATEST]abc", 500, "START RequestId: r1 Version: $LATEST\n");
    const LogGroup* g = w.logs.find_group("/aws/lambda/demo");
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(g->arn, "arn:aws:logs:ap-northeast-2:123456789012:log-group:/aws/lambda/demo:*");
    EXPECT_EQ(g->created_at, 500);
    const LogStream& s = g->streams.at("2026/03/02/[$LATEST]abc");
    ASSERT_EQ(s.events.size(), 1u);
    EXPECT_EQ(s.events[0].timestamp, 500);
    EXPECT_EQ(s.events[0].ingestion_time, 500);
    EXPECT_EQ(s.events[0].message(), "START RequestId: r1 Version: $LATEST\n");
    const TraceEntry& t = w.trace.entries().back();
    EXPECT_EQ(t.kind, "log.line");
    EXPECT_EQ(t.time, 500);
    EXPECT_EQ(t.detail.dump(), R"({"group":"/aws/lambda/demo","stream":"2026/03/02/[$LATEST]abc","message":"START RequestId: r1 Version: $LATEST\n"})");
    EXPECT_EQ(w.logs.find_group("/aws/lambda/none"), nullptr);
    try {
        w.logs.require_group("/aws/lambda/none");
        ADD_FAILURE() << "expected ResourceNotFoundException";
    } catch (const AwsError& e) {
        EXPECT_EQ(e.code, "ResourceNotFoundException");
        EXPECT_EQ(e.http_status, 400);
        EXPECT_STREQ(e.what(), "The specified log group does not exist.");
    }
}

TEST(LogsService, QueryMergesStreamsByTimestampThenWriteOrder) {
    World w(1);
    const std::string g = "/aws/lambda/demo";
    w.logs.put(g, "b-stream", 100, "b1");
    w.logs.put(g, "a-stream", 300, "a1");
    w.logs.put(g, "a-stream", 100, "a0 ERROR");     // same time as b1, written later
    w.logs.put(g, "b-stream", 200, "b2 ERROR");
    auto messages = [&](const LogQuery& q) {
        std::vector<std::string> out;
        for (const auto& f : w.logs.query(g, q)) out.push_back(f.stream->name() + ":" + f.event->message());
        return out;
    };
    EXPECT_EQ(messages({}), (std::vector<std::string>{"b-stream:b1", "a-stream:a0 ERROR", "b-stream:b2 ERROR", "a-stream:a1"}));
    LogQuery errors;
    errors.filter_pattern = "ERROR";
    EXPECT_EQ(messages(errors), (std::vector<std::string>{"a-stream:a0 ERROR", "b-stream:b2 ERROR"}));
    LogQuery window;
    window.start_time = 150;
    window.end_time = 300;                          // inclusive on both ends
    EXPECT_EQ(messages(window), (std::vector<std::string>{"b-stream:b2 ERROR", "a-stream:a1"}));
    LogQuery one;
    one.stream_names = {"a-stream"};
    one.limit = 1;
    EXPECT_EQ(messages(one), (std::vector<std::string>{"a-stream:a0 ERROR"}));
    LogQuery prefix;
    prefix.stream_name_prefix = "b-";
    EXPECT_EQ(messages(prefix), (std::vector<std::string>{"b-stream:b1", "b-stream:b2 ERROR"}));
}

TEST(LogsService, StateJsonNestsGroupsStreamsEvents) {
    World w(1);
    w.logs.put("/aws/lambda/zz", "s1", 7, "hello\n");
    w.logs.ensure_stream("/aws/lambda/zz", "s0");
    const ojson s = w.logs.state_json();
    ASSERT_FALSE(s.empty());
    EXPECT_EQ(s.back().dump(),
              R"({"name":"/aws/lambda/zz","arn":"arn:aws:logs:ap-northeast-2:123456789012:log-group:/aws/lambda/zz:*","createdAt":0,)"
              R"("streams":[{"name":"s0","createdAt":0,"events":[]},{"name":"s1","createdAt":0,"events":[{"t":7,"message":"hello\n"}]}]})");
}

// [SECTION] aws logs … through the Shell

namespace {
struct LogsShell : ::testing::Test {
    Shell sh{1};
    const std::string g = "/aws/lambda/lab-fn";
    const std::string s1 = "2026/03/02/[$LATEST]aaaa";
    const std::string s2 = "2026/03/02/[$LATEST]bbbb";
    void SetUp() override {
        LogsService& logs = sh.world().logs;
        logs.put(g, s1, 0, "START RequestId: r1 Version: $LATEST\n");
        logs.put(g, s1, 1, "[ERROR] boom\n");
        logs.put(g, s2, 1, "START RequestId: r2 Version: $LATEST\n");
        logs.put(g, s1, 2, "END RequestId: r1\n");
        logs.put(g, s1, 2, "REPORT RequestId: r1\tDuration: 1.50 ms\tBilled Duration: 2 ms\t\n");
        sh.world().scheduler.run_until(120000);     // two minutes later
    }
};
} // namespace

TEST_F(LogsShell, TailDetailedIsoformatAndSingleNewline) {
    CommandResult r = sh.run("aws logs tail " + g);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.out,
              "2026-03-02T09:00:00+00:00 " + s1 + " START RequestId: r1 Version: $LATEST\n"
              "2026-03-02T09:00:00.001000+00:00 " + s1 + " [ERROR] boom\n"
              "2026-03-02T09:00:00.001000+00:00 " + s2 + " START RequestId: r2 Version: $LATEST\n"
              "2026-03-02T09:00:00.002000+00:00 " + s1 + " END RequestId: r1\n"
              "2026-03-02T09:00:00.002000+00:00 " + s1 + " REPORT RequestId: r1\tDuration: 1.50 ms\tBilled Duration: 2 ms\n");
}

TEST_F(LogsShell, TailShortSinceFilterStreamsAndFollowNote) {
    EXPECT_EQ(sh.run("aws logs tail " + g + " --format short --filter-pattern START").out,
              "2026-03-02T09:00:00 START RequestId: r1 Version: $LATEST\n"
              "2026-03-02T09:00:00 START RequestId: r2 Version: $LATEST\n");
    EXPECT_EQ(sh.run("aws logs tail " + g + " --since 1m").out, "");        // everything is two minutes old
    sh.world().logs.put(g, s2, 90000, "late line\n");
    EXPECT_EQ(sh.run("aws logs tail " + g + " --since 1m --format short").out, "2026-03-02T09:01:30 late line\n");
    EXPECT_EQ(sh.run("aws logs tail " + g + " --since 2026-03-02T09:01:00Z --format short").out, "2026-03-02T09:01:30 late line\n");
    EXPECT_EQ(sh.run("aws logs tail " + g + " --log-stream-names " + s2 + " --format short --filter-pattern '\"r2 Version\"'").out,
              "2026-03-02T09:00:00 START RequestId: r2 Version: $LATEST\n");
    CommandResult r = sh.run("aws logs tail " + g + " --since 1m --follow");
    EXPECT_EQ(r.out, "2026-03-02T09:01:30+00:00 " + s2 + " late line\n");   // whole second: no fraction
    EXPECT_EQ(r.err.rfind("note: the playground does not follow", 0), 0u);
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
    r = sh.run("aws logs tail /aws/lambda/nope");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ResourceNotFoundException) when calling the FilterLogEvents operation: "
                     "The specified log group does not exist.\n");
    EXPECT_EQ(r.exit_code, 254);
    r = sh.run("aws logs tail " + g + " --format fancy");
    EXPECT_EQ(r.exit_code, 252);
    r = sh.run("aws logs tail");
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_NE(r.err.find("the following arguments are required: group_name"), std::string::npos);
}

TEST_F(LogsShell, DescribeLogStreamsOrderAndFields) {
    CommandResult r = sh.run("aws logs describe-log-streams --log-group-name " + g + " --order-by LastEventTime --descending --query logStreams[*].logStreamName");
    EXPECT_EQ(r.out, "[\n    \"" + s1 + "\",\n    \"" + s2 + "\"\n]\n");
    r = sh.run("aws logs describe-log-streams --log-group-name " + g + " --log-stream-name-prefix 2026/03/02/[$LATEST]b");
    const ojson j = ojson::parse(r.out);
    ASSERT_EQ(j["logStreams"].size(), 1u);
    const ojson& s = j["logStreams"][0];
    std::vector<std::string> keys;
    for (const auto& [k, v] : s.items()) keys.push_back(k);
    EXPECT_EQ(keys, (std::vector<std::string>{"logStreamName", "creationTime", "firstEventTimestamp", "lastEventTimestamp",
                                              "lastIngestionTime", "uploadSequenceToken", "arn", "storedBytes"}));
    EXPECT_EQ(s["creationTime"], 1772442000000);
    EXPECT_EQ(s["firstEventTimestamp"], 1772442000001);
    EXPECT_EQ(s["lastEventTimestamp"], 1772442000001);
    EXPECT_EQ(s["lastIngestionTime"], 1772442000001);
    EXPECT_EQ(s["uploadSequenceToken"].get<std::string>().size(), 56u);
    EXPECT_EQ(s["arn"], "arn:aws:logs:ap-northeast-2:123456789012:log-group:" + g + ":log-stream:" + s2);
    EXPECT_EQ(s["storedBytes"], 0);
    r = sh.run("aws logs describe-log-streams --log-group-name " + g + " --order-by LastEventTime --log-stream-name-prefix x");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (InvalidParameterException) when calling the DescribeLogStreams operation: "
                     "Cannot order by LastEventTime with a logStreamNamePrefix.\n");
    EXPECT_EQ(r.exit_code, 254);
    EXPECT_EQ(sh.run("aws logs describe-log-groups --log-group-name-prefix /aws/lambda/lab --query logGroups[0]").out,
              "{\n    \"logGroupName\": \"" + g + "\",\n    \"creationTime\": 1772442000000,\n    \"metricFilterCount\": 0,\n"
              "    \"arn\": \"arn:aws:logs:ap-northeast-2:123456789012:log-group:" + g + ":*\",\n    \"storedBytes\": 0,\n"
              "    \"logGroupClass\": \"STANDARD\",\n    \"logGroupArn\": \"arn:aws:logs:ap-northeast-2:123456789012:log-group:" + g + "\"\n}\n");
}

TEST_F(LogsShell, FilterLogEventsWindowAndShape) {
    CommandResult r = sh.run("aws logs filter-log-events --log-group-name " + g +
                             " --start-time 1772442000001 --end-time 1772442000001 --filter-pattern ERROR");
    EXPECT_EQ(r.exit_code, 0);
    const ojson j = ojson::parse(r.out);
    ASSERT_EQ(j["events"].size(), 1u);
    const ojson& e = j["events"][0];
    std::vector<std::string> keys;
    for (const auto& [k, v] : e.items()) keys.push_back(k);
    EXPECT_EQ(keys, (std::vector<std::string>{"logStreamName", "timestamp", "message", "ingestionTime", "eventId"}));
    EXPECT_EQ(e["logStreamName"], s1);
    EXPECT_EQ(e["timestamp"], 1772442000001);
    EXPECT_EQ(e["message"], "[ERROR] boom\n");
    EXPECT_EQ(e["ingestionTime"], 1772442000001);
    EXPECT_EQ(e["eventId"].get<std::string>().size(), 56u);
    EXPECT_EQ(j["searchedLogStreams"], ojson::array());
    EXPECT_EQ(sh.run("aws logs filter-log-events --log-group-name " + g + " --query events[*].message --output json --filter-pattern RequestId "
                     "--log-stream-names " + s1).out,
              "[\n    \"START RequestId: r1 Version: $LATEST\\n\",\n    \"END RequestId: r1\\n\",\n"
              "    \"REPORT RequestId: r1\\tDuration: 1.50 ms\\tBilled Duration: 2 ms\\t\\n\"\n]\n");
    r = sh.run("aws logs filter-log-events --log-group-name " + g + " --log-stream-names a --log-stream-name-prefix b");
    EXPECT_EQ(r.exit_code, 254);
    EXPECT_NE(r.err.find("(InvalidParameterException) when calling the FilterLogEvents operation"), std::string::npos);
}

// A stream keeps its newest kStreamKeep events; the older ones are counted (logsSummary in the
// world state), and queries see the kept ones in order.
TEST(LogsService, AStreamKeepsItsNewestEventsAndCountsTheRest) {
    World w(1);
    const std::size_t n = LogsService::kStreamKeep + 3;
    for (std::size_t i = 0; i < n; ++i) w.logs.put("/aws/lambda/demo", "s", static_cast<TimeMs>(i), "line " + std::to_string(i) + "\n");
    w.logs.put("/aws/lambda/demo", "other", 5, "kept\n");
    const LogStream& s = w.logs.find_group("/aws/lambda/demo")->streams.at("s");
    ASSERT_EQ(s.events.size(), LogsService::kStreamKeep);
    EXPECT_EQ(s.summarised, 3u);
    EXPECT_EQ(s.events.front().message(), "line 3\n");
    EXPECT_EQ(s.events.back().message(), "line " + std::to_string(n - 1) + "\n");
    EXPECT_EQ(w.logs.summarised_events(), 3u);
    EXPECT_EQ(w.state_json()["logsSummary"].dump(), R"({"keepPerStream":10000,"summarised":3})");
    LogQuery q;
    q.end_time = 5;
    const auto found = w.logs.query("/aws/lambda/demo", q);
    ASSERT_EQ(found.size(), 4u);                    // lines 3, 4, 5 of "s" and the other stream's line
    EXPECT_EQ(found[0].event->message(), "line 3\n");
    EXPECT_EQ(found[3].event->message(), "kept\n");  // same timestamp as line 5, written later
}

// A stream's events (LogEvents): dropping the oldest beyond kStreamKeep and erasing the dropped
// ones in bulk keeps exactly the newest events, in order, through many compactions.
TEST(Logs, AStreamKeepsItsNewestEventsThroughManyCompactions) {
    LogEvents events;
    EXPECT_TRUE(events.empty());
    const std::size_t keep = 100;
    for (std::size_t i = 0; i < 5'000; ++i) {
        if (events.size() >= keep) events.pop_front();
        const std::string text = "line " + std::to_string(i) + "\n";
        LogEvent e = LogEvent::of_text(text, static_cast<TimeMs>(i));   // copied into the stream's chunks
        e.sequence = i;
        events.push_back(e);
        ASSERT_EQ(events.back().sequence, i);
    }
    ASSERT_EQ(events.size(), keep);
    EXPECT_EQ(events.front().message(), "line 4900\n");
    EXPECT_EQ(events[99].message(), "line 4999\n");
    std::uint64_t expected = 4'900;
    for (const LogEvent& e : events) EXPECT_EQ(e.sequence, expected++);
    EXPECT_EQ(expected, 5'000u);
}

// A stream's messages live in chunks the stream owns: a message stays byte-exact while its
// event is kept (however many are written after it), a message longer than a chunk gets one of
// its own, and the chunks of dropped events are released, so the held bytes stay bounded.
TEST(Logs, AStreamsMessagesLiveInChunksReleasedAsTheirEventsDrop) {
    LogEvents events;
    const std::size_t keep = 100;
    const std::string big(LogEvents::kMaxChunk + 1000, 'x');   // longer than any chunk
    auto text_of = [&](std::size_t i) { return i == 2'500 ? big : "line " + std::to_string(i) + std::string(i % 50, '.') + "\n"; };
    std::size_t most_bytes = 0;
    for (std::size_t i = 0; i < 20'000; ++i) {
        const std::string text = text_of(i);
        LogEvent e = LogEvent::of_text(text);
        e.sequence = i;
        const LogEvent& stored = events.push_back(e);
        EXPECT_NE(stored.stored().data(), text.data());   // a copy, not the caller's buffer
        if (events.size() > keep) events.pop_front();
        if (i % 997 == 0 || i == 2'500 || i == 2'600) {
            for (std::size_t k = 0; k < events.size(); ++k) ASSERT_EQ(events[k].message(), text_of(i + 1 - events.size() + k));
        }
        if (i > 10'000) most_bytes = std::max(most_bytes, events.text_bytes());
    }
    EXPECT_EQ(events.front().message(), text_of(19'900));
    EXPECT_EQ(events.back().message(), text_of(19'999));
    // 100 lines of <= 60 bytes: a few chunks of 1 KiB .. 8 KiB at most, long after the big
    // message (and the large chunks that followed it) went.
    EXPECT_LE(most_bytes, std::size_t{16 * 1024});
    EXPECT_GE(most_bytes, std::size_t{2 * 1024});
}

// Most streams live one attempt: a cold environment's INIT_START, START, the handler's line, the
// error, END and REPORT fit the first chunk of 512 bytes, because START, END and REPORT are kept
// as records (the render function and 16 or 40 bytes of facts), rendered to the same text
// whenever they are read. A line that does not fit opens a chunk the size of what the stream keeps.
TEST(LogsService, AColdAttemptsLinesFitTheStreamsFirstChunk) {
    Shell sh(1);
    ASSERT_EQ(sh.run("lab fail demo-lambda always --message \"Something went wrong!\"").exit_code, 0);
    World& w = sh.world();
    w.invoke("demo-lambda", "{\"key1\": \"value1\", \"key2\": \"value2\"}", InvocationType::Event, w.region, false);
    w.scheduler.run_until(1000);                    // the first attempt only (the retry is at ~+60 s)
    const LogGroup* g = w.logs.find_group("/aws/lambda/demo-lambda");
    ASSERT_NE(g, nullptr);
    ASSERT_EQ(g->streams.size(), 1u);
    const LogEvents& events = g->streams.begin()->second.events;
    ASSERT_EQ(events.size(), 6u);
    auto stored_bytes = [&](std::size_t from, std::size_t to) {
        std::size_t n = 0;
        for (std::size_t k = from; k < to; ++k) n += events[k].stored().size();
        return n;
    };
    // INIT_START and the handler's lines are text; START, END and REPORT records.
    std::vector<bool> records;
    for (const LogEvent& e : events) records.push_back(e.is_record());
    EXPECT_EQ(records, (std::vector<bool>{false, true, false, false, true, true}));
    // A record's function pointer: 8 bytes natively, 4 in WebAssembly (the facts are 16 and 40 in both).
    constexpr std::size_t P = sizeof(TraceRender);
    EXPECT_EQ(events[1].stored().size(), P + 16u);  // START: the function, the id's pointer and size, the kind
    EXPECT_EQ(events[5].stored().size(), P + 40u);  // REPORT: and the figures
    EXPECT_EQ(events.front().message().substr(0, 11), "INIT_START ");
    const std::string& rid = w.lambda.invocations().back().request_id;
    EXPECT_EQ(events[1].message(), "START RequestId: " + rid + " Version: $LATEST\n");
    EXPECT_EQ(events[4].message(), "END RequestId: " + rid + "\n");
    EXPECT_EQ(events[5].message().substr(0, 18 + rid.size()), "REPORT RequestId: " + rid);
    EXPECT_NE(events[5].message().find("\tInit Duration: "), std::string::npos);
    std::size_t text = 0;                           // what the six lines read as
    for (const LogEvent& e : events) text += e.message().size();
    EXPECT_EQ(text, 700u);
    EXPECT_EQ(stored_bytes(0, 6), 485u + 3 * P);    // 509 natively
    EXPECT_EQ(events.text_bytes(), LogEvents::kFirstChunk);
    EXPECT_EQ(LogEvents::kFirstChunk, 512u);
    w.scheduler.run_until(70'000);                  // the retry on the same environment: 5 more lines
    ASSERT_EQ(events.size(), 11u);
    EXPECT_EQ(stored_bytes(6, 11), 316u + 3 * P);   // 340 natively
    EXPECT_EQ(events.text_bytes(), 512u + 512u);    // a second chunk the size of the kept bytes (509 natively), at least 512
    w.scheduler.run_until(200'000);                 // the third attempt: 5 more lines
    ASSERT_EQ(events.size(), 16u);
    EXPECT_EQ(stored_bytes(11, 16), 316u + 3 * P);
    EXPECT_EQ(stored_bytes(0, 16), 1117u + 9 * P);  // 1 189 natively
    // START and the handler's line still fit the second chunk (417 bytes natively); the error
    // opens a third, the size of what the stream then keeps (926 bytes natively).
    EXPECT_EQ(events.text_bytes(), 512u + 512u + 870u + 7 * P);
    // The retries' REPORT lines have no Init Duration; every line still reads as Lambda wrote it.
    EXPECT_EQ(events[10].message().find("Init Duration"), std::string::npos);
    EXPECT_EQ(events[15].message().back(), '\n');
}

// The trace's log.line entry of a record line reads as its text, in the entry and in a copy of
// it, which renders the text when it is made and so outlives the world (and the request id the
// record points at).
TEST(LogsService, ARecordLinesTraceEntryReadsAsItsTextAndACopyOutlivesTheWorld) {
    auto sh = std::make_unique<Shell>(1);
    ASSERT_EQ(sh->run("lab fail demo-lambda always --message \"Something went wrong!\"").exit_code, 0);
    World& w = sh->world();
    w.invoke("demo-lambda", "{}", InvocationType::Event, w.region, false);
    w.scheduler.run_until(1000);
    const std::string rid = w.lambda.invocations().back().request_id;
    std::vector<TraceEntry> lines;
    for (const TraceEntry& e : w.trace.entries())
        if (e.kind == "log.line") lines.push_back(e);
    ASSERT_EQ(lines.size(), 6u);
    const std::string end = "END RequestId: " + rid + "\n";
    EXPECT_EQ(lines[4].detail.value("message", "?"), end);
    EXPECT_EQ(lines[4].detail.json(), (ojson{{"group", "/aws/lambda/demo-lambda"},
                                            {"stream", w.lambda.environments().front().log_stream},
                                            {"message", end}}));
    const std::string report = lines[5].detail.value("message", "?");
    EXPECT_EQ(report.rfind("REPORT RequestId: " + rid + "\tDuration: ", 0), 0u);
    sh.reset();                                     // the world, its streams and its records go
    EXPECT_EQ(lines[1].detail.value("message", "?"), "START RequestId: " + rid + " Version: $LATEST\n");
    EXPECT_EQ(lines[4].detail.value("message", "?"), end);
    EXPECT_EQ(lines[5].detail.value("message", "?"), report);
}

// A log line's message is held once, by its stream: the trace's log.line entry views it. When
// the stream lets old lines go (beyond kStreamKeep) their chunks go to the trace, which frees
// them once those entries are dropped too; every kept entry reads its own message throughout,
// and a copied entry outlives the world.
TEST(LogsService, TheTraceViewsAStreamsMessagesAndAdoptsTheChunksTheStreamLetsGo) {
    auto w = std::make_unique<World>(1);
    LogStream& s = w->logs.ensure_stream("/aws/lambda/demo", "s");
    auto text_of = [](std::size_t i) { return "line " + std::to_string(i) + std::string(i % 97, '.') + "\n"; };
    const std::size_t first = w->trace.size(), lines = LogsService::kStreamKeep + 3'000;
    for (std::size_t i = 0; i < lines; ++i) w->logs.put(s, 0, text_of(i));
    EXPECT_EQ(s.summarised, 3'000u);
    EXPECT_EQ(s.events.front().message(), text_of(3'000));
    EXPECT_GT(w->trace.adopted(), 0u);              // the dropped lines' chunks, still viewed by the trace
    for (std::size_t i = 0; i < lines; i += 7)
        ASSERT_EQ(w->trace.at(first + i).detail.value("message", "?"), text_of(i)) << i;
    const TraceEntry read = w->trace.at(first);     // line 0: its stream no longer has it
    const TraceEntry copy = read;                   // a copy owns its detail (what at() gives views the trace)

    w->trace.set_keep(5'000);                       // the trace drops lines 0 .. 7 999 and the adopted chunks
    EXPECT_EQ(w->trace.adopted(), 0u);
    for (std::size_t i = lines - 5'000; i < lines; i += 7)
        ASSERT_EQ(w->trace.at(first + i).detail.value("message", "?"), text_of(i)) << i;
    for (std::size_t i = lines; i < lines + 2'000; ++i) w->logs.put(s, 0, text_of(i));
    EXPECT_EQ(w->trace.at(w->trace.size() - 1).detail.value("message", "?"), text_of(lines + 1'999));
    // The group and the stream are the stream's own names, which the entry points at.
    EXPECT_EQ(w->trace.at(w->trace.size() - 1).detail.value("group", "?"), "/aws/lambda/demo");
    EXPECT_EQ(w->trace.at(w->trace.size() - 1).detail.value("stream", "?"), "s");
    EXPECT_EQ(w->trace.at(w->trace.first_kept()).detail.value("message", "?"), text_of(lines + 2'000 - 5'000));
    w.reset();
    EXPECT_EQ(copy.detail.value("message", "?"), text_of(0));
    EXPECT_EQ(copy.detail.value("group", "?"), "/aws/lambda/demo");   // copied with the entry, not pointed at
    EXPECT_EQ(copy.detail.value("stream", "?"), "s");
}

// A stream whose every event was dropped rewinds its chunk for new lines, unless the trace still
// views the bytes there: then new lines go after them.
TEST(Logs, AChunkTheTraceStillViewsIsNotRewound) {
    Trace trace;
    LogEvents events;
    const char* start = nullptr;                    // where the chunk's bytes begin
    for (const char* text : {"one\n", "two\n"}) {
        LogEvent e = LogEvent::of_text(text);
        const LogEvent& stored = events.push_back(e);
        if (!start) start = stored.stored().data();
        trace.add_of(0, "log.line", "", "message", events.view_back(trace));
    }
    events.pop_front();
    events.pop_front();                             // every event dropped; the trace keeps both entries
    LogEvent e = LogEvent::of_text("three\n");
    events.push_back(e);
    trace.add_of(0, "log.line", "", "message", events.view_back(trace));
    EXPECT_EQ(trace.at(0).detail.value("message", "?"), "one\n");
    EXPECT_EQ(trace.at(1).detail.value("message", "?"), "two\n");
    EXPECT_EQ(trace.at(2).detail.value("message", "?"), "three\n");
    EXPECT_EQ(events.back().stored().data(), start + 8);       // after "one\n" and "two\n", in the same chunk
    EXPECT_EQ(events.text_bytes(), LogEvents::kFirstChunk);
    // Once the trace has dropped every entry viewing the chunk, a stream emptied again rewinds.
    trace.set_keep(1);
    trace.add_of(0, "other", "");                   // entry 2 ("three") goes too
    events.pop_front();
    e = LogEvent::of_text("four\n");
    events.push_back(e);
    EXPECT_EQ(events.back().stored().data(), start);
    EXPECT_EQ(events.back().message(), "four\n");
}

// LogsService::put copies the message before the oldest event is dropped: a message that views
// the oldest kept event's own text is written whole.
TEST(LogsService, AMessageViewingTheOldestEventIsCopiedBeforeItIsDropped) {
    World w(1);
    LogStream& s = w.logs.ensure_stream("/aws/lambda/demo", "s");
    for (std::size_t i = 0; i < LogsService::kStreamKeep; ++i) w.logs.put(s, 0, "line " + std::to_string(i) + "\n");
    std::string scratch;
    w.logs.put(s, 1, s.events.front().text(scratch));
    EXPECT_EQ(s.events.front().message(), "line 1\n");
    EXPECT_EQ(s.events.back().message(), "line 0\n");
    EXPECT_EQ(s.summarised, 1u);
    EXPECT_EQ(w.trace.entries().back().detail.value("message", "?"), "line 0\n");
}
