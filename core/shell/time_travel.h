// Invoke Lab core: time travel over a Shell's session.
//
// Index
//   TimeTravel         seek(t) to any moment of the session, resume (discard the later history,
//                      with an undo), branch (a command run in the past), previous/next event
//
// The core is deterministic: the same seed and the same command lines, each run at the same
// virtual time, rebuild the same world byte for byte. So the past is not stored, it is
// replayed: the session (Shell::history(), every line with the clock when it ran) is the
// recording. Seeking back builds a new World of the seed and replays the lines up to t, then
// runs the clock to t; seeking forward continues the current replay (no rebuild).
//
// Checkpoints: a World cannot be copied (its services hold references to each other and the
// scheduler's pending actions capture them), so there are no snapshots. Instead the worlds a
// seek leaves behind are parked, not freed (at most kMaxParked, each with its replay
// position): a later seek continues from the current world or the parked one latest before
// its target, and only a seek before all of them replays from the seed. Dragging back and
// forth between two moments therefore swaps worlds instead of replaying, and going back to
// the end is instant. Parking also spares the time to free a large world in the middle of a
// drag. The cost is memory: each parked world is as large as a world at its moment;
// bench/flow_bench prints the figures for a 10 000-request history.
//
// `lab advance D` only runs the clock (it writes no trace entry), so a seek can stop inside it:
// the replay runs the clock to t and finishes the line (recording it in the history) once a
// later seek passes its end. Any other line is atomic: a command that runs the clock while it
// works (a synchronous invoke, `lab run`) is one step, and a seek into it lands at its end.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>
#include "shell/shell.h"

namespace invokelab {

class TimeTravel {
public:
    explicit TimeTravel(Shell& shell) : shell_(shell) {}

    // The moment every view shows (the Shell's world clock) and the end of the session.
    TimeMs now() const { return shell_.world().now(); }
    TimeMs end() const { return future_ ? future_->end : shell_.world().now(); }
    bool in_past() const { return future_.has_value(); }
    bool can_undo() const { return undo_.has_value(); }

    // Shows the world as it was at t (clamped to [0, end()]). Returns true when the World was
    // replaced (views must drop what they cached about the old one). Live and t >= now: nothing.
    bool seek(TimeMs t);
    // Keeps the present moment as the end of the session: the later history is discarded
    // (kept for one undo). Called before a command runs in the past (a branch).
    void resume();
    // Puts the discarded history back and shows the moment resume() was called at.
    bool undo();
    // The Shell's world was replaced from outside (a scenario or share link loaded): the
    // recording and the undo belong to the old one.
    void forget() { future_.reset(); undo_.reset(); parked_.clear(); next_line_ = 0; }
    std::size_t parked_worlds() const { return parked_.size(); }

    // The previous / next moment something happened (a trace entry, a command), for ←/→.
    std::optional<TimeMs> previous_event() const;
    std::optional<TimeMs> next_event() const;

    std::size_t recorded_lines() const { return future_ ? future_->lines.size() : shell_.history().size(); }
    std::size_t recording_bytes() const;            // what the recording of the later history takes
    std::size_t replayed_lines() const { return replayed_; }   // lines run by the last seek (benchmark)

private:
    struct Recording {
        std::uint64_t seed = 1;
        std::vector<HistoryLine> lines;
        TimeMs end = 0;
    };
    struct Parked { Shell::Saved saved; TimeMs now = 0; };
    static constexpr std::size_t kMaxParked = 3;
    bool start_from(TimeMs t);                      // the world to replay forward from (true: the World was swapped)
    void drop_stale_parked();
    void forward(TimeMs t);                         // replay lines with at <= t, then the clock to t

    Shell& shell_;
    std::optional<Recording> future_;               // set while showing the past
    std::size_t next_line_ = 0;                     // the next line of future_ to replay
                                                    // (a `lab advance` may be half done: the clock is inside it)
    std::size_t replayed_ = 0;
    std::vector<Parked> parked_;
    struct Undo { Recording recording; TimeMs at = 0; std::vector<Parked> parked; };
    std::optional<Undo> undo_;
};

} // namespace invokelab
