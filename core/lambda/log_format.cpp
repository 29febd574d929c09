#include "lambda/log_format.h"
#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <string_view>
#include "lambda/python_style.h"
#include "util/timefmt.h"

namespace invokelab {

std::string centims_text(std::int64_t c) {
    // "%lld.%02lld" of c / 100 and c % 100, without printf (every attempt writes two of these).
    if (c < 0) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(c / 100), static_cast<long long>(c % 100));
        return buf;
    }
    std::string s = std::to_string(c / 100);
    const auto frac = static_cast<int>(c % 100);
    s += '.';
    s += static_cast<char>('0' + frac / 10);
    s += static_cast<char>('0' + frac % 10);
    return s;
}

std::int64_t billed_ms(std::int64_t c) { return (c + 99) / 100; }

std::string init_start_line(const std::string& runtime_version, const std::string& arn) {
    std::string out;
    init_start_line_into(out, runtime_version, arn);
    return out;
}

void init_start_line_into(std::string& out, std::string_view runtime_version, std::string_view arn) {
    constexpr std::string_view head = "INIT_START Runtime Version: ", middle = "\tRuntime Version ARN: ";
    out.clear();                                    // keeps its capacity
    out.reserve(head.size() + runtime_version.size() + middle.size() + arn.size() + 1);
    out.append(head).append(runtime_version).append(middle).append(arn) += '\n';
}

namespace {
// One allocation per line: the pieces appended into a buffer of the right size.
std::string joined(std::initializer_list<std::string_view> parts) {
    std::size_t n = 0;
    for (std::string_view p : parts) n += p.size();
    std::string s;
    s.reserve(n);
    for (std::string_view p : parts) s.append(p.data(), p.size());
    return s;
}
} // namespace

namespace {
void append_start_line(std::string& out, std::string_view id) {
    out += "START RequestId: ";
    out += id;
    out += " Version: $LATEST\n";
}
void append_end_line(std::string& out, std::string_view id) {
    out += "END RequestId: ";
    out += id;
    out += '\n';
}
void append_report_line(std::string& out, std::string_view id, std::int64_t duration, int memory_mb, int max_memory_mb,
                        std::optional<std::int64_t> init, bool timed_out);
} // namespace

void start_line_into(std::string& out, std::string_view id) {
    out.clear();
    append_start_line(out, id);
}
void end_line_into(std::string& out, std::string_view id) {
    out.clear();
    append_end_line(out, id);
}

void render_platform_line(std::string& out, std::string_view stored) {
    static_assert(offsetof(PlatformLineFacts, duration_centims) == PlatformLineFacts::kShortSize,
                  "START and END store the id and the kind only");
    PlatformLineFacts f;
    std::memcpy(static_cast<void*>(&f), stored.data(), std::min(stored.size(), sizeof f));
    const std::string_view id(f.id, f.id_size);
    switch (f.kind) {
    case PlatformLineFacts::kStart: append_start_line(out, id); break;
    case PlatformLineFacts::kEnd: append_end_line(out, id); break;
    case PlatformLineFacts::kReport:
        append_report_line(out, id, f.duration_centims, f.memory_mb, f.max_memory_mb,
                           f.has_init ? std::optional<std::int64_t>(f.init_centims) : std::nullopt, f.timed_out);
        break;
    }
}
std::string start_line(const std::string& id) { return joined({"START RequestId: ", id, " Version: $LATEST\n"}); }
std::string end_line(const std::string& id) { return joined({"END RequestId: ", id, "\n"}); }

namespace {
// The REPORT line through std::string appends (negative figures: centims_text's printf form).
std::string report_line_slow(std::string_view id, std::int64_t duration, int memory_mb, int max_memory_mb,
                             std::optional<std::int64_t> init, bool timed_out) {
    std::string s;
    s.reserve(160 + id.size());
    s += "REPORT RequestId: ";
    s += id;
    s += "\tDuration: ";
    s += centims_text(duration);
    s += " ms\tBilled Duration: ";
    s += std::to_string(billed_ms(duration + init.value_or(0)));
    s += " ms\tMemory Size: ";
    s += std::to_string(memory_mb);
    s += " MB\tMax Memory Used: ";
    s += std::to_string(max_memory_mb);
    s += " MB\t";
    if (init) {
        s += "Init Duration: ";
        s += centims_text(*init);
        s += " ms\t";
    }
    s += timed_out ? "Status: timeout\n" : "\n";
    return s;
}

char* put_text(char* p, std::string_view s) {
    std::memcpy(p, s.data(), s.size());
    return p + s.size();
}
template <class Int>
char* put_int(char* p, Int v) { return std::to_chars(p, p + 24, v).ptr; }   // std::to_string's digits
char* put_centims(char* p, std::int64_t c) {        // c >= 0: centims_text's "3.01"
    p = put_int(p, c / 100);
    *p++ = '.';
    const auto frac = static_cast<int>(c % 100);
    *p++ = static_cast<char>('0' + frac / 10);
    *p++ = static_cast<char>('0' + frac % 10);
    return p;
}
} // namespace

void report_line_into(std::string& out, std::string_view id, std::int64_t duration, int memory_mb, int max_memory_mb,
                      std::optional<std::int64_t> init, bool timed_out) {
    out.clear();
    append_report_line(out, id, duration, memory_mb, max_memory_mb, init, timed_out);
}

