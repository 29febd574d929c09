// The lanes: synchronous and asynchronous requests on one virtual-time axis.
//
// Index
//   [SECTION] Row index        which invocation sits on which row of which lane
//   [SECTION] Axis             time <-> x (views/time_axis.h: breaks), tick spacing, labels, break marks
//   [SECTION] Row drawing      acceptance, attempt bars, waits and countdowns, DLQ arrival
//   [SECTION] Lane             one scrolling child; only the rows in view are visited
//   [SECTION] Story            follow now keeps the newest async event's whole story in view,
//                              its long waits drawn as breaks ("⋯ 59.9 s ⋯")
//   [SECTION] Input            wheel/+/- zoom, drag/arrow pan, follow now
//   [SECTION] draw_lanes
//
// Everything is drawn from InvocationRecord (what happened and what is pending); the view
// computes no simulation outcome. With 10 000 requests the cost stays that of the rows in
// view: first/last visible row come from the scroll offset by index arithmetic.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include "util/timefmt.h"
#include "views/time_axis.h"
#include "views/views.h"

namespace invokelab::ui {
namespace {

// [SECTION] Row index

void update_row_index(TimelineState& tl, const InvocationList& invs) {
    const bool replaced = invs.size() < tl.indexed ||
                          (tl.indexed > 0 && invs.front().request_id != tl.first_request_id);
    if (replaced) {
        tl.sync_rows.clear();
        tl.async_rows.clear();
        tl.indexed = 0;
    }
    for (std::size_t i = tl.indexed; i < invs.size(); ++i) {
        (invs[i].invocation_type == InvocationType::Event ? tl.async_rows : tl.sync_rows).push_back(static_cast<std::uint32_t>(i));
    }
    tl.indexed = invs.size();
    tl.first_request_id = invs.empty() ? std::string() : invs.front().request_id;
}

// [SECTION] Axis

// Linear, or with the story's long waits drawn as breaks (views/time_axis.h).
using Axis = TimeAxis;

// 1-2-5 steps so labels sit at least `min_px` apart.
double tick_step(double ms_per_px, float min_px) {
    const double raw = ms_per_px * min_px;
    static const double steps[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000,
                                   120000, 300000, 600000, 900000, 1800000, 3600000, 7200000, 21600000, 43200000, 86400000};
    for (double s : steps) if (s >= raw) return s;
    return 86400000.0 * std::ceil(raw / 86400000.0);
}

std::string tick_label(TimeMs t, double step) {
    const std::string full = clock_text(t);         // +HH:MM:SS.mmm
    if (step >= 1000) return full.substr(0, 9);     // +HH:MM:SS
    return full;
}

std::string wait_label(TimeMs ms) {
    char buf[32];
    if (ms >= 10000) std::snprintf(buf, sizeof buf, "%llds", static_cast<long long>((ms + 500) / 1000));
    else std::snprintf(buf, sizeof buf, "%.1fs", static_cast<double>(ms) / 1000.0);
    return buf;
}

const char* outcome_text(AttemptOutcome outcome) {
    switch (outcome) {
    case AttemptOutcome::Success: return tr(S::Success);
    case AttemptOutcome::Error: return tr(S::Error);
    case AttemptOutcome::Timeout: return tr(S::Timeout);
    case AttemptOutcome::Running: return tr(S::Running);
    }
    return tr(S::Running);
}

// A break on the axis strip: a shaded band with the hidden duration, a zig-zag down its middle.
constexpr ImU32 kBreakBand = IM_COL32(255, 255, 255, 14), kBreakMark = IM_COL32(170, 170, 185, 200);

void draw_zigzag(ImDrawList* dl, float xc, float y0, float y1) {
    const float a = px(3), step = px(6);
    for (float off : {-px(2.5f), px(2.5f)}) {
        int n = 0;
        for (float y = y0; y < y1 + step; y += step, ++n) dl->PathLineTo(ImVec2(xc + off + (n % 2 ? a : -a), std::min(y, y1)));
        dl->PathStroke(kBreakMark, 0, px(1));
    }
}

void draw_axis(App& app, ImDrawList* dl, const Axis& ax, float y0, float y1, TimeMs now) {
    const ImU32 grid = IM_COL32(255, 255, 255, 40), text = IM_COL32(200, 200, 210, 255);
    const double step = tick_step(ax.ms_per_px, px(110));
    // Ticks on each linear run between breaks (none inside a break: its scale is another);
    // a tick's label must end before the next thing written on the strip.
    float free_from = -1e9f;
    auto ticks = [&](double from, double to, float limit) {
        for (double t = std::ceil(from / step) * step; t <= to; t += step) {
            const float x = ax.x(t);
            if (x < ax.x0 || x < free_from) continue;
            const std::string label = tick_label(static_cast<TimeMs>(t), step);
            const float end = x + px(3) + ImGui::CalcTextSize(label.c_str()).x;
            dl->AddLine(ImVec2(x, y1 - px(5)), ImVec2(x, y1), grid, px(1));
            if (end > limit) continue;
            dl->AddText(ImVec2(x + px(3), y0), text, label.c_str());
            free_from = end + px(6);
        }
    };
    // How much time each break hides: "⋯ 60.0 s ⋯", on a narrow plot "⋯60s⋯" or "60s", or
    // nothing where labels would touch (views/time_axis.h).
    const std::vector<BreakLabel> labels = place_break_labels(
        ax, [](const std::string& t) { return ImGui::CalcTextSize(t.c_str()).x; }, px(12), px(4), px(3));
    const double right = ax.right_ms();
    double from = std::floor(ax.left_ms / step) * step;
    for (std::size_t i = 0; i < ax.breaks.size(); ++i) {
        const AxisBreak& b = ax.breaks[i];
        if (b.t0 > right) break;
        // The break: band, zig-zag, and its label.
        const float b0 = ax.x(b.t0), b1 = ax.x(b.t1), xc = (b0 + b1) * 0.5f;
        const BreakLabel& label = labels[i];
        const float label_x0 = label.text.empty() ? b0 : std::min(b0, label.x0);
        ticks(from, b.t0, label_x0 - px(4));
        dl->AddRectFilled(ImVec2(b0, y0), ImVec2(b1, y1), kBreakBand);
        draw_zigzag(dl, xc, y0 + px(1), y1);
        if (!label.text.empty()) {
            const float th = ImGui::GetTextLineHeight();
            dl->AddRectFilled(ImVec2(label.x0, y0), ImVec2(label.x1, y0 + th), IM_COL32(30, 34, 42, 235), px(3));
            dl->AddText(ImVec2(label.x0 + px(3), y0), kBreakMark, label.text.c_str());
            app.note_label("axisBreak", label.text, ImVec2(label.x0, y0), ImVec2(label.x1, y0 + th), ImVec2(ax.x0, y0), ImVec2(ax.x1, y1));
            free_from = label.x1 + px(6);
        }
        from = b.t1;
    }
    ticks(from, right, ax.x1);
    const float xn = ax.x(static_cast<double>(now));
    if (xn >= ax.x0 && xn <= ax.x1) {
        dl->AddTriangleFilled(ImVec2(xn - px(5), y1 - px(8)), ImVec2(xn + px(5), y1 - px(8)), ImVec2(xn, y1), colors::kNow);
    }
}

// [SECTION] Row drawing

struct RowGeometry {
    float y0, y1;                                   // the row band
    float bar_y0, bar_y1;                           // attempt bars inside it
};

enum class HitKind { None, Accept, Attempt, Wait, Dlq };
struct Hit {
    HitKind kind = HitKind::None;
    const InvocationRecord* inv = nullptr;
    int attempt = 0;                                // Attempt: 1-based; Wait: the attempt it waits for
    TimeMs from = 0, to = 0;                        // Wait: its span (to may be in the future)
};

constexpr float kPi = 3.14159265358979f;

bool mouse_in(const ImVec2& m, float x0, float y0, float x1, float y1) { return m.x >= x0 && m.x <= x1 && m.y >= y0 && m.y <= y1; }

// Countdown ring: the full circle is the wait's length, the filled part what is left.
void draw_countdown_arc(ImDrawList* dl, ImVec2 c, float r, double remaining_fraction, ImU32 col) {
    dl->AddCircle(c, r, IM_COL32(255, 255, 255, 50), 24, px(1.5f));
    if (remaining_fraction <= 0) return;
    const float a0 = -kPi / 2;
    dl->PathArcTo(c, r, a0, a0 + static_cast<float>(2 * kPi * std::min(1.0, remaining_fraction)), 24);
    dl->PathStroke(col, 0, px(2.5f));
}

void draw_row(App& app, ImDrawList* dl, const Axis& ax, const RowGeometry& g, const InvocationRecord& r, TimeMs now,
              const ImVec2& mouse, Hit& hit) {
    const float mid = (g.bar_y0 + g.bar_y1) * 0.5f;
    const float wait_y = g.bar_y1 - px(1);          // waits run low in the row, their length written above
    const float min_w = px(3);
    constexpr float kSmall = 0.8f;

    // Acceptance: a tick with the status the caller got (200 sync, 202 async, 4xx rejected).
    const float xa = ax.x(static_cast<double>(r.accepted_at));
    const ImU32 acc_col = r.status_code >= 400 ? colors::kError : IM_COL32(220, 220, 230, 255);
    dl->AddLine(ImVec2(xa, g.y0 + px(2)), ImVec2(xa, g.y1 - px(2)), acc_col, px(1.5f));
    if (r.status_code != 0) {
        char code[8];
        std::snprintf(code, sizeof code, "%d", r.status_code);
        const ImVec2 ts = ImGui::CalcTextSize(code);
        const float scale = kSmall;
        // Left of the tick; when the tick is too close to the plot's left edge (a panned axis),
        // right of it, so the code is never cut in half.
        float cx = xa - ts.x * scale - px(3);
        if (cx < ax.x0 && xa >= ax.x0) cx = xa + px(3);
        const ImVec2 c0(cx, mid - ts.y * scale * 0.5f), c1(cx + ts.x * scale, mid + ts.y * scale * 0.5f);
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, c0, acc_col, code);
        if (xa >= ax.x0 && xa <= ax.x1) app.note_label("acceptCode", code, c0, c1, ImVec2(ax.x0, g.y0), ImVec2(ax.x1, g.y1));
        if (mouse_in(mouse, std::min(cx, xa) - px(1), g.y0, std::max(cx + ts.x * scale, xa) + px(2), g.y1))
            hit = {HitKind::Accept, &r, 0, r.accepted_at, r.accepted_at};
    }

