// The time bar: the one place time is controlled. Every control keeps its place whatever
// the state (the play button is as wide as its widest label), so a learner's hand and a
// test's click always find it.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include "util/timefmt.h"
#include "views/views.h"

namespace invokelab::ui {
namespace {

bool speed_button(App& app, const char* label, const char* control, double value) {
    const bool active = std::fabs(app.speed() - value) < 1e-9;
    if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    const bool pressed = ImGui::Button(label);
    if (active) ImGui::PopStyleColor();
    app.note_control(control);
    if (pressed) app.set_speed(value, Origin::Canvas);
    return pressed;
}

} // namespace

void draw_time_bar(App& app) {
    const World& w = app.world();

    // Play/pause: fixed width so nothing after it moves when it toggles.
    char play_label[96];
    const float play_w = std::max(ImGui::CalcTextSize(tr(S::Play)).x, ImGui::CalcTextSize(tr(S::Pause)).x) +
                         ImGui::CalcTextSize("▶ ").x + ImGui::GetStyle().FramePadding.x * 2;
    std::snprintf(play_label, sizeof play_label, "%s %s###playPause", app.playing() ? "■" : "▶",
                  app.playing() ? tr(S::Pause) : tr(S::Play));
    if (ImGui::Button(play_label, ImVec2(play_w, 0))) app.set_playing(!app.playing(), Origin::Canvas);
    app.note_control("playPause");

    ImGui::SameLine(0, px(16));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(S::Speed));
    ImGui::SameLine();
    speed_button(app, "1x###speed1", "speed1", 1);
    ImGui::SameLine();
    speed_button(app, "10x###speed10", "speed10", 10);
    ImGui::SameLine();
    speed_button(app, "60x###speed60", "speed60", 60);
    ImGui::SameLine();
    speed_button(app, "600x###speed600", "speed600", 600);
    ImGui::SameLine();
    float speed = static_cast<float>(app.speed());
    ImGui::SetNextItemWidth(px(150));
    if (ImGui::SliderFloat("##speedSlider", &speed, static_cast<float>(App::kMinSpeed), static_cast<float>(App::kMaxSpeed),
                           speed < 10 ? "%.1fx" : "%.0fx", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
        app.set_speed(speed, Origin::Canvas);
    app.note_control("speedSlider");

    ImGui::SameLine(0, px(16));
    char label[96];
    std::snprintf(label, sizeof label, "%s →###next", tr(S::NextEvent));
    ImGui::BeginDisabled(!w.scheduler.next_event_time());
    if (ImGui::Button(label)) app.next_event(Origin::Canvas);
    ImGui::EndDisabled();
    app.note_control("next");

    ImGui::SameLine();
    std::snprintf(label, sizeof label, "%s###reset", tr(S::Reset));
    if (ImGui::Button(label)) app.run("lab reset", Origin::Canvas);
    app.note_control("reset");

    ImGui::SameLine(0, px(16));
    std::snprintf(label, sizeof label, "%s###lang", lang() == Lang::Ko ? "English" : "한국어");
    if (ImGui::Button(label)) app.set_lang(lang() == Lang::Ko ? Lang::En : Lang::Ko, Origin::Canvas);
    app.note_control("lang");

    // Second line: the clock, always in the same place and in a fixed-width layout.
    const std::string clock = clock_text(w.now());
    ImGui::TextDisabled("%s", tr(S::Clock));
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(1.0f, 0.84f, 0.35f, 1.0f), "%s", clock.c_str());
    // After the clock, each piece only where it fits (a phone shows the clock alone rather than
    // half a date): the date, the seed, the next event.
    const float line_end = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    auto fits = [&](const std::string& text, float spacing) {
        return ImGui::GetItemRectMax().x + spacing + ImGui::CalcTextSize(text.c_str()).x <= line_end;
    };
    const std::string iso = iso8601_ms(w.now());
    if (!fits(iso, px(12))) return;
    ImGui::SameLine(0, px(12));
    ImGui::TextUnformatted(iso.c_str());
    char seed[64];
    std::snprintf(seed, sizeof seed, "%s %llu", tr(S::Seed), static_cast<unsigned long long>(w.seed()));
    if (!fits(seed, px(20))) return;
    ImGui::SameLine(0, px(20));
    ImGui::TextDisabled("%s", tr(S::Seed));
    ImGui::SameLine();
    ImGui::Text("%llu", static_cast<unsigned long long>(w.seed()));
    char next_text[160];
    if (auto next = w.scheduler.next_event_time())
        std::snprintf(next_text, sizeof next_text, "%s: +%s (%s)", tr(S::NextEvent), format_duration(*next - w.now()).c_str(), clock_text(*next).c_str());
    else
        std::snprintf(next_text, sizeof next_text, "%s", tr(S::QueueEmpty));
    if (!fits(next_text, px(20))) return;
    ImGui::SameLine(0, px(20));
    ImGui::TextDisabled("%s", next_text);
}

} // namespace invokelab::ui
