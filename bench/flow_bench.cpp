// Benchmark: the flow view and time travel (issue 11). Prints figures; never fails on time.
//   1. CPU time of one canvas frame with the flow tab open (NewFrame -> draw_app -> Render),
//      with 100 and 10 000 requests, built through the Shell as timeline_bench builds them.
//   2. Time travel in the 10 000-request history: seek back to t = 0 (a fresh world) and
//      forward again to the end (every recorded line replayed), then to the middle from the
//      end (back: a replay from the start) and on to the end (forward: incremental); whether
//      the world at the end is byte-identical to the one before seeking; the memory the
//      recording (the lines and their times) takes. For each checkpoint limit K (time
//      travel's evenly spaced kept worlds, shell/time_travel.h): the lines and time to build
//      them and the memory they take, then a series of seeks, each with its time and the lines
//      it replayed, and the refill of the checkpoint it used up (the page does that after frames).
//
//   flow_bench [--frames N] [--font PATH] [--checkpoints 0,8,16]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <malloc.h>
#include <iterator>
#include <string>
#include <vector>
#include "app/app.h"
#include "app/fonts.h"

using namespace invokelab;
using namespace invokelab::ui;

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

void must(App& app, const std::string& line) {
    const CommandResult r = app.run(line, Origin::Page);
    if (r.exit_code != 0) std::fprintf(stderr, "bench: '%s' exited %d: %s", line.c_str(), r.exit_code, r.err.c_str());
}

// As timeline_bench: a DLQ, 30 % failures, one call in five synchronous, 3 s between batches of 20.
void build_world(App& app, int requests) {
    must(app, "aws sqs create-queue --queue-name demo-dlq");
    const std::string role = app.world().lambda.functions().at("demo-lambda").role_name();
    must(app, "aws iam attach-role-policy --role-name " + role + " --policy-arn arn:aws:iam::aws:policy/AmazonSQSFullAccess");
    must(app, "aws lambda update-function-configuration --function-name demo-lambda "
              "--dead-letter-config TargetArn=arn:aws:sqs:ap-northeast-2:123456789012:demo-dlq");
    must(app, "lab fail demo-lambda rate 0.3");
    for (int i = 0; i < requests; ++i) {
        const bool sync = i % 5 == 4;
        app.run(std::string("aws lambda invoke --function-name demo-lambda") + (sync ? "" : " --invocation-type Event") +
                    " --cli-binary-format raw-in-base64-out --payload '{\"n\": " + std::to_string(i) + "}' /tmp/invokelab-bench-out.json",
                Origin::Page);
        if (i % 20 == 19) must(app, "lab advance 3s");
    }
    must(app, "lab advance 90s");
}

struct Figures { double median = 0, p95 = 0; };

Figures measure(App& app, int frames) {
    ImGuiIO& io = ImGui::GetIO();
    std::vector<double> ms;
    for (int f = -2; f < frames; ++f) {
        app.select_tab = 4;                         // the flow view
        io.DisplaySize = ImVec2(1600, 900);
        io.DeltaTime = 1.0f / 60.0f;
        io.MousePos = ImVec2(800, 700);             // over the flow view: hover hit-testing is part of the cost
        const auto t0 = Clock::now();
        app.begin_frame(1.0f);
        ImGui::NewFrame();
        draw_app(app);
        ImGui::Render();
        app.end_frame();
        if (f >= 0) ms.push_back(ms_since(t0));
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, static_cast<std::size_t>(static_cast<double>(ms.size()) * 0.95))]};
}

#ifdef __EMSCRIPTEN__
double heap_mb() { return static_cast<double>(mallinfo().uordblks) / 1048576.0; }    // emscripten's dlmalloc: bytes in use
#else
double heap_mb() { return static_cast<double>(mallinfo2().uordblks) / 1048576.0; }   // glibc: bytes in use
#endif

std::string snapshot(const App& app) { return app.world().state_json().dump() + app.world().trace.to_json_lines(); }

} // namespace