namespace {
void append_report_line(std::string& out, std::string_view id, std::int64_t duration, int memory_mb, int max_memory_mb,
                        std::optional<std::int64_t> init, bool timed_out) {
    // Since 2025-08-01 the INIT phase is billed: a cold start bills ceil(Duration + Init Duration)
    // (reference §5, [BLOG-INIT]; e.g. 5000.00 + 578.07 -> 5579). A warm start has no Init Duration.
    // A timeout ends the line with "Status: timeout" and no tab after it; no separate "Task timed
    // out" line is written (reference §5: DataBiosphere/azul#8140, opentelemetry-lambda PR #2098).
    // Written into a stack buffer and copied once (one allocation, no temporary per figure).
    if (duration < 0 || (init && *init < 0) || id.size() > 128) {
        out += report_line_slow(id, duration, memory_mb, max_memory_mb, init, timed_out);
        return;
    }
    char buf[400];                                  // 128 (id) + fixed texts (~150) + six figures (<= 24 each)
    char* p = put_text(buf, "REPORT RequestId: ");
    p = put_text(p, id);
    p = put_text(p, "\tDuration: ");
    p = put_centims(p, duration);
    p = put_text(p, " ms\tBilled Duration: ");
    p = put_int(p, billed_ms(duration + init.value_or(0)));
    p = put_text(p, " ms\tMemory Size: ");
    p = put_int(p, memory_mb);
    p = put_text(p, " MB\tMax Memory Used: ");
    p = put_int(p, max_memory_mb);
    p = put_text(p, " MB\t");
    if (init) {
        p = put_text(p, "Init Duration: ");
        p = put_centims(p, *init);
        p = put_text(p, " ms\t");
    }
    p = put_text(p, timed_out ? "Status: timeout\n" : "\n");
    out.append(buf, static_cast<std::size_t>(p - buf));
}
} // namespace

std::string report_line(const std::string& id, std::int64_t duration, int memory_mb, int max_memory_mb,
                        std::optional<std::int64_t> init, bool timed_out) {
    std::string s;
    report_line_into(s, id, duration, memory_mb, max_memory_mb, init, timed_out);
    return s;
}

std::string raise_source(const std::string& error_type, const std::string& error_message) {
    return "raise " + error_type + "(" + python_str_literal(error_message) + ")";
}

std::string builtin_stack_frame(const std::string& error_type, const std::string& error_message) {
    return "  File \"/var/task/lambda_function.py\", line " + std::to_string(kRaiseLine) + ", in lambda_handler\n    " +
           raise_source(error_type, error_message) + "\n";
}

const std::string& error_line(const std::string& error_type, const std::string& error_message,
                              const std::vector<std::string>& stack_trace) {
    // One CloudWatch event; traceback indented with NO-BREAK SPACE (U+00A0), no trailing newline,
    // exactly as recorded in §5 (awslambdaric bootstrap.py log_error + replace_line_indentation).
    // It depends on the error alone, and a failing function raises the same one attempt after
    // attempt: the last line is kept and handed out while the error stays the same.
    thread_local struct {
        bool valid = false;
        std::string type, message, line;
        std::vector<std::string> stack;
    } last;
    if (last.valid && last.type == error_type && last.message == error_message && last.stack == stack_trace) return last.line;
    std::size_t size = 64 + error_type.size() + error_message.size();
    for (const std::string& entry : stack_trace) size += entry.size() * 2;   // room for the NBSP indentation
    std::string s;
    s.reserve(size);
    s += "[ERROR]";
    if (!error_type.empty()) { s += ' '; s += error_type; }
    if (!error_message.empty()) { s += error_type.empty() ? " " : ": "; s += error_message; }
    s += "\nTraceback (most recent call last):";
    for (const std::string& entry : stack_trace) {
        if (entry.empty()) { s += "\n"; continue; }
        std::size_t start = 0;
        while (start < entry.size()) {
            std::size_t end = entry.find('\n', start);
            if (end == std::string::npos) end = entry.size();
            std::size_t spaces = start;
            while (spaces < end && entry[spaces] == ' ') ++spaces;
            s += '\n';
            for (std::size_t k = start; k < spaces; ++k) s += "\u00a0";
            s.append(entry, spaces, end - spaces);
            start = end + 1;
        }
    }
    last.valid = true;
    last.type = error_type;
    last.message = error_message;
    last.stack = stack_trace;
    last.line = std::move(s);
    return last.line;
}

std::string logging_line(const std::string& level, TimeMs at, const std::string& request_id, const std::string& message) {
    return "[" + level + "]\t" + iso8601_ms(at) + "\t" + request_id + "\t" + message + "\n";
}

void logging_line_into(std::string& out, std::string_view level, TimeMs at, std::string_view request_id, std::string_view message) {
    out.clear();
    out += '[';
    out += level;
    out += "]\t";
    out += iso8601_ms(at);
    out += '\t';
    out += request_id;
    out += '\t';
    out += message;
    out += '\n';
}

std::string lambda_unhandled_warning() {
    return "LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. However, in rare "
           "cases, a Lambda runtime update can cause unexpected function behavior. For functions using managed runtimes, "
           "runtime updates can be triggered by a function change, or can be applied automatically. To determine if the "
           "runtime has been updated, check the runtime version in the INIT_START log entry. If this error correlates with a "
           "change in the runtime version, you may be able to mitigate this error by temporarily rolling back to the "
           "previous runtime version. For more information, see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html";
}

std::string init_report_line(std::int64_t init_centims, const std::string& error_type) {
    return "INIT_REPORT Init Duration: " + centims_text(init_centims) + " ms\tPhase: invoke\tStatus: error\tError Type: " +
           error_type + "\n";
}

std::string timeout_message(const std::string& id, int timeout_s) {
    return "RequestId: " + id + " Error: Task timed out after " + std::to_string(timeout_s) + ".00 seconds";
}

} // namespace invokelab
