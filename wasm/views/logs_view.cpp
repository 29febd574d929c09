#include "views/views.h"
namespace invokelab::ui {
void draw_logs_view(App& app) { ImGui::Text("%zu", app.world().logs.groups().size()); }
}
