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
    // The best world to replay forward from: the current one if it is not past t, else the kept
    // world latest at or before t (at equal clocks, the one further through the lines), else a
    // new World of the seed.
    std::size_t best = parked_.size();
    TimeMs best_now = -1;
    std::size_t best_lines = 0;
    if (now() <= t) best_now = now(), best_lines = shell_.history().size();
    for (std::size_t i = 0; i < parked_.size(); ++i) {
        const Parked& p = parked_[i];
        if (p.now <= t && (p.now > best_now || (p.now == best_now && p.lines() > best_lines)))
            best = i, best_now = p.now, best_lines = p.lines();
    }
    if (best == parked_.size() && now() <= t) return false;     // keep going with the current world
    const TimeMs current_now = now();
    if (best < parked_.size()) {
        // Swap: the Shell takes the kept world (a checkpoint is used up: its world moves on),
        // and the slot keeps the current one, left behind by this seek.
        shell_.swap_world(parked_[best].saved);
        Parked left{std::move(parked_[best].saved), current_now, false};
        parked_.erase(parked_.begin() + static_cast<std::ptrdiff_t>(best));
        parked_.push_back(std::move(left));
    } else {
        parked_.push_back({shell_.take_world(future_->seed), current_now, false});   // the Shell now holds a new World of the seed
    }
    next_line_ = shell_.history().size();           // a kept replay stopped after its recorded lines
    std::size_t left_by_seeks = 0;
    for (const Parked& p : parked_) left_by_seeks += p.checkpoint ? 0 : 1;
    if (left_by_seeks > kMaxParked) {               // let the earliest go: the cheapest to rebuild (and to free)
        auto earliest = parked_.end();
        for (auto it = parked_.begin(); it != parked_.end(); ++it)
            if (!it->checkpoint && (earliest == parked_.end() || it->now < earliest->now)) earliest = it;
        parked_.erase(earliest);
    }
    return true;
}

void TimeTravel::replay_whole(const HistoryLine& h) {
    World& w = shell_.world();
    if (h.at > w.now()) w.scheduler.run_until(h.at);
    if (const auto d = advance_duration(h.line)) {
        if (h.at + *d > w.now()) w.scheduler.run_until(h.at + *d);
        shell_.record_history(h);
    } else {
        shell_.run(h.line);
    }
}

void TimeTravel::forward(TimeMs t) {
    const auto& lines = future_->lines;
    while (next_line_ < lines.size() && lines[next_line_].at <= t) {
        const HistoryLine& h = lines[next_line_];
        // `lab advance D` at h.at is run_until(h.at + D): stop inside it when t comes first.
        if (const auto d = advance_duration(h.line); d && h.at + *d > t) {
            if (h.at > shell_.world().now()) shell_.world().scheduler.run_until(h.at);
            break;
        }
        replay_whole(h);
        ++next_line_;
        ++replayed_;
    }
    if (t > shell_.world().now()) shell_.world().scheduler.run_until(t);
}

bool TimeTravel::is_prefix(const Shell::Saved& s) const {
    const auto& lines = recording();
    const auto& h = s.history;
    if (s.world->seed() != recording_seed() || h.size() > lines.size()) return false;
    for (std::size_t i = 0; i < h.size(); ++i)
        if (h[i].at != lines[i].at || h[i].line != lines[i].line) return false;
    return true;
}

// Kept worlds are replays of a prefix of the session; after the live session went on (or was
// reset) only those whose lines are still a prefix of it stay.
void TimeTravel::drop_stale_parked() {
    parked_.erase(std::remove_if(parked_.begin(), parked_.end(), [&](const Parked& p) { return !is_prefix(p.saved); }),
                  parked_.end());
    if (builder_ && !is_prefix(*builder_)) builder_.reset();
}

std::size_t TimeTravel::checkpoint_spacing() const {
    const std::size_t n = recording().size();
    std::size_t s = min_spacing_;
    while (max_intervals_ > 0 && (n + s - 1) / s > max_intervals_) s *= 2;
    return s;
}

std::size_t TimeTravel::checkpoints() const {
    std::size_t n = 0;
    for (const Parked& p : parked_) n += p.checkpoint ? 1 : 0;
    return n;
}

std::size_t TimeTravel::checkpoints_missing() const {
    if (max_intervals_ == 0) return 0;
    const std::size_t n = recording().size(), s = checkpoint_spacing();
    std::size_t missing = 0;
    for (std::size_t m = s; m < n; m += s)
        missing += std::none_of(parked_.begin(), parked_.end(), [&](const Parked& p) { return p.checkpoint && p.lines() == m; }) ? 1 : 0;
    return missing;
}

std::size_t TimeTravel::build_checkpoints(std::size_t max_lines) {
    // The live history grows (and `lab reset` or a resume replaces it): check the kept worlds
    // against it when it changed. In the past the recording is fixed (checked by seek()).
    if (!future_ && (shell_.history().size() != validated_lines_ || &shell_.world() != validated_world_)) {
        drop_stale_parked();
        validated_lines_ = shell_.history().size();
        validated_world_ = &shell_.world();
    }
    const std::size_t n = recording().size();
    const std::size_t s = checkpoint_spacing();
    auto on_grid = [&](std::size_t m) { return max_intervals_ > 0 && m > 0 && m % s == 0 && m < n; };
    // The history grew past K * S (S doubled) or K changed: let go of checkpoints off the grid.
    parked_.erase(std::remove_if(parked_.begin(), parked_.end(), [&](const Parked& p) { return p.checkpoint && !on_grid(p.lines()); }),
                  parked_.end());
    if (builder_ && !on_grid(builder_target_)) builder_.reset();
    if (max_intervals_ == 0) return 0;              // checkpoints off: the ones kept were let go above
    std::size_t done = 0;
    while (done < max_lines) {
        if (!builder_) {
            std::size_t target = 0;                 // the first position on the grid without its checkpoint
            for (std::size_t m = s; m < n && target == 0; m += s)
                if (std::none_of(parked_.begin(), parked_.end(), [&](const Parked& p) { return p.checkpoint && p.lines() == m; }))
                    target = m;
            if (target == 0) break;
            // Start from a world a seek left behind before it (it is not needed where it is more
            // than a checkpoint is), else from the seed.
            auto from = parked_.end();
            for (auto it = parked_.begin(); it != parked_.end(); ++it)
                if (!it->checkpoint && it->lines() < target && (from == parked_.end() || it->lines() > from->lines())) from = it;
            if (from != parked_.end()) {
                builder_ = std::move(from->saved);
                parked_.erase(from);
            } else {
                builder_ = shell_.new_world(recording_seed());
            }
            builder_target_ = target;
        }
        shell_.swap_world(*builder_);               // builder_ holds the Shell's own world (and, live, the recording)
        const std::vector<HistoryLine>& lines = future_ ? future_->lines : builder_->history;
        while (done < max_lines && shell_.history().size() < builder_target_) {
            replay_whole(lines[shell_.history().size()]);
            ++done;
        }
        shell_.swap_world(*builder_);
        if (builder_->history.size() == builder_target_) {
            const TimeMs at = builder_->world->now();
            parked_.push_back({std::move(*builder_), at, true});
            builder_.reset();
        }
    }
    return done;
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
    builder_.reset();
    future_.reset();
}

bool TimeTravel::undo() {
    if (!undo_) return false;
    const TimeMs at = undo_->at;
    future_ = std::move(undo_->recording);
    parked_ = std::move(undo_->parked);
    undo_.reset();
    builder_.reset();                               // it was building on the branch
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
