// Scheduler: (time, sequence) order, run_until, run_until_idle, next_event_time, cancel.
#include <gtest/gtest.h>
#include <array>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>
#include "sim/scheduler.h"

using invokelab::Scheduler;

TEST(Scheduler, RunsEventsInTimeOrderAndEqualTimesInInsertionOrder) {
    Scheduler s;
    std::vector<std::string> ran;
    s.at(120000, "c", [&] { ran.push_back("c@" + std::to_string(s.now())); });
    s.at(60000, "a", [&] { ran.push_back("a@" + std::to_string(s.now())); });
    s.at(60000, "b", [&] { ran.push_back("b@" + std::to_string(s.now())); });
    s.at(0, "z", [&] { ran.push_back("z@" + std::to_string(s.now())); });
    EXPECT_EQ(s.run_until_idle(), 4u);
    EXPECT_EQ(ran, (std::vector<std::string>{"z@0", "a@60000", "b@60000", "c@120000"}));
    EXPECT_EQ(s.now(), 120000);
}

TEST(Scheduler, RunUntilStopsAtTheLimitAndMovesTheClockThere) {
    Scheduler s;
    int count = 0;
    s.at(1000, "one", [&] { ++count; });
    s.at(60000, "two", [&] { ++count; });
    s.run_until(59999);
    EXPECT_EQ(count, 1);
    EXPECT_EQ(s.now(), 59999);
    EXPECT_EQ(s.next_event_time(), 60000);
    EXPECT_EQ(s.next_event_label(), "two");
    s.run_until(60000);                              // inclusive
    EXPECT_EQ(count, 2);
    EXPECT_FALSE(s.next_event_time().has_value());
}

