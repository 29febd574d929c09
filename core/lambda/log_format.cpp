#include "lambda/log_format.h"
#include <cstdio>
#include "lambda/python_style.h"
#include "util/timefmt.h"

namespace invokelab {

std::string centims_text(std::int64_t c) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(c / 100), static_cast<long long>(c % 100));
    return buf;
}

std::int64_t billed_ms(std::int64_t c) { return (c + 99) / 100; }

std::string init_start_line(const std::string& runtime_version, const std::string& arn) {
    return "INIT_START Runtime Version: " + runtime_version + "\tRuntime Version ARN: " + arn + "\n";
}

std::string start_line(const std::string& id) { return "START RequestId: " + id + " Version: $LATEST\n"; }
std::string end_line(const std::string& id) { return "END RequestId: " + id + "\n"; }

std::string report_line(const std::string& id, std::int64_t duration, int memory_mb, int max_memory_mb,
                        std::optional<std::int64_t> init, bool timed_out) {
    // Billed Duration excludes Init Duration, as in the recorded lines of §5 (whether the
    // Aug-2025 INIT billing changed the line is UNCONFIRMED).
    std::string s = "REPORT RequestId: " + id + "\tDuration: " + centims_text(duration) + " ms\tBilled Duration: " +
                    std::to_string(billed_ms(duration)) + " ms\tMemory Size: " + std::to_string(memory_mb) +
                    " MB\tMax Memory Used: " + std::to_string(max_memory_mb) + " MB\t";
    if (init) s += "Init Duration: " + centims_text(*init) + " ms\t";
    // UNCONFIRMED: newer runtimes are reported to add "Status: timeout" on a timed-out invoke.
    if (timed_out) s += "Status: timeout\t";
    return s + "\n";
}

std::string raise_source(const std::string& error_type, const std::string& error_message) {
    return "raise " + error_type + "(" + python_str_literal(error_message) + ")";
}

std::string error_line(const std::string& error_type, const std::string& error_message) {
    // One CloudWatch event; traceback indented with NO-BREAK SPACE (U+00A0), no trailing newline,
    // exactly as recorded in §5.
    const std::string nbsp = "\u00a0";
    return "[ERROR] " + error_type + ": " + error_message + "\nTraceback (most recent call last):\n" + nbsp + nbsp +
           "File \"/var/task/lambda_function.py\", line " + std::to_string(kRaiseLine) + ", in lambda_handler\n" + nbsp +
           nbsp + nbsp + nbsp + raise_source(error_type, error_message);
}

std::string timeout_message(const std::string& id, int timeout_s) {
    return "RequestId: " + id + " Error: Task timed out after " + std::to_string(timeout_s) + ".00 seconds";
}

std::string timeout_line(TimeMs at, const std::string& id, int timeout_s) {
    // UNCONFIRMED: the 2024 recording's response text "<ISO timestamp> <uuid> Task timed out
    // after N.NN seconds" is the line the runtime has long written to the log.
    return iso8601_ms(at) + " " + id + " Task timed out after " + std::to_string(timeout_s) + ".00 seconds\n";
}

} // namespace invokelab
