// The canvas views driven headless: an ImGui context with the built-in font, frames run by
// hand, mouse clicks placed on the rects the app publishes for the page's tests.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include "app/app.h"
#include "app/fonts.h"
#include "views/views.h"
#include "shell/scenario.h"
#include "views/time_axis.h"
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
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
    for (int tab = 0; tab < 7; ++tab) {
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

// The page's invoke panel reads App::panel_json() after every command and seek: each function
// and role as state_json() has them, and nothing that grows with the requests.
TEST_F(ViewsTest, PanelStateIsTheWholeStatesFunctionsAndRolesWithoutTheHistory) {
    App app;
    app.set_playing(false, Origin::Page);
    ASSERT_TRUE(load_scenario_text(app.shell(), scenario_text("dlq-ready.txt")).ok);
    app.world_loaded();
    ASSERT_EQ(app.run("lab fail demo-lambda rate 0.3 --message 'boom' --duration 120ms", Origin::Page).exit_code, 0);
    ASSERT_EQ(app.run("aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts 1 "
                      "--maximum-event-age-in-seconds 600", Origin::Page).exit_code, 0);
    for (int i = 0; i < 200; ++i)
        app.run("aws lambda invoke --function-name demo-lambda --invocation-type Event --payload '{\"n\": " + std::to_string(i) +
                "}' --cli-binary-format raw-in-base64-out out.json", Origin::Page);
    app.run("lab advance 30s", Origin::Page);
    const std::string panel_text = app.panel_json(), state_text = app.state_json();
    const auto panel = nlohmann::json::parse(panel_text), state = nlohmann::json::parse(state_text);
    EXPECT_EQ(panel["time"], 30000);
    EXPECT_EQ(panel["region"], "ap-northeast-2");
    EXPECT_EQ(panel["account"], "123456789012");
    EXPECT_EQ(panel["iam"], state["iam"]);
    ASSERT_EQ(panel["lambda"]["functions"].size(), state["lambda"]["functions"].size());
    ASSERT_EQ(panel["lambda"]["functions"].size(), 1u);
    auto whole = state["lambda"]["functions"][0];
    whole.erase("queue");
    whole.erase("metrics");
    EXPECT_EQ(panel["lambda"]["functions"][0], whole);
    const auto& f = panel["lambda"]["functions"][0];
    EXPECT_EQ(f["failure"]["mode"], "rate");
    EXPECT_EQ(f["failure"]["rate"], 0.3);
    EXPECT_EQ(f["failure"]["errorMessage"], "boom");
    EXPECT_EQ(f["failure"]["durationMs"], 120);
    EXPECT_EQ(f["effectiveMaximumRetryAttempts"], 1);
    EXPECT_EQ(f["effectiveMaximumEventAgeInSeconds"], 600);
    EXPECT_EQ(f["configuration"]["DeadLetterConfig"]["TargetArn"], "arn:aws:sqs:ap-northeast-2:123456789012:lambda-DLQ");
    EXPECT_EQ(panel["ui"]["playing"], false);
    EXPECT_EQ(panel["ui"]["travel"]["end"], 30000);
    EXPECT_FALSE(panel.contains("trace"));
    // 200 requests: the whole state is hundreds of kB, the panel's a few.
    EXPECT_GT(state_text.size(), 200000u);
    EXPECT_LT(panel_text.size(), 6000u);
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

// [SECTION] The timeline's compressed waits (views/time_axis.h): exact positions.

// tests/scenarios/seed-002-dlq.txt on the App (seed 1): the event accepted at 0 ms, attempts at
// 5-102 (cold), 60102-60105 and 180105-180107 ms, then the DLQ at 180107 (its golden trace).
void run_seed_002_dlq(App& app) {
    const std::pair<const char*, int> lines[] = {
        {"aws sqs create-queue --queue-name lambda-DLQ", 0},
        // The role may not send to SQS yet: AWS's InvalidParameterValueException (exit 254).
        {"aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config TargetArn=arn:aws:sqs:ap-northeast-2:123456789012:lambda-DLQ", 254},
        {"aws iam attach-role-policy --role-name demo-lambda-role-6gssa7uj --policy-arn arn:aws:iam::aws:policy/AmazonSQSFullAccess", 0},
        {"aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config TargetArn=arn:aws:sqs:ap-northeast-2:123456789012:lambda-DLQ", 0},
        {"aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts 2", 0},
        {"lab fail demo-lambda always --message \"Something went wrong!\"", 0},
        {"aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out "
         "--payload '{\"key1\": \"value1\"}' response.json", 0},
        {"lab advance 4m", 0}};
    for (const auto& [line, code] : lines) ASSERT_EQ(app.run(line, Origin::Page).exit_code, code) << line;
}

TEST_F(ViewsTest, StoryAxisDrawsTheSeed002WaitsAsBreaks) {
    App app;
    app.set_playing(false, Origin::Page);
    run_seed_002_dlq(app);
    const InvocationRecord& r = app.world().lambda.invocations().at(0);
    const StoryMoments m = story_moments(r, app.world().now());
    EXPECT_EQ(m.t, (std::vector<double>{0, 5, 102, 60102, 60105, 180105, 180107, 240000}));
    ASSERT_EQ(m.busy.size(), 3u);
    EXPECT_EQ(m.busy[2], (std::pair<double, double>(180105, 180107)));

    // A 1000-px plot: 880 px (88 %) hold the story; three breaks of 90 px leave 610 px for the
    // 107 ms that are not waits (5 + 97 + 3 + 2), i.e. 107/610 ms per px.
    const StoryFit fit = fit_story(m, 0, 1000, 90);
    const TimeAxis& ax = fit.axis;
    ASSERT_EQ(ax.breaks.size(), 3u);
    EXPECT_EQ(ax.breaks[0].t0, 102);                // attempt 1 ended ... 60 s ... attempt 2
    EXPECT_EQ(ax.breaks[0].t1, 60102);
    EXPECT_EQ(ax.breaks[1].t0, 60105);              // attempt 2 ended ... 120 s ... attempt 3
    EXPECT_EQ(ax.breaks[1].t1, 180105);
    EXPECT_EQ(ax.breaks[2].t0, 180107);             // the DLQ ... idle ... now
    EXPECT_EQ(ax.breaks[2].t1, 240000);
    EXPECT_FLOAT_EQ(ax.breaks[0].width, 90.0f);
    EXPECT_NEAR(ax.ms_per_px, 107.0 / 610.0, 1e-6);
    EXPECT_NEAR(ax.x(0), 50.0f, 0.01f);             // accepted (202) at 5 % of the width
    EXPECT_NEAR(ax.x(5), 50.0f + 5 * 610.0f / 107, 0.01f);
    EXPECT_NEAR(ax.x(102), 50.0f + 102 * 610.0f / 107, 0.01f);   // 631.50: attempt 1 is 553 px wide
    EXPECT_NEAR(ax.x(30102), 631.50f + 45.0f, 0.01f);            // half-way through the first wait: half the break
    EXPECT_NEAR(ax.x(60102), 721.50f, 0.01f);
    EXPECT_NEAR(ax.x(60105), 721.50f + 3 * 610.0f / 107, 0.01f); // attempt 2: 17.1 px, not a hairline
    EXPECT_NEAR(ax.x(180105), 828.60f, 0.01f);
    EXPECT_NEAR(ax.x(180107), 840.00f, 0.01f);                   // attempt 3 (2 ms): 11.4 px; the DLQ diamond
    EXPECT_NEAR(ax.x(240000), 930.00f, 0.01f);                   // now, at 93 %
    for (double t : {0.0, 50.0, 102.0, 30000.0, 60103.0, 150000.0, 180106.0, 200000.0, 240000.0})
        EXPECT_NEAR(ax.t(ax.x(t)), t, 0.05) << t;
    EXPECT_TRUE(ax.in_break(120000));
    EXPECT_FALSE(ax.in_break(60103));
    // On one linear scale the same 240 s over 880 px would make attempt 3 0.007 px wide.
    EXPECT_NEAR(fit.linear_ms_per_px, 240000.0 / 880, 1e-3);   // 272.7 ms per px
    EXPECT_EQ(break_label(ax.breaks[0].t1 - ax.breaks[0].t0, true), "⋯ 60.0 s ⋯");
    EXPECT_EQ(break_label(ax.breaks[1].t1 - ax.breaks[1].t0, true), "⋯ 2 min ⋯");
    EXPECT_EQ(break_label(ax.breaks[2].t1 - ax.breaks[2].t0, true), "⋯ 59.9 s ⋯");
    EXPECT_EQ(break_label(ax.breaks[2].t1 - ax.breaks[2].t0, false), "59.9 s");
}

TEST_F(ViewsTest, BreakLabelsAndWhatIsNeverCompressed) {
    EXPECT_EQ(break_label(850, true), "⋯ 850 ms ⋯");
    EXPECT_EQ(break_label(185000, false), "3 min 5 s");
    EXPECT_EQ(break_label(5400000, false), "1 h 30 min");
    EXPECT_EQ(break_label(7200000, false), "2 h");

    // A 30 s attempt (a timeout), a 60 s wait, another 30 s attempt: only the wait is a break.
    StoryMoments long_attempts{{0, 5, 30005, 90005, 120005}, {{5, 30005}, {90005, 120005}}};
    StoryFit fit = fit_story(long_attempts, 0, 1000, 90);
    ASSERT_EQ(fit.axis.breaks.size(), 1u);
    EXPECT_EQ(fit.axis.breaks[0].t0, 30005);
    EXPECT_EQ(fit.axis.breaks[0].t1, 90005);
    EXPECT_NEAR(fit.axis.ms_per_px, 60005.0 / 790.0, 1e-6);
    EXPECT_NEAR(fit.axis.x(30005), 50.0f + 30005 * 790.0f / 60005, 0.01f);   // 445.03
    EXPECT_NEAR(fit.axis.x(120005), 930.0f, 0.01f);

    // A 6 s wait between 20 s attempts would be 118 px drawn linearly: no break for that.
    StoryMoments short_wait{{0, 5, 20005, 26005, 46005}, {{5, 20005}, {26005, 46005}}};
    fit = fit_story(short_wait, 0, 1000, 90);
    EXPECT_TRUE(fit.axis.breaks.empty());
    EXPECT_DOUBLE_EQ(fit.axis.ms_per_px, 250.0);    // the uncompressed story's floor
    EXPECT_NEAR(fit.axis.left_ms, -50 * 250.0, 1e-3);

    // Four breaks on a phone-wide plot share 45 % of its 88 %: 300 px -> 264 px -> 29.7 px each;
    // four 10 ms attempts share the other 145.2 px.
    StoryMoments many{{0, 10, 60010, 60020, 180020, 180030, 300030, 300040, 400000},
                      {{0, 10}, {60010, 60020}, {180020, 180030}, {300030, 300040}}};
    fit = fit_story(many, 0, 300, 90);
    ASSERT_EQ(fit.axis.breaks.size(), 4u);
    EXPECT_FLOAT_EQ(fit.axis.breaks[3].width, 264.0f * 0.45f / 4);
    EXPECT_NEAR(fit.axis.ms_per_px, 40.0 / (264.0 * 0.55), 1e-6);
    EXPECT_NEAR(fit.axis.x(10), 15.0f + 10 * 145.2f / 40, 0.01f);
    EXPECT_NEAR(fit.axis.x(400000), 279.0f, 0.01f);
    // 1 ms attempts would need 0.0275 ms per px: the scale stops at the deepest zoom (0.05), and
    // the story ends short of 93 %: 15 + 4 ms / 0.05 + 4 breaks = 213.8 px.
    StoryMoments tiny{{0, 1, 60001, 60002, 180002, 180003, 300003, 300004, 400000},
                      {{0, 1}, {60001, 60002}, {180002, 180003}, {300003, 300004}}};
    fit = fit_story(tiny, 0, 300, 90);
    EXPECT_DOUBLE_EQ(fit.axis.ms_per_px, kStoryMinMsPerPx);
    EXPECT_NEAR(fit.axis.x(400000), 15.0f + 80.0f + 4 * 29.7f, 0.01f);
}

TEST_F(ViewsTest, TheLanesDrawTheFollowedStoryWithBreaksAndPublishThem) {
    App app;
    app.set_playing(false, Origin::Page);
    run_seed_002_dlq(app);
    frame(app);
    frame(app);
    const TimeAxis& ax = app.timeline.drawn_axis;
    ASSERT_TRUE(app.timeline.follow_now);
    ASSERT_EQ(ax.breaks.size(), 3u);
    EXPECT_EQ(ax.breaks[0].t0, 102);
    EXPECT_EQ(ax.breaks[1].t1, 180105);
    EXPECT_FLOAT_EQ(ax.breaks[0].width, 96.0f);    // px(96) at device pixel ratio 1
    const float plot_w = ax.x1 - ax.x0;
    EXPECT_NEAR(ax.ms_per_px, 107.0 / (plot_w * 0.88 - 3 * 96.0), 1e-6);
    EXPECT_NEAR(ax.x(0), ax.x0 + plot_w * 0.05f, 0.01f);
    EXPECT_NEAR(ax.x(240000), ax.x0 + plot_w * 0.93f, 0.05f);
    EXPECT_GT(ax.x(180107) - ax.x(180105), 8.0f);  // the 2 ms attempt 3: wider than a hairline
    // The page reads the same axis.
    const auto s = nlohmann::json::parse(app.state_json());
    ASSERT_EQ(s["ui"]["timeline"]["breaks"].size(), 3u);
    EXPECT_EQ(s["ui"]["timeline"]["breaks"][1]["from"], 60105);
    EXPECT_EQ(s["ui"]["timeline"]["breaks"][1]["label"], "⋯ 2 min ⋯");
    EXPECT_EQ(s["ui"]["timeline"]["breaks"][2]["label"], "⋯ 59.9 s ⋯");

    // Panning hands the learner the story on one linear scale, without breaks.
    app.timeline.follow_now = false;
    frame(app);
    EXPECT_TRUE(app.timeline.drawn_axis.breaks.empty());
    EXPECT_DOUBLE_EQ(app.timeline.drawn_axis.ms_per_px, app.timeline.ms_per_px);
    EXPECT_GE(app.timeline.left_ms + plot_w * app.timeline.ms_per_px, 180107.0);
    EXPECT_LE(app.timeline.left_ms, 0.0);
}

} // namespace

namespace {

// [SECTION] The metrics charts: what the metrics tab draws for a known world.

TEST_F(ViewsTest, MetricsChartsCountTheSeed002WorldAsCloudWatchWould) {
    App app;
    app.set_playing(false, Origin::Page);
    run_seed_002_dlq(app);                          // event 1: 3 failed attempts, in lambda-DLQ at 180107 ms
    // At 240 000 ms the role loses its SQS permission; a synchronous call fails (2 ms), then
    // event 2 fails three times and its DLQ send fails; the clock stops at 480 000 ms.
    for (const char* line : {
             "aws iam detach-role-policy --role-name demo-lambda-role-6gssa7uj --policy-arn arn:aws:iam::aws:policy/AmazonSQSFullAccess",
             "aws lambda invoke --function-name demo-lambda out.json",
             "aws lambda invoke --function-name demo-lambda --invocation-type Event out.json",
             "lab advance 239998ms"})
        app.run(line, Origin::Page);
    app.select_tab = 5;
    frame(app);
    frame(app);
    const MetricsDrawn& m = app.metrics;
    ASSERT_EQ(app.world().now(), 480000);
    EXPECT_EQ(m.bucket_ms, 10000.0);                // 48 bars over [0, 480 000 ms]
    ASSERT_EQ(m.functions.size(), 1u);
    ASSERT_EQ(m.functions[0].name, "demo-lambda");
    const auto& s = m.functions[0].series;
    ASSERT_EQ(s.size(), 6u);
    auto bars = [](std::initializer_list<std::pair<int, float>> nonzero) {
        std::vector<float> v(MetricsDrawn::kBuckets, 0.0f);
        for (const auto& [i, x] : nonzero) v[static_cast<std::size_t>(i)] = x;
        return v;
    };
    // Attempts start at 5, 60102, 180105 (event 1), 240000 (the synchronous call), 240007,
    // 300010, 420014 ms (event 2): seven invocations, every one an error when it ends.
    EXPECT_EQ(s[0].name, "Invocations");
    EXPECT_EQ(s[0].v, bars({{0, 1}, {6, 1}, {18, 1}, {24, 2}, {30, 1}, {42, 1}}));
    EXPECT_EQ(s[0].total, 7);
    EXPECT_EQ(s[1].name, "Errors");
    EXPECT_EQ(s[1].v, bars({{0, 1}, {6, 1}, {18, 1}, {24, 2}, {30, 1}, {42, 1}}));
    EXPECT_EQ(s[1].total, 7);
    // Two events queued (0 and 240002 ms); the synchronous call is not one.
    EXPECT_EQ(s[2].name, "AsyncEventsReceived");
    EXPECT_EQ(s[2].v, bars({{0, 1}, {24, 1}}));
    EXPECT_EQ(s[2].total, 2);
    // Both dropped when retries ran out (180107 and 420016 ms): event 1 after its DLQ delivery,
    // which happens before the drop, event 2 after its DLQ send failed.
    EXPECT_EQ(s[3].name, "AsyncEventsDropped");
    EXPECT_EQ(s[3].v, bars({{18, 1}, {42, 1}}));
    EXPECT_EQ(s[3].total, 2);
    EXPECT_EQ(s[4].name, "DeadLetterErrors");
    EXPECT_EQ(s[4].v, bars({{42, 1}}));
    EXPECT_EQ(s[4].total, 1);
    // The age of an event when an attempt of it started: 5 ms, then ~1 and ~3 minutes.
    EXPECT_EQ(s[5].name, "AsyncEventAge");
    EXPECT_TRUE(s[5].max_not_sum);
    EXPECT_EQ(s[5].v, bars({{0, 5}, {6, 60102}, {18, 180105}, {24, 5}, {30, 60008}, {42, 180012}}));
    EXPECT_EQ(s[5].total, 180105);
    // The totals beside the charts are the core's counters, and the bars add up to them.
    const FunctionConfig& f = app.world().lambda.functions().at("demo-lambda");
    EXPECT_EQ(f.async_events_received, 2);
    EXPECT_EQ(f.async_events_dropped, 2);
    EXPECT_EQ(f.dead_letter_errors, 1);
}

TEST_F(ViewsTest, StoresTabShowsItemsKeysAndTheLastWriteWithItsRequest) {
    App app;
    app.set_playing(false, Origin::Page);
    app.select_tab = 6;
    frame(app);
    frame(app);
    EXPECT_TRUE(app.stores.rows.empty());           // nothing yet: the hint only
    EXPECT_TRUE(app.tall_tab_last_frame);           // the stores get the flow view's room, not the lanes
    EXPECT_FALSE(app.flow.shown_last_frame);
    app.run("aws dynamodb create-table --table-name users --attribute-definitions AttributeName=userId,AttributeType=S "
            "--key-schema AttributeName=userId,KeyType=HASH --billing-mode PAY_PER_REQUEST", Origin::Page);
    app.run("aws dynamodb put-item --table-name users --item '{\"userId\": {\"S\": \"u2\"}, \"points\": {\"N\": \"5\"}}'", Origin::Page);
    // A handler's write (as the Python shim makes it) carries its request id.
    World& w = app.shell().world();
    w.call_service("dynamodb", "UpdateItem",
                   ojson::parse(R"({"TableName":"users","Key":{"userId":{"S":"u1"}},"UpdateExpression":"ADD points :p, tags :t",
                                    "ExpressionAttributeValues":{":p":{"N":"100"},":t":{"SS":["new"]}}})"),
                   "0b1c2d3e-0000-4000-8000-000000000001");
    app.select_tab = 6;
    frame(app);
    frame(app);
    EXPECT_EQ(app.stores.rows, (std::vector<std::string>{"users|userId = \"u1\"|points = 100, tags = {\"new\"}",
                                                         "users|userId = \"u2\"|points = 5"}));
    EXPECT_EQ(app.stores.highlighted, "users|userId = \"u1\"|points = 100, tags = {\"new\"}");
    EXPECT_EQ(app.stores.highlight_note, "UpdateItem · 0b1c2d3e · +00:00:00.000");

    app.run("redis-cli SET order-1 done NX EX 60", Origin::Page);
    app.run("redis-cli SET order-1 again NX", Origin::Page);   // (nil): nothing changes
    app.select_tab = 6;
    frame(app);
    frame(app);
    ASSERT_EQ(app.stores.rows.size(), 3u);
    EXPECT_EQ(app.stores.rows[2], "kv|order-1|\"done\"");
    EXPECT_EQ(app.stores.highlighted, "kv|order-1|\"done\"");
    EXPECT_EQ(app.stores.highlight_note, "SET · +00:00:00.000");
    EXPECT_GT(ImGui::GetDrawData()->TotalVtxCount, 0);
}

} // namespace

