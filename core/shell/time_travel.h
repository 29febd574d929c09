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
// scheduler's pending actions capture them), so a world at an earlier moment exists only if
// something replayed it there. Two kinds are kept (each with its replay position):
//  - checkpoints: worlds replayed to evenly spaced line positions of the recording (every S
//    lines, S = kMinSpacing * 2^e, the smallest power that leaves at most K intervals; when
//    the history grows past K * S, S doubles and every other checkpoint is let go). They are
//    built by build_checkpoints(), which the page calls with the time left in a frame, live or
//    in the past: each is a replay of its prefix (from the seed, or from a world a seek left
//    behind that is not past it). A seek that starts from one uses it up (the world moves on),
//    and the next build_checkpoints() replays it again. So once they are built, a seek replays
//    at most S lines (~ 1/K .. 2/K of the history), whatever its target.
//  - worlds a seek leaves behind (at most kMaxParked): dragging back and forth between two
//    moments swaps worlds instead of replaying, and going back to the end is instant. Parking
//    also spares the time to free a large world in the middle of a drag.
// A seek continues from the current world or the kept world latest before its target, and
// only replays from the seed when there is none. The cost is memory: each kept world is as
// large as a world at its moment; bench/flow_bench prints the figures (time and memory for
// several K) for a 10 000-request history.
//
// `lab advance D` only runs the clock (it writes no trace entry), so a seek can stop inside it:
// the replay runs the clock to t and finishes the line (recording it in the history) once a
// later seek passes its end. Any other line is atomic: a command that runs the clock while it
// works (a synchronous invoke, `lab run`) is one step, and a seek into it lands at its end.
#pragma once
#include <algorithm>
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
    void forget() { future_.reset(); undo_.reset(); parked_.clear(); builder_.reset(); next_line_ = 0; }
    std::size_t parked_worlds() const { return parked_.size(); }   // checkpoints included

    // Checkpoints (see above): at most `k` intervals between them (0: none are built), at
    // least `min_spacing` lines apart.
    void set_checkpoints(std::size_t k, std::size_t min_spacing = kMinSpacing) { max_intervals_ = k; min_spacing_ = std::max<std::size_t>(1, min_spacing); }
    std::size_t checkpoint_limit() const { return max_intervals_; }
    // Background work: replays at most `max_lines` lines towards the missing checkpoints and
    // returns how many it replayed (0: every checkpoint is there, or none is wanted). The views
    // see nothing of it: the Shell's world is swapped back before it returns.
    std::size_t build_checkpoints(std::size_t max_lines);
    std::size_t checkpoints() const;                // checkpoints built and not used up
    std::size_t checkpoints_missing() const;        // positions on the grid still to build (0: done)
    std::size_t checkpoint_spacing() const;         // S, in lines, for the current recording

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
    struct Parked {
        Shell::Saved saved;
        TimeMs now = 0;
        bool checkpoint = false;                    // built by build_checkpoints (else left by a seek)
        std::size_t lines() const { return saved.history.size(); }
    };
    static constexpr std::size_t kMaxParked = 3;    // worlds left by seeks (checkpoints not counted)
    static constexpr std::size_t kMinSpacing = 64;  // lines between checkpoints, at least
    bool start_from(TimeMs t);                      // the world to replay forward from (true: the World was swapped)
    void drop_stale_parked();
    void forward(TimeMs t);                         // replay lines with at <= t, then the clock to t
    void replay_whole(const HistoryLine& h);        // one recorded line on the Shell's world, at its time
    const std::vector<HistoryLine>& recording() const { return future_ ? future_->lines : shell_.history(); }
    std::uint64_t recording_seed() const { return future_ ? future_->seed : shell_.world().seed(); }
    bool is_prefix(const Shell::Saved& s) const;    // s replayed a prefix of the recording

    Shell& shell_;
    std::optional<Recording> future_;               // set while showing the past
    std::size_t next_line_ = 0;                     // the next line of future_ to replay
                                                    // (a `lab advance` may be half done: the clock is inside it)
    std::size_t replayed_ = 0;
    std::vector<Parked> parked_;
    std::size_t max_intervals_ = 8;
    std::size_t min_spacing_ = kMinSpacing;
    std::optional<Shell::Saved> builder_;           // a checkpoint being built (replayed in slices)
    std::size_t builder_target_ = 0;                // the line position it is built to
    std::size_t validated_lines_ = 0;               // the live history size the kept worlds were checked against
    const World* validated_world_ = nullptr;
    struct Undo { Recording recording; TimeMs at = 0; std::vector<Parked> parked; };
    std::optional<Undo> undo_;
};

} // namespace invokelab
