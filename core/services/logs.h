// Invoke Lab core: CloudWatch Logs groups, streams and events.
//
// Lambda writes here (/aws/lambda/<function>, one stream per execution environment);
// `aws logs tail`, `describe-log-streams` and `filter-log-events` read from here.
// Event messages are stored exactly as Lambda emits them, trailing "\n" included
// ("START RequestId: <id> Version: $LATEST\n").
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include "sim/trace.h"

namespace invokelab {

class Env;
struct LogGroup;

// A line kept as the facts it is written from and rendered when it is read: Lambda's START, END
// and REPORT lines are the same words around a request id and a few figures (16-40 bytes of
// facts instead of 55-190 bytes of text, and no text built per attempt). `render` appends the
// text to `out` from the facts (plain bytes the writer laid out and reads back with memcpy);
// the writer keeps any text the facts point at (a request id) unchanged while the event may be
// read. The stored form is TraceView's rendered form (sim/trace.h): the function, then the facts.
struct LogRecord {
    TraceRender render = nullptr;
    const void* facts = nullptr;
    std::size_t size = 0;
};

struct LogEvent {
    TimeMs timestamp = 0;                           // when it happened (virtual)
    TimeMs ingestion_time = 0;                      // when CloudWatch stored it
    std::uint64_t sequence = 0;                     // global write order, for stable merges

    // The message. A text event's bytes are in its stream's byte store (LogEvents), valid while
    // the event is kept (a stream drops its oldest events beyond LogsService::kStreamKeep); a
    // record's text is rendered on each read. text() views a text event's own bytes and renders a
    // record into `scratch`: the view is valid until `scratch` changes or the event is dropped.
    std::string_view text(std::string& scratch) const;
    std::string message() const;                    // a copy
    void append_message(std::string& out) const;
    bool is_record() const { return record_; }
    // What the stream stores for it: a text event's text, a record's function and facts.
    std::string_view stored() const { return std::string_view(data_, size_); }
    // An event to push (LogEvents::push_back copies what it views): the text `message`.
    static LogEvent of_text(std::string_view message, TimeMs timestamp = 0) {
        LogEvent e;
        e.timestamp = timestamp;
        e.data_ = message.data();
        e.size_ = static_cast<std::uint32_t>(message.size());
        return e;
    }

private:
    friend class LogEvents;
    const char* data_ = nullptr;
    std::uint32_t size_ = 0;
    bool record_ = false;
};

// A stream's events in write order, oldest first: a vector and the position of the oldest kept
// one (dropping the oldest is O(1); the dropped ones are erased once they outnumber the kept
// ones). An empty stream allocates nothing (std::deque allocated two blocks for every stream).
// The messages' bytes live in chunks the stream owns (one allocation per chunk, not per line):
// appended at the back, never moved, and a chunk is released once every event with bytes in
// it has been dropped (the one being filled is rewound instead). The trace's log.line entries
// view the messages in these chunks (view_back) instead of copying them: a chunk the trace may
// still view is handed to it (Trace::adopt) when the stream lets it go.
class LogEvents {
public:
    using const_iterator = std::vector<LogEvent>::const_iterator;
    using iterator = const_iterator;
    LogEvents() = default;
    LogEvents(const LogEvents&) = delete;           // events view the stream's own chunks
    LogEvents& operator=(const LogEvents&) = delete;
    LogEvents(LogEvents&&) noexcept = default;      // chunks do not move: the views stay valid
    LogEvents& operator=(LogEvents&& o) noexcept;
    ~LogEvents();
    const_iterator begin() const { return events_.begin() + static_cast<std::ptrdiff_t>(head_); }
    const_iterator end() const { return events_.end(); }
    std::size_t size() const { return events_.size() - head_; }
    bool empty() const { return size() == 0; }
    const LogEvent& operator[](std::size_t k) const { return events_[head_ + k]; }
    const LogEvent& front() const { return events_[head_]; }
    const LogEvent& back() const { return events_.back(); }
    // Appends e with a copy of the bytes it views (they may be anywhere, even this stream's
    // oldest event's: they are copied before anything is dropped). A record stays a record.
    const LogEvent& push_back(const LogEvent& e);
    // Appends a record event (timestamp, ingestion time and sequence from e): its function and
    // facts are stored, the text is rendered when read.
    const LogEvent& push_record(const LogEvent& e, const LogRecord& record);
    void pop_front();
    // The newest event's message as the trace's next entry (index trace.size()) views it (a
    // record as its stored form, rendered when the entry is read): its chunk stays, here or
    // handed to the trace, until that entry is dropped.
    TraceView view_back(Trace& trace);
    std::size_t text_bytes() const;                 // bytes held by the chunks (a memory breakdown)

