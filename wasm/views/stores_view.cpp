// The stores: every DynamoDB table with its items (key, then the other attributes) and the
// key-value store's keys, so a learner running the points experiment watches a duplicate
// delivery change the data (300) or not (100). The last write is highlighted with the
// operation, the request id of the Lambda attempt that made it (empty from the terminal) and
// its time; clicking it selects that request across the lanes and logs.
#include <cstdio>
#include "views/views.h"

namespace invokelab::ui {
namespace {

constexpr std::size_t kMaxCell = 160;               // characters of one cell before "…"

void append_clipped(std::string& out, const std::string& more) {
    if (out.size() < kMaxCell) out += more;
}

void value_text(const ojson& v, std::string& out, int depth) {
    if (!v.is_object() || v.size() != 1 || depth > 6) { append_clipped(out, "?"); return; }
    const std::string t = v.begin().key();
    const ojson& x = v.begin().value();
    if (t == "S" && x.is_string()) append_clipped(out, "\"" + x.get<std::string>() + "\"");
    else if (t == "N" && x.is_string()) append_clipped(out, x.get<std::string>());
    else if (t == "B" && x.is_string()) append_clipped(out, "b64:" + x.get<std::string>());
    else if (t == "BOOL" && x.is_boolean()) append_clipped(out, x.get<bool>() ? "true" : "false");
    else if (t == "NULL") append_clipped(out, "null");
    else if ((t == "SS" || t == "NS" || t == "BS") && x.is_array()) {
        append_clipped(out, "{");
        bool first = true;
        for (const auto& e : x) {
            if (!first) append_clipped(out, ", ");
            first = false;
            append_clipped(out, t == "SS" ? "\"" + e.get<std::string>() + "\"" : e.get<std::string>());
        }
        append_clipped(out, "}");
    } else if (t == "L" && x.is_array()) {
        append_clipped(out, "[");
        bool first = true;
        for (const auto& e : x) {
            if (!first) append_clipped(out, ", ");
            first = false;
            value_text(e, out, depth + 1);
        }
        append_clipped(out, "]");
    } else if (t == "M" && x.is_object()) {
        append_clipped(out, "{");
        bool first = true;
        for (const auto& [k, e] : x.items()) {
            if (!first) append_clipped(out, ", ");
            first = false;
            append_clipped(out, k + ": ");
            value_text(e, out, depth + 1);
        }
        append_clipped(out, "}");
    } else append_clipped(out, "?");
}

std::string clipped(std::string s) {
    if (s.size() > kMaxCell) {
        std::size_t cut = kMaxCell;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;   // not inside a UTF-8 character
        s = s.substr(0, cut) + "…";
    }
    return s;
}

// "id = "a", sk = 3" from a key object.
std::string key_text(const ojson& key) {
    std::string out;
    for (const auto& [k, v] : key.items()) out += (out.empty() ? "" : ", ") + k + " = " + attribute_text(v);
    return out;
}

std::string change_note(const StoreChange& c) {
    std::string note = c.operation;
    if (!c.request_id.empty()) note += " · " + short_id(c.request_id);
    return note + " · " + clock_text(c.at);
}

// One highlighted or plain row; returns true when its request id was clicked.
void row_background(bool highlighted) {
    if (highlighted) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(255, 200, 60, 70));
}

void select_request_button(App& app, const StoreChange& c, int id, bool same_line = true) {
    if (c.request_id.empty()) return;
    const bool selected = c.request_id == app.selected_request;
    ImGui::PushID(id);
    if (ImGui::SmallButton(selected ? "◆" : "◇")) app.selected_request = selected ? std::string() : c.request_id;
    ImGui::PopID();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", c.request_id.c_str());
    if (same_line) ImGui::SameLine();
}

void draw_kv_table(App& app, const std::map<std::string, const KvEntry*>& keys, ImGuiTableFlags flags, int& button_id, bool note_in_cell);
constexpr float kTableChangeShare = 1.5f / 4.5f, kKvChangeShare = 1.5f / 4.8f;   // the columns' stretch weights

float select_button_width() {
    return ImGui::CalcTextSize("◆").x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetStyle().ItemSpacing.x;
}

// The visible part of the tab (the note must be in sight, not below the fold).
void note_change(App& app, const std::string& note, float x0, float x1) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const float top = ImGui::GetWindowPos().y, bottom = top + ImGui::GetWindowHeight();
    app.note_label("storesChange", note, a, b, ImVec2(x0, top), ImVec2(x1, bottom));
}

