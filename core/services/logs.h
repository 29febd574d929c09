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
#include <string>
#include <vector>
#include "sim/trace.h"

namespace invokelab {

class Env;

struct LogEvent {
    TimeMs timestamp = 0;                           // when it happened (virtual)
    TimeMs ingestion_time = 0;                      // when CloudWatch stored it
    std::string message;
    std::uint64_t sequence = 0;                     // global write order, for stable merges
};

// A stream's events in write order, oldest first: a vector and the position of the oldest kept
// one (dropping the oldest is O(1); the dropped ones are erased once they outnumber the kept
// ones). An empty stream allocates nothing (std::deque allocated two blocks for every stream).
class LogEvents {
public:
    using const_iterator = std::vector<LogEvent>::const_iterator;
    using iterator = const_iterator;
    const_iterator begin() const { return events_.begin() + static_cast<std::ptrdiff_t>(head_); }
    const_iterator end() const { return events_.end(); }
    std::size_t size() const { return events_.size() - head_; }
    bool empty() const { return size() == 0; }
    const LogEvent& operator[](std::size_t k) const { return events_[head_ + k]; }
    const LogEvent& front() const { return events_[head_]; }
    const LogEvent& back() const { return events_.back(); }
    LogEvent& push_back(LogEvent e) {
        if (events_.size() == events_.capacity() && head_ > 0 && head_ * 2 >= events_.size()) compact();
        events_.push_back(std::move(e));
        return events_.back();
    }
    void pop_front() {
        events_[head_].message = std::string();     // its text goes now
        ++head_;
    }
private:
    void compact() {
        events_.erase(events_.begin(), events_.begin() + static_cast<std::ptrdiff_t>(head_));
        head_ = 0;
    }
    std::vector<LogEvent> events_;
    std::size_t head_ = 0;
};

struct LogStream {
    std::string name;
    TimeMs created_at = 0;
    LogEvents events;                               // in write order: the newest LogsService::kStreamKeep
    std::uint64_t summarised = 0;                   // older events no longer held (counted, not kept)
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
    void put(const std::string& group, const std::string& stream, TimeMs timestamp, const std::string& message);
    // The same into a stream the writer already holds (from ensure_stream): streams are never
    // removed and std::map nodes never move, so a writer may keep the reference (Lambda keeps
    // one per execution environment instead of finding the group and the stream by name per line).
    void put(const std::string& group, LogStream& stream, TimeMs timestamp, std::string message);
    LogGroup* find_group(const std::string& group);
    const LogGroup& require_group(const std::string& group) const;  // throws ResourceNotFoundException
    // Events of a group matching the query, in (timestamp, sequence) order.
    std::vector<FoundEvent> query(const std::string& group, const LogQuery& q) const;
    const std::map<std::string, LogGroup>& groups() const { return groups_; }
    ojson state_json() const;
    std::uint64_t summarised_events() const { return summarised_; }   // over all streams
    ojson summary_json() const;                     // {"keepPerStream","summarised"}
private:
    Env& env_;
    std::map<std::string, LogGroup> groups_;
    std::uint64_t next_sequence_ = 0;
    std::uint64_t summarised_ = 0;
};

bool log_filter_matches(const std::string& pattern, const std::string& message);

} // namespace invokelab
