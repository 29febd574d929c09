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
#include <iterator>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>
#include <string>
#include <string_view>
#include <type_traits>
#include "util/json.h"
#include "util/time.h"

namespace invokelab {

class Trace;

// A text whose owner keeps it unchanged for as long as the trace can be read (a log group's or
// stream's name: the World never removes them, and its trace is the last thing it destroys): a
// flat member written with one in Trace::add_of / Env::record_of holds a pointer to the text
// instead of a copy of it (a log line's group and stream: the same few texts on many entries).
// Readers and copies see a string member: the JSON and every rendering are the same bytes.
struct TraceText {
    const std::string* text = nullptr;
};

// Bytes an entry views without a copy (a log line's message, which its log stream holds): a
// flat member written with one in Trace::add_of / Env::record_of holds the pointer and length.
// The owner keeps the bytes while an entry may view them, or hands them to the trace
// (Trace::adopt), which frees them once those entries are dropped. Readers and copies see a
// string member, as for a TraceText.
//
// Rendered (a log line kept as a record, services/logs.h LogRecord): `bytes` are a TraceRender
// function's address, then the facts it renders the text from; readers see the text.
using TraceRender = void (*)(std::string& out, std::string_view facts);   // appends the text
struct TraceView {
    std::string_view bytes;
    bool rendered = false;
};
// The text of a rendered TraceView's bytes, appended to out.
void render_into(std::string& out, std::string_view stored);

// An entry's detail: a JSON object, kept in the compact form it was written in and built as
// JSON only when someone reads it (state JSON, trace export, the page's trace, tests). The hot
// writers (every log line, attempt and queue step) add flat members (a string, an integer or a
// bool, in order) into one buffer. Any other writer passes an ojson object, kept as it is.
// json() is the same object, key order and number types included (signed -> number_integer,
// unsigned -> number_unsigned), so every rendering is byte-identical to building the ojson eagerly.
//
// Inside the Trace the flat bytes live in the trace's own byte store (no allocation per entry)
// and a general form in its store of general details: an entry read from the trace only borrows
// them (valid while the entry is kept, like its kind and request id), and a copy of it owns a
// copy of the bytes and of the JSON.
class TraceDetail {
public:
    TraceDetail() = default;
    TraceDetail(ojson j) : json_(std::move(j)) {}   // NOLINT: implicit, the general form
    TraceDetail(const TraceDetail& o) : json_(o.general_form()) { assign(o.flat()); }
    TraceDetail& operator=(const TraceDetail& o) {
        if (this != &o) {
            assign(o.flat());
            json_ = o.general_form();
            general_ = nullptr;
        }
        return *this;
    }
    // A move takes an owned detail's buffer; from a detail that borrows the trace's storage (an
    // entry's, read from the trace) it copies, so `TraceDetail d = trace.at(i).detail;` owns.
    TraceDetail(TraceDetail&& o) { take(o); }
    TraceDetail& operator=(TraceDetail&& o) {
        if (this != &o) {
            release();
            general_ = nullptr;
            take(o);
        }
        return *this;
    }
    ~TraceDetail() { release(); }

    // Appends a member: a string (std::string, string_view, a literal), an integer or a bool.
    template <class T>
    TraceDetail& add(std::string_view key, const T& value) {
        own();
        if constexpr (std::is_same_v<T, bool>) return add_bool(key, value);
        else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>)
            return add_number(key, kInt, static_cast<std::uint64_t>(static_cast<std::int64_t>(value)));
        else if constexpr (std::is_integral_v<T>) return add_number(key, kUnsigned, static_cast<std::uint64_t>(value));
        else if constexpr (std::is_convertible_v<const T&, std::string_view>) return add_string(key, std::string_view(value));
        else static_assert(sizeof(T) == 0, "a flat detail member is a string, an integer or a bool: pass an ojson otherwise");
    }
    void reserve(std::size_t bytes) { own(); if (bytes > len_) room(bytes - len_); }

