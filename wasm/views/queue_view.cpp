// The internal event queue: async events waiting for the poller, either fresh (queued) or
// between attempts (waiting to retry). Ages count up from acceptance while time runs, which
// is the number MaximumEventAgeInSeconds is compared with.
#include <cstdio>
#include "util/timefmt.h"
#include "views/views.h"

namespace invokelab::ui {

void draw_queue_view(App& app) {
    const World& w = app.world();
    const TimeMs now = w.now();
    const auto& invs = w.lambda.invocations();

    // Waiting events in acceptance order: only the async rows (the lane index) are scanned.
    static std::vector<std::uint32_t> waiting;      // reused to avoid a per-frame allocation
    waiting.clear();
    for (std::uint32_t i : app.timeline.async_rows) {
        if (i >= invs.size()) break;
        const InvocationState st = invs[i].state;
        if (st == InvocationState::Queued || st == InvocationState::WaitingRetry) waiting.push_back(i);
    }

    ImGui::TextDisabled("%s", tr(S::QueueHint));
    ImGui::Text("%s: %zu   ·   %s: %zu", tr(S::QueueWaiting), waiting.size(), tr(S::QueueScheduled), w.scheduler.pending());
    if (auto label = w.scheduler.next_event_label()) {
        ImGui::SameLine(0, px(16));
        ImGui::TextDisabled("%s: %s @ %s", tr(S::NextEvent), label->c_str(), clock_text(*w.scheduler.next_event_time()).c_str());
    }
    if (w.trace.first_kept() > 0)                   // a long run: the trace summarised its oldest entries
        ImGui::TextDisabled("%s %zu · %zu %s", tr(S::TraceKeeps), w.trace.keep(), w.trace.first_kept(), tr(S::TraceSummarised));
    if (waiting.empty()) {
        ImGui::TextDisabled("%s", tr(S::QueueEmpty));
        return;
    }

    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##eventQueue", 6, flags, ImGui::GetContentRegionAvail())) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr(S::Request));
    ImGui::TableSetupColumn(tr(S::State));
    ImGui::TableSetupColumn(tr(S::Attempt));
    ImGui::TableSetupColumn(tr(S::QueueAge));
    ImGui::TableSetupColumn(tr(S::QueueDue));
    ImGui::TableSetupColumn(tr(S::RetryIn));
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(waiting.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const InvocationRecord& r = invs[waiting[static_cast<std::size_t>(row)]];
            const bool retry = r.state == InvocationState::WaitingRetry;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const bool selected = r.request_id == app.selected_request;
            if (ImGui::Selectable(short_id(r.request_id).c_str(), selected, ImGuiSelectableFlags_SpanAllColumns))
                app.selected_request = selected ? std::string() : r.request_id;
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r.request_id.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(retry ? tr(S::WaitingRetry) : tr(S::Queued));
            ImGui::TableNextColumn();
            ImGui::Text("%zu", r.attempts.size() + 1);
            ImGui::TableNextColumn();
            ImGui::TextColored(ImVec4(1.0f, 0.84f, 0.35f, 1.0f), "%s", format_duration(now - r.accepted_at).c_str());
            ImGui::TableNextColumn();
            if (r.next_attempt_at) ImGui::TextUnformatted(clock_text(*r.next_attempt_at).c_str());
            else ImGui::TextDisabled("—");
            ImGui::TableNextColumn();
            if (r.next_attempt_at) ImGui::Text("%s", format_duration(std::max<TimeMs>(0, *r.next_attempt_at - now)).c_str());
            else ImGui::TextDisabled("—");
        }
    }
    ImGui::EndTable();
}

} // namespace invokelab::ui
