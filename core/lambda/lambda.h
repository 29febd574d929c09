// Invoke Lab core: AWS Lambda functions and their invocation paths.
//
// Index
//   AttemptRecord, InvocationRecord   what views and tests read about each request
//   ExecutionEnvironment              one function instance (cold/warm, busy/idle, log stream)
//   FailureInjection                  the playground's handler setting (`lab fail`)
//   EventInvokeConfig                 MaximumRetryAttempts / MaximumEventAgeInSeconds / destinations
//   QueuedEvent                       an async event in a function's internal queue
//   FunctionConfig                    configuration as GetFunctionConfiguration shows it
//   InvokeResult                      what a caller of Invoke gets back
//   LambdaService                     functions, invoke paths, internal event queues
//
// Where the code lives (split by concept):
//   states.*           typed states (InvocationType/State, AttemptOutcome, AsyncCondition) and their strings
//   functions.cpp      defaults, name/ARN resolution, configuration JSON and updates, DLQ checks
//   event_config.cpp   put/update/get/delete/list event invoke config
//   handler.h          the Handler seam; builtin_handler.cpp: echo + failure injection
//   code.*             deployed code packages, the CodeRunner seam, CodeHandler
//   attempt.cpp        one attempt on an environment: begin / run the handler / end
//   invoke.cpp         Invoke: RequestResponse, Event (acceptance), DryRun, payload checks
//   async_queue.cpp    the internal queue, poller, retries, max event age, the end of an event
//   retry.*            after_attempt(): the pure retry decision (function errors vs throttles)
//   delivery.cpp       dead-letter queue and destinations, through DeliveryTargets (targets.h)
//   log_format.*       START / END / REPORT / INIT_START / [ERROR] lines
//   python_style.*     Python repr / json.dumps, so printed events and error objects match
//
// Timing constants (virtual ms) are in the LambdaService section below; every one that the
// reference sheet does not pin is marked UNCONFIRMED where it is defined.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <iterator>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <set>
#include <string>
#include <string_view>
#include <vector>
#include "aws/errors.h"                             // LambdaService operations throw AwsError
#include "lambda/code.h"
#include "lambda/handler.h"
#include "lambda/retry.h"
#include "lambda/states.h"
#include "lambda/targets.h"
#include "services/iam.h"
#include "services/logs.h"
#include "sim/env.h"

