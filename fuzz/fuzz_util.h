// Shared pieces of the libFuzzer harnesses (fuzz/*_fuzzer.cpp).
//
// A finding is anything libFuzzer or the sanitizers report (crash, leak, undefined behaviour,
// timeout, out of memory) plus what the harnesses check themselves and turn into an abort via
// fuzz_fail(): an exception escaping the core, a Shell answering "internal error", a state that
// cannot be written as JSON, or a broken conservation property (core/world/conservation.h).
#pragma once
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>
#include "shell/shell.h"
#include "util/tokenize.h"
#include "world/conservation.h"

namespace invokelab::fuzz {

[[noreturn]] inline void fuzz_fail(const std::string& what) {
    std::fprintf(stderr, "\n==invokelab-fuzz== FINDING: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

// The world as the page reads it (wasm/exports.cpp dumps with the same error handler).
inline void dump_state(const World& world) {
    const std::string s = world.state_json().dump(-1, ' ', false, ojson::error_handler_t::replace);
    if (s.empty() || s[0] != '{') fuzz_fail("state_json() did not dump to an object");
}

// Runs one command line; an exception escaping Shell::run, or its "internal error" answer
// (exit 255 from the catch-all), is a finding: bad input must get AWS's error or a clear message.
inline CommandResult run_line(Shell& shell, const std::string& line) {
    CommandResult r;
    try {
        r = shell.run(line);
    } catch (const std::exception& e) {
        fuzz_fail("exception escaped Shell::run(" + line.substr(0, 200) + "): " + e.what());
    }
    // Only the catch-all's own answer counts: a refused command may echo learner text that happens
    // to contain the words "internal error" (CI found such a line; the fuzzer learns the words
    // from this very comparison).
    if (r.exit_code == kExitGeneral && r.err.rfind(kInternalErrorPrefix, 0) == 0)
        fuzz_fail("internal error for line: " + line.substr(0, 200) + "\n" + r.err.substr(0, 400));
    return r;
}

// The conservation property on the world as it is now (pending events allowed while work is
// scheduled), then after running to idle (bounded; every event must have ended if it got there).
inline void check_world(Shell& shell, std::size_t max_events = 200'000) {
    World& w = shell.world();
    const ConservationReport now = check_conservation(w);
    if (!now.ok()) fuzz_fail("conservation: " + now.describe());
    try {
        w.scheduler.run_until_idle(max_events);
    } catch (const std::exception& e) {
        fuzz_fail(std::string("exception while running to idle: ") + e.what());
    }
    const ConservationReport end = check_conservation(w, w.scheduler.pending() == 0);
    if (!end.ok()) fuzz_fail("conservation after running to idle: " + end.describe());
    dump_state(w);
}

// Splits a script into commands as tools/invokelab joins stdin (an unfinished command takes the
// next line after '\n'), keeping at most `max_commands`.
inline std::vector<std::string> split_commands(const std::string& text, std::size_t max_commands) {
    std::vector<std::string> out;
    std::string pending;
    std::size_t start = 0;
    while (start <= text.size() && out.size() < max_commands) {
        const std::size_t nl = text.find('\n', start);
        const std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        pending += line;
        if (tokenize(pending).incomplete && nl != std::string::npos) {
            pending += '\n';
        } else {
            out.push_back(pending);
            pending.clear();
        }
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    return out;
}

// Sections of an input separated by lines that are exactly "%%".
inline std::vector<std::string> split_sections(const std::string& text) {
    std::vector<std::string> out(1);
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t nl = text.find('\n', start);
        const std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        if (line == "%%") out.emplace_back();
        else out.back() += line + (nl == std::string::npos ? "" : "\n");
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    return out;
}

} // namespace invokelab::fuzz
