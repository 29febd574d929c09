// Invoke Lab core: CloudWatch Logs groups, streams and events (see logs.h).
#include "services/logs.h"
#include <algorithm>
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
bool log_filter_matches(const std::string& pattern, const std::string& message) {
    for (const auto& term : pattern_terms(pattern))
        if (!term.empty() && message.find(term) == std::string::npos) return false;
    return true;
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
        it->second.name = stream;
        it->second.created_at = env_.now();
    }
    return it->second;
}

void LogsService::put(const std::string& group, const std::string& stream, TimeMs timestamp, const std::string& message) {
    put(group, ensure_stream(group, stream), timestamp, message);
}

void LogsService::put(const std::string& group, LogStream& s, TimeMs timestamp, std::string message) {
    LogEvent e;
    e.timestamp = timestamp;
    // The simulator has no delivery delay: an event is stored at the moment it happens
    // (or now, if a writer back-dates it), which keeps every run byte-identical.
    e.ingestion_time = std::max(timestamp, env_.now());
    e.message = std::move(message);
    e.sequence = next_sequence_++;
    if (s.events.size() >= kStreamKeep) {
        s.events.pop_front();
        ++s.summarised;
        ++summarised_;
    }
    const LogEvent& stored = s.events.push_back(std::move(e));
    // Written flat into the trace (sim/trace.h): the JSON object is built only when someone reads it.
    env_.record_of("log.line", {}, "group", group, "stream", s.name, "message", stored.message);
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
    for (const auto& [name, stream] : g.streams) {
        if (!q.stream_names.empty() && std::find(q.stream_names.begin(), q.stream_names.end(), name) == q.stream_names.end())
            continue;
        if (!q.stream_name_prefix.empty() && name.rfind(q.stream_name_prefix, 0) != 0) continue;
        for (const auto& e : stream.events) {
            if (e.timestamp < q.start_time || e.timestamp > q.end_time) continue;
            if (!q.filter_pattern.empty() && !log_filter_matches(q.filter_pattern, e.message)) continue;
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
            for (const auto& e : s.events) events.push_back(ojson{{"t", e.timestamp}, {"message", e.message}});
            streams.push_back(ojson{{"name", sname}, {"createdAt", s.created_at}, {"events", std::move(events)}});
        }
        groups.push_back(ojson{{"name", gname}, {"arn", g.arn}, {"createdAt", g.created_at}, {"streams", std::move(streams)}});
    }
    return groups;
}

} // namespace invokelab