namespace invokelab {

struct PlatformLineFacts;                           // lambda/log_format.h

// An error text that repeats (every attempt of an always-failing function has the same type and
// message): the attempts share one immutable copy (LambdaService::shared_text) instead of one
// string each. Reads like a const std::string; empty when unset.
class SharedText {
public:
    SharedText() = default;
    explicit SharedText(std::shared_ptr<const std::string> text) : text_(std::move(text)) {}
    const std::string& str() const { return text_ ? *text_ : empty_string(); }
    operator const std::string&() const { return str(); }
    bool empty() const { return str().empty(); }
    std::size_t size() const { return str().size(); }
    const char* c_str() const { return str().c_str(); }
    friend bool operator==(const SharedText& a, const std::string& b) { return a.str() == b; }
    friend bool operator==(const SharedText& a, const char* b) { return a.str() == b; }
private:
    static const std::string& empty_string() { static const std::string e; return e; }
    std::shared_ptr<const std::string> text_;
};

// Compact (88 bytes natively: two shared texts of 16): a run of 10^6 retried async events holds
// three of these each (core_bench (e): 264 bytes of attempts per invocation).
struct AttemptRecord {
    int number = 1;                                 // 1-based
    AttemptOutcome outcome = AttemptOutcome::Running;
    bool cold_start = false;
    TimeMs start = 0, end = -1;                     // end = -1 while running
    SharedText error_type, error_message;           // for error/timeout
    std::size_t environment_index = 0;              // which ExecutionEnvironment ran it: its index in
                                                    // LambdaService::environments() (its id is there, not copied here)
    std::int64_t duration_centims = 0;              // handler Duration in 1/100 ms (REPORT "Duration")
    std::int64_t init_centims = 0;                  // Init Duration in 1/100 ms (cold starts only)
};

// Fields ordered so that the small ones share words (no padding between strings).
struct InvocationRecord {
    std::string request_id;
    std::string function;
    InvocationType invocation_type = InvocationType::RequestResponse;
    int status_code = 0;                            // HTTP status returned to the caller (200, 202, 204, 4xx)
    InvocationState state = InvocationState::Queued;
    AsyncCondition condition = AsyncCondition::None;   // how an async event ended
    bool dlq_failed = false;
    bool destination_failed = false;
    TimeMs accepted_at = 0;                         // when the call reached Lambda
    std::string payload;                            // the request body as sent
    std::vector<AttemptRecord> attempts;
    std::optional<TimeMs> next_attempt_at;          // a pending retry (async), for countdowns
    std::optional<TimeMs> finished_at;              // when the request left the system
    std::optional<TimeMs> dlq_at;                   // dead-letter delivery time
    SharedText dlq_target;                          // ARN delivered to (or attempted): the function's setting, shared
    std::string dlq_message_id;
    std::string function_error;                     // "" or "Unhandled" (last attempt)
    std::string response;                           // last attempt's response body (result or error object); an async
                                                    // event's is released once the event has ended and been delivered
                                                    // (only a destination reads it), so finished events stay small
    std::string log_tail;                           // a RequestResponse call's attempt log (START … REPORT), for
                                                    // --log-type Tail (async attempts keep none: their lines are in CloudWatch Logs)
    SharedText destination_target;                  // OnSuccess/OnFailure ARN delivered to (or attempted), shared
    std::optional<TimeMs> destination_at;
    std::optional<std::size_t> duplicate_of;        // an extra delivery of the same event (`lab duplicates`): the original's index
};

using InvocationList = std::deque<InvocationRecord>;

// One per cold start (core_bench (c) makes 10 000). Its strings are the function's name and its
// stream's name; the id and the running request are views, not copies.
struct ExecutionEnvironment {
    static constexpr std::size_t kIdChars = 32;
    std::string function;
    std::string log_stream;                         // YYYY/MM/DD/[$LATEST]<id>
    // The request it runs now ("" when idle): a view of that invocation record's request_id
    // (records are never removed and their ids never change), not a copy made per attempt.
    std::string_view current_request_id;
    TimeMs created_at = 0;
    std::int64_t init_centims = 0;                  // drawn once, shown as Init Duration on the first attempt
    int invocations_served = 0;
    int max_memory_mb = 0;                          // "Max Memory Used" this environment reports
    bool busy = false;
    // 32 hex characters: the end of the stream's name, not a second copy of them.
    std::string_view id() const {
        return log_stream.size() < kIdChars ? std::string_view() : std::string_view(log_stream).substr(log_stream.size() - kIdChars);
    }
};

// The playground's failure injection: what the built-in handler does on each attempt.
struct FailureInjection {
    enum class Mode { Off, Always, FirstN, Rate };
    Mode mode = Mode::Off;
    int first_n = 0;                                // FirstN: the next N attempts fail
    int attempts_seen = 0;                          // attempts run since the setting was made (FirstN counter)
    double rate = 0;                                // Rate: probability in [0, 1] (drawn from the "lambda" stream)
    std::string error_type = "Exception";
    std::string error_message = "Something went wrong!";
    std::optional<TimeMs> duration_ms;              // handler run time; over the timeout => Sandbox.Timedout
    std::string describe() const;                   // one line, as `lab fail FUNCTION` prints it
};

struct EventInvokeConfig {
    std::optional<int> maximum_retry_attempts;      // 0..2; unset => 2 (left out of responses, as AWS does)
    std::optional<int> maximum_event_age_s;         // 60..21600; unset => 21600
    std::optional<std::string> on_success, on_failure;  // destination ARNs; set-but-empty prints {}
    TimeMs last_modified = 0;
};

// The pattern a destination ARN must match (as Lambda quotes it in ValidationException), and
// the same in ECMAScript syntax, anchored (util/pattern.h): event_config.cpp.
extern const char* const kDestinationPattern;
extern const char* const kDestinationRegex;

struct QueuedEvent {
    // The request id of invocations()[invocation] (a view of it: the records are never removed and
    // do not move, InvocationList being a deque), so queueing an event or a retry copies no string.
    std::string_view request_id;
    TimeMs accepted_at = 0;                         // age = now - accepted_at
    TimeMs available_at = 0;                        // when the poller takes it (retries wait here too)
    int next_attempt = 1;                           // the attempt it will run as
    std::size_t invocation = 0;                     // index into LambdaService::invocations() (a duplicate shares the request id)
};

// A function's internal queue: waiting events in arrival order. push() hands back a ticket
// and take(ticket) removes that event in O(1): the poller takes events in available_at order,
// not arrival order, so a taken event is marked and dropped once everything before it is
// gone (what is kept is bounded by the events in flight). Iteration skips taken events;
// operator[] walks from the front (for tests and small queues).
class EventQueue {
    struct Item { QueuedEvent event; bool taken; };
public:
    using Ticket = std::uint64_t;
    Ticket push(QueuedEvent e) { items_.push_back(Item{std::move(e), false}); ++live_; return base_ + items_.size() - 1; }
    std::optional<QueuedEvent> take(Ticket t);      // nullopt when already taken or unknown
    std::size_t size() const { return live_; }
    bool empty() const { return live_ == 0; }
    const QueuedEvent& operator[](std::size_t i) const;

