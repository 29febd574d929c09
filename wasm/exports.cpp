#include "web_api.h"
#include <emscripten.h>
#include <string>
#include "app/app.h"

using invokelab::ui::App;
using invokelab::ui::Origin;

namespace {
App* g_app = nullptr;
}

void set_exported_app(App* app) { g_app = app; }

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* il_run(const char* line) {
    static std::string out;
    if (!g_app) return "{\"stdout\":\"\",\"stderr\":\"invokelab: not started\\n\",\"exitCode\":255}";
    out = App::result_json(g_app->run(line ? line : "", Origin::Page));
    return out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* il_state() {
    static std::string out;
    out = g_app ? g_app->state_json() : std::string("null");
    return out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* il_trace_since(int index) {
    static std::string out;
    out = "[";
    if (g_app) {
        const auto& entries = g_app->world().trace.entries();
        bool first = true;
        for (std::size_t i = index > 0 ? static_cast<std::size_t>(index) : 0; i < entries.size(); ++i) {
            if (!first) out += ',';
            first = false;
            out += entries[i].to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        }
    }
    out += "]";
    return out.c_str();
}

EMSCRIPTEN_KEEPALIVE void il_set_lang(const char* code) {
    invokelab::ui::Lang lang;
    if (g_app && code && invokelab::ui::parse_lang(code, lang)) g_app->set_lang(lang, Origin::Page);
}

EMSCRIPTEN_KEEPALIVE void il_set_playing(int playing) {
    if (g_app) g_app->set_playing(playing != 0, Origin::Page);
}

EMSCRIPTEN_KEEPALIVE void il_set_speed(double multiplier) {
    if (g_app) g_app->set_speed(multiplier, Origin::Page);
}

EMSCRIPTEN_KEEPALIVE void il_next_event() {
    if (g_app) g_app->next_event(Origin::Page);
}

EMSCRIPTEN_KEEPALIVE int il_frame_count() { return g_app ? static_cast<int>(g_app->frame()) : 0; }

} // extern "C"
