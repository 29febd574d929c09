// Benchmark: CPU time of one canvas frame (NewFrame -> draw_app -> Render) with 10 000
// requests against the same with 100, on a 1600x900 display. The world is built through
// the Shell exactly as a learner would (async and sync invokes, `lab fail … rate 0.3`,
// a DLQ, `lab advance`), so rows hold real attempts, waits, countdowns and DLQ arrivals.
//
//   timeline_bench [--frames N] [--font PATH]
// Prints one line per (requests, tab) and the ratio; exit status is 0 whatever the times.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>
#include "app/app.h"
#include "app/fonts.h"

using namespace invokelab;
using namespace invokelab::ui;

namespace {

void must(App& app, const std::string& line) {
    const CommandResult r = app.run(line, Origin::Page);
    if (r.exit_code != 0) std::fprintf(stderr, "bench: '%s' exited %d: %s", line.c_str(), r.exit_code, r.err.c_str());
}

// `requests` invocations, one in five synchronous, spread over virtual time so that the
// last ones are still running or waiting to retry when the frames are measured.
void build_world(App& app, int requests) {
    must(app, "aws sqs create-queue --queue-name demo-dlq");
    const std::string role = app.world().lambda.functions().at("demo-lambda").role_name();   // has a seeded suffix
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

struct Figures { double median = 0, p95 = 0; int visible_rows = 0; };

Figures measure(App& app, int frames, int tab) {
    ImGuiIO& io = ImGui::GetIO();
    std::vector<double> ms;
    ms.reserve(static_cast<std::size_t>(frames));
    int visible = 0;
    // Two warm-up frames: a new ImGui window is hidden on its first frame.
    for (int f = -2; f < frames; ++f) {
        app.select_tab = tab;
        io.DisplaySize = ImVec2(1600, 900);
        io.DeltaTime = 1.0f / 60.0f;
        io.MousePos = ImVec2(800, 300);               // over the lanes: hover hit-testing is part of the cost
        const auto t0 = std::chrono::steady_clock::now();
        app.begin_frame(1.0f);
        ImGui::NewFrame();
        draw_app(app);
        ImGui::Render();
        app.end_frame();
        const auto t1 = std::chrono::steady_clock::now();
        if (f >= 0) ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        visible = app.timeline.visible_rows;
    }
    std::sort(ms.begin(), ms.end());
    Figures out;
    out.median = ms[ms.size() / 2];
    out.p95 = ms[std::min(ms.size() - 1, static_cast<std::size_t>(static_cast<double>(ms.size()) * 0.95))];
    out.visible_rows = visible;
    return out;
}

} // namespace

int main(int argc, char** argv) {
    int frames = 300;
    std::string font_path = INVOKELAB_BENCH_FONT;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--frames") frames = std::max(10, std::atoi(argv[i + 1]));
        else if (a == "--font") font_path = argv[i + 1];
    }
    std::ifstream in(font_path, std::ios::binary);
    const std::vector<std::uint8_t> font((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    AtlasFigures atlas;
    load_ui_font(font, kFontCssPx, &atlas);
    std::printf("font_bytes=%zu atlas=%dx%d glyphs=%d (%.0f px, devicePixelRatio 1)\n", font.size(), atlas.width, atlas.height,
                atlas.glyphs, kFontCssPx);
    AtlasFigures atlas2;
    load_ui_font(font, kFontCssPx * 2, &atlas2);
    std::printf("atlas_dpr2=%dx%d (%.0f px, devicePixelRatio 2)\n", atlas2.width, atlas2.height, kFontCssPx * 2);
    load_ui_font(font, kFontCssPx, nullptr);

    const char* tabs[] = {"queue", "function", "dlq", "logs"};
    double median_small = 0, median_large = 0;
    for (int requests : {100, 10000}) {
        const auto b0 = std::chrono::steady_clock::now();
        App app(1);
        app.set_playing(false, Origin::Page);        // time frozen: the figure is the views' cost alone
        build_world(app, requests);
        const double build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - b0).count();
        std::printf("requests=%zu world_build_s=%.2f trace_entries=%zu\n", app.world().lambda.invocations().size(), build_s,
                    app.world().trace.size());
        for (int tab = 0; tab < 4; ++tab) {
            const Figures f = measure(app, frames, tab);
            std::printf("frame_cpu_ms_median=%.3f frame_cpu_ms_p95=%.3f requests=%d visible_rows=%d tab=%s frames=%d\n", f.median,
                        f.p95, requests, f.visible_rows, tabs[tab], frames);
            if (tab == 0) (requests == 100 ? median_small : median_large) = f.median;
        }
    }
    std::printf("ratio_median_10000_over_100=%.2f (tab=queue)\n", median_small > 0 ? median_large / median_small : 0.0);
    ImGui::DestroyContext();
    return 0;
}
