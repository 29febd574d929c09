// Metrics: small charts of what CloudWatch would show per function, over virtual time.
// Each series is read from the invocation records (when each attempt started and how it
// ended, when each event was accepted, dropped or failed to reach its DLQ); the total next to
// each chart is the core's own counter where it has one (FunctionConfig's async counters).
//   Invocations        attempts started (retries count, as AWS counts them)
//   Errors             attempts that ended in an error or a timeout
//   AsyncEventsReceived / AsyncEventsDropped / DeadLetterErrors
//   AsyncEventAge      the largest age (ms) of an event when an attempt of it started
#include <algorithm>
#include <array>
#include <cfloat>
#include <cstdio>
#include "util/timefmt.h"
#include "views/views.h"

namespace invokelab::ui {
namespace {

constexpr int kBuckets = 48;

struct Series {
    const char* name;
    std::array<float, kBuckets> v{};
    double total = 0;
    bool max_not_sum = false;
};

} // namespace

void draw_metrics_view(App& app) {
    const World& w = app.world();
    const TimeMs now = w.now();
    const auto& invs = w.lambda.invocations();
    // The window: the whole history so far, at least one minute.
    const double span = std::max<double>(60000.0, static_cast<double>(now));
    const double bucket_ms = span / kBuckets;
    auto bucket = [&](TimeMs t) { return std::clamp(static_cast<int>(static_cast<double>(t) / bucket_ms), 0, kBuckets - 1); };

    ImGui::TextDisabled("%s", tr(S::MetricsHint));
    ImGui::Text("0 — %s · %s %s", clock_text(now).c_str(), format_duration(static_cast<TimeMs>(bucket_ms)).c_str(), tr(S::MetricsPerBar));
    for (const auto& [name, f] : w.lambda.functions()) {
        Series s[] = {{"Invocations"}, {"Errors"}, {"AsyncEventsReceived"}, {"AsyncEventsDropped"}, {"DeadLetterErrors"}, {"AsyncEventAge (ms)"}};
        s[5].max_not_sum = true;
        for (const InvocationRecord& r : invs) {
            if (r.function != name) continue;
            const bool async = r.invocation_type == InvocationType::Event;
            if (async && r.status_code == 202) s[2].v[static_cast<std::size_t>(bucket(r.accepted_at))] += 1;
            for (const AttemptRecord& a : r.attempts) {
                s[0].v[static_cast<std::size_t>(bucket(a.start))] += 1;
                if (a.end >= 0 && (a.outcome == AttemptOutcome::Error || a.outcome == AttemptOutcome::Timeout))
                    s[1].v[static_cast<std::size_t>(bucket(a.end))] += 1;
                if (async) {
                    float& m = s[5].v[static_cast<std::size_t>(bucket(a.start))];
                    m = std::max(m, static_cast<float>(a.start - r.accepted_at));
                }
            }
            const bool delivered = (r.dlq_at && !r.dlq_failed) || (r.destination_at && !r.destination_failed);
            if (async && r.state == InvocationState::Failed && !delivered && r.finished_at)
                s[3].v[static_cast<std::size_t>(bucket(*r.finished_at))] += 1;
            if (r.dlq_failed && r.dlq_at) s[4].v[static_cast<std::size_t>(bucket(*r.dlq_at))] += 1;
        }
        for (Series& x : s) {
            for (float v : x.v) x.total = x.max_not_sum ? std::max<double>(x.total, v) : x.total + v;
        }
        // The core's own counters, where it keeps one.
        s[2].total = f.async_events_received;
        s[3].total = f.async_events_dropped;
        s[4].total = f.dead_letter_errors;

        ImGui::Spacing();
        ImGui::TextUnformatted(name.c_str());
        ImGui::PushID(name.c_str());
        if (ImGui::BeginTable("##metrics", 3, ImGuiTableFlags_SizingStretchSame)) {
            for (int i = 0; i < 6; ++i) {
                ImGui::TableNextColumn();
                char overlay[64];
                std::snprintf(overlay, sizeof overlay, "%s %.0f", s[i].max_not_sum ? "max" : "Σ", s[i].total);
                ImGui::TextUnformatted(s[i].name);
                ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImGui::ColorConvertU32ToFloat4(
                    i == 1 || i == 3 || i == 4 ? colors::kError : i == 5 ? colors::kNow : colors::kRunning));
                ImGui::PushID(i);
                ImGui::PlotHistogram("##chart", s[i].v.data(), kBuckets, 0, overlay, 0.0f, FLT_MAX,
                                     ImVec2(ImGui::GetContentRegionAvail().x, px(44)));
                ImGui::PopID();
                ImGui::PopStyleColor();
            }
            ImGui::EndTable();
        }
        ImGui::PopID();
    }
}

} // namespace invokelab::ui
