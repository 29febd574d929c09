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
//   async.dequeued           the poller took the event for attempt N; detail: attempt, ageMs, duplicate? (true for a copy)
//   async.duplicated         at-least-once (`lab duplicates`): a second copy of the event (same request id, its own
//                            invocation record with duplicateOf) will reach the poller; detail: function, deliverAt, copy (2)
//   attempt.start / attempt.end   one run of the handler; start: attempt, environment, coldStart;
//                            end: attempt, outcome (success|error|timeout), durationMs ("1.05"), errorType?
//   retry.scheduled          a failed attempt will be retried; detail: attempt, delayMs, at
//   async.expired            MaximumEventAgeInSeconds reached (look-ahead included); detail: ageMs, nextAttemptWouldStart?
//   async.succeeded          the event ended well; detail: approximateInvokeCount
//   async.failed             the event ended failed; detail: condition, approximateInvokeCount
//   async.discarded          the event left the system with no DLQ/destination configured
//   lambda.configuration-updated / lambda.event-invoke-config   configuration changes
//   lambda.code-updated      update-function-code (or lab code builtin); detail: function, codeSha256, codeSize, revisionId, files | builtin
//   dlq.sent / dlq.failed    dead-letter delivery; detail: target, messageId | reason
//   destination.sent / destination.failed
//   sqs.sent / sqs.received / sqs.deleted / sns.published   detail: queue, messageId (+receiveCount) | topic, messageId, deliveries
//   sqs.purged               PurgeQueue emptied a queue; detail: queue, messages
//   sqs.redriven             a receive moved a message to the queue's redrive DLQ; detail: queue, messageId, deadLetterQueue, receiveCount
//   log.line                 a CloudWatch log event was written; detail: group, stream, message
//   dynamodb.table-created / dynamodb.table-deleted   CreateTable / DeleteTable; detail: table (+ key: the key attribute names)
//   dynamodb.put-item / dynamodb.update-item / dynamodb.delete-item   an item was written; detail: table, key
//                            (AttributeValue form), replaced | created | deleted (bool). The request id is the
//                            Lambda attempt's when a handler called (World::call_service), "" from the CLI
//   dynamodb.conditional-check-failed   a ConditionExpression was false, nothing written; detail: table, operation, key
//   kv.set / kv.set-skipped  SET (detail: key, value, expiresAt?) / SET NX|XX that wrote nothing (detail: key, condition)
//   kv.incr / kv.del / kv.expire / kv.sadd / kv.srem / kv.flushall   other writes to the key-value store;
//                            detail: key, value | keys, deleted | key, expiresAt | key, changed
//   lab.*                    playground commands (lab.fail, lab.advance …)
//   cli.error                the AWS CLI refused a command line itself, before any request (bad --payload
//                            base64, a usage error, a parameter that fails validation); detail: command
//                            ("lambda invoke": as far as the CLI read it, "" before a service), exitCode, message (first line)
#pragma once
#include <cstdint>
#include <cstring>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include "util/json.h"
#include "util/time.h"

namespace invokelab {

// An entry's detail: a JSON object, kept in the compact form it was written in and built as
// JSON only when someone reads it (state JSON, trace export, the page's trace, tests). The hot
// writers (every log line, attempt and queue step) add flat members (a string, an integer or a
// bool, in order) into one buffer: one allocation per entry instead of one per member and per
// string. Any other writer passes an ojson object, kept as it is. json() is the same object,
// key order and number types included (signed -> number_integer, unsigned -> number_unsigned),
// so every rendering is byte-identical to building the ojson eagerly.
class TraceDetail {
public:
    TraceDetail() = default;
    TraceDetail(ojson j) : json_(std::move(j)) {}   // NOLINT: implicit, the general form
    // Appends a member: a string (std::string, string_view, a literal), an integer or a bool.
    template <class T>
    TraceDetail& add(std::string_view key, const T& value) {
        if constexpr (std::is_same_v<T, bool>) return add_bool(key, value);
        else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>)
            return add_number(key, kInt, static_cast<std::uint64_t>(static_cast<std::int64_t>(value)));
        else if constexpr (std::is_integral_v<T>) return add_number(key, kUnsigned, static_cast<std::uint64_t>(value));
        else if constexpr (std::is_convertible_v<const T&, std::string_view>) return add_string(key, std::string_view(value));
        else static_assert(sizeof(T) == 0, "a flat detail member is a string, an integer or a bool: pass an ojson otherwise");
    }
    void reserve(std::size_t bytes) { flat_.reserve(bytes); }

    // The flat detail of (key, value) pairs in one exactly sized buffer:
    // TraceDetail::of("function", name, "attempt", 2) is {"function":name,"attempt":2}.
    // The buffer is sized once and written in place (the same bytes add() would append).
    template <class... Args>
    static TraceDetail of(const Args&... key_values) {
        static_assert(sizeof...(Args) % 2 == 0, "TraceDetail::of takes (key, value) pairs");
        TraceDetail d;
        d.flat_.resize(pairs_bytes(key_values...));
        write_pairs(d.flat_.data(), key_values...);
        return d;
    }

