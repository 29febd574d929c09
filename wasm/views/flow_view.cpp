// The flow view: the places an event is in, drawn as boxes, and each request as a token
// that travels between them. Caller -> Lambda service (its internal event queue) -> the
// function's execution environments -> back to the queue for a retry, or on to the DLQ, a
// destination, or "finished". A synchronous call goes caller -> environment -> caller.
//
// Index
//   [SECTION] Hops      a record's moves in time order, read from InvocationRecord only
//   [SECTION] Tokens    which requests are drawn; each replays its hops at a readable pace
//   [SECTION] Layout    the boxes and the slot of a token in each
//   [SECTION] Drawing   boxes, arrows, queue chips with their countdown rings, environments,
//                       tokens resting and moving, tooltips (payload + history), selection
//
// The view computes no outcome: every hop is something the core already recorded (attempt
// start/end, DLQ arrival). Only the pace of drawing is the view's: a hop lasts at least
// FlowViewState::kMinHopRealS of real time (labelled with its real virtual duration), so an
// attempt of 30 ms at 60x is still seen going in and out; with reduced motion tokens jump.
// What was drawn is published in App::flow.drawn (tests, the page's state()).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <utility>
#include "util/timefmt.h"
#include "views/views.h"

namespace invokelab::ui {

const char* to_string(FlowPlace place) {
    switch (place) {
    case FlowPlace::Caller: return "caller";
    case FlowPlace::Queue: return "queue";
    case FlowPlace::Environment: return "environment";
    case FlowPlace::Dlq: return "dlq";
    case FlowPlace::Destination: return "destination";
    case FlowPlace::Done: return "done";
    }
    return "done";
}

namespace {

// [SECTION] Hops

struct Hop {
    TimeMs at = 0;
    FlowPlace from = FlowPlace::Caller, to = FlowPlace::Caller;
    int env = -1;                                   // the environment involved (into or out of), else -1
    int attempt = 0;                                // the attempt it starts or ends, else 0
};

// Where a request that left the system rests.
FlowPlace final_place(const InvocationRecord& r) {
    if (r.invocation_type != InvocationType::Event) return FlowPlace::Caller;
    if (r.dlq_at && !r.dlq_failed) return FlowPlace::Dlq;
    if (r.destination_at && !r.destination_failed) return FlowPlace::Destination;
    return FlowPlace::Done;
}

void hops_of(const InvocationRecord& r, std::vector<Hop>& out) {
    out.clear();
    if (r.invocation_type == InvocationType::DryRun || r.state == InvocationState::Rejected) return;
    const bool async = r.invocation_type == InvocationType::Event;
    if (async) out.push_back({r.accepted_at, FlowPlace::Caller, FlowPlace::Queue, -1, 0});
    for (std::size_t k = 0; k < r.attempts.size(); ++k) {
        const AttemptRecord& a = r.attempts[k];
        const int env = static_cast<int>(a.environment_index);
        out.push_back({a.start, async ? FlowPlace::Queue : FlowPlace::Caller, FlowPlace::Environment, env, a.number});
        if (a.end < 0) return;
        const bool last = k + 1 == r.attempts.size();
        const FlowPlace next = !async ? FlowPlace::Caller : (!last || is_pending(r.state)) ? FlowPlace::Queue : final_place(r);
        out.push_back({a.end, FlowPlace::Environment, next, env, a.number});
    }
    // An event that left without (another) attempt: its age ran out while it waited.
    if (async && !is_pending(r.state) && out.back().to == FlowPlace::Queue) {
        const FlowPlace end = final_place(r);
        out.push_back({r.finished_at.value_or(out.back().at), FlowPlace::Queue, end, -1, 0});
    }
}

// [SECTION] Tokens

void remember_rest(FlowViewState& fs, std::uint32_t inv, FlowPlace place) {
    auto keep = [inv](std::vector<std::uint32_t>& v, std::size_t& total) {
        ++total;
        v.push_back(inv);
        if (v.size() > 8) v.erase(v.begin());
    };
    if (place == FlowPlace::Dlq) keep(fs.recent_dlq, fs.finished_dlq);
    else if (place == FlowPlace::Destination) keep(fs.recent_dest, fs.finished_dest);
    else if (place == FlowPlace::Done) keep(fs.recent_done, fs.finished_done);
}

// New records become tokens; tokens advance one hop at a time; finished ones come to rest.
void update_tokens(FlowViewState& fs, const World& w, std::vector<Hop>& hops) {
    const auto& invs = w.lambda.invocations();
    bool jump = false;                              // tokens of a world seen for the first time do not travel
    if (fs.world != &w || invs.size() < fs.scanned || (fs.scanned > 0 && invs.front().request_id != fs.first_request_id)) {
        fs.forget();
        fs.world = &w;
        jump = true;
    }
    for (std::size_t i = fs.scanned; i < invs.size(); ++i) {
        const InvocationRecord& r = invs[i];
        hops_of(r, hops);
        const auto inv = static_cast<std::uint32_t>(i);
        if (jump || fs.reduced_motion) {
            if (is_pending(r.state)) fs.active.push_back({inv, std::max(0, static_cast<int>(hops.size()) - 1), fs.real_s - 1e9});
            else if (!hops.empty()) remember_rest(fs, inv, hops.back().to);
        } else if (!hops.empty() || is_pending(r.state)) {
            fs.active.push_back({inv, 0, fs.real_s});
        }
    }
    fs.scanned = invs.size();
    fs.first_request_id = invs.empty() ? std::string() : invs.front().request_id;

    std::size_t kept = 0;
    for (FlowViewState::Token t : fs.active) {
        const InvocationRecord& r = invs[t.inv];
        hops_of(r, hops);
        const int last = static_cast<int>(hops.size()) - 1;
        t.shown = std::clamp(t.shown, 0, std::max(0, last));
        if (fs.reduced_motion) t.shown = std::max(0, last), t.started_s = fs.real_s - 1e9;
        if (last - t.shown > 3) t.shown = last - 1, t.started_s = fs.real_s;   // far behind: catch up
        while (t.shown < last && fs.real_s - t.started_s >= FlowViewState::kMinHopRealS) {
            ++t.shown;
            t.started_s = std::max(t.started_s + FlowViewState::kMinHopRealS, fs.real_s - FlowViewState::kMinHopRealS);
        }
        const bool arrived = last < 0 || (t.shown == last && fs.real_s - t.started_s >= FlowViewState::kMinHopRealS);
        if (arrived && !is_pending(r.state)) {
            if (last >= 0) remember_rest(fs, t.inv, hops[static_cast<std::size_t>(last)].to);
            continue;
        }
        fs.active[kept++] = t;
    }
    fs.active.resize(kept);
}

// [SECTION] Layout

struct Box {
    ImVec2 a, b;
    ImVec2 centre() const { return ImVec2((a.x + b.x) / 2, (a.y + b.y) / 2); }
};

struct Layout {
    Box caller, service, queue, function, dlq, dest, done;
    float chip_w = 0, chip_h = 0;
    int chip_cols = 1, chip_rows = 1;
    float env_h = 0;
    int env_rows = 1;
    ImVec2 chip_origin, env_origin;