    // Attempts, and the waits between them.
    TimeMs prev_end = -1;
    for (const AttemptRecord& a : r.attempts) {
        if (prev_end >= 0) {                        // the wait before this attempt, labelled with its length
            const float w0 = ax.x(static_cast<double>(prev_end)), w1 = ax.x(static_cast<double>(a.start));
            if (w1 >= ax.x0 && w0 <= ax.x1) {
                dl->AddLine(ImVec2(w0, wait_y), ImVec2(w1, wait_y), colors::kWait, px(1));
                const std::string label = wait_label(a.start - prev_end);
                const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
                if (w1 - w0 > ts.x * kSmall + px(6))
                    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * kSmall, ImVec2((w0 + w1 - ts.x * kSmall) * 0.5f, wait_y - ts.y * kSmall),
                                colors::kWait, label.c_str());
            }
            if (mouse_in(mouse, w0, g.y0, w1, g.y1)) hit = {HitKind::Wait, &r, a.number, prev_end, a.start};
        }
        const TimeMs end = a.end >= 0 ? a.end : now;
        float b0 = ax.x(static_cast<double>(a.start)), b1 = ax.x(static_cast<double>(end));
        if (b1 - b0 < min_w) b1 = b0 + min_w;
        if (b1 >= ax.x0 && b0 <= ax.x1) {
            const ImU32 col = colors::for_outcome(a.end >= 0 ? a.outcome : AttemptOutcome::Running);
            dl->AddRectFilled(ImVec2(b0, g.bar_y0), ImVec2(b1, g.bar_y1), col, px(2));
            if (a.cold_start) dl->AddRectFilled(ImVec2(b0, g.bar_y1 - px(3)), ImVec2(std::min(b1, b0 + px(6)), g.bar_y1), IM_COL32(120, 200, 255, 255));
            if (b1 - b0 > px(14)) {
                char n[8];
                std::snprintf(n, sizeof n, "%d", a.number);
                dl->AddText(ImVec2(b0 + px(3), g.bar_y0), IM_COL32(255, 255, 255, 230), n);
            }
        }
        if (mouse_in(mouse, b0 - px(2), g.bar_y0, b1 + px(2), g.bar_y1)) hit = {HitKind::Attempt, &r, a.number, a.start, end};
        prev_end = a.end;
    }

