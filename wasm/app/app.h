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
#include "app/strings.h"

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
    bool stick_sync = true, stick_async = true;     // rows follow the newest request (until scrolled away)
    int visible_rows = 0;                           // rows drawn in the last frame (both lanes), for the benchmark

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

class App {
public:
    static constexpr double kMinSpeed = 0.1, kMaxSpeed = 100000.0;
    static constexpr double kMaxRealStepMs = 250.0; // a hidden tab must not release minutes at once

    explicit App(std::uint64_t seed = 1) : shell_(seed) {}

    Shell& shell() { return shell_; }
    const World& world() const { return shell_.world(); }   // fetch every frame: `lab reset` replaces it

    // Runs one line. Canvas-origin lines run at the end of the frame (end_frame) and are
    // reported to the page (onCommand); they return an empty result here.
    CommandResult run(const std::string& line, Origin origin);
    static std::string result_json(const CommandResult& r);   // {"stdout","stderr","exitCode"}

    void advance_real_time(double real_ms);         // called once per frame by the platform loop
    void next_event(Origin origin);                 // jump to the next scheduled event and run it

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
    const std::vector<std::pair<std::string, ImVec4>>& controls() const { return controls_; }  // CSS px x,y,w,h

    std::string ui_json() const;                    // {"playing","speed","lang","frame","controls"}
    std::string state_json() const;                 // World::state_json() + "ui"

    std::vector<Notice> take_notices() { return std::exchange(notices_, {}); }

    TimelineState timeline;
    LogsViewState logs;
    DlqViewState dlq;
    std::string selected_request;                   // highlighted across lanes and logs
    int select_tab = -1;                            // one-shot: 0 queue, 1 function, 2 DLQ, 3 logs (tests, benchmark)

private:
    void ui_changed(Origin origin);

    Shell shell_;
    bool playing_ = true;
    double speed_ = 60.0;
    double carry_ms_ = 0.0;                         // fractional virtual ms not applied yet
    float dpr_ = 1.0f;
    std::uint64_t frame_ = 0;
    TimeMs first_frame_time_ = 0;                   // the clock as the learner first saw it (tests: must be 0)
    std::vector<std::pair<std::string, ImVec4>> controls_, controls_building_;
    std::vector<Notice> notices_;
    std::vector<std::string> deferred_;             // canvas commands waiting for the end of the frame

    CommandResult execute(const std::string& line, Origin origin);
};

// The whole canvas (views/layout.cpp).
void draw_app(App& app);

} // namespace invokelab::ui
