// Invoke Lab core: the virtual clock and the event scheduler.
//
// Index
//   Scheduler             ordered (time, sequence) queue of actions (TimeMs: util/time.h)
//
// Equal times run in insertion order, so every run of a scenario is reproducible.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include "util/time.h"

namespace invokelab {

class Scheduler {
public:
    using Action = std::function<void()>;
    using EventId = std::uint64_t;

    TimeMs now() const { return now_; }

    // Schedules `action` at absolute time `at` (clamped to now: the past cannot be scheduled).
    EventId at(TimeMs at, std::string label, Action action);
    EventId after(TimeMs delay, std::string label, Action action) { return at(now_ + delay, std::move(label), std::move(action)); }
    bool cancel(EventId id);                        // false when already run or unknown

    // Driving the clock. Only the outermost caller (the Shell, the app, a test) drives it: an
    // action that calls step()/run_until()/run_until_idle() gets std::logic_error, because a
    // nested loop would run later events inside an earlier one and break (time, sequence) order.
    bool step();                                    // runs the earliest event; false when idle
    void run_until(TimeMs t);                       // runs every event with time <= t, then now = t
    std::size_t run_until_idle(std::size_t max_events = 10'000'000); // returns how many ran
    bool running() const { return running_; }       // true while an action runs
    std::optional<TimeMs> next_event_time() const;
    std::optional<std::string> next_event_label() const;
    std::size_t pending() const { return queue_.size(); }

    void reset(TimeMs start = 0);                   // drops every event; the sequence restarts at 0

private:
    struct Key {
        TimeMs time;
        std::uint64_t seq;                          // tie-breaker: equal times keep insertion order
        bool operator<(const Key& o) const { return time != o.time ? time < o.time : seq < o.seq; }
    };
    struct Entry { std::string label; Action action; };

    void refuse_reentry(const char* what) const;

    TimeMs now_ = 0;
    bool running_ = false;
    std::uint64_t next_seq_ = 0;
    std::map<Key, Entry> queue_;
    std::map<EventId, Key> by_id_;
};

} // namespace invokelab