    // A pending retry: a shrinking bar up to the next attempt, a countdown ring and the seconds left.
    if (r.next_attempt_at && prev_end >= 0) {
        const TimeMs due = *r.next_attempt_at;
        const TimeMs total = std::max<TimeMs>(1, due - prev_end), left = std::max<TimeMs>(0, due - now);
        const float w0 = ax.x(static_cast<double>(std::max(prev_end, now))), w1 = ax.x(static_cast<double>(due));
        const float d0 = ax.x(static_cast<double>(prev_end));
        dl->AddLine(ImVec2(d0, wait_y), ImVec2(w0, wait_y), colors::kWait, px(1));
        dl->AddRectFilled(ImVec2(w0, wait_y - px(3)), ImVec2(std::max(w1, w0 + px(1)), wait_y + px(1)), IM_COL32(150, 150, 160, 140), px(2));
        dl->AddLine(ImVec2(w1, g.bar_y0), ImVec2(w1, g.bar_y1), colors::kWait, px(1.5f));
        const float r_arc = (g.bar_y1 - g.bar_y0) * 0.45f;
        const float xn = ax.x(static_cast<double>(now));
        ImVec2 c(xn + r_arc + px(4), mid);
        // "80s / 120s" right of the ring; where the plot ends too soon, only the seconds left,
        // or the label (and the ring) on the left of now, over the part of the wait already passed.
        const std::string full = wait_label(left) + " / " + wait_label(total), brief = wait_label(left);
        const float room_right = ax.x1 - px(2) - (c.x + r_arc + px(4));
        const float last_bar_end = r.attempts.empty() ? ax.x0 : ax.x(static_cast<double>(prev_end)) + px(3);
        std::string label;
        bool on_left = false;
        for (const std::string* t : {&full, &brief})
            if (label.empty() && ImGui::CalcTextSize(t->c_str()).x <= room_right) label = *t;
        if (label.empty()) {
            c.x = xn - r_arc - px(4);
            const float room_left = c.x - r_arc - px(4) - std::max(ax.x0, last_bar_end);
            for (const std::string* t : {&full, &brief})
                if (label.empty() && ImGui::CalcTextSize(t->c_str()).x <= room_left) label = *t;
            on_left = true;
            if (label.empty()) c.x = xn + r_arc + px(4);  // no room for words either side: the ring alone
        }
        draw_countdown_arc(dl, c, r_arc, static_cast<double>(left) / static_cast<double>(total), colors::kNow);
        if (!label.empty()) {
            const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
            const float lx = on_left ? c.x - r_arc - px(4) - ts.x : c.x + r_arc + px(4);
            const ImVec2 l0(lx, g.bar_y0 - px(1));
            dl->AddText(l0, colors::kNow, label.c_str());
            app.note_label("countdown", label, l0, ImVec2(lx + ts.x, l0.y + ts.y), ImVec2(ax.x0, g.y0), ImVec2(ax.x1, g.y1 + px(2)));
        }
        if (mouse_in(mouse, d0, g.y0, std::max(w1, c.x + r_arc), g.y1))
            hit = {HitKind::Wait, &r, static_cast<int>(r.attempts.size()) + 1, prev_end, due};
    }