int main(int argc, char** argv) {
    int frames = 300;
    std::string font_path = INVOKELAB_BENCH_FONT;
    std::vector<std::size_t> checkpoint_limits = {0, 8, 16};
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--frames") frames = std::max(10, std::atoi(argv[i + 1]));
        else if (a == "--font") font_path = argv[i + 1];
        else if (a == "--checkpoints") {        // K values, comma-separated (0: none)
            checkpoint_limits.clear();
            for (const char* p = argv[i + 1]; *p;) {
                char* e = nullptr;
                checkpoint_limits.push_back(std::strtoul(p, &e, 10));
                p = *e == ',' ? e + 1 : e;
                if (e == p && *e) break;
            }
        }
    }
    std::ifstream in(font_path, std::ios::binary);
    const std::vector<std::uint8_t> font((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    load_ui_font(font, kFontCssPx, nullptr);

    for (int requests : {100, 10000}) {
        const double heap0 = heap_mb();
        App app(1);
        app.set_playing(false, Origin::Page);
        build_world(app, requests);
        const double world_mb = heap_mb() - heap0;
        // Tokens still travelling are part of the picture: measure with motion on.
        const Figures f = measure(app, frames);
        std::printf("flow_frame_cpu_ms_median=%.3f flow_frame_cpu_ms_p95=%.3f requests=%d queue_drawn=%zu queue_total=%zu "
                    "environments=%zu dlq_total=%zu frames=%d\n",
                    f.median, f.p95, requests, app.flow.drawn.queue.size(), app.flow.drawn.queue_total, app.flow.drawn.envs.size(),
                    app.flow.drawn.dlq_total, frames);
        if (requests != 10000) continue;

        const std::string before = snapshot(app);
        const TimeMs end = app.world().now();
        const std::size_t lines = app.travel().recorded_lines();
        std::printf("seek_history_lines=%zu end_ms=%lld trace_entries=%zu world_heap_mb=%.1f\n", lines, static_cast<long long>(end),
                    app.world().trace.size(), world_mb);
        bool all_identical = true;
        for (const std::size_t k : checkpoint_limits) {
            // Checkpoints as the page builds them (after frames), timed whole here.
            app.travel().set_checkpoints(k);
            const double heap_before = heap_mb();
            auto t0 = Clock::now();
            std::size_t built = 0;
            for (std::size_t n; (n = app.travel().build_checkpoints(1 << 20)) > 0;) built += n;
            std::printf("\ncheckpoints K=%zu: spacing=%zu lines, built=%zu, build_lines=%zu, build_ms=%.1f, checkpoint_heap_mb=%.1f\n", k,
                        k ? app.travel().checkpoint_spacing() : 0, app.travel().checkpoints(), built, ms_since(t0), heap_mb() - heap_before);
            double worst = 0;
            std::size_t worst_lines = 0;
            auto timed = [&](const char* what, TimeMs t) {
                const auto s0 = Clock::now();
                app.seek(t);
                const double ms = ms_since(s0);
                worst = std::max(worst, ms);
                worst_lines = std::max(worst_lines, app.travel().replayed_lines());
                std::printf("  seek_ms=%7.1f lines_replayed=%5zu  %s", ms, app.travel().replayed_lines(), what);
                // The page's idle time between seeks: the used-up checkpoint is replayed again.
                const auto r0 = Clock::now();
                std::size_t refill = 0;
                for (std::size_t n; (n = app.travel().build_checkpoints(1 << 20)) > 0;) refill += n;
                std::printf("  (then refill %zu lines in %.1f ms; kept worlds %zu)\n", refill, ms_since(r0), app.travel().parked_worlds());
            };
            timed("end -> 0", 0);
            timed("0 -> end", end);
            const bool identical = !app.travel().in_past() && snapshot(app) == before;
            timed("end -> 1/2", end / 2);
            timed("1/2 -> 3/4", end / 4 * 3);
            timed("3/4 -> 1/4", end / 4);
            timed("1/4 -> 0.6", end / 10 * 6);
            timed("0.6 -> 0.55", end / 20 * 11);
            timed("0.55 -> 0.1", end / 10);
            timed("0.1 -> end", end);
            std::printf("  worst_seek_ms=%.1f worst_lines_replayed=%zu identical_after_replay=%s heap_in_use_mb=%.1f (one live world: %.1f)\n",
                        worst, worst_lines, identical ? "yes" : "NO", heap_mb() - heap0, world_mb);
            all_identical = all_identical && identical;
            app.world_loaded();                     // drop every kept world before the next K
        }
        std::printf("identical_after_replay=%s recording_bytes=%zu\n", all_identical ? "yes" : "NO", app.travel().recording_bytes());
        // Without parking, every backward seek also frees the world it leaves.
        const auto t0 = Clock::now();
        app.run("lab reset", Origin::Page);
        std::printf("free_world_ms=%.1f (lab reset of the 10 000-request world)\n", ms_since(t0));
    }
    ImGui::DestroyContext();
    return 0;
}