    // The first chunk holds a cold attempt's lines for a small event (INIT_START, START, the
    // handler's line, the error, END, REPORT: 509 bytes with START, END and REPORT kept as
    // records), the whole life of most streams: in core_bench (c), 9 731 of the 10 000 streams
    // serve one attempt (a few warm environments serve the retries). It was 1 KiB when those
    // lines were text (700 bytes); a stream that keeps more gets chunks the size of what it keeps.
    static constexpr std::size_t kFirstChunk = 512, kMaxChunk = 64 * 1024;
    static constexpr std::size_t kFirstEvents = 8;  // events room first (a cold attempt writes 6 lines)
private:
    struct Chunk {
        std::unique_ptr<char[]> data;
        std::size_t size = 0, used = 0;
        std::uint64_t last = 0;                     // the newest event (by push number) with bytes in it
        std::uint64_t viewed = 0;                   // trace entries with an index below this view its bytes (0: none)
    };
    bool viewed_by_trace(const Chunk& c) const { return trace_ && c.viewed > trace_->first_kept(); }
    void release(Chunk& c);                         // frees c's bytes or hands them to the trace
    void release_all();
    char* append_text(std::size_t n);               // n bytes for the event about to be pushed
    const LogEvent& append_event(const LogEvent& stored);   // its bytes already in a chunk
    void compact() {
        events_.erase(events_.begin(), events_.begin() + static_cast<std::ptrdiff_t>(head_));
        head_ = 0;
    }
    std::vector<LogEvent> events_;
    std::size_t head_ = 0;
    std::uint64_t pushed_ = 0, popped_ = 0;         // events ever pushed / dropped (push numbers below popped_ are gone)
    std::vector<Chunk> chunks_;                     // oldest first, from chunk_head_
    std::size_t chunk_head_ = 0;
    std::size_t kept_bytes_ = 0;                    // the kept events' message bytes (sizes the next chunk)
    Trace* trace_ = nullptr;                        // the trace that views the messages (view_back)
};

struct LogStream {
    // Its name is its key in the group's map (map nodes never move): not a second copy.
    const std::string& name() const { return *name_; }
    const std::string* name_ = nullptr;             // set by LogsService::ensure_stream, like `group`
    TimeMs created_at = 0;
    LogEvents events;                               // in write order: the newest LogsService::kStreamKeep
    std::uint64_t summarised = 0;                   // older events no longer held (counted, not kept)
    LogGroup* group = nullptr;                      // the group it belongs to (groups are never removed)
};

struct LogGroup {
    std::string name, arn;                          // arn:aws:logs:<region>:<account>:log-group:<name>:*
    TimeMs created_at = 0;
    std::map<std::string, LogStream> streams;       // by name
};

struct LogQuery {                                   // filter-log-events / tail selection
    std::string filter_pattern;                     // "" = all; plain terms (all must occur) or "quoted phrase"
    std::vector<std::string> stream_names;          // empty = all streams
    std::string stream_name_prefix;
    TimeMs start_time = INT64_MIN, end_time = INT64_MAX;  // inclusive, virtual ms
    std::size_t limit = 10000;
};

struct FoundEvent { const LogStream* stream; const LogEvent* event; };

class LogsService {
public:
    // A stream holds its newest kStreamKeep events; older ones are summarised as a count, so a
    // long run's memory stays bounded (lessons and views need far fewer).
    static constexpr std::size_t kStreamKeep = 10'000;

    explicit LogsService(Env& env) : env_(env) {}
    LogGroup& ensure_group(const std::string& group);
    LogStream& ensure_stream(const std::string& group, const std::string& stream);
    void put(const std::string& group, const std::string& stream, TimeMs timestamp, std::string_view message);
    // The same into a stream the writer already holds (from ensure_stream): streams are never
    // removed and std::map nodes never move, so a writer may keep the reference (Lambda keeps
    // one per execution environment instead of finding the group and the stream by name per line).
    // The message is copied into the stream: it may be a buffer the writer reuses. The stream
    // knows its group (LogStream::group).
    void put(LogStream& stream, TimeMs timestamp, std::string_view message);
    // A line kept as a record (LogRecord), rendered when read: every reader sees its text.
    void put(LogStream& stream, TimeMs timestamp, const LogRecord& record);
    LogGroup* find_group(const std::string& group);
    const LogGroup& require_group(const std::string& group) const;  // throws ResourceNotFoundException
    // Events of a group matching the query, in (timestamp, sequence) order.
    std::vector<FoundEvent> query(const std::string& group, const LogQuery& q) const;
    const std::map<std::string, LogGroup>& groups() const { return groups_; }
    ojson state_json() const;
    std::uint64_t summarised_events() const { return summarised_; }   // over all streams
    ojson summary_json() const;                     // {"keepPerStream","summarised"}
private:
    void stored(LogStream& s);                      // after a put: the oldest beyond kStreamKeep go, the trace's entry
    Env& env_;
    std::map<std::string, LogGroup> groups_;
    std::uint64_t next_sequence_ = 0;
    std::uint64_t summarised_ = 0;
};

bool log_filter_matches(const std::string& pattern, std::string_view message);

} // namespace invokelab
