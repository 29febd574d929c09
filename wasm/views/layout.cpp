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
    const float lanes_h = std::floor(rest * (display.y < px(520) ? 0.70f : 0.62f));
    ImGui::SetNextWindowPos(ImVec2(0, bar_h));
    ImGui::SetNextWindowSize(ImVec2(display.x, lanes_h));
    if (ImGui::Begin("##lanes", nullptr, kFixed | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse))
        draw_lanes(app, ImGui::GetContentRegionAvail());
    ImGui::End();

    ImGui::SetNextWindowPos(ImVec2(0, bar_h + lanes_h));
    ImGui::SetNextWindowSize(ImVec2(display.x, rest - lanes_h));
    if (ImGui::Begin("##views", nullptr, kFixed)) {
        if (ImGui::BeginTabBar("##viewTabs")) {
            struct Tab { S title; const char* id; void (*draw)(App&); };
            static const Tab tabs[] = {{S::TabQueue, "tabQueue", draw_queue_view}, {S::TabFunction, "tabFunction", draw_function_view},
                                       {S::TabDlq, "tabDlq", draw_dlq_view}, {S::TabLogs, "tabLogs", draw_logs_view}};
            for (int i = 0; i < 4; ++i) {
                char label[96];
                std::snprintf(label, sizeof label, "%s###%s", tr(tabs[i].title), tabs[i].id);
                const bool open = ImGui::BeginTabItem(label, nullptr, app.select_tab == i ? ImGuiTabItemFlags_SetSelected : 0);
                app.note_control(tabs[i].id);
                if (open) { tabs[i].draw(app); ImGui::EndTabItem(); }
            }
            app.select_tab = -1;
            ImGui::EndTabBar();
        }
    }
    ImGui::End();
}

} // namespace invokelab::ui
