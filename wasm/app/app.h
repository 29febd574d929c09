// Invoke Lab canvas: the application state every view shares, with no platform in it.
//
// Index
//   Origin             who asked for a change (the page through the API, or a canvas control)
//   Notice             a callback to deliver to the page after the frame (command / ui change)
//   TimelineState      zoom, pan, follow-now of the lanes' time axis
//   LogsViewState, DlqViewState   per-view choices that survive frames
//   App                the Shell (owner of the World), clock driving, controls' rects, notices
//   draw_app()         the whole canvas: fixed time bar, lanes, tabbed views (views/*.cpp)
//
// The app drives the clock (the only thing it changes without a command): each frame,
// when playing, virtual time advances by real elapsed ms × speed via scheduler.run_until.
// Everything else that changes the simulation is a Shell command line, echoed to the page.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>
#include <imgui.h>
#include "services/logs.h"
#include "shell/shell.h"
#include "shell/time_travel.h"
#include "app/strings.h"
#include "views/time_axis.h"

namespace invokelab::ui {

enum class Origin { Page, Canvas };

struct Notice {
    enum class Kind { Command, Ui } kind;
    std::string line;                               // Command: the line run
    std::string json;                               // Command: {"stdout","stderr","exitCode"}; Ui: the ui object
};

struct TimelineState {
    double ms_per_px = 250.0;                       // zoom: virtual ms per device pixel
    double left_ms = 0.0;                           // virtual time at the left edge of the plot
    bool follow_now = true;                         // keep "now" in view while time runs
    // Where the colour legend does not fit on the toolbar line (a phone), it hides behind a
    // "Legend" checkbox (control legendToggle) instead of wrapping over the lanes' rows.
    bool legend_open = false;
    bool legend_inline = true;                      // last frame: the legend fitted on the toolbar line
    bool stick_sync = true, stick_async = true;     // rows follow the newest request (until scrolled away)
    int visible_rows = 0;                           // rows drawn in the last frame (both lanes), for the benchmark
    // The axis as drawn last frame: while following a story its long waits are breaks
    // (views/time_axis.h) and ms_per_px above is the story on one linear scale, what a pan
    // or a zoom hands back to the learner.
    TimeAxis drawn_axis;

