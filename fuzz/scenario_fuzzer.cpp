// libFuzzer harness: scenario text, as a file or ?scenario= / loadScenario brings it in
// (core/learn/scenario.h parses it, core/shell/scenario.h replays it).
//
// Properties: parsing never throws; a refused text says why in both languages; a parsed
// scenario written back with format_scenario parses to the same scenario; loading either
// succeeds or leaves the previous world untouched; a loaded world keeps the conservation
// property (and runs to idle with every event ended).
#include <cstddef>
#include <cstdint>
#include <string>
#include "fuzz_util.h"
#include "learn/scenario.h"
#include "shell/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace invokelab;
    using namespace invokelab::fuzz;
    if (size > 70'000) return -1;
    const std::string text(reinterpret_cast<const char*>(data), size);
    ScenarioParse p;
    try {
        p = parse_scenario(text);
    } catch (const std::exception& e) {
        fuzz_fail(std::string("exception escaped parse_scenario: ") + e.what());
    }
    if (!p.ok) {
        if (p.error.en.empty() || p.error.ko.empty()) fuzz_fail("a refused scenario has no message in both languages");
        return 0;
    }
    const std::string formatted = format_scenario(p.scenario);
    const ScenarioParse again = parse_scenario(formatted);
    if (!again.ok) fuzz_fail("format_scenario wrote text that does not parse: " + again.error.en);
    if (again.scenario.seed != p.scenario.seed || !(again.scenario.lines == p.scenario.lines) ||
        again.scenario.advance != p.scenario.advance || again.scenario.now != p.scenario.now)
        fuzz_fail("format_scenario -> parse_scenario gave a different scenario");
    // Replaying costs a World per line set: keep it to scenarios of a few dozen commands.
    if (p.scenario.lines.size() > 48) return 0;
    Shell shell(7);
    run_line(shell, "aws sqs create-queue --queue-name before");
    const std::size_t trace_before = shell.world().trace.size();
    ScenarioLoad load;
    try {
        load = load_scenario(shell, p.scenario);
    } catch (const std::exception& e) {
        fuzz_fail(std::string("exception escaped load_scenario: ") + e.what());
    }
    if (!load.ok) {
        if (shell.world().trace.size() != trace_before || shell.world().seed() != 7)
            fuzz_fail("a scenario that failed to load changed the world");
        if (load.error.en.empty() || load.error.ko.empty()) fuzz_fail("a failed load has no message in both languages");
    }
    check_world(shell);
    return 0;
}
