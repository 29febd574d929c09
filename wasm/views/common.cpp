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

std::string short_id(const std::string& request_id) { return request_id.substr(0, 8); }

namespace { float g_scale = 1.0f; }

void set_frame_scale(float device_pixel_ratio) { g_scale = device_pixel_ratio > 0 ? device_pixel_ratio : 1.0f; }
float px(float css) { return css * g_scale; }

} // namespace invokelab::ui
