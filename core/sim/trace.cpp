#include "sim/trace.h"

namespace invokelab {

ojson TraceEntry::to_json() const {
    ojson j;
    j["i"] = index;
    j["t"] = time;
    j["kind"] = kind;
    if (!request_id.empty()) j["requestId"] = request_id;
    if (!detail.empty()) j["detail"] = detail;
    return j;
}

const TraceEntry& Trace::add(TimeMs time, std::string kind, std::string request_id, ojson detail) {
    TraceEntry e;
    e.index = entries_.size();
    e.time = time;
    e.kind = std::move(kind);
    e.request_id = std::move(request_id);
    e.detail = std::move(detail);
    entries_.push_back(std::move(e));
    return entries_.back();
}

std::string Trace::to_json_lines(std::size_t from) const {
    std::string out;
    for (std::size_t i = from; i < entries_.size(); ++i) {
        out += entries_[i].to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        out += '\n';
    }
    return out;
}

} // namespace invokelab
