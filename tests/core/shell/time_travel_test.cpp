// Time travel: a moment reached by seeking (back, forward, back again) is the very world a
// fresh run reached at that moment, byte for byte (state JSON and trace).
#include <gtest/gtest.h>
#include <string>
#include <vector>
#include "shell/time_travel.h"

using namespace invokelab;

namespace {

// A session as a learner makes it in the page: commands typed at moments of a running clock.
struct Timed { TimeMs at; std::string line; };

std::vector<Timed> session_lines() {
    std::vector<Timed> s = {
        {0, "lab fail demo-lambda rate 0.5"},
        {0, "aws sqs create-queue --queue-name lambda-DLQ"},
        {0, "aws iam attach-role-policy --role-name demo-lambda-role-6gssa7uj --policy-arn arn:aws:iam::aws:policy/AmazonSQSFullAccess"},
        {1000, "aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config "
               "TargetArn=arn:aws:sqs:ap-northeast-2:123456789012:lambda-DLQ"},
    };
    for (int i = 0; i < 30; ++i)
        s.push_back({2000 + i * 7000, "aws lambda invoke --function-name demo-lambda --invocation-type Event "
                                      "--cli-binary-format raw-in-base64-out --payload '{\"n\": " + std::to_string(i) + "}' out.json"});
    s.push_back({215000, "aws lambda invoke --function-name demo-lambda out.json"});   // synchronous: runs the clock itself
    s.push_back({216000, "lab advance 30s"});
    return s;
}

void play(Shell& sh, const std::vector<Timed>& lines, TimeMs until) {
    for (const Timed& l : lines) {
        if (l.at > until) break;
        if (l.at > sh.world().now()) sh.world().scheduler.run_until(l.at);
        sh.run(l.line);
    }
    if (until > sh.world().now()) sh.world().scheduler.run_until(until);
}

std::string snapshot(const Shell& sh) { return sh.world().state_json().dump() + "\n" + sh.world().trace.to_json_lines(); }

std::string fresh_at(TimeMs t) {
    Shell fresh(1);
    play(fresh, session_lines(), t);
    return snapshot(fresh);
}

constexpr TimeMs kEnd = 600000;                     // the learner played on to +10 min

TEST(TimeTravel, SeekingBackAndForthGivesTheFreshRunsWorldByteForByte) {
    Shell sh(1);
    play(sh, session_lines(), kEnd);
    const std::string at_end = snapshot(sh);
    TimeTravel tt(sh);
    EXPECT_FALSE(tt.in_past());
    EXPECT_EQ(tt.end(), kEnd);

    for (TimeMs t : {TimeMs{130000}, TimeMs{0}, TimeMs{65000}, TimeMs{64999}, TimeMs{300000}, TimeMs{1000}, TimeMs{599999}}) {
        tt.seek(t);
        EXPECT_TRUE(tt.in_past()) << t;
        EXPECT_EQ(tt.now(), t);
        EXPECT_EQ(tt.end(), kEnd);
        const std::string got = snapshot(sh), want = fresh_at(t);
        ASSERT_EQ(got.size(), want.size()) << "t=" << t;
        EXPECT_TRUE(got == want) << "t=" << t;
    }
    // Forward to the end: every line replayed, the live world again, identical to before.
    tt.seek(kEnd);
    EXPECT_FALSE(tt.in_past());
    EXPECT_EQ(sh.history().size(), session_lines().size());
    EXPECT_TRUE(snapshot(sh) == at_end);
}

TEST(TimeTravel, ASynchronousCallIsOneStep) {
    Shell sh(1);
    play(sh, session_lines(), kEnd);
    TimeTravel tt(sh);
    tt.seek(215000);                                // the sync invoke at 215 000 runs the clock past it
    const TimeMs landed = tt.now();
    EXPECT_GT(landed, 215000);
    EXPECT_LT(landed, 216000);
    EXPECT_TRUE(snapshot(sh) == fresh_at(215000));
}

TEST(TimeTravel, ASeekCanStopInsideALabAdvance) {
    Shell sh(1);
    play(sh, session_lines(), kEnd);
    const std::string at_end = snapshot(sh);
    TimeTravel tt(sh);
    // `lab advance 30s` typed at 216 000 ran the clock to 246 000; 230 000 is inside it.
    tt.seek(230000);
    EXPECT_EQ(tt.now(), 230000);
    Shell fresh(1);
    auto lines = session_lines();
    lines.pop_back();                               // everything before the advance ...
    play(fresh, lines, 216000);
    fresh.world().scheduler.run_until(230000);      // ... and the clock to 230 000
    EXPECT_TRUE(snapshot(sh) == snapshot(fresh));
    // The history holds what a learner had typed by then, and the share text says where the clock is.
    EXPECT_EQ(sh.history().size(), session_lines().size() - 1);
    EXPECT_NE(sh.session_text().find("# now: 230000\n"), std::string::npos);
    // The next step is the end of the advance (unless an event comes first), then on to the end.
    const auto next = tt.next_event();
    ASSERT_TRUE(next.has_value());
    EXPECT_GT(*next, 230000);
    EXPECT_LE(*next, 246000);
    tt.seek(246000);
    EXPECT_EQ(sh.history().size(), session_lines().size());
    EXPECT_EQ(sh.history().back().line, "lab advance 30s");
    EXPECT_EQ(sh.history().back().at, 216000);
    tt.seek(kEnd);
    EXPECT_FALSE(tt.in_past());
    EXPECT_TRUE(snapshot(sh) == at_end);
}

TEST(TimeTravel, WorldsLeftBehindAreParkedAndSwappedBackInsteadOfReplayed) {
    Shell sh(1);
    play(sh, session_lines(), kEnd);
    const std::string at_end = snapshot(sh);
    TimeTravel tt(sh);
    EXPECT_TRUE(tt.seek(100000));                   // replayed from the seed
    EXPECT_EQ(tt.replayed_lines(), 4u + 15u);       // setup + the invokes at 2 000 … 100 000
    EXPECT_EQ(tt.parked_worlds(), 1u);              // the live world at the end
    EXPECT_TRUE(tt.seek(kEnd));                     // swapped back: nothing replayed
    EXPECT_EQ(tt.replayed_lines(), 0u);
    EXPECT_FALSE(tt.in_past());
    EXPECT_TRUE(snapshot(sh) == at_end);
    EXPECT_TRUE(tt.seek(100000));                   // the parked world at 100 000
    EXPECT_EQ(tt.replayed_lines(), 0u);
    EXPECT_TRUE(snapshot(sh) == fresh_at(100000));
    EXPECT_FALSE(tt.seek(150000));                  // forward from the current world
    EXPECT_EQ(tt.replayed_lines(), 7u);             // the invokes at 107 000 … 149 000
    EXPECT_TRUE(snapshot(sh) == fresh_at(150000));
    EXPECT_TRUE(tt.seek(120000));                   // before the current world: the parked one is at the end, so from the seed
    EXPECT_TRUE(snapshot(sh) == fresh_at(120000));
    EXPECT_LE(tt.parked_worlds(), 3u);
    // After `lab reset` the parked worlds belong to another session and are never used.
    tt.seek(kEnd);
    sh.run("lab reset");
    sh.world().scheduler.run_until(5000);
    tt.seek(1000);
    EXPECT_EQ(tt.parked_worlds(), 1u);              // only the world just left (the reset one at 5 000)
    EXPECT_EQ(sh.world().lambda.invocations().size(), 0u);
    EXPECT_EQ(tt.now(), 1000);
}

TEST(TimeTravel, TheLivePresentCannotSeekAhead) {
    Shell sh(1);
    play(sh, session_lines(), 50000);
    TimeTravel tt(sh);
    EXPECT_FALSE(tt.seek(90000));
    EXPECT_EQ(tt.now(), 50000);
    EXPECT_FALSE(tt.in_past());
    EXPECT_FALSE(tt.next_event().has_value());
}

TEST(TimeTravel, ResumeDiscardsTheLaterHistoryAndUndoBringsItBack) {
    Shell sh(1);
    play(sh, session_lines(), kEnd);
    const std::string at_end = snapshot(sh);
    TimeTravel tt(sh);
    tt.seek(30000);                                 // lines up to 30 000: the four setup lines and invokes at 2 000 … 30 000
    tt.resume();
    EXPECT_FALSE(tt.in_past());
    EXPECT_TRUE(tt.can_undo());
    EXPECT_EQ(tt.end(), 30000);
    EXPECT_EQ(sh.history().size(), 4u + 5u);
    EXPECT_EQ(sh.history().back().at, 30000);
    EXPECT_TRUE(tt.undo());
    EXPECT_TRUE(tt.in_past());
    EXPECT_EQ(tt.now(), 30000);
    EXPECT_EQ(tt.end(), kEnd);
    EXPECT_TRUE(snapshot(sh) == fresh_at(30000));
    tt.seek(kEnd);
    EXPECT_TRUE(snapshot(sh) == at_end);
}

TEST(TimeTravel, StepsGoToThePreviousAndNextThingThatHappened) {
    Shell sh(1);
    play(sh, session_lines(), kEnd);
    TimeTravel tt(sh);
    tt.seek(30000);
    // The first event failed or succeeded long ago; what comes next is either the next command
    // (the invoke at 37 000) or a scheduled retry, whichever is sooner.
    const auto next = tt.next_event();
    ASSERT_TRUE(next.has_value());
    const auto sched = sh.world().scheduler.next_event_time();
    EXPECT_EQ(*next, sched && *sched < 37000 ? *sched : 37000);
    const auto prev = tt.previous_event();
    ASSERT_TRUE(prev.has_value());
    TimeMs want_prev = 23000;                       // the invoke typed at 23 000, unless the trace has something later
    for (const TraceEntry& e : sh.world().trace.entries())
        if (e.time < 30000 && e.time > want_prev) want_prev = e.time;
    EXPECT_EQ(*prev, want_prev);
    tt.seek(*next);
    EXPECT_EQ(tt.now(), *next);
    EXPECT_TRUE(snapshot(sh) == fresh_at(*next));
    tt.seek(0);
    EXPECT_FALSE(tt.previous_event().has_value());
}

TEST(TimeTravel, CheckpointsBoundWhatASeekReplays) {
    Shell sh(1);
    play(sh, session_lines(), kEnd);                // 36 lines: 4 setup, 30 invokes, a sync invoke, an advance
    const std::string at_end = snapshot(sh);
    TimeTravel tt(sh);
    // At most 4 intervals, at least 4 lines apart: S = 16 (36 lines need 3 intervals of 16),
    // checkpoints after 16 and 32 lines, each replayed from the seed: 48 lines of background work.
    tt.set_checkpoints(4, 4);
    EXPECT_EQ(tt.checkpoint_spacing(), 16u);
    EXPECT_EQ(tt.build_checkpoints(10), 10u);       // in slices: the views never see the builder's world
    EXPECT_EQ(tt.checkpoints(), 0u);
    EXPECT_TRUE(snapshot(sh) == at_end);
    EXPECT_EQ(tt.build_checkpoints(1000), 38u);
    EXPECT_EQ(tt.checkpoints(), 2u);
    EXPECT_EQ(tt.build_checkpoints(1000), 0u);      // nothing left to build
    EXPECT_FALSE(tt.in_past());
    EXPECT_TRUE(snapshot(sh) == at_end);

    // 100 000 is after 19 lines (setup + the invokes at 2 000 … 100 000): from the checkpoint
    // after 16 lines (the invoke at 79 000), 3 lines are replayed instead of 19.
    EXPECT_TRUE(tt.seek(100000));
    EXPECT_EQ(tt.replayed_lines(), 3u);
    EXPECT_TRUE(snapshot(sh) == fresh_at(100000));
    EXPECT_EQ(tt.checkpoints(), 1u);                // the one after 16 lines was used up
    EXPECT_EQ(tt.build_checkpoints(1000), 16u);     // rebuilt from the seed (the world left behind is past it)
    EXPECT_EQ(tt.checkpoints(), 2u);
    // Any moment: at most S lines replayed, and the fresh run's world byte for byte.
    for (TimeMs t : {TimeMs{0}, TimeMs{205000}, TimeMs{65000}, TimeMs{250000}, TimeMs{214000}, TimeMs{190000}, TimeMs{1000}, TimeMs{150000}, kEnd - 1}) {
        tt.seek(t);
        EXPECT_LE(tt.replayed_lines(), 16u) << t;
        const std::string got = snapshot(sh), want = fresh_at(t);
        ASSERT_EQ(got.size(), want.size()) << "t=" << t;
        EXPECT_TRUE(got == want) << "t=" << t;
        tt.build_checkpoints(1000);
        EXPECT_EQ(tt.checkpoints(), 2u) << t;
    }
    tt.seek(kEnd);
    EXPECT_FALSE(tt.in_past());
    EXPECT_TRUE(snapshot(sh) == at_end);
}

TEST(TimeTravel, CheckpointsThinOutAsTheHistoryGrowsAndFollowAReset) {
    Shell sh(1);
    TimeTravel tt(sh);
    tt.set_checkpoints(4, 4);
    auto lines = session_lines();
    for (std::size_t i = 0; i < 20; ++i) {          // 20 lines: S = 8, checkpoints after 8 and 16 lines
        if (lines[i].at > sh.world().now()) sh.world().scheduler.run_until(lines[i].at);
        sh.run(lines[i].line);
        tt.build_checkpoints(1000);                 // live, as the page does between frames
    }
    EXPECT_EQ(tt.checkpoint_spacing(), 8u);
    EXPECT_EQ(tt.checkpoints(), 2u);
    for (std::size_t i = 20; i < lines.size(); ++i) {
        if (lines[i].at > sh.world().now()) sh.world().scheduler.run_until(lines[i].at);
        sh.run(lines[i].line);
    }
    // 36 lines: S = 16. The checkpoint after 16 lines stays; the one after 8 is let go; the
    // one after 32 lines is built (32 lines from the seed).
    EXPECT_EQ(tt.build_checkpoints(1000), 32u);
    EXPECT_EQ(tt.checkpoints(), 2u);
    EXPECT_EQ(tt.checkpoint_spacing(), 16u);
    // Off (K = 0): every checkpoint is let go and none is built.
    tt.set_checkpoints(0);
    EXPECT_EQ(tt.build_checkpoints(1000), 0u);
    EXPECT_EQ(tt.checkpoints(), 0u);
    EXPECT_EQ(tt.checkpoints_missing(), 0u);
    tt.set_checkpoints(4, 4);
    EXPECT_EQ(tt.checkpoints_missing(), 2u);
    EXPECT_EQ(tt.build_checkpoints(1000), 16u + 32u);
    // After `lab reset` they belong to another session: let go, and nothing to build yet.
    sh.run("lab reset");
    EXPECT_EQ(tt.build_checkpoints(1000), 0u);
    EXPECT_EQ(tt.checkpoints(), 0u);
    EXPECT_EQ(tt.parked_worlds(), 0u);
}

} // namespace
