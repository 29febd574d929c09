// The lanes' time axis, and the fit that keeps one asynchronous request's story in view with its
// long waits drawn compressed (issue 11, item 3). Pure view logic, no ImGui calls: tested in
// tests/wasm/views_test.cpp with exact positions.
//
// A story of three attempts of a few milliseconds, one and two minutes apart, drawn on one
// linear scale, is three hairlines. So the fit keeps the moments where something happens (the
// acceptance, each attempt, the DLQ or destination, the present) on one common scale, and
// draws every long stretch between two of them (a retry wait, the idle time after the end) as a
// *break*: a band of fixed width with a zig-zag and the hidden duration ("⋯ 59.9 s ⋯"). Inside a
// break time still runs linearly (faster), so the present moment and the countdown of a pending
// retry move through it instead of vanishing.
#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>
#include "lambda/lambda.h"

namespace invokelab::ui {

// [t0, t1] of virtual time drawn in `width` pixels instead of (t1 - t0) / ms_per_px.
struct AxisBreak {
    double t0 = 0, t1 = 0;
    float width = 0;
};

struct TimeAxis {
    float x0 = 0, x1 = 0;                           // the plot area in screen pixels
    double left_ms = 0, ms_per_px = 1;              // time at x0; scale outside breaks
    std::vector<AxisBreak> breaks;                  // increasing, disjoint, each starting at or after left_ms

    float x(double t) const;                        // monotonic; linear between breaks and inside each one
    double t(float x) const;                        // the inverse of x()
    double right_ms() const { return t(x1); }
    bool in_break(double t) const;                  // strictly inside a break (ticks are not drawn there)
};

struct StoryFit {
    TimeAxis axis;
    double linear_ms_per_px = 0;                    // the whole story on one linear scale (what panning hands back)
};

// Where the story's moments sit on the plot: the first at 5 % of the width, the last at 93 %.
inline constexpr float kStoryLeftFraction = 0.05f, kStoryRightFraction = 0.93f;
inline constexpr double kBreakMinMs = 5000.0;       // shorter stretches are never compressed
inline constexpr double kBreakMinGain = 3.0;        // ... nor those that drawn linearly would be < 3 breaks wide
inline constexpr double kStoryMinSpanMs = 20000.0;  // an uncompressed story is shown over at least 20 s
inline constexpr double kStoryMinMsPerPx = 0.05;    // the deepest zoom (the lanes' wheel zoom stops there too)
inline constexpr double kStoryDefaultMsPerPx = 250.0;   // ... and the widest an uncompressed story starts at

// The moments of a request's story, sorted: acceptance, each attempt's start and end (a running
// attempt ends at now), the pending retry, the DLQ / destination delivery, and now when it lies
// after all of them (the idle time since). A pending wait contains now: it stays one stretch.
// `busy` are the attempts' spans: they are never compressed, only the empty stretches between.
struct StoryMoments {
    std::vector<double> t;
    std::vector<std::pair<double, double>> busy;
};
StoryMoments story_moments(const InvocationRecord& r, TimeMs now);

// Fits the moments between x0 and x1. Every empty stretch of at least kBreakMinMs between two
// consecutive moments becomes a break of `max_break_px` (narrower when several would take more
// than 45 % of the room), unless at the resulting scale it would be less than kBreakMinGain
// times as wide drawn linearly (nothing to gain); everything else shares one scale. Without breaks the story is linear, as
// wide as max(kStoryMinSpanMs, its span) over 88 % of the width, never finer than
// kStoryDefaultMsPerPx.
// `left_px`: the first moment sits at least that far from x0 (room for the "202" drawn to the
// left of the acceptance tick on a narrow plot); the story then ends at 93 % still.
StoryFit fit_story(const StoryMoments& story, float x0, float x1, float max_break_px, float left_px = 0);

// "⋯ 59.9 s ⋯" (full) or "59.9 s" (short): the duration a break hides.
std::string break_label(double hidden_ms, bool full);
// "⋯60s⋯": the same, rounded to whole units, for a narrow plot ("⋯850ms⋯", "⋯2m⋯", "⋯3m5s⋯", "⋯1h30m⋯").
std::string break_label_compact(double hidden_ms);

// The label each break gets on the axis strip, and where (device px). Every visible break tries
// the same form, the widest for which all of them fit: full, compact, compact without the dots;
// a label is centred on its band, may be at most `overhang` wider than it on each side, stays
// between the axis' x0 and x1 and keeps `gap` from its neighbours. When even the shortest form
// does not fit them all, a label that would touch the one before it is left out (the band's
// tooltip still gives the duration). `pad`: the label's background beyond the text on each side.
struct BreakLabel {
    std::string text;                               // "" = no label for this break
    float x0 = 0, x1 = 0;                           // the label's background, text inside by `pad`
};
std::vector<BreakLabel> place_break_labels(const TimeAxis& ax, const std::function<float(const std::string&)>& text_width,
                                           float overhang, float gap, float pad);

} // namespace invokelab::ui
