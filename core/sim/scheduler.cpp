#include "sim/scheduler.h"

namespace invokelab {

Scheduler::EventId Scheduler::at(TimeMs t, std::string label, Action action) {
    if (t < now_) t = now_;
    const Key key{t, next_seq_++};
    queue_.emplace(key, Entry{std::move(label), std::move(action)});
    by_id_.emplace(key.seq, key);
    return key.seq;
}

bool Scheduler::cancel(EventId id) {
    auto it = by_id_.find(id);
    if (it == by_id_.end()) return false;
    queue_.erase(it->second);
    by_id_.erase(it);
    return true;
}

bool Scheduler::step() {
    if (queue_.empty()) return false;
    auto it = queue_.begin();
    const Key key = it->first;
    Action action = std::move(it->second.action);
    queue_.erase(it);
    by_id_.erase(key.seq);
    now_ = key.time;
    if (action) action();                           // may schedule more events, even at `now_`
    return true;
}

void Scheduler::run_until(TimeMs t) {
    while (!queue_.empty() && queue_.begin()->first.time <= t) step();
    if (t > now_) now_ = t;
}

std::size_t Scheduler::run_until_idle(std::size_t max_events) {
    std::size_t ran = 0;
    while (ran < max_events && step()) ++ran;
    return ran;
}

std::optional<TimeMs> Scheduler::next_event_time() const {
    if (queue_.empty()) return std::nullopt;
    return queue_.begin()->first.time;
}

std::optional<std::string> Scheduler::next_event_label() const {
    if (queue_.empty()) return std::nullopt;
    return queue_.begin()->second.label;
}

void Scheduler::reset(TimeMs start) {
    queue_.clear();
    by_id_.clear();
    now_ = start;
    next_seq_ = 0;
}

} // namespace invokelab
