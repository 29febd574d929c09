// Invoke Lab core (learn): scenario text, parsed and written (core/learn/CONTRACT.md §2).
//
// Index
//   ScenarioLine       one command (possibly several physical lines) and its optional @MS
//   Scenario           seed, lines, optional advance and now (header comments)
//   ScenarioParse      parse_scenario(text) -> Scenario or a Message (English + Korean)
//   format_scenario    Scenario -> text that parses back to the same Scenario
//   limits             kMaxScenarioBytes, kMaxScenarioCommands, kMaxScenarioLineBytes, kMaxScenarioTimeMs
//   (is_valid_utf8 comes from util/utf8.h: the share-link decoder uses it too)
//
// Parsing only checks what can be checked on the text; running it (and the check that time
// never goes backwards, which depends on what the lines do) is core/shell/scenario.h.
// Lines are joined exactly as tools/invokelab joins stdin: while the tokenizer says the
// command is unfinished (trailing '\' or an open quote), the next line is appended after '\n'.
// (The tokenizer is a leaf with no dependencies: it lives in util/, below learn/.)
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include "learn/message.h"
#include "sim/scheduler.h"
#include "util/utf8.h"                        // is_valid_utf8

namespace invokelab {

inline constexpr std::size_t kMaxScenarioBytes = 64 * 1024;
inline constexpr std::size_t kMaxScenarioCommands = 400;
inline constexpr std::size_t kMaxScenarioLineBytes = 8 * 1024;
inline constexpr TimeMs kMaxScenarioTimeMs = 31'536'000'000;     // one virtual year (365 days)
inline constexpr std::uint64_t kMaxScenarioSeed = 9'223'372'036'854'775'807ULL;  // 2^63 - 1

struct ScenarioLine {
    std::optional<TimeMs> at;                       // "@MS ": run the clock to MS first
    std::string text;                               // the command, continuation lines joined with '\n'
    int source_line = 0;                            // 1-based physical line where it starts (messages)
    bool operator==(const ScenarioLine& o) const { return at == o.at && text == o.text; }
};

struct Scenario {
    std::uint64_t seed = 1;
    std::string title;                              // "# title:", for people
    std::vector<ScenarioLine> lines;
    std::optional<TimeMs> advance;                  // "# advance: 4m" after every line
    std::optional<TimeMs> now;                      // "# now: 250000" at the very end
};

struct ScenarioParse {
    bool ok = false;
    Scenario scenario;
    Message error;                                  // when !ok
};

ScenarioParse parse_scenario(const std::string& text);
std::string format_scenario(const Scenario& scenario);   // header, then "@MS LINE" / "LINE", then advance, now

} // namespace invokelab
