// Deployed code: the runner's JSON in and out, and the Handler that calls the runner.
#include <cmath>
#include "lambda/code.h"

namespace invokelab {
namespace {

constexpr const char* kUnavailable = "Runtime.Unavailable";

CodeRunResult unavailable(const std::string& message) {
    CodeRunResult r;
    r.status = CodeRunResult::Status::Error;
    r.error_type = kUnavailable;
    r.error_message = message;
    return r;
}

} // namespace

std::string CodeRunRequest::to_json() const {
    ojson j;
    j["runtime"] = runtime;
    j["handler"] = handler;
    ojson f = ojson::object();
    if (files)
        for (const auto& [path, text] : *files) f[path] = text;
    j["files"] = std::move(f);
    j["event"] = event;
    j["context"] = ojson{{"awsRequestId", aws_request_id},
                         {"functionName", function_name},
                         {"functionVersion", function_version},
                         {"memoryLimitInMB", memory_limit_in_mb},
                         {"invokedFunctionArn", invoked_function_arn},
                         {"logGroupName", log_group_name},
                         {"logStreamName", log_stream_name},
                         {"timeoutMs", timeout_ms},
                         {"attempt", attempt}};
    j["codeRevision"] = code_revision;
    // Invalid UTF-8 in learner files must not throw: replace it (the runner sees U+FFFD).
    return j.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

CodeRunResult parse_code_run_result(const std::string& text) {
    const ojson j = ojson::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return unavailable("The Python runner returned something that is not a JSON object");
    const std::string status = j.value("status", std::string());
    CodeRunResult r;
    if (status == "ok") r.status = CodeRunResult::Status::Ok;
    else if (status == "error") r.status = CodeRunResult::Status::Error;
    else if (status == "timeout") r.status = CodeRunResult::Status::Timeout;
    else return unavailable("The Python runner returned an unknown status '" + status + "'");
    auto str = [&](const char* key) {
        auto it = j.find(key);
        return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    r.result = str("result");
    if (r.status == CodeRunResult::Status::Ok && r.result.empty()) r.result = "null";   // a handler returning None
    r.error_type = str("errorType");
    r.error_message = str("errorMessage");
    if (auto it = j.find("stackTrace"); it != j.end() && it->is_array())
        for (const auto& e : *it) if (e.is_string()) r.stack_trace.push_back(e.get<std::string>());
    if (auto it = j.find("initError"); it != j.end() && it->is_boolean()) r.init_error = it->get<bool>();
    if (auto it = j.find("logs"); it != j.end() && it->is_array()) {
        for (const auto& e : *it) {
            if (!e.is_object()) continue;
            HandlerOutput out;
            out.text = e.value("text", std::string());
            if (e.value("kind", std::string()) == "log") out.level = e.value("level", std::string("INFO"));
            r.logs.push_back(std::move(out));
        }
    }
    if (auto it = j.find("durationMs"); it != j.end() && it->is_number()) {
        const double d = it->get<double>();
        r.duration_ms = std::isfinite(d) && d > 0 ? d : 0;
    }
    return r;
}

HandlerRun CodeHandler::run(const ojson&, HandlerContext&) {
    CodeRunResult r = runner_ ? runner_->run(request_)
                              : unavailable("No Python runtime is loaded: deployed code runs only in the browser page");
    HandlerRun out;
    out.output = std::move(r.logs);
    // Durations are whole 1/100 ms; at least 1.00 ms so a run is never free (UNCONFIRMED floor).
    const double capped = std::min(r.duration_ms, 1.0e9);
    out.duration_centims = std::max<std::int64_t>(100, static_cast<std::int64_t>(std::llround(capped * 100.0)));
    switch (r.status) {
    case CodeRunResult::Status::Ok:
        out.result = r.result;
        break;
    case CodeRunResult::Status::Error:
        out.raised = true;
        out.error_type = r.error_type.empty() ? "Exception" : r.error_type;
        out.error_message = r.error_message;
        out.stack_trace = std::move(r.stack_trace);
        out.init_error = r.init_error;
        break;
    case CodeRunResult::Status::Timeout:
        out.timed_out = true;
        break;
    }
    return out;
}

} // namespace invokelab