    // The flat detail of (key, value) pairs in one exactly sized buffer:
    // TraceDetail::of("function", name, "attempt", 2) is {"function":name,"attempt":2}.
    // The buffer is sized once and written in place (the same bytes add() would append).
    // Trace::add_of / Env::record_of write the same bytes straight into the trace instead.
    template <class... Args>
    static TraceDetail of(const Args&... key_values) {
        static_assert(sizeof...(Args) % 2 == 0, "TraceDetail::of takes (key, value) pairs");
        static_assert((!std::is_same_v<Args, TraceText> && ...), "a TraceText is written by Trace::add_of only");
        static_assert((!std::is_same_v<Args, TraceView> && ...), "a TraceView is written by Trace::add_of only");
        TraceDetail d;
        write_pairs(d.extend(pairs_bytes(key_values...)), key_values...);
        return d;
    }

    bool empty() const { return flat().empty() && general_form().empty(); }
    ojson json() const;                             // the object ({} when empty)
    // Readers' conveniences, over json() (the flat form is searched without building it).
    ojson operator[](std::string_view key) const;   // null when absent
    std::string value(std::string_view key, const std::string& fallback) const;   // a string member, else fallback
    std::string dump() const { return json().dump(); }
    std::size_t flat_heap_bytes() const { return cap_; }   // owned bytes (the memory breakdown)
    const ojson& general_form() const { return general_ ? *general_ : json_; }   // null when flat

private:
    friend class Trace;
    // kText: a TraceText (the pointer); kView: a TraceView (pointer, then 4-byte length); kRendered:
    // a rendered TraceView (the same, its text rendered on read). Only in the trace's own entries;
    // read as a kString.
    enum Type : char { kString = 's', kInt = 'i', kUnsigned = 'u', kBool = 'b', kText = 'p', kView = 'v', kRendered = 'r' };
    std::string_view flat() const { return std::string_view(data_, len_); }
    void own() {                                    // before appending: a borrowed detail copies its bytes first
        if (cap_ == 0 && len_ > 0) assign(flat());
    }
    void borrow(const char* bytes, std::size_t n) { release(); data_ = bytes; len_ = static_cast<std::uint32_t>(n); }
    // What the trace hands a reader: its bytes and general form, borrowed (built in place in the
    // entry: a prvalue is never moved).
    TraceDetail(const char* bytes, std::size_t n, const ojson* general)
        : data_(bytes), len_(static_cast<std::uint32_t>(n)), general_(general) {}
    void take(TraceDetail& o) {                     // *this is empty
        if (o.cap_ > 0 || (o.len_ == 0 && !o.general_)) {
            data_ = o.data_;
            len_ = o.len_;
            cap_ = o.cap_;
            json_ = std::move(o.json_);
        } else {                                    // borrowed: a copy of the bytes and of the JSON
            assign(o.flat());
            json_ = o.general_ ? *o.general_ : std::move(o.json_);
        }
        o.data_ = nullptr;
        o.len_ = o.cap_ = 0;
        o.general_ = nullptr;
        o.json_ = ojson();
    }
    void release() {
        if (cap_ > 0) delete[] const_cast<char*>(data_);
        data_ = nullptr;
        len_ = cap_ = 0;
    }
    void assign(std::string_view bytes);            // owns a copy of bytes (none when empty; TraceText members become strings)
    void assign_plain(std::string_view bytes);
    void room(std::size_t extra);                   // owned, with room for extra more bytes
    char* extend(std::size_t n) {                   // n more owned bytes at the end, to write
        room(n);
        char* p = const_cast<char*>(data_) + len_;
        len_ += static_cast<std::uint32_t>(n);
        return p;
    }
    // of(): the exact bytes of the members, then each written as add() would append it.
    static std::size_t key_bytes(std::string_view key) { return key.size() > 255 ? 255 : key.size(); }
    // A key is a writer's literal ("function", "attempt" …): its length is the array's, known at
    // compile time (no strlen per member when the writer is not inlined).
    template <class K>
    static std::string_view key_view(const K& key) {
        if constexpr (std::is_array_v<K>) return std::string_view(key, std::extent_v<K> - 1);
        else return std::string_view(key);
    }
    template <class T>
    static std::size_t value_bytes(const T& v) {
        if constexpr (std::is_same_v<T, bool>) return 1;
        else if constexpr (std::is_same_v<T, TraceText>) return sizeof(const std::string*);
        else if constexpr (std::is_same_v<T, TraceView>) return sizeof(const char*) + sizeof(std::uint32_t);
        else if constexpr (std::is_integral_v<T>) return 8;
        else return 4 + std::string_view(v).size();
    }
    static std::size_t pairs_bytes() { return 0; }
    template <class K, class V, class... Rest>
    static std::size_t pairs_bytes(const K& key, const V& value, const Rest&... rest) {
        return 2 + key_bytes(key_view(key)) + value_bytes(value) + pairs_bytes(rest...);
    }
    static void write_pairs(char*) {}
    template <class K, class V, class... Rest>
    static void write_pairs(char* p, const K& key, const V& value, const Rest&... rest) {
        const std::string_view k = key_view(key);
        const std::size_t kn = key_bytes(k);
        *p++ = static_cast<char>(static_cast<unsigned char>(kn));
        std::memcpy(p, k.data(), kn);
        p += kn;
        if constexpr (std::is_same_v<V, bool>) {
            *p++ = static_cast<char>(kBool);
            *p++ = value ? '\1' : '\0';
        } else if constexpr (std::is_same_v<V, TraceText>) {
            *p++ = static_cast<char>(kText);
            std::memcpy(p, &value.text, sizeof value.text);
            p += sizeof value.text;
        } else if constexpr (std::is_same_v<V, TraceView>) {
            *p++ = static_cast<char>(value.rendered ? kRendered : kView);
            const char* data = value.bytes.data();
            const auto n = static_cast<std::uint32_t>(value.bytes.size());
            std::memcpy(p, &data, sizeof data);
            std::memcpy(p + sizeof data, &n, sizeof n);
            p += sizeof data + sizeof n;
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
    // The bytes are owned (cap_ > 0: a buffer of cap_ bytes this detail frees) or borrowed
    // (cap_ == 0: the trace's byte store).
    const char* data_ = nullptr;
    std::uint32_t len_ = 0, cap_ = 0;
    const ojson* general_ = nullptr;                // a general form the trace holds (borrowed), else json_
    ojson json_;                                    // the general form (null when flat or borrowed)
};

// An entry of the trace, as a reader gets it (built from the trace's compact slot on each read).
// kind, request_id and the detail view what the trace holds (the kind in its table of kinds, the
// request id and a flat detail in its byte store, a general detail in its store of them): valid
// while the entry is kept. A copy of such an entry (or of its detail) owns the detail's bytes;
// copy the kind and the request id into a std::string to keep them longer.
struct TraceEntry {
    std::uint64_t index = 0;                        // position in the trace, from 0
    TimeMs time = 0;                                // virtual ms since the epoch
    std::string_view kind;
    std::string_view request_id;
    TraceDetail detail;

    ojson to_json() const;                          // {"i","t","kind","requestId"?,"detail"?}
};

// The trace keeps the newest `keep()` entries (kDefaultKeep: far more than any lesson or view
// needs) so that a long run's memory stays bounded; older entries are summarised as a count
// per kind. Indexes stay global: entry i is still entry i, size() counts every entry ever
// recorded, and first_kept() is the index of the oldest one still held.
//
// Inside: a ring of 40-byte slots (grown block by block up to keep(), then each new entry takes
// the dropped one's place: the time, the kind's number, and where its request id and flat detail
// lie), kinds interned once, the request ids and flat details in a FIFO byte store of 64 KiB
// chunks that are released (or reused) as the entries in them are dropped, and general (ojson)
// details in a FIFO store of their own. A reader gets a TraceEntry built from the slot. Once the
// ring is full nothing is allocated per flat entry.
class Trace {
public:
    static constexpr std::size_t kDefaultKeep = 200'000;

    // The kept entries, oldest first: entries()[k].index == first_kept() + k. A random-access
    // range (begin/end, size, [], front/back) of entries built on each read (by value: bind them
    // to a `const TraceEntry&` or an `auto`), valid until the next add() or set_keep().
    class Entries {
    public:
        class iterator {
        public:
            struct Arrow {                          // it->member on an entry built on read
                TraceEntry entry;
                const TraceEntry* operator->() const { return &entry; }
            };
            using iterator_category = std::random_access_iterator_tag;
            using value_type = TraceEntry;
            using difference_type = std::ptrdiff_t;
            using pointer = Arrow;
            using reference = TraceEntry;
            iterator() = default;
            iterator(const Trace* t, std::size_t k) : t_(t), k_(k) {}
            reference operator*() const { return t_->entry(k_); }
            pointer operator->() const { return Arrow{t_->entry(k_)}; }
            reference operator[](difference_type n) const { return t_->entry(k_ + n); }
            iterator& operator++() { ++k_; return *this; }
            iterator operator++(int) { iterator o = *this; ++k_; return o; }
            iterator& operator--() { --k_; return *this; }
            iterator operator--(int) { iterator o = *this; --k_; return o; }
            iterator& operator+=(difference_type n) { k_ += n; return *this; }
            iterator& operator-=(difference_type n) { k_ -= n; return *this; }
            friend iterator operator+(iterator a, difference_type n) { return a += n; }
            friend iterator operator+(difference_type n, iterator a) { return a += n; }
            friend iterator operator-(iterator a, difference_type n) { return a -= n; }
            friend difference_type operator-(const iterator& a, const iterator& b) {
                return static_cast<difference_type>(a.k_) - static_cast<difference_type>(b.k_);
            }
            friend bool operator==(const iterator& a, const iterator& b) { return a.k_ == b.k_; }
            friend bool operator!=(const iterator& a, const iterator& b) { return a.k_ != b.k_; }
            friend bool operator<(const iterator& a, const iterator& b) { return a.k_ < b.k_; }
            friend bool operator>(const iterator& a, const iterator& b) { return a.k_ > b.k_; }
            friend bool operator<=(const iterator& a, const iterator& b) { return a.k_ <= b.k_; }
            friend bool operator>=(const iterator& a, const iterator& b) { return a.k_ >= b.k_; }
        private:
            const Trace* t_ = nullptr;
            std::size_t k_ = 0;
        };
        using const_iterator = iterator;
        explicit Entries(const Trace& t) : t_(&t) {}
        iterator begin() const { return iterator(t_, 0); }
        iterator end() const { return iterator(t_, t_->count_); }
        std::size_t size() const { return t_->count_; }
        bool empty() const { return t_->count_ == 0; }
        TraceEntry operator[](std::size_t k) const { return t_->entry(k); }
        TraceEntry front() const { return t_->entry(0); }
        TraceEntry back() const { return t_->entry(t_->count_ - 1); }
    private:
        const Trace* t_;
    };

    Trace() = default;
    Trace(const Trace&) = delete;                   // entries view the trace's own storage
    Trace& operator=(const Trace&) = delete;

    // Copies the kind (once per distinct kind) and the request id into the trace. The texts may
    // be read from an entry of this trace, even the one the add drops.
    void add(TimeMs time, std::string_view kind, std::string_view request_id = {}, TraceDetail detail = {});
    // The same with a flat detail of (key, value) pairs (TraceDetail::of's), written straight into
    // the trace's byte store: no TraceDetail buffer in between.
    template <class... Args>
    void add_of(TimeMs time, std::string_view kind, std::string_view request_id, const Args&... key_values) {
        static_assert(sizeof...(Args) % 2 == 0, "add_of takes (key, value) pairs");
        const std::uint32_t kind_id = intern(kind);
        const std::uint64_t index = size();
        const std::string_view rid = store_text(index, request_id);
        const std::size_t n = TraceDetail::pairs_bytes(key_values...);
        char* p = n ? bytes_.append(index, n) : nullptr;
        if (n) TraceDetail::write_pairs(p, key_values...);
        Slot& e = next_slot(time, kind_id, rid);
        e.detail = p;
        e.detail_size = static_cast<std::uint32_t>(n);
    }
    // Bytes entries up to `last` view (TraceView members), handed over by their owner: freed
    // once entry `last` is dropped (at once when it already is).
    void adopt(std::unique_ptr<char[]> bytes, std::size_t size, std::uint64_t last);
    std::size_t adopted() const { return adopted_.size(); }
    Entries entries() const { return Entries(*this); }
    std::size_t size() const { return first_ + count_; }                 // every entry ever recorded
    std::size_t first_kept() const { return first_; }                    // == how many were summarised
    TraceEntry at(std::size_t index) const;         // index in [first_kept(), size()); std::out_of_range otherwise
    std::size_t keep() const { return keep_; }
    void set_keep(std::size_t keep);                // at least 1; summarises what no longer fits at once
    std::map<std::string, std::uint64_t> summarised_by_kind() const;
    ojson summary_json() const;                     // {"kept","limit","summarised","summarisedByKind"}
    std::string to_json_lines(std::size_t from = 0) const;   // one compact JSON object per line (kept entries >= from)
    std::size_t heap_bytes() const;                 // the ring, the byte store and the kinds (a memory breakdown; general details apart)

private:
    // FIFO byte store: bytes appended for entry i stay put until entry i is dropped.
    class Bytes {
    public:
        static constexpr std::size_t kChunk = 64 * 1024;
        char* append(std::uint64_t index, std::size_t n);   // n contiguous bytes for entry `index`
        void release_upto(std::uint64_t index);     // entries <= index were dropped
        // [p, p + n) lies in the bytes written to the back chunk (live until its last entry drops).
        bool in_back(const char* p, std::size_t n) const {
            if (chunks_.empty() || !p) return false;
            const auto a = reinterpret_cast<std::uintptr_t>(chunks_.back().data.get()), x = reinterpret_cast<std::uintptr_t>(p);
            return x >= a && x + n <= a + chunks_.back().used;
        }
        void touch(std::uint64_t index) { chunks_.back().last_index = index; }   // entry `index` views the back chunk too
        std::size_t heap_bytes() const;
    private:
        struct Chunk {
            std::unique_ptr<char[]> data;
            std::size_t size = 0, used = 0;
            std::uint64_t last_index = 0;           // the newest entry with bytes in it
        };
        std::deque<Chunk> chunks_;
        Chunk spare_;                               // one released standard chunk, reused
    };

    // A kept entry as the ring holds it: 40 bytes natively (a TraceEntry is 88), written once and
    // read into a TraceEntry (entry()). The request id and a flat detail lie in the byte store; a
    // general detail is the front-most of general_ not yet dropped when `general` is set.
    struct Slot {
        TimeMs time;
        const char* request_id;
        const char* detail;                         // flat bytes (null when none)
        std::uint32_t request_id_size, detail_size;
        std::uint32_t kind;
        std::uint32_t general;                      // 1 + (the general detail's number mod 2^32), 0: none
    };
    static_assert(sizeof(void*) != 8 || sizeof(Slot) == 40, "a kept trace entry takes 40 bytes natively");
    // The ring: cap_ slots in blocks of kBlock slots that never move once allocated (growing adds
    // a block; no slot is moved or copied on the way to keep()).
    static constexpr std::size_t kBlockBits = 10, kBlock = std::size_t{1} << kBlockBits;
    struct Block {
        Slot slot[kBlock];
    };
    std::size_t physical(std::size_t k) const {     // the slot of the k-th kept entry
        std::size_t i = head_ + k;
        return i >= cap_ ? i - cap_ : i;
    }
    Slot& slot_at(std::size_t i) const { return blocks_[i >> kBlockBits]->slot[i & (kBlock - 1)]; }
    TraceEntry entry(std::size_t k) const;          // the k-th kept entry, built from its slot
    // A small cache by the text's address (a literal's is fixed), always checked against the
    // kind's text: an address reused by another text just misses. Literals sit a few bytes
    // apart: the address is mixed (Fibonacci hashing) so that the dozen kinds of a run land in
    // different slots of the 64. In line: every entry asks.
    std::uint32_t intern(std::string_view kind) {
        const std::uint64_t mixed = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(kind.data())) * 0x9E3779B97F4A7C15ull;
        const KindCache& c = kind_cache_[mixed >> 58];
        if (c.data == kind.data() && c.size == kind.size() && c.data && same_bytes(kind_views_[c.id].data(), kind.data(), kind.size()))
            return c.id;
        return intern_slow(kind);
    }
    std::uint32_t intern_slow(std::string_view kind);
    // Equal bytes, compared 8 at a time (a kind is a short text; memcmp is a call through the PLT).
    static bool same_bytes(const char* a, const char* b, std::size_t n) {
        for (; n >= 8; a += 8, b += 8, n -= 8) {
            std::uint64_t x, y;
            std::memcpy(&x, a, 8);
            std::memcpy(&y, b, 8);
            if (x != y) return false;
        }
        for (; n > 0; --n)
            if (*a++ != *b++) return false;
        return true;
    }
    // A request id: an attempt's entries (start, log lines, end, the retry or the DLQ step) name
    // the same request one after another, so the copy made for the last one is viewed again
    // while it lies in the back chunk (which then lives until this entry is dropped).
    std::string_view store_text(std::uint64_t index, std::string_view text) {
        if (text.empty()) return {};
        if (text.size() == last_text_.size() && bytes_.in_back(last_text_.data(), last_text_.size()) &&
            std::memcmp(last_text_.data(), text.data(), text.size()) == 0) {
            bytes_.touch(index);
            return last_text_;
        }
        char* p = bytes_.append(index, text.size());
        std::memcpy(p, text.data(), text.size());
        return last_text_ = std::string_view(p, text.size());
    }
    Slot& next_slot(TimeMs time, std::uint32_t kind_id, std::string_view request_id);   // drops the oldest when full
    void drop_oldest();
    void grow();                                    // one more slot at least (count_ == cap_ < keep_)
    void relayout(std::size_t cap);                 // the kept entries from slot 0 in cap (>= count_) slots

    std::vector<std::unique_ptr<Block>> blocks_;
    std::size_t cap_ = 0;                           // slots in use by the ring (<= keep_, <= blocks * kBlock)
    std::size_t head_ = 0, count_ = 0;
    std::size_t first_ = 0;
    std::size_t keep_ = kDefaultKeep;
    Bytes bytes_;
    std::string_view last_text_;                    // the request id stored last (store_text)
    std::deque<ojson> general_;                     // the kept entries' general details, oldest first
    std::uint64_t general_added_ = 0;               // general details ever added
    std::deque<std::string> kinds_;                 // interned kinds (a deque: the texts never move)
    std::vector<std::string_view> kind_views_;      // the same texts by number, one load each
    std::unordered_map<std::string_view, std::uint32_t> kind_ids_;
    struct KindCache {                              // kinds are mostly literals: found by address, checked by text
        const char* data = nullptr;
        std::size_t size = 0;
        std::uint32_t id = 0;
    };
    KindCache kind_cache_[64];
    std::vector<std::uint64_t> summarised_;         // per kind number
    struct Adopted {
        std::unique_ptr<char[]> bytes;
        std::size_t size = 0;
        std::uint64_t last = 0;                     // the newest entry index that may view them
    };
    std::deque<Adopted> adopted_;                   // mostly in order of `last`: freed from the front
    std::size_t sweep_adopted_at_ = 16;             // and swept whole when this many are held
};

} // namespace invokelab
