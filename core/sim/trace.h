// Invoke Lab core: the trace, the append-only record of what happened.
//
// The UI draws it, tests assert on it, golden files pin it. Each entry has a virtual time,
// a kind, the request id it belongs to (may be empty) and a small JSON object of details.
// Key order in the JSON form is fixed, so the same run prints the same bytes.
//
// Kinds in use (add new ones here, with a word on what they mean):
//   world.reset              the world was (re)built; detail: seed
//   invoke.sync              a synchronous call was answered; detail: function, status, functionError?
//   invoke.dryrun            DryRun: 204, nothing ran
//   invoke.rejected          an invoke failed before running (404, 400, 413 …); detail: status, code
//   async.accepted           202: the event entered the function's internal queue; detail: queueDepth
//   async.dequeued           the poller took the event for attempt N; detail: attempt, ageMs
//   attempt.start / attempt.end   one run of the handler; start: attempt, environment, coldStart;
//                            end: attempt, outcome (success|error|timeout), durationMs ("1.05"), errorType?
//   retry.scheduled          a failed attempt will be retried; detail: attempt, delayMs, at
//   async.expired            MaximumEventAgeInSeconds reached (look-ahead included); detail: ageMs, nextAttemptWouldStart?
//   async.succeeded          the event ended well; detail: approximateInvokeCount
//   async.failed             the event ended failed; detail: condition, approximateInvokeCount
//   async.discarded          the event left the system with no DLQ/destination configured
//   lambda.configuration-updated / lambda.event-invoke-config   configuration changes
//   dlq.sent / dlq.failed    dead-letter delivery; detail: target, messageId | reason
//   destination.sent / destination.failed
//   sqs.sent / sqs.received / sqs.deleted / sns.published   detail: queue, messageId (+receiveCount) | topic, messageId, deliveries
//   sqs.purged               PurgeQueue emptied a queue; detail: queue, messages
//   sqs.redriven             a receive moved a message to the queue's redrive DLQ; detail: queue, messageId, deadLetterQueue, receiveCount
//   log.line                 a CloudWatch log event was written; detail: group, stream, message
//   lab.*                    playground commands (lab.fail, lab.advance …)
//   cli.error                the AWS CLI refused a command line itself, before any request (bad --payload
//                            base64, a usage error, a parameter that fails validation); detail: command
//                            ("lambda invoke": as far as the CLI read it, "" before a service), exitCode, message (first line)
#pragma once
#include <string>
#include <vector>
#include "util/json.h"
#include "util/time.h"

namespace invokelab {

struct TraceEntry {
    std::uint64_t index = 0;                        // position in the trace, from 0
    TimeMs time = 0;                                // virtual ms since the epoch
    std::string kind;
    std::string request_id;
    ojson detail = ojson::object();

    ojson to_json() const;                          // {"i","t","kind","requestId"?,"detail"?}
};

class Trace {
public:
    const TraceEntry& add(TimeMs time, std::string kind, std::string request_id = {}, ojson detail = ojson::object());
    const std::vector<TraceEntry>& entries() const { return entries_; }
    std::size_t size() const { return entries_.size(); }
    std::string to_json_lines(std::size_t from = 0) const;   // one compact JSON object per line
private:
    std::vector<TraceEntry> entries_;
};

} // namespace invokelab
