// The page's window into the app: extern "C" functions listed in EXPORTED_FUNCTIONS
// (wasm/CMakeLists.txt) and documented in wasm/README.md. Each returns a string valid until
// the next call of the same function. The learning-layer exports (il_session … il_quiz_grade)
// follow core/learn/CONTRACT.md §6.
#include "web_api.h"
#include <emscripten.h>
#include <algorithm>
#include <cmath>
#include <string>
#include "app/app.h"
#include "learn/check.h"
#include "learn/share.h"
#include "shell/quiz.h"
#include "shell/scenario.h"
#include "util/json_text.h"

using invokelab::ui::App;
using invokelab::ui::Origin;

namespace {
App* g_app = nullptr;
}

void set_exported_app(App* app) { g_app = app; }

namespace {

using invokelab::ojson;

std::string dump(const ojson& j) { return j.dump(-1, ' ', false, ojson::error_handler_t::replace); }

// The world was replaced from the page (between frames, so no view is drawing): drop every
// view cache that remembers the old world, even when the new one starts with the same request
// ids (a share link replays the very same session).
void forget_world_caches(App& app) {
    app.world_loaded();                             // also starts a new time-travel recording
    app.selected_request.clear();
}

std::string load_result(const invokelab::ScenarioLoad& load, int pause) {
    if (!load.ok) return dump(ojson{{"ok", false}, {"error", invokelab::to_json(load.error)}});
    forget_world_caches(*g_app);
    if (pause) g_app->set_playing(false, Origin::Page);
    return "{\"ok\":true}";
}

const char* kNotStarted = "{\"ok\":false,\"error\":{\"en\":\"The simulator has not started yet.\",\"ko\":\"시뮬레이터가 아직 시작되지 않았습니다.\"}}";

// Parses a JSON argument; on failure sets `error` to {"error": "…"}.
bool parse_arg(const char* text, const char* what, ojson& out, std::string& error) {
    out = ojson::parse(text ? text : "", nullptr, false);
    if (out.is_discarded()) {
        error = dump(ojson{{"error", std::string(what) + " is not valid JSON"}});
        return false;
    }
    return true;
}

bool seed_arg(double seed, std::uint64_t& out, std::string& error) {
    if (!(seed >= 0 && seed < 9007199254740992.0) || std::floor(seed) != seed) {
        error = dump(ojson{{"error", "the seed must be a whole number from 0 to 2^53-1"}});
        return false;
    }
    out = static_cast<std::uint64_t>(seed);
    return true;
}

std::size_t since_arg(int since) { return since > 0 ? static_cast<std::size_t>(since) : 0; }

} // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* il_run(const char* line) {
    static std::string out;
    if (!g_app) return "{\"stdout\":\"\",\"stderr\":\"invokelab: not started\\n\",\"exitCode\":255}";
    out = App::result_json(g_app->run(line ? line : "", Origin::Page));
    return out.c_str();
}

