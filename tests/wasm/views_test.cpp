// The canvas views driven headless: an ImGui context with the built-in font, frames run by
// hand, mouse clicks placed on the rects the app publishes for the page's tests.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include "app/app.h"
#include "app/fonts.h"

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
    for (int tab = 0; tab < 4; ++tab) {
        app.select_tab = tab;
        frame(app);
        frame(app);
    }
    EXPECT_EQ(app.timeline.sync_rows.size(), 1u);
    EXPECT_EQ(app.timeline.async_rows.size(), 1u);
    EXPECT_GT(ImGui::GetDrawData()->TotalVtxCount, 0);
}

} // namespace
