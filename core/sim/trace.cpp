#include "sim/trace.h"
#include <cstring>

namespace invokelab {

// [SECTION] TraceDetail

void TraceDetail::add_key(std::string_view key, Type type) {
    // Keys are the writers' own short literals ("function", "messageId" …).
    flat_ += static_cast<char>(static_cast<unsigned char>(key.size() > 255 ? 255 : key.size()));
    flat_.append(key.data(), key.size() > 255 ? 255 : key.size());
    flat_ += static_cast<char>(type);
}

TraceDetail& TraceDetail::add_string(std::string_view key, std::string_view value) {
    add_key(key, kString);
    const auto n = static_cast<std::uint32_t>(value.size());
    flat_.append(reinterpret_cast<const char*>(&n), sizeof n);
    flat_.append(value.data(), value.size());
    return *this;
}

TraceDetail& TraceDetail::add_bool(std::string_view key, bool value) {
    add_key(key, kBool);
    flat_ += value ? '\1' : '\0';
    return *this;
}

TraceDetail& TraceDetail::add_number(std::string_view key, Type type, std::uint64_t bits) {
    add_key(key, type);
    flat_.append(reinterpret_cast<const char*>(&bits), sizeof bits);
    return *this;
}

namespace {

// Walks the flat members in order: f(key, type, value bytes).
template <class F>
void for_each_member(const std::string& flat, F&& f) {
    std::size_t i = 0;
    while (i < flat.size()) {
        const std::size_t key_len = static_cast<unsigned char>(flat[i]);
        const std::string_view key(flat.data() + i + 1, key_len);
        i += 1 + key_len;
        const char type = flat[i++];
        std::size_t len = 0;
        if (type == 's') {
            std::uint32_t n = 0;
            std::memcpy(&n, flat.data() + i, sizeof n);
            i += sizeof n;
            len = n;
        } else {
            len = type == 'b' ? 1 : 8;
        }
        if (!f(key, type, std::string_view(flat.data() + i, len))) return;
        i += len;
    }
}

ojson member_value(char type, std::string_view bytes) {
    switch (type) {
    case 's': return ojson(std::string(bytes));
    case 'b': return ojson(bytes[0] != 0);
    default: {
        std::uint64_t bits = 0;
        std::memcpy(&bits, bytes.data(), sizeof bits);
        if (type == 'u') return ojson(bits);
        return ojson(static_cast<std::int64_t>(bits));
    }
    }
}

} // namespace

ojson TraceDetail::json() const {
    if (flat_.empty()) return json_.is_null() ? ojson::object() : json_;
    ojson j(ojson::value_t::object);
    auto& members = j.get_ref<ojson::object_t&>();
    for_each_member(flat_, [&](std::string_view key, char type, std::string_view bytes) {
        members.emplace_back(std::string(key), member_value(type, bytes));
        return true;
    });
    return j;
}

ojson TraceDetail::operator[](std::string_view key) const {
    if (flat_.empty()) {
        if (!json_.is_object()) return ojson();
        const auto it = json_.find(std::string(key));
        return it == json_.end() ? ojson() : *it;
    }
    ojson out;
    for_each_member(flat_, [&](std::string_view k, char type, std::string_view bytes) {
        if (k != key) return true;
        out = member_value(type, bytes);
        return false;
    });
    return out;
}

std::string TraceDetail::value(std::string_view key, const std::string& fallback) const {
    const ojson v = (*this)[key];
    return v.is_string() ? v.get<std::string>() : fallback;
}

// [SECTION] TraceEntry, Trace

ojson TraceEntry::to_json() const {
    ojson j;
    j["i"] = index;
    j["t"] = time;
    j["kind"] = kind;
    if (!request_id.empty()) j["requestId"] = request_id;
    if (!detail.empty()) j["detail"] = detail.json();
    return j;
}

namespace {
bool points_into(std::string_view view, const std::string& s) {
    return !view.empty() && view.data() >= s.data() && view.data() <= s.data() + s.size();
}
} // namespace

const TraceEntry& Trace::add(TimeMs time, std::string_view kind, std::string_view request_id, TraceDetail detail) {
    if (entries_.size() >= keep_) {
        const TraceEntry& oldest = entries_.front();
        // The oldest entry's strings hold the new entry's texts (their buffers are reused), unless
        // the texts are read from that entry itself.
        if (entries_.size() == keep_ && !points_into(kind, oldest.kind) && !points_into(request_id, oldest.request_id) &&
            !points_into(kind, oldest.request_id) && !points_into(request_id, oldest.kind)) {
            TraceEntry recycled = std::move(entries_.front());
            ++summarised_[recycled.kind];
            entries_.pop_front();
            ++first_;
            entries_.push_back(std::move(recycled));
        } else {
            const std::string k(kind), r(request_id);
            while (entries_.size() >= keep_) drop_oldest();
            return add(time, k, r, std::move(detail));
        }
    } else {
        entries_.emplace_back();
    }
    TraceEntry& e = entries_.back();
    e.index = size() - 1;
    e.time = time;
    e.kind.assign(kind.data(), kind.size());
    e.request_id.assign(request_id.data(), request_id.size());
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
