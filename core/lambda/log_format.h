// Invoke Lab core: the CloudWatch lines Lambda writes for each attempt (reference §5).
//
// Index
//   centims_text        1/100-ms count as "3.01" (Duration / Init Duration)
//   billed_ms           a 1/100-ms count rounded up to whole ms (REPORT bills Duration + Init Duration)
//   init_start_line / start_line / end_line / report_line / error_line / init_report_line
//   logging_line        a Python logging record as the runtime formats it
//   builtin_stack_frame the Python traceback entry of the built-in handler's raise
//
// Durations are kept as integers of 1/100 ms so the REPORT line is exact and every
// platform prints the same bytes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "sim/scheduler.h"

namespace invokelab {

std::string centims_text(std::int64_t centims);     // 301 -> "3.01"
std::int64_t billed_ms(std::int64_t centims);       // 301 -> 4, 300 -> 3
std::string init_start_line(const std::string& runtime_version, const std::string& runtime_version_arn);
void init_start_line_into(std::string& out, std::string_view runtime_version, std::string_view runtime_version_arn);
std::string start_line(const std::string& request_id);
std::string end_line(const std::string& request_id);
std::string report_line(const std::string& request_id, std::int64_t duration_centims, int memory_mb, int max_memory_mb,
                        std::optional<std::int64_t> init_centims, bool timed_out);
// "[ERROR] Exception: msg\nTraceback (most recent call last):\n\u00a0\u00a0File …" (one event), from
// the error's stackTrace entries as awslambdaric's log_error builds it (bootstrap.py): each entry
// split into lines, leading spaces turned into NO-BREAK SPACEs, lines joined by "\n", no
// trailing newline. An empty stack leaves "Traceback (most recent call last):" last.
// The line is kept while the error stays the same (a failing function raises the same one attempt
// after attempt): the reference is valid until the next call on the same thread.
const std::string& error_line(const std::string& error_type, const std::string& error_message,
                              const std::vector<std::string>& stack_trace);
// "[INFO]\t2026-03-02T09:00:00.000Z\t<request id>\t<message>\n": awslambdaric's text formatter
// "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n" (bootstrap.py).
std::string logging_line(const std::string& level, TimeMs at, const std::string& request_id, const std::string& message);
// The runtime's warning before an init error's [ERROR] line (awslambdaric lambda_literals.py).
std::string lambda_unhandled_warning();
// "INIT_REPORT Init Duration: 12.34 ms\tPhase: invoke\tStatus: error\tError Type: T\n" (reference §5).
std::string init_report_line(std::int64_t init_centims, const std::string& error_type);
// The same lines written into `out` (cleared first, its capacity kept): a writer that reuses one
// buffer allocates nothing per line.
void start_line_into(std::string& out, std::string_view request_id);
void end_line_into(std::string& out, std::string_view request_id);
void report_line_into(std::string& out, std::string_view request_id, std::int64_t duration_centims, int memory_mb,
                      int max_memory_mb, std::optional<std::int64_t> init_centims, bool timed_out);

// A START, END or REPORT line as the facts it is written from: Lambda keeps these lines as
// records (services/logs.h LogRecord) and render_platform_line gives their text when they are
// read, the same bytes start_line / end_line / report_line give. START and END need the first
// kShortSize bytes only. `id` points at the request id, which its invocation record keeps
// unchanged for the life of the world.
struct PlatformLineFacts {
    enum Kind : std::uint8_t { kStart = 1, kEnd = 2, kReport = 3 };
    const char* id = nullptr;
    std::uint32_t id_size = 0;
    Kind kind = kStart;
    bool timed_out = false, has_init = false;
    std::int64_t duration_centims = 0, init_centims = 0;
    std::int32_t memory_mb = 0, max_memory_mb = 0;
    static constexpr std::size_t kShortSize = 16;
    std::size_t size() const { return kind == kReport ? sizeof(PlatformLineFacts) : kShortSize; }
};
// Appends the line's text (a TraceRender, sim/trace.h); facts are a PlatformLineFacts' first size() bytes.
void render_platform_line(std::string& out, std::string_view facts);
void logging_line_into(std::string& out, std::string_view level, TimeMs at, std::string_view request_id, std::string_view message);
std::string timeout_message(const std::string& request_id, int timeout_s);   // the response's errorMessage

// Where the built-in handler raises: lambda_function.py line 7 of the seed-002 code
// (the commented-out raise, uncommented).
inline constexpr int kRaiseLine = 7;
std::string raise_source(const std::string& error_type, const std::string& error_message);
std::string builtin_stack_frame(const std::string& error_type, const std::string& error_message);

} // namespace invokelab
