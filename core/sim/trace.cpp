#include "sim/trace.h"
#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace invokelab {

// [SECTION] TraceDetail

namespace {
template <class F>
void for_each_raw_member(std::string_view flat, F&& f);

// The bytes a TraceText ('p': a std::string pointer) or TraceView ('v' or 'r': pointer, 4-byte length) member
// refers to: for 'r', a rendered view's stored form (render_into gives its text).
std::string_view referred_text(char type, std::string_view value) {
    if (type == 'p') {
        const std::string* text = nullptr;
        std::memcpy(&text, value.data(), sizeof text);
        return *text;
    }
    const char* data = nullptr;
    std::uint32_t n = 0;
    std::memcpy(&data, value.data(), sizeof data);
    std::memcpy(&n, value.data() + sizeof data, sizeof n);
    return std::string_view(data, n);
}
}

void TraceDetail::assign(std::string_view bytes) {
    // A trace entry's TraceText and TraceView members point at bytes its trace keeps or views: a
    // copy holds the text.
    bool refs = false;
    for_each_raw_member(bytes, [&](std::string_view, char type, std::string_view) {
        return !(refs = type == kText || type == kView || type == kRendered);
    });
    if (!refs) return assign_plain(bytes);
    std::string plain;
    plain.reserve(bytes.size() + 64);
    for_each_raw_member(bytes, [&](std::string_view key, char type, std::string_view value) {
        plain += static_cast<char>(static_cast<unsigned char>(key.size()));
        plain += key;
        if (type == kText || type == kView || type == kRendered) {
            std::string rendered;
            if (type == kRendered) render_into(rendered, referred_text(type, value));
            const std::string_view text = type == kRendered ? std::string_view(rendered) : referred_text(type, value);
            const auto n = static_cast<std::uint32_t>(text.size());
            plain += static_cast<char>(kString);
            plain.append(reinterpret_cast<const char*>(&n), sizeof n);
            plain += text;
        } else {
            plain += type;
            if (type == kString) {
                const auto n = static_cast<std::uint32_t>(value.size());
                plain.append(reinterpret_cast<const char*>(&n), sizeof n);
            }
            plain += value;
        }
        return true;
    });
    assign_plain(plain);
}

void render_into(std::string& out, std::string_view stored) {
    TraceRender render = nullptr;
    if (stored.size() < sizeof render) return;
    std::memcpy(&render, stored.data(), sizeof render);
    render(out, stored.substr(sizeof render));
}

void TraceDetail::assign_plain(std::string_view bytes) {
    if (cap_ > 0 && bytes.size() <= cap_) {         // fits the buffer it owns (bytes may be its own)
        std::memmove(const_cast<char*>(data_), bytes.data(), bytes.size());
        len_ = static_cast<std::uint32_t>(bytes.size());
        return;
    }
    char* p = nullptr;
    if (!bytes.empty()) {
        p = new char[bytes.size()];
        std::memcpy(p, bytes.data(), bytes.size());
    }
    release();
    data_ = p;
    len_ = cap_ = static_cast<std::uint32_t>(bytes.size());
}

void TraceDetail::room(std::size_t extra) {
    own();
    if (len_ + extra <= cap_) return;
    const std::size_t cap = std::max<std::size_t>({len_ + extra, 2 * std::size_t{cap_}, 32});
    char* p = new char[cap];
    if (len_ > 0) std::memcpy(p, data_, len_);
    const std::uint32_t len = len_;
    release();
    data_ = p;
    len_ = len;
    cap_ = static_cast<std::uint32_t>(cap);
}

void TraceDetail::add_key(std::string_view key, Type type) {
    // Keys are the writers' own short literals ("function", "messageId" …).
    const std::size_t kn = key.size() > 255 ? 255 : key.size();
    char* p = extend(2 + kn);
    *p++ = static_cast<char>(static_cast<unsigned char>(kn));
    if (kn > 0) std::memcpy(p, key.data(), kn);
    p[kn] = static_cast<char>(type);
}

TraceDetail& TraceDetail::add_string(std::string_view key, std::string_view value) {
    add_key(key, kString);
    const auto n = static_cast<std::uint32_t>(value.size());
    char* p = extend(sizeof n + value.size());
    std::memcpy(p, &n, sizeof n);
    if (!value.empty()) std::memcpy(p + sizeof n, value.data(), value.size());
    return *this;
}

TraceDetail& TraceDetail::add_bool(std::string_view key, bool value) {
    add_key(key, kBool);
    *extend(1) = value ? '\1' : '\0';
    return *this;
}

TraceDetail& TraceDetail::add_number(std::string_view key, Type type, std::uint64_t bits) {
    add_key(key, type);
    std::memcpy(extend(sizeof bits), &bits, sizeof bits);
    return *this;
}

