// One attempt on an execution environment, in three scheduled moments so the trace and the
// logs appear at the virtual time they happen:
//   begin_attempt   start                          environment (cold/warm), INIT_START, attempt.start
//   run_handler     start + ceil(init)             START, then what the handler printed
//   end_attempt     start + ceil(init + duration)  [ERROR] / timeout line, END, REPORT; the caller's `done`
//
// The handler is called in begin_attempt: its duration decides when the attempt ends, and the
// end is scheduled up front so equal-time events keep their order. The runtime, not the
// handler, stops a run at the function's timeout.
#include <cstdint>
#include "aws/arn.h"
#include "lambda/handler.h"
#include "lambda/lambda.h"
#include "lambda/log_format.h"
#include "lambda/python_style.h"
#include "sim/env.h"
#include "util/json_text.h"
#include "util/timefmt.h"

namespace invokelab {
namespace {

// Plausible figures for a 128 MB python3.12 function (UNCONFIRMED ranges, chosen from public REPORT lines).
constexpr std::int64_t kInitMinCentims = 8'000, kInitSpanCentims = 17'001;       // 80.00 .. 250.00 ms
constexpr int kMaxMemoryMinMb = 36, kMaxMemorySpanMb = 5;                         // 36 .. 40 MB
constexpr std::int64_t kUnmarshalFaultCentims = 100;                              // 1.00 ms: no handler ran (UNCONFIRMED)

// The runtime decodes the event before calling the handler: awslambdaric's
// LambdaMarshaller.unmarshal_request is json.loads(body), and any exception it raises becomes
// FaultException(Runtime.UnmarshalError, "Unable to unmarshal input: " + str(e), trace None),
// reported as {"errorMessage", "errorType", "requestId", "stackTrace": []}
// (aws/aws-lambda-python-runtime-interface-client awslambdaric/lambda_runtime_marshaller.py and
// bootstrap.py handle_event_request / make_error / log_error). Lambda's front door takes any
// valid JSON up to the payload limit, however deep; CPython's C scanner calls
// Py_EnterRecursiveCall(" while decoding a JSON array/object from a unicode string") per nesting
// level, so a document nested deeper than the C recursion budget raises RecursionError there
// (kRuntimeJsonMaxDepth: the exact boundary on Lambda is UNCONFIRMED).
HandlerRun unmarshal_fault(bool deep_array) {
    HandlerRun run;
    run.raised = true;
    run.runtime_fault = true;
    run.error_type = "Runtime.UnmarshalError";
    run.error_message = std::string("Unable to unmarshal input: maximum recursion depth exceeded while decoding a JSON ") +
                        (deep_array ? "array" : "object") + " from a unicode string";
    run.duration_centims = kUnmarshalFaultCentims;
    return run;
}

} // namespace

SharedText LambdaService::shared_text(const std::string& text) {
    if (text.empty()) return SharedText();
    // An attempt asks for its error type, then its message: the two asked last are found
    // without a lookup (a retry of the same failure asks for the same two).
    for (const auto& recent : recent_shared_)
        if (recent && *recent == text) return SharedText(recent);
    auto it = shared_texts_.find(text);
    if (it == shared_texts_.end()) {
        // Bounded: texts that never repeat (a timeout names its request id) must not pile up.
        if (shared_texts_.size() >= 64) shared_texts_.clear();
        it = shared_texts_.emplace(text, std::make_shared<const std::string>(text)).first;
    }
    recent_shared_[1] = std::move(recent_shared_[0]);
    recent_shared_[0] = it->second;
    return SharedText(it->second);
}

std::size_t LambdaService::pick_environment(const FunctionConfig& f, bool& cold) {
    // Warm reuse: the oldest idle environment of the function. Environments are never
    // reclaimed in the playground (AWS recycles idle ones after minutes; UNCONFIRMED timing).
    // idle_environments_ holds, per function, the idle ones by index: the oldest is the first.
    auto idle = idle_environments_.find(f.name);
    if (idle != idle_environments_.end() && !idle->second.empty()) {
        const std::size_t i = idle->second.top();
        idle->second.pop();                         // the caller makes it busy
        cold = false;
        return i;
    }
    ExecutionEnvironment e;
    e.function = f.name;
    e.created_at = env_.now();
    const std::string day = date_slashes(e.created_at);
    constexpr std::string_view version = "/[$LATEST]";
    e.log_stream.reserve(day.size() + version.size() + ExecutionEnvironment::kIdChars);   // one allocation
    e.log_stream.append(day).append(version);
    rng().append_hex(e.log_stream, ExecutionEnvironment::kIdChars);   // the id: drawn first, as before
    e.init_centims = kInitMinCentims + static_cast<std::int64_t>(rng().below(kInitSpanCentims));
    e.max_memory_mb = kMaxMemoryMinMb + static_cast<int>(rng().below(kMaxMemorySpanMb));
    environments_.push_back(std::move(e));        // moved: its stream name is not copied
    cold = true;
    return environments_.size() - 1;
}

const LambdaService::DecodedEvent& LambdaService::decode_event(const std::string& payload) {
    if (decoded_event_.valid && decoded_event_.payload == payload) return decoded_event_;
    // A payload the front door took is valid JSON (json_valid), and no payload is the empty
    // object. The event is passed by reference, never copied (a copy would recurse once per level).
    JsonParse event = payload.empty() ? JsonParse{JsonParse::Status::Ok, ojson::object()} : parse_json(payload, kRuntimeJsonMaxDepth);
    if (event.status == JsonParse::Status::Invalid) event.value = ojson::object();
    DecodedEvent d;
    d.too_deep = event.status == JsonParse::Status::TooDeep;
    d.deep_array = event.deep_array;
    if (!d.too_deep) d.printed = python_repr(event.value);
    d.valid = payload.size() <= kEventCacheBytes;   // larger ones are decoded again next time
    d.generation = ++decode_generation_;
    if (d.valid) d.payload = payload;
    decoded_event_ = std::move(d);
    return decoded_event_;
}

std::shared_ptr<const HandlerRun> LambdaService::builtin_run(const BuiltinHandler& handler, const FailureInjection& failure,
                                                             const DecodedEvent& event, bool raise) {
    BuiltinRuns& c = builtin_runs_;
    if (c.event_generation != event.generation || c.error_type != failure.error_type || c.error_message != failure.error_message) {
        c = BuiltinRuns{};
        c.event_generation = event.generation;
        c.error_type = failure.error_type;
        c.error_message = failure.error_message;
    }
    std::shared_ptr<const HandlerRun>& slot = c.run[raise ? 1 : 0];
    if (!slot) slot = std::make_shared<const HandlerRun>(handler.outcome(event.printed, raise));
    return slot;
}

void LambdaService::error_response(std::string& out, const std::string& type, const std::string& message,
                                   std::string_view request_id, const std::vector<std::string>& frames) {
    ErrorResponseParts& c = error_response_parts_;
    if (!c.valid || c.type != type || c.message != message || c.frames != frames) {
        // python_runtime_error_json({{"errorMessage", message}, {"errorType", type}, {"requestId", id},
        // {"stackTrace", frames}}) cut around the id.
        c.head = "{";
        append_python_runtime_string(c.head, "errorMessage");
        c.head += ": ";
        append_python_runtime_string(c.head, message);
        c.head += ", ";
        append_python_runtime_string(c.head, "errorType");
        c.head += ": ";
        append_python_runtime_string(c.head, type);
        c.head += ", ";
        append_python_runtime_string(c.head, "requestId");
        c.head += ": ";
        c.tail = ", ";
        append_python_runtime_string(c.tail, "stackTrace");
        c.tail += ": [";
        for (std::size_t k = 0; k < frames.size(); ++k) {
            if (k) c.tail += ", ";
            append_python_runtime_string(c.tail, frames[k]);
        }
        c.tail += "]}";
        c.type = type;
        c.message = message;
        c.frames = frames;
        c.valid = true;
    }
    out.clear();                                    // keeps its capacity
    out.reserve(c.head.size() + request_id.size() + 2 + c.tail.size());
    out += c.head;
    append_python_runtime_string(out, request_id);
    out += c.tail;
}

bool LambdaService::may_write_logs(const FunctionConfig& f) {
    // Logs need logs:CreateLogStream/PutLogEvents on the role (AWSLambdaBasicExecutionRole).
    if (log_target_.function != f.name || log_target_.region != env_.region) {
        log_target_.function = f.name;
        log_target_.region = env_.region;
        log_target_.group = f.log_group();
        log_target_.resource = log_group_arn(env_.region, env_.account_id, log_target_.group) + ":*";
        log_target_.decided = false;
    }
    // The answer only changes with the role or IAM (IamService::generation()): asked once, not
    // three times per attempt.
    if (!log_target_.decided || log_target_.role_arn != f.role_arn || log_target_.iam_generation != iam_.generation()) {
        log_target_.allowed = iam_.allows(f.role_name(), "logs:PutLogEvents", log_target_.resource);
        log_target_.role_arn = f.role_arn;
        log_target_.iam_generation = iam_.generation();
        log_target_.decided = true;
    }
    return log_target_.allowed;
}

LogStream& LambdaService::log_stream_of(std::size_t environment) {
    // An environment writes to one stream of its function's group (log_target_.group, set by
    // may_write_logs for that function); the stream is found or created once, on its first line.
    if (environment_streams_.size() < environments_.size()) environment_streams_.resize(environments_.size(), nullptr);
    LogStream*& s = environment_streams_[environment];
    if (!s) s = &logs_.ensure_stream(log_target_.group, environments_[environment].log_stream);
    return *s;
}

void LambdaService::write_log(std::size_t inv, std::string_view message, bool in_tail, bool may_log) {
    InvocationRecord& r = invocations_[inv];
    // The tail is what --log-type Tail returns, which only a RequestResponse call can ask for:
    // async attempts keep no copy (their lines are in CloudWatch Logs).
    if (in_tail && r.invocation_type == InvocationType::RequestResponse) {
        std::string& tail = r.log_tail;
        tail += message;
        if (!message.empty() && message.back() != '\n') tail += '\n';
    }
    if (may_log) logs_.put(log_stream_of(r.attempts.back().environment_index), env_.now(), message);
}

void LambdaService::write_platform_line(std::size_t inv, const PlatformLineFacts& facts, bool may_log) {
    InvocationRecord& r = invocations_[inv];
    if (r.invocation_type == InvocationType::RequestResponse)   // the tail (write_log): the text
        render_platform_line(r.log_tail, std::string_view(reinterpret_cast<const char*>(&facts), facts.size()));
    // Kept as a record, rendered when read: the request id it points at is its record's, which
    // never moves or changes (invocations_ is a deque that only grows).
    if (may_log)
        logs_.put(log_stream_of(r.attempts.back().environment_index), env_.now(), LogRecord{&render_platform_line, &facts, facts.size()});
}

void LambdaService::begin_attempt(std::size_t inv, std::function<void(std::size_t)> done) {
    InvocationRecord& r = invocations_[inv];
    FunctionConfig& f = functions_.at(r.function);
    bool cold = false;
    const std::size_t env_index = pick_environment(f, cold);
    ExecutionEnvironment& env = environments_[env_index];
    env.busy = true;
    env.current_request_id = r.request_id;

    AttemptRecord a;
    a.number = static_cast<int>(r.attempts.size()) + 1;
    HandlerContext ctx{r.request_id, f.name, a.number, rng()};
    std::shared_ptr<const HandlerRun> run;
    std::int64_t duration_centims = 0;              // this attempt's (a shared built-in run holds none)
    if (f.code) {
        // Deployed code: the package as it is now, so a retry of an older event runs the new code.
        CodeRunRequest req;
        req.runtime = f.runtime;
        req.handler = f.handler;
        req.files = &f.code->files;
        req.event = r.payload.empty() ? "{}" : r.payload;
        req.aws_request_id = r.request_id;
        req.function_name = f.name;
        req.invoked_function_arn = f.arn(env_.region, env_.account_id);
        req.memory_limit_in_mb = f.memory_mb;
        req.log_group_name = f.log_group();
        req.log_stream_name = env.log_stream;
        req.timeout_ms = static_cast<std::int64_t>(f.timeout_s) * 1000;
        req.attempt = a.number;
        req.code_revision = f.revision_id;
        CodeHandler handler(code_runner_, std::move(req));
        run = std::make_shared<const HandlerRun>(handler.run(ojson(), ctx));
        duration_centims = run->duration_centims;
    } else {
        BuiltinHandler handler(f.failure);
        // The runtime decodes the event on every attempt; what that gives the built-in handler
        // depends on the payload text alone (decode_event: equal payloads in a row decode once).
        const DecodedEvent& event = decode_event(r.payload);
        if (event.too_deep) {
            run = std::make_shared<const HandlerRun>(unmarshal_fault(event.deep_array));
            duration_centims = run->duration_centims;
        } else {
            const BuiltinHandler::Draw d = handler.draw(ctx);
            duration_centims = d.duration_centims;
            run = builtin_run(handler, f.failure, event, d.raise);
        }
    }
    const std::int64_t timeout_centims = static_cast<std::int64_t>(f.timeout_s) * 100'000;
    const bool timed_out = run->timed_out || duration_centims > timeout_centims;

    a.start = env_.now();
    a.cold_start = cold;
    a.environment_index = env_index;
    a.duration_centims = timed_out ? timeout_centims : duration_centims;   // stopped at the timeout
    a.init_centims = cold ? env.init_centims : 0;
    a.outcome = AttemptOutcome::Running;
    // Room for exactly the attempts this event may run (1 + MaximumRetryAttempts; a sync call
    // runs once), not the vector's 1, 2, 4 growth: 10^6 retried events hold 3 attempts each.
    if (r.attempts.empty())
        r.attempts.reserve(r.invocation_type == InvocationType::Event ? static_cast<std::size_t>(max_retry_attempts(f)) + 1 : 1);
    r.attempts.push_back(a);
    r.state = InvocationState::Running;
    r.next_attempt_at.reset();
    env_.record_of("attempt.start", r.request_id, "function", f.name, "attempt", a.number, "environment", env.id(), "coldStart", cold);
    if (cold) {
        init_start_line_into(log_line_, f.runtime_version, f.runtime_version_arn);   // (write_log copies it)
        write_log(inv, log_line_, false, may_write_logs(f));
    }

    const TimeMs handler_at = env_.now() + (a.init_centims + 99) / 100;
    const TimeMs end_at = env_.now() + (a.init_centims + a.duration_centims + 99) / 100;
    const std::string& rid = r.request_id;
    env_.scheduler.at(handler_at, Scheduler::Label("lambda.handler ", rid), [this, inv, run] { run_handler(inv, *run); });
    env_.scheduler.at(end_at, Scheduler::Label("lambda.end ", rid),
                      [this, inv, run = std::move(run), timed_out, done = std::move(done)] {
                          end_attempt(inv, *run, timed_out);
                          done(inv);
                      });
}

void LambdaService::run_handler(std::size_t inv, const HandlerRun& run) {
    const std::string& rid = invocations_[inv].request_id;
    const bool may_log = may_write_logs(functions_.at(invocations_[inv].function));
    // Each line is built in one buffer that keeps its capacity (write_log copies it where it goes).
    std::string& line = log_line_;
    PlatformLineFacts start;
    start.id = rid.data();
    start.id_size = static_cast<std::uint32_t>(rid.size());
    start.kind = PlatformLineFacts::kStart;
    write_platform_line(inv, start, may_log);
    for (const auto& out : run.output) {
        if (out.level.empty()) { write_log(inv, out.text, true, may_log); continue; }
        logging_line_into(line, out.level, env_.now(), rid, out.text);
        write_log(inv, line, true, may_log);
    }
}

void LambdaService::end_attempt(std::size_t inv, const HandlerRun& run, bool timed_out) {
    InvocationRecord& rec = invocations_[inv];
    FunctionConfig& fn = functions_.at(rec.function);
    AttemptRecord& at = rec.attempts.back();
    const std::string& rid = rec.request_id;        // invocations_ is a deque: the record does not move
    const bool may_log = may_write_logs(fn);
    at.end = env_.now();
    if (timed_out) {
        at.outcome = AttemptOutcome::Timeout;
        at.error_type = shared_text("Sandbox.Timedout");
        at.error_message = shared_text(timeout_message(rid, fn.timeout_s));
        rec.response = python_runtime_error_json({{"errorType", at.error_type.str()}, {"errorMessage", at.error_message.str()}});
    } else if (run.raised && run.runtime_fault) {
        at.outcome = AttemptOutcome::Error;
        at.error_type = shared_text(run.error_type);
        at.error_message = shared_text(run.error_message);
        write_log(inv, error_line(at.error_type, at.error_message, {}), true, may_log);
        static const std::vector<std::string> no_frames;
        error_response(rec.response, at.error_type.str(), at.error_message.str(), rid, no_frames);
    } else if (run.raised) {
        at.outcome = AttemptOutcome::Error;
        at.error_type = shared_text(run.error_type);
        at.error_message = shared_text(run.error_message);
        // An init error (import failed, syntax error, handler missing): the runtime warns, logs the
        // error and exits; the platform reports the failed init (awslambdaric bootstrap.py run();
        // INIT_REPORT per reference §5). Its error object has no request id (make_error without
        // invoke_id).
        if (run.init_error) write_log(inv, logging_line("WARNING", env_.now(), "", lambda_unhandled_warning()), true, may_log);
        write_log(inv, error_line(at.error_type, at.error_message, run.stack_trace), true, may_log);
        if (run.init_error) write_log(inv, init_report_line(at.duration_centims, at.error_type), true, may_log);
        error_response(rec.response, at.error_type.str(), at.error_message.str(),
                       run.init_error ? std::string_view() : std::string_view(rid), run.stack_trace);
    } else {
        at.outcome = AttemptOutcome::Success;
        rec.response = run.result;
    }
    rec.function_error = at.outcome == AttemptOutcome::Success ? "" : "Unhandled";
    ExecutionEnvironment& e = environments_[at.environment_index];
    PlatformLineFacts line;
    line.id = rid.data();
    line.id_size = static_cast<std::uint32_t>(rid.size());
    line.kind = PlatformLineFacts::kEnd;
    write_platform_line(inv, line, may_log);
    line.kind = PlatformLineFacts::kReport;
    line.duration_centims = at.duration_centims;
    line.memory_mb = fn.memory_mb;
    line.max_memory_mb = e.max_memory_mb;
    line.has_init = at.cold_start;
    line.init_centims = at.cold_start ? at.init_centims : 0;
    line.timed_out = timed_out;
    write_platform_line(inv, line, may_log);
    e.busy = false;
    idle_environments_[e.function].push(at.environment_index);
    e.current_request_id = {};
    ++e.invocations_served;
    const std::string duration = centims_text(at.duration_centims);
    if (at.error_type.empty())
        env_.record_of("attempt.end", rid, "function", fn.name, "attempt", at.number, "outcome", to_string(at.outcome),
                       "durationMs", duration);
    else
        env_.record_of("attempt.end", rid, "function", fn.name, "attempt", at.number, "outcome", to_string(at.outcome),
                       "durationMs", duration, "errorType", at.error_type.str());
}

} // namespace invokelab
