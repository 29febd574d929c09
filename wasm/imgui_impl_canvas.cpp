#include "imgui_impl_canvas.h"
#include <emscripten.h>
#include <imgui.h>
#include <GLFW/glfw3.h>
#include <algorithm>
#include <cmath>

// [SECTION] JavaScript side

// GLFW listens to keys on the whole window and cancels Backspace/Tab: the page's terminal
// and editors would lose them. Keys go to ImGui only while the canvas has focus (it gets
// a tabindex and takes focus on click). Space is the page's play/pause key, so ImGui never
// sees it (keyboard users activate with Enter, see NewFrame). Arrow keys do not scroll the
// page while the canvas has focus.
EM_JS(void, il_canvas_install, (), {
    var c = Module['canvas'];
    if (!c) return;
    if (!c.hasAttribute('tabindex')) c.setAttribute('tabindex', '0');
    window.removeEventListener('keydown', GLFW.onKeydown, true);
    window.removeEventListener('keypress', GLFW.onKeyPress, true);
    c.addEventListener('keydown', function(e) {
        if (e.keyCode === 32) return;
        GLFW.onKeydown(e);
        if (e.keyCode >= 37 && e.keyCode <= 40) e.preventDefault();
    }, true);
    c.addEventListener('keypress', function(e) {
        if (e.charCode === 32 || e.keyCode === 32) return;
        GLFW.onKeyPress(e);
    }, true);
    c.addEventListener('mousedown', function() { if (document.activeElement !== c) c.focus({preventScroll: true}); }, true);
});

// Emscripten's setCanvasSize (called by glfwCreateWindow) strips the canvas' inline
// width/height style; the page may size the canvas that way, so keep and restore it.
EM_JS(void, il_canvas_save_style, (), {
    var c = Module['canvas'];
    if (c) Module['ilCanvasStyle'] = [c.style.width, c.style.height];
});
EM_JS(void, il_canvas_restore_style, (), {
    var c = Module['canvas'], s = Module['ilCanvasStyle'];
    if (!c || !s) return;
    if (s[0]) c.style.width = s[0];
    if (s[1]) c.style.height = s[1];
});

EM_JS(void, il_canvas_measure, (double* out), {
    var c = Module['canvas'];
    var r = c ? c.getBoundingClientRect() : {width: 0, height: 0};
    HEAPF64[out >> 3] = r.width;
    HEAPF64[(out >> 3) + 1] = r.height;
    HEAPF64[(out >> 3) + 2] = (typeof window !== 'undefined' && window.devicePixelRatio) || 1;
});

EM_JS(void, il_canvas_set_pixels, (int w, int h), {
    var c = Module['canvas'];
    if (!c) return;
    if (c.width !== w) c.width = w;
    if (c.height !== h) c.height = h;
});

EM_JS(int, il_font_length, (), {
    var f = Module['invokeLabFont'];
    return f ? f.length : 0;
});
EM_JS(void, il_font_copy, (unsigned char* dst), {
    HEAPU8.set(Module['invokeLabFont'], dst);
    Module['invokeLabFont'] = null;
});

// A User Timing mark (performance.mark) for the page's start-up breakdown (window.invokeLab.timings()).
EM_JS(void, il_canvas_mark, (const char* name), {
    if (typeof performance !== 'undefined' && performance.mark) performance.mark(UTF8ToString(name));
});

EM_JS(void, il_host_on_command, (const char* line, const char* result_json), {
    var h = globalThis['invokeLabHost'];
    if (!h || typeof h['onCommand'] !== 'function') return;
    try { h['onCommand'](UTF8ToString(line), UTF8ToString(result_json)); } catch (e) { console.error('invokeLabHost.onCommand', e); }
});
EM_JS(void, il_host_on_ui, (const char* ui_json), {
    var h = globalThis['invokeLabHost'];
    if (!h || typeof h['onUi'] !== 'function') return;
    try { h['onUi'](UTF8ToString(ui_json)); } catch (e) { console.error('invokeLabHost.onUi', e); }
});

// [SECTION] C++ side

namespace {
ImGui_ImplCanvas_Data g_canvas;
}

bool ImGui_ImplCanvas_Init(GLFWwindow*) {
    il_canvas_restore_style();
    il_canvas_install();
    ImGui::GetIO().BackendPlatformName = "imgui_impl_glfw+canvas";
    return true;
}

// Called before glfwCreateWindow (the window creation is what strips the style).
void ImGui_ImplCanvas_BeforeWindow() { il_canvas_save_style(); }

float ImGui_ImplCanvas_PollSize() {
    double m[3] = {0, 0, 1};
    il_canvas_measure(m);
    g_canvas.css_w = m[0];
    g_canvas.css_h = m[1];
    g_canvas.dpr = static_cast<float>(std::clamp(m[2], 0.5, 4.0));
    // A hidden or collapsed container gives 0: keep a 1-pixel canvas rather than an invalid one.
    g_canvas.pixel_w = std::max(1, static_cast<int>(std::lround(g_canvas.css_w * g_canvas.dpr)));
    g_canvas.pixel_h = std::max(1, static_cast<int>(std::lround(g_canvas.css_h * g_canvas.dpr)));
    il_canvas_set_pixels(g_canvas.pixel_w, g_canvas.pixel_h);
    return g_canvas.dpr;
}

void ImGui_ImplCanvas_NewFrame() {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(g_canvas.pixel_w), static_cast<float>(g_canvas.pixel_h));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
    // Headless browsers with a virtual time budget can repeat a timestamp; ImGui asserts on 0.
    if (!(io.DeltaTime > 0.0f)) io.DeltaTime = 1.0f / 1000.0f;
    io.DeltaTime = std::min(io.DeltaTime, 0.25f);
    // Space belongs to the page (play/pause), so Enter activates the focused widget.
    if (io.NavActive && io.KeysDown[GLFW_KEY_ENTER]) io.NavInputs[ImGuiNavInput_Activate] = 1.0f;
}

const ImGui_ImplCanvas_Data& ImGui_ImplCanvas_State() { return g_canvas; }

std::vector<std::uint8_t> ImGui_ImplCanvas_TakeFont() {
    const int n = il_font_length();
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(n));
    if (n > 0) il_font_copy(bytes.data());
    return bytes;
}

void ImGui_ImplCanvas_NotifyCommand(const std::string& line, const std::string& result_json) {
    il_host_on_command(line.c_str(), result_json.c_str());
}

void ImGui_ImplCanvas_Mark(const char* name) { il_canvas_mark(name); }

void ImGui_ImplCanvas_NotifyUi(const std::string& ui_json) { il_host_on_ui(ui_json.c_str()); }
