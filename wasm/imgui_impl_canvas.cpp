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
//
// Touches: Emscripten's GLFW pressed the button on touchstart without moving the cursor
// there (its calculateMouseEvent skips touch events), so each tap first clicked where the
// previous tap had been, held for as long as the finger was down (tap Play, then the legend:
// Play was pressed again). GLFW no longer hears touches; a tap reaches it as the mouse
// events the browser sends after touchend, at the tapped point, and a finger's drag scrolls
// the page.
//
// A phone shows its keyboard for an editable element focused during a tap, never for a
// canvas. So a tap on one of the canvas' text fields (the rectangles the app last drew,
// ImGui_ImplCanvas_TextTargets) focuses a transparent textarea laid over that field, in the
// tap's own click handler (iOS opens the keyboard only there). What is typed into it goes to
// ImGui as characters (il_ime_text); Backspace, Enter, Escape and the arrows as keys. The
// mouse keeps the canvas' focus as before, so desktop typing is unchanged.
// Its text is 16 px (iOS zooms the page into a focused field with smaller text), and a Korean
// syllable goes to ImGui once it is composed (compositionend).
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
    c.removeEventListener('touchstart', GLFW.onMouseButtonDown, true);
    c.removeEventListener('touchend', GLFW.onMouseButtonUp, true);
    c.removeEventListener('touchcancel', GLFW.onMouseButtonUp, true);
    c.removeEventListener('touchmove', GLFW.onMousemove, true);

    var ime = document.createElement('textarea');
    ime.id = 'il-canvas-ime';
    ime.tabIndex = -1;
    ime.setAttribute('aria-hidden', 'true');
    ['autocapitalize', 'autocomplete', 'autocorrect'].forEach(function(a) { ime.setAttribute(a, 'off'); });
    ime.spellcheck = false;
    ime.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0;border:0;padding:0;margin:0;' +
                        'resize:none;overflow:hidden;font-size:16px;pointer-events:none;caret-color:transparent;';
    document.body.appendChild(ime);
    var touch = false;
    c.addEventListener('pointerdown', function(e) { touch = e.pointerType === 'touch' || e.pointerType === 'pen'; }, true);
    c.addEventListener('click', function(e) {
        if (!touch) return;
        var r = c.getBoundingClientRect(), x = e.clientX - r.left, y = e.clientY - r.top, t = Module['ilTextTargets'] || [];
        for (var i = 0; i + 3 < t.length; i += 4) {
            if (x < t[i] || y < t[i + 1] || x > t[i] + t[i + 2] || y > t[i + 1] + t[i + 3]) continue;
            ime.style.left = (r.left + t[i]) + 'px';
            ime.style.top = (r.top + t[i + 1]) + 'px';
            ime.style.width = t[i + 2] + 'px';
            ime.style.height = t[i + 3] + 'px';
            ime.value = "";
            ime.focus({preventScroll: true});
            return;
        }
    }, true);
    var send = function() {
        var v = ime.value;
        ime.value = "";
        if (v) Module['ccall']('il_ime_text', null, ['string'], [v]);
    };
    ime.addEventListener('input', function(e) { if (!e.isComposing) send(); });
    ime.addEventListener('compositionend', send);
    var keys = {8: 1, 9: 1, 13: 1, 27: 1, 35: 1, 36: 1, 37: 1, 38: 1, 39: 1, 40: 1, 46: 1};
    ime.addEventListener('keydown', function(e) {
        if (e.isComposing || !keys[e.keyCode]) return;
        GLFW.onKeydown(e);
        e.preventDefault();
    });
    ime.addEventListener('keyup', function(e) { if (keys[e.keyCode]) GLFW.onKeyup(e); });
    Module['ilIme'] = ime;
});

// The text fields a tap may focus (CSS px, x y w h each, from the canvas' top left).
EM_JS(void, il_canvas_text_targets, (const float* xywh, int n), {
    Module['ilTextTargets'] = Array.from(HEAPF32.subarray(xywh >> 2, (xywh >> 2) + n));
});

// ImGui let go of its text field (Enter, a tap elsewhere): hide the phone's keyboard.
EM_JS(void, il_canvas_ime_release, (), {
    var ime = Module['ilIme'], c = Module['canvas'];
    if (ime && document.activeElement === ime) { ime.blur(); if (c) c.focus({preventScroll: true}); }
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
std::vector<float> g_text_targets;                  // as last sent to the page
bool g_wanted_text = false;
}

// Text typed into the page's textarea over a canvas field (a phone's keyboard).
extern "C" EMSCRIPTEN_KEEPALIVE void il_ime_text(const char* utf8) {
    if (ImGui::GetCurrentContext() && utf8) ImGui::GetIO().AddInputCharactersUTF8(utf8);
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
    if (g_wanted_text && !io.WantTextInput) il_canvas_ime_release();
    g_wanted_text = io.WantTextInput;
}

void ImGui_ImplCanvas_TextTargets(const std::vector<float>& xywh) {
    if (xywh == g_text_targets) return;
    g_text_targets = xywh;
    il_canvas_text_targets(g_text_targets.data(), static_cast<int>(g_text_targets.size()));
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
