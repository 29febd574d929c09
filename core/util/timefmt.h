// Invoke Lab core: formatting virtual time the way AWS prints wall-clock time.
#pragma once
#include <cstdint>
#include <string>
#include "util/time.h"

namespace invokelab {

std::int64_t unix_ms(TimeMs t);                     // kEpochUnixMs + t
std::string iso8601_ms(TimeMs t);                   // 2026-03-02T09:00:00.000Z (invocation records)
std::string iso8601_micro_offset(TimeMs t);         // 2026-03-02T09:00:00.000000+00:00 (aws logs tail)
std::string iso8601_seconds(TimeMs t);              // 2026-03-02T09:00:00 (aws logs tail --format short)
std::string date_slashes(TimeMs t);                 // 2026/03/02 (log stream names)
std::string rfc1123(TimeMs t);                      // Mon, 02 Mar 2026 09:00:00 GMT
std::string iso8601_lambda(TimeMs t);               // 2026-03-02T09:00:00.000+0000 (LastModified)
std::string clock_hms(TimeMs t);                    // +HH:MM:SS.mmm since t = 0 (UI, lab time)

// Parses "90s", "2m", "1h30m", "1500ms", "250" (ms); false on bad input or past kMaxDurationMs.
inline constexpr TimeMs kMaxDurationMs = 10LL * 365 * 86400000;   // ten years
enum class DurationParse { Ok, Invalid, TooLong };
DurationParse parse_duration(const std::string& text, TimeMs& out);
bool parse_duration_ms(const std::string& text, TimeMs& out);
std::string format_duration(TimeMs ms);            // 1h30m, 2m, 1m30s, 1.5s, 250ms

} // namespace invokelab
