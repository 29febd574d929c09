// The lanes' time axis with compressed breaks, and the story fit (views/time_axis.h).
#include "views/time_axis.h"
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

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

StoryFit fit_story(const StoryMoments& story, float x0, float x1, float max_break_px, float left_px) {
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
    const double left = std::max(plot_w * static_cast<double>(kStoryLeftFraction), static_cast<double>(left_px));
    const double room = std::max(1.0, plot_w * static_cast<double>(kStoryRightFraction) - left);   // 88 % unless the left needs more
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
    fit.axis.left_ms = first - left * fit.axis.ms_per_px;
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

std::string break_label_compact(double hidden_ms) {
    char d[48];
    const long long ms = std::llround(std::max(0.0, hidden_ms));
    if (ms < 1000) std::snprintf(d, sizeof d, "%lldms", ms);
    else if (ms < 100000) std::snprintf(d, sizeof d, "%llds", (ms + 500) / 1000);
    else if (ms < 3600000) {
        const long long s = (ms + 500) / 1000;
        if (s % 60 == 0) std::snprintf(d, sizeof d, "%lldm", s / 60);
        else std::snprintf(d, sizeof d, "%lldm%llds", s / 60, s % 60);
    } else {
        const long long m = (ms + 30000) / 60000;
        if (m % 60 == 0) std::snprintf(d, sizeof d, "%lldh", m / 60);
        else std::snprintf(d, sizeof d, "%lldh%lldm", m / 60, m % 60);
    }
    return std::string("⋯") + d + "⋯";
}

std::vector<BreakLabel> place_break_labels(const TimeAxis& ax, const std::function<float(const std::string&)>& text_width,
                                           float overhang, float gap, float pad) {
    const std::size_t n = ax.breaks.size();
    std::vector<BreakLabel> out(n);
    auto visible = [&](std::size_t i) { return ax.x(ax.breaks[i].t1) > ax.x0 && ax.x(ax.breaks[i].t0) < ax.x1; };
    // One form's label for break i, or nullopt when it does not fit its band or the plot.
    auto candidate = [&](std::size_t i, int form) -> std::optional<BreakLabel> {
        const AxisBreak& b = ax.breaks[i];
        const double hidden = b.t1 - b.t0;
        std::string text = form == 0 ? break_label(hidden, true) : break_label_compact(hidden);
        if (form == 2) text = text.substr(3, text.size() - 6);   // without the dots ("⋯" is 3 bytes)
        const float b0 = ax.x(b.t0), b1 = ax.x(b.t1), w = text_width(text) + 2 * pad;
        if (w > b1 - b0 + 2 * overhang) return std::nullopt;
        float l0 = (b0 + b1 - w) * 0.5f;
        l0 = std::clamp(l0, ax.x0, std::max(ax.x0, ax.x1 - w));  // slide inside the plot, not past the band's overhang
        if (l0 < ax.x0 - 0.01f || l0 + w > ax.x1 + 0.01f || l0 < b0 - overhang - 0.01f || l0 + w > b1 + overhang + 0.01f) return std::nullopt;
        return BreakLabel{text, l0, l0 + w};
    };
    for (int form = 0; form < 3; ++form) {
        std::vector<BreakLabel> all(n);
        bool ok = true;
        float free_from = -1e30f;
        for (std::size_t i = 0; i < n && ok; ++i) {
            if (!visible(i)) continue;
            const auto c = candidate(i, form);
            if (!c || c->x0 < free_from) ok = false;
            else all[i] = *c, free_from = c->x1 + gap;
        }
        if (ok) return all;
    }
    // Not all fit: the shortest form, leaving out a label that would touch the one before it.
    float free_from = -1e30f;
    for (std::size_t i = 0; i < n; ++i) {
        if (!visible(i)) continue;
        for (int form = 1; form < 3; ++form) {
            const auto c = candidate(i, form);
            if (c && c->x0 >= free_from) { out[i] = *c; free_from = c->x1 + gap; break; }
        }
    }
    return out;
}

} // namespace invokelab::ui
