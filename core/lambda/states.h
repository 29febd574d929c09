// Invoke Lab core: the typed states of an invocation, named once.
//
// Index
//   InvocationType     RequestResponse | Event | DryRun
//   InvocationState    where a request is (queued, running, waiting for a retry, ended)
//   AttemptOutcome     how one run of the handler ended
//   AsyncCondition     why an async event left the system (the invocation record's "condition")
//
// The core compares these enums; the strings exist only at the edges: state JSON
// (lambda/state.cpp), trace details, CLI arguments (parse_invocation_type). Views switch on
// the enums or read the strings from state JSON.
#pragma once
#include <optional>
#include <string_view>

namespace invokelab {

enum class InvocationType { RequestResponse, Event, DryRun };
enum class InvocationState { Queued, Running, WaitingRetry, Succeeded, Failed, Rejected };
enum class AttemptOutcome { Running, Success, Error, Timeout };
enum class AsyncCondition { None, Success, RetriesExhausted, EventAgeExceeded };

const char* to_string(InvocationType t);            // "RequestResponse" | "Event" | "DryRun"
const char* to_string(InvocationState s);           // "queued" | "running" | "waiting-retry" | "succeeded" | "failed" | "rejected"
const char* to_string(AttemptOutcome o);            // "" (running) | "success" | "error" | "timeout"
const char* to_string(AsyncCondition c);            // "" | "Success" | "RetriesExhausted" | "EventAgeExceeded"
std::optional<InvocationType> parse_invocation_type(std::string_view text);   // exact AWS spelling

// Still in the system: queued, running, or waiting for a retry.
inline bool is_pending(InvocationState s) {
    return s == InvocationState::Queued || s == InvocationState::Running || s == InvocationState::WaitingRetry;
}

} // namespace invokelab
