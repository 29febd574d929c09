// Invoke Lab core: `aws logs …` commands: tail, describe-log-groups, describe-log-streams,
// filter-log-events.
//
// `aws logs tail` follows awscli/customizations/logs/tail.py: the detailed format is
// `<timestamp.isoformat()> <stream> <message>` with the timestamp a UTC datetime (so
// "+00:00", and no fraction at all when the milliseconds are zero, as Python's isoformat
// drops a zero microsecond); the short format is `%Y-%m-%dT%H:%M:%S <message>`; each line
// is `line.rstrip() + "\n"`, so Lambda's trailing "\n" (and the REPORT line's "\t") is not
// doubled. --since takes one number and one unit (s m h d w) or an ISO 8601 time.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include "shell/service_args.h"
#include "shell/shell.h"
#include "util/md5.h"
#include "util/timefmt.h"

namespace invokelab {
namespace {

using shell_args::int_option;
using shell_args::split_values;

// Python's datetime.isoformat() for a UTC time with millisecond precision.
std::string python_isoformat(TimeMs t) {
    if (unix_ms(t) % 1000 == 0) return iso8601_seconds(t) + "+00:00";
    return iso8601_micro_offset(t);
}

std::string python_rstrip(const std::string& s) {
    std::size_t end = s.size();
    while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\n' || s[end - 1] == '\t' || s[end - 1] == '\r' || s[end - 1] == '\v' ||
                       s[end - 1] == '\f'))
        --end;
    return s.substr(0, end);
}

// CloudWatch's event ids and sequence tokens are long decimal strings; ours are derived
// from what they name, so a run reproduces them without drawing from the generator.
std::string digits(const std::string& seed, std::size_t count) {
    std::string out, h = seed;
    while (out.size() < count) {
        h = md5_hex(h);
        for (char c : h) {
            if (out.size() == count) break;
            out += static_cast<char>('0' + (std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (c - 'a' + 10) % 10));
        }
    }
    return out;
}

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil).
long long days_from_civil(long long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

// --since: "<n><unit>" relative to the world's now, or "YYYY-MM-DD[THH:MM[:SS]][Z]".
TimeMs since_to_virtual(const std::string& text, TimeMs now) {
    std::size_t i = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i > 0 && i + 1 == text.size() && std::string("smhdw").find(text[i]) != std::string::npos) {
        // tail.py subtracts timedelta(<unit>=int(amount)) from now. Python refuses a timedelta of
        // more than 999999999 days ("Python int too large to convert to C int" for such
        // amounts) and a datetime before 0001-01-01 ("date value out of range"): both are
        // OverflowErrors the CLI prints as they are, exit 255 (checked with CPython 3.11's
        // datetime; UNCONFIRMED for the CLI's bundled Python).
        static const std::map<char, long long> unit_ms = {{'s', 1000}, {'m', 60000}, {'h', 3600000}, {'d', 86400000}, {'w', 604800000}};
        const long double back_ms = i > 30 ? HUGE_VALL : std::stold(text.substr(0, i)) * static_cast<long double>(unit_ms.at(text[i]));
        if (!(back_ms / 86400000.0L <= 999999999.0L)) throw ParamError("Python int too large to convert to C int", kExitGeneral);
        constexpr long double kDatetimeMinUnixMs = -62135596800000.0L;   // 0001-01-01T00:00:00Z
        if (static_cast<long double>(kEpochUnixMs + now) - back_ms < kDatetimeMinUnixMs)
            throw ParamError("date value out of range", kExitGeneral);
        return now - static_cast<TimeMs>(back_ms);
    }
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    char tail[8] = {0};
    const int n = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%7s", &y, &mo, &d, &h, &mi, &s, tail);
    const bool tail_ok = tail[0] == 0 || std::string(tail) == "Z" || std::string(tail) == "+00:00";
    if ((n == 3 && text.size() == 10) || n == 5 || n == 6 || (n == 7 && tail_ok)) {
        if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60 && s < 61) {
            const long long unix_millis = (days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400LL + h * 3600LL + mi * 60LL + s) * 1000LL;
            return unix_millis - kEpochUnixMs;
        }
    }
    // What dateutil's parser says about such input (UNCONFIRMED exact wording).
    throw ParamError("Invalid timestamp \"" + text + "\": Unknown string format: " + text, kExitGeneral);
}