namespace {

// Walks the flat members in order as they are stored: f(key, type, value bytes); a TraceText
// member ('p') gives its pointer's bytes, a TraceView ('v', 'r') its pointer's and length's. f returns false to stop.
template <class F>
void for_each_raw_member(std::string_view flat, F&& f) {
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
            len = type == 'b' ? 1 : type == 'p' ? sizeof(const std::string*) : (type == 'v' || type == 'r') ? sizeof(const char*) + sizeof(std::uint32_t) : 8;
        }
        if (!f(key, type, std::string_view(flat.data() + i, len))) return;
        i += len;
    }
}

// The same as readers see them: a TraceText or TraceView member is the string member of its text.
template <class F>
void for_each_member(std::string_view flat, F&& f) {
    for_each_raw_member(flat, [&](std::string_view key, char type, std::string_view bytes) {
        if (type == 'r') {                          // a record: its text, rendered now
            std::string text;
            render_into(text, referred_text(type, bytes));
            return f(key, 's', std::string_view(text));
        }
        if (type != 'p' && type != 'v') return f(key, type, bytes);
        return f(key, 's', referred_text(type, bytes));
    });
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
    const std::string_view flat = this->flat();
    if (flat.empty()) {
        const ojson& general = general_form();
        return general.is_null() ? ojson::object() : general;
    }
    ojson j(ojson::value_t::object);
    auto& members = j.get_ref<ojson::object_t&>();
    for_each_member(flat, [&](std::string_view key, char type, std::string_view bytes) {
        members.emplace_back(std::string(key), member_value(type, bytes));
        return true;
    });
    return j;
}

