#include "lambda/states.h"

namespace invokelab {

const char* to_string(InvocationType t) {
    switch (t) {
    case InvocationType::RequestResponse: return "RequestResponse";
    case InvocationType::Event: return "Event";
    case InvocationType::DryRun: return "DryRun";
    }
    return "RequestResponse";
}

const char* to_string(InvocationState s) {
    switch (s) {
    case InvocationState::Queued: return "queued";
    case InvocationState::Running: return "running";
    case InvocationState::WaitingRetry: return "waiting-retry";
    case InvocationState::Succeeded: return "succeeded";
    case InvocationState::Failed: return "failed";
    case InvocationState::Rejected: return "rejected";
    }
    return "queued";
}

const char* to_string(AttemptOutcome o) {
    switch (o) {
    case AttemptOutcome::Running: return "";
    case AttemptOutcome::Success: return "success";
    case AttemptOutcome::Error: return "error";
    case AttemptOutcome::Timeout: return "timeout";
    }
    return "";
}

const char* to_string(AsyncCondition c) {
    switch (c) {
    case AsyncCondition::None: return "";
    case AsyncCondition::Success: return "Success";
    case AsyncCondition::RetriesExhausted: return "RetriesExhausted";
    case AsyncCondition::EventAgeExceeded: return "EventAgeExceeded";
    }
    return "";
}

std::optional<InvocationType> parse_invocation_type(std::string_view text) {
    if (text == "RequestResponse") return InvocationType::RequestResponse;
    if (text == "Event") return InvocationType::Event;
    if (text == "DryRun") return InvocationType::DryRun;
    return std::nullopt;
}

} // namespace invokelab
