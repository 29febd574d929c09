// The canvas views driven headless: an ImGui context with the built-in font, frames run by
// hand, mouse clicks placed on the rects the app publishes for the page's tests.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include "app/app.h"
#include "app/fonts.h"
#include "views/views.h"
#include "shell/scenario.h"
#include <fstream>
#include <sstream>

using namespace invokelab;
using namespace invokelab::ui;

namespace {

class ViewsTest : public ::testing::Test {
protected:
    void SetUp() override {
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;
        load_ui_font({}, kFontCssPx);
        set_lang(Lang::En);
    }
    void TearDown() override { ImGui::DestroyContext(); }

    void frame(App& app, ImVec2 mouse = ImVec2(-1, -1), bool down = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(1600, 900);
        io.DeltaTime = 1.0f / 60.0f;
        io.MousePos = mouse;
        io.MouseDown[0] = down;
        app.begin_frame(1.0f);
        ImGui::NewFrame();
        draw_app(app);
        ImGui::Render();
        app.end_frame();
    }

    // Clicks the centre of a published control (press in one frame, release in the next).
    void click(App& app, const std::string& name) {
        const auto ui = nlohmann::json::parse(app.ui_json());
        ASSERT_TRUE(ui["controls"].contains(name)) << name;
        const auto r = ui["controls"][name];
        const ImVec2 c(r[0].get<float>() + r[2].get<float>() / 2, r[1].get<float>() + r[3].get<float>() / 2);
        frame(app, c, false);
        frame(app, c, true);
        frame(app, c, false);
    }
};

TEST_F(ViewsTest, PublishesEveryTimeBarControl) {
    App app;
    frame(app);
    frame(app);
    const auto ui = nlohmann::json::parse(app.ui_json());
    for (const char* name : {"playPause", "speed1", "speed10", "speed60", "speed600", "next", "reset", "followNow"}) {
        ASSERT_TRUE(ui["controls"].contains(name)) << name;
        EXPECT_GT(ui["controls"][name][2].get<float>(), 0.0f) << name;
    }
    EXPECT_EQ(ui["speed"], 60.0);
    EXPECT_EQ(ui["playing"], true);
}

TEST_F(ViewsTest, CanvasControlsChangeStateAndNotifyThePage) {
    App app;
    frame(app);
    frame(app);
    click(app, "speed600");
    EXPECT_EQ(app.speed(), 600.0);
    click(app, "playPause");
    EXPECT_FALSE(app.playing());
    const auto notices = app.take_notices();
    ASSERT_EQ(notices.size(), 2u);
    EXPECT_EQ(notices[1].kind, Notice::Kind::Ui);
    EXPECT_EQ(nlohmann::json::parse(notices[1].json)["playing"], false);
    // Changes the page made itself are not echoed back.
    app.set_speed(10, Origin::Page);
    EXPECT_TRUE(app.take_notices().empty());
}

TEST_F(ViewsTest, ResetRunsThroughTheShellAndIsReported) {
    App app;
    app.run("lab advance 5m", Origin::Page);
    frame(app);
    frame(app);
    click(app, "reset");
    EXPECT_EQ(app.world().now(), 0);
    const auto notices = app.take_notices();
    ASSERT_FALSE(notices.empty());
    EXPECT_EQ(notices[0].line, "lab reset");
    EXPECT_EQ(nlohmann::json::parse(notices[0].json)["exitCode"], 0);
}

TEST_F(ViewsTest, ClockAdvancesOnlyWhilePlaying) {
    App app;
    for (int i = 0; i < 4; ++i) app.advance_real_time(250);   // 1 s real at 60x
    EXPECT_EQ(app.world().now(), 60000);
    app.advance_real_time(10000);                   // a long-hidden tab: capped at 250 ms real
    EXPECT_EQ(app.world().now(), 75000);
    app.set_playing(false, Origin::Page);
    app.advance_real_time(250);
    EXPECT_EQ(app.world().now(), 75000);
}

TEST_F(ViewsTest, OnlyRowsInViewAreVisited) {
    App app;
    app.set_playing(false, Origin::Page);
    for (int i = 0; i < 2000; ++i)
        app.run("aws lambda invoke --function-name demo-lambda --invocation-type Event out.json", Origin::Page);
    app.run("lab advance 1s", Origin::Page);
    frame(app);
    frame(app);
    ASSERT_EQ(app.timeline.async_rows.size(), 2000u);
    EXPECT_GT(app.timeline.visible_rows, 0);
    EXPECT_LT(app.timeline.visible_rows, 60);
}

TEST_F(ViewsTest, EveryTabDrawsWithRequestsPresent) {
    App app;
    app.run("lab fail demo-lambda always", Origin::Page);
    app.run("aws lambda invoke --function-name demo-lambda --invocation-type Event out.json", Origin::Page);
    app.run("aws lambda invoke --function-name demo-lambda out.json", Origin::Page);
    app.run("lab advance 90s", Origin::Page);
    for (int tab = 0; tab < 6; ++tab) {
        app.select_tab = tab;
        frame(app);
        frame(app);
    }
    EXPECT_EQ(app.timeline.sync_rows.size(), 1u);
    EXPECT_EQ(app.timeline.async_rows.size(), 1u);
    EXPECT_GT(ImGui::GetDrawData()->TotalVtxCount, 0);
}

// A second delivery (`lab duplicates`) gets its own async row with the same request id, whose
// id is drawn in the duplicate colour; a world without the setting draws nothing in it.
int vertices_in(ImU32 col) {
    int n = 0;
    const ImDrawData* d = ImGui::GetDrawData();
    for (int l = 0; l < d->CmdListsCount; ++l)
        for (const ImDrawVert& v : d->CmdLists[l]->VtxBuffer) n += v.col == col;
    return n;
}

TEST_F(ViewsTest, TimelineDrawsADuplicateDeliveryInItsOwnColour) {
    for (const bool on : {true, false}) {
        App app;
        app.set_playing(false, Origin::Page);
        app.run(on ? "lab duplicates demo-lambda rate 1" : "lab duplicates demo-lambda off", Origin::Page);
        app.run("aws lambda invoke --function-name demo-lambda --invocation-type Event out.json", Origin::Page);
        app.run("lab advance 10s", Origin::Page);
        frame(app);
        frame(app);
        const auto& invs = app.world().lambda.invocations();
        ASSERT_EQ(app.timeline.async_rows.size(), on ? 2u : 1u);
        if (on) {
            EXPECT_EQ(invs[1].request_id, invs[0].request_id);
            EXPECT_EQ(invs[1].duplicate_of, std::optional<std::size_t>(0));
            // The 8-character short id in the duplicate colour: 4 vertices per glyph.
            EXPECT_EQ(vertices_in(colors::kDuplicate), 8 * 4) << "on";
            // Its label is published, one row below the original's (hovered: the tooltip line).
            const auto ui = nlohmann::json::parse(app.ui_json());
            ASSERT_TRUE(ui["controls"].contains("duplicateRow"));
            EXPECT_GT(ui["controls"]["duplicateRow"][2].get<float>(), 0.0f);
        } else {
            EXPECT_EQ(vertices_in(colors::kDuplicate), 0) << "off";
            EXPECT_FALSE(nlohmann::json::parse(app.ui_json())["controls"].contains("duplicateRow"));
        }
    }
}

// [SECTION] The flow view (tab 4, the default): what it draws for a given state.

std::string scenario_text(const std::string& name) {
    std::ifstream in(std::string(INVOKELAB_SOURCE_DIR) + "/content/scenarios/" + name);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

TEST_F(ViewsTest, FlowIsTheDefaultTab) {
    App app;
    frame(app);
    frame(app);
    EXPECT_TRUE(app.flow.shown_last_frame);
    const auto ui = nlohmann::json::parse(app.ui_json());
    EXPECT_TRUE(ui["controls"].contains("tabFlow"));
    app.select_tab = 0;                             // the queue table
    frame(app);
    frame(app);
    EXPECT_FALSE(app.flow.shown_last_frame);
}

TEST_F(ViewsTest, FlowDrawsWaitingEventsInTheQueueWithAgesAndCountdowns) {
    App app;
    app.set_playing(false, Origin::Page);
    app.flow.reduced_motion = true;                 // tokens jump: what is drawn is the state itself
    app.run("lab fail demo-lambda always", Origin::Page);
    app.run("aws lambda invoke --function-name demo-lambda --invocation-type Event out.json", Origin::Page);
    app.run("lab advance 10s", Origin::Page);
    app.run("aws lambda invoke --function-name demo-lambda --invocation-type Event out.json", Origin::Page);
    app.run("lab advance 20s", Origin::Page);      // now = 30 000 ms: both failed once, waiting for attempt 2
    frame(app);
    frame(app);
    const auto& invs = app.world().lambda.invocations();
    ASSERT_EQ(invs.size(), 2u);
    const FlowDrawn& d = app.flow.drawn;
    ASSERT_EQ(d.queue_total, 2u);
    ASSERT_EQ(d.queue.size(), 2u);
    EXPECT_EQ(d.queue[0].request_id, invs[0].request_id);
    EXPECT_EQ(d.queue[0].attempt, 2);
    EXPECT_TRUE(d.queue[0].retry);
    EXPECT_EQ(d.queue[0].age_ms, 30000);
    EXPECT_EQ(d.queue[1].request_id, invs[1].request_id);
    EXPECT_EQ(d.queue[1].age_ms, 20000);
    // The first retry waits 60 s after the first attempt ended (lambda-semantics: ~1 minute).
    ASSERT_EQ(invs[0].attempts.size(), 1u);
    EXPECT_EQ(d.queue[0].retry_in_ms, invs[0].attempts[0].end + 60000 - 30000);
    EXPECT_TRUE(d.moving.empty());
    EXPECT_EQ(d.dlq_total, 0u);
}

TEST_F(ViewsTest, FlowShowsABusyColdEnvironmentHoldingTheRequest) {
    App app;
    app.set_playing(false, Origin::Page);
    app.flow.reduced_motion = true;
    app.run("aws lambda invoke --function-name demo-lambda --invocation-type Event out.json", Origin::Page);
    app.run("lab advance 6ms", Origin::Page);      // polled at +5 ms: the first attempt is running (cold start)
    frame(app);
    frame(app);
    const auto& invs = app.world().lambda.invocations();
    ASSERT_EQ(invs.size(), 1u);
    ASSERT_EQ(invs[0].state, InvocationState::Running);
    const FlowDrawn& d = app.flow.drawn;
    ASSERT_EQ(d.envs.size(), 1u);
    EXPECT_TRUE(d.envs[0].busy);
    EXPECT_TRUE(d.envs[0].cold);
    EXPECT_EQ(d.envs[0].request_id, invs[0].request_id);
    EXPECT_EQ(d.queue_total, 0u);
}

TEST_F(ViewsTest, FlowHoldsTheDeadLetterInTheDlqBox) {
    App app;
    app.set_playing(false, Origin::Page);
    app.flow.reduced_motion = true;
    ASSERT_TRUE(load_scenario_text(app.shell(), scenario_text("dlq-ready.txt")).ok);
    app.run("aws lambda invoke --function-name demo-lambda --invocation-type Event out.json", Origin::Page);
    frame(app);
    frame(app);
    EXPECT_EQ(app.flow.drawn.queue_total, 1u);
    app.run("lab advance 4m", Origin::Page);       // three attempts (+~1 min, +~2 min), then the DLQ
    frame(app);
    frame(app);
    const auto& invs = app.world().lambda.invocations();
    ASSERT_EQ(invs.size(), 1u);
    ASSERT_TRUE(invs[0].dlq_at.has_value());
    const FlowDrawn& d = app.flow.drawn;
    EXPECT_EQ(d.dlq_total, 1u);
    ASSERT_EQ(d.dlq.size(), 1u);
    EXPECT_EQ(d.dlq[0], invs[0].request_id);
    EXPECT_EQ(d.queue_total, 0u);
    EXPECT_EQ(d.done_total, 0u);
    EXPECT_EQ(app.world().sqs.queues().at("lambda-DLQ").messages.size(), 1u);
}

TEST_F(ViewsTest, FlowShowsThePastAfterASeekAndThePresentAgainAtTheEnd) {
    App app;
    app.set_playing(false, Origin::Page);
    ASSERT_TRUE(load_scenario_text(app.shell(), scenario_text("dlq-ready.txt")).ok);
    app.world_loaded();
    app.run("aws lambda invoke --function-name demo-lambda --invocation-type Event out.json", Origin::Page);
    app.run("lab advance 4m", Origin::Page);
    frame(app);
    frame(app);
    EXPECT_EQ(app.flow.drawn.dlq_total, 1u);
    app.seek(90000);                                // attempt 2 failed at ~+60 s: waiting for attempt 3
    frame(app);
    EXPECT_TRUE(app.travel().in_past());
    EXPECT_EQ(app.world().now(), 90000);
    const FlowDrawn& d = app.flow.drawn;
    EXPECT_EQ(d.dlq_total, 0u);
    ASSERT_EQ(d.queue.size(), 1u);
    EXPECT_EQ(d.queue[0].attempt, 3);
    EXPECT_EQ(d.queue[0].age_ms, 90000);
    EXPECT_TRUE(d.moving.empty());                  // a seek jumps: nothing travels from the old world
    const auto ui = nlohmann::json::parse(app.ui_json());
    EXPECT_EQ(ui["travel"]["now"], 90000);
    EXPECT_EQ(ui["travel"]["end"], 240000);
    EXPECT_EQ(ui["travel"]["inPast"], true);
    app.seek(240000);
    frame(app);
    EXPECT_FALSE(app.travel().in_past());
    EXPECT_EQ(app.flow.drawn.dlq_total, 1u);
    EXPECT_EQ(app.flow.drawn.queue_total, 0u);
}

TEST_F(ViewsTest, FollowingNowKeepsTheAsyncStoryInView) {
    App app;
    app.set_playing(false, Origin::Page);
    app.run("lab fail demo-lambda always", Origin::Page);
    app.run("lab advance 30s", Origin::Page);
    app.run("aws lambda invoke --function-name demo-lambda --invocation-type Event out.json", Origin::Page);
    app.run("lab advance 200s", Origin::Page);     // three attempts (~+0 s, ~+60 s, ~+180 s), then given up
    frame(app);
    frame(app);
    const InvocationRecord& r = app.world().lambda.invocations().at(0);
    ASSERT_EQ(r.attempts.size(), 3u);
    ASSERT_TRUE(r.finished_at.has_value());
    EXPECT_TRUE(app.timeline.follow_now);
    EXPECT_LT(app.timeline.left_ms, 30000.0);       // the axis starts just before the event was accepted
    EXPECT_GT(app.timeline.left_ms, 30000.0 - 100 * app.timeline.ms_per_px);
    EXPECT_GE(app.timeline.left_ms + 1400 * app.timeline.ms_per_px, static_cast<double>(r.attempts[2].end));
    // Ten idle minutes later the story is still in view (plain "follow now" would have scrolled it away).
    app.run("lab advance 10m", Origin::Page);
    frame(app);
    EXPECT_LT(app.timeline.left_ms, 30000.0);
    // Panning hands the axis back to the learner.
    app.timeline.follow_now = false;
    app.timeline.left_ms = 500000;
    frame(app);
    EXPECT_EQ(app.timeline.left_ms, 500000.0);
}

TEST_F(ViewsTest, FlowTokensTravelAtAReadablePaceAndJumpWithReducedMotion) {
    App app;
    app.set_playing(false, Origin::Page);
    frame(app);
    frame(app);                                     // the flow tab is open from the second frame
    app.run("aws lambda invoke --function-name demo-lambda --invocation-type Event out.json", Origin::Page);
    app.run("lab advance 2s", Origin::Page);       // accepted, run and succeeded within 2 s of virtual time
    frame(app);
    // The whole story happened between two frames; the token still starts at the caller.
    ASSERT_EQ(app.flow.drawn.moving.size(), 1u);
    EXPECT_EQ(app.flow.drawn.moving[0].from, FlowPlace::Caller);
    EXPECT_EQ(app.flow.drawn.moving[0].to, FlowPlace::Queue);
    for (int i = 0; i < 50; ++i) frame(app);        // 50/60 s > one hop of 0.7 s
    ASSERT_EQ(app.flow.drawn.moving.size(), 1u);
    EXPECT_EQ(app.flow.drawn.moving[0].to, FlowPlace::Environment);
    EXPECT_EQ(app.flow.drawn.moving[0].label.rfind("#1 ", 0), 0u) << app.flow.drawn.moving[0].label;   // labelled with its real duration
    EXPECT_NE(app.flow.drawn.moving[0].label.find(" ms"), std::string::npos);
    for (int i = 0; i < 150; ++i) frame(app);
    EXPECT_TRUE(app.flow.drawn.moving.empty());
    EXPECT_EQ(app.flow.drawn.done_total, 1u);

    app.flow.reduced_motion = true;
    app.run("aws lambda invoke --function-name demo-lambda --invocation-type Event out.json", Origin::Page);
    app.run("lab advance 2s", Origin::Page);
    frame(app);
    EXPECT_TRUE(app.flow.drawn.moving.empty());
    EXPECT_EQ(app.flow.drawn.done_total, 2u);
}

} // namespace