    // Dead-letter arrival: a diamond with "DLQ" (crossed out when the delivery failed).
    if (r.dlq_at) {
        const float xd = ax.x(static_cast<double>(*r.dlq_at));
        const float h = (g.bar_y1 - g.bar_y0) * 0.55f;
        const ImU32 col = r.dlq_failed ? colors::kError : colors::kDlq;
        dl->AddQuadFilled(ImVec2(xd, mid - h), ImVec2(xd + h, mid), ImVec2(xd, mid + h), ImVec2(xd - h, mid), col);
        if (r.dlq_failed) dl->AddLine(ImVec2(xd - h, mid - h), ImVec2(xd + h, mid + h), IM_COL32(255, 255, 255, 255), px(1.5f));
        const ImVec2 ts = ImGui::CalcTextSize("DLQ");
        float lx = xd + h + px(3);
        if (lx + ts.x > ax.x1 - px(2)) lx = xd - h - px(3) - ts.x;   // the plot ends: write it before the diamond
        dl->AddText(ImVec2(lx, g.bar_y0 - px(1)), col, "DLQ");
        if (xd >= ax.x0 && xd <= ax.x1)
            app.note_label("dlqMark", "DLQ", ImVec2(lx, g.bar_y0 - px(1)), ImVec2(lx + ts.x, g.bar_y0 - px(1) + ts.y), ImVec2(ax.x0, g.y0),
                           ImVec2(ax.x1, g.y1 + px(2)));
        if (mouse_in(mouse, std::min(lx, xd - h), g.y0, std::max(xd + h, lx + ts.x), g.y1))
            hit = {HitKind::Dlq, &r, 0, *r.dlq_at, *r.dlq_at};
    }
}

void time_line(const char* label, TimeMs t) {
    ImGui::Text("%s: %lld ms  (%s)", label, static_cast<long long>(t), clock_text(t).c_str());
}

void hit_tooltip(const Hit& hit, TimeMs now) {
    const InvocationRecord& r = *hit.inv;
    ImGui::BeginTooltip();
    ImGui::Text("%s %s", tr(S::Request), r.request_id.c_str());
    ImGui::TextDisabled("%s · %s · %s %s", r.function.c_str(), to_string(r.invocation_type), tr(S::State), to_string(r.state));
    if (r.duplicate_of) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kDuplicate), "%s", tr(S::DuplicateDelivery));
    ImGui::Separator();
    switch (hit.kind) {
    case HitKind::Accept:
        ImGui::Text("%s: %d", tr(S::Accepted), r.status_code);
        time_line(tr(S::Started), r.accepted_at);
        break;
    case HitKind::Attempt: {
        const AttemptRecord& a = r.attempts[static_cast<std::size_t>(hit.attempt - 1)];
        ImGui::Text("%s %d · %s: %s%s", tr(S::Attempt), a.number, tr(S::Outcome), outcome_text(a.end >= 0 ? a.outcome : AttemptOutcome::Running),
                    a.cold_start ? "  (cold start)" : "");
        if (!a.error_type.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.45f, 1), "%s: %s", a.error_type.c_str(), a.error_message.c_str());
        time_line(tr(S::Started), a.start);
        if (a.end >= 0) time_line(tr(S::Ended), a.end);
        ImGui::Text("%s: %s", tr(S::Duration), format_duration((a.end >= 0 ? a.end : now) - a.start).c_str());
        break;
    }
    case HitKind::Wait:
        ImGui::Text("%s → %s %d (%s)", tr(S::WaitingRetry), tr(S::Attempt), hit.attempt, wait_label(hit.to - hit.from).c_str());
        time_line(tr(S::Started), hit.from);
        time_line(tr(S::Ended), hit.to);
        if (hit.to > now) ImGui::TextColored(ImVec4(1, 0.84f, 0.35f, 1), "%s %s", tr(S::RetryIn), wait_label(hit.to - now).c_str());
        break;
    case HitKind::Dlq:
        ImGui::Text("%s", r.dlq_failed ? tr(S::DlqFailed) : tr(S::DlqArrival));
        time_line(tr(S::Ended), hit.from);
        if (!r.dlq_target.empty()) ImGui::TextDisabled("%s", r.dlq_target.c_str());
        if (!r.dlq_message_id.empty()) ImGui::TextDisabled("MessageId %s", r.dlq_message_id.c_str());
        break;
    case HitKind::None:
        break;
    }
    if (r.condition != AsyncCondition::None) ImGui::Text("%s: %s", tr(S::Condition), to_string(r.condition));
    ImGui::EndTooltip();
}

