// Metrics: small charts of what CloudWatch would show per function, over virtual time.
// Each series is read from the invocation records (when each attempt started and how it
// ended, when each event was accepted, dropped or failed to reach its DLQ); the total next to
// each chart is the core's own counter where it has one (FunctionConfig's async counters), and
// the bars add up to it. The definitions are lambda-semantics.md's (DG-METRICS):
//   Invocations        attempts started (retries count, as AWS counts them)
//   Errors             attempts that ended in an error or a timeout
//   AsyncEventsReceived events queued (202)
//   AsyncEventsDropped events dropped without a successful run; a DLQ / OnFailure delivery
//                      happens before the drop, so a delivered event counts too
//   DeadLetterErrors   DLQ deliveries that failed (the event is deleted)
//   AsyncEventAge      the largest age (ms) of an event when an attempt of it started
#include <algorithm>
#include <cfloat>
#include <cstdio>
#include "util/timefmt.h"
#include "views/views.h"

namespace invokelab::ui {

MetricsDrawn metrics_of(const World& w) {
    constexpr int kBuckets = MetricsDrawn::kBuckets;
    const TimeMs now = w.now();
    const auto& invs = w.lambda.invocations();
    MetricsDrawn out;
    // The window: the whole history so far, at least one minute.
    out.bucket_ms = std::max<double>(60000.0, static_cast<double>(now)) / kBuckets;
    auto bucket = [&](TimeMs t) {
        return static_cast<std::size_t>(std::clamp(static_cast<int>(static_cast<double>(t) / out.bucket_ms), 0, kBuckets - 1));
    };
    for (const auto& [name, f] : w.lambda.functions()) {
        MetricsDrawn::Function fn;
        fn.name = name;
        for (const char* metric : {"Invocations", "Errors", "AsyncEventsReceived", "AsyncEventsDropped", "DeadLetterErrors", "AsyncEventAge"})
            fn.series.push_back({metric, std::vector<float>(kBuckets, 0.0f), 0, false});
        auto& s = fn.series;
        s[5].max_not_sum = true;
        for (const InvocationRecord& r : invs) {
            if (r.function != name) continue;
            const bool async = r.invocation_type == InvocationType::Event;
            if (async && r.status_code == 202) s[2].v[bucket(r.accepted_at)] += 1;
            for (const AttemptRecord& a : r.attempts) {
                s[0].v[bucket(a.start)] += 1;
                if (a.end >= 0 && (a.outcome == AttemptOutcome::Error || a.outcome == AttemptOutcome::Timeout)) s[1].v[bucket(a.end)] += 1;
                if (async) {
                    float& m = s[5].v[bucket(a.start)];
                    m = std::max(m, static_cast<float>(a.start - r.accepted_at));
                }
            }
            if (async && r.state == InvocationState::Failed && r.finished_at) s[3].v[bucket(*r.finished_at)] += 1;
            if (r.dlq_failed && r.finished_at) s[4].v[bucket(*r.finished_at)] += 1;
        }
        for (auto& x : s)
            for (float v : x.v) x.total = x.max_not_sum ? std::max<double>(x.total, v) : x.total + v;
        // The core's own counters, where it keeps one.
        s[2].total = static_cast<double>(f.async_events_received);
        s[3].total = static_cast<double>(f.async_events_dropped);
        s[4].total = static_cast<double>(f.dead_letter_errors);
        out.functions.push_back(std::move(fn));
    }
    return out;
}

void draw_metrics_view(App& app) {
    app.metrics = metrics_of(app.world());
    const MetricsDrawn& m = app.metrics;
    ImGui::TextDisabled("%s", tr(S::MetricsHint));
    ImGui::Text("0 — %s · %s %s", clock_text(app.world().now()).c_str(), format_duration(static_cast<TimeMs>(m.bucket_ms)).c_str(),
                tr(S::MetricsPerBar));
    for (const MetricsDrawn::Function& fn : m.functions) {
        ImGui::Spacing();
        ImGui::TextUnformatted(fn.name.c_str());
        ImGui::PushID(fn.name.c_str());
        if (ImGui::BeginTable("##metrics", 3, ImGuiTableFlags_SizingStretchSame)) {
            for (std::size_t i = 0; i < fn.series.size(); ++i) {
                const MetricsDrawn::Series& x = fn.series[i];
                ImGui::TableNextColumn();
                char overlay[64];
                std::snprintf(overlay, sizeof overlay, "%s %.0f", x.max_not_sum ? "max" : "Σ", x.total);
                if (x.max_not_sum) ImGui::Text("%s (ms)", x.name.c_str());
                else ImGui::TextUnformatted(x.name.c_str());
                ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImGui::ColorConvertU32ToFloat4(
                    i == 1 || i == 3 || i == 4 ? colors::kError : i == 5 ? colors::kNow : colors::kRunning));
                ImGui::PushID(static_cast<int>(i));
                ImGui::PlotHistogram("##chart", x.v.data(), static_cast<int>(x.v.size()), 0, overlay, 0.0f, FLT_MAX,
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
