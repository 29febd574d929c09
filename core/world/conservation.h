// Invoke Lab core: the conservation check, every accepted async event accounted for.
//
// Index
//   ConservationReport   counts by ending, and the violations found (empty = conserved)
//   check_conservation   reads a World's trace, invocation records, queues and counters
//
// The property (issue 9): an event that Lambda accepted with 202 (trace `async.accepted`)
// ends exactly once, as `async.succeeded` (optionally followed by an OnSuccess destination) or
// as `async.failed` followed by what happened to it: an OnFailure destination (`destination.sent`
// / `destination.failed`) and/or the dead-letter queue (`dlq.sent` / `dlq.failed`), or
// `async.discarded` when neither was configured. A failed delivery is an end too: the event is
// deleted and counted (DeadLetterErrors / DestinationDeliveryFailures). While the scheduler
// still has work an event may be pending instead (queued, running, waiting for a retry), and
// then it must sit in its function's queue exactly when it is not running. The function's
// counters (AsyncEventsReceived / AsyncEventsDropped / DeadLetterErrors /
// DestinationDeliveryFailures) must agree with the trace, and each invocation record with it.
//
// Used by the property test (tests/core/world/conservation_test.cpp) and the shell fuzzer
// (fuzz/shell_fuzzer.cpp). Reads only; never throws for any World.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace invokelab {

class World;

struct ConservationReport {
    std::size_t accepted = 0;                       // async.accepted
    std::size_t succeeded = 0, failed = 0;          // ends
    std::size_t pending = 0;                        // accepted, not ended yet (only while work is scheduled)
    std::size_t dlq_sent = 0, dlq_failed = 0, destination_sent = 0, destination_failed = 0, discarded = 0;
    std::vector<std::string> violations;            // one line each, naming the request id
    bool ok() const { return violations.empty(); }
    std::string describe() const;                   // counts, then the first violations (at most 20)
};

// `require_idle`: every accepted event must have ended (call after running to idle); when
// false, pending events are allowed if the scheduler still has work.
ConservationReport check_conservation(const World& world, bool require_idle = false);

} // namespace invokelab