namespace {

// [SECTION] Narrow canvases: the page's canvas on a 390x844 phone is 374x473 CSS px (the
// browser tests' phone has device pixel ratio 2; many phones have 3), drawn with the page's
// own font (the NanumGothic subset), in Korean and English. Every piece of text a view places
// where room may run out is published with the area it must stay inside (App::labels()); none
// may leave it and no two may overlap.

std::vector<std::uint8_t> test_font() {
    std::ifstream in(INVOKELAB_TEST_FONT, std::ios::binary);
    return std::vector<std::uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct Canvas { float w, h, dpr; Lang lang; };

class NarrowViewsTest : public ::testing::Test {
protected:
    static inline std::vector<std::uint8_t> font_;
    float baked_ = 0;
    void SetUp() override {
        if (font_.empty()) font_ = test_font();
        ASSERT_GT(font_.size(), 100000u) << INVOKELAB_TEST_FONT;
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;
    }
    void TearDown() override { ImGui::DestroyContext(); }

    void frame(App& app, const Canvas& c) {
        if (baked_ != c.dpr) {                      // as wasm/main.cpp: the font baked at the device size, the style scaled
            load_ui_font(font_, kFontCssPx * c.dpr);
            ImGuiStyle style;
            ImGui::StyleColorsDark(&style);
            style.WindowRounding = 0.0f;
            style.FrameRounding = 3.0f;
            style.ScaleAllSizes(c.dpr);
            ImGui::GetStyle() = style;
            baked_ = c.dpr;
        }
        set_lang(c.lang);
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(c.w * c.dpr, c.h * c.dpr);
        io.DeltaTime = 1.0f;                        // tokens come to rest at once
        io.MousePos = ImVec2(-1, -1);
        app.begin_frame(c.dpr);
        ImGui::NewFrame();
        draw_app(app);
        ImGui::Render();
        app.end_frame();
    }

    // Every label inside its area, no two overlapping; returns the labels by kind.
    std::multimap<std::string, std::string> check_labels(const App& app, const std::string& where) {
        std::multimap<std::string, std::string> by_kind;
        const auto& ls = app.labels();
        constexpr float kTol = 0.51f;               // CSS px (rounding of device px)
        for (std::size_t i = 0; i < ls.size(); ++i) {
            const DrawnLabel& l = ls[i];
            by_kind.emplace(l.what, l.text);
            // INVOKELAB_DUMP_LABELS=1: every label and its area, to read a layout without a browser.
            if (std::getenv("INVOKELAB_DUMP_LABELS")) std::printf("%s %s '%s' [%.1f %.1f %.1f %.1f] in [%.1f %.1f %.1f %.1f]\n", where.c_str(), l.what.c_str(), l.text.c_str(), l.rect.x, l.rect.y, l.rect.z, l.rect.w, l.area.x, l.area.y, l.area.z, l.area.w);
            EXPECT_GE(l.rect.x, l.area.x - kTol) << where << ": " << l.what << " '" << l.text << "' starts left of its area";
            EXPECT_LE(l.rect.z, l.area.z + kTol) << where << ": " << l.what << " '" << l.text << "' runs past its area's right edge ("
                                                 << l.rect.z << " > " << l.area.z << ")";
            EXPECT_GE(l.rect.y, l.area.y - kTol) << where << ": " << l.what << " '" << l.text << "'";
            EXPECT_LE(l.rect.w, l.area.w + kTol) << where << ": " << l.what << " '" << l.text << "'";
            EXPECT_GT(l.rect.z - l.rect.x, 1.0f) << where << ": " << l.what;
            for (std::size_t j = i + 1; j < ls.size(); ++j) {
                const DrawnLabel& o = ls[j];
                const float ox = std::min(l.rect.z, o.rect.z) - std::max(l.rect.x, o.rect.x);
                const float oy = std::min(l.rect.w, o.rect.w) - std::max(l.rect.y, o.rect.y);
                EXPECT_FALSE(ox > kTol && oy > kTol) << where << ": " << l.what << " '" << l.text << "' overlaps " << o.what << " '"
                                                     << o.text << "' by " << ox << " x " << oy << " px";
            }
        }
        return by_kind;
    }
};

const char* const kDlqSetup[] = {
    "aws sqs create-queue --queue-name lambda-DLQ",
    "aws iam attach-role-policy --role-name demo-lambda-role-6gssa7uj --policy-arn arn:aws:iam::aws:policy/AmazonSQSFullAccess",
    ("aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config "
     "TargetArn=arn:aws:sqs:ap-northeast-2:123456789012:lambda-DLQ"),
    "lab fail demo-lambda always",
    "aws lambda invoke --function-name demo-lambda --invocation-type Event out.json",
};

bool has(const std::multimap<std::string, std::string>& m, const std::string& kind, const std::string& text) {
    for (auto [it, end] = m.equal_range(kind); it != end; ++it)
        if (it->second == text) return true;
    return false;
}

TEST_F(NarrowViewsTest, TextStaysInsideItsBoxOnAPhoneAndOnADesktop) {
    const Canvas canvases[] = {{374, 473, 2, Lang::Ko}, {374, 473, 2, Lang::En}, {374, 473, 3, Lang::Ko}, {374, 473, 3, Lang::En},
                               {858, 448, 1, Lang::Ko}, {858, 448, 1, Lang::En},     // 1280x800: the canvas beside the lessons
                               {1248, 448, 1, Lang::Ko}, {1248, 448, 1, Lang::En}};
    for (const Canvas& c : canvases) {
        const std::string where = std::to_string(static_cast<int>(c.w)) + "x" + std::to_string(static_cast<int>(c.h)) + "@" +
                                  std::to_string(static_cast<int>(c.dpr)) + (c.lang == Lang::Ko ? " ko" : " en");
        const bool phone = c.w < 500;
        App app;
        app.set_playing(false, Origin::Page);
        for (const char* line : kDlqSetup) ASSERT_EQ(app.run(line, Origin::Page).exit_code, 0) << line;
        // Mid-retry: attempt 2 failed at 60 105 ms, attempt 3 is due at 180 105: 80 s of 120 left.
        ASSERT_EQ(app.run("lab advance 100s", Origin::Page).exit_code, 0);
        for (int i = 0; i < 4; ++i) frame(app, c);
        auto labels = check_labels(app, where + " mid-retry");
        EXPECT_TRUE(has(labels, "acceptCode", "202")) << where;
        EXPECT_TRUE(has(labels, "countdown", "80s / 120s") || (phone && has(labels, "countdown", "80s"))) << where;
        // The first wait (60 s) is a break; the pending one holds now and is one more.
        EXPECT_TRUE(has(labels, "axisBreak", phone ? "⋯60s⋯" : "⋯ 60.0 s ⋯") || (phone && has(labels, "axisBreak", "60s"))) << where;
        EXPECT_EQ(labels.count("zoomLine"), 1u) << where;
        EXPECT_EQ(labels.count("flowCount"), 3u) << where;   // DLQ, destinations, finished
        EXPECT_EQ(labels.count("flowTitle"), 6u) << where;   // every box keeps a title, shortened if need be
        EXPECT_TRUE(has(labels, "flowCount", "0")) << where;
        // The waiting event's chip: its id and attempt, its age and the time left (shortened on a phone).
        ASSERT_EQ(labels.count("queueChip"), 2u) << where;
        const std::string id = short_id(app.world().lambda.invocations().at(0).request_id);
        if (!phone) {
            EXPECT_TRUE(has(labels, "queueChip", id + " #3")) << where;
            EXPECT_TRUE(has(labels, "queueChip", "1m40s · 1m20s")) << where;
        } else {
            // The second line is the time left, which the ring counts down ("1m40s ·…" before).
            EXPECT_TRUE(has(labels, "queueChip", "1m20s")) << where;
            // The id's tail gives way, the attempt number stays: "eae77… #3".
            bool attempt_shown = false;
            for (auto [it, end] = labels.equal_range("queueChip"); it != end; ++it)
                if (it->second.size() > 3 && it->second.compare(it->second.size() - 3, 3, " #3") == 0 &&
                    id.compare(0, 3, it->second, 0, 3) == 0) attempt_shown = true;
            EXPECT_TRUE(attempt_shown) << where;
        }
        // The function's name whole: on a phone on two lines, broken after the '-'.
        if (phone) {
            EXPECT_TRUE(has(labels, "flowTitle", "demo-")) << where;
            EXPECT_TRUE(has(labels, "flowTitle2", "lambda")) << where;
        } else {
            EXPECT_TRUE(has(labels, "flowTitle", "demo-lambda")) << where;
            EXPECT_EQ(labels.count("flowTitle2"), 0u) << where;
        }
        // The legend on the toolbar line where it fits; on a phone behind a "Legend" checkbox, so
        // it never takes the lanes' rows (wrapped, it left one row of them in view).
        const auto ui = nlohmann::json::parse(app.ui_json());
        if (!phone) {
            EXPECT_EQ(labels.count("legend"), 6u) << where;
            EXPECT_FALSE(ui["controls"].contains("legendToggle")) << where;
            float zoom_y = -1;
            for (const DrawnLabel& l : app.labels()) if (l.what == "zoomLine") zoom_y = l.rect.y;
            for (const DrawnLabel& l : app.labels()) {
                if (l.what == "legend") { EXPECT_FLOAT_EQ(l.rect.y, zoom_y) << where << ": '" << l.text << "' is not on the toolbar line"; }
            }
        } else {
            EXPECT_EQ(labels.count("legend"), 0u) << where;
            EXPECT_TRUE(ui["controls"].contains("legendToggle")) << where;
            app.timeline.legend_open = true;        // opened: every colour keeps its name, under the toolbar
            frame(app, c);
            const auto opened = check_labels(app, where + " legend open");
            EXPECT_EQ(opened.count("legend"), 6u) << where;
            EXPECT_TRUE(has(opened, "legend", c.lang == Lang::Ko ? "DLQ에 도착" : "arrived in the DLQ")) << where;
            app.timeline.legend_open = false;
        }
        if (!phone) {
            EXPECT_TRUE(has(labels, "flowTitle", c.lang == Lang::Ko ? "대상(destination)" : "destinations")) << where;
            EXPECT_TRUE(has(labels, "flowTitle", c.lang == Lang::Ko ? "끝난 요청" : "finished")) << where;
        }

        // The DLQ arrival at 180 107 ms, and a minute of nothing since: three breaks.
        ASSERT_EQ(app.run("lab advance 140s", Origin::Page).exit_code, 0);
        for (int i = 0; i < 4; ++i) frame(app, c);
        labels = check_labels(app, where + " DLQ");
        ASSERT_EQ(app.timeline.drawn_axis.breaks.size(), 3u) << where;
        EXPECT_TRUE(has(labels, "acceptCode", "202")) << where;
        EXPECT_TRUE(has(labels, "dlqMark", "DLQ")) << where;
        EXPECT_TRUE(has(labels, "flowCount", "1")) << where;   // the DLQ box holds the event
        EXPECT_GE(labels.count("axisBreak"), phone ? 2u : 3u) << where;
        if (!phone) {
            EXPECT_TRUE(has(labels, "axisBreak", "⋯ 2 min ⋯")) << where;
            EXPECT_TRUE(has(labels, "axisBreak", "⋯ 59.9 s ⋯")) << where;
        }
    }
}

TEST_F(NarrowViewsTest, TheStoresLastChangeIsOneLineInSight) {
    const Canvas canvases[] = {{374, 473, 2, Lang::Ko}, {374, 473, 2, Lang::En}, {374, 473, 3, Lang::En}, {858, 448, 1, Lang::En}};
    for (const Canvas& c : canvases) {
        const std::string where = std::to_string(static_cast<int>(c.w)) + "@" + std::to_string(static_cast<int>(c.dpr)) +
                                  (c.lang == Lang::Ko ? " ko" : " en");
        App app;
        app.set_playing(false, Origin::Page);
        app.run("aws dynamodb create-table --table-name users --attribute-definitions AttributeName=userId,AttributeType=S "
                "--key-schema AttributeName=userId,KeyType=HASH --billing-mode PAY_PER_REQUEST", Origin::Page);
        app.run("lab advance 36010ms", Origin::Page);
        app.shell().world().call_service("dynamodb", "PutItem",
                                         ojson::parse(R"({"TableName":"users","Item":{"userId":{"S":"u-naive"},"points":{"N":"5"}}})"),
                                         "1184085a-0000-4000-8000-000000000001");
        for (int i = 0; i < 3; ++i) {
            app.select_tab = 6;
            frame(app, c);
        }
        const auto labels = check_labels(app, where + " stores");   // inside its column (or the tab) and in sight
        EXPECT_EQ(labels.count("storesChange"), 1u) << where;
        EXPECT_TRUE(has(labels, "storesChange", "PutItem · 1184085a · +00:00:36.010")) << where;
        EXPECT_EQ(app.stores.highlight_note, "PutItem · 1184085a · +00:00:36.010") << where;
        // One line: beside the request's button at 858 px; on a phone (where the column would
        // wrap it in three lines, the time below the fold) the tab's first line.
        const float lh = ImGui::GetTextLineHeight() / c.dpr;
        for (const DrawnLabel& l : app.labels()) {
            if (l.what != "storesChange") continue;
            EXPECT_NEAR((l.rect.w - l.rect.y) / lh, 1.0f, 0.2f) << where;
            if (c.w < 500) {
                EXPECT_LT(l.rect.y - l.area.y, 3 * lh) << where << ": not the first line under the tab bar";
            } else {
                EXPECT_GT(l.rect.y - l.area.y, 4 * lh) << where << ": in its row";
            }
        }
    }
}

TEST_F(NarrowViewsTest, BreakLabelsShortenThenStepAsideRatherThanTouch) {
    EXPECT_EQ(break_label_compact(59893), "⋯60s⋯");
    EXPECT_EQ(break_label_compact(120000), "⋯2m⋯");
    EXPECT_EQ(break_label_compact(185000), "⋯3m5s⋯");
    EXPECT_EQ(break_label_compact(850), "⋯850ms⋯");
    EXPECT_EQ(break_label_compact(5400000), "⋯1h30m⋯");
    // Each character 10 px wide ("⋯" is one character), labels padded 3 px a side, at most
    // 12 px wider than their band a side, 4 px apart.
    auto width = [](const std::string& t) {
        float n = 0;
        for (unsigned char ch : t) n += (ch & 0xC0) != 0x80;
        return n * 10;
    };
    TimeAxis ax;
    ax.x0 = 0, ax.x1 = 1000, ax.left_ms = 0, ax.ms_per_px = 1;
    // 20-px bands 8 px apart (attempts of 8 ms): "60s" fits its band, "2m" would touch it: left out.
    ax.breaks = {{100, 60100, 20}, {60108, 180108, 20}, {180116, 240000, 20}};
    std::vector<BreakLabel> l = place_break_labels(ax, width, 12, 4, 3);
    ASSERT_EQ(l.size(), 3u);
    EXPECT_EQ(l[0].text, "60s");
    EXPECT_EQ(l[1].text, "");
    EXPECT_EQ(l[2].text, "60s");                    // 59 884 ms
    EXPECT_FLOAT_EQ(l[0].x0, 92);                   // centred on [100, 120]: 36 px wide
    // 40-px bands: "⋯60s⋯" (56 px) and "⋯2m⋯" would overlap, so every label drops its dots.
    ax.breaks = {{100, 60100, 40}, {60108, 180108, 40}, {180116, 240000, 40}};
    l = place_break_labels(ax, width, 12, 4, 3);
    EXPECT_EQ(l[0].text, "60s");
    EXPECT_EQ(l[1].text, "2m");
    EXPECT_EQ(l[2].text, "60s");
    // 60-px bands: the compact form for all, 4 px apart at least.
    ax.breaks = {{100, 60100, 60}, {60108, 180108, 60}, {180116, 240000, 60}};
    l = place_break_labels(ax, width, 12, 4, 3);
    EXPECT_EQ(l[0].text, "⋯60s⋯");
    EXPECT_EQ(l[1].text, "⋯2m⋯");
    EXPECT_EQ(l[2].text, "⋯60s⋯");
    for (std::size_t i = 1; i < l.size(); ++i) EXPECT_GE(l[i].x0, l[i - 1].x1 + 4) << i;
    // Room enough: the full form, centred on its band (106 px on 110).
    ax.breaks = {{100, 60100, 110}, {60300, 180300, 110}};
    l = place_break_labels(ax, width, 12, 4, 3);
    EXPECT_EQ(l[0].text, "⋯ 60.0 s ⋯");
    EXPECT_EQ(l[1].text, "⋯ 2 min ⋯");
    EXPECT_FLOAT_EQ(l[0].x0, 102);
    // A label never leaves the plot: a band at its right edge slides its label inside.
    ax.x1 = 205;
    ax.breaks = {{100, 60100, 110}};
    l = place_break_labels(ax, width, 12, 4, 3);
    EXPECT_EQ(l[0].text, "⋯ 60.0 s ⋯");
    EXPECT_FLOAT_EQ(l[0].x1, 205);
}

} // namespace
