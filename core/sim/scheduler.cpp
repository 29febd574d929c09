#include "sim/scheduler.h"
#include <stdexcept>

namespace invokelab {

void Scheduler::refuse_reentry(const char* what) const {
    if (running_)
        throw std::logic_error(std::string("Scheduler::") + what + " called from inside a running action (at t=" +
                               std::to_string(now_) + "): only the outermost caller drives the clock");
}

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
    refuse_reentry("step");
    if (queue_.empty()) return false;
    auto it = queue_.begin();
    const Key key = it->first;
    Action action = std::move(it->second.action);
    queue_.erase(it);
    by_id_.erase(key.seq);
    now_ = key.time;
    struct Running {                                // cleared even when the action throws
        bool& flag;
        explicit Running(bool& f) : flag(f) { flag = true; }
        ~Running() { flag = false; }
    } guard(running_);
    if (action) action();                           // may schedule more events, even at `now_`
    return true;
}

void Scheduler::run_until(TimeMs t) {
    refuse_reentry("run_until");
    while (!queue_.empty() && queue_.begin()->first.time <= t) step();
    if (t > now_) now_ = t;
}

std::size_t Scheduler::run_until_idle(std::size_t max_events) {
    refuse_reentry("run_until_idle");
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
