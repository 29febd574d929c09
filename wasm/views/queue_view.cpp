#include "views/views.h"
namespace invokelab::ui {
void draw_queue_view(App& app) { ImGui::Text("%zu", app.world().scheduler.pending()); }
}
