// The logs: CloudWatch log streams of a group (one per execution environment) and their
// lines merged in time order. A request id typed in the filter (or picked anywhere in the
// canvas) keeps matching lines only; the picked request is highlighted in every retry,
// whichever environment ran it.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string_view>
#include "util/timefmt.h"
#include "views/views.h"

namespace invokelab::ui {
namespace {

const LogGroup* pick_group(const World& w, const std::string& wanted) {
    const auto& groups = w.logs.groups();
    if (groups.empty()) return nullptr;
    if (auto it = groups.find(wanted); it != groups.end()) return &it->second;
    return &groups.begin()->second;
}

void refresh_lines(LogsViewState& v, const World& w, const LogGroup& g) {
    const std::string key = g.name + '\n' + v.stream + '\n' + v.filter;
    if (v.cached_world == &w && v.cached_trace_size == w.trace.size() && v.cached_key == key) return;
    v.lines.clear();
    std::string scratch;
    for (const auto& [name, stream] : g.streams) {
        if (!v.stream.empty() && name != v.stream) continue;
        for (const LogEvent& e : stream.events) {
            if (v.filter[0] && e.text(scratch).find(v.filter) == std::string_view::npos) continue;
            v.lines.push_back({&stream, &e});
        }
    }
    std::stable_sort(v.lines.begin(), v.lines.end(), [](const FoundEvent& a, const FoundEvent& b) {
        return a.event->timestamp != b.event->timestamp ? a.event->timestamp < b.event->timestamp : a.event->sequence < b.event->sequence;
    });
    v.cached_world = &w;
    v.cached_trace_size = w.trace.size();
    v.cached_key = key;
}

// "RequestId: <36 chars>" in START/END/REPORT lines, or a tab-separated id in handler lines.
std::string request_id_in(std::string_view message) {
    const auto at = message.find("RequestId: ");
    if (at != std::string_view::npos && at + 11 + 36 <= message.size()) return std::string(message.substr(at + 11, 36));
    const auto tab = message.find('\t');
    if (tab != std::string_view::npos && tab + 1 + 36 <= message.size() && message[tab + 1 + 8] == '-') return std::string(message.substr(tab + 1, 36));
    return {};
}

} // namespace

void draw_logs_view(App& app) {
    const World& w = app.world();
    LogsViewState& v = app.logs;
    const LogGroup* g = pick_group(w, v.group);
    if (!g) {
        ImGui::TextDisabled("%s", tr(S::LogsNoGroups));
        return;
    }

    // One row where it fits: the group, stream and filter fields shrink together (230:300:300 at
    // most) down to a 600-px canvas. Narrower (a 390-px phone), the two combos share the first
    // line and the filter and Clear the second, so every control stays on the canvas (which never
    // scrolls sideways). The stream count is in the stream combo's label; the hint follows Clear
    // where it fits and is the filter's tooltip where it does not.
    const ImGuiStyle& st = ImGui::GetStyle();
    char clear_label[64];
    std::snprintf(clear_label, sizeof clear_label, "%s###logClear", tr(S::LogsClear));
    const float clear_w = ImGui::CalcTextSize(tr(S::LogsClear)).x + st.FramePadding.x * 2;
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool narrow = avail < px(600);
    float group_w, stream_w, filter_w;
    if (narrow) {
        group_w = std::max(px(60), (avail - st.ItemSpacing.x) * 0.5f);
        stream_w = std::max(px(60), avail - st.ItemSpacing.x - group_w);
        filter_w = std::max(px(60), avail - st.ItemSpacing.x - clear_w);
    } else {
        const float share = std::min(1.0f, (avail - clear_w - st.ItemSpacing.x * 3) / px(830));
        group_w = px(230) * share;
        stream_w = px(300) * share;
        filter_w = px(300) * share;
    }
    const float hint_w = ImGui::CalcTextSize(tr(S::LogsHint)).x;
    const bool hint_fits = !narrow && group_w + stream_w + filter_w + clear_w + st.ItemSpacing.x * 3 + px(12) + hint_w <= avail;

    ImGui::SetNextItemWidth(group_w);
    if (ImGui::BeginCombo("##logGroup", g->name.c_str())) {
        for (const auto& [name, group] : w.logs.groups())
            if (ImGui::Selectable(name.c_str(), &group == g)) { v.group = name; v.stream.clear(); }
        ImGui::EndCombo();
    }
    app.note_control("logGroup");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(stream_w);
    std::string stream_label = v.stream.empty() ? std::string(tr(S::LogsAllStreams)) : v.stream;
    if (v.stream.empty()) stream_label += " (" + std::to_string(g->streams.size()) + ")";
    if (ImGui::BeginCombo("##logStream", stream_label.c_str())) {
        if (ImGui::Selectable(tr(S::LogsAllStreams), v.stream.empty())) v.stream.clear();
        for (const auto& [name, stream] : g->streams) {
            char item[320];
            std::snprintf(item, sizeof item, "%s  (%zu)", name.c_str(), stream.events.size());
            if (ImGui::Selectable(item, name == v.stream)) v.stream = name;
        }
        ImGui::EndCombo();
    }
    app.note_control("logStream");
    if (!narrow) ImGui::SameLine();
    ImGui::SetNextItemWidth(filter_w);
    ImGui::InputTextWithHint("##logFilter", tr(S::LogsFilter), v.filter, sizeof v.filter);
    app.note_text_input("logFilter");
    if (!hint_fits && ImGui::IsItemHovered() && !ImGui::IsItemActive()) ImGui::SetTooltip("%s", tr(S::LogsHint));
    ImGui::SameLine();
    if (ImGui::Button(clear_label)) { v.filter[0] = '\0'; app.selected_request.clear(); }
    app.note_control("logClear");
    if (hint_fits) {
        ImGui::SameLine(0, px(12));
        ImGui::TextDisabled("%s", tr(S::LogsHint));
    }
    if (w.logs.summarised_events() > 0)             // a long run: streams let their oldest lines go
        ImGui::TextDisabled("%s %zu · %llu %s", tr(S::LogsKeeps), LogsService::kStreamKeep,
                            static_cast<unsigned long long>(w.logs.summarised_events()), tr(S::LogsSummarised));

    refresh_lines(v, w, *g);
    const std::string& picked = app.selected_request;
    if (!ImGui::BeginChild("##logLines", ImGui::GetContentRegionAvail(), true, ImGuiWindowFlags_HorizontalScrollbar)) {
        ImGui::EndChild();
        app.note_control("logLines");
        return;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 pane_a = ImGui::GetWindowPos(), pane_b(pane_a.x + ImGui::GetWindowWidth(), pane_a.y + ImGui::GetWindowHeight());
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(v.lines.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const FoundEvent& f = v.lines[static_cast<std::size_t>(i)];
            std::string message = f.event->message();
            const std::string id = request_id_in(message);
            while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
            for (char& c : message) if (c == '\n' || c == '\t') c = ' ';
            const bool mine = !picked.empty() && message.find(picked) != std::string::npos;
            const ImVec2 p = ImGui::GetCursorScreenPos();
            if (mine) dl->AddRectFilled(p, ImVec2(p.x + ImGui::GetContentRegionAvail().x + ImGui::GetScrollMaxX() + px(2000), p.y + ImGui::GetTextLineHeightWithSpacing()), colors::kHighlight);
            ImGui::TextDisabled("%s", clock_text(f.event->timestamp).c_str());
            ImGui::SameLine();
            const auto bracket = f.stream->name().rfind(']');
            ImGui::TextDisabled("%s", f.stream->name().substr(bracket == std::string::npos ? 0 : bracket + 1, 8).c_str());
            ImGui::SameLine();
            ImVec4 col = ImGui::GetStyleColorVec4(ImGuiCol_Text);
            // A timeout has no line of its own: the REPORT line ends with "Status: timeout".
            if (message.find("[ERROR]") != std::string::npos || message.find("Status: timeout") != std::string::npos) col = ImVec4(1.0f, 0.45f, 0.4f, 1.0f);
            else if (message.rfind("START", 0) == 0 || message.rfind("END", 0) == 0 || message.rfind("REPORT", 0) == 0 || message.rfind("INIT_START", 0) == 0)
                col = ImVec4(0.62f, 0.66f, 0.75f, 1.0f);
            ImGui::PushID(i);
            ImGui::PushStyleColor(ImGuiCol_Text, col);
            if (ImGui::Selectable(message.c_str(), false, ImGuiSelectableFlags_AllowItemOverlap)) {
                if (!id.empty()) app.selected_request = id == picked ? std::string() : id;
            }
            ImGui::PopStyleColor();
            ImGui::PopID();
            // What the learner sees of the line, for the page's tests (state().ui.labels).
            app.note_label("logLine", message.substr(0, 160), p, ImGui::GetItemRectMax(), pane_a, pane_b);
        }
    }
    ImGui::EndChild();
    app.note_control("logLines");                   // the pane (its height: how many lines show)
}

} // namespace invokelab::ui
