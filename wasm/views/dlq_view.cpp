// The dead-letter queue, as the SQS console's "Send and receive messages" page shows it:
// each message with its body and the attributes Lambda puts on it (RequestID, ErrorCode,
// ErrorMessage). "Poll for messages" runs the same receive-message line a learner would
// type, so the terminal echoes it, and receiving has its real effect (the messages turn
// invisible for the visibility timeout and their receive count goes up).
#include <cstdio>
#include "aws/arn.h"
#include "util/timefmt.h"
#include "views/views.h"

namespace invokelab::ui {
namespace {

// The queue to show: the learner's pick, else a function's configured DLQ, else the first queue.
const SqsQueue* pick_queue(const World& w, const std::string& wanted) {
    const auto& queues = w.sqs.queues();
    if (queues.empty()) return nullptr;
    if (auto it = queues.find(wanted); it != queues.end()) return &it->second;
    for (const auto& [name, f] : w.lambda.functions()) {
        if (f.dead_letter_target.empty()) continue;
        const auto arn = parse_arn(f.dead_letter_target);
        if (!arn || arn->service != "sqs") continue;   // an SNS topic as DLQ has no queue to show
        if (auto it = queues.find(arn->resource); it != queues.end()) return &it->second;
    }
    return &queues.begin()->second;
}

} // namespace

void draw_dlq_view(App& app) {
    const World& w = app.world();
    const TimeMs now = w.now();
    const SqsQueue* q = pick_queue(w, app.dlq.queue_name);
    if (!q) {
        ImGui::TextDisabled("%s", tr(S::DlqNone));
        return;
    }

    ImGui::SetNextItemWidth(px(220));
    if (ImGui::BeginCombo("##dlqQueue", q->name.c_str())) {
        for (const auto& [name, queue] : w.sqs.queues()) {
            if (ImGui::Selectable(name.c_str(), &queue == q)) app.dlq.queue_name = name;
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    char label[96];
    std::snprintf(label, sizeof label, "%s###dlqPoll", tr(S::DlqPoll));
    if (ImGui::Button(label)) {
        app.run("aws sqs receive-message --queue-url " + q->url +
                " --attribute-names All --message-attribute-names All --max-number-of-messages 10", Origin::Canvas);
    }
    app.note_control("dlqPoll");
    ImGui::SameLine(0, px(16));
    ImGui::Text("%s %zu · %s %zu", tr(S::DlqVisible), q->visible_count(now), tr(S::DlqInFlight), q->in_flight_count(now));
    ImGui::TextDisabled("%s", tr(S::DlqHint));

    if (q->messages.empty()) {
        ImGui::TextDisabled("%s", tr(S::DlqNoMessages));
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("##dlqMessages", 5, flags, ImGui::GetContentRegionAvail())) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("MessageId", ImGuiTableColumnFlags_None, 0.8f);
    ImGui::TableSetupColumn(tr(S::Started), ImGuiTableColumnFlags_None, 0.8f);
    ImGui::TableSetupColumn(tr(S::DlqBody), ImGuiTableColumnFlags_None, 1.4f);
    ImGui::TableSetupColumn(tr(S::DlqAttributes), ImGuiTableColumnFlags_None, 2.6f);
    ImGui::TableSetupColumn(tr(S::State), ImGuiTableColumnFlags_None, 0.7f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(q->messages.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const SqsMessage& m = q->messages[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(m.message_id.substr(0, 8).c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", m.message_id.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(clock_text(m.sent_at).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(m.body.c_str());
            if (ImGui::IsItemHovered()) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(px(480));
                ImGui::TextUnformatted(m.body.c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            ImGui::TableNextColumn();
            std::string request_id;
            for (const auto& [name, v] : m.attributes) {
                if (name == "RequestID") request_id = v.string_value;
                ImGui::TextColored(ImVec4(0.64f, 0.44f, 0.97f, 1.0f), "%s", name.c_str());
                ImGui::SameLine();
                ImGui::TextUnformatted(v.string_value.c_str());
            }
            if (m.attributes.empty()) ImGui::TextDisabled("—");
            ImGui::TableNextColumn();
            const bool visible = m.visible_at <= now;
            ImGui::TextUnformatted(visible ? tr(S::DlqVisible) : tr(S::DlqInFlight));
            ImGui::TextDisabled("×%d", m.receive_count);
            if (!request_id.empty()) {
                const bool selected = request_id == app.selected_request;
                ImGui::PushID(i);
                if (ImGui::SmallButton(selected ? "◆" : "◇")) app.selected_request = selected ? std::string() : request_id;
                ImGui::PopID();
            }
        }
    }
    ImGui::EndTable();
}

} // namespace invokelab::ui
