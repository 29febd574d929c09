// Invoke Lab core: CloudWatch Logs groups, streams and events (see logs.h).
#include "services/logs.h"
#include <algorithm>
#include <cstring>
#include <utility>
#include "aws/arn.h"
#include "aws/errors.h"
#include "sim/env.h"
#include "util/timefmt.h"

namespace invokelab {

// [SECTION] Filter patterns

namespace {

// Splits a plain-term pattern on spaces; a "double-quoted" piece stays one term, so
// `ERROR "request id"` needs both ERROR and the phrase `request id`.
std::vector<std::string> pattern_terms(const std::string& pattern) {
    std::vector<std::string> terms;
    std::size_t i = 0;
    while (i < pattern.size()) {
        if (pattern[i] == ' ' || pattern[i] == '\t') { ++i; continue; }
        if (pattern[i] == '"') {
            const std::size_t close = pattern.find('"', i + 1);
            if (close == std::string::npos) { terms.push_back(pattern.substr(i + 1)); break; }
            terms.push_back(pattern.substr(i + 1, close - i - 1));
            i = close + 1;
            continue;
        }
        std::size_t end = i;
        while (end < pattern.size() && pattern[end] != ' ' && pattern[end] != '\t') ++end;
        terms.push_back(pattern.substr(i, end - i));
        i = end;
    }
    return terms;
}

} // namespace

// CloudWatch's plain term patterns are case-sensitive and every term must occur somewhere
// in the message; a quoted term matches as an exact phrase (spaces included).
bool log_filter_matches(const std::string& pattern, std::string_view message) {
    for (const auto& term : pattern_terms(pattern))
        if (!term.empty() && message.find(term) == std::string_view::npos) return false;
    return true;
}

// [SECTION] A stream's events and their bytes

char* LogEvents::append_text(std::size_t n) {
    if (chunk_head_ == chunks_.size() || chunks_.back().size - chunks_.back().used < n) {
        // A new chunk the size of the kept messages (a stream that keeps little stays small, one
        // that keeps many lines gets kMaxChunk), at least kFirstChunk; a longer message gets a
        // chunk of its own size. The kept bytes double by the time it is full, so the sizes
        // still grow geometrically, and the chunks hold at most twice the kept bytes (three
        // times when each new one was twice them).
        Chunk c;
        c.size = std::max(n, std::min(kMaxChunk, std::max(kFirstChunk, kept_bytes_)));
        c.data = std::unique_ptr<char[]>(new char[c.size]);
        if (chunk_head_ > 0 && chunk_head_ * 2 >= chunks_.size()) {   // the released ones' places go
            chunks_.erase(chunks_.begin(), chunks_.begin() + static_cast<std::ptrdiff_t>(chunk_head_));
            chunk_head_ = 0;
        }
        if (chunks_.capacity() == 0) chunks_.reserve(2);   // a retried event's stream needs a second one
        chunks_.push_back(std::move(c));
    }
    Chunk& c = chunks_.back();
    char* p = c.data.get() + c.used;
    c.used += n;
    c.last = pushed_;
    return p;
}

std::string_view LogEvent::text(std::string& scratch) const {
    if (!record_) return stored();
    scratch.clear();
    render_into(scratch, stored());
    return scratch;
}

std::string LogEvent::message() const {
    std::string out;
    append_message(out);
    return out;
}

void LogEvent::append_message(std::string& out) const {
    if (record_) render_into(out, stored());
    else out.append(data_, size_);
}

const LogEvent& LogEvents::push_back(const LogEvent& e) {
    LogEvent stored = e;
    if (e.size_ > 0) {
        char* p = append_text(e.size_);
        std::memcpy(p, e.data_, e.size_);
        stored.data_ = p;
        kept_bytes_ += e.size_;
    }
    return append_event(stored);
}

const LogEvent& LogEvents::append_event(const LogEvent& stored) {
    ++pushed_;
    if (events_.size() == events_.capacity()) {
        if (head_ > 0 && head_ * 2 >= events_.size()) compact();
        else if (events_.empty()) events_.reserve(kFirstEvents);   // then twice that, and so on
    }
    events_.push_back(stored);
    return events_.back();
}

const LogEvent& LogEvents::push_record(const LogEvent& e, const LogRecord& record) {
    // Stored as TraceView's rendered form: the function's address, then the facts.
    const std::size_t n = sizeof record.render + record.size;
    char* p = append_text(n);
    std::memcpy(p, &record.render, sizeof record.render);
    if (record.size > 0) std::memcpy(p + sizeof record.render, record.facts, record.size);
    LogEvent stored = e;
    stored.data_ = p;
    stored.size_ = static_cast<std::uint32_t>(n);
    stored.record_ = true;
    kept_bytes_ += n;
    return append_event(stored);
}

void LogEvents::pop_front() {
    kept_bytes_ -= events_[head_].size_;
    events_[head_].data_ = nullptr;
    events_[head_].size_ = 0;
    ++head_;
    ++popped_;
    // Chunks whose events are all dropped are released (the newest one is kept for reuse).
    while (chunk_head_ < chunks_.size()) {
        Chunk& c = chunks_[chunk_head_];
        if (c.used > 0 && c.last >= popped_) break; // it holds a kept event's bytes
        if (chunk_head_ + 1 == chunks_.size()) {    // the one being filled: rewound, unless the trace still views it
            if (!viewed_by_trace(c)) c.used = 0;
            break;
        }
        release(c);
        ++chunk_head_;
    }
}

TraceView LogEvents::view_back(Trace& trace) {
    trace_ = &trace;
    const LogEvent& e = events_.back();
    if (e.size_ > 0) chunks_.back().viewed = trace.size() + 1;   // append_text wrote it into the back chunk
    return TraceView{e.stored(), e.record_};
}

void LogEvents::release(Chunk& c) {
    if (c.data && viewed_by_trace(c)) trace_->adopt(std::move(c.data), c.size, c.viewed - 1);
    c.data.reset();
}

void LogEvents::release_all() {
    for (std::size_t k = chunk_head_; k < chunks_.size(); ++k) release(chunks_[k]);
    chunks_.clear();
    chunk_head_ = 0;
}

LogEvents::~LogEvents() { release_all(); }

LogEvents& LogEvents::operator=(LogEvents&& o) noexcept {
    if (this != &o) {
        release_all();
        events_ = std::move(o.events_);
        head_ = std::exchange(o.head_, 0);
        pushed_ = std::exchange(o.pushed_, 0);
        popped_ = std::exchange(o.popped_, 0);
        chunks_ = std::move(o.chunks_);
        o.chunks_.clear();
        chunk_head_ = std::exchange(o.chunk_head_, 0);
        kept_bytes_ = std::exchange(o.kept_bytes_, 0);
        trace_ = o.trace_;
    }
    return *this;
}

std::size_t LogEvents::text_bytes() const {
    std::size_t n = 0;
    for (std::size_t k = chunk_head_; k < chunks_.size(); ++k) n += chunks_[k].size;
    return n;
}

// [SECTION] Groups, streams, events

LogGroup& LogsService::ensure_group(const std::string& group) {
    auto it = groups_.find(group);
    if (it != groups_.end()) return it->second;
    LogGroup g;
    g.name = group;
    g.arn = log_group_arn(env_.region, env_.account_id, group) + ":*";
    g.created_at = env_.now();
    return groups_.emplace(group, std::move(g)).first->second;
}

LogStream& LogsService::ensure_stream(const std::string& group, const std::string& stream) {
    LogGroup& g = ensure_group(group);
    const auto [it, fresh] = g.streams.try_emplace(stream);
    if (fresh) {
        it->second.name_ = &it->first;
        it->second.created_at = env_.now();
        it->second.group = &g;
    }
    return it->second;
}

void LogsService::put(const std::string& group, const std::string& stream, TimeMs timestamp, std::string_view message) {
    put(ensure_stream(group, stream), timestamp, message);
}

void LogsService::put(LogStream& s, TimeMs timestamp, std::string_view message) {
    LogEvent e = LogEvent::of_text(message, timestamp);
    // The simulator has no delivery delay: an event is stored at the moment it happens
    // (or now, if a writer back-dates it), which keeps every run byte-identical.
    e.ingestion_time = std::max(timestamp, env_.now());
    e.sequence = next_sequence_++;
    // Copied in before the oldest is dropped (the message may be that event's own text).
    s.events.push_back(e);
    stored(s);
}

void LogsService::put(LogStream& s, TimeMs timestamp, const LogRecord& record) {
    LogEvent e;
    e.timestamp = timestamp;
    e.ingestion_time = std::max(timestamp, env_.now());
    e.sequence = next_sequence_++;
    s.events.push_record(e, record);
    stored(s);
}

void LogsService::stored(LogStream& s) {
    if (s.events.size() > kStreamKeep) {
        s.events.pop_front();
        ++s.summarised;
        ++summarised_;
    }
    // Written flat into the trace (sim/trace.h): the JSON object is built only when someone reads it.
    // The group's and the stream's names are not copied: groups and streams are never removed
    // and their names never change, so the entry points at them (TraceText). The message is not
    // copied either: the entry views the stream's bytes (view_back).
    // (Both are set by ensure_stream, where every stream comes from.)
    env_.record_of("log.line", {}, "group", TraceText{&s.group->name}, "stream", TraceText{s.name_}, "message",
                   s.events.view_back(env_.trace));
}

LogGroup* LogsService::find_group(const std::string& group) {
    auto it = groups_.find(group);
    return it == groups_.end() ? nullptr : &it->second;
}

const LogGroup& LogsService::require_group(const std::string& group) const {
    auto it = groups_.find(group);
    if (it == groups_.end()) throw AwsError("ResourceNotFoundException", 400, "The specified log group does not exist.");
    return it->second;
}

std::vector<FoundEvent> LogsService::query(const std::string& group, const LogQuery& q) const {
    const LogGroup& g = require_group(group);
    std::vector<FoundEvent> found;
    std::string scratch;
    for (const auto& [name, stream] : g.streams) {
        if (!q.stream_names.empty() && std::find(q.stream_names.begin(), q.stream_names.end(), name) == q.stream_names.end())
            continue;
        if (!q.stream_name_prefix.empty() && name.rfind(q.stream_name_prefix, 0) != 0) continue;
        for (const auto& e : stream.events) {
            if (e.timestamp < q.start_time || e.timestamp > q.end_time) continue;
            if (!q.filter_pattern.empty() && !log_filter_matches(q.filter_pattern, e.text(scratch))) continue;
            found.push_back({&stream, &e});
        }
    }
    std::sort(found.begin(), found.end(), [](const FoundEvent& a, const FoundEvent& b) {
        if (a.event->timestamp != b.event->timestamp) return a.event->timestamp < b.event->timestamp;
        return a.event->sequence < b.event->sequence;
    });
    if (found.size() > q.limit) found.resize(q.limit);
    return found;
}

ojson LogsService::summary_json() const {
    return ojson{{"keepPerStream", kStreamKeep}, {"summarised", summarised_}};
}

ojson LogsService::state_json() const {
    ojson groups = ojson::array();
    for (const auto& [gname, g] : groups_) {
        ojson streams = ojson::array();
        for (const auto& [sname, s] : g.streams) {
            ojson events = ojson::array();
            for (const auto& e : s.events) events.push_back(ojson{{"t", e.timestamp}, {"message", e.message()}});
            streams.push_back(ojson{{"name", sname}, {"createdAt", s.created_at}, {"events", std::move(events)}});
        }
        groups.push_back(ojson{{"name", gname}, {"arn", g.arn}, {"createdAt", g.created_at}, {"streams", std::move(streams)}});
    }
    return groups;
}

} // namespace invokelab
