// Invoke Lab core: virtual time, the unit every layer counts in.
//
// Why integer milliseconds: retry delays of +60 000 and +120 000 ms must be exact, and
// equal times must run in insertion order, so every run of a scenario is reproducible.
#pragma once
#include <cstdint>

namespace invokelab {

using TimeMs = std::int64_t;                       // milliseconds since the scenario epoch (t = 0)

// 2026-03-02T09:00:00.000Z as Unix milliseconds: the wall-clock date of virtual t = 0.
inline constexpr std::int64_t kEpochUnixMs = 1772442000000;

} // namespace invokelab