ojson TraceDetail::operator[](std::string_view key) const {
    const std::string_view flat = this->flat();
    if (flat.empty()) {
        const ojson& general = general_form();
        if (!general.is_object()) return ojson();
        const auto it = general.find(std::string(key));
        return it == general.end() ? ojson() : *it;
    }
    ojson out;
    for_each_member(flat, [&](std::string_view k, char type, std::string_view bytes) {
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

// [SECTION] Trace::Bytes: the FIFO byte store

char* Trace::Bytes::append(std::uint64_t index, std::size_t n) {
    if (chunks_.empty() || chunks_.back().size - chunks_.back().used < n) {
        Chunk c;
        if (n <= kChunk && spare_.data) {
            c = std::move(spare_);
            spare_ = Chunk{};
        } else {
            c.size = n > kChunk ? n : kChunk;       // a text larger than a chunk gets one of its own
            c.data.reset(new char[c.size]);         // not zeroed: every byte is written before it is read
        }
        c.used = 0;
        chunks_.push_back(std::move(c));
    }
    Chunk& c = chunks_.back();
    char* p = c.data.get() + c.used;
    c.used += n;
    c.last_index = index;
    return p;
}

void Trace::Bytes::release_upto(std::uint64_t index) {
    // The back chunk is where the next bytes go: it stays (its entries are dropped in turn).
    while (chunks_.size() > 1 && chunks_.front().last_index <= index) {
        if (chunks_.front().size == kChunk && !spare_.data) spare_ = std::move(chunks_.front());
        chunks_.pop_front();
    }
}

std::size_t Trace::Bytes::heap_bytes() const {
    std::size_t n = spare_.size;
    for (const Chunk& c : chunks_) n += c.size;
    return n;
}

// [SECTION] Trace

std::uint32_t Trace::intern_slow(std::string_view kind) {
    KindCache& c = kind_cache_[(static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(kind.data())) * 0x9E3779B97F4A7C15ull) >> 58];
    std::uint32_t id;
    if (const auto it = kind_ids_.find(kind); it != kind_ids_.end()) {
        id = it->second;
    } else {
        id = static_cast<std::uint32_t>(kinds_.size());
        kinds_.emplace_back(kind);
        kind_views_.push_back(kinds_.back());
        kind_ids_.emplace(std::string_view(kinds_.back()), id);
        summarised_.push_back(0);
    }
    c = KindCache{kind.data(), kind.size(), id};
    return id;
}

TraceEntry Trace::at(std::size_t index) const {
    if (index < first_ || index - first_ >= count_) throw std::out_of_range("Trace::at: entry " + std::to_string(index) + " is not kept");
    return entry(index - first_);
}

TraceEntry Trace::entry(std::size_t k) const {
    const Slot& s = slot_at(physical(k));
    const ojson* general = nullptr;
    if (s.general) {                                // general_ holds the kept ones in order: found by number
        const auto dropped = static_cast<std::uint32_t>(general_added_ - general_.size());
        general = &general_[static_cast<std::uint32_t>(s.general - 1 - dropped)];
    }
    // Built in place (the detail borrows: it is never moved on the way to the reader).
    return TraceEntry{first_ + k, s.time, kind_views_[s.kind], std::string_view(s.request_id, s.request_id_size),
                      TraceDetail(s.detail, s.detail_size, general)};
}

void Trace::grow() {
    if (head_ != 0) {                               // wrapped, then keep() was raised: lay the entries out again
        relayout(std::min(keep_, (count_ / kBlock + 1) * kBlock));
        return;
    }
    // new Block, not make_unique<Block>(): value-initialising would zero the whole block (40 KiB,
    // a memset) although every slot is written before it is read.
    if (cap_ == blocks_.size() * kBlock) blocks_.push_back(std::unique_ptr<Block>(new Block));
    cap_ = std::min(keep_, blocks_.size() * kBlock);
}

void Trace::relayout(std::size_t cap) {
    std::vector<std::unique_ptr<Block>> blocks((cap + kBlock - 1) / kBlock);
    for (auto& b : blocks) b = std::unique_ptr<Block>(new Block);   // not zeroed first (see grow)
    for (std::size_t k = 0; k < count_; ++k) blocks[k >> kBlockBits]->slot[k & (kBlock - 1)] = slot_at(physical(k));
    blocks_ = std::move(blocks);
    cap_ = cap;
    head_ = 0;
}

Trace::Slot& Trace::next_slot(TimeMs time, std::uint32_t kind_id, std::string_view request_id) {
    while (count_ >= keep_) drop_oldest();
    if (count_ == cap_) grow();
    const std::size_t i = physical(count_);
    ++count_;
    Slot& e = slot_at(i);
    e.time = time;
    e.request_id = request_id.data();
    e.detail = nullptr;
    e.request_id_size = static_cast<std::uint32_t>(request_id.size());
    e.detail_size = 0;
    e.kind = kind_id;
    e.general = 0;
    return e;
}

void Trace::add(TimeMs time, std::string_view kind, std::string_view request_id, TraceDetail detail) {
    // Everything is copied into the trace before the oldest entry is dropped (the texts may be its own).
    const std::uint32_t kind_id = intern(kind);
    const std::uint64_t index = size();
    const std::string_view rid = store_text(index, request_id);
    const std::string_view flat = detail.flat();
    char* p = nullptr;
    if (!flat.empty()) {
        p = bytes_.append(index, flat.size());
        std::memcpy(p, flat.data(), flat.size());
    }
    // The general form, moved out before the oldest entry (and maybe its general detail) is dropped.
    ojson general = detail.general_ ? *detail.general_ : std::move(detail.json_);
    Slot& e = next_slot(time, kind_id, rid);
    e.detail = p;
    e.detail_size = static_cast<std::uint32_t>(flat.size());
    if (!general.is_null()) {
        general_.push_back(std::move(general));
        e.general = static_cast<std::uint32_t>(general_added_++) + 1;
    }
}

void Trace::drop_oldest() {
    const Slot& e = slot_at(head_);
    ++summarised_[e.kind];
    bytes_.release_upto(first_);
    if (e.general) general_.pop_front();            // a general form's memory goes with the entry
    if (++head_ == cap_) head_ = 0;
    --count_;
    ++first_;
    while (!adopted_.empty() && adopted_.front().last < first_) adopted_.pop_front();
}

void Trace::adopt(std::unique_ptr<char[]> bytes, std::size_t size, std::uint64_t last) {
    if (!bytes || last < first_) return;            // no kept entry views them: freed here
    adopted_.push_back(Adopted{std::move(bytes), size, last});
    if (adopted_.size() >= sweep_adopted_at_) {     // owners hand over out of order: sweep now and then
        adopted_.erase(std::remove_if(adopted_.begin(), adopted_.end(), [&](const Adopted& a) { return a.last < first_; }), adopted_.end());
        sweep_adopted_at_ = std::max<std::size_t>(16, 2 * adopted_.size());
    }
}

void Trace::set_keep(std::size_t keep) {
    keep_ = keep == 0 ? 1 : keep;
    while (count_ > keep_) drop_oldest();
    if (cap_ > keep_) relayout(keep_);              // no slot beyond the new limit
}

std::map<std::string, std::uint64_t> Trace::summarised_by_kind() const {
    std::map<std::string, std::uint64_t> out;
    for (std::size_t id = 0; id < kinds_.size(); ++id)
        if (summarised_[id]) out.emplace(kinds_[id], summarised_[id]);
    return out;
}

ojson Trace::summary_json() const {
    ojson by_kind = ojson::object();
    for (const auto& [kind, n] : summarised_by_kind()) by_kind[kind] = n;
    return ojson{{"kept", count_}, {"limit", keep_}, {"summarised", first_}, {"summarisedByKind", std::move(by_kind)}};
}

std::string Trace::to_json_lines(std::size_t from) const {
    std::string out;
    for (std::size_t i = from > first_ ? from : first_; i < size(); ++i) {
        out += at(i).to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        out += '\n';
    }
    return out;
}

std::size_t Trace::heap_bytes() const {
    std::size_t n = blocks_.size() * sizeof(Block) + bytes_.heap_bytes();
    for (const Adopted& a : adopted_) n += a.size;
    n += general_.size() * sizeof(ojson);
    for (const std::string& kind : kinds_) n += sizeof(std::string) + (kind.capacity() > 15 ? kind.capacity() + 1 : 0);
    return n;
}

} // namespace invokelab
