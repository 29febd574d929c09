// Time travel (see time_travel.h).
#include "shell/time_travel.h"
#include <algorithm>
#include "util/timefmt.h"
#include "util/tokenize.h"

namespace invokelab {
namespace {

// The duration of a well-formed `lab advance D` line (a line that only runs the clock).
std::optional<TimeMs> advance_duration(const std::string& line) {
    if (line.rfind("lab", 0) != 0) return std::nullopt;
    const Tokenized t = tokenize(line);
    if (!t.error.empty() || t.incomplete || t.words.size() != 3 || t.words[0] != "lab" || t.words[1] != "advance") return std::nullopt;
    TimeMs d = 0;
    if (!parse_duration_ms(t.words[2], d)) return std::nullopt;
    return d;
}

} // namespace

bool TimeTravel::rebuild() {
    shell_.reset(future_->seed);
    next_line_ = 0;
    return true;
}

void TimeTravel::forward(TimeMs t) {
    World& w = shell_.world();
    const auto& lines = future_->lines;
    while (next_line_ < lines.size() && lines[next_line_].at <= t) {
        const HistoryLine& h = lines[next_line_];
        if (h.at > w.now()) w.scheduler.run_until(h.at);
        if (const auto d = advance_duration(h.line)) {
            // `lab advance D` at h.at is run_until(h.at + D): stop inside it when t comes first.
            if (h.at + *d > t) break;
            w.scheduler.run_until(h.at + *d);
            shell_.record_history(h);
        } else {
            shell_.run(h.line);
        }
        ++next_line_;
        ++replayed_;
    }
    if (t > shell_.world().now()) shell_.world().scheduler.run_until(t);
}

bool TimeTravel::seek(TimeMs t) {
    replayed_ = 0;
    if (!future_) {
        if (t >= now()) return false;               // the live present has no later history to show
        future_ = Recording{shell_.world().seed(), shell_.history(), shell_.world().now()};
    }
    t = std::clamp<TimeMs>(t, 0, future_->end);
    bool replaced = false;
    if (t < now()) replaced = rebuild();
    forward(t);
    // Back at the end with every line replayed: this is the live world again.
    if (next_line_ == future_->lines.size() && now() >= future_->end) future_.reset();
    return replaced;
}

void TimeTravel::resume() {
    if (!future_) return;
    undo_ = Undo{std::move(*future_), now()};
    future_.reset();
}

bool TimeTravel::undo() {
    if (!undo_) return false;
    const TimeMs at = undo_->at;
    future_ = std::move(undo_->recording);
    undo_.reset();
    rebuild();
    forward(at);
    return true;
}

std::optional<TimeMs> TimeTravel::previous_event() const {
    const TimeMs t = now();
    const auto& entries = shell_.world().trace.entries();
    // Entries are in time order: the last one before now.
    auto it = std::lower_bound(entries.begin(), entries.end(), t, [](const TraceEntry& e, TimeMs v) { return e.time < v; });
    std::optional<TimeMs> best;
    if (it != entries.begin()) best = std::prev(it)->time;
    for (const HistoryLine& h : shell_.history())
        if (h.at < t && (!best || h.at > *best)) best = h.at;
    if (!best && t > 0) best = 0;
    return best;
}

std::optional<TimeMs> TimeTravel::next_event() const {
    if (!future_) return std::nullopt;
    std::optional<TimeMs> best = shell_.world().scheduler.next_event_time();
    if (next_line_ < future_->lines.size()) {
        const HistoryLine& h = future_->lines[next_line_];
        TimeMs at = h.at;
        if (at <= now()) {                          // a `lab advance` the clock is inside: its end
            const auto d = advance_duration(h.line);
            at = d ? h.at + *d : now();
        }
        if (at > now() && (!best || at < *best)) best = at;
    }
    if (!best || *best > future_->end) best = future_->end;
    return best;
}

std::size_t TimeTravel::recording_bytes() const {
    const std::vector<HistoryLine>& lines = future_ ? future_->lines : shell_.history();
    std::size_t bytes = sizeof(Recording) + lines.capacity() * sizeof(HistoryLine);
    for (const HistoryLine& h : lines) bytes += h.line.capacity() > 15 ? h.line.capacity() + 1 : 0;   // beyond the small-string buffer
    return bytes;
}

} // namespace invokelab
