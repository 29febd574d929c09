// Golden scenarios are files: every tests/scenarios/NAME.txt (the scenario format of
// core/learn/scenario.h, seed in a "# seed:" header) is run through a Shell, and
//   tests/golden/NAME.json     {scenario, description (= title), seed, commands, outputs, trace}
//   tests/golden/NAME.stdout / NAME.stderr   what the commands printed, where those files exist
// must match byte for byte. A mismatch names the first differing line. After an intended
// change: INVOKELAB_UPDATE_GOLDEN=1 build/native/tests/core_tests --gtest_filter='GoldenScenarios.*'
// and read `git diff tests/golden/` before committing (tests/golden/README.md).
#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>
#include "golden_util.h"
#include "learn/scenario.h"
#include "shell/shell.h"

using namespace invokelab;
using namespace invokelab::testing;

namespace {

struct ScenarioRun {
    ojson document;
    std::string out, err;
};

// Runs the lines as the scenario loader does (an "@MS" runs the clock first; "advance" and
// "now" at the end), keeping each command's output for the golden document.
ScenarioRun run_scenario(const std::string& name, const Scenario& sc) {
    Shell sh(sc.seed);
    ScenarioRun run;
    ojson commands = ojson::array(), outputs = ojson::array();
    for (const auto& line : sc.lines) {
        if (line.at) sh.world().scheduler.run_until(*line.at);
        const CommandResult r = sh.run(line.text);
        commands.push_back(line.text);
        outputs.push_back(ojson{{"exit", r.exit_code}, {"stdout", r.out}, {"stderr", r.err}});
        run.out += r.out;
        run.err += r.err;
    }
    if (sc.advance) sh.world().scheduler.run_until(sh.world().now() + *sc.advance);
    if (sc.now) sh.world().scheduler.run_until(*sc.now);
    ojson trace = ojson::array();
    for (const auto& e : sh.world().trace.entries()) trace.push_back(e.to_json());
    run.document["scenario"] = name;
    run.document["description"] = sc.title;
    run.document["seed"] = sc.seed;
    run.document["commands"] = commands;
    run.document["outputs"] = outputs;
    run.document["trace"] = trace;
    return run;
}

std::vector<std::string> scenario_names() {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(golden_source_path("tests/scenarios")))
        if (entry.path().extension() == ".txt") names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

TEST(GoldenScenarios, EveryScenarioFileMatchesItsGoldenTrace) {
    const std::vector<std::string> names = scenario_names();
    ASSERT_GE(names.size(), 5u) << "tests/scenarios/*.txt went missing";
    for (const auto& name : names) {
        SCOPED_TRACE("tests/scenarios/" + name + ".txt");
        std::string text;
        ASSERT_TRUE(read_file_text(golden_source_path("tests/scenarios/" + name + ".txt"), text));
        const ScenarioParse parsed = parse_scenario(text);
        ASSERT_TRUE(parsed.ok) << parsed.error.en;
        const ScenarioRun run = run_scenario(name, parsed.scenario);
        expect_golden_text("tests/golden/" + name + ".json", run.document.dump(2) + "\n");
        std::string ignored;
        if (read_file_text(golden_source_path("tests/golden/" + name + ".stdout"), ignored)) {
            expect_golden_text("tests/golden/" + name + ".stdout", run.out);
            expect_golden_text("tests/golden/" + name + ".stderr", run.err);
        }
    }
}

TEST(GoldenScenarios, TheSeedComesFromTheHeader) {
    const ScenarioParse p = parse_scenario("# seed: 7\n# title: t\nlab time\n");
    ASSERT_TRUE(p.ok);
    const ScenarioRun run = run_scenario("x", p.scenario);
    EXPECT_EQ(run.document["seed"], 7);
    EXPECT_EQ(run.document["trace"][0].dump(), R"({"i":0,"t":0,"kind":"world.reset","detail":{"seed":7}})");
    EXPECT_EQ(run.document["description"], "t");
}

TEST(GoldenScenarios, AMismatchNamesTheFirstDifferingLine) {
    EXPECT_EQ(first_difference("a\nb\n", "a\nb\n"), "");
    EXPECT_EQ(first_difference("a\nb\nc\n", "a\nx\nc\n"),
              "line 2:\n  expected: b\n  actual:   x\n  (3 expected lines, 3 actual)");
    EXPECT_EQ(first_difference("a\nb\n", "a\n"), "line 2:\n  expected: b\n  actual:   <end of file>\n  (2 expected lines, 1 actual)");
    EXPECT_EQ(first_difference("a\n", "a"),
              "line 2:\n  expected: <end of file>\n  actual:   <end of file>\n  (the lines match; the texts differ in the final newline)\n  (1 expected lines, 1 actual)");
}
