// Invoke Lab: the functions the page calls (exports.cpp), see README.md for the contract.
//
// Index
//   set_exported_app   main() hands the App to the exported functions
//   il_*               extern "C" exports (EXPORTED_FUNCTIONS in CMakeLists.txt)
//
// Strings returned point to a per-function buffer that stays valid until the next call
// of the same function.
#pragma once

namespace invokelab::ui { class App; }

void set_exported_app(invokelab::ui::App* app);

extern "C" {
const char* il_run(const char* line);
const char* il_state(const char* part);          // part: null/"" whole, "panel" the invoke panel's
const char* il_trace_since(int index);
void il_set_lang(const char* code);
void il_set_playing(int playing);
void il_set_speed(double multiplier);
void il_next_event();
int il_frame_count();
const char* il_service_call(const char* service, const char* operation, const char* request_json, const char* request_id);
}
