// The conservation check (see conservation.h): one pass over the trace, then each accepted
// event's record, queue position and its function's counters.
#include "world/conservation.h"
#include <map>
#include <unordered_map>
#include "world/world.h"

namespace invokelab {
namespace {

// What the trace says about one request id, in order.
struct Seen {
    int accepted = 0, succeeded = 0, failed = 0, discarded = 0;
    int dlq_sent = 0, dlq_failed = 0, destination_sent = 0, destination_failed = 0;
    int attempt_starts = 0;
    std::size_t end_index = 0;                      // trace index of async.succeeded / async.failed
    bool delivery_before_end = false;               // a dlq/destination/discarded entry before the end
    std::size_t first_index = 0;
};

struct Counts {
    int received = 0, dropped = 0, dlq_errors = 0, destination_failures = 0;
};

} // namespace

std::string ConservationReport::describe() const {
    std::string s = "accepted " + std::to_string(accepted) + ", succeeded " + std::to_string(succeeded) + ", failed " +
                    std::to_string(failed) + " (dlq.sent " + std::to_string(dlq_sent) + ", dlq.failed " + std::to_string(dlq_failed) +
                    ", destination.sent " + std::to_string(destination_sent) + ", destination.failed " +
                    std::to_string(destination_failed) + ", discarded " + std::to_string(discarded) + "), pending " +
                    std::to_string(pending) + "; " + std::to_string(violations.size()) + " violations";
    for (std::size_t i = 0; i < violations.size() && i < 20; ++i) s += "\n  " + violations[i];
    return s;
}

ConservationReport check_conservation(const World& world, bool require_idle) {
    ConservationReport report;
    auto violation = [&](const std::string& rid, const std::string& what) {
        report.violations.push_back(rid.empty() ? what : rid + ": " + what);
    };

    // 1. The trace, by request id (only the kinds that start or end an async event).
    std::unordered_map<std::string, Seen> seen;
    const auto& entries = world.trace.entries();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const TraceEntry& e = entries[i];
        const std::string& k = e.kind;
        const bool start = k == "async.accepted";
        const bool end = k == "async.succeeded" || k == "async.failed";
        const bool after_end = k == "async.discarded" || k == "dlq.sent" || k == "dlq.failed" || k == "destination.sent" ||
                               k == "destination.failed";
        const bool attempt = k == "attempt.start";
        if (!start && !end && !after_end && !attempt) continue;
        if (e.request_id.empty()) {
            violation("", "trace entry " + std::to_string(e.index) + " (" + k + ") has no request id");
            continue;
        }
        auto [it, fresh] = seen.try_emplace(e.request_id);
        Seen& s = it->second;
        if (fresh) s.first_index = i;
        if (start) ++s.accepted;
        else if (k == "async.succeeded") { ++s.succeeded; s.end_index = i; }
        else if (k == "async.failed") { ++s.failed; s.end_index = i; }
        else if (attempt) ++s.attempt_starts;
        else {
            if (s.succeeded + s.failed == 0) s.delivery_before_end = true;
            if (k == "async.discarded") ++s.discarded;
            else if (k == "dlq.sent") ++s.dlq_sent;
            else if (k == "dlq.failed") ++s.dlq_failed;
            else if (k == "destination.sent") ++s.destination_sent;
            else ++s.destination_failed;
        }
    }

