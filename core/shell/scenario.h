// Invoke Lab core: running a scenario in a Shell (CONTRACT.md §2).
//
// Index
//   ScenarioLoad          {ok, error (English + Korean)}
//   load_scenario         Scenario -> reset + replay; on any error the Shell keeps its old world
//   load_scenario_text    parse, then load
//   load_share_fragment   base64url fragment -> decode, parse, load
//
// Loading = a fresh World of the scenario's seed, each line in order (`@MS` runs the clock to
// MS first), then `advance`, then `now`. A line that exits non-zero is replayed as it was (the
// learner's session may hold failed commands). Time going backwards (an `@MS` or `now` before
// the clock at that point) can only be seen while replaying, so the replay runs on a new
// World and the old one is put back if it fails: a load never leaves a half-loaded world.
#pragma once
#include <string>
#include "learn/message.h"
#include "learn/scenario.h"

namespace invokelab {

class Shell;

struct ScenarioLoad {
    bool ok = false;
    Message error;
};

ScenarioLoad load_scenario(Shell& shell, const Scenario& scenario);
ScenarioLoad load_scenario_text(Shell& shell, const std::string& text);
ScenarioLoad load_share_fragment(Shell& shell, const std::string& fragment);

} // namespace invokelab