    // Which invocation is on which lane row: built incrementally from world.lambda.invocations()
    // (acceptance order), rebuilt when the world was replaced (`lab reset`).
    std::vector<std::uint32_t> sync_rows, async_rows;
    std::size_t indexed = 0;
    std::string first_request_id;
};

struct LogsViewState {
    char filter[64] = "";                           // request id (or any part of a line)
    std::string group;                              // "" = the first group
    std::string stream;                             // "" = all streams
    // Lines matching the choices above, rebuilt only when the trace grew (every log write
    // adds a "log.line" entry) or a choice changed; pointers are valid until then.
    std::vector<FoundEvent> lines;
    const void* cached_world = nullptr;
    std::size_t cached_trace_size = 0;
    std::string cached_key;
};

struct DlqViewState {
    std::string queue_name;                         // "" = the function's DLQ or the first queue
};

// Where the flow view shows a request (views/flow_view.cpp).
enum class FlowPlace { Caller, Queue, Environment, Dlq, Destination, Done };
const char* to_string(FlowPlace place);             // "caller" | "queue" | "environment" | "dlq" | "destination" | "done"

// What the flow view drew in its last frame, in words: for tests, the benchmark, the page.
struct FlowDrawn {
    struct QueueChip { std::string request_id; int attempt = 1; TimeMs age_ms = 0; TimeMs retry_in_ms = 0; bool retry = false; };
    struct Env { std::string id; bool busy = false, cold = false; std::string request_id; };
    struct Moving { std::string request_id; FlowPlace from, to; std::string label; };
    std::vector<QueueChip> queue;                   // waiting events drawn in the internal queue, oldest first
    std::size_t queue_total = 0;                    // waiting events (some may not fit)
    std::vector<Env> envs;
    std::vector<std::string> dlq;                   // request ids resting in the DLQ box, newest last
    std::size_t dlq_total = 0, destination_total = 0, done_total = 0;
    std::vector<Moving> moving;                     // tokens between two boxes this frame
};

// The flow view's tokens: each replays its record's hops (caller -> queue -> environment ->
// queue ... -> DLQ) one after the other, each hop lasting at least kMinHopRealS of real time
// so a millisecond attempt is still seen. View state only: the simulation is not touched.
struct FlowViewState {
    static constexpr double kMinHopRealS = 0.7;
    struct Token { std::uint32_t inv = 0; int shown = 0; double started_s = 0; };
    std::vector<Token> active;                      // tokens still pending or still moving
    std::size_t scanned = 0;                        // invocations looked at so far
    const void* world = nullptr;                    // the world they belong to (reset / seek replace it)
    std::string first_request_id;
    std::size_t finished_dlq = 0, finished_dest = 0, finished_done = 0;
    std::vector<std::uint32_t> recent_dlq, recent_dest, recent_done;   // last few at rest, newest last
    double real_s = 0;                              // real seconds drawn so far (ImGui DeltaTime)
    bool reduced_motion = false;                    // prefers-reduced-motion: tokens jump
    bool shown_last_frame = false;                  // the flow tab was open (layout gives it more room)
    void forget() {                                 // a new world: tokens restart where they are (no motion)
        const bool rm = reduced_motion, shown = shown_last_frame;
        const double r = real_s;
        *this = FlowViewState{};
        reduced_motion = rm, shown_last_frame = shown, real_s = r;
    }
    FlowDrawn drawn;
};

// A piece of text a view placed where a narrow canvas may not have room for it (a 390-px phone):
// the text as drawn, its rect, and the area it must stay inside (CSS px, x0 y0 x1 y1). Tests
// (tests/wasm/views_test.cpp, tests/browser/flow.test.mjs with the page's own font) assert that
// every rect lies inside its area and that no two overlap.
struct DrawnLabel {
    std::string what;                               // "axisBreak", "zoomLine", "acceptCode", "countdown", "flowTitle", …
    std::string text;
    ImVec4 rect, area;
};

// What the metrics view drew in its last frame (views/metrics_view.cpp): per function, six
// series of kBuckets bars over [0, now] and the total shown beside each chart.
struct MetricsDrawn {
    static constexpr int kBuckets = 48;
    struct Series {
        std::string name;                           // the CloudWatch metric name
        std::vector<float> v;                       // kBuckets bars, oldest first
        double total = 0;                           // the sum (or the max for an age); the core's counter where it keeps one
        bool max_not_sum = false;
    };
    struct Function { std::string name; std::vector<Series> series; };
    double bucket_ms = 0;                           // virtual ms per bar
    std::vector<Function> functions;
};

// What the stores view drew in the last frame (tests and the page's screenshot checks read it).
struct StoresViewState {
    std::vector<std::string> rows;                  // "table|key|attributes" / "kv|key|value" per row drawn
    std::string highlighted;                        // the row of the last change ("" when none is shown)
    std::string highlight_note;                     // "UpdateItem by <request id> at +HH:MM:SS.mmm"
};

class App {
public:
    static constexpr double kMinSpeed = 0.1, kMaxSpeed = 100000.0;
    static constexpr double kMaxRealStepMs = 250.0; // a hidden tab must not release minutes at once

    explicit App(std::uint64_t seed = 1) : shell_(seed), travel_(shell_) {}

    Shell& shell() { return shell_; }
    const TimeTravel& travel() const { return travel_; }
    TimeTravel& travel() { return travel_; }         // tests and the benchmark set its checkpoints
    const World& world() const { return shell_.world(); }   // fetch every frame: `lab reset` replaces it

    // Runs one line. Canvas-origin lines run at the end of the frame (end_frame) and are
    // reported to the page (onCommand); they return an empty result here.
    CommandResult run(const std::string& line, Origin origin);
    static std::string result_json(const CommandResult& r);   // {"stdout","stderr","exitCode"}

    void advance_real_time(double real_ms);         // called once per frame by the platform loop
    void next_event(Origin origin);                 // jump to the next scheduled event and run it