// The "last change" cell: the request's button and, where the column has room for it on one
// line, the note beside it ("PutItem · 1184085a · +00:00:36.010"). Without that room (a
// phone) the cell keeps the button and the note is the tab's first line (changes_on_top).
void change_cell(App& app, const StoreChange& c, int& button_id, const std::string& note, bool note_here) {
    const float x0 = ImGui::GetCursorScreenPos().x, x1 = x0 + ImGui::GetContentRegionAvail().x;
    select_request_button(app, c, button_id++, note_here);
    if (!note_here) return;
    ImGui::TextColored(ImVec4(1.0f, 0.84f, 0.35f, 1.0f), "%s", note.c_str());
    note_change(app, note, x0, x1);
}

// Whether a note fits beside its button in a "last change" column of `share` of the width.
bool note_fits_in_column(const std::string& note, float share) {
    const float col = ImGui::GetContentRegionAvail().x * share - ImGui::GetStyle().CellPadding.x * 2;
    return ImGui::CalcTextSize(note.c_str()).x + select_button_width() <= col;
}

// A store's last change on a line of its own at the top of the tab: "last change: PutItem ·
// 1184085a · +00:00:36.010", wrapped if even that line is too narrow.
void change_line(App& app, const std::string& note) {
    const float x0 = ImGui::GetCursorScreenPos().x, x1 = x0 + ImGui::GetContentRegionAvail().x;
    ImGui::TextDisabled("%s:", tr(S::StoresChanged));
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(1.0f, 0.84f, 0.35f, 1.0f), "%s", note.c_str());
    ImGui::PopTextWrapPos();
    note_change(app, note, x0, x1);
}

} // namespace

std::string attribute_text(const ojson& value) {
    std::string out;
    value_text(value, out, 0);
    return clipped(out);
}

