#include "views/views.h"
namespace invokelab::ui {
void draw_function_view(App& app) { for (const auto& [name, f] : app.world().lambda.functions()) ImGui::Text("%s %s", tr(S::TabFunction), name.c_str()); }
}