// part: null or "" the whole state; "panel" only what the page's invoke panel mirrors
// (App::panel_json: a few kB whatever the history, where the whole state of 10 000 requests is
// ~37 MB); anything else null.
EMSCRIPTEN_KEEPALIVE const char* il_state(const char* part) {
    static std::string out;
    const std::string what = part ? part : "";
    if (!g_app || (!what.empty() && what != "panel")) return "null";
    out = what.empty() ? g_app->state_json() : g_app->panel_json();
    return out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* il_trace_since(int index) {
    static std::string out;
    out = "[";
    if (g_app) {
        const auto& trace = g_app->world().trace;  // keeps the newest entries; indexes are global (core/sim/trace.h)
        bool first = true;
        const std::size_t from = index > 0 ? static_cast<std::size_t>(index) : 0;
        for (std::size_t i = from > trace.first_kept() ? from : trace.first_kept(); i < trace.size(); ++i) {
            if (!first) out += ',';
            first = false;
            out += trace.at(i).to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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

// [SECTION] Time travel (shell/time_travel.h): each returns {"now","end","inPast","canUndo"}.

EMSCRIPTEN_KEEPALIVE const char* il_seek(double t) {
    static std::string out;
    if (!g_app) return "null";
    if (std::isfinite(t)) g_app->seek(static_cast<invokelab::TimeMs>(std::llround(std::max(0.0, t))));
    out = g_app->travel_json();
    return out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* il_travel(int action) {
    static std::string out;
    if (!g_app) return "null";
    switch (action) {                               // 0 read, -1/+1 previous/next event, 2 resume here, 3 undo resume
    case -1: case 1: g_app->step_event(action); break;
    case 2: g_app->resume_here(); break;
    case 3: g_app->undo_resume(); break;
    default: break;
    }
    out = g_app->travel_json();
    return out.c_str();
}

EMSCRIPTEN_KEEPALIVE void il_set_reduced_motion(int reduced) {
    if (g_app) g_app->flow.reduced_motion = reduced != 0;
}

EMSCRIPTEN_KEEPALIVE int il_frame_count() { return g_app ? static_cast<int>(g_app->frame()) : 0; }

// [SECTION] Learning layer (core/learn/CONTRACT.md §6)

EMSCRIPTEN_KEEPALIVE const char* il_session() {
    static std::string out;
    out = g_app ? g_app->shell().session_text() : std::string();
    return out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* il_share_fragment() {
    static std::string out;
    out = g_app ? invokelab::encode_share_fragment(g_app->shell().session_text()) : std::string();
    return out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* il_load_scenario(const char* text, int pause) {
    static std::string out;
    if (!g_app) return kNotStarted;
    out = load_result(invokelab::load_scenario_text(g_app->shell(), text ? text : ""), pause);
    return out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* il_load_share(const char* fragment, int pause) {
    static std::string out;
    if (!g_app) return kNotStarted;
    out = load_result(invokelab::load_share_fragment(g_app->shell(), fragment ? fragment : ""), pause);
    return out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* il_check(const char* check_json, int since_trace) {
    static std::string out;
    if (!g_app) return "{\"passed\":false,\"actual\":null,\"error\":\"not started\"}";
    const ojson spec = ojson::parse(check_json ? check_json : "", nullptr, false);
    if (spec.is_discarded()) return "{\"passed\":false,\"actual\":null,\"error\":\"the check is not valid JSON\"}";
    out = dump(invokelab::to_json(invokelab::evaluate_check(g_app->world(), spec, {since_arg(since_trace)})));
    return out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* il_fact(const char* fact_json, int since_trace) {
    static std::string out;
    if (!g_app) return "{\"value\":null,\"error\":\"not started\"}";
    const ojson spec = ojson::parse(fact_json ? fact_json : "", nullptr, false);
    if (spec.is_discarded()) return "{\"value\":null,\"error\":\"the fact is not valid JSON\"}";
    const invokelab::FactResult f = invokelab::evaluate_fact(g_app->world(), spec, {since_arg(since_trace)});
    out = dump(ojson{{"value", f.value}, {"error", f.error}});
    return out.c_str();
}

EMSCRIPTEN_KEEPALIVE int il_trace_size() { return g_app ? static_cast<int>(g_app->world().trace.size()) : 0; }

EMSCRIPTEN_KEEPALIVE const char* il_quiz_present(const char* item_json, double seed) {
    static std::string out;
    ojson item;
    std::uint64_t s = 0;
    if (!parse_arg(item_json, "the quiz item", item, out) || !seed_arg(seed, s, out)) return out.c_str();
    out = dump(invokelab::quiz_present(item, s));
    return out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* il_quiz_grade(const char* item_json, double seed, const char* answer_json) {
    static std::string out;
    ojson item, answer;
    std::uint64_t s = 0;
    if (!parse_arg(item_json, "the quiz item", item, out) || !parse_arg(answer_json, "the answer", answer, out) ||
        !seed_arg(seed, s, out))
        return out.c_str();
    out = dump(invokelab::quiz_grade(item, s, answer));
    return out.c_str();
}

// [SECTION] Stores (core/services/dynamodb.h, kv.h; wasm/README.md)

EMSCRIPTEN_KEEPALIVE const char* il_service_call(const char* service, const char* operation, const char* request_json,
                                                 const char* request_id) {
    static std::string out;
    if (!g_app) return "{\"__type\":\"ServiceUnavailable\",\"message\":\"The simulator has not started yet.\"}";
    const ojson request = invokelab::parse_learner_json(request_json ? request_json : "");
    if (request.is_discarded()) {
        out = dump(ojson{{"__type", "SerializationException"}, {"message", "the request is not valid JSON"}});
        return out.c_str();
    }
    out = dump(g_app->shell().world().call_service(service ? service : "", operation ? operation : "", request,
                                                   request_id ? request_id : ""));
    return out.c_str();
}

} // extern "C"
