// Invoke Lab core: the virtual clock and the event scheduler.
//
// Index
//   Scheduler::Action     a move-only void() callable with an 80-byte inline buffer
//   Scheduler             ordered (time, sequence) queue of actions (TimeMs: util/time.h)
//
// Equal times run in insertion order, so every run of a scenario is reproducible.
// Inside: a binary min-heap of small (time, sequence, slot) items over a slot array that holds
// the label and the action; cancel() empties the slot and the heap item is dropped when it
// reaches the top (lazy cancellation). No allocation per event for actions that fit the
// inline buffer and labels whose argument fits the label's own 47 bytes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>
#include "util/time.h"

namespace invokelab {

class Scheduler {
public:
    // A move-only void() callable. Callables up to kInline bytes live inside it; larger ones
    // on the heap. Empty (default-constructed) actions are allowed and do nothing.
    class Action {
    public:
        static constexpr std::size_t kInline = 80;
        Action() = default;
        template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, Action>>>
        Action(F&& f) {                             // NOLINT: implicit, like std::function
            using T = std::decay_t<F>;
            if constexpr (std::is_pointer_v<T> || std::is_member_pointer_v<T>) {
                if (!f) return;
            }
            if constexpr (sizeof(T) <= kInline && alignof(T) <= alignof(std::max_align_t) &&
                          std::is_nothrow_move_constructible_v<T>) {
                ::new (static_cast<void*>(buf_)) T(std::forward<F>(f));
                ops_ = &inline_ops<T>;
            } else {
                *reinterpret_cast<T**>(buf_) = new T(std::forward<F>(f));
                ops_ = &heap_ops<T>;
            }
        }
        Action(Action&& o) noexcept : ops_(o.ops_) { if (ops_) { ops_->move(buf_, o.buf_); o.ops_ = nullptr; } }
        Action& operator=(Action&& o) noexcept {
            if (this != &o) { reset(); ops_ = o.ops_; if (ops_) { ops_->move(buf_, o.buf_); o.ops_ = nullptr; } }
            return *this;
        }
        Action(const Action&) = delete;
        Action& operator=(const Action&) = delete;
        ~Action() { reset(); }
        explicit operator bool() const { return ops_ != nullptr; }
        void operator()() { ops_->call(buf_); }
        void reset() { if (ops_) { ops_->destroy(buf_); ops_ = nullptr; } }

    private:
        struct Ops {
            void (*call)(void*);
            void (*move)(void* dst, void* src);     // move-constructs dst from src, destroys src
            void (*destroy)(void*);
        };
        template <class T> static constexpr Ops inline_ops{
            [](void* p) { (*static_cast<T*>(p))(); },
            [](void* d, void* s) { ::new (d) T(std::move(*static_cast<T*>(s))); static_cast<T*>(s)->~T(); },
            [](void* p) { static_cast<T*>(p)->~T(); }};
        template <class T> static constexpr Ops heap_ops{
            [](void* p) { (**static_cast<T**>(p))(); },
            [](void* d, void* s) { *static_cast<T**>(d) = *static_cast<T**>(s); },
            [](void* p) { delete *static_cast<T**>(p); }};
        alignas(std::max_align_t) unsigned char buf_[kInline];
        const Ops* ops_ = nullptr;
    };
    using EventId = std::uint64_t;

    // An event's label (what the queue view shows as the next event). Scheduled events name a
    // request: Label("lambda.poll ", request_id) keeps the literal prefix by pointer and a short
    // argument in place, joined only when someone reads it, so scheduling allocates nothing for
    // it. A plain text label is copied (in place when short).
    class Label {
    public:
        Label() = default;
        Label(const char* text) : Label(std::string_view(text)) {}          // NOLINT: implicit
        Label(const std::string& text) : Label(std::string_view(text)) {}   // NOLINT: implicit
        Label(std::string_view text) { set_arg(text); }                     // NOLINT: implicit
        Label(const char* literal_prefix, std::string_view arg) : prefix_(literal_prefix) { set_arg(arg); }
        // Moves copy the 64 bytes whole (a label moves twice per scheduled event: into at() and
        // into its slot); only a long label owns memory.
        Label(Label&& o) noexcept { std::memcpy(static_cast<void*>(this), static_cast<const void*>(&o), sizeof(Label)); o.long_ = nullptr; }
        Label& operator=(Label&& o) noexcept {
            if (this != &o) {
                delete long_;
                std::memcpy(static_cast<void*>(this), static_cast<const void*>(&o), sizeof(Label));
                o.long_ = nullptr;
            }
            return *this;
        }
        Label(const Label&) = delete;
        Label& operator=(const Label&) = delete;
        ~Label() { delete long_; }
        std::string str() const { return long_ ? *long_ : std::string(prefix_) + std::string(arg_, arg_len_); }
    private:
        void set_arg(std::string_view arg) {
            if (arg.size() <= sizeof arg_) { arg.copy(arg_, arg.size()); arg_len_ = static_cast<std::uint8_t>(arg.size()); }
            else long_ = new std::string(std::string(prefix_) + std::string(arg));
        }
        const char* prefix_ = "";                   // a string literal (static storage)
        std::string* long_ = nullptr;               // the whole label when the argument does not fit in arg_
        std::uint8_t arg_len_ = 0;
        char arg_[47];                              // the first arg_len_ bytes are the argument (not zeroed: only they are read)
    };
    static_assert(sizeof(Label) <= 64, "a label fits one cache line (64 bytes natively, 56 in wasm32)");

    TimeMs now() const { return now_; }

    // Schedules `action` at absolute time `at` (clamped to now: the past cannot be scheduled).
    EventId at(TimeMs at, Label label, Action action);
    EventId after(TimeMs delay, Label label, Action action) { return at(now_ + delay, std::move(label), std::move(action)); }
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
    std::size_t pending() const { return live_; }

    void reset(TimeMs start = 0);                   // drops every event; the sequence restarts at 0

private:
    struct Item {                                   // a heap entry: 24 bytes
        TimeMs time;
        std::uint64_t seq;                          // tie-breaker: equal times keep insertion order
        std::uint32_t slot;
    };
    struct Slot {
        std::uint64_t seq = 0;                      // the event it holds (checked against the heap item)
        bool live = false;                          // false once run or cancelled
        Label label;
        Action action;
    };
    // A function object, not a function: std::push_heap/pop_heap given a function pointer called
    // it out of line on every comparison (7 % of bench/core_bench (c) under perf).
    struct Later {
        bool operator()(const Item& a, const Item& b) const { return a.time != b.time ? a.time > b.time : a.seq > b.seq; }
    };

    void refuse_reentry(const char* what) const;
    void drop_dead_top() const;                     // pops cancelled items off the top (logically const)
    void pop_top() const;                           // removes heap_[0] and frees its slot

    TimeMs now_ = 0;
    bool running_ = false;
    std::uint64_t next_seq_ = 0;
    std::size_t live_ = 0;
    mutable std::vector<Item> heap_;
    mutable std::vector<Slot> slots_;
    mutable std::vector<std::uint32_t> free_;
};

} // namespace invokelab