    class const_iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = QueuedEvent;
        using difference_type = std::ptrdiff_t;
        using pointer = const QueuedEvent*;
        using reference = const QueuedEvent&;
        const QueuedEvent& operator*() const { return (*items_)[i_].event; }
        const QueuedEvent* operator->() const { return &(*items_)[i_].event; }
        const_iterator& operator++() { ++i_; skip(); return *this; }
        bool operator==(const const_iterator& o) const { return i_ == o.i_; }
        bool operator!=(const const_iterator& o) const { return i_ != o.i_; }
    private:
        friend class EventQueue;
        const_iterator(const std::deque<Item>* items, std::size_t i) : items_(items), i_(i) { skip(); }
        void skip() { while (i_ < items_->size() && (*items_)[i_].taken) ++i_; }
        const std::deque<Item>* items_;
        std::size_t i_;
    };
    const_iterator begin() const { return const_iterator(&items_, 0); }
    const_iterator end() const { return const_iterator(&items_, items_.size()); }

private:
    std::deque<Item> items_;
    Ticket base_ = 0;                               // the ticket of items_.front()
    std::size_t live_ = 0;
};

struct FunctionConfig {
    std::string name, runtime = "python3.12", role_arn, handler = "lambda_function.lambda_handler";
    int memory_mb = 128;
    int timeout_s = 3;
    std::string description;
    int code_size = 299;
    std::string code_sha256;
    TimeMs last_modified = 0;
    std::string revision_id;
    std::string dead_letter_target;                 // "" = no DeadLetterConfig
    std::string runtime_version_arn;
    std::string runtime_version = "python:3.12.v64";
    int ephemeral_storage_mb = 512;
    FailureInjection failure;                       // the built-in handler's setting (used while code is unset)
    double duplicate_rate = 0;                      // `lab duplicates`: probability an event is delivered twice
    std::optional<CodePackage> code;                // deployed code (update-function-code); unset = built-in handler
    std::optional<EventInvokeConfig> event_invoke_config;
    // Metrics the console would show (counts since reset).
    int async_events_received = 0, async_events_dropped = 0, dead_letter_errors = 0, destination_delivery_failures = 0;

    std::string arn(const std::string& region, const std::string& account) const;
    std::string role_name() const;                  // last path segment of role_arn
    std::string log_group() const { return "/aws/lambda/" + name; }
};

struct InvokeResult {
    int status_code = 0;                            // 200, 202, 204
    std::string function_error;                     // "" | "Unhandled"
    std::string payload;                            // the response body (empty for 202/204)
    std::string log_tail;                           // last 4 KB of the attempt's log (RequestResponse)
    std::string executed_version = "$LATEST";
    std::string request_id;
};

// A call in flight, as begin_invoke() hands it back. Event and DryRun calls are answered at
// once; a RequestResponse call is answered when its attempt ends, so the caller drives the
// scheduler until done() and then asks finish_invoke() for the response (World::invoke does
// this). LambdaService never runs the clock itself.
struct PendingInvoke {
    std::size_t invocation = 0;                     // index into LambdaService::invocations()
    bool sync = false;                              // RequestResponse
    bool tail_log = false;                          // --log-type Tail
    std::shared_ptr<bool> attempt_ended;            // RequestResponse: set when its attempt ends (null otherwise)
    InvokeResult answered;                          // Event / DryRun: the response, already final
    bool done() const { return !sync || (attempt_ended && *attempt_ended); }
};

