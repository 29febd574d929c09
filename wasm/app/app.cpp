#include "app/app.h"
#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>
#include <nlohmann/json.hpp>

namespace invokelab::ui {

CommandResult App::run(const std::string& line, Origin origin) {
    if (origin == Origin::Canvas) {
        // A canvas button fires in the middle of drawing, while views still hold references
        // into the world; `lab reset` would free it under them. Run it after the frame.
        deferred_.push_back(line);
        return {};
    }
    return execute(line, origin);
}

CommandResult App::execute(const std::string& line, Origin origin) {
    CommandResult r;
    if (travel_.in_past()) travel_.resume();        // a command in the past starts a branch from here
    try {
        r = shell_.run(line);
    } catch (const std::exception& e) {     // the Shell reports errors itself; this is the last guard
        r = {"", std::string("invokelab: internal error: ") + e.what() + "\n", 255};
    }
    if (origin == Origin::Canvas) notices_.push_back({Notice::Kind::Command, line, result_json(r)});
    return r;
}

std::string App::result_json(const CommandResult& r) {
    ojson j;
    j["stdout"] = r.out;
    j["stderr"] = r.err;
    j["exitCode"] = r.exit_code;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void App::advance_real_time(double real_ms) {
    if (!playing_ || !(real_ms > 0)) return;
    carry_ms_ += std::min(real_ms, kMaxRealStepMs) * speed_;
    const double whole = std::floor(carry_ms_);
    if (whole < 1.0) return;
    carry_ms_ -= whole;
    World& w = shell_.world();
    if (travel_.in_past()) {                        // replaying: commands come back at their times
        travel_.seek(w.now() + static_cast<TimeMs>(whole));
        return;
    }
    w.scheduler.run_until(w.now() + static_cast<TimeMs>(whole));
}

void App::seek(TimeMs t) {
    if (travel_.seek(t)) forget_world_caches();
    else flow.forget();                             // a seek is a jump: tokens appear where they are
}

void App::step_event(int direction) {
    const auto t = direction < 0 ? travel_.previous_event() : travel_.next_event();
    if (t) seek(*t);
}

void App::resume_here() { travel_.resume(); }

void App::undo_resume() {
    if (travel_.undo()) forget_world_caches();
}

std::size_t App::build_checkpoints(double budget_ms) {
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    std::size_t total = 0;
    // Small slices: one replayed line takes ~0.05 ms natively, ~0.2 ms in WASM.
    while (std::chrono::duration<double, std::milli>(Clock::now() - t0).count() < budget_ms) {
        const std::size_t n = travel_.build_checkpoints(8);
        total += n;
        if (n == 0) break;
    }
    return total;
}

std::string App::travel_json() const {
    ojson j;
    j["now"] = travel_.now();
    j["end"] = travel_.end();
    j["inPast"] = travel_.in_past();
    j["canUndo"] = travel_.can_undo();
    j["replayed"] = travel_.replayed_lines();       // lines the last seek replayed
    j["checkpoints"] = travel_.checkpoints();       // time travel's kept replays (seeks from them are short)
    j["checkpointsMissing"] = travel_.checkpoints_missing();
    j["frameMs"] = std::round(frame_ms_ * 100.0) / 100.0;   // the last frame's draw (wall ms)
    return j.dump();
}

void App::forget_world_caches() {
    timeline.sync_rows.clear();
    timeline.async_rows.clear();
    timeline.indexed = 0;
    timeline.first_request_id.clear();
    logs.lines.clear();
    logs.cached_world = nullptr;
    logs.cached_trace_size = 0;
    logs.cached_key.clear();
    flow.forget();
}

void App::next_event(Origin origin) {
    if (origin == Origin::Canvas) {
        run("lab next", origin);                    // the terminal shows the same step
        return;
    }
    if (travel_.in_past()) {
        step_event(+1);
        return;
    }
    World& w = shell_.world();
    if (auto t = w.scheduler.next_event_time()) w.scheduler.run_until(*t);
}

void App::set_playing(bool playing, Origin origin) {
    if (playing_ == playing) return;
    playing_ = playing;
    carry_ms_ = 0.0;
    ui_changed(origin);
}

void App::set_speed(double multiplier, Origin origin) {
    if (!std::isfinite(multiplier)) return;
    const double s = std::clamp(multiplier, kMinSpeed, kMaxSpeed);
    if (s == speed_) return;
    speed_ = s;
    ui_changed(origin);
}

void App::set_lang(Lang lang, Origin origin) {
    if (ui::lang() == lang) return;
    ui::set_lang(lang);
    ui_changed(origin);
}

void App::ui_changed(Origin origin) {
    // Changes the page asked for are not echoed back: the page already knows, and an echo
    // could loop through its own onUi handler.
    if (origin == Origin::Canvas) notices_.push_back({Notice::Kind::Ui, {}, ui_json()});
}

void App::begin_frame(float device_pixel_ratio) {
    dpr_ = device_pixel_ratio > 0 ? device_pixel_ratio : 1.0f;
    controls_building_.clear();
    labels_building_.clear();
    text_inputs_building_.clear();
}

void App::note_control(const char* name) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    controls_building_.emplace_back(name, ImVec4(a.x / dpr_, a.y / dpr_, (b.x - a.x) / dpr_, (b.y - a.y) / dpr_));
}

void App::note_text_input(const char* name) {
    note_control(name);
    const ImVec4& r = controls_building_.back().second;
    text_inputs_building_.insert(text_inputs_building_.end(), {r.x, r.y, r.z, r.w});
}

void App::note_rect(const char* name, ImVec2 a, ImVec2 b) {
    controls_building_.emplace_back(name, ImVec4(a.x / dpr_, a.y / dpr_, (b.x - a.x) / dpr_, (b.y - a.y) / dpr_));
}

void App::note_label(const char* what, const std::string& text, ImVec2 a, ImVec2 b, ImVec2 area_a, ImVec2 area_b) {
    labels_building_.push_back({what, text, ImVec4(a.x / dpr_, a.y / dpr_, b.x / dpr_, b.y / dpr_),
                                ImVec4(area_a.x / dpr_, area_a.y / dpr_, area_b.x / dpr_, area_b.y / dpr_)});
}

void App::end_frame() {
    controls_ = controls_building_;                 // published whole: a reader never sees half a frame's set
    labels_.swap(labels_building_);
    text_inputs_.swap(text_inputs_building_);
    if (frame_ == 0) first_frame_time_ = world().now();
    ++frame_;
    for (const std::string& line : std::exchange(deferred_, {})) execute(line, Origin::Canvas);
}

std::string App::ui_json() const {
    ojson ui;
    ui["playing"] = playing_;
    ui["speed"] = speed_;
    ui["lang"] = lang_code();
    ui["frame"] = frame_;
    if (frame_ > 0) ui["firstFrameTime"] = first_frame_time_;   // virtual ms shown on the first frame
    ojson controls = ojson::object();
    for (const auto& [name, r] : controls_) {
        auto round1 = [](float v) { return std::round(v * 10.0f) / 10.0f; };
        controls[name] = {round1(r.x), round1(r.y), round1(r.z), round1(r.w)};
    }
    ui["controls"] = std::move(controls);
    ui["dpr"] = dpr_;
    ui["travel"] = ojson::parse(travel_json());
    ui["reducedMotion"] = flow.reduced_motion;
    ui["textInput"] = ImGui::GetCurrentContext() && ImGui::GetIO().WantTextInput;   // a canvas text field has the keys
    return ui.dump();
}

std::string App::panel_json() const {
    const World& w = world();
    ojson j;
    j["time"] = w.now();
    j["region"] = w.region;
    j["account"] = w.account_id;
    // Each function as LambdaService::state_json() (core/lambda/state.cpp) writes it, less its
    // queue and metrics; views_test checks the two agree field by field.
    ojson fns = ojson::array();
    for (const auto& [name, f] : w.lambda.functions()) {
        ojson fn;
        fn["configuration"] = w.lambda.configuration_json(f, true);
        fn["eventInvokeConfig"] = f.event_invoke_config ? w.lambda.event_invoke_config_json(f) : ojson(nullptr);
        fn["effectiveMaximumRetryAttempts"] = w.lambda.max_retry_attempts(f);
        fn["effectiveMaximumEventAgeInSeconds"] = w.lambda.max_event_age_s(f);
        const FailureInjection& fi = f.failure;
        const char* mode = fi.mode == FailureInjection::Mode::Always ? "always"
                         : fi.mode == FailureInjection::Mode::FirstN ? "first"
                         : fi.mode == FailureInjection::Mode::Rate   ? "rate"
                                                                     : "off";
        fn["failure"] = {{"mode", mode}, {"firstN", fi.first_n}, {"attemptsSeen", fi.attempts_seen}, {"rate", fi.rate},
                         {"errorType", fi.error_type}, {"errorMessage", fi.error_message},
                         {"durationMs", fi.duration_ms ? ojson(*fi.duration_ms) : ojson(nullptr)}};
        fns.push_back(std::move(fn));
    }
    j["lambda"] = {{"functions", std::move(fns)}};
    j["iam"] = w.iam.state_json();
    ojson ui;
    ui["playing"] = playing_;
    ui["speed"] = speed_;
    ui["lang"] = lang_code();
    ui["travel"] = ojson::parse(travel_json());
    j["ui"] = std::move(ui);
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string App::state_json() const {
    ojson j = world().state_json();
    j["ui"] = ojson::parse(ui_json());
    // What the flow view drew last frame, in words (tests, and a text equivalent of the picture).
    const FlowDrawn& d = flow.drawn;
    ojson queue = ojson::array();
    for (const auto& c : d.queue)
        queue.push_back({{"requestId", c.request_id}, {"attempt", c.attempt}, {"ageMs", c.age_ms}, {"retryInMs", c.retry_in_ms}});
    ojson envs = ojson::array();
    for (const auto& e : d.envs) envs.push_back({{"id", e.id}, {"busy", e.busy}, {"cold", e.cold}, {"requestId", e.request_id}});
    ojson moving = ojson::array();
    for (const auto& m : d.moving)
        moving.push_back({{"requestId", m.request_id}, {"from", to_string(m.from)}, {"to", to_string(m.to)}, {"label", m.label}});
    j["ui"]["flow"] = {{"queue", queue}, {"queueTotal", d.queue_total}, {"environments", envs}, {"dlq", d.dlq},
                       {"dlqTotal", d.dlq_total}, {"destinationTotal", d.destination_total}, {"doneTotal", d.done_total},
                       {"moving", moving}};
    // The lanes' axis as drawn last frame: the story's compressed waits (views/time_axis.h).
    ojson breaks = ojson::array();
    for (const AxisBreak& b : timeline.drawn_axis.breaks)
        breaks.push_back({{"from", b.t0}, {"to", b.t1}, {"widthPx", b.width}, {"label", break_label(b.t1 - b.t0, true)}});
    j["ui"]["timeline"] = {{"followNow", timeline.follow_now}, {"msPerPx", timeline.drawn_axis.ms_per_px}, {"breaks", breaks}};
    // Text placed where a narrow canvas may lack room, with the area it must stay inside.
    ojson labels = ojson::array();
    auto round1 = [](float v) { return std::round(v * 10.0f) / 10.0f; };
    for (const DrawnLabel& l : labels_)
        labels.push_back({{"what", l.what}, {"text", l.text}, {"rect", {round1(l.rect.x), round1(l.rect.y), round1(l.rect.z), round1(l.rect.w)}},
                          {"area", {round1(l.area.x), round1(l.area.y), round1(l.area.z), round1(l.area.w)}}});
    j["ui"]["labels"] = std::move(labels);
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace invokelab::ui
