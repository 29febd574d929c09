// The canvas layout: a fixed time bar on top, the lanes under it, the tabbed views below.
// Windows are placed every frame (no moving, no docking): the controls never move.
#include <algorithm>
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
    const float lanes_h = std::floor(rest * 0.58f);
    ImGui::SetNextWindowPos(ImVec2(0, bar_h));
    ImGui::SetNextWindowSize(ImVec2(display.x, lanes_h));
    if (ImGui::Begin("##lanes", nullptr, kFixed | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse))
        draw_lanes(app, ImGui::GetContentRegionAvail());
    ImGui::End();

    ImGui::SetNextWindowPos(ImVec2(0, bar_h + lanes_h));
    ImGui::SetNextWindowSize(ImVec2(display.x, rest - lanes_h));
    if (ImGui::Begin("##views", nullptr, kFixed)) {
        if (ImGui::BeginTabBar("##viewTabs")) {
            char label[96];
            std::snprintf(label, sizeof label, "%s###tabQueue", tr(S::TabQueue));
            if (ImGui::BeginTabItem(label)) { draw_queue_view(app); ImGui::EndTabItem(); }
            std::snprintf(label, sizeof label, "%s###tabFunction", tr(S::TabFunction));
            if (ImGui::BeginTabItem(label)) { draw_function_view(app); ImGui::EndTabItem(); }
            std::snprintf(label, sizeof label, "%s###tabDlq", tr(S::TabDlq));
            if (ImGui::BeginTabItem(label)) { draw_dlq_view(app); ImGui::EndTabItem(); }
            std::snprintf(label, sizeof label, "%s###tabLogs", tr(S::TabLogs));
            if (ImGui::BeginTabItem(label)) { draw_logs_view(app); ImGui::EndTabItem(); }
            ImGui::EndTabBar();
        }
    }
    ImGui::End();
}

} // namespace invokelab::ui