// [SECTION] Lane

struct LaneResult {
    int drawn = 0;
    bool hovered = false;
};

LaneResult draw_lane(App& app, const char* id, const std::vector<std::uint32_t>& rows, bool& stick, const Axis& base_axis,
                     float label_w, ImVec2 size, bool pan_keys_vertical) {
    LaneResult out;
    const World& w = app.world();
    const auto& invs = w.lambda.invocations();
    const TimeMs now = w.now();
    const float row_h = std::floor(ImGui::GetTextLineHeight() * 1.45f);

    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    const bool open = ImGui::BeginChild(id, size, true, ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNavInputs);
    ImGui::PopStyleVar();
    if (!open) { ImGui::EndChild(); return out; }
    out.hovered = ImGui::IsWindowHovered();

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetWindowPos();
    const float view_h = ImGui::GetWindowHeight();
    const ImGuiIO& io = ImGui::GetIO();

    // Rows follow the newest request unless the learner scrolled away from the bottom.
    const float content_h = static_cast<float>(rows.size()) * row_h;
    const float max_scroll = std::max(0.0f, content_h - view_h);
    float scroll = ImGui::GetScrollY();
    if (out.hovered && io.KeyShift && io.MouseWheel != 0) { scroll -= io.MouseWheel * row_h * 3; stick = false; }
    if (pan_keys_vertical) {
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) { scroll -= row_h; stick = false; }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) scroll += row_h;
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp))) { scroll -= view_h; stick = false; }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown))) scroll += view_h;
    }
    if (stick) scroll = max_scroll;
    scroll = std::clamp(scroll, 0.0f, max_scroll);
    if (scroll != ImGui::GetScrollY()) ImGui::SetScrollY(scroll);
    if (scroll >= max_scroll - 0.5f) stick = true;

    Axis ax = base_axis;
    ax.x0 = origin.x + label_w;
    ax.x1 = origin.x + ImGui::GetWindowWidth() - ImGui::GetStyle().ScrollbarSize;

    if (rows.empty()) {
        ImGui::SetCursorPos(ImVec2(px(8), px(6)));
        ImGui::TextDisabled("%s", tr(S::NoRequests));
    }

    // Visible rows by arithmetic: never touch a row outside [first, last).
    const std::size_t first = static_cast<std::size_t>(std::max(0.0f, std::floor(scroll / row_h)));
    const std::size_t last = std::min(rows.size(), static_cast<std::size_t>(std::ceil((scroll + view_h) / row_h)) + 1);
    const ImVec2 mouse = io.MousePos;
    Hit hit;
    const float top = origin.y - scroll;
    dl->PushClipRect(ImVec2(origin.x, origin.y), ImVec2(ax.x1, origin.y + view_h), true);
    bool duplicate_noted = false;
    for (const AxisBreak& b : ax.breaks)            // compressed waits: a band behind the rows (the zig-zag is on the axis)
        dl->AddRectFilled(ImVec2(ax.x(b.t0), origin.y), ImVec2(ax.x(b.t1), origin.y + view_h), kBreakBand);
    for (std::size_t i = first; i < last; ++i) {
        const InvocationRecord& r = invs[rows[i]];
        RowGeometry g;
        g.y0 = top + static_cast<float>(i) * row_h;
        g.y1 = g.y0 + row_h;
        g.bar_y0 = g.y0 + row_h * 0.22f;
        g.bar_y1 = g.y1 - row_h * 0.18f;
        const bool selected = !app.selected_request.empty() && r.request_id == app.selected_request;
        if (selected) dl->AddRectFilled(ImVec2(origin.x, g.y0), ImVec2(ax.x1, g.y1), colors::kHighlight);
        else if (i % 2) dl->AddRectFilled(ImVec2(origin.x, g.y0), ImVec2(ax.x1, g.y1), IM_COL32(255, 255, 255, 8));
        dl->AddText(ImVec2(origin.x + px(6), g.y0 + (row_h - ImGui::GetTextLineHeight()) * 0.5f),
                    selected ? colors::kNow : r.duplicate_of ? colors::kDuplicate : IM_COL32(190, 190, 200, 255),
                    short_id(r.request_id).c_str());   // a duplicate delivery: same id, orange
        if (r.duplicate_of && !duplicate_noted && g.y0 >= origin.y && g.y1 <= origin.y + view_h) {
            // The first fully visible copy's label: hovering it shows the tooltip (tests, screenshots).
            app.note_rect("duplicateRow", ImVec2(origin.x, g.y0), ImVec2(ax.x0, g.y1));
            duplicate_noted = true;
        }
        dl->PushClipRect(ImVec2(ax.x0, g.y0), ImVec2(ax.x1, g.y1), true);
        draw_row(app, dl, ax, g, r, now, out.hovered ? mouse : ImVec2(-1e9f, -1e9f), hit);
        dl->PopClipRect();
        if (out.hovered && mouse.y >= g.y0 && mouse.y < g.y1 && mouse.x < ax.x0) hit = {HitKind::Accept, &r, 0, r.accepted_at, r.accepted_at};
        if (out.hovered && mouse.y >= g.y0 && mouse.y < g.y1 && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
            io.MouseDragMaxDistanceSqr[0] < px(4) * px(4))
            app.selected_request = selected ? std::string() : r.request_id;
        ++out.drawn;
    }
    // The present moment across the whole lane.
    const float xn = ax.x(static_cast<double>(now));
    if (xn >= ax.x0 && xn <= ax.x1) dl->AddLine(ImVec2(xn, origin.y), ImVec2(xn, origin.y + view_h), colors::kNow, px(1));
    dl->AddLine(ImVec2(ax.x0 - px(1), origin.y), ImVec2(ax.x0 - px(1), origin.y + view_h), IM_COL32(255, 255, 255, 30), px(1));
    dl->PopClipRect();

    ImGui::SetCursorPos(ImVec2(0, 0));
    ImGui::Dummy(ImVec2(1, std::max(content_h, 1.0f)));  // gives the child its scroll range
    if (hit.kind != HitKind::None) hit_tooltip(hit, now);
    ImGui::EndChild();
    return out;
}

