// The built-in handler: what `lab fail` configures.
#include "lambda/handler.h"
#include "lambda/lambda.h"
#include "lambda/log_format.h"
#include "lambda/python_style.h"

namespace invokelab {
namespace {

// Plausible run time of the echo handler (UNCONFIRMED range, chosen from public REPORT lines).
constexpr std::int64_t kDurationMinCentims = 100, kDurationSpanCentims = 301;    // 1.00 .. 4.00 ms

} // namespace

HandlerRun BuiltinHandler::run(const ojson& event, HandlerContext& ctx) { return run_printed(python_repr(event), ctx); }

HandlerRun BuiltinHandler::run_printed(const std::string& printed_event, HandlerContext& ctx) {
    const Draw d = draw(ctx);
    HandlerRun out = outcome(printed_event, d.raise);
    out.duration_centims = d.duration_centims;
    return out;
}

BuiltinHandler::Draw BuiltinHandler::draw(HandlerContext& ctx) {
    Draw d;
    switch (failure_.mode) {
    case FailureInjection::Mode::Off: break;
    case FailureInjection::Mode::Always: d.raise = true; break;
    case FailureInjection::Mode::FirstN: d.raise = failure_.attempts_seen < failure_.first_n; break;
    case FailureInjection::Mode::Rate: d.raise = ctx.rng.next_unit() < failure_.rate; break;
    }
    ++failure_.attempts_seen;
    d.duration_centims = failure_.duration_ms
                             ? *failure_.duration_ms * 100 + static_cast<std::int64_t>(ctx.rng.below(100))
                             : kDurationMinCentims + static_cast<std::int64_t>(ctx.rng.below(kDurationSpanCentims));
    return d;
}

HandlerRun BuiltinHandler::outcome(const std::string& printed_event, bool raise) const {
    HandlerRun out;
    std::string line;
    line.reserve(printed_event.size() + 17);
    line += "Received event: ";
    line += printed_event;
    line += '\n';
    out.output.push_back({"", std::move(line)});
    if (raise) {
        out.raised = true;
        out.error_type = failure_.error_type;
        out.error_message = failure_.error_message;
        out.stack_trace = {builtin_stack_frame(out.error_type, out.error_message)};
    } else {
        out.result = python_json_dumps(ojson{{"statusCode", 200}, {"body", python_json_dumps("Hello from Lambda!")}});
    }
    return out;
}

} // namespace invokelab
