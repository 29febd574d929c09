// The canvas layout: a fixed time bar on top, the lanes under it, the tabbed views below.
// Windows are placed every frame (no moving, no docking): the controls never move.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include "views/views.h"

namespace invokelab::ui {
namespace {

constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                    ImGuiWindowFlags_NoBringToFrontOnFocus;

} // namespace

void draw_app(App& app) {
    set_frame_scale(app.dpr());
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const ImGuiStyle& style = ImGui::GetStyle();

    // Two lines of controls; the height depends only on the font, never on the state.
    const float bar_h = ImGui::GetFrameHeightWithSpacing() + ImGui::GetTextLineHeightWithSpacing() + style.WindowPadding.y * 2;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(display.x, bar_h));
    if (ImGui::Begin("##timeBar", nullptr, kFixed | ImGuiWindowFlags_NoScrollbar)) draw_time_bar(app);
    ImGui::End();

    const float rest = std::max(0.0f, display.y - bar_h);
    // The lanes are the point; on a short canvas (an embed) they get more of it.
    // The flow view (the default tab) needs room for its boxes, the stores and the logs their
    // rows: with one of them open the lanes get less (the logs' pane under its two rows of
    // controls showed 1-2 lines when the lanes kept 62 %).
    const float lanes_share = app.tall_tab_last_frame ? (display.y < px(520) ? 0.45f : 0.40f) : (display.y < px(520) ? 0.70f : 0.62f);
    const float lanes_h = std::floor(rest * lanes_share);
    ImGui::SetNextWindowPos(ImVec2(0, bar_h));
    ImGui::SetNextWindowSize(ImVec2(display.x, lanes_h));
    if (ImGui::Begin("##lanes", nullptr, kFixed | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse))
        draw_lanes(app, ImGui::GetContentRegionAvail());
    ImGui::End();

    ImGui::SetNextWindowPos(ImVec2(0, bar_h + lanes_h));
    ImGui::SetNextWindowSize(ImVec2(display.x, rest - lanes_h));
    if (ImGui::Begin("##views", nullptr, kFixed)) {
        if (ImGui::BeginTabBar("##viewTabs")) {
            // Drawn flow first (the default tab); select_tab keeps its numbers (4 = flow).
            struct Tab { S title; const char* id; void (*draw)(App&); int number; };
            static const Tab tabs[] = {{S::TabFlow, "tabFlow", draw_flow_view, 4}, {S::TabQueue, "tabQueue", draw_queue_view, 0},
                                       {S::TabFunction, "tabFunction", draw_function_view, 1}, {S::TabDlq, "tabDlq", draw_dlq_view, 2},
                                       {S::TabLogs, "tabLogs", draw_logs_view, 3}, {S::TabMetrics, "tabMetrics", draw_metrics_view, 5},
                                       {S::TabStores, "tabStores", draw_stores_view, 6}};
            bool flow_open = false, tall_open = false;
            for (const Tab& tab : tabs) {
                char label[96];
                std::snprintf(label, sizeof label, "%s###%s", tr(tab.title), tab.id);
                const bool open = ImGui::BeginTabItem(label, nullptr, app.select_tab == tab.number ? ImGuiTabItemFlags_SetSelected : 0);
                app.note_control(tab.id);
                if (open) { tab.draw(app); ImGui::EndTabItem(); flow_open = tab.number == 4; tall_open = flow_open || tab.number == 6 || tab.number == 3; }
            }
            app.flow.shown_last_frame = flow_open;
            app.tall_tab_last_frame = tall_open;
            app.select_tab = -1;
            ImGui::EndTabBar();
        }
    }
    ImGui::End();
}

} // namespace invokelab::ui
