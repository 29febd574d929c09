#include "views/views.h"
namespace invokelab::ui {
void draw_lanes(App& app, ImVec2) { ImGui::Text("%s / %s: %zu", tr(S::SyncLane), tr(S::AsyncLane), app.world().lambda.invocations().size()); }
}
