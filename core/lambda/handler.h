// Invoke Lab core: the Handler seam, what runs on an attempt.
//
// Index
//   HandlerContext    what a handler may see of the call (request id, attempt, function, draws)
//   HandlerRun        what it did: returned a result or raised, what it printed, how long it ran
//   Handler           the interface; the runtime (lambda/attempt.cpp) calls run() once per attempt
//   BuiltinHandler    the playground's handler: echoes the event, fails as `lab fail` says
//
// The runtime owns everything around the handler: the execution environment, INIT_START /
// START / END / REPORT lines, the timeout (it stops a handler that runs past it), the error
// object a failed attempt returns. A learner-written handler would be a second implementation.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include "util/json.h"
#include "util/random.h"

namespace invokelab {

struct FailureInjection;

struct HandlerContext {
    std::string request_id;
    std::string function;
    int attempt = 1;                                // 1-based
    Rng& rng;                                       // the handler's draws (Lambda's random stream)
};

struct HandlerRun {
    bool raised = false;                            // the handler raised an exception
    std::string error_type, error_message;          // when raised
    std::string result;                             // the returned value as JSON text (Python json.dumps form)
    std::vector<std::string> prints;                // printed text, logged right after START
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

private:
    FailureInjection& failure_;                     // its counter (attempts_seen) advances per run
};

} // namespace invokelab
