// Invoke Lab core: AWS Lambda functions and their invocation paths.
//
// Index
//   AttemptRecord, InvocationRecord   what views and tests read about each request
//   ExecutionEnvironment              one function instance (cold/warm, busy/idle, log stream)
//   FunctionConfig                    configuration as GetFunctionConfiguration shows it
//   LambdaService                     functions, invoke paths, internal event queues
//
// (Skeleton from the set-up issue: the invocation-core issue fills in the behaviour —
// handlers, invoke_sync / invoke_async, retries, event invoke config, DLQ, logs. The
// record structs below are the contract the views draw from; extend, don't rename.)
#pragma once
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>
#include "sim/trace.h"

namespace invokelab {

class World;

struct AttemptRecord {
    int number = 1;                                 // 1-based
    TimeMs start = 0, end = -1;                     // end = -1 while running
    std::string outcome;                            // "" running | "success" | "error" | "timeout"
    std::string error_type, error_message;          // for error/timeout
    bool cold_start = false;
    std::string environment_id;                     // which ExecutionEnvironment ran it
};

struct InvocationRecord {
    std::string request_id;
    std::string function;
    std::string invocation_type;                    // "RequestResponse" | "Event" | "DryRun"
    TimeMs accepted_at = 0;                         // when the call reached Lambda
    int status_code = 0;                            // HTTP status returned to the caller (200, 202, 204, 4xx)
    std::string payload;                            // the request body as sent
    std::vector<AttemptRecord> attempts;
    std::optional<TimeMs> next_attempt_at;          // a pending retry (async), for countdowns
    std::string state;                              // "queued" | "running" | "waiting-retry" | "succeeded" | "failed" | "rejected"
    std::string condition;                          // async end: "Success" | "RetriesExhausted" | "EventAgeExceeded" | ""
    std::optional<TimeMs> finished_at;              // when the request left the system
    std::optional<TimeMs> dlq_at;                   // dead-letter delivery time
    std::string dlq_target;                         // ARN delivered to (or attempted)
    std::string dlq_message_id;
    bool dlq_failed = false;
};

struct ExecutionEnvironment {
    std::string id;                                 // 32 hex chars, as in the log stream name
    std::string function;
    std::string log_stream;                         // YYYY/MM/DD/[$LATEST]<id>
    TimeMs created_at = 0;
    bool busy = false;
    std::string current_request_id;
    int invocations_served = 0;
};

struct FunctionConfig {
    std::string name, runtime = "python3.12", role_arn, handler = "lambda_function.lambda_handler";
    int memory_mb = 128;
    int timeout_s = 3;
};

class LambdaService {
public:
    explicit LambdaService(World& world) : world_(world) {}
    void install_defaults();                        // demo-lambda and its execution role
    const std::map<std::string, FunctionConfig>& functions() const { return functions_; }
    const std::vector<InvocationRecord>& invocations() const { return invocations_; }   // in acceptance order
    const std::vector<ExecutionEnvironment>& environments() const { return environments_; }
    ojson state_json() const;
private:
    World& world_;
    std::map<std::string, FunctionConfig> functions_;
    std::vector<InvocationRecord> invocations_;
    std::vector<ExecutionEnvironment> environments_;
};

} // namespace invokelab
