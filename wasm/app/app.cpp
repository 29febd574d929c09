#include "app/app.h"
#include <algorithm>
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
    w.scheduler.run_until(w.now() + static_cast<TimeMs>(whole));
}

void App::next_event(Origin origin) {
    if (origin == Origin::Canvas) {
        run("lab next", origin);                    // the terminal shows the same step
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
}

void App::note_control(const char* name) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    controls_building_.emplace_back(name, ImVec4(a.x / dpr_, a.y / dpr_, (b.x - a.x) / dpr_, (b.y - a.y) / dpr_));
}

void App::end_frame() {
    controls_ = controls_building_;                 // published whole: a reader never sees half a frame's set
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
    return ui.dump();
}

std::string App::state_json() const {
    ojson j = world().state_json();
    j["ui"] = ojson::parse(ui_json());
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace invokelab::ui
