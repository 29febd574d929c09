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

bool TimeTravel::start_from(TimeMs t) {
    // The best world to replay forward from: the current one if it is not past t, else the
    // parked world latest at or before t, else a new World of the seed.
    std::size_t best = parked_.size();
    TimeMs best_now = now() <= t ? now() : -1;
    for (std::size_t i = 0; i < parked_.size(); ++i)
        if (parked_[i].now <= t && parked_[i].now > best_now) best = i, best_now = parked_[i].now;
    if (best == parked_.size() && now() <= t) return false;     // keep going with the current world
    const TimeMs current_now = now();               // read before take_world() hands the Shell a new World
    Parked current{shell_.take_world(future_->seed), current_now};   // the Shell now holds a new World of the seed
    if (best < parked_.size()) {
        shell_.restore_world(std::move(parked_[best].saved));
        parked_.erase(parked_.begin() + static_cast<std::ptrdiff_t>(best));
    }
    next_line_ = shell_.history().size();           // a parked replay stopped after its recorded lines
    parked_.push_back(std::move(current));
    if (parked_.size() > kMaxParked) {              // let the earliest go: the cheapest to rebuild (and to free)
        auto earliest = std::min_element(parked_.begin(), parked_.end(), [](const Parked& a, const Parked& b) { return a.now < b.now; });
        parked_.erase(earliest);
    }
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

// Parked worlds are replays of a prefix of the session; after the live session went on (or was
// reset) only those whose lines are still a prefix of it stay.
void TimeTravel::drop_stale_parked() {
    const auto& lines = future_->lines;
    auto stale = [&](const Parked& p) {
        const auto& h = p.saved.history;
        if (p.saved.world->seed() != future_->seed || h.size() > lines.size()) return true;
        for (std::size_t i = 0; i < h.size(); ++i)
            if (h[i].at != lines[i].at || h[i].line != lines[i].line) return true;
        return false;
    };
    parked_.erase(std::remove_if(parked_.begin(), parked_.end(), stale), parked_.end());
}

bool TimeTravel::seek(TimeMs t) {
    replayed_ = 0;
    if (!future_) {
        if (t >= now()) return false;               // the live present has no later history to show
        future_ = Recording{shell_.world().seed(), shell_.history(), shell_.world().now()};
        next_line_ = shell_.history().size();
        drop_stale_parked();
    }
    t = std::clamp<TimeMs>(t, 0, future_->end);
    const bool replaced = start_from(t);
    forward(t);
    // Back at the end with every line replayed: this is the live world again.
    if (next_line_ == future_->lines.size() && now() >= future_->end) future_.reset();
    return replaced;
}

void TimeTravel::resume() {
    if (!future_) return;
    undo_ = Undo{std::move(*future_), now(), std::move(parked_)};
    parked_.clear();
    future_.reset();
}

bool TimeTravel::undo() {
    if (!undo_) return false;
    const TimeMs at = undo_->at;
    future_ = std::move(undo_->recording);
    parked_ = std::move(undo_->parked);
    undo_.reset();
    drop_stale_parked();                            // the branch's lines are not in the recording
    // Whatever ran since the resume is a branch: start over from the best parked world or the seed.
    shell_.take_world(future_->seed);               // the branch's world is dropped; the Shell holds a new one
    next_line_ = 0;
    start_from(at);
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
