#include "views/views.h"
#include "util/timefmt.h"

namespace invokelab::ui {

ImU32 colors::for_outcome(AttemptOutcome outcome) {
    switch (outcome) {
    case AttemptOutcome::Success: return kSuccess;
    case AttemptOutcome::Error: return kError;
    case AttemptOutcome::Timeout: return kTimeout;
    case AttemptOutcome::Running: return kRunning;
    }
    return kRunning;
}

std::string clock_text(TimeMs t) { return clock_hms(t); }

std::string short_id(std::string_view request_id) { return std::string(request_id.substr(0, 8)); }

std::string fit_text(const std::string& text, float max_w, float scale) {
    auto width = [scale](const std::string& t) { return ImGui::CalcTextSize(t.c_str()).x * scale; };
    if (width(text) <= max_w) return text;
    // Cut at a UTF-8 character boundary (Korean is three bytes a character) and add "…".
    static const std::string kEllipsis = "\xE2\x80\xA6";
    std::size_t keep = text.size();
    while (keep > 0) {
        do --keep; while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80);
        std::string t = text.substr(0, keep);
        while (!t.empty() && t.back() == ' ') t.pop_back();
        if (t.empty()) break;
        t += kEllipsis;
        if (width(t) <= max_w) return t;
    }
    return std::string();
}

namespace { float g_scale = 1.0f; }

void set_frame_scale(float device_pixel_ratio) { g_scale = device_pixel_ratio > 0 ? device_pixel_ratio : 1.0f; }
float px(float css) { return css * g_scale; }

} // namespace invokelab::ui
