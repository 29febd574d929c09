// Invoke Lab core: a function's deployed code package and the CodeRunner seam.
//
// Index
//   CodePackage      the files of a deployed ZIP, its CodeSha256 / CodeSize
//   CodeRunRequest   what one attempt hands to the runner (JSON: to_json)
//   CodeRunResult    what the runner hands back (JSON: parse_code_run_result)
//   CodeRunner       the interface: run() once per attempt, synchronously, inside a scheduled
//                    action; it must not call back into the scheduler (it may use stores)
//   CodeHandler      the Handler (handler.h) of a function that has a code package
//
// The composition root gives the runner to LambdaService (World::set_code_runner): natively
// tests inject a fake; in the browser the app layer (wasm/app/python_runner.cpp) calls
// globalThis.invokeLabPython.run(requestJson). The core, not the runner, writes every
// CloudWatch line (print text as is, logging records in the runtime's format, [ERROR],
// INIT_REPORT, START/END/REPORT), so the format is one piece of code everywhere.
// The JSON shapes are documented in wasm/README.md ("Python handlers").
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>
#include "lambda/handler.h"

namespace invokelab {

struct CodePackage {
    std::map<std::string, std::string> files;       // path in the ZIP -> text
    std::string sha256;                             // base64(SHA-256(zip bytes)), as CodeSha256
    std::size_t size = 0;                           // zip length, as CodeSize
};

struct CodeRunRequest {
    std::string runtime, handler;                   // "python3.12", "lambda_function.lambda_handler"
    const std::map<std::string, std::string>* files = nullptr;
    std::string event;                              // the payload as sent ("{}" when none)
    std::string aws_request_id, function_name, function_version = "$LATEST", invoked_function_arn;
    int memory_limit_in_mb = 128;
    std::string log_group_name, log_stream_name;
    std::int64_t timeout_ms = 3000;
    int attempt = 1;
    std::string code_revision;                      // the function's RevisionId
    std::string to_json() const;
};

struct CodeRunResult {
    enum class Status { Ok, Error, Timeout };
    Status status = Status::Ok;
    std::string result;                             // Ok: the return value as JSON text
    std::string error_type, error_message;          // Error
    std::vector<std::string> stack_trace;           // Error: traceback.format_list entries
    bool init_error = false;                        // raised while importing the module
    std::vector<HandlerOutput> logs;              // print text / logging records, in order
    double duration_ms = 0;                         // virtual run time the runner charges
};

// Parses the runner's JSON; on malformed JSON returns an Error result of type
// "Runtime.Unavailable" naming what was wrong (never throws).
CodeRunResult parse_code_run_result(const std::string& json);

class CodeRunner {
public:
    virtual ~CodeRunner() = default;
    virtual CodeRunResult run(const CodeRunRequest& request) = 0;
};

// A function with a code package runs this: the request is filled by the runtime
// (attempt.cpp), the event as its payload text. With no runner it fails every attempt with
// Runtime.Unavailable (the Python runtime lives in the browser page).
class CodeHandler : public Handler {
public:
    CodeHandler(CodeRunner* runner, CodeRunRequest request) : runner_(runner), request_(std::move(request)) {}
    HandlerRun run(const ojson& event, HandlerContext& ctx) override;

private:
    CodeRunner* runner_;
    CodeRunRequest request_;
};

} // namespace invokelab
