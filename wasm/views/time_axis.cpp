// The lanes' time axis with compressed breaks, and the story fit (views/time_axis.h).
#include "views/time_axis.h"
#include <algorithm>
#include <cmath>
#include <cstdio>

namespace invokelab::ui {

float TimeAxis::x(double t) const {
    // Linear from left_ms, then each break before t trades its linear width for its drawn one.
    double px_from_x0 = (t - left_ms) / ms_per_px;
    for (const AxisBreak& b : breaks) {
        if (t <= b.t0) break;
        const double len = b.t1 - b.t0;
        const double inside = std::min(t, b.t1) - b.t0;
        px_from_x0 += inside * (static_cast<double>(b.width) / len) - inside / ms_per_px;
    }
    return x0 + static_cast<float>(px_from_x0);
}

double TimeAxis::t(float x) const {
    double t0 = left_ms;                            // start of the current linear run
    double xs = x0;                                 // its x
    for (const AxisBreak& b : breaks) {
        const double xb0 = xs + (b.t0 - t0) / ms_per_px;
        if (x <= xb0) break;
        const double xb1 = xb0 + b.width;
        if (x < xb1) return b.t0 + (x - xb0) * (b.t1 - b.t0) / b.width;
        t0 = b.t1;
        xs = xb1;
    }
    return t0 + (x - xs) * ms_per_px;
}

bool TimeAxis::in_break(double t) const {
    for (const AxisBreak& b : breaks)
        if (t > b.t0 && t < b.t1) return true;
    return false;
}

StoryMoments story_moments(const InvocationRecord& r, TimeMs now) {
    StoryMoments s;
    std::vector<double>& m = s.t;
    m.push_back(static_cast<double>(r.accepted_at));
    for (const AttemptRecord& a : r.attempts) {
        const double end = static_cast<double>(a.end >= 0 ? a.end : now);
        m.push_back(static_cast<double>(a.start));
        m.push_back(end);
        s.busy.emplace_back(static_cast<double>(a.start), end);
    }
    if (r.next_attempt_at) m.push_back(static_cast<double>(*r.next_attempt_at));
    if (r.dlq_at) m.push_back(static_cast<double>(*r.dlq_at));
    if (r.destination_at) m.push_back(static_cast<double>(*r.destination_at));
    if (r.finished_at) m.push_back(static_cast<double>(*r.finished_at));
    std::sort(m.begin(), m.end());
    m.erase(std::unique(m.begin(), m.end()), m.end());
    if (static_cast<double>(now) > m.back()) m.push_back(static_cast<double>(now));
    return s;
}

StoryFit fit_story(const StoryMoments& story, float x0, float x1, float max_break_px) {
    const std::vector<double>& moments = story.t;
    auto busy = [&](std::size_t i) {
        for (const auto& [b0, b1] : story.busy)
            if (b0 <= moments[i] && moments[i + 1] <= b1) return true;
        return false;
    };
    StoryFit fit;
    fit.axis.x0 = x0;
    fit.axis.x1 = x1;
    const double plot_w = std::max(1.0f, x1 - x0);
    const double room = plot_w * static_cast<double>(kStoryRightFraction - kStoryLeftFraction);   // 88 %
    const double first = moments.empty() ? 0.0 : moments.front();
    const double span = moments.empty() ? 0.0 : moments.back() - first;
    fit.linear_ms_per_px = std::max(kStoryDefaultMsPerPx, std::max(kStoryMinSpanMs, span) / room);

    // Candidate stretches; drop those that compressing would not shorten enough, then refit.
    std::vector<std::size_t> gaps;
    for (std::size_t i = 0; i + 1 < moments.size(); ++i)
        if (moments[i + 1] - moments[i] >= kBreakMinMs && !busy(i)) gaps.push_back(i);
    double scale = fit.linear_ms_per_px;
    float width = max_break_px;
    for (int round = 0; round < 8 && !gaps.empty(); ++round) {
        const double n = static_cast<double>(gaps.size());
        width = static_cast<float>(std::min<double>(max_break_px, room * 0.45 / n));
        double hidden = 0;
        for (std::size_t i : gaps) hidden += moments[i + 1] - moments[i];
        scale = std::max(kStoryMinMsPerPx, (span - hidden) / (room - n * width));
        const std::size_t before = gaps.size();
        gaps.erase(std::remove_if(gaps.begin(), gaps.end(),
                                  [&](std::size_t i) { return (moments[i + 1] - moments[i]) / scale < kBreakMinGain * width; }),
                   gaps.end());
        if (gaps.size() == before) break;
    }
    if (gaps.empty()) {
        fit.axis.ms_per_px = fit.linear_ms_per_px;
    } else {
        fit.axis.ms_per_px = scale;
        for (std::size_t i : gaps) fit.axis.breaks.push_back({moments[i], moments[i + 1], width});
    }
    fit.axis.left_ms = first - plot_w * static_cast<double>(kStoryLeftFraction) * fit.axis.ms_per_px;
    return fit;
}

std::string break_label(double hidden_ms, bool full) {
    char d[48];
    const double ms = std::max(0.0, hidden_ms);
    if (ms < 1000) std::snprintf(d, sizeof d, "%.0f ms", ms);
    else if (ms < 100000) std::snprintf(d, sizeof d, "%.1f s", ms / 1000.0);
    else if (ms < 3600000) {
        const long long s = std::llround(ms / 1000.0);
        if (s % 60 == 0) std::snprintf(d, sizeof d, "%lld min", s / 60);
        else std::snprintf(d, sizeof d, "%lld min %lld s", s / 60, s % 60);
    } else {
        const long long m = std::llround(ms / 60000.0);
        if (m % 60 == 0) std::snprintf(d, sizeof d, "%lld h", m / 60);
        else std::snprintf(d, sizeof d, "%lld h %lld min", m / 60, m % 60);
    }
    return full ? std::string("⋯ ") + d + " ⋯" : std::string(d);
}

} // namespace invokelab::ui