class LambdaService {
public:
    // [SECTION] Timing constants (virtual ms)
    static constexpr TimeMs kAsyncPollDelayMs = 5;              // UNCONFIRMED: accept -> poller picks it up
    // A duplicate delivery (`lab duplicates`) reaches the poller this long after the original's
    // first dequeue: 1..5 s, drawn (UNCONFIRMED: AWS documents duplicates, not their timing).
    static constexpr TimeMs kDuplicateMinDelayMs = 1000, kDuplicateSpanMs = 4001;
    // Retry delays: lambda/retry.h (kFirstRetryDelayMs, kSecondRetryDelayMs, throttle backoff).
    static constexpr std::size_t kSyncPayloadLimit = 6'291'456; // bytes [BOTO] aws/aws-sdk#45
    static constexpr std::size_t kAsyncPayloadLimit = 1'048'576; // bytes, since Oct 2025 [API-INVOKE]
    static constexpr std::size_t kLogTailBytes = 4096;
    static constexpr std::size_t kDlqErrorMessageBytes = 1024;

    LambdaService(Env& env, IamService& iam, LogsService& logs, DeliveryTargets& targets)
        : env_(env), iam_(iam), logs_(logs), targets_(targets) {}
    void install_defaults();                        // demo-lambda and its execution role

    // [SECTION] Functions and configuration (functions.cpp)
    // Resolves a name, full ARN or partial ARN; throws 404 ResourceNotFoundException.
    FunctionConfig& require_function(const std::string& name_or_arn, const std::string& region, bool qualified_message);
    FunctionConfig* find_function(const std::string& name);
    ojson configuration_json(const FunctionConfig& f, bool with_state, const std::string& last_update_status = "Successful") const;
    void set_dead_letter_target(FunctionConfig& f, const std::string& target_arn);  // checks ARN + role; throws 400 (no touch)
    void set_timeout(FunctionConfig& f, int seconds);                              // 1..900 (server-side check)
    void set_memory(FunctionConfig& f, int megabytes);                             // 128..10240
    void touch(FunctionConfig& f);                  // a configuration change: new RevisionId, LastModified = now
    void check_target_permission(const FunctionConfig& f, const std::string& arn) const; // 400 when the role may not send

    // [SECTION] Event invoke config (event_config.cpp)
    ojson put_event_invoke_config(FunctionConfig& f, const EventInvokeConfig& requested, bool replace);
    ojson event_invoke_config_json(const FunctionConfig& f) const;   // throws 404 when none
    void delete_event_invoke_config(FunctionConfig& f);               // throws 404 when none
    int max_retry_attempts(const FunctionConfig& f) const;
    int max_event_age_s(const FunctionConfig& f) const;

    // [SECTION] Invoke (invoke.cpp). Payload checks throw AwsError (400 / 404 / 413) after
    // recording the rejected call. begin_invoke starts the call; finish_invoke (once done())
    // records invoke.sync and builds the response (std::logic_error when called too early).
    PendingInvoke begin_invoke(const std::string& function, const std::string& payload, InvocationType invocation_type,
                               const std::string& region, bool tail_log);
    InvokeResult finish_invoke(const PendingInvoke& call);
    InvokeResult finish_invoke(PendingInvoke&& call);   // the same, moving an Event / DryRun answer out of `call`
    // request_id: the id drawn by begin_invoke (moved in); empty = draw one here.
    InvokeResult invoke_async(FunctionConfig& f, const std::string& payload, std::string request_id = {});

    // [SECTION] State for views and tests
    const std::map<std::string, FunctionConfig>& functions() const { return functions_; }
    // In acceptance order. A deque: growing never copies or moves the records (a vector's
    // doubling held old and new arrays at once, ~1.5x the records at 10^6), and a reference to
    // a record stays valid when later ones are added.
    const InvocationList& invocations() const { return invocations_; }
    // A deque: a new environment moves none of the others (a vector's growth moved all of them).
    const std::deque<ExecutionEnvironment>& environments() const { return environments_; }
    const EventQueue& event_queue(const std::string& function) const;      // waiting async events
    ojson state_json() const;