LogQuery stream_selection(const CommandContext& ctx) {
    LogQuery q;
    q.stream_names = split_values(ctx.args.get("--log-stream-names"));
    q.stream_name_prefix = ctx.args.get("--log-stream-name-prefix");
    if (!q.stream_names.empty() && !q.stream_name_prefix.empty())
        throw AwsError("InvalidParameterException", 400, "You cannot specify both logStreamNames and logStreamNamePrefix.");
    q.filter_pattern = ctx.args.get("--filter-pattern");
    return q;
}

CommandResult tail(CommandContext& ctx) {
    const std::string format = ctx.args.get("--format", "detailed");
    if (format != "detailed" && format != "short")
        // The CLI's choices (customizations/logs/tail.py); `json` is not simulated, so it is refused too.
        return ctx.usage(invalid_choice("--format", format, {"detailed", "short", "json"}));
    World& w = ctx.world;
    LogQuery q = stream_selection(ctx);
    q.start_time = since_to_virtual(ctx.args.get("--since", "10m"), w.now());
    CommandResult r;
    if (ctx.args.has("--follow"))
        r.err = "note: the playground does not follow; showing events up to now (실습 환경은 --follow를 지원하지 않아 지금까지의 로그만 보여 줍니다)\n";
    for (const auto& f : w.logs.query(ctx.args.positionals.at(0), q)) {
        std::string line = format == "detailed" ? python_isoformat(f.event->timestamp) + " " + f.stream->name() + " "
                                                : iso8601_seconds(f.event->timestamp) + " ";
        f.event->append_message(line);
        r.out += python_rstrip(line) + "\n";
    }
    return r;
}

CommandResult describe_log_groups(CommandContext& ctx) {
    const std::string prefix = ctx.args.get("--log-group-name-prefix");
    ojson groups = ojson::array();
    for (const auto& [name, g] : ctx.world.logs.groups()) {
        if (name.rfind(prefix, 0) != 0) continue;
        groups.push_back(ojson{{"logGroupName", name}, {"creationTime", unix_ms(g.created_at)}, {"metricFilterCount", 0}, {"arn", g.arn},
                               {"storedBytes", 0}, {"logGroupClass", "STANDARD"}, {"logGroupArn", g.arn.substr(0, g.arn.size() - 2)}});
    }
    return ctx.json(ojson{{"logGroups", std::move(groups)}});
}

CommandResult describe_log_streams(CommandContext& ctx) {
    const LogGroup& g = ctx.world.logs.require_group(ctx.args.get("--log-group-name"));
    const std::string order = ctx.args.get("--order-by", "LogStreamName");
    const std::string prefix = ctx.args.get("--log-stream-name-prefix");
    if (order != "LogStreamName" && order != "LastEventTime")
        throw AwsError("InvalidParameterException", 400, "1 validation error detected: Value '" + order +
                       "' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]");
    if (order == "LastEventTime" && !prefix.empty())
        throw AwsError("InvalidParameterException", 400, "Cannot order by LastEventTime with a logStreamNamePrefix.");
    std::vector<const LogStream*> streams;
    for (const auto& [name, s] : g.streams) if (name.rfind(prefix, 0) == 0) streams.push_back(&s);
    auto last_event = [](const LogStream* s) { TimeMs t = INT64_MIN; for (const auto& e : s->events) t = std::max(t, e.timestamp); return t; };
    if (order == "LastEventTime")
        std::stable_sort(streams.begin(), streams.end(), [&](const LogStream* a, const LogStream* b) { return last_event(a) < last_event(b); });
    if (ctx.args.has("--descending")) std::reverse(streams.begin(), streams.end());
    if (const auto limit = int_option(ctx, "--limit"); limit && limit->value >= 0 && static_cast<unsigned long long>(limit->value) < streams.size())
        streams.resize(static_cast<std::size_t>(limit->value));
    ojson out = ojson::array();
    for (const LogStream* s : streams) {
        ojson j{{"logStreamName", s->name()}, {"creationTime", unix_ms(s->created_at)}};
        if (!s->events.empty()) {
            TimeMs first = INT64_MAX, last = INT64_MIN, ingested = INT64_MIN;
            for (const auto& e : s->events) {
                first = std::min(first, e.timestamp);
                last = std::max(last, e.timestamp);
                ingested = std::max(ingested, e.ingestion_time);
            }
            j["firstEventTimestamp"] = unix_ms(first);
            j["lastEventTimestamp"] = unix_ms(last);
            j["lastIngestionTime"] = unix_ms(ingested);
            j["uploadSequenceToken"] = digits(g.name + "|" + s->name() + "|" + std::to_string(s->events.size()), 56);
        }
        j["arn"] = g.arn.substr(0, g.arn.size() - 2) + ":log-stream:" + s->name();
        j["storedBytes"] = 0;                       // deprecated by CloudWatch: always 0
        out.push_back(std::move(j));
    }
    return ctx.json(ojson{{"logStreams", std::move(out)}});
}

