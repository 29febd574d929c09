// Invoke Lab browser app: Emscripten entry point and the frame loop.
//
// Index
//   [SECTION] Fonts and style     rebuilt when devicePixelRatio changes or glyphs arrive
//   [SECTION] Lazy glyphs         il_font_glyphs / il_font_has_glyph (web/js/fonts.js)
//   [SECTION] Frame               poll canvas size, advance the clock, draw, deliver notices
//   [SECTION] main                GLFW window + WebGL2 context, ImGui context, main loop
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include "app/app.h"
#include "app/fonts.h"
#include "imgui_impl_canvas.h"
#include "python_runner.h"
#include "web_api.h"

using namespace invokelab::ui;

namespace {

// One lazily loaded font file and the characters of it the simulation has shown so far:
// only those are baked (a whole Hangul file would be thousands of glyphs nobody sees).
struct LazyFont {
    std::string file;
    std::vector<std::uint8_t> bytes;
    std::set<unsigned short> chars;
    std::vector<unsigned short> ranges;             // chars as ImGui ranges (c, c, …, 0)
};

struct MainState {
    GLFWwindow* window = nullptr;
    std::vector<std::unique_ptr<LazyFont>> lazy;    // unique_ptr: the atlas points into bytes/ranges
    bool glyphs_added = false;                      // rebuild the atlas before the next frame
    std::unique_ptr<App> app;
    std::vector<std::uint8_t> font_bytes;           // kept: the atlas is rebuilt from them on ratio changes
    float font_dpr = 0.0f;                          // ratio the atlas was baked for
    double last_ms = 0.0;
};
MainState g;

// [SECTION] Fonts and style

void rebuild_for_ratio(float dpr) {
    AtlasFigures figures;
    const bool first = g.font_dpr == 0.0f;
    if (first) ImGui_ImplCanvas_Mark("il:atlas-start");
    std::vector<MergedGlyphs> merged;
    for (auto& f : g.lazy) {
        f->ranges.clear();
        for (unsigned short c : f->chars) { f->ranges.push_back(c); f->ranges.push_back(c); }
        f->ranges.push_back(0);
        merged.push_back({&f->bytes, &f->ranges});
    }
    load_ui_font(g.font_bytes, kFontCssPx * dpr, &figures, merged);
    g.glyphs_added = false;
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    if (first) ImGui_ImplCanvas_Mark("il:atlas-end");
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
    if (dpr != g.font_dpr || g.glyphs_added) {
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

    const bool first_frame = g.app->frame() == 0;
    g.app->begin_frame(dpr);
    ImGui::NewFrame();
    draw_app(*g.app);
    ImGui::Render();
    if (first_frame) ImGui_ImplCanvas_Mark("il:first-layout");

    const ImGuiIO& io = ImGui::GetIO();
    glViewport(0, 0, static_cast<int>(io.DisplaySize.x), static_cast<int>(io.DisplaySize.y));
    glClearColor(0.08f, 0.09f, 0.11f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (first_frame) ImGui_ImplCanvas_Mark("il:first-draw");
    g.app->end_frame();
    ImGui_ImplCanvas_TextTargets(g.app->text_inputs());

    // Callbacks run after the frame so page code they trigger (il_state, il_run) never
    // sees the world in the middle of a draw.
    for (const Notice& n : g.app->take_notices()) {
        if (n.kind == Notice::Kind::Command) ImGui_ImplCanvas_NotifyCommand(n.line, n.json);
        else ImGui_ImplCanvas_NotifyUi(n.json);
    }
    // What is left of a 60 Hz frame goes to time travel's checkpoints (replays of earlier
    // moments, so that a later seek is short), and at least 2 ms: where every frame takes
    // 10 ms or more (a slow machine, software WebGL, a large history) they were never built
    // (the fresh-clone CI run's headless Chromium: browser test "flow 5" waited 30 s for them).
    const double spent = emscripten_get_now() - now_ms;
    g.app->note_frame_ms(spent);
    g.app->build_checkpoints(spent < 8.0 ? 10.0 - spent : 2.0);
}

// UTF-8 to code points of the Basic Multilingual Plane (ImWchar is 16-bit); bad bytes skipped.
std::vector<unsigned short> bmp_code_points(const char* s) {
    std::vector<unsigned short> out;
    const auto* p = reinterpret_cast<const unsigned char*>(s);
    while (p && *p) {
        unsigned c = *p, n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 4;
        if (n == 4) { ++p; continue; }
        std::uint32_t cp = n == 0 ? c : c & (0x3F >> n);
        bool ok = true;
        for (unsigned i = 1; i <= n; ++i) {
            if ((p[i] & 0xC0) != 0x80) { ok = false; n = i - 1; break; }
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        p += n + 1;
        if (ok && cp >= 0x20 && cp <= 0xFFFF) out.push_back(static_cast<unsigned short>(cp));
    }
    return out;
}

} // namespace

// [SECTION] Lazy glyphs
// The page (web/js/fonts.js) finds characters the atlas lacks in what the simulation shows,
// fetches the font file that has them and hands it over here once (ttf/len; later calls for
// the same file pass 0). Returns how many characters are new (the atlas is rebuilt before the
// next frame), or -1 when the file was never given.
extern "C" EMSCRIPTEN_KEEPALIVE int il_font_glyphs(const char* file, const std::uint8_t* ttf, int len, const char* chars) {
    if (!file || !chars) return -1;
    LazyFont* font = nullptr;
    for (auto& f : g.lazy) if (f->file == file) font = f.get();
    if (!font) {
        if (!ttf || len <= 0) return -1;
        g.lazy.push_back(std::make_unique<LazyFont>());
        font = g.lazy.back().get();
        font->file = file;
        font->bytes.assign(ttf, ttf + len);
    }
    int added = 0;
    for (unsigned short c : bmp_code_points(chars)) added += font->chars.insert(c).second ? 1 : 0;
    if (added > 0) g.glyphs_added = true;
    return added;
}

// 1 when the baked atlas has a glyph for `code_point` (not the fallback), else 0.
extern "C" EMSCRIPTEN_KEEPALIVE int il_font_has_glyph(int code_point) {
    if (!ImGui::GetCurrentContext() || code_point <= 0 || code_point > 0xFFFF) return 0;
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (atlas->Fonts.empty() || !atlas->IsBuilt()) return 0;
    return atlas->Fonts[0]->FindGlyphNoFallback(static_cast<ImWchar>(code_point)) ? 1 : 0;
}

// [SECTION] main

// The page's language (Module.invokeLabLang, web/js/loader.js), so that the first frame, drawn
// before main() returns, is in it already. Empty when the page gave none.
EM_JS(void, il_page_lang, (char* out, int cap), {
    var l = Module['invokeLabLang'];
    stringToUTF8(typeof l === 'string' ? l : "", out, cap);
});

int main() {
    ImGui_ImplCanvas_Mark("il:main");
    if (!glfwInit()) {
        std::fprintf(stderr, "invokelab: glfwInit failed\n");
        return 1;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    ImGui_ImplCanvas_BeforeWindow();
    // The window at the canvas' own pixel size (the loader made the context at that size,
    // web/js/loader.js): another size here would reallocate the drawing buffer twice before the
    // first frame (8-23 ms of it in headless Chromium on a 2-core machine, issue 9).
    ImGui_ImplCanvas_PollSize();
    const ImGui_ImplCanvas_Data& canvas = ImGui_ImplCanvas_State();
    g.window = glfwCreateWindow(canvas.pixel_w, canvas.pixel_h, "Invoke Lab", nullptr, nullptr);
    if (!g.window) {
        std::fprintf(stderr, "invokelab: no WebGL2 context\n");
        return 1;
    }
    glfwMakeContextCurrent(g.window);
    ImGui_ImplCanvas_Mark("il:gl-context");

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
    static BrowserPythonRunner python_runner;      // deployed code runs in the page's Python runtime
    g.app->shell().set_code_runner(&python_runner);
    set_exported_app(g.app.get());
    char lang[8] = {};
    il_page_lang(lang, static_cast<int>(sizeof lang));
    if (lang[0] != '\0') il_set_lang(lang);
    ImGui_ImplCanvas_Mark("il:app");
    g.last_ms = emscripten_get_now();

    // The first frame now, in this task, rather than at the next animation frame after the
    // page's own start-up code (issue 9: that wait was 6-25 ms of the first frame on a 2-core
    // machine). The browser shows it at its next animation frame, as it would a later frame.
    frame();
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
