#include "views/views.h"
namespace invokelab::ui {
void draw_dlq_view(App& app) { ImGui::Text("%zu", app.world().sqs.queues().size()); }
}