TEST(Scheduler, EventsScheduledDuringAStepAtTheSameTimeRunAfterQueuedOnes) {
    Scheduler s;
    std::vector<int> order;
    s.at(10, "first", [&] { order.push_back(1); s.after(0, "spawned", [&] { order.push_back(3); }); });
    s.at(10, "second", [&] { order.push_back(2); });
    s.run_until_idle();
    EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST(Scheduler, PastTimesAreClampedToNow) {
    Scheduler s;
    s.run_until(5000);
    s.at(100, "late", [] {});
    EXPECT_EQ(s.next_event_time(), 5000);
}

TEST(Scheduler, CancelRemovesOnlyThatEvent) {
    Scheduler s;
    int a = 0, b = 0;
    auto id = s.at(10, "a", [&] { ++a; });
    s.at(20, "b", [&] { ++b; });
    EXPECT_TRUE(s.cancel(id));
    EXPECT_FALSE(s.cancel(id));
    s.run_until_idle();
    EXPECT_EQ(a, 0);
    EXPECT_EQ(b, 1);
    EXPECT_EQ(s.now(), 20);
}

TEST(Scheduler, RunUntilIdleHonoursItsLimitAndResetClearsEverything) {
    Scheduler s;
    std::function<void()> again = [&] { s.after(1000, "again", again); };
    s.at(0, "again", again);
    EXPECT_EQ(s.run_until_idle(5), 5u);
    EXPECT_EQ(s.now(), 4000);
    EXPECT_EQ(s.pending(), 1u);
    s.reset(0);
    EXPECT_EQ(s.pending(), 0u);
    EXPECT_EQ(s.now(), 0);
    EXPECT_FALSE(s.step());
}

TEST(Scheduler, RefusesToBeDrivenFromInsideAnAction) {
    Scheduler s;
    std::vector<std::string> caught;
    s.at(10, "nested step", [&] {
        try { s.step(); } catch (const std::logic_error& e) { caught.push_back(e.what()); }
        try { s.run_until(50); } catch (const std::logic_error& e) { caught.push_back(e.what()); }
        try { s.run_until_idle(); } catch (const std::logic_error& e) { caught.push_back(e.what()); }
        EXPECT_TRUE(s.running());
    });
    s.at(20, "later", [] {});
    EXPECT_TRUE(s.step());
    ASSERT_EQ(caught.size(), 3u);
    EXPECT_EQ(caught[0], "Scheduler::step called from inside a running action (at t=10): only the outermost caller drives the clock");
    EXPECT_EQ(caught[1], "Scheduler::run_until called from inside a running action (at t=10): only the outermost caller drives the clock");
    EXPECT_EQ(caught[2], "Scheduler::run_until_idle called from inside a running action (at t=10): only the outermost caller drives the clock");
    // The nested calls ran nothing: the later event is still pending, the clock still at 10.
    EXPECT_FALSE(s.running());
    EXPECT_EQ(s.now(), 10);
    EXPECT_EQ(s.pending(), 1u);
    EXPECT_EQ(s.next_event_label(), "later");
}

TEST(Scheduler, AnActionThatThrowsLeavesTheSchedulerUsable) {
    Scheduler s;
    s.at(5, "boom", [] { throw std::runtime_error("boom"); });
    s.at(6, "after", [] {});
    EXPECT_THROW(s.step(), std::runtime_error);
    EXPECT_FALSE(s.running());
    EXPECT_TRUE(s.step());
    EXPECT_EQ(s.now(), 6);
}

// The heap keeps cancelled events until they reach the top (lazy cancellation): none of that
// may show. A stale id (its event ran, and its slot now holds another) must not cancel the new one.
TEST(Scheduler, CancelledEventsNeverShowAndStaleIdsCancelNothing) {
    Scheduler s;
    std::vector<std::string> ran;
    const auto a = s.at(10, "a", [&] { ran.push_back("a"); });
    s.at(30, "c", [&] { ran.push_back("c"); });
    EXPECT_TRUE(s.cancel(a));
    EXPECT_EQ(s.pending(), 1u);
    EXPECT_EQ(s.next_event_time(), 30);             // not 10: the cancelled head is skipped
    EXPECT_EQ(s.next_event_label(), "c");
    s.run_until(20);
    EXPECT_EQ(s.now(), 20);
    EXPECT_TRUE(ran.empty());
    const auto b = s.at(25, "b", [&] { ran.push_back("b"); });   // may reuse a's slot
    EXPECT_NE(a, b);
    EXPECT_FALSE(s.cancel(a));                      // a's id must not reach b
    s.run_until_idle();
    EXPECT_EQ(ran, (std::vector<std::string>{"b", "c"}));
    EXPECT_FALSE(s.cancel(b));                      // already ran
    EXPECT_EQ(s.pending(), 0u);
    EXPECT_EQ(s.next_event_time(), std::nullopt);
}

TEST(Scheduler, LargeActionsAndMoveOnlyCapturesRun) {
    Scheduler s;
    std::string big(500, 'x');
    std::array<char, 200> wide{};                   // larger than the inline buffer: stored on the heap
    wide[199] = 'z';
    auto owned = std::make_unique<int>(7);          // move-only capture
    std::string seen;
    s.at(1, "wide", [&seen, wide, big] { seen = std::string(1, wide[199]) + big.substr(0, 2); });
    s.at(2, "owned", [&seen, p = std::move(owned)] { seen += std::to_string(*p); });
    const auto dropped = s.at(3, "dropped", [wide] { (void)wide; });
    EXPECT_TRUE(s.cancel(dropped));
    EXPECT_EQ(s.run_until_idle(), 2u);
    EXPECT_EQ(seen, "zxx7");
}

// Equal times keep insertion order over many events pushed in scrambled order.
TEST(Scheduler, ThousandsOfEventsRunInTimeThenSequenceOrder) {
    Scheduler s;
    std::vector<std::pair<invokelab::TimeMs, int>> ran;
    for (int i = 0; i < 5000; ++i) {
        const invokelab::TimeMs t = (i * 7919) % 97;           // many equal times
        s.at(t, "e", [&ran, t, i] { ran.emplace_back(t, i); });
    }
    EXPECT_EQ(s.run_until_idle(), 5000u);
    ASSERT_EQ(ran.size(), 5000u);
    for (std::size_t k = 1; k < ran.size(); ++k) {
        ASSERT_LE(ran[k - 1].first, ran[k].first);
        if (ran[k - 1].first == ran[k].first) { ASSERT_LT(ran[k - 1].second, ran[k].second); }
    }
}

// A label made of a literal prefix and a request id reads as the two joined; an argument too
// long for the in-place buffer, and plain texts of any length, read back whole.
TEST(Scheduler, LabelsOfAPrefixAndARequestIdReadAsOneText) {
    Scheduler s;
    const std::string rid = "0f8e2a3c-1b2d-4e5f-8a9b-0c1d2e3f4a5b";
    const std::string long_text(200, 'x');
    s.at(30, std::string("plain ") + long_text, [] {});
    s.at(20, Scheduler::Label("lambda.end ", long_text), [] {});
    s.at(10, Scheduler::Label("lambda.poll ", rid), [] {});
    EXPECT_EQ(s.next_event_label(), "lambda.poll " + rid);
    s.step();
    EXPECT_EQ(s.next_event_label(), "lambda.end " + long_text);
    s.step();
    EXPECT_EQ(s.next_event_label(), "plain " + long_text);
    EXPECT_EQ(Scheduler::Label().str(), "");
}

// Labels move by copying their bytes: through slots that are freed and reused (run, cancelled,
// scheduled again) every label still reads as written, long ones (owned text) included, and
// none is freed twice or leaked (the ASan suite runs this).
TEST(Scheduler, LabelsSurviveSlotReuseAndCancellation) {
    Scheduler s;
    const std::string long_text(120, 'y');
    std::vector<Scheduler::EventId> ids;
    for (int i = 0; i < 40; ++i) {
        const std::string arg = (i % 3 == 0 ? long_text : std::string("rid-")) + std::to_string(i);
        ids.push_back(s.at(100 + i, Scheduler::Label("lambda.end ", arg), [] {}));
    }
    for (int i = 0; i < 40; i += 2) EXPECT_TRUE(s.cancel(ids[static_cast<std::size_t>(i)]));
    for (int i = 0; i < 10; ++i) s.at(50 + i, std::string("again ") + (i % 2 ? long_text : "x") + std::to_string(i), [] {});
    std::vector<std::string> seen;
    while (auto label = s.next_event_label()) {
        seen.push_back(*label);
        s.step();
    }
    ASSERT_EQ(seen.size(), 30u);
    EXPECT_EQ(seen[0], "again x0");
    EXPECT_EQ(seen[1], "again " + long_text + "1");
    EXPECT_EQ(seen[10], "lambda.end rid-1");
    EXPECT_EQ(seen[11], "lambda.end " + long_text + "3");
    EXPECT_EQ(seen[29], "lambda.end " + long_text + "39");
    Scheduler::Label a("lambda.poll ", long_text);
    Scheduler::Label b = std::move(a);
    a = std::move(b);
    EXPECT_EQ(a.str(), "lambda.poll " + long_text);
}
