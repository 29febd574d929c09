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
// Duplicate deliveries (`lab duplicates`, at least once: reference §2.5) are accounted to their
// original: a copy is not a new accepted event (it has no `async.accepted` and does not count
// in AsyncEventsReceived, which counts what callers handed to Lambda), but it is a delivery
// with its own invocation record (duplicateOf = the original's index, same request id) that
// ends exactly once like any other. So one request id holds one original record and zero or
// more copies; its trace has one `async.accepted`, one `async.duplicated` per copy, and as many
// ends (`async.succeeded` / `async.failed`) as records that ended, each failed delivery going
// to the DLQ / destination or being discarded on its own and counted in AsyncEventsDropped (a
// failed copy is an event dropped without a successful run). Because the trace names a
// request id and not a record, a request id's ends, deliveries and attempts are checked as
// totals against its records (which end, which went to the DLQ …), not entry by entry.
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
    std::size_t accepted = 0;                       // async.accepted (events callers handed to Lambda)
    std::size_t duplicated = 0;                     // async.duplicated: extra deliveries of accepted events
    std::size_t succeeded = 0, failed = 0;          // ends, one per delivery (accepted + duplicated when idle)
    std::size_t pending = 0;                        // deliveries not ended yet (only while work is scheduled)
    std::size_t dlq_sent = 0, dlq_failed = 0, destination_sent = 0, destination_failed = 0, discarded = 0;
    std::vector<std::string> violations;            // one line each, naming the request id
    bool ok() const { return violations.empty(); }
    std::string describe() const;                   // counts, then the first violations (at most 20)
};

// `require_idle`: every accepted event must have ended (call after running to idle); when
// false, pending events are allowed if the scheduler still has work.
ConservationReport check_conservation(const World& world, bool require_idle = false);

} // namespace invokelab
