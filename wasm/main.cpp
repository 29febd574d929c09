// Invoke Lab browser app: Emscripten entry point and the frame loop.
//
// Index
//   [SECTION] Fonts and style     rebuilt when devicePixelRatio changes
//   [SECTION] Frame               poll canvas size, advance the clock, draw, deliver notices
//   [SECTION] main                GLFW window + WebGL2 context, ImGui context, main loop
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <cstdio>
#include <memory>
#include "app/app.h"
#include "app/fonts.h"
#include "imgui_impl_canvas.h"
#include "web_api.h"

using namespace invokelab::ui;

namespace {

struct MainState {
    GLFWwindow* window = nullptr;
    std::unique_ptr<App> app;
    std::vector<std::uint8_t> font_bytes;           // kept: the atlas is rebuilt from them on ratio changes
    float font_dpr = 0.0f;                          // ratio the atlas was baked for
    double last_ms = 0.0;
};
MainState g;

// [SECTION] Fonts and style

void rebuild_for_ratio(float dpr) {
    AtlasFigures figures;
    load_ui_font(g.font_bytes, kFontCssPx * dpr, &figures);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 0.0f;
    style.FrameRounding = 3.0f;
    style.ScaleAllSizes(dpr);
    ImGui::GetStyle() = style;
    g.font_dpr = dpr;
    std::printf("invokelab: font atlas %dx%d, %d glyphs, %.1f px (devicePixelRatio %.2f)\n", figures.width, figures.height,
                figures.glyphs, kFontCssPx * dpr, dpr);
}

// [SECTION] Frame

void frame() {
    glfwPollEvents();
    const float dpr = ImGui_ImplCanvas_PollSize();
    if (dpr != g.font_dpr) {
        rebuild_for_ratio(dpr);
        // Baking the atlas (hundreds of ms for the Korean glyphs) is not time the learner
        // watched: without this the first frame jumped the clock by ~15 virtual seconds.
        g.last_ms = emscripten_get_now();
    }

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui_ImplCanvas_NewFrame();

    const double now_ms = emscripten_get_now();
    if (g.app->frame() > 0) g.app->advance_real_time(now_ms - g.last_ms);   // the first frame shows t = 0
    g.last_ms = now_ms;

    g.app->begin_frame(dpr);
    ImGui::NewFrame();
    draw_app(*g.app);
    ImGui::Render();

    const ImGuiIO& io = ImGui::GetIO();
    glViewport(0, 0, static_cast<int>(io.DisplaySize.x), static_cast<int>(io.DisplaySize.y));
    glClearColor(0.08f, 0.09f, 0.11f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    g.app->end_frame();

    // Callbacks run after the frame so page code they trigger (il_state, il_run) never
    // sees the world in the middle of a draw.
    for (const Notice& n : g.app->take_notices()) {
        if (n.kind == Notice::Kind::Command) ImGui_ImplCanvas_NotifyCommand(n.line, n.json);
        else ImGui_ImplCanvas_NotifyUi(n.json);
    }
}

} // namespace

// [SECTION] main

int main() {
    if (!glfwInit()) {
        std::fprintf(stderr, "invokelab: glfwInit failed\n");
        return 1;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    ImGui_ImplCanvas_BeforeWindow();
    g.window = glfwCreateWindow(960, 640, "Invoke Lab", nullptr, nullptr);
    if (!g.window) {
        std::fprintf(stderr, "invokelab: no WebGL2 context\n");
        return 1;
    }
    glfwMakeContextCurrent(g.window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;                       // nothing is remembered in C++ between visits
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui_ImplGlfw_InitForOpenGL(g.window, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    ImGui_ImplCanvas_Init(g.window);

    g.font_bytes = ImGui_ImplCanvas_TakeFont();
    g.app = std::make_unique<App>(1);
    set_exported_app(g.app.get());
    g.last_ms = emscripten_get_now();

    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