// [SECTION] Story

constexpr double kStoryTailMs = 20000.0;            // on one linear scale an ended story keeps 20 s of what followed

// The request whose story the axis keeps in view: the newest asynchronous one.
const InvocationRecord* follow_story(const TimelineState& tl, const InvocationList& invs) {
    if (tl.async_rows.empty()) return nullptr;
    const std::uint32_t i = tl.async_rows.back();
    return i < invs.size() ? &invs[i] : nullptr;
}

// [SECTION] Input

void zoom_around(TimelineState& tl, double anchor_ms, float anchor_x, float plot_x0, double factor) {
    tl.ms_per_px = std::clamp(tl.ms_per_px * factor, 0.05, 2'000'000.0);
    tl.left_ms = anchor_ms - (anchor_x - plot_x0) * tl.ms_per_px;
}

} // namespace

// [SECTION] draw_lanes

void draw_lanes(App& app, ImVec2 size) {
    TimelineState& tl = app.timeline;
    const World& w = app.world();
    const TimeMs now = w.now();
    update_row_index(tl, w.lambda.invocations());
    const ImGuiIO& io = ImGui::GetIO();
    const ImGuiStyle& style = ImGui::GetStyle();

    // Toolbar: follow now, scale, legend, hint.
    char label[128];
    std::snprintf(label, sizeof label, "%s###followNow", tr(S::FollowNow));
    ImGui::Checkbox(label, &tl.follow_now);
    app.note_control("followNow");
    // The rest of the toolbar line: each piece only where it fits (a 390-px phone has room for
    // little more than the checkbox), the scale first shortened to what matters most.
    const float line_end = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    auto room = [&](float spacing) { return line_end - (ImGui::GetItemRectMax().x + spacing); };
    auto note_last = [&](const char* what, const std::string& text) {
        app.note_label(what, text, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ImVec2(ImGui::GetWindowPos().x, ImGui::GetWindowPos().y),
                       ImVec2(line_end, ImGui::GetWindowPos().y + ImGui::GetWindowHeight()));
    };
    struct Legend { ImU32 col; S text; };
    const Legend legend[] = {{colors::kSuccess, S::Success}, {colors::kError, S::Error}, {colors::kTimeout, S::Timeout},
                             {colors::kRunning, S::Running}, {colors::kWait, S::WaitingRetry}, {colors::kDlq, S::DlqArrival}};
    const float swatch = ImGui::GetTextLineHeight() * 0.6f;
    float legend_w = 0;                             // the whole legend on one line
    for (const Legend& l : legend) legend_w += px(12) + swatch + px(4) + ImGui::CalcTextSize(tr(l.text)).x;
    {
        const double ms_per_px = tl.drawn_axis.breaks.empty() ? tl.ms_per_px : tl.drawn_axis.ms_per_px;
        const std::string scale = format_duration(static_cast<TimeMs>(std::max(1.0, ms_per_px * px(100)))) + "/100px";
        const std::string zoom = std::string(tr(S::Zoom)) + ": " + scale;
        std::vector<std::string> forms;
        if (tl.drawn_axis.breaks.empty()) forms = {zoom, scale};
        else forms = {zoom + " · " + tr(S::WaitsCompressed), tr(S::WaitsCompressed), scale};   // last frame's story scale, outside its breaks
        // The legend stays on this line when it fits beside the shortest form (the zoom line
        // then takes the longest form that leaves it room); else it goes behind a checkbox.
        const float shortest = ImGui::CalcTextSize(forms.back().c_str()).x + px(14);
        tl.legend_inline = legend_w + shortest <= room(0);
        if (!tl.legend_inline) {
            std::snprintf(label, sizeof label, "%s###legendToggle", tr(S::LegendTitle));
            ImGui::SameLine(0, px(12));
            ImGui::Checkbox(label, &tl.legend_open);
            app.note_control("legendToggle");
        }
        const float r = room(px(14)) - (tl.legend_inline ? legend_w : 0.0f);
        for (const std::string& f : forms) {
            if (ImGui::CalcTextSize(f.c_str()).x > r) continue;
            ImGui::SameLine(0, px(14));
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("%s", f.c_str());
            note_last("zoomLine", f);
            break;
        }
    }
    // Inline, or (opened on a narrow canvas) on lines under the toolbar, wrapped: every colour
    // keeps its name either way.
    bool legend_fits = tl.legend_inline;
    if (tl.legend_inline || tl.legend_open) {
        bool first_below = !tl.legend_inline;
        for (const Legend& l : legend) {
            if (first_below || swatch + px(4) + ImGui::CalcTextSize(tr(l.text)).x > room(px(12))) legend_fits = false;   // starts the next line
            else ImGui::SameLine(0, px(12));
            first_below = false;
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const float y = p.y + style.FramePadding.y + (ImGui::GetTextLineHeight() - swatch) * 0.5f;
            ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + swatch, y + swatch), l.col, px(2));
            ImGui::Dummy(ImVec2(swatch, ImGui::GetFrameHeight()));
            ImGui::SameLine(0, px(4));
            ImGui::TextUnformatted(tr(l.text));
            note_last("legend", tr(l.text));
        }
    }
    if (legend_fits && ImGui::CalcTextSize(tr(S::AxisHint)).x <= room(px(16))) {
        ImGui::SameLine(0, px(16));
        ImGui::TextDisabled("%s", tr(S::AxisHint));
        note_last("axisHint", tr(S::AxisHint));
    }
    // (no room: the hint stays out rather than run off the edge)

    const float label_w = ImGui::CalcTextSize("00000000").x + px(14);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float plot_x0 = start.x + label_w;
    const float plot_w = std::max(px(50), size.x - label_w - style.ScrollbarSize);

    // Input that moves the axis: the lanes window must be hovered (wheel, drag) or focused (keys).
    const bool hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows);
    const bool focused = ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows);
    if (hovered && io.MouseWheel != 0 && !io.KeyShift && io.MousePos.x >= plot_x0) {
        const double anchor = tl.left_ms + (io.MousePos.x - plot_x0) * tl.ms_per_px;
        zoom_around(tl, anchor, io.MousePos.x, plot_x0, std::pow(0.85, io.MouseWheel));
        if (tl.follow_now) tl.follow_now = anchor >= now - tl.ms_per_px * px(40);   // zooming away from now stops following
    }
    if (hovered && ImGui::IsMouseDragging(ImGuiMouseButton_Left, px(3)) && io.MouseClickedPos[0].x >= plot_x0) {
        tl.left_ms -= io.MouseDelta.x * tl.ms_per_px;
        if (io.MouseDelta.x != 0) tl.follow_now = false;
    }
    if (focused || hovered) {
        for (ImWchar c : io.InputQueueCharacters) {
            const float nx = static_cast<float>(plot_x0 + (now - tl.left_ms) / tl.ms_per_px);
            const bool now_visible = nx >= plot_x0 && nx <= plot_x0 + plot_w;
            const float ax_x = now_visible ? nx : plot_x0 + plot_w * 0.5f;
            const double anchor = tl.left_ms + (ax_x - plot_x0) * tl.ms_per_px;
            if (c == '+' || c == '=') zoom_around(tl, anchor, ax_x, plot_x0, 0.5);
            if (c == '-' || c == '_') zoom_around(tl, anchor, ax_x, plot_x0, 2.0);
        }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) { tl.left_ms -= plot_w * 0.1 * tl.ms_per_px; tl.follow_now = false; }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) { tl.left_ms += plot_w * 0.1 * tl.ms_per_px; tl.follow_now = false; }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home))) { tl.left_ms = 0; tl.follow_now = false; }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End))) tl.follow_now = true;
    }
    // Room left of t = 0 (or of the story's acceptance) for the status code drawn before its tick.
    const float code_room = ImGui::CalcTextSize("202").x * 0.8f + px(6);
    Axis ax;
    ax.x0 = plot_x0;
    ax.x1 = plot_x0 + plot_w;
    const InvocationRecord* story = follow_story(tl, w.lambda.invocations());
    if (tl.follow_now && story) {
        // The newest async event's whole story stays in view: from its acceptance to its next
        // attempt (while it waits) or to its end, and on to now. Its long waits (the retry
        // delays, the idle time since it ended) are drawn as breaks of fixed width, so attempts
        // of a few milliseconds get a readable width beside a two-minute wait; the next async
        // invoke starts a new story. Panning or zooming away (follow now off) hands the learner
        // the same story on one linear scale (tl.ms_per_px).
        const StoryFit fit = fit_story(story_moments(*story, now), ax.x0, ax.x1, px(96), code_room);
        ax = fit.axis;
        const double a = static_cast<double>(story->accepted_at);
        double e = static_cast<double>(now);
        if (!is_pending(story->state) && story->finished_at) e = std::min(e, static_cast<double>(*story->finished_at) + kStoryTailMs);
        if (story->next_attempt_at) e = std::max(e, static_cast<double>(*story->next_attempt_at));
        tl.ms_per_px = std::max(kStoryDefaultMsPerPx, std::max(kStoryMinSpanMs, e - a) / (plot_w * (kStoryRightFraction - kStoryLeftFraction)));
        tl.left_ms = a - std::max(plot_w * kStoryLeftFraction, code_room) * tl.ms_per_px;
    } else {
        if (tl.follow_now) {
            // "Now" rides at 85% of the width once it gets there; before that the axis starts at t = 0.
            tl.left_ms = std::max(-std::max(plot_w * 0.02f, code_room) * tl.ms_per_px, static_cast<double>(now) - plot_w * 0.85 * tl.ms_per_px);
        }
        ax.left_ms = tl.left_ms;
        ax.ms_per_px = tl.ms_per_px;
    }
    tl.drawn_axis = ax;

    // The axis strip.
    const float axis_h = ImGui::GetTextLineHeight() + px(10);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(ImVec2(plot_x0, start.y), ImVec2(ax.x1, start.y + axis_h), true);
    draw_axis(app, dl, ax, start.y, start.y + axis_h, now);
    dl->PopClipRect();
    if (ax.x(static_cast<double>(now)) > ax.x1) {
        // The story is kept in view while the clock runs on: say where now is, and whether
        // anything is still to happen.
        char where[96];
        std::snprintf(where, sizeof where, "%s %s →", w.scheduler.pending() == 0 ? tr(S::QueueEmpty) : "", clock_text(now).c_str());
        const ImVec2 ts = ImGui::CalcTextSize(where);
        dl->AddRectFilled(ImVec2(ax.x1 - ts.x - px(8), start.y), ImVec2(ax.x1, start.y + ts.y + px(2)), IM_COL32(30, 34, 42, 230), px(3));
        dl->AddText(ImVec2(ax.x1 - ts.x - px(4), start.y + px(1)), colors::kNow, where);
    }
    // A break explains itself on hover: how long it is, from when to when.
    if (hovered && io.MousePos.y >= start.y && io.MousePos.y < start.y + axis_h) {
        for (const AxisBreak& b : ax.breaks) {
            if (io.MousePos.x < ax.x(b.t0) || io.MousePos.x > ax.x(b.t1)) continue;
            ImGui::BeginTooltip();
            ImGui::TextUnformatted(break_label(b.t1 - b.t0, true).c_str());
            ImGui::TextDisabled("%s → %s", clock_text(static_cast<TimeMs>(b.t0)).c_str(), clock_text(static_cast<TimeMs>(b.t1)).c_str());
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
            ImGui::TextUnformatted(tr(S::BreakHint));
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
    dl->AddText(ImVec2(start.x + px(4), start.y), IM_COL32(150, 150, 160, 255), tr(S::Request));
    ImGui::Dummy(ImVec2(size.x, axis_h));

    // Two lanes share the remaining height; the async one (where retries happen) gets more.
    const float header_h = ImGui::GetTextLineHeightWithSpacing();
    const float remaining = std::max(px(80), ImGui::GetContentRegionAvail().y - 2 * header_h - style.ItemSpacing.y * 2);
    const float sync_h = std::floor(remaining * 0.36f), async_h = remaining - sync_h;
    const bool keys_rows = focused || hovered;

    tl.visible_rows = 0;
    ImGui::Text("%s · %zu", tr(S::SyncLane), tl.sync_rows.size());
    LaneResult s = draw_lane(app, "##syncLane", tl.sync_rows, tl.stick_sync, ax, label_w, ImVec2(size.x, sync_h), false);
    ImGui::Text("%s · %zu", tr(S::AsyncLane), tl.async_rows.size());
    LaneResult a = draw_lane(app, "##asyncLane", tl.async_rows, tl.stick_async, ax, label_w, ImVec2(size.x, async_h), keys_rows);
    tl.visible_rows = s.drawn + a.drawn;
}

} // namespace invokelab::ui
