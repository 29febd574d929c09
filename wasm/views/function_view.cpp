// The function: its configuration and its execution environments (busy/idle, cold/warm,
// invocations served). An environment is "cold" while it runs its first invocation.
#include <cstdio>
#include "util/timefmt.h"
#include "views/views.h"

namespace invokelab::ui {

void draw_function_view(App& app) {
    const World& w = app.world();
    const auto& invs = w.lambda.invocations();

    ImGui::TextUnformatted(tr(S::FunctionConfig));
    if (ImGui::BeginTable("##functions", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(tr(S::TabFunction));
        ImGui::TableSetupColumn(tr(S::Runtime));
        ImGui::TableSetupColumn(tr(S::Memory));
        ImGui::TableSetupColumn(tr(S::TimeoutCfg));
        ImGui::TableSetupColumn(tr(S::InvocationsTotal));
        ImGui::TableHeadersRow();
        for (const auto& [name, f] : w.lambda.functions()) {
            std::size_t count = 0;
            for (const auto& r : invs) count += r.function == name;
            ImGui::TableNextRow();
            ImGui::TableNextColumn(); ImGui::TextUnformatted(name.c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(f.runtime.c_str());
            ImGui::TableNextColumn(); ImGui::Text("%d MB", f.memory_mb);
            ImGui::TableNextColumn(); ImGui::Text("%d s", f.timeout_s);
            ImGui::TableNextColumn(); ImGui::Text("%zu", count);
        }
        ImGui::EndTable();
    }

    ImGui::Spacing();
    const auto& envs = w.lambda.environments();
    ImGui::Text("%s · %zu", tr(S::FunctionEnvs), envs.size());
    if (envs.empty()) {
        ImGui::TextDisabled("%s", tr(S::NoEnvs));
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##environments", 6, flags, ImGui::GetContentRegionAvail())) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr(S::EnvId));
    ImGui::TableSetupColumn(tr(S::State));
    ImGui::TableSetupColumn(tr(S::EnvCold));
    ImGui::TableSetupColumn(tr(S::EnvServed));
    ImGui::TableSetupColumn(tr(S::EnvCurrent));
    ImGui::TableSetupColumn(tr(S::EnvCreated));
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(envs.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const ExecutionEnvironment& e = envs[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const std::string_view id = e.id().substr(0, 12);
            ImGui::TextUnformatted(id.data(), id.data() + id.size());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n%s", e.function.c_str(), e.log_stream.c_str());
            ImGui::TableNextColumn();
            const ImVec4 busy(0.22f, 0.52f, 0.96f, 1.0f), idle(0.6f, 0.6f, 0.65f, 1.0f);
            ImGui::TextColored(e.busy ? busy : idle, "%s %s", e.busy ? "●" : "○", e.busy ? tr(S::EnvBusy) : tr(S::EnvIdle));
            ImGui::TableNextColumn();
            const bool cold = e.busy && e.invocations_served == 0;
            ImGui::TextUnformatted(cold ? tr(S::EnvCold) : tr(S::EnvWarm));
            ImGui::TableNextColumn();
            ImGui::Text("%d", e.invocations_served);
            ImGui::TableNextColumn();
            if (!e.current_request_id.empty()) {
                const bool selected = e.current_request_id == app.selected_request;
                if (ImGui::Selectable(short_id(e.current_request_id).c_str(), selected))
                    app.selected_request = selected ? std::string() : std::string(e.current_request_id);
            } else {
                ImGui::TextDisabled("—");
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(clock_text(e.created_at).c_str());
        }
    }
    ImGui::EndTable();
}

} // namespace invokelab::ui
