// Scenario text: parse_scenario / format_scenario (see scenario.h, CONTRACT.md §2).
#include "learn/scenario.h"
#include <cctype>
#include "util/tokenize.h"
#include "util/timefmt.h"

namespace invokelab {
namespace {

std::string trim_left(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    return s.substr(i);
}

std::string trim(const std::string& s) {
    std::string t = trim_left(s);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
    return t;
}

// Decimal digits only, no sign, at most `max`.
bool parse_decimal(const std::string& text, std::uint64_t max, std::uint64_t& out) {
    if (text.empty() || text.size() > 20) return false;
    std::uint64_t v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
        const std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
        if (v > (max - digit) / 10) return false;
        v = v * 10 + digit;
    }
    out = v;
    return true;
}

ScenarioParse fail(int line, const std::string& en, const std::string& ko) {
    ScenarioParse p;
    if (line > 0) {
        p.error.en = "Scenario line " + std::to_string(line) + ": " + en;
        p.error.ko = "시나리오 " + std::to_string(line) + "번째 줄: " + ko;
    } else {
        p.error.en = "Scenario: " + en;
        p.error.ko = "시나리오: " + ko;
    }
    return p;
}

const std::string kYear = "31536000000";

} // namespace

ScenarioParse parse_scenario(const std::string& text) {
    if (text.size() > kMaxScenarioBytes)
        return fail(0, "the text is " + std::to_string(text.size()) + " bytes; at most 65536 (64 KiB) are allowed.",
                    "텍스트가 " + std::to_string(text.size()) + "바이트입니다. 최대 65536바이트(64 KiB)까지 허용됩니다.");
    if (!is_valid_utf8(text)) return fail(0, "the text is not valid UTF-8.", "텍스트가 올바른 UTF-8이 아닙니다.");
    if (text.find('\0') != std::string::npos) return fail(0, "the text contains a NUL character.", "텍스트에 NUL 문자가 들어 있습니다.");

    // Physical lines, trailing '\r's dropped (as tools/invokelab does): every one of them, so that
    // format_scenario's text parses back to the same lines (dropping one left "a\r\r" as "a\r",
    // which the next parse turned into "a"; found by fuzz/scenario_fuzzer).
    std::vector<std::string> physical;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string l = text.substr(start, end - start);
        while (!l.empty() && l.back() == '\r') l.pop_back();
        physical.push_back(std::move(l));
        start = end + 1;
    }
    if (!text.empty() && text.back() == '\n') physical.pop_back();   // no empty line after the final newline

    ScenarioParse out;
    Scenario& sc = out.scenario;
    bool seen_seed = false, seen_title = false;
    for (std::size_t i = 0; i < physical.size(); ++i) {
        const int number = static_cast<int>(i) + 1;
        if (physical[i].size() > kMaxScenarioLineBytes)
            return fail(number, "the line is " + std::to_string(physical[i].size()) + " bytes; at most 8192 are allowed.",
                        "줄이 " + std::to_string(physical[i].size()) + "바이트입니다. 한 줄은 최대 8192바이트입니다.");
        const std::string body = trim_left(physical[i]);
        if (body.empty()) continue;
        if (body[0] == '#') {
            if (body.rfind("# ", 0) != 0) continue;
            const std::size_t colon = body.find(':');
            if (colon == std::string::npos) continue;
            const std::string key = body.substr(2, colon - 2);
            const std::string value = trim(body.substr(colon + 1));
            if (key == "seed") {
                if (seen_seed) return fail(number, "the seed is given twice.", "seed가 두 번 적혀 있습니다.");
                if (!parse_decimal(value, kMaxScenarioSeed, sc.seed))
                    return fail(number, "the seed must be a whole number from 0 to 9223372036854775807, not '" + value + "'.",
                                "seed는 0부터 9223372036854775807까지의 정수여야 합니다 ('" + value + "').");
                seen_seed = true;
            } else if (key == "title") {
                if (seen_title) return fail(number, "the title is given twice.", "title이 두 번 적혀 있습니다.");
                sc.title = value;
                seen_title = true;
            } else if (key == "advance") {
                if (sc.advance) return fail(number, "'advance' is given twice.", "advance가 두 번 적혀 있습니다.");
                TimeMs d = 0;
                if (!parse_duration_ms(value, d))
                    return fail(number, "'advance' must be a duration such as 90s, 4m or 1h30m, not '" + value + "'.",
                                "advance는 90s, 4m, 1h30m 같은 기간이어야 합니다 ('" + value + "').");
                if (d > kMaxScenarioTimeMs)
                    return fail(number, "'advance' may be at most one virtual year (" + kYear + " ms).",
                                "advance는 가상 시간 1년(" + kYear + " ms)을 넘을 수 없습니다.");
                sc.advance = d;
            } else if (key == "now") {
                if (sc.now) return fail(number, "'now' is given twice.", "now가 두 번 적혀 있습니다.");
                std::uint64_t v = 0;
                if (!parse_decimal(value, static_cast<std::uint64_t>(kMaxScenarioTimeMs), v))
                    return fail(number, "'now' must be virtual milliseconds from 0 to " + kYear + ", not '" + value + "'.",
                                "now는 0부터 " + kYear + "까지의 가상 밀리초여야 합니다 ('" + value + "').");
                sc.now = static_cast<TimeMs>(v);
            }
            continue;                               // other comments are for people
        }
        ScenarioLine cmd;
        cmd.source_line = number;
        std::string first = body;
        if (first[0] == '@') {
            std::size_t k = 1;
            while (k < first.size() && std::isdigit(static_cast<unsigned char>(first[k]))) ++k;
            std::uint64_t at = 0;
            if (k == 1 || k >= first.size() || (first[k] != ' ' && first[k] != '\t'))
                return fail(number, "'@' must be followed by virtual milliseconds, a space and a command (e.g. '@60000 lab time').",
                            "'@' 뒤에는 가상 밀리초, 공백, 명령이 와야 합니다 (예: '@60000 lab time').");
            if (!parse_decimal(first.substr(1, k - 1), static_cast<std::uint64_t>(kMaxScenarioTimeMs), at))
                return fail(number, "'@" + first.substr(1, k - 1) + "' is later than one virtual year (" + kYear + " ms).",
                            "'@" + first.substr(1, k - 1) + "'이(가) 가상 시간 1년(" + kYear + " ms)보다 늦습니다.");
            cmd.at = static_cast<TimeMs>(at);
            first = trim_left(first.substr(k));
            if (first.empty())
                return fail(number, "there is no command after '@" + std::to_string(at) + "'.",
                            "'@" + std::to_string(at) + "' 뒤에 명령이 없습니다.");
        }
        cmd.text = first;
        while (tokenize(cmd.text).incomplete) {
            if (i + 1 >= physical.size())
                return fail(number, "the command is not finished (an open quote or a trailing '\\').",
                            "명령이 끝나지 않았습니다 (닫히지 않은 따옴표 또는 끝의 '\\').");
            ++i;
            if (physical[i].size() > kMaxScenarioLineBytes)
                return fail(static_cast<int>(i) + 1, "the line is " + std::to_string(physical[i].size()) + " bytes; at most 8192 are allowed.",
                            "줄이 " + std::to_string(physical[i].size()) + "바이트입니다. 한 줄은 최대 8192바이트입니다.");
            cmd.text += "\n" + physical[i];
        }
        if (sc.lines.size() >= kMaxScenarioCommands)
            return fail(number, "more than 400 commands; a scenario may hold at most 400.",
                        "명령이 400개를 넘습니다. 시나리오에는 최대 400개의 명령만 넣을 수 있습니다.");
        sc.lines.push_back(std::move(cmd));
    }
    out.ok = true;
    return out;
}

std::string format_scenario(const Scenario& scenario) {
    std::string out = "# seed: " + std::to_string(scenario.seed) + "\n";
    if (!scenario.title.empty()) {
        std::string title = scenario.title;
        for (char& c : title) if (c == '\n' || c == '\r') c = ' ';
        out += "# title: " + title + "\n";
    }
    for (const auto& l : scenario.lines) {
        if (l.at) out += "@" + std::to_string(*l.at) + " ";
        out += l.text + "\n";
    }
    if (scenario.advance) out += "# advance: " + std::to_string(*scenario.advance) + "ms\n";
    if (scenario.now) out += "# now: " + std::to_string(*scenario.now) + "\n";
    return out;
}

} // namespace invokelab
