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
    int accepted = 0, duplicated = 0, succeeded = 0, failed = 0, discarded = 0;
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
    std::string s = "accepted " + std::to_string(accepted) + (duplicated ? " (+" + std::to_string(duplicated) + " duplicate deliveries)" : "") +
                    ", succeeded " + std::to_string(succeeded) + ", failed " +
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
        const std::string_view k = e.kind;
        const bool start = k == "async.accepted";
        const bool copy = k == "async.duplicated";
        const bool end = k == "async.succeeded" || k == "async.failed";
        const bool after_end = k == "async.discarded" || k == "dlq.sent" || k == "dlq.failed" || k == "destination.sent" ||
                               k == "destination.failed";
        const bool attempt = k == "attempt.start";
        if (!start && !copy && !end && !after_end && !attempt) continue;
        if (e.request_id.empty()) {
            violation("", "trace entry " + std::to_string(e.index) + " (" + std::string(k) + ") has no request id");
            continue;
        }
        auto [it, fresh] = seen.try_emplace(std::string(e.request_id));
        Seen& s = it->second;
        if (fresh) s.first_index = i;
        if (start) ++s.accepted;
        else if (copy) ++s.duplicated;
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

    // 2. Each request id's records (the original and its duplicate copies) against its trace.
    const bool idle = world.scheduler.pending() == 0;
    const auto& invs = world.lambda.invocations();
    std::map<std::string, Counts> counts;
    std::unordered_map<std::string, int> queued;    // request id -> entries in its function's queue
    std::unordered_map<std::size_t, int> queued_inv; // invocation index -> entries in its function's queue
    for (const auto& [name, f] : world.lambda.functions())
        for (const auto& q : world.lambda.event_queue(name)) {
            ++queued[std::string(q.request_id)];
            ++queued_inv[q.invocation];
        }
    std::unordered_map<std::string, int> records;
    std::unordered_map<std::size_t, std::vector<std::size_t>> copies;   // original index -> its copies
    for (std::size_t i = 0; i < invs.size(); ++i) {
        const InvocationRecord& r = invs[i];
        ++records[r.request_id];
        if (!r.duplicate_of) continue;
        const std::size_t o = *r.duplicate_of;
        if (o >= invs.size() || o == i || invs[o].duplicate_of || invs[o].request_id != r.request_id ||
            r.invocation_type != InvocationType::Event || invs[o].invocation_type != InvocationType::Event)
            violation(r.request_id, "invocation " + std::to_string(i) + " is a copy of invocation " + std::to_string(o) +
                                        ", which is not an original event with the same request id");
        else copies[o].push_back(i);
    }
    std::unordered_map<std::string, int> originals;
    for (std::size_t i = 0; i < invs.size(); ++i) {
        const InvocationRecord& r = invs[i];
        if (r.duplicate_of) continue;               // checked with its original
        const std::string& rid = r.request_id;
        if (++originals[rid] > 1) { violation(rid, "two invocation records share this request id"); continue; }
        auto it = seen.find(rid);
        const bool is_async = r.invocation_type == InvocationType::Event && r.state != InvocationState::Rejected;
        if (!is_async) {
            if (it != seen.end() && (it->second.accepted || it->second.duplicated || it->second.succeeded || it->second.failed ||
                                     it->second.discarded || it->second.dlq_sent || it->second.dlq_failed ||
                                     it->second.destination_sent || it->second.destination_failed))
                violation(rid, "a request that was not accepted as an event has async trace entries");
            if (queued.count(rid)) violation(rid, "a request that was not accepted as an event is in an event queue");
            continue;
        }
        if (it == seen.end() || it->second.accepted == 0) { violation(rid, "an accepted event (202) has no async.accepted entry"); continue; }
        const Seen& s = it->second;
        // The deliveries of this event: the original first, then its copies.
        std::vector<std::size_t> group{i};
        if (auto c = copies.find(i); c != copies.end()) group.insert(group.end(), c->second.begin(), c->second.end());
        const int n = static_cast<int>(group.size());
        Counts& c = counts[r.function];
        ++report.accepted;
        report.duplicated += group.size() - 1;
        ++c.received;                               // a copy is not a new event (AsyncEventsReceived)
        if (s.accepted > 1) violation(rid, "accepted " + std::to_string(s.accepted) + " times");
        if (s.duplicated != n - 1)
            violation(rid, "trace shows " + std::to_string(s.duplicated) + " async.duplicated, the records " + std::to_string(n - 1) + " copies");
        const int ends = s.succeeded + s.failed;
        if (ends > n) violation(rid, "ended " + std::to_string(ends) + " times (" + std::to_string(s.succeeded) + " succeeded, " +
                                         std::to_string(s.failed) + " failed)");
        if (s.delivery_before_end) violation(rid, "a delivery or discard was recorded before the event ended");
        std::size_t attempts = 0;
        int succeeded = 0, failed = 0, dlq_at = 0, dlq_failed = 0, destination_at = 0, destination_failed = 0, discarded = 0;
        for (const std::size_t k : group) {
            const InvocationRecord& d = invs[k];
            const std::string who = k == i ? rid : rid + " (copy " + std::to_string(k) + ")";
            attempts += d.attempts.size();
            if (d.attempts.size() > 3) violation(who, std::to_string(d.attempts.size()) + " attempts (at most 3: MaximumRetryAttempts <= 2)");
            const int q = queued_inv.count(k) ? queued_inv.at(k) : 0;
            if (q > 1) violation(who, "in its function's queue " + std::to_string(q) + " times");
            if (d.state == InvocationState::Succeeded || d.state == InvocationState::Failed) {
                if (q != 0) violation(who, "ended but still in its function's queue");
                if (d.finished_at == std::nullopt) violation(who, "ended but the record has no finishedAt");
                const bool delivered = d.dlq_at || d.dlq_failed || d.destination_at || d.destination_failed;
                if (d.state == InvocationState::Succeeded) {
                    ++succeeded;
                    if (d.dlq_at || d.dlq_failed) violation(who, "succeeded, yet sent to the DLQ");
                } else {
                    ++failed;
                    discarded += !delivered;
                }
                dlq_at += d.dlq_at.has_value();
                dlq_failed += d.dlq_failed;
                destination_at += d.destination_at.has_value();
                destination_failed += d.destination_failed;
                continue;
            }
            // Not ended: still in the system, so there must be work left for it.
            ++report.pending;
            if (require_idle || idle) violation(who, std::string("never ended (state ") + to_string(d.state) + ", nothing left to run)");
            if (d.state == InvocationState::Running && q != 0) violation(who, "running and queued at once");
            if (d.state != InvocationState::Running && q != 1)
                violation(who, std::string(to_string(d.state)) + " but not in its function's queue");
        }
        if (s.attempt_starts != static_cast<int>(attempts))
            violation(rid, "trace shows " + std::to_string(s.attempt_starts) + " attempts, the record" + (n > 1 ? "s " : " ") +
                               std::to_string(attempts));
        report.dlq_sent += s.dlq_sent;
        report.dlq_failed += s.dlq_failed;
        report.destination_sent += s.destination_sent;
        report.destination_failed += s.destination_failed;
        report.discarded += s.discarded;
        report.succeeded += succeeded;
        report.failed += failed;
        c.dlq_errors += s.dlq_failed;
        c.destination_failures += s.destination_failed;
        c.dropped += failed;                        // every failed delivery, copies included
        if (ends == 0) {
            if (succeeded + failed > 0)
                violation(rid, std::string("no end in the trace but the record says ") + to_string(invs[group[0]].state));
            if (s.dlq_sent + s.dlq_failed + s.destination_sent + s.destination_failed + s.discarded > 0)
                violation(rid, "delivered or discarded without ending");
            continue;
        }
        if (ends > n) continue;                     // reported above; the totals below would repeat it
        // The trace's ends and deliveries, as totals, agree with what the records say.
        if (s.succeeded != succeeded || s.failed != failed)
            violation(rid, "the trace ends " + std::to_string(s.succeeded) + " succeeded, " + std::to_string(s.failed) +
                               " failed; the record" + (n > 1 ? "s say " : " says ") + std::to_string(succeeded) + " succeeded, " +
                               std::to_string(failed) + " failed");
        if (s.discarded != discarded)
            violation(rid, "a failed event must go to a DLQ and/or a destination, or be discarded (exactly one of the two)");
        if (dlq_failed != s.dlq_failed) violation(rid, "record dlqFailed disagrees with the trace");
        if (dlq_at != s.dlq_sent) violation(rid, "record dlqAt disagrees with the trace");
        if (destination_failed != s.destination_failed) violation(rid, "record destinationFailed disagrees with the trace");
        if (destination_at != s.destination_sent) violation(rid, "record destinationAt disagrees with the trace");
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
