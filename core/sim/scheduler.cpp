#include "sim/scheduler.h"
#include <algorithm>
#include <stdexcept>

namespace invokelab {

// EventId: the slot index in the low 32 bits, the low 32 bits of the event's sequence above
// it, so a stale id (run, cancelled, or its slot reused) never matches a live event.
namespace {
constexpr Scheduler::EventId make_id(std::uint32_t slot, std::uint64_t seq) { return (seq << 32) | slot; }
}

void Scheduler::refuse_reentry(const char* what) const {
    if (running_)
        throw std::logic_error(std::string("Scheduler::") + what + " called from inside a running action (at t=" +
                               std::to_string(now_) + "): only the outermost caller drives the clock");
}

Scheduler::EventId Scheduler::at(TimeMs t, Label label, Action action) {
    if (t < now_) t = now_;
    std::uint32_t slot;
    if (!free_.empty()) { slot = free_.back(); free_.pop_back(); }
    else { slot = static_cast<std::uint32_t>(slots_.size()); slots_.emplace_back(); }
    const std::uint64_t seq = next_seq_++;
    Slot& s = slots_[slot];
    s.seq = seq;
    s.live = true;
    s.label = std::move(label);
    s.action = std::move(action);
    heap_.push_back(Item{t, seq, slot});
    std::push_heap(heap_.begin(), heap_.end(), Later{});
    ++live_;
    return make_id(slot, seq);
}

bool Scheduler::cancel(EventId id) {
    const auto slot = static_cast<std::uint32_t>(id & 0xFFFFFFFFu);
    if (slot >= slots_.size()) return false;
    Slot& s = slots_[slot];
    if (!s.live || make_id(slot, s.seq) != id) return false;
    s.live = false;                                 // its heap item is dropped when it reaches the top
    s.action.reset();
    s.label = Label();
    --live_;
    return true;
}

void Scheduler::pop_top() const {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    free_.push_back(heap_.back().slot);
    heap_.pop_back();
}

void Scheduler::drop_dead_top() const {
    while (!heap_.empty() && !slots_[heap_.front().slot].live) pop_top();
}

bool Scheduler::step() {
    refuse_reentry("step");
    drop_dead_top();
    if (heap_.empty()) return false;
    const Item top = heap_.front();
    Slot& s = slots_[top.slot];
    Action action = std::move(s.action);
    s.live = false;
    --live_;
    pop_top();                                      // the slot may be reused by the action below
    now_ = top.time;
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
    for (;;) {
        drop_dead_top();
        if (heap_.empty() || heap_.front().time > t) break;
        step();
    }
    if (t > now_) now_ = t;
}

std::size_t Scheduler::run_until_idle(std::size_t max_events) {
    refuse_reentry("run_until_idle");
    std::size_t ran = 0;
    while (ran < max_events && step()) ++ran;
    return ran;
}

std::optional<TimeMs> Scheduler::next_event_time() const {
    drop_dead_top();
    if (heap_.empty()) return std::nullopt;
    return heap_.front().time;
}

std::optional<std::string> Scheduler::next_event_label() const {
    drop_dead_top();
    if (heap_.empty()) return std::nullopt;
    return slots_[heap_.front().slot].label.str();
}

void Scheduler::reset(TimeMs start) {
    heap_.clear();
    slots_.clear();
    free_.clear();
    live_ = 0;
    now_ = start;
    next_seq_ = 0;
}

} // namespace invokelab
