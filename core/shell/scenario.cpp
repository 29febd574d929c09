// Running scenarios (see scenario.h).
#include "shell/scenario.h"
#include "learn/share.h"
#include "shell/shell.h"

namespace invokelab {
namespace {

ScenarioLoad refuse(Message m) {
    ScenarioLoad l;
    l.error = std::move(m);
    return l;
}

} // namespace

ScenarioLoad load_scenario(Shell& shell, const Scenario& scenario) {
    Shell::Saved saved = shell.take_world(scenario.seed);
    auto backwards = [&](const std::string& what_en, const std::string& what_ko, TimeMs at) {
        const TimeMs clock = shell.world().now();
        shell.restore_world(std::move(saved));
        return refuse({what_en + ": time cannot go backwards (" + std::to_string(at) + " ms is before the clock, already at " +
                           std::to_string(clock) + " ms).",
                       what_ko + ": 시간은 거꾸로 갈 수 없습니다 (" + std::to_string(at) + " ms는 이미 " + std::to_string(clock) +
                           " ms인 시계보다 앞섭니다)."});
    };
    for (const auto& line : scenario.lines) {
        if (line.at) {
            if (*line.at < shell.world().now())
                return backwards("Scenario line " + std::to_string(line.source_line), "시나리오 " + std::to_string(line.source_line) + "번째 줄",
                                 *line.at);
            shell.world().scheduler.run_until(*line.at);
        }
        shell.run(line.text);
    }
    if (scenario.advance) {
        World& w = shell.world();
        w.scheduler.run_until(w.now() + *scenario.advance);
    }
    if (scenario.now) {
        if (*scenario.now < shell.world().now()) return backwards("Scenario 'now'", "시나리오의 now", *scenario.now);
        shell.world().scheduler.run_until(*scenario.now);
    }
    return ScenarioLoad{true, {}};
}

ScenarioLoad load_scenario_text(Shell& shell, const std::string& text) {
    const ScenarioParse p = parse_scenario(text);
    if (!p.ok) return refuse(p.error);
    return load_scenario(shell, p.scenario);
}

ScenarioLoad load_share_fragment(Shell& shell, const std::string& fragment) {
    const ShareDecode d = decode_share_fragment(fragment);
    if (!d.ok) return refuse(d.error);
    return load_scenario_text(shell, d.text);
}

} // namespace invokelab
