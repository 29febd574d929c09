// Invoke Lab core: quiz items run in a fresh Shell (CONTRACT.md §5). JSON in, JSON out.
//
// Index
//   quiz_present   item + seed -> what the page shows (never the key)
//   quiz_grade     item + seed + the learner's answer -> correct?, key, explanation, real attempts
//   quiz_key       item + seed -> the key alone (tests)
//   quiz_scenario  the instantiated scenario an item runs (parameters substituted)
//
// The key is always computed by running the simulator: the item's scenario (lines with the
// chosen parameters, then `advance` or `lab run`) in a new Shell, then the `answer` fact.
// Configure items run scenario.lines (minus any line also listed in "then"), the configure
// lines with knob values, the "then" lines, then advance / run, and evaluate "goal"; their key
// is every knob combination (over choices / candidates, at most 200) for which the goal holds.
// Errors (a broken item or a malformed answer) come back as {"error": "…"}; nothing throws.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include "learn/scenario.h"

namespace invokelab {

using ojson = nlohmann::ordered_json;

ojson quiz_present(const ojson& item, std::uint64_t seed);
ojson quiz_grade(const ojson& item, std::uint64_t seed, const ojson& answer);
ojson quiz_key(const ojson& item, std::uint64_t seed);

// The scenario an item runs for a seed (configure items: with `knobs` substituted; pass null
// for the setup alone). Throws std::invalid_argument when the item is malformed.
Scenario quiz_scenario(const ojson& item, std::uint64_t seed, const ojson& knobs = nullptr);

} // namespace invokelab
