// The built-in handler and one attempt on an execution environment.
//
// An attempt is three scheduled moments, so the trace and the logs appear at the virtual
// time they happen:
//   start                 INIT_START (cold start only)
//   start + ceil(init)    START, then the handler's print output
//   start + ceil(init + duration)   [ERROR] / timeout line, END, REPORT; the caller's `done`
#include <cstdint>
#include "lambda/lambda.h"
#include "aws/arn.h"
#include "lambda/log_format.h"
#include "lambda/python_style.h"
#include "sim/env.h"
#include "util/timefmt.h"

namespace invokelab {
namespace {

// Plausible figures for a 128 MB python3.12 function (UNCONFIRMED ranges, chosen from public REPORT lines).
constexpr std::int64_t kInitMinCentims = 8'000, kInitSpanCentims = 17'001;       // 80.00 .. 250.00 ms
constexpr std::int64_t kDurationMinCentims = 100, kDurationSpanCentims = 301;    // 1.00 .. 4.00 ms
constexpr int kMaxMemoryMinMb = 36, kMaxMemorySpanMb = 5;                         // 36 .. 40 MB

ojson parse_event(const std::string& payload) {
    if (payload.empty()) return ojson::object();     // no --payload: the handler sees {}
    ojson j = ojson::parse(payload, nullptr, false);
    return j.is_discarded() ? ojson::object() : j;
}

} // namespace

std::size_t LambdaService::pick_environment(const FunctionConfig& f, bool& cold) {
    // Warm reuse: the oldest idle environment of the function. Environments are never
    // reclaimed in the playground (AWS recycles idle ones after minutes; UNCONFIRMED timing).
    for (std::size_t i = 0; i < environments_.size(); ++i) {
        if (environments_[i].function == f.name && !environments_[i].busy) { cold = false; return i; }
    }
    ExecutionEnvironment e;
    e.id = env_.rng.hex(32);
    e.function = f.name;
    e.created_at = env_.now();
    e.log_stream = date_slashes(e.created_at) + "/[$LATEST]" + e.id;
    e.init_centims = kInitMinCentims + static_cast<std::int64_t>(env_.rng.below(kInitSpanCentims));
    e.max_memory_mb = kMaxMemoryMinMb + static_cast<int>(env_.rng.below(kMaxMemorySpanMb));
    environments_.push_back(e);
    cold = true;
    return environments_.size() - 1;
}

void LambdaService::start_attempt(std::size_t inv, std::function<void(std::size_t)> done) {
    InvocationRecord& r = invocations_[inv];
    FunctionConfig& f = functions_.at(r.function);
    bool cold = false;
    const std::size_t env_index = pick_environment(f, cold);
    ExecutionEnvironment& env = environments_[env_index];
    env.busy = true;
    env.current_request_id = r.request_id;

    // Failure injection decides now (draw order: rate draw, then duration jitter).
    FailureInjection& fi = f.failure;
    bool fail = false;
    switch (fi.mode) {
    case FailureInjection::Mode::Off: break;
    case FailureInjection::Mode::Always: fail = true; break;
    case FailureInjection::Mode::FirstN: fail = fi.attempts_seen < fi.first_n; break;
    case FailureInjection::Mode::Rate: fail = env_.rng.next_unit() < fi.rate; break;
    }
    ++fi.attempts_seen;
    std::int64_t duration = fi.duration_ms ? *fi.duration_ms * 100 + static_cast<std::int64_t>(env_.rng.below(100))
                                           : kDurationMinCentims + static_cast<std::int64_t>(env_.rng.below(kDurationSpanCentims));
    const std::int64_t timeout_centims = static_cast<std::int64_t>(f.timeout_s) * 100'000;
    const bool timed_out = duration > timeout_centims;
    if (timed_out) duration = timeout_centims;      // the runtime is stopped at the timeout

    AttemptRecord a;
    a.number = static_cast<int>(r.attempts.size()) + 1;
    a.start = env_.now();
    a.cold_start = cold;
    a.environment_id = env.id;
    a.duration_centims = duration;
    a.init_centims = cold ? env.init_centims : 0;
    r.attempts.push_back(a);
    r.state = "running";
    r.next_attempt_at.reset();
    env_.record("attempt.start", r.request_id,
                  ojson{{"function", f.name}, {"attempt", a.number}, {"environment", env.id}, {"coldStart", cold}});

    // Logs need logs:CreateLogStream/PutLogEvents on the role (AWSLambdaBasicExecutionRole).
    const std::string group = f.log_group();
    const std::string stream = env.log_stream;
    const bool can_log = iam_.allows(f.role_name(), "logs:PutLogEvents",
                                           log_group_arn(env_.region, env_.account_id, group) + ":*");
    auto write = [this, inv, can_log, group, stream](const std::string& message, bool in_tail) {
        if (can_log) logs_.put(group, stream, env_.now(), message);
        if (in_tail) {
            std::string& tail = invocations_[inv].attempts.back().log;
            tail += message;
            if (!message.empty() && message.back() != '\n') tail += '\n';
        }
    };
    if (cold) write(init_start_line(f.runtime_version, f.runtime_version_arn), false);

    const std::int64_t init = a.init_centims;
    const TimeMs handler_at = env_.now() + (init + 99) / 100;
    const TimeMs end_at = env_.now() + (init + duration + 99) / 100;
    const std::string rid = r.request_id;
    env_.scheduler.at(handler_at, "lambda.handler " + rid, [this, inv, write, rid] {
        write(start_line(rid), true);
        write("Received event: " + python_repr(parse_event(invocations_[inv].payload)) + "\n", true);
    });
    env_.scheduler.at(end_at, "lambda.end " + rid, [this, inv, env_index, write, rid, fail, timed_out, done] {
        InvocationRecord& rec = invocations_[inv];
        FunctionConfig& fn = functions_.at(rec.function);
        AttemptRecord& at = rec.attempts.back();
        ExecutionEnvironment& e = environments_[env_index];
        at.end = env_.now();
        if (timed_out) {
            at.outcome = "timeout";
            at.error_type = "Sandbox.Timedout";
            at.error_message = timeout_message(rid, fn.timeout_s);
            write(timeout_line(env_.now(), rid, fn.timeout_s), true);
            rec.response = python_json_dumps(ojson{{"errorType", at.error_type}, {"errorMessage", at.error_message}});
        } else if (fail) {
            at.outcome = "error";
            at.error_type = fn.failure.error_type;
            at.error_message = fn.failure.error_message;
            write(error_line(at.error_type, at.error_message), true);
            const std::string frame = "  File \"/var/task/lambda_function.py\", line " + std::to_string(kRaiseLine) +
                                      ", in lambda_handler\n    " + raise_source(at.error_type, at.error_message) + "\n";
            rec.response = python_json_dumps(ojson{{"errorMessage", at.error_message}, {"errorType", at.error_type},
                                                   {"requestId", rid}, {"stackTrace", ojson::array({frame})}});
        } else {
            at.outcome = "success";
            rec.response = python_json_dumps(ojson{{"statusCode", 200}, {"body", python_json_dumps("Hello from Lambda!")}});
        }
        rec.function_error = at.outcome == "success" ? "" : "Unhandled";
        write(end_line(rid), true);
        write(report_line(rid, at.duration_centims, fn.memory_mb, e.max_memory_mb,
                          at.cold_start ? std::optional<std::int64_t>(at.init_centims) : std::nullopt, timed_out), true);
        e.busy = false;
        e.current_request_id.clear();
        ++e.invocations_served;
        ojson detail{{"function", fn.name}, {"attempt", at.number}, {"outcome", at.outcome},
                     {"durationMs", centims_text(at.duration_centims)}};
        if (!at.error_type.empty()) detail["errorType"] = at.error_type;
        env_.record("attempt.end", rid, detail);
        done(inv);
    });
}

} // namespace invokelab
