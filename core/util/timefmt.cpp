#include "util/timefmt.h"
#include <cctype>
#include <cstdio>

namespace invokelab {
namespace {

struct Civil { int year, month, day, hour, minute, second, milli, weekday; };

// Howard Hinnant's days-to-civil algorithm (public domain), exact for the proleptic Gregorian calendar.
Civil to_civil(std::int64_t unix_milliseconds) {
    std::int64_t ms = unix_milliseconds;
    std::int64_t days = ms >= 0 ? ms / 86400000 : (ms - 86399999) / 86400000;
    std::int64_t rem = ms - days * 86400000;
    Civil c{};
    c.hour = static_cast<int>(rem / 3600000);
    c.minute = static_cast<int>(rem / 60000 % 60);
    c.second = static_cast<int>(rem / 1000 % 60);
    c.milli = static_cast<int>(rem % 1000);
    c.weekday = static_cast<int>((days % 7 + 11) % 7);  // 1970-01-01 was a Thursday (4); 0 = Sunday
    std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    c.year = static_cast<int>(yoe + era * 400 + (c.month <= 2 ? 1 : 0));
    return c;
}

// f holds only literal characters and "%0Nd" fields (N one digit), which take year, month,
// day, hour, minute, second, milli in that order. Written by hand: snprintf was ~2 000
// instructions a call, and every cold start names its log stream with a date (bench/core_bench).
std::string fmt(const char* f, const Civil& c) {
    const int fields[] = {c.year, c.month, c.day, c.hour, c.minute, c.second, c.milli};
    char buf[64];
    std::size_t n = 0, next = 0;
    for (const char* p = f; *p; ++p) {
        if (p[0] != '%' || p[1] != '0' || p[2] < '1' || p[2] > '9' || p[3] != 'd' || next == 7) {
            buf[n++] = *p;
            continue;
        }
        const int width = p[2] - '0';
        const int v = fields[next++];
        p += 3;
        if (v < 0) {                                // not a date the simulator makes: as printf would
            n += static_cast<std::size_t>(std::snprintf(buf + n, sizeof buf - n, "%0*d", width, v));
            continue;
        }
        char digits[12];
        int k = 0;
        for (int u = v; k == 0 || u > 0; u /= 10) digits[k++] = static_cast<char>('0' + u % 10);
        for (int pad = width - k; pad > 0; --pad) buf[n++] = '0';
        while (k > 0) buf[n++] = digits[--k];
    }
    return std::string(buf, n);
}

} // namespace

std::int64_t unix_ms(TimeMs t) { return kEpochUnixMs + t; }
std::string iso8601_ms(TimeMs t) { return fmt("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", to_civil(unix_ms(t))); }
std::string iso8601_micro_offset(TimeMs t) { return fmt("%04d-%02d-%02dT%02d:%02d:%02d.%03d000+00:00", to_civil(unix_ms(t))); }
std::string iso8601_seconds(TimeMs t) { return fmt("%04d-%02d-%02dT%02d:%02d:%02d", to_civil(unix_ms(t))); }
std::string iso8601_lambda(TimeMs t) { return fmt("%04d-%02d-%02dT%02d:%02d:%02d.%03d+0000", to_civil(unix_ms(t))); }
std::string date_slashes(TimeMs t) {
    // Every cold start names its log stream with the day: the last day's text is kept (per
    // thread, as error_line keeps its last line).
    constexpr std::int64_t kDayMs = 86'400'000;
    const std::int64_t ms = unix_ms(t), day = ms / kDayMs - (ms % kDayMs < 0 ? 1 : 0);
    thread_local std::int64_t last_day = 0;
    thread_local std::string last_text;
    if (last_text.empty() || day != last_day) {
        last_text = fmt("%04d/%02d/%02d", to_civil(ms));
        last_day = day;
    }
    return last_text;
}

std::string rfc1123(TimeMs t) {
    static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const Civil c = to_civil(unix_ms(t));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[c.weekday], c.day, months[c.month - 1], c.year, c.hour, c.minute, c.second);
    return buf;
}

std::string clock_hms(TimeMs t) {
    const char sign = t < 0 ? '-' : '+';
    if (t < 0) t = -t;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%c%02lld:%02lld:%02lld.%03lld", sign, static_cast<long long>(t / 3600000),
                  static_cast<long long>(t / 60000 % 60), static_cast<long long>(t / 1000 % 60), static_cast<long long>(t % 1000));
    return buf;
}

DurationParse parse_duration(const std::string& text, TimeMs& out) {
    if (text.empty()) return DurationParse::Invalid;
    std::size_t i = 0;
    TimeMs total = 0;
    bool any = false;
    while (i < text.size()) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return DurationParse::Invalid;
        long double value = 0;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) value = value * 10 + (text[i++] - '0');
        if (i < text.size() && text[i] == '.') {
            ++i;
            long double scale = 0.1L;
            if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i]))) return DurationParse::Invalid;
            while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) { value += (text[i++] - '0') * scale; scale /= 10; }
        }
        std::string unit;
        while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) unit += text[i++];
        long double factor;
        if (unit == "ms") factor = 1;
        else if (unit == "s") factor = 1000;
        else if (unit == "m") factor = 60000;
        else if (unit == "h") factor = 3600000;
        else if (unit == "d") factor = 86400000;
        else if (unit.empty() && !any && i == text.size()) factor = 1;
        else return DurationParse::Invalid;
        // Checked before the conversion: a long double past int64 has no TimeMs (that cast is
        // undefined behaviour and once printed "advanced -9223372036854775808ms").
        const long double part = value * factor + 0.5L;
        if (!(part <= static_cast<long double>(kMaxDurationMs))) return DurationParse::TooLong;
        total += static_cast<TimeMs>(part);
        any = true;
        if (total > kMaxDurationMs) return DurationParse::TooLong;            // ten years is plenty; refuse absurd jumps
    }
    if (!any) return DurationParse::Invalid;
    out = total;
    return DurationParse::Ok;
}

bool parse_duration_ms(const std::string& text, TimeMs& out) { return parse_duration(text, out) == DurationParse::Ok; }

std::string format_duration(TimeMs ms) {
    char buf[64];
    if (ms < 1000) { std::snprintf(buf, sizeof buf, "%lldms", static_cast<long long>(ms)); return buf; }
    if (ms < 60000) {
        if (ms % 1000 == 0) std::snprintf(buf, sizeof buf, "%llds", static_cast<long long>(ms / 1000));
        else std::snprintf(buf, sizeof buf, "%.3gs", static_cast<double>(ms) / 1000.0);
        return buf;
    }
    std::string out;
    const long long h = ms / 3600000, m = ms / 60000 % 60, s = ms / 1000 % 60;
    if (h) out += std::to_string(h) + "h";
    if (m) out += std::to_string(m) + "m";
    if (s) out += std::to_string(s) + "s";
    return out;
}

} // namespace invokelab
