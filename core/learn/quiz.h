// Invoke Lab core (learn): the pure parts of quiz items (CONTRACT.md §5).
//
// Index
//   splitmix64              the generator behind parameter choice (same numbers natively and in WASM)
//   choose_params           item + attempt seed -> {"name": value, …}, one value per parameter
//   substitute              "{name}" -> the chosen value, in a string or in every string of a JSON value
//   numeric_matches         |answer - key| <= tolerance
//   same_choice_set         the learner picked exactly the key set
//   predict_matches         same attempt count, each start within tolerance (in order), same outcome
//   knob_combinations       every combination of a configure item's knobs (choices / candidates)
//   kPredictOutcomes        the outcomes a learner may predict
//   kMaxConfigureRuns       200: an item whose knob space is larger is broken
//
// Running the scenarios (and so computing keys) needs a Shell: core/shell/quiz.h.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

namespace invokelab {

using ojson = nlohmann::ordered_json;

inline constexpr std::size_t kMaxConfigureRuns = 200;
inline const std::vector<std::string> kPredictOutcomes = {"succeeded", "dlq", "destination", "dlq+destination", "dropped"};

std::uint64_t splitmix64(std::uint64_t& state);     // advances state, returns the next number

// Each parameter's index is splitmix64 over (seed + FNV-1a of "itemId/name"), so the same seed
// gives the same values everywhere and parameters of one item vary independently.
// Throws std::invalid_argument when "params" is malformed (not an object of non-empty arrays).
ojson choose_params(const ojson& item, std::uint64_t seed);

// Replaces "{name}" for every name in params (strings as they are, other values as JSON).
// Braces that do not name a parameter (JSON payloads such as '{"key1":"value1"}') are kept.
std::string substitute(const std::string& text, const ojson& params);
ojson substitute(const ojson& value, const ojson& params);   // every string inside, recursively

bool numeric_matches(double answer, double key, double tolerance);
bool same_choice_set(std::vector<std::string> picked, std::vector<std::string> key);
bool predict_matches(const std::vector<double>& times, const std::string& outcome,
                     const std::vector<double>& key_times, const std::string& key_outcome, double tolerance);

// [{"retries":0,"maxAge":60}, …] in knob order (the first knob varies slowest). Throws
// std::invalid_argument on malformed knobs or when there are more than kMaxConfigureRuns.
std::vector<ojson> knob_combinations(const ojson& knobs);

} // namespace invokelab
