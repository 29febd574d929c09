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
    if (entries_.size() >= keep_) drop_oldest();
    TraceEntry& e = entries_.emplace_back();
    e.index = size() - 1;
    e.time = time;
    e.kind = std::move(kind);
    e.request_id = std::move(request_id);
    e.detail = std::move(detail);
    return e;
}

void Trace::drop_oldest() {
    ++summarised_[entries_.front().kind];
    entries_.pop_front();
    ++first_;
}

void Trace::set_keep(std::size_t keep) {
    keep_ = keep == 0 ? 1 : keep;
    while (entries_.size() > keep_) drop_oldest();
}

ojson Trace::summary_json() const {
    ojson by_kind = ojson::object();
    for (const auto& [kind, n] : summarised_) by_kind[kind] = n;
    return ojson{{"kept", entries_.size()}, {"limit", keep_}, {"summarised", first_}, {"summarisedByKind", std::move(by_kind)}};
}

std::string Trace::to_json_lines(std::size_t from) const {
    std::string out;
    for (std::size_t i = from > first_ ? from : first_; i < size(); ++i) {
        out += at(i).to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        out += '\n';
    }
    return out;
}

} // namespace invokelab