void draw_stores_view(App& app) {
    const World& w = app.world();
    StoresViewState& st = app.stores;
    st.rows.clear();
    st.highlighted.clear();
    st.highlight_note.clear();
    const auto& tables = w.dynamodb.tables();
    const auto keys = w.kv.live();
    if (tables.empty() && keys.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", tr(S::StoresEmpty));
        ImGui::PopTextWrapPos();
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_Resizable;
    int button_id = 0;

    // The last changes: in their rows' column where it has room, else first in the tab.
    const auto& ddb_change = w.dynamodb.last_change();
    const auto& kv_change = w.kv.last_change();
    const std::string ddb_note = ddb_change ? change_note(*ddb_change) : std::string();
    const std::string kv_note = kv_change ? change_note(*kv_change) : std::string();
    const bool ddb_in_cell = ddb_note.empty() || note_fits_in_column(ddb_note, kTableChangeShare);
    const bool kv_in_cell = kv_note.empty() || note_fits_in_column(kv_note, kKvChangeShare);
    if (!ddb_in_cell && !tables.empty()) change_line(app, ddb_note);
    if (!kv_in_cell && !keys.empty()) change_line(app, kv_note);

    // [SECTION] Tables
    if (!tables.empty()) { ImGui::Separator(); ImGui::TextUnformatted(tr(S::StoresTables)); }
    for (const auto& [name, t] : tables) {
        std::string key_desc = t.hash_key + (t.range_key.empty() ? "" : ", " + t.range_key);
        ImGui::Text("%s", name.c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("(%s: %s · %zu %s)", tr(S::StoresKey), key_desc.c_str(), t.items.size(), tr(t.items.size() == 1 ? S::StoresItem : S::StoresItems));
        if (t.items.empty()) {
            ImGui::TextDisabled("  %s", tr(S::StoresNoItems));
            continue;
        }
        char id[64];
        std::snprintf(id, sizeof id, "##table_%s", name.substr(0, 40).c_str());
        if (!ImGui::BeginTable(id, 3, flags)) continue;
        ImGui::TableSetupColumn(tr(S::StoresKey), ImGuiTableColumnFlags_None, 1.5f);   // "user_id = \"u-naive\"" whole on a phone
        ImGui::TableSetupColumn(tr(S::StoresAttributes), ImGuiTableColumnFlags_None, 1.5f);   // the key keeps its third (1.5 of 4.5)
        ImGui::TableSetupColumn(tr(S::StoresChanged), ImGuiTableColumnFlags_None, 1.5f);   // "PutItem · 1184085a · +00:00:36.010" beside its button at 858 px
        ImGui::TableHeadersRow();
        const std::string changed_key = ddb_change && ddb_change->table == name ? ddb_change->key : std::string();
        for (const auto& [order, item] : t.items) {
            const ojson key = t.key_of(item);
            const bool highlighted = !changed_key.empty() && key.dump() == changed_key;
            std::string attrs;
            for (const auto& [k, v] : item.items()) {
                if (k == t.hash_key || k == t.range_key) continue;
                attrs += (attrs.empty() ? "" : ", ") + k + " = " + attribute_text(v);
            }
            attrs = clipped(attrs);
            const std::string kt = key_text(key);
            ImGui::TableNextRow();
            row_background(highlighted);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(kt.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(attrs.empty() ? "—" : attrs.c_str());
            ImGui::TableNextColumn();
            const std::string row = name + "|" + kt + "|" + attrs;
            if (highlighted) {
                st.highlighted = row;
                st.highlight_note = ddb_note;
                change_cell(app, *ddb_change, button_id, ddb_note, ddb_in_cell);
            }
            st.rows.push_back(row);
        }
        ImGui::EndTable();
    }

    // [SECTION] Key-value store
    if (!keys.empty()) draw_kv_table(app, keys, flags, button_id, kv_in_cell);
    // The hint last: on a phone the rows come first and the hint may scroll.
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", tr(S::StoresHint));   // wrapped: one line ran past a phone's canvas
    ImGui::PopStyleColor();
}

namespace {

void draw_kv_table(App& app, const std::map<std::string, const KvEntry*>& keys, ImGuiTableFlags flags, int& button_id, bool note_in_cell) {
    const World& w = app.world();
    StoresViewState& st = app.stores;
    ImGui::Separator();
    ImGui::TextUnformatted(tr(S::StoresKv));
    if (!ImGui::BeginTable("##kvKeys", 4, flags)) return;   // clipped away
    ImGui::TableSetupColumn(tr(S::StoresKey), ImGuiTableColumnFlags_None, 1.0f);
    ImGui::TableSetupColumn(tr(S::StoresValue), ImGuiTableColumnFlags_None, 1.6f);
    ImGui::TableSetupColumn(tr(S::StoresTtl), ImGuiTableColumnFlags_None, 0.7f);
    ImGui::TableSetupColumn(tr(S::StoresChanged), ImGuiTableColumnFlags_None, 1.5f);
    ImGui::TableHeadersRow();
    const auto& kv_change = w.kv.last_change();
    for (const auto& [key, e] : keys) {
        std::string value;
        if (e->type == KvEntry::String) value = "\"" + e->value + "\"";
        else {
            value = "{";
            for (const auto& m : e->members) value += (value.size() > 1 ? ", " : "") + ("\"" + m + "\"");
            value += "}";
        }
        value = clipped(value);
        const bool highlighted = kv_change && kv_change->key == key;
        ImGui::TableNextRow();
        row_background(highlighted);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(key.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(value.c_str());
        ImGui::TableNextColumn();
        if (e->expires_at) ImGui::TextUnformatted(clock_text(*e->expires_at - w.now()).c_str());
        else ImGui::TextDisabled("%s", tr(S::StoresNoTtl));
        ImGui::TableNextColumn();
        const std::string row = "kv|" + key + "|" + value;
        if (highlighted) {
            st.highlighted = row;
            st.highlight_note = change_note(*kv_change);
            change_cell(app, *kv_change, button_id, st.highlight_note, note_in_cell);
        }
        st.rows.push_back(row);
    }
    ImGui::EndTable();
}

} // namespace

} // namespace invokelab::ui