    // 2. Each invocation record against its trace.
    const bool idle = world.scheduler.pending() == 0;
    std::map<std::string, Counts> counts;
    std::unordered_map<std::string, int> queued;    // request id -> entries in its function's queue
    for (const auto& [name, f] : world.lambda.functions())
        for (const auto& q : world.lambda.event_queue(name)) ++queued[q.request_id];
    std::unordered_map<std::string, int> records;
    for (const InvocationRecord& r : world.lambda.invocations()) {
        const std::string& rid = r.request_id;
        if (++records[rid] > 1) { violation(rid, "two invocation records share this request id"); continue; }
        auto it = seen.find(rid);
        const bool is_async = r.invocation_type == InvocationType::Event && r.state != InvocationState::Rejected;
        if (!is_async) {
            if (it != seen.end() && (it->second.accepted || it->second.succeeded || it->second.failed || it->second.discarded ||
                                     it->second.dlq_sent || it->second.dlq_failed || it->second.destination_sent ||
                                     it->second.destination_failed))
                violation(rid, "a request that was not accepted as an event has async trace entries");
            if (queued.count(rid)) violation(rid, "a request that was not accepted as an event is in an event queue");
            continue;
        }
        if (it == seen.end() || it->second.accepted == 0) { violation(rid, "an accepted event (202) has no async.accepted entry"); continue; }
        const Seen& s = it->second;
        Counts& c = counts[r.function];
        ++report.accepted;
        ++c.received;
        if (s.accepted > 1) violation(rid, "accepted " + std::to_string(s.accepted) + " times");
        const int ends = s.succeeded + s.failed;
        if (ends > 1) violation(rid, "ended " + std::to_string(ends) + " times (" + std::to_string(s.succeeded) + " succeeded, " +
                                         std::to_string(s.failed) + " failed)");
        if (s.delivery_before_end) violation(rid, "a delivery or discard was recorded before the event ended");
        if (s.attempt_starts != static_cast<int>(r.attempts.size()))
            violation(rid, "trace shows " + std::to_string(s.attempt_starts) + " attempts, the record " + std::to_string(r.attempts.size()));
        if (r.attempts.size() > 3) violation(rid, std::to_string(r.attempts.size()) + " attempts (at most 3: MaximumRetryAttempts <= 2)");
        const int q = queued.count(rid) ? queued.at(rid) : 0;
        report.dlq_sent += s.dlq_sent;
        report.dlq_failed += s.dlq_failed;
        report.destination_sent += s.destination_sent;
        report.destination_failed += s.destination_failed;
        report.discarded += s.discarded;
        c.dlq_errors += s.dlq_failed;
        c.destination_failures += s.destination_failed;
        if (q > 1) violation(rid, "in its function's queue " + std::to_string(q) + " times");
        if (ends == 0) {
            ++report.pending;
            if (require_idle || idle) violation(rid, std::string("never ended (state ") + to_string(r.state) + ", nothing left to run)");
            if (!is_pending(r.state)) violation(rid, std::string("no end in the trace but the record says ") + to_string(r.state));
            if (r.state == InvocationState::Running && q != 0) violation(rid, "running and queued at once");
            if (r.state != InvocationState::Running && is_pending(r.state) && q != 1)
                violation(rid, std::string(to_string(r.state)) + " but not in its function's queue");
            if (s.dlq_sent + s.dlq_failed + s.destination_sent + s.destination_failed + s.discarded > 0)
                violation(rid, "delivered or discarded without ending");
            continue;
        }
        if (q != 0) violation(rid, "ended but still in its function's queue");
        if (r.finished_at == std::nullopt) violation(rid, "ended but the record has no finishedAt");
        const int dlq = s.dlq_sent + s.dlq_failed, destination = s.destination_sent + s.destination_failed;
        if (s.succeeded) {
            ++report.succeeded;
            if (r.state != InvocationState::Succeeded) violation(rid, std::string("async.succeeded but the record says ") + to_string(r.state));
            if (dlq + s.discarded > 0) violation(rid, "succeeded, yet sent to the DLQ or discarded");
            if (destination > 1) violation(rid, "succeeded and delivered to a destination " + std::to_string(destination) + " times");
        } else {
            ++report.failed;
            ++c.dropped;
            if (r.state != InvocationState::Failed) violation(rid, std::string("async.failed but the record says ") + to_string(r.state));
            if (dlq > 1) violation(rid, "sent to the DLQ " + std::to_string(dlq) + " times");
            if (destination > 1) violation(rid, "sent to the failure destination " + std::to_string(destination) + " times");
            if (s.discarded > 1) violation(rid, "discarded " + std::to_string(s.discarded) + " times");
            if ((dlq + destination == 0) != (s.discarded == 1))
                violation(rid, "a failed event must go to a DLQ and/or a destination, or be discarded (exactly one of the two)");
        }
        // The record agrees with the deliveries the trace shows.
        if (r.dlq_failed != (s.dlq_failed > 0)) violation(rid, "record dlqFailed disagrees with the trace");
        if (r.dlq_at.has_value() != (s.dlq_sent > 0)) violation(rid, "record dlqAt disagrees with the trace");
        if (r.destination_failed != (s.destination_failed > 0)) violation(rid, "record destinationFailed disagrees with the trace");
        if (r.destination_at.has_value() != (s.destination_sent > 0)) violation(rid, "record destinationAt disagrees with the trace");
    }
    // Trace entries for request ids that no record holds.
    for (const auto& [rid, s] : seen)
        if (!records.count(rid)) violation(rid, "async trace entries for a request with no invocation record");

    // 3. The counters each function shows.
    for (const auto& entry : world.lambda.functions()) {
        const std::string& name = entry.first;      // (clang 14 cannot capture a structured binding)
        const FunctionConfig& f = entry.second;
        const Counts c = counts.count(name) ? counts.at(name) : Counts{};
        auto agree = [&](const char* metric, int shown, int traced) {
            if (shown != traced)
                violation("", "function " + name + ": " + metric + " is " + std::to_string(shown) + ", the trace says " + std::to_string(traced));
        };
        agree("AsyncEventsReceived", f.async_events_received, c.received);
        agree("AsyncEventsDropped", f.async_events_dropped, c.dropped);
        agree("DeadLetterErrors", f.dead_letter_errors, c.dlq_errors);
        agree("DestinationDeliveryFailures", f.destination_delivery_failures, c.destination_failures);
    }
    for (const auto& [name, c] : counts)
        if (!world.lambda.functions().count(name)) violation("", "events were accepted for " + name + ", which is not a function");
    return report;
}

} // namespace invokelab
