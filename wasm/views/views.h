// Invoke Lab canvas: the views, each a function drawing one concept from core state.
//
// Index
//   draw_time_bar      fixed top bar: play/pause, speeds, log slider, next event, reset, clock, seed
//   draw_lanes         sync and async lanes on one virtual-time axis (views/timeline.cpp)
//   draw_flow_view     caller -> queue -> environments -> DLQ/destinations, tokens moving (default tab)
//   draw_queue_view    the scheduler's waiting events with their ages
//   draw_function_view execution environments and configuration
//   draw_dlq_view      dead-letter queue messages, with "Poll for messages"
//   draw_logs_view     log streams and lines, filtered/highlighted by request id
//   draw_metrics_view  invocations, errors, async received/dropped, DLQ errors, event age, as charts
//   draw_stores_view   DynamoDB tables (items) and the key-value store, last write highlighted
//   attribute_text     an AttributeValue as one short line (stores view)
//   colors             the outcome palette shared by lanes, legend and tables
//
// Views read core state through const references and change the simulation only by
// running Shell command lines through App::run (echoed to the page's terminal).
#pragma once
#include <string_view>
#include "app/app.h"

namespace invokelab::ui {

void draw_time_bar(App& app);
void draw_lanes(App& app, ImVec2 size);
void draw_flow_view(App& app);                     // views/flow_view.cpp: boxes and travelling tokens
void draw_queue_view(App& app);
void draw_function_view(App& app);
void draw_dlq_view(App& app);
void draw_logs_view(App& app);
void draw_metrics_view(App& app);                  // views/metrics_view.cpp: per-function charts over virtual time
MetricsDrawn metrics_of(const World& w);            // the series draw_metrics_view charts (also in app.metrics)
void draw_stores_view(App& app);
std::string attribute_text(const ojson& value);     // {"S":"a"} -> "a" quoted, {"N":"1"} -> 1, sets {…}, lists […]

namespace colors {
inline constexpr ImU32 kSuccess = IM_COL32(46, 160, 67, 255);
inline constexpr ImU32 kError = IM_COL32(218, 54, 51, 255);
inline constexpr ImU32 kTimeout = IM_COL32(230, 126, 34, 255);
inline constexpr ImU32 kRunning = IM_COL32(56, 132, 244, 255);
inline constexpr ImU32 kWait = IM_COL32(150, 150, 160, 255);
inline constexpr ImU32 kDlq = IM_COL32(163, 113, 247, 255);
inline constexpr ImU32 kNow = IM_COL32(250, 200, 60, 255);
inline constexpr ImU32 kHighlight = IM_COL32(255, 230, 120, 60);
inline constexpr ImU32 kDuplicate = IM_COL32(255, 170, 60, 255);   // a second delivery's request id (`lab duplicates`)
ImU32 for_outcome(AttemptOutcome outcome);
}

// Small shared helpers (views/common.cpp).
std::string clock_text(TimeMs t);                   // +HH:MM:SS.mmm
std::string short_id(std::string_view request_id);   // first 8 characters
// `text` if it is at most max_w wide (drawn at `scale` times the font size), else its longest
// head that fits with "…" after it (whole UTF-8 characters), else "" (nothing fits).
std::string fit_text(const std::string& text, float max_w, float scale = 1.0f);
float px(float css);                                // CSS px -> device px for the current frame
void set_frame_scale(float device_pixel_ratio);     // called by draw_app once per frame

} // namespace invokelab::ui
