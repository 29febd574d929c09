// Invoke Lab: the HTML-canvas half of the platform backend (GLFW does input, this does the page).
//
// Index
//   ImGui_ImplCanvas_BeforeWindow  remember the page's inline canvas size (window creation strips it)
//   ImGui_ImplCanvas_Init          keyboard only while the canvas has focus; keep the page's canvas CSS
//   ImGui_ImplCanvas_PollSize      canvas pixels = CSS size × devicePixelRatio; returns the ratio
//   ImGui_ImplCanvas_NewFrame      after ImGui_ImplGlfw_NewFrame: display size, DeltaTime, Enter = activate
//   ImGui_ImplCanvas_TakeFont      the UI font bytes fetched by pre.js before main()
//   ImGui_ImplCanvas_NotifyCommand / NotifyUi   globalThis.invokeLabHost callbacks
//   ImGui_ImplCanvas_Mark          performance.mark(name): the start-up phases the page reports
//   ImGui_ImplCanvas_TextTargets   the canvas' text fields (CSS px): a tap there opens a phone's keyboard
//
// ImGui works in device pixels here (FramebufferScale 1): Emscripten's GLFW already scales
// mouse positions by canvas.width / CSS width, so only fonts and style sizes need the ratio.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

struct GLFWwindow;

struct ImGui_ImplCanvas_Data {
    double css_w = 0, css_h = 0;                    // canvas size in CSS pixels (getBoundingClientRect)
    float dpr = 1.0f;                               // window.devicePixelRatio
    int pixel_w = 0, pixel_h = 0;                   // canvas.width / canvas.height as set by us
};

void  ImGui_ImplCanvas_BeforeWindow();             // call before glfwCreateWindow
bool  ImGui_ImplCanvas_Init(GLFWwindow* window);
float ImGui_ImplCanvas_PollSize();
void  ImGui_ImplCanvas_NewFrame();
const ImGui_ImplCanvas_Data& ImGui_ImplCanvas_State();
std::vector<std::uint8_t> ImGui_ImplCanvas_TakeFont();
void  ImGui_ImplCanvas_NotifyCommand(const std::string& line, const std::string& result_json);
void  ImGui_ImplCanvas_NotifyUi(const std::string& ui_json);
void  ImGui_ImplCanvas_Mark(const char* name);
void  ImGui_ImplCanvas_TextTargets(const std::vector<float>& xywh);   // x y w h per field, after each frame