    // Failure injection (lab fail).
    FailureInjection& failure(const std::string& function);

    // [SECTION] Code (code_deploy.cpp). The runner is given by the composition root (World);
    // nullptr = none (a function with code then fails with Runtime.Unavailable).
    void set_code_runner(CodeRunner* runner) { code_runner_ = runner; }
    CodeRunner* code_runner() const { return code_runner_; }
    // Deploys a ZIP (UpdateFunctionCode): throws InvalidParameterValueException when it cannot
    // be read; otherwise CodeSha256, CodeSize, LastModified and RevisionId change.
    void deploy_code(FunctionConfig& f, const std::string& zip_bytes);
    void remove_code(FunctionConfig& f);            // back to the built-in handler (lab code builtin)
    std::string code_location(const FunctionConfig& f) const;   // GetFunction Code.Location

private:
    // invoke.cpp: json_valid(payload), remembering the last valid payload up to kValidPayloadCacheBytes.
    static constexpr std::size_t kValidPayloadCacheBytes = 64 * 1024;
    bool payload_valid(const std::string& payload);
    std::string last_valid_payload_;
    bool valid_payload_known_ = false;
    // invoke.cpp: the record every accepted call starts with (sync, async, DryRun alike).
    InvocationRecord& accept(const std::string& function, std::string request_id, InvocationType type,
                             int status_code, const std::string& payload, InvocationState state);
    // attempt.cpp: one attempt of invocation `inv` (index into invocations_); `done` runs at its end.
    void begin_attempt(std::size_t inv, std::function<void(std::size_t inv)> done);
    void run_handler(std::size_t inv, const HandlerRun& run);
    void end_attempt(std::size_t inv, const HandlerRun& run, bool timed_out);
    // CloudWatch (when `may_log`, from may_write_logs) + tail. The lines of one scheduled moment
    // share one IAM decision: nothing can change the role between them.
    void write_log(std::size_t inv, std::string_view message, bool in_tail, bool may_log);   // copies the message
    // START / END / REPORT: kept as a record in CloudWatch (rendered when read), as text in the tail.
    void write_platform_line(std::size_t inv, const PlatformLineFacts& facts, bool may_log);
    bool may_write_logs(const FunctionConfig& f);
    LogStream& log_stream_of(std::size_t environment);  // its CloudWatch stream (created on the first line)
    std::size_t pick_environment(const FunctionConfig& f, bool& cold);
    Rng& rng() {                                     // Env::stream's references stay valid: found once
        if (!lambda_rng_) lambda_rng_ = &env_.stream("lambda");
        return *lambda_rng_;
    }
    // The shared copy of an error text (AttemptRecord): equal texts in a row share one string.
    SharedText shared_text(const std::string& text);    // Lambda's draws: request ids, environments, handler runs
    // async_queue.cpp
    // The async path's handle on a function name: its internal queue and the function that has
    // the name now (null while none has). Found by name once when an event is accepted, then
    // held by the event's poll and attempt actions: slots are never removed and do not move (map
    // nodes), and whatever creates or deletes a function under a name updates that name's
    // `config`, so a waiting event sees the function the name has when it runs, as a lookup by
    // name would.
    struct FunctionSlot {
        FunctionConfig* config = nullptr;
        EventQueue queue;
    };
    FunctionSlot& slot_of(const std::string& function);
    // The poller's turn for invocation `inv`'s queued event `ticket` (in its function's queue).
    void schedule_poll(std::size_t inv, EventQueue::Ticket ticket, TimeMs at, FunctionSlot& slot);
    void poll(std::size_t inv, EventQueue::Ticket ticket, FunctionSlot& slot);
    void maybe_duplicate(FunctionSlot& slot, std::size_t inv);
    void on_async_attempt_end(std::size_t inv, FunctionSlot& slot);
    void finish_async_failure(std::size_t inv, FunctionConfig& f, AsyncCondition condition);   // f: the invocation's function
    // delivery.cpp
    void deliver_dead_letter(std::size_t inv, FunctionConfig& f);     // f: the invocation's function
    void deliver_destination(std::size_t inv, FunctionConfig& f, const std::string& target, bool success);
    bool send_to_target(const FunctionConfig& f, const std::string& arn, std::string body,
                        MessageAttributes attributes, std::string& message_id, std::string& reason);
    ojson invocation_record_json(const InvocationRecord& r) const;
    // A delivery target ARN as records keep it: one shared copy while the function's setting stays.
    SharedText target_text(const std::string& arn);
    SharedText last_target_text_;