CommandResult filter_log_events(CommandContext& ctx) {
    const std::string group = ctx.args.get("--log-group-name");
    LogQuery q = stream_selection(ctx);
    // startTime / endTime are longs with min 0 in the model (botocore checks the minimum); a
    // number past int64 is taken as the latest possible time (UNCONFIRMED: CloudWatch's answer).
    const auto start = int_option(ctx, "--start-time");
    const auto end = int_option(ctx, "--end-time");
    const auto limit = int_option(ctx, "--limit");
    if (start) shell_args::check_min(*start, "startTime", 0);
    if (end) shell_args::check_min(*end, "endTime", 0);
    if (limit) shell_args::check_min(*limit, "limit", 1);
    if (start) q.start_time = start->value - kEpochUnixMs;  // value >= 0: no overflow
    if (end) q.end_time = end->value - kEpochUnixMs;
    if (limit) q.limit = static_cast<std::size_t>(std::min<long long>(limit->value, 10000));
    ojson events = ojson::array();
    for (const auto& f : ctx.world.logs.query(group, q))
        events.push_back(ojson{{"logStreamName", f.stream->name()}, {"timestamp", unix_ms(f.event->timestamp)}, {"message", f.event->message()},
                               {"ingestionTime", unix_ms(f.event->ingestion_time)},
                               {"eventId", digits(group + "|" + std::to_string(f.event->sequence), 56)}});
    // searchedLogStreams has been an empty list since CloudWatch deprecated it (May 2020).
    return ctx.json(ojson{{"events", std::move(events)}, {"searchedLogStreams", ojson::array()}});
}

} // namespace

void register_logs_commands(Shell& shell) {
    auto& r = shell.registry();
    r.add({"logs", "tail", "FilterLogEvents",
           {{"--since"}, {"--follow", false}, {"--format"}, {"--filter-pattern"}, {"--log-stream-names", true, false, true}, {"--log-stream-name-prefix"}},
           {"group_name"}, tail});
    r.add({"logs", "describe-log-groups", "DescribeLogGroups", {{"--log-group-name-prefix"}, {"--limit"}}, {}, describe_log_groups});
    r.add({"logs", "describe-log-streams", "DescribeLogStreams",
           {{"--log-group-name", true, true}, {"--order-by"}, {"--descending", false}, {"--log-stream-name-prefix"}, {"--limit"}}, {},
           describe_log_streams});
    r.add({"logs", "filter-log-events", "FilterLogEvents",
           {{"--log-group-name", true, true}, {"--filter-pattern"}, {"--log-stream-names", true, false, true}, {"--log-stream-name-prefix"},
            {"--start-time"}, {"--end-time"}, {"--limit"}, {"--interleaved", false}},
           {}, filter_log_events});
}

} // namespace invokelab