    // Time travel (shell/time_travel.h): every view shows the world as it was at t. While in the
    // past, playing replays the recorded history; a command is a branch (the later history is
    // discarded, one undo keeps it).
    void seek(TimeMs t);
    void step_event(int direction);                 // -1 previous, +1 next thing that happened
    void resume_here();
    void undo_resume();
    // {"now","end","inPast","canUndo","replayed","checkpoints","checkpointsMissing","frameMs"}
    std::string travel_json() const;
    // Time travel's background work (its checkpoints), for at most `budget_ms` of wall time;
    // the platform loop calls it after each frame. Returns the lines replayed.
    std::size_t build_checkpoints(double budget_ms);
    void forget_world_caches();                     // the world was replaced: views drop what they cached
    void world_loaded() { travel_.forget(); forget_world_caches(); }   // a scenario / share link replaced it

    bool playing() const { return playing_; }
    double speed() const { return speed_; }
    void set_playing(bool playing, Origin origin);
    void set_speed(double multiplier, Origin origin);   // clamped to [kMinSpeed, kMaxSpeed]
    void set_lang(Lang lang, Origin origin);

    // Frame bookkeeping and the rects of the canvas controls, for tests that click them.
    std::uint64_t frame() const { return frame_; }
    void begin_frame(float device_pixel_ratio);
    void end_frame();
    float dpr() const { return dpr_; }
    void note_control(const char* name);            // the last ImGui item is control `name`
    void note_text_input(const char* name);         // ... and a text field (a tap opens a phone's keyboard)
    void note_rect(const char* name, ImVec2 min, ImVec2 max);   // a drawn area is control `name` (device px)
    // Text drawn at [min, max] that must stay inside [area_min, area_max] (device px).
    void note_label(const char* what, const std::string& text, ImVec2 min, ImVec2 max, ImVec2 area_min, ImVec2 area_max);
    const std::vector<DrawnLabel>& labels() const { return labels_; }   // the last frame's, CSS px
    const std::vector<std::pair<std::string, ImVec4>>& controls() const { return controls_; }  // CSS px x,y,w,h
    const std::vector<float>& text_inputs() const { return text_inputs_; }   // CSS px x y w h per field

    std::string ui_json() const;                    // {"playing","speed","lang","frame","controls"}
    std::string state_json() const;                 // World::state_json() + "ui"
    // What the page's invoke panel mirrors after a command or a seek, in state_json()'s shapes
    // but without the world's records: {"time","region","account","lambda":{"functions":[…]},
    // "iam":{…},"ui":{"playing","speed","lang","travel"}}. Its size follows the functions and
    // roles, not the requests: state_json() of a 10 000-request history is ~37 MB of JSON and
    // ~1.6 s in the page, this a few kB.
    std::string panel_json() const;
    // The platform loop's last frame: wall ms from NewFrame to the end of the draw (checkpoint
    // building after it not counted). travel_json()'s "frameMs" (the page's seek benchmark).
    void note_frame_ms(double ms) { frame_ms_ = ms; }

    std::vector<Notice> take_notices() { return std::exchange(notices_, {}); }

    TimelineState timeline;
    LogsViewState logs;
    DlqViewState dlq;
    FlowViewState flow;
    MetricsDrawn metrics;                           // set by the metrics tab when it is drawn
    StoresViewState stores;
    std::string selected_request;                   // highlighted across lanes and logs
    bool tall_tab_last_frame = false;               // flow, stores or logs was open: the lanes give the tab panel more room
    int select_tab = -1;                            // one-shot: 0 queue, 1 function, 2 DLQ, 3 logs, 4 flow, 5 metrics, 6 stores (tests, benchmark)

private:
    void ui_changed(Origin origin);

    Shell shell_;
    TimeTravel travel_;
    bool playing_ = true;
    double speed_ = 60.0;
    double carry_ms_ = 0.0;                         // fractional virtual ms not applied yet
    float dpr_ = 1.0f;
    std::uint64_t frame_ = 0;
    double frame_ms_ = 0.0;
    TimeMs first_frame_time_ = 0;                   // the clock as the learner first saw it (tests: must be 0)
    std::vector<std::pair<std::string, ImVec4>> controls_, controls_building_;
    std::vector<DrawnLabel> labels_, labels_building_;
    std::vector<float> text_inputs_, text_inputs_building_;
    std::vector<Notice> notices_;
    std::vector<std::string> deferred_;             // canvas commands waiting for the end of the frame

    CommandResult execute(const std::string& line, Origin origin);
};

// The whole canvas (views/layout.cpp).
void draw_app(App& app);

} // namespace invokelab::ui