    ImVec2 chip_pos(std::size_t slot) const {
        const int col = static_cast<int>(slot) % chip_cols, row = static_cast<int>(slot) / chip_cols;
        return ImVec2(chip_origin.x + col * chip_w, chip_origin.y + row * chip_h);
    }
    ImVec2 env_pos(std::size_t row) const { return ImVec2(env_origin.x, env_origin.y + static_cast<float>(row) * env_h); }
};

Layout make_layout(ImVec2 o, ImVec2 size) {
    Layout l;
    // Shares of the width, so a 390-px phone gets the same picture, smaller.
    const float w = size.x, h = size.y, gap = w < px(700) ? px(6) : px(14), title = ImGui::GetTextLineHeightWithSpacing() * 2 + px(6);
    const float inner = std::max(1.0f, w - gap * 3);
    // On a phone the queue (one column of chips) gives room to the narrow boxes' titles.
    const bool narrow = w < px(500);
    const float cw = inner * (narrow ? 0.17f : 0.13f), fw = inner * (narrow ? 0.27f : 0.25f), rw = inner * (narrow ? 0.21f : 0.19f);
    const float sw = inner - cw - fw - rw;
    float x = o.x;
    l.caller = {ImVec2(x, o.y), ImVec2(x + cw, o.y + h)};
    x += cw + gap;
    l.service = {ImVec2(x, o.y), ImVec2(x + sw, o.y + h)};
    l.queue = {ImVec2(x + px(6), o.y + title), ImVec2(x + sw - px(6), o.y + h - px(6))};
    x += sw + gap;
    l.function = {ImVec2(x, o.y), ImVec2(x + fw, o.y + h)};
    x += fw + gap;
    // The DLQ, where a failed event's story ends, gets the most room on the right.
    const float col_h = h - gap * 2, dlq_h = col_h * 0.44f, dest_h = col_h * 0.28f;
    l.dlq = {ImVec2(x, o.y), ImVec2(x + rw, o.y + dlq_h)};
    l.dest = {ImVec2(x, o.y + dlq_h + gap), ImVec2(x + rw, o.y + dlq_h + gap + dest_h)};
    l.done = {ImVec2(x, o.y + dlq_h + dest_h + gap * 2), ImVec2(x + rw, o.y + h)};

    l.chip_w = std::min(std::max(px(60), l.queue.b.x - l.queue.a.x), std::max(ImGui::CalcTextSize("00000000 #3").x, ImGui::CalcTextSize("1h30m · 1m30s").x) + px(40));
    l.chip_h = ImGui::GetTextLineHeight() * 2 + px(10);
    l.chip_cols = std::max(1, static_cast<int>((l.queue.b.x - l.queue.a.x) / l.chip_w));
    l.chip_rows = std::max(1, static_cast<int>((l.queue.b.y - l.queue.a.y) / l.chip_h));
    l.chip_origin = l.queue.a;
    l.env_h = ImGui::GetTextLineHeight() + px(12);
    // On a phone the function's name may take two lines (draw_box's title_lines): one more line.
    l.env_origin = ImVec2(l.function.a.x + px(6), o.y + title + (narrow ? ImGui::GetTextLineHeight() : 0.0f));
    l.env_rows = std::max(1, static_cast<int>((o.y + h - px(6) - l.env_origin.y) / l.env_h));
    return l;
}

// [SECTION] Drawing

ImU32 token_colour(const InvocationRecord& r, int attempts_shown) {
    if (attempts_shown <= 0) return colors::kWait;
    return colors::for_outcome(r.attempts[static_cast<std::size_t>(attempts_shown - 1)].outcome);
}

std::string ms_label(std::int64_t centims) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f ms", static_cast<double>(centims) / 100.0);
    return buf;
}

void token_tooltip(const InvocationRecord& r, TimeMs now) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(px(460));
    ImGui::Text("%s %s · %s · %s", tr(S::Request), r.request_id.c_str(), r.function.c_str(), to_string(r.invocation_type));
    ImGui::TextDisabled("%s", tr(S::FlowPayload));
    ImGui::TextUnformatted(r.payload.empty() ? "{}" : r.payload.c_str());
    ImGui::TextDisabled("%s", tr(S::FlowHistory));
    ImGui::Text("%s  %s (%d)", clock_text(r.accepted_at).c_str(), tr(S::Accepted), r.status_code);
    for (const AttemptRecord& a : r.attempts) {
        if (a.end < 0) {
            ImGui::Text("%s  %s %d: %s%s", clock_text(a.start).c_str(), tr(S::Attempt), a.number, tr(S::Running),
                        a.cold_start ? " (cold)" : "");
            continue;
        }
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::for_outcome(a.outcome)), "%s  %s %d: %s, %s%s%s",
                           clock_text(a.start).c_str(), tr(S::Attempt), a.number,
                           a.outcome == AttemptOutcome::Success ? tr(S::Success) : a.outcome == AttemptOutcome::Timeout ? tr(S::Timeout) : tr(S::Error),
                           ms_label(a.duration_centims).c_str(), a.error_type.empty() ? "" : " · ", a.error_type.c_str());
    }
    if (r.next_attempt_at)
        ImGui::Text("%s  %s (%s %s)", clock_text(*r.next_attempt_at).c_str(), tr(S::WaitingRetry), tr(S::RetryIn),
                    format_duration(std::max<TimeMs>(0, *r.next_attempt_at - now)).c_str());
    if (r.dlq_at) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kDlq), "%s  %s", clock_text(*r.dlq_at).c_str(),
                                     r.dlq_failed ? tr(S::DlqFailed) : tr(S::DlqArrival));
    if (r.destination_at) ImGui::Text("%s  %s %s", clock_text(*r.destination_at).c_str(), tr(S::FlowDestinations), r.destination_target.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

// An invisible button over a token: hover/focus shows its story, a click selects it everywhere.
void token_item(App& app, const InvocationRecord& r, ImVec2 a, ImVec2 b, TimeMs now) {
    ImGui::SetCursorScreenPos(a);
    ImGui::PushID(r.request_id.c_str());
    ImGui::PushID(r.duplicate_of ? 1 : 0);         // a duplicate delivery shares the request id (never copied twice)
    ImGui::InvisibleButton("##token", ImVec2(std::max(1.0f, b.x - a.x), std::max(1.0f, b.y - a.y)));
    ImGui::PopID();
    ImGui::PopID();
    if (ImGui::IsItemClicked()) app.selected_request = r.request_id == app.selected_request ? std::string() : r.request_id;
    if (ImGui::IsItemHovered() || ImGui::IsItemFocused()) token_tooltip(r, now);
}

void draw_token(ImDrawList* dl, ImVec2 c, ImU32 colour, bool selected) {
    const float rad = px(8);
    if (selected) dl->AddCircleFilled(c, rad + px(5), colors::kHighlight), dl->AddCircle(c, rad + px(4), colors::kNow, 0, px(2));
    dl->AddCircleFilled(c, rad, colour);
    dl->AddCircle(c, rad, IM_COL32(255, 255, 255, 160), 0, px(1));
}

// Splits `text` where its first line ends within max_w: after the last '-', '_' or '.' (kept
// on the first line) or before the last space that fits, else after as many characters as fit.
std::pair<std::string, std::string> split_title(const std::string& text, float max_w) {
    std::size_t best = 0, fit = 0;
    for (std::size_t i = 1; i <= text.size(); ++i) {
        if (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;   // inside a UTF-8 character
        if (ImGui::CalcTextSize(text.substr(0, i).c_str()).x > max_w) break;
        fit = i;
        const char c = text[i - 1];
        if (c == '-' || c == '_' || c == '.') best = i;
        else if (i < text.size() && text[i] == ' ') best = i;
    }
    const std::size_t cut = best > 0 ? best : fit;
    if (cut == 0) return {std::string(), text};
    std::string rest = text.substr(cut);
    if (!rest.empty() && rest[0] == ' ') rest.erase(0, 1);
    return {text.substr(0, cut), rest};
}

// A box with its title (and, right-aligned on the title line, `count` when given) and a
// subtitle. On a narrow canvas the title becomes `short_title`, or with title_lines = 2 goes on
// on a second line (label "flowTitle2"), and what still does not fit ends in "…": text never
// runs out of its box or under the count.
void draw_box(App& app, ImDrawList* dl, const Box& b, const char* title, const char* subtitle, ImU32 border, const char* count = nullptr,
              const char* short_title = nullptr, int title_lines = 1) {
    dl->AddRectFilled(b.a, b.b, IM_COL32(40, 44, 52, 255), px(6));
    dl->AddRect(b.a, b.b, border, px(6), 0, px(1.5f));
    const float pad = px(6), lh = ImGui::GetTextLineHeight();
    const float inner = b.b.x - b.a.x - 2 * pad;
    float title_w = inner;
    if (count && *count) {
        const float cw = ImGui::CalcTextSize(count).x;
        const ImVec2 c0(b.b.x - pad - cw, b.a.y + px(4));
        dl->AddText(c0, IM_COL32(235, 235, 240, 255), count);
        app.note_label("flowCount", count, c0, ImVec2(c0.x + cw, c0.y + lh), b.a, b.b);
        title_w = inner - cw - px(6);
    }
    std::string t = title, t2;
    if (ImGui::CalcTextSize(t.c_str()).x > title_w && short_title) t = short_title;
    if (title_lines >= 2 && ImGui::CalcTextSize(t.c_str()).x > title_w) {
        auto [first, rest] = split_title(t, title_w);
        if (!first.empty()) t = first, t2 = fit_text(rest, inner);
    }
    t = fit_text(t, title_w);
    const ImVec2 t0(b.a.x + pad, b.a.y + px(4));
    dl->AddText(t0, IM_COL32(235, 235, 240, 255), t.c_str());
    if (!t.empty()) app.note_label("flowTitle", t, t0, ImVec2(t0.x + ImGui::CalcTextSize(t.c_str()).x, t0.y + lh), b.a, b.b);
    float y = b.a.y + px(4) + lh;
    if (!t2.empty()) {
        const ImVec2 t1(b.a.x + pad, y);
        dl->AddText(t1, IM_COL32(235, 235, 240, 255), t2.c_str());
        app.note_label("flowTitle2", t2, t1, ImVec2(t1.x + ImGui::CalcTextSize(t2.c_str()).x, t1.y + lh), b.a, b.b);
        y += lh;
    }
    if (subtitle && *subtitle && b.b.y - y >= lh + px(2)) {
        const std::string st = fit_text(subtitle, inner);
        const ImVec2 s0(b.a.x + pad, y);
        dl->AddText(s0, IM_COL32(160, 160, 170, 255), st.c_str());
        if (!st.empty()) app.note_label("flowSubtitle", st, s0, ImVec2(s0.x + ImGui::CalcTextSize(st.c_str()).x, s0.y + lh), b.a, b.b);
    }
}

void arrow(ImDrawList* dl, ImVec2 from, ImVec2 to, ImU32 col) {
    dl->AddLine(from, to, col, px(1.5f));
    const float dx = to.x - from.x, dy = to.y - from.y, len = std::max(1.0f, std::sqrt(dx * dx + dy * dy));
    const float ux = dx / len, uy = dy / len, s = px(7);
    dl->AddTriangleFilled(to, ImVec2(to.x - ux * s - uy * s * 0.6f, to.y - uy * s + ux * s * 0.6f),
                          ImVec2(to.x - ux * s + uy * s * 0.6f, to.y - uy * s - ux * s * 0.6f), col);
}

constexpr float kPi = 3.14159265358979f;

float ease(float p) { return p < 0.5f ? 2 * p * p : 1 - std::pow(-2 * p + 2, 2.0f) / 2; }

} // namespace

void draw_flow_view(App& app) {
    const World& w = app.world();
    const TimeMs now = w.now();
    const auto& invs = w.lambda.invocations();
    FlowViewState& fs = app.flow;
    fs.real_s += ImGui::GetIO().DeltaTime;
    static std::vector<Hop> hops;                   // reused: no per-frame allocation
    update_tokens(fs, w, hops);

    FlowDrawn& out = fs.drawn;
    out = FlowDrawn{};
    {
        // The hint, shorter on a narrow canvas (the flow needs the height more than a second line).
        std::string hint = tr(S::FlowHint);
        const float avail_w = ImGui::GetContentRegionAvail().x;
        if (ImGui::CalcTextSize(hint.c_str()).x > avail_w) hint = fit_text(tr(S::FlowHintShort), avail_w);
        ImGui::TextDisabled("%s", hint.c_str());
        if (!hint.empty())
            app.note_label("flowHint", hint, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ImGui::GetItemRectMin(),
                           ImVec2(ImGui::GetItemRectMin().x + avail_w, ImGui::GetItemRectMax().y));
    }
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (avail.x < 50 || avail.y < 50) return;
    const Layout l = make_layout(origin, avail);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 line_col = IM_COL32(120, 125, 140, 255);

    // Boxes and the ways between them.
    std::string dlq_name;
    for (const auto& [name, f] : w.lambda.functions())
        if (!f.dead_letter_target.empty()) { dlq_name = f.dead_letter_target.substr(f.dead_letter_target.rfind(':') + 1); break; }
    char dlq_count[24], dest_count[24], done_count[24];
    std::snprintf(dlq_count, sizeof dlq_count, "%zu", fs.finished_dlq);
    std::snprintf(dest_count, sizeof dest_count, "%zu", fs.finished_dest);
    std::snprintf(done_count, sizeof done_count, "%zu", fs.finished_done);
    draw_box(app, dl, l.caller, tr(S::FlowCaller), tr(S::FlowCallerHint), line_col);
    draw_box(app, dl, l.service, tr(S::FlowService), tr(S::FlowQueue), IM_COL32(255, 153, 0, 255));
    const std::string fn_title = w.lambda.functions().size() == 1 ? w.lambda.functions().begin()->first : tr(S::FlowFunction);
    char env_sub[96];
    std::snprintf(env_sub, sizeof env_sub, "%s · %zu", tr(S::FunctionEnvs), w.lambda.environments().size());
    draw_box(app, dl, l.function, fn_title.c_str(), env_sub, colors::kRunning, nullptr, nullptr, 2);   // "demo-lambda" whole on a phone
    draw_box(app, dl, l.dlq, tr(S::FlowDlq), dlq_name.empty() ? tr(S::FlowNoDlq) : dlq_name.c_str(), colors::kDlq, dlq_count);
    draw_box(app, dl, l.dest, tr(S::FlowDestinations), "", line_col, dest_count, tr(S::FlowDestinationsShort));
    draw_box(app, dl, l.done, tr(S::FlowDone), "", colors::kSuccess, done_count, tr(S::FlowDoneShort));
    const float mid = (l.service.a.y + l.service.b.y) / 2;
    arrow(dl, ImVec2(l.caller.b.x, mid - px(20)), ImVec2(l.service.a.x, mid - px(20)), line_col);
    arrow(dl, ImVec2(l.service.b.x, mid - px(20)), ImVec2(l.function.a.x, mid - px(20)), line_col);
    arrow(dl, ImVec2(l.function.a.x, mid + px(20)), ImVec2(l.service.b.x, mid + px(20)), line_col);   // back for a retry
    arrow(dl, ImVec2(l.function.b.x, mid), ImVec2(l.dlq.a.x, l.dlq.centre().y), colors::kDlq);
    arrow(dl, ImVec2(l.function.b.x, mid), ImVec2(l.dest.a.x, l.dest.centre().y), line_col);
    arrow(dl, ImVec2(l.function.b.x, mid), ImVec2(l.done.a.x, l.done.centre().y), line_col);

    // Environments (rows), with which token each holds.
    const auto& envs = w.lambda.environments();
    const std::size_t env_rows = std::min<std::size_t>(envs.size(), static_cast<std::size_t>(l.env_rows));
    for (std::size_t i = 0; i < envs.size(); ++i) {
        const ExecutionEnvironment& e = envs[i];
        out.envs.push_back({std::string(e.id()), e.busy, e.busy && e.invocations_served == 0, std::string(e.current_request_id)});
        if (i >= env_rows) continue;
        const ImVec2 a = l.env_pos(i), b(l.function.b.x - px(6), a.y + l.env_h - px(3));
        const bool cold = e.busy && e.invocations_served == 0;
        dl->AddRectFilled(a, b, e.busy ? IM_COL32(30, 60, 110, 255) : IM_COL32(55, 58, 66, 255), px(4));
        dl->AddRect(a, b, cold ? IM_COL32(120, 200, 255, 255) : e.busy ? colors::kRunning : IM_COL32(110, 110, 120, 255), px(4), 0,
                    px(cold ? 2.0f : 1.0f));
        char text[96];
        std::snprintf(text, sizeof text, "%s %s · %s", std::string(e.id().substr(0, 6)).c_str(),
                      e.busy ? tr(S::EnvBusy) : tr(S::EnvIdle), cold ? tr(S::EnvCold) : tr(S::EnvWarm));
        const std::string shown = fit_text(text, b.x - a.x - px(28));
        dl->AddText(ImVec2(a.x + px(24), a.y + px(6)), IM_COL32(230, 230, 235, 255), shown.c_str());
    }
    if (envs.size() > env_rows && env_rows > 0) {
        char more[48];
        std::snprintf(more, sizeof more, "+%zu %s", envs.size() - env_rows, tr(S::FlowMore));
        dl->AddText(ImVec2(l.function.b.x - ImGui::CalcTextSize(more).x - px(8), l.function.b.y - ImGui::GetTextLineHeight() - px(4)),
                    IM_COL32(180, 180, 190, 255), more);
    }
    auto env_centre = [&](int env) {
        const std::size_t row = env < 0 ? 0 : std::min<std::size_t>(static_cast<std::size_t>(env), env_rows > 0 ? env_rows - 1 : 0);
        const ImVec2 a = l.env_pos(row);
        return ImVec2(a.x + px(12), a.y + (l.env_h - px(3)) / 2);
    };

    // Tokens: resting ones first (queue chips, environments), moving ones on top.
    struct Moving { const InvocationRecord* r; ImVec2 from, to; float p; std::string label; ImU32 colour; };
    std::vector<Moving> moving;
    std::size_t chip_slots = static_cast<std::size_t>(l.chip_cols * l.chip_rows);
    std::size_t queue_total = 0;
    for (const FlowViewState::Token& t : fs.active) {
        const InvocationRecord& r = invs[t.inv];
        if (r.state == InvocationState::Queued || r.state == InvocationState::WaitingRetry) ++queue_total;
    }
    out.queue_total = queue_total;
    const std::size_t chip_cap = queue_total > chip_slots ? chip_slots - 1 : chip_slots;
    std::size_t chip = 0;
    auto caller_pos = [&](std::size_t k) {
        return ImVec2(l.caller.centre().x, l.caller.a.y + ImGui::GetTextLineHeightWithSpacing() * 2 + px(20) + static_cast<float>(k % 6) * px(22));
    };
    std::size_t at_caller = 0;
    for (const FlowViewState::Token& t : fs.active) {
        const InvocationRecord& r = invs[t.inv];
        hops_of(r, hops);
        const bool selected = !app.selected_request.empty() && r.request_id == app.selected_request;
        if (hops.empty()) continue;
        const Hop& h = hops[static_cast<std::size_t>(t.shown)];
        int attempts_shown = 0;                     // attempts begun up to the shown hop
        for (int k = 0; k <= t.shown; ++k) if (hops[static_cast<std::size_t>(k)].to == FlowPlace::Environment) ++attempts_shown;
        const float p = fs.reduced_motion ? 1.0f : std::clamp(static_cast<float>((fs.real_s - t.started_s) / FlowViewState::kMinHopRealS), 0.0f, 1.0f);
        // The slot a token occupies at a place (the queue slot is claimed even while it travels there).
        std::size_t my_chip = SIZE_MAX;
        if (h.to == FlowPlace::Queue && chip < chip_cap) my_chip = chip++;
        auto place_pos = [&](FlowPlace place, int env) -> ImVec2 {
            switch (place) {
            case FlowPlace::Caller: return caller_pos(at_caller);
            case FlowPlace::Queue: {
                if (my_chip == SIZE_MAX) return l.queue.centre();
                const ImVec2 c = l.chip_pos(my_chip);
                return ImVec2(c.x + px(16), c.y + l.chip_h / 2);
            }
            case FlowPlace::Environment: return env_centre(env);
            case FlowPlace::Dlq: return l.dlq.centre();
            case FlowPlace::Destination: return l.dest.centre();
            case FlowPlace::Done: return l.done.centre();
            }
            return l.caller.centre();
        };
        const ImVec2 to = place_pos(h.to, h.env);
        const ImU32 colour = token_colour(r, h.to == FlowPlace::Environment ? attempts_shown - 1 : attempts_shown);
        if (p < 1.0f) {
            std::string label;
            if (h.to == FlowPlace::Environment) {
                const AttemptRecord& a = r.attempts[static_cast<std::size_t>(h.attempt - 1)];
                char buf[64];
                std::snprintf(buf, sizeof buf, "#%d %s", h.attempt, a.end >= 0 ? ms_label(a.duration_centims).c_str() : tr(S::Running));
                label = buf;
            } else if (h.to == FlowPlace::Queue && h.from == FlowPlace::Environment && r.next_attempt_at) {
                label = std::string(tr(S::RetryIn)) + " " + format_duration(*r.next_attempt_at - h.at);
            } else if (h.to == FlowPlace::Dlq) {
                label = "→ DLQ";
            }
            moving.push_back({&r, place_pos(h.from, h.env), to, p, label, colour});
            out.moving.push_back({r.request_id, h.from, h.to, label});
            if (h.to == FlowPlace::Caller) ++at_caller;
        }
        if (h.to == FlowPlace::Queue && my_chip != SIZE_MAX) {
            // The chip: ring counting down to the next attempt, short id and attempt number, age.
            const ImVec2 a = l.chip_pos(my_chip), b(a.x + l.chip_w - px(4), a.y + l.chip_h - px(4));
            const bool waiting_now = r.state == InvocationState::Queued || r.state == InvocationState::WaitingRetry;
            // A token behind its record shows the wait it is in (which has already ended: 0 left).
            const bool behind = t.shown + 1 < static_cast<int>(hops.size());
            const TimeMs due = behind ? hops[static_cast<std::size_t>(t.shown) + 1].at
                               : r.next_attempt_at ? *r.next_attempt_at : r.accepted_at + LambdaService::kAsyncPollDelayMs;
            const TimeMs wait_start = h.at;
            const TimeMs left = waiting_now || behind ? std::max<TimeMs>(0, due - now) : 0;
            const int next_attempt = attempts_shown + 1;
            out.queue.push_back({r.request_id, next_attempt, now - r.accepted_at, left, next_attempt > 1});
            dl->AddRectFilled(a, b, selected ? IM_COL32(90, 80, 40, 255) : IM_COL32(58, 62, 72, 255), px(4));
            if (selected) dl->AddRect(a, b, colors::kNow, px(4), 0, px(2));
            if (p >= 1.0f) {
                const ImVec2 c(a.x + px(16), a.y + l.chip_h / 2 - px(2));
                const float total = static_cast<float>(std::max<TimeMs>(1, due - wait_start));
                const float frac = std::clamp(static_cast<float>(left) / total, 0.0f, 1.0f);
                dl->PathArcTo(c, px(12), -kPi / 2, -kPi / 2 + 2 * kPi * frac, 32);
                dl->PathStroke(colors::kNow, 0, px(3));
                draw_token(dl, c, colour, selected);
            }
            char attempt[16], line2[96];
            std::snprintf(attempt, sizeof attempt, " #%d", next_attempt);
            std::snprintf(line2, sizeof line2, "%s %s", format_duration(now - r.accepted_at).c_str(),
                          left > 0 ? ("· " + format_duration(left)).c_str() : "");
            // A chip narrower than its text (a phone's single column) shortens it with "…": the
            // id's tail first, since the attempt number says more than the id's last characters.
            const float text_w = b.x - a.x - px(34), lh = ImGui::GetTextLineHeight();
            const std::string id = short_id(r.request_id), line1 = id + attempt;
            std::string t1 = fit_text(line1, text_w);
            if (t1 != line1) {
                const std::string id_fit = fit_text(id, text_w - ImGui::CalcTextSize(attempt).x);
                t1 = id_fit.empty() ? fit_text(attempt + 1, text_w) : id_fit + attempt;
            }
            // The second line, age · time left, where it fits; else (a phone's chip) the time left
            // alone, which is what the ring beside it counts down (the age is in the hover card).
            std::string t2 = line2;
            if (ImGui::CalcTextSize(line2).x > text_w) t2 = fit_text(format_duration(left > 0 ? left : now - r.accepted_at), text_w);
            const ImVec2 p1(a.x + px(32), a.y + px(3)), p2(a.x + px(32), a.y + px(3) + lh);
            dl->AddText(p1, IM_COL32(235, 235, 240, 255), t1.c_str());
            dl->AddText(p2, IM_COL32(255, 214, 89, 255), t2.c_str());
            if (!t1.empty()) app.note_label("queueChip", t1, p1, ImVec2(p1.x + ImGui::CalcTextSize(t1.c_str()).x, p1.y + lh), a, b);
            if (!t2.empty()) app.note_label("queueChip", t2, p2, ImVec2(p2.x + ImGui::CalcTextSize(t2.c_str()).x, p2.y + lh), a, b);
            token_item(app, r, a, b, now);
        } else if (p >= 1.0f && h.to == FlowPlace::Environment) {
            const ImVec2 c = env_centre(h.env);
            draw_token(dl, c, colors::kRunning, selected);
            token_item(app, r, ImVec2(c.x - px(10), c.y - px(10)), ImVec2(c.x + px(10), c.y + px(10)), now);
        } else if (p >= 1.0f && h.to == FlowPlace::Caller) {
            const ImVec2 c = caller_pos(at_caller++);
            draw_token(dl, c, colour, selected);
            token_item(app, r, ImVec2(c.x - px(10), c.y - px(10)), ImVec2(c.x + px(10), c.y + px(10)), now);
        }
    }
    if (queue_total > chip_cap && chip_slots > 0) {
        const ImVec2 a = l.chip_pos(chip_slots - 1);
        char more[48];
        std::snprintf(more, sizeof more, "+%zu %s", queue_total - chip_cap, tr(S::FlowMore));
        dl->AddText(ImVec2(a.x + px(8), a.y + px(8)), IM_COL32(200, 200, 210, 255), more);
    }
    if (queue_total == 0) {
        // Wrapped, not cut: on a phone the box is narrow but tall, and "nothing is scheduled" is the
        // sentence that explains why the clock waits (issue 11 item 3).
        const char* idle = w.scheduler.pending() == 0 ? tr(S::QueueEmpty) : tr(S::FlowIdle);
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(l.queue.a.x + px(4), l.queue.a.y + px(4)),
                    IM_COL32(150, 150, 160, 255), idle, nullptr, l.queue.b.x - l.queue.a.x - px(8));
    }

    // Requests at rest in the DLQ, destinations and finished boxes (the last few, with the counts).
    auto rest_box = [&](const Box& box, const std::vector<std::uint32_t>& recent, std::size_t total, ImU32 colour, std::vector<std::string>* ids) {
        (void)total;                                // the count is on the box's title line (draw_box)
        // The newest at the right, on the box's bottom row (below the title when there is room).
        const float step = px(22);
        const int fit = std::max(1, static_cast<int>((box.b.x - box.a.x - px(12)) / step));
        const float y = std::max(box.a.y + ImGui::GetTextLineHeight() + px(14), std::min(box.b.y - px(12),
                                 box.a.y + ImGui::GetTextLineHeightWithSpacing() * 2 + px(14)));
        std::size_t first = recent.size() > static_cast<std::size_t>(fit) ? recent.size() - static_cast<std::size_t>(fit) : 0;
        for (std::size_t k = first; k < recent.size(); ++k) {
            if (recent[k] >= invs.size()) continue;
            const InvocationRecord& r = invs[recent[k]];
            if (ids) ids->push_back(r.request_id);
            const ImVec2 c(box.b.x - px(16) - static_cast<float>(recent.size() - 1 - k) * step, y);
            draw_token(dl, c, colour == 0 ? token_colour(r, static_cast<int>(r.attempts.size())) : colour,
                       !app.selected_request.empty() && r.request_id == app.selected_request);
            token_item(app, r, ImVec2(c.x - px(10), c.y - px(10)), ImVec2(c.x + px(10), c.y + px(10)), now);
        }
    };
    rest_box(l.dlq, fs.recent_dlq, fs.finished_dlq, colors::kDlq, &out.dlq);
    rest_box(l.dest, fs.recent_dest, fs.finished_dest, 0, nullptr);
    rest_box(l.done, fs.recent_done, fs.finished_done, 0, nullptr);
    out.dlq_total = fs.finished_dlq;
    out.destination_total = fs.finished_dest;
    out.done_total = fs.finished_done;

    for (const Moving& m : moving) {
        const float e = ease(m.p);
        const ImVec2 c(m.from.x + (m.to.x - m.from.x) * e, m.from.y + (m.to.y - m.from.y) * e);
        const bool selected = !app.selected_request.empty() && m.r->request_id == app.selected_request;
        draw_token(dl, c, m.colour, selected);
        if (!m.label.empty()) {
            const ImVec2 ts = ImGui::CalcTextSize(m.label.c_str());
            dl->AddRectFilled(ImVec2(c.x - ts.x / 2 - px(3), c.y - px(12) - ts.y), ImVec2(c.x + ts.x / 2 + px(3), c.y - px(10)),
                              IM_COL32(20, 20, 24, 220), px(3));
            dl->AddText(ImVec2(c.x - ts.x / 2, c.y - px(11) - ts.y), IM_COL32(255, 255, 255, 255), m.label.c_str());
        }
        if (ImGui::IsMouseHoveringRect(ImVec2(c.x - px(10), c.y - px(10)), ImVec2(c.x + px(10), c.y + px(10)))) token_tooltip(*m.r, now);
    }
    // The drawing used absolute positions: claim the area so the window knows its size.
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(avail);
}

} // namespace invokelab::ui
