// Invoke Lab core: the generic `lab` playground commands (time, trace, reset, help).
// Function-specific ones (lab fail) live with the Lambda commands.
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include "shell/shell.h"
#include "util/timefmt.h"

namespace invokelab {
namespace {

CommandResult lab_usage(const std::string& usage, const std::string& message) {
    return {"", "usage: " + usage + "\nlab: error: " + message + "\n", kExitUsage};
}

std::string time_line(const World& w) {
    std::string s = "t=" + std::to_string(w.now()) + "ms (" + clock_hms(w.now()) + ") " + iso8601_ms(w.now());
    if (auto next = w.scheduler.next_event_time()) s += "  next event at t=" + std::to_string(*next) + "ms";
    else s += "  nothing scheduled";
    return s + "\n";
}

} // namespace

void register_lab_commands(Shell& shell) {
    shell.add_lab("advance", {"lab advance DURATION", "Advance virtual time (90s, 2m, 1h30m, 500ms).",
        "가상 시간을 앞으로 돌립니다 (90s, 2m, 1h30m, 500ms).",
        [](Shell& sh, const std::vector<std::string>& a) -> CommandResult {
            if (a.size() != 1) return lab_usage("lab advance DURATION", "expected one DURATION such as 90s, 2m or 1h30m");
            TimeMs d = 0;
            const DurationParse p = parse_duration(a[0], d);
            if (p == DurationParse::TooLong)
                return lab_usage("lab advance DURATION", "duration '" + a[0] + "' is too long: at most 10 years (3650d) at a time");
            if (p != DurationParse::Ok) return lab_usage("lab advance DURATION", "invalid duration '" + a[0] + "' (try 90s, 2m, 1h30m, 500ms)");
            World& w = sh.world();
            const std::size_t before = w.trace.size();
            w.scheduler.run_until(w.now() + d);
            return {"advanced " + format_duration(d) + " (" + std::to_string(w.trace.size() - before) + " trace entries)\n" + time_line(w), "", 0};
        }});
    shell.add_lab("run", {"lab run", "Run until nothing is scheduled.", "예약된 일이 없을 때까지 실행합니다.",
        [](Shell& sh, const std::vector<std::string>& a) -> CommandResult {
            if (!a.empty()) return lab_usage("lab run", "takes no arguments");
            World& w = sh.world();
            const std::size_t before = w.trace.size();
            const std::size_t ran = w.scheduler.run_until_idle(1'000'000);
            std::string out = "ran " + std::to_string(ran) + " events (" + std::to_string(w.trace.size() - before) + " trace entries)\n";
            if (w.scheduler.pending()) out += "stopped after 1000000 events; more are scheduled\n";
            return {out + time_line(w), "", 0};
        }});
    shell.add_lab("next", {"lab next", "Jump to the next scheduled event and run it.", "다음 예약된 이벤트로 건너뛰어 실행합니다.",
        [](Shell& sh, const std::vector<std::string>& a) -> CommandResult {
            if (!a.empty()) return lab_usage("lab next", "takes no arguments");
            World& w = sh.world();
            auto t = w.scheduler.next_event_time();
            if (!t) return {"nothing scheduled\n" + time_line(w), "", 0};
            w.scheduler.run_until(*t);
            return {time_line(w), "", 0};
        }});
    shell.add_lab("time", {"lab time", "Show the virtual clock.", "가상 시계를 보여 줍니다.",
        [](Shell& sh, const std::vector<std::string>& a) -> CommandResult {
            if (!a.empty()) return lab_usage("lab time", "takes no arguments");
            return {time_line(sh.world()), "", 0};
        }});
    shell.add_lab("trace", {"lab trace [--since N]", "Print the trace as JSON lines.", "트레이스를 JSON 줄로 출력합니다.",
        [](Shell& sh, const std::vector<std::string>& a) -> CommandResult {
            std::size_t from = 0;
            if (a.size() == 2 && a[0] == "--since") {
                char* end = nullptr;
                const unsigned long long v = std::strtoull(a[1].c_str(), &end, 10);
                if (!end || *end) return lab_usage("lab trace [--since N]", "N must be a trace index");
                from = static_cast<std::size_t>(v);
            } else if (!a.empty()) {
                return lab_usage("lab trace [--since N]", "unexpected argument '" + a[0] + "'");
            }
            return {sh.world().trace.to_json_lines(from), "", 0};
        }});
    shell.add_lab("state", {"lab state", "Print the whole world as JSON.", "시뮬레이션 전체 상태를 JSON으로 출력합니다.",
        [](Shell& sh, const std::vector<std::string>&) -> CommandResult {
            return {cli_json(sh.world().state_json()), "", 0};
        }});
    shell.add_lab("reset", {"lab reset [--seed N]", "Start over with a fresh world.", "새 시뮬레이션으로 처음부터 시작합니다.",
        [](Shell& sh, const std::vector<std::string>& a) -> CommandResult {
            std::uint64_t seed = sh.world().seed();
            if (a.size() == 2 && a[0] == "--seed") {
                char* end = nullptr;
                errno = 0;
                seed = std::strtoull(a[1].c_str(), &end, 10);
                if (a[1].empty() || !end || *end || !std::isdigit(static_cast<unsigned char>(a[1][0])))
                    return lab_usage("lab reset [--seed N]", "N must be a non-negative integer");
                if (errno == ERANGE) return lab_usage("lab reset [--seed N]", "N must be at most 18446744073709551615");
            } else if (!a.empty()) {
                return lab_usage("lab reset [--seed N]", "unexpected argument '" + a[0] + "'");
            }
            sh.reset(seed);
            return {"reset: seed " + std::to_string(seed) + "\n" + time_line(sh.world()), "", 0};
        }});
    shell.add_lab("help", {"lab help", "List the playground commands.", "실습 명령 목록을 보여 줍니다.",
        [](Shell& sh, const std::vector<std::string>&) -> CommandResult {
            std::string out = "Playground commands (실습 명령):\n";
            for (const auto& [name, c] : sh.lab_commands()) {
                std::string u = c.usage;
                u.resize(std::max<std::size_t>(u.size(), 44), ' ');
                out += "  " + u + " " + c.summary_en + " / " + c.summary_ko + "\n";
            }
            out += "\nAWS CLI commands: aws lambda|sqs|sns|iam|logs|dynamodb <operation> …  (aws help)\n";
            out += "Key-value store: redis-cli SET key value [NX] [EX s] | GET | INCR | DEL | EXISTS | KEYS pattern … / 키-값 저장소\n";
            out += "Output and errors as AWS CLI v" + std::string(kCliVersion) + " prints them / AWS CLI v" + kCliVersion +
                   "이 찍는 모양 그대로\n";
            out += "Files written by commands: cat FILE\n";
            return {out, "", 0};
        }});
}

} // namespace invokelab
