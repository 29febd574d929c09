// libFuzzer harness: a sequence of command lines into a fresh World + Shell.
//
// Input: text, one command per line (unfinished commands continue on the next line, as in
// tools/invokelab). A line "@MS COMMAND" first advances the virtual clock by MS milliseconds
// (at most one virtual day per line), so inputs can spread commands over time without
// `lab advance` lines. At most kMaxCommands commands run.
// After every command: no exception escapes, no "internal error", the conservation property
// holds (pending events allowed). At the end: state_json() dumps, the world runs to idle and
// every accepted async event has ended exactly once (core/world/conservation.h).
#include <cstddef>
#include <cstdint>
#include <string>
#include "fuzz_util.h"

namespace {
constexpr std::size_t kMaxCommands = 48;
constexpr invokelab::TimeMs kMaxStepMs = 86'400'000;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace invokelab;
    using namespace invokelab::fuzz;
    if (size > 8192) return -1;                     // keep each input to milliseconds
    const std::string text(reinterpret_cast<const char*>(data), size);
    Shell shell(1);
    for (std::string line : split_commands(text, kMaxCommands)) {
        if (line.size() > 1 && line[0] == '@') {
            std::size_t i = 1;
            TimeMs ms = 0;
            while (i < line.size() && i < 10 && line[i] >= '0' && line[i] <= '9') ms = ms * 10 + (line[i++] - '0');
            if (ms > kMaxStepMs) ms = kMaxStepMs;
            World& w = shell.world();
            w.scheduler.run_until(w.now() + ms);
            line = line.substr(i < line.size() && line[i] == ' ' ? i + 1 : i);
        }
        run_line(shell, line);
        const ConservationReport rep = check_conservation(shell.world());
        if (!rep.ok()) fuzz_fail("conservation after line '" + line.substr(0, 200) + "': " + rep.describe());
    }
    (void)shell.session_text();
    check_world(shell);
    return 0;
}