    bool empty() const { return flat_.empty() && json_.empty(); }
    ojson json() const;                             // the object ({} when empty)
    // Readers' conveniences, over json() (the flat form is searched without building it).
    ojson operator[](std::string_view key) const;   // null when absent
    std::string value(std::string_view key, const std::string& fallback) const;   // a string member, else fallback
    std::string dump() const { return json().dump(); }
    std::size_t flat_heap_bytes() const { return flat_.capacity() > 15 ? flat_.capacity() + 1 : 0; }   // for the memory breakdown
    const ojson& general_form() const { return json_; }

private:
    enum Type : char { kString = 's', kInt = 'i', kUnsigned = 'u', kBool = 'b' };
    // of(): the exact bytes of the members, then each written as add() would append it.
    static std::size_t key_bytes(std::string_view key) { return key.size() > 255 ? 255 : key.size(); }
    template <class T>
    static std::size_t value_bytes(const T& v) {
        if constexpr (std::is_same_v<T, bool>) return 1;
        else if constexpr (std::is_integral_v<T>) return 8;
        else return 4 + std::string_view(v).size();
    }
    static std::size_t pairs_bytes() { return 0; }
    template <class K, class V, class... Rest>
    static std::size_t pairs_bytes(const K& key, const V& value, const Rest&... rest) {
        return 2 + key_bytes(std::string_view(key)) + value_bytes(value) + pairs_bytes(rest...);
    }
    static void write_pairs(char*) {}
    template <class K, class V, class... Rest>
    static void write_pairs(char* p, const K& key, const V& value, const Rest&... rest) {
        const std::string_view k(key);
        const std::size_t kn = key_bytes(k);
        *p++ = static_cast<char>(static_cast<unsigned char>(kn));
        std::memcpy(p, k.data(), kn);
        p += kn;
        if constexpr (std::is_same_v<V, bool>) {
            *p++ = static_cast<char>(kBool);
            *p++ = value ? '\1' : '\0';
        } else if constexpr (std::is_integral_v<V>) {
            std::uint64_t bits;
            if constexpr (std::is_signed_v<V>) {
                *p++ = static_cast<char>(kInt);
                bits = static_cast<std::uint64_t>(static_cast<std::int64_t>(value));
            } else {
                *p++ = static_cast<char>(kUnsigned);
                bits = static_cast<std::uint64_t>(value);
            }
            std::memcpy(p, &bits, sizeof bits);
            p += sizeof bits;
        } else {
            static_assert(std::is_convertible_v<const V&, std::string_view>,
                          "a flat detail member is a string, an integer or a bool: pass an ojson otherwise");
            const std::string_view v(value);
            *p++ = static_cast<char>(kString);
            const auto n = static_cast<std::uint32_t>(v.size());
            std::memcpy(p, &n, sizeof n);
            p += sizeof n;
            if (!v.empty()) std::memcpy(p, v.data(), v.size());
            p += v.size();
        }
        write_pairs(p, rest...);
    }
    TraceDetail& add_string(std::string_view key, std::string_view value);
    TraceDetail& add_bool(std::string_view key, bool value);
    TraceDetail& add_number(std::string_view key, Type type, std::uint64_t bits);
    void add_key(std::string_view key, Type type);
    // Members: [key length: 1 byte][key][type][string: 4-byte length + bytes | number: 8 bytes | bool: 1 byte]
    std::string flat_;
    ojson json_;                                    // the general form (null when flat)
};

struct TraceEntry {
    std::uint64_t index = 0;                        // position in the trace, from 0
    TimeMs time = 0;                                // virtual ms since the epoch
    std::string kind;
    std::string request_id;
    TraceDetail detail;

    ojson to_json() const;                          // {"i","t","kind","requestId"?,"detail"?}
};

// The trace keeps the newest `keep()` entries (kDefaultKeep: far more than any lesson or view
// needs) so that a long run's memory stays bounded; older entries are summarised as a count
// per kind. Indexes stay global: entry i is still entry i, size() counts every entry ever
// recorded, and first_kept() is the index of the oldest one still held.
class Trace {
public:
    static constexpr std::size_t kDefaultKeep = 200'000;

    // Copies kind and request id into the entry; once the trace is full, into the strings of the
    // entry it drops (no allocation for a request id then).
    const TraceEntry& add(TimeMs time, std::string_view kind, std::string_view request_id = {}, TraceDetail detail = {});
    const std::deque<TraceEntry>& entries() const { return entries_; }   // the kept ones: entries()[k].index == first_kept() + k
    std::size_t size() const { return first_ + entries_.size(); }        // every entry ever recorded
    std::size_t first_kept() const { return first_; }                    // == how many were summarised
    const TraceEntry& at(std::size_t index) const { return entries_.at(index - first_); }   // index in [first_kept(), size())
    std::size_t keep() const { return keep_; }
    void set_keep(std::size_t keep);                // at least 1; summarises what no longer fits at once
    const std::map<std::string, std::uint64_t>& summarised_by_kind() const { return summarised_; }
    ojson summary_json() const;                     // {"kept","limit","summarised","summarisedByKind"}
    std::string to_json_lines(std::size_t from = 0) const;   // one compact JSON object per line (kept entries >= from)
private:
    void drop_oldest();
    std::deque<TraceEntry> entries_;
    std::size_t first_ = 0;
    std::size_t keep_ = kDefaultKeep;
    std::map<std::string, std::uint64_t> summarised_;
};

} // namespace invokelab
