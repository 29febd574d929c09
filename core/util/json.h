// Invoke Lab core: the JSON type of the core. Ordered, so keys print in insertion order and
// the same run prints the same bytes (golden traces, state JSON, CLI output).
#pragma once
#include <nlohmann/json.hpp>

namespace invokelab {

using ojson = nlohmann::ordered_json;

} // namespace invokelab