    Env& env_;
    IamService& iam_;                               // execution roles: may it log, may it deliver
    LogsService& logs_;                             // START / END / REPORT and printed lines
    DeliveryTargets& targets_;                      // DLQ and destinations (world/targets.cpp)
    std::map<std::string, FunctionConfig> functions_;
    InvocationList invocations_;
    std::deque<ExecutionEnvironment> environments_;
    // By function: indices of idle environments, the oldest (smallest index) on top. A heap, not
    // a std::set: no node allocated each time an environment goes idle.
    std::map<std::string, std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<std::size_t>>> idle_environments_;
    std::vector<LogStream*> environment_streams_;   // by environment index: log_stream_of's answer (null until the first line)
    Rng* lambda_rng_ = nullptr;                     // rng()'s stream
    std::map<std::string, FunctionSlot> slots_;    // by function name (slot_of)
    CodeRunner* code_runner_ = nullptr;
    std::map<std::string, std::shared_ptr<const std::string>> shared_texts_;   // shared_text's cache (bounded)
    std::shared_ptr<const std::string> recent_shared_[2];                   // the two it gave last, newest first
    struct LogTarget {
        std::string function, region, group, resource;
        std::string role_arn;                       // the role `allowed` was decided for, at IAM generation `iam_generation`
        std::uint64_t iam_generation = 0;
        bool decided = false, allowed = false;
    };
    std::string log_line_;                          // START / END / REPORT / logging lines are built here (capacity kept)
    LogTarget log_target_;                          // may_write_logs' last log group, its ARN and the role's answer (rebuilt when any changes)
    // The built-in handler's view of the last payload it decoded: the runtime decodes the event
    // on every attempt, and the outcome (and print(event)'s text) depends on the payload text
    // alone, so equal payloads in a row are decoded once (payloads up to kEventCacheBytes).
    static constexpr std::size_t kEventCacheBytes = 64 * 1024;
    struct DecodedEvent {
        bool valid = false;
        std::string payload;
        bool too_deep = false, deep_array = false;
        std::string printed;
        std::uint64_t generation = 0;               // advances on every decode (builtin_runs_ keys on it)
    };
    DecodedEvent decoded_event_;
    std::uint64_t decode_generation_ = 0;
    const DecodedEvent& decode_event(const std::string& payload);   // attempt.cpp
    // What the built-in handler prints and raises (or returns) depends on the printed event and
    // the failure setting's texts alone (BuiltinHandler::outcome): attempts with the same ones
    // share one HandlerRun instead of building it each time. Its duration is the attempt's own.
    struct BuiltinRuns {
        std::uint64_t event_generation = 0;
        std::string error_type, error_message;
        std::shared_ptr<const HandlerRun> run[2];   // [raise]
    };
    BuiltinRuns builtin_runs_;
    // The error object a failed attempt returns, {"errorMessage", "errorType", "requestId",
    // "stackTrace"} (python_runtime_error_json's bytes): all but the request id depend on the
    // error texts and frames alone, so the text around it is escaped once for equal ones in a row.
    struct ErrorResponseParts {
        bool valid = false;
        std::string type, message;
        std::vector<std::string> frames;
        std::string head, tail;                     // head + the escaped request id + tail
    };
    ErrorResponseParts error_response_parts_;
    // Writes the error object into `out` (a record's response: a retry reuses its buffer).
    void error_response(std::string& out, const std::string& type, const std::string& message, std::string_view request_id,
                        const std::vector<std::string>& frames);
    std::shared_ptr<const HandlerRun> builtin_run(const BuiltinHandler& handler, const FailureInjection& failure,
                                                  const DecodedEvent& event, bool raise);
};

} // namespace invokelab
