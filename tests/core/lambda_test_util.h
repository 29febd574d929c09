// Shared helpers for the lambda_*_test.cpp suites: run Shell lines, read the trace, and
// compare against golden files (tests/golden/, regenerate with INVOKELAB_UPDATE_GOLDEN=1).
#pragma once
#include <sstream>
#include <string>
#include <vector>
#include <gtest/gtest.h>
#include "golden_util.h"
#include "shell/shell.h"
#include "util/tokenize.h"

namespace invokelab::testing {

inline const InvocationRecord& last_invocation(const World& w) { return w.lambda.invocations().back(); }

// (Entries are built on each read: each is kept by value and read through ->, valid while the
// world keeps it.)
inline std::vector<Trace::Entries::iterator::Arrow> trace_of(const World& w, const std::string& kind, const std::string& rid = {}) {
    std::vector<Trace::Entries::iterator::Arrow> out;
    for (const TraceEntry& e : w.trace.entries())
        if (e.kind == kind && (rid.empty() || e.request_id == rid)) out.push_back({e});
    return out;
}

// Log messages of one group, in write order.
inline std::vector<std::string> log_messages(const World& w, const std::string& group = "/aws/lambda/demo-lambda") {
    std::vector<std::string> out;
    for (const auto& e : w.trace.entries())
        if (e.kind == "log.line" && e.detail["group"] == group) out.push_back(e.detail["message"].get<std::string>());
    return out;
}

inline std::string read_text(const std::string& path) {
    std::string text;
    read_file_text(path, text);
    return text;
}

inline std::string source_path(const std::string& relative) { return golden_source_path(relative); }

// Compares `actual` with the golden file (first differing line on a mismatch; see golden_util.h).
inline void expect_golden(const std::string& relative, const std::string& actual) { expect_golden_text(relative, actual); }

// Runs a script as tools/invokelab does (lines joined while a command is unfinished); returns
// stdout and stderr as the tool would print them.
struct Transcript { std::string out, err; int last_exit = 0; };
inline Transcript run_script(Shell& shell, const std::string& script) {
    Transcript t;
    std::istringstream in(script);
    std::string line, pending;
    auto run = [&](const std::string& command) {
        const CommandResult r = shell.run(command);
        t.out += r.out;
        t.err += r.err;
        t.last_exit = r.exit_code;
    };
    while (std::getline(in, line)) {
        pending += line;
        if (tokenize(pending).incomplete) { pending += '\n'; continue; }
        run(pending);
        pending.clear();
    }
    if (!pending.empty()) run(pending);
    return t;
}

} // namespace invokelab::testing
