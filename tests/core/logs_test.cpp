// CloudWatch Logs: groups and streams, (timestamp, sequence) ordering across streams,
// filter patterns, and the trace entries each write leaves.
#include <gtest/gtest.h>
#include "sim/errors.h"
#include "sim/world.h"

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
    EXPECT_EQ(s.events[0].message, "START RequestId: r1 Version: $LATEST\n");
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
        for (const auto& f : w.logs.query(g, q)) out.push_back(f.stream->name + ":" + f.event->message);
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
