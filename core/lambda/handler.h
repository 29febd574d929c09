// Invoke Lab core: the Handler seam, what runs on an attempt.
//
// Index
//   HandlerContext    what a handler may see of the call (request id, attempt, function, draws)
//   HandlerOutput     one line it wrote: print() text, or a logging record (level + message)
//   HandlerRun        what it did: returned a result or raised, what it printed, how long it ran
//   Handler           the interface; the runtime (lambda/attempt.cpp) calls run() once per attempt
//   BuiltinHandler    the playground's handler: echoes the event, fails as `lab fail` says
//
// The runtime owns everything around the handler: the execution environment, INIT_START /
// START / END / REPORT lines, the timeout (it stops a handler that runs past it), the error
// object a failed attempt returns. Deployed code is the second implementation (lambda/code.h).
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "util/json.h"
#include "util/random.h"

namespace invokelab {

struct FailureInjection;

// How deep an event may nest before the python3.12 runtime's json.loads raises RecursionError
// (Runtime.UnmarshalError, attempt.cpp). CPython 3.12's C recursion budget, Py_C_RECURSION_LIMIT,
// is 8000 on Linux release builds (Include/cpython/pystate.h); UNCONFIRMED on Lambda itself.
inline constexpr std::size_t kRuntimeJsonMaxDepth = 8000;

struct HandlerContext {                             // lives for one run() call: the texts are the caller's
    const std::string& request_id;
    const std::string& function;
    int attempt = 1;                                // 1-based
    Rng& rng;                                       // the handler's draws (Lambda's random stream)
};

struct HandlerOutput {
    std::string level;                              // "" = print() text (logged as is); else "INFO", "WARNING", …
    std::string text;
};

struct HandlerRun {
    bool raised = false;                            // the handler raised an exception
    bool runtime_fault = false;                     // raised by the runtime before the handler ran (no traceback frame)
    std::string error_type, error_message;          // when raised
    std::vector<std::string> stack_trace;           // when raised: traceback.format_list entries ("  File …\n    …\n")
    bool init_error = false;                        // raised while the runtime imported the module (requestId "")
    bool timed_out = false;                         // the runner stopped it at its budget (as if past the timeout)
    std::string result;                             // the returned value as JSON text (Python json.dumps form)
    std::vector<HandlerOutput> output;              // printed text and logging records, logged right after START
    std::int64_t duration_centims = 0;              // how long it ran, in 1/100 ms (before the timeout cut)
};

class Handler {
public:
    virtual ~Handler() = default;
    virtual HandlerRun run(const ojson& event, HandlerContext& ctx) = 0;
};

// Prints the event, returns {"statusCode": 200, "body": "\"Hello from Lambda!\""}, or raises
// as the function's FailureInjection says (always, the first N attempts, with a probability).
// Draw order is part of the determinism contract: the rate draw, then the duration jitter.
class BuiltinHandler : public Handler {
public:
    explicit BuiltinHandler(FailureInjection& failure) : failure_(failure) {}
    HandlerRun run(const ojson& event, HandlerContext& ctx) override;
    // The same run, given print(event)'s text (python_repr of the event) instead of the event.
    HandlerRun run_printed(const std::string& printed_event, HandlerContext& ctx);
    // run_printed in two steps, so the runtime can share what equal attempts print and raise:
    // draw() decides (the setting's counter advances, the draws are taken in their order) and
    // outcome() is what the run prints and raises or returns, which depends on the printed event
    // and the setting's texts alone (its duration_centims is left 0).
    struct Draw { bool raise = false; std::int64_t duration_centims = 0; };
    Draw draw(HandlerContext& ctx);
    HandlerRun outcome(const std::string& printed_event, bool raise) const;

private:
    FailureInjection& failure_;                     // its counter (attempts_seen) advances per run
};

} // namespace invokelab
