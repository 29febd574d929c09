#include "util/json_text.h"
#include "util/utf8.h"
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

namespace invokelab {
namespace {

using ObjectVector = ojson::object_t::Container;   // ordered_map's vector: append without its linear find

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// One open container: a byte when only validating (6 MB of "[" is 6 M frames), plus, when
// building, where it lives and, for an object past 8 members, a key hash -> position index.
// `target` points into the parent (or at the root); the parent is not touched while a child is
// open, so the pointer stays valid.
using KeyIndex = std::unordered_multimap<std::size_t, std::size_t>;
struct Built {
    ojson* target = nullptr;
    std::unique_ptr<KeyIndex> index;
};

class Reader {
public:
    Reader(std::string_view text, std::size_t max_depth, bool build) : s_(text), max_depth_(max_depth), build_(build) {}

    JsonParse run() {
        JsonParse out;
        if (s_.size() >= 3 && s_.compare(0, 3, "\xEF\xBB\xBF") == 0) i_ = 3;   // nlohmann skips a UTF-8 BOM
        ojson root;
        std::vector<char> stack;                    // '{' or '[' per open container
        std::vector<Built> built;                   // parallel to `stack` when building
        // The slot the next value goes into; nullptr when only validating.
        ojson* slot = build_ ? &root : nullptr;
        bool expect_value = true;
        while (true) {
            skip_ws();
            if (expect_value) {
                if (i_ >= s_.size()) return fail(out);
                const char c = s_[i_];
                if (c == '{' || c == '[') {
                    if (stack.size() + 1 > max_depth_) {
                        out.status = JsonParse::Status::TooDeep;
                        out.deep_array = c == '[';
                        return out;
                    }
                    ++i_;
                    stack.push_back(c);
                    if (build_) {
                        *slot = c == '{' ? ojson::object() : ojson::array();
                        built.push_back({slot, nullptr});
                    }
                    skip_ws();
                    const char close = c == '{' ? '}' : ']';
                    if (i_ < s_.size() && s_[i_] == close) {
                        ++i_;
                        stack.pop_back();
                        if (build_) built.pop_back();
                        expect_value = false;
                        continue;
                    }
                    if (!open_member(c == '{', build_ ? &built.back() : nullptr, slot)) return fail(out);
                    continue;                       // expect_value stays true
                }
                ojson leaf;
                if (!scalar(slot ? &leaf : nullptr)) return fail(out);
                if (slot) *slot = std::move(leaf);
                expect_value = false;
                continue;
            }
            // After a value: the end, a separator or a closing bracket.
            if (stack.empty()) {
                if (i_ != s_.size()) return fail(out);
                out.status = JsonParse::Status::Ok;
                if (build_) out.value = std::move(root);
                return out;
            }
            if (i_ >= s_.size()) return fail(out);
            const bool is_object = stack.back() == '{';
            const char c = s_[i_];
            if (c == ',') {
                ++i_;
                skip_ws();
                if (!open_member(is_object, build_ ? &built.back() : nullptr, slot)) return fail(out);
                expect_value = true;
                continue;
            }
            if (c == (is_object ? '}' : ']')) {
                ++i_;
                stack.pop_back();
                if (build_) built.pop_back();
                continue;
            }
            return fail(out);
        }
    }

private:
    JsonParse& fail(JsonParse& out) {
        out.status = JsonParse::Status::Invalid;
        out.error_offset = i_;
        return out;
    }

    void skip_ws() { while (i_ < s_.size() && is_ws(s_[i_])) ++i_; }

    // Makes room for the next element (arrays) or reads "key":  (objects); sets `slot`.
    bool open_member(bool is_object, Built* f, ojson*& slot) {
        if (!is_object) {
            if (f) {
                auto& arr = f->target->get_ref<ojson::array_t&>();
                arr.emplace_back();
                slot = &arr.back();
            }
            return true;
        }
        std::string key;
        if (i_ >= s_.size() || s_[i_] != '"' || !string_body(build_ ? &key : nullptr)) return false;
        skip_ws();
        if (i_ >= s_.size() || s_[i_] != ':') return false;
        ++i_;
        if (f) {
            auto& members = static_cast<ObjectVector&>(f->target->get_ref<ojson::object_t&>());
            const std::size_t h = std::hash<std::string>{}(key);
            std::size_t found = members.size();
            if (members.size() <= 8) {
                for (std::size_t k = 0; k < members.size(); ++k) if (members[k].first == key) { found = k; break; }
            } else {
                if (!f->index) {
                    f->index = std::make_unique<KeyIndex>();
                    for (std::size_t k = 0; k < members.size(); ++k) f->index->emplace(std::hash<std::string>{}(members[k].first), k);
                }
                auto range = f->index->equal_range(h);
                for (auto it = range.first; it != range.second; ++it) if (members[it->second].first == key) { found = it->second; break; }
            }
            if (found < members.size()) {
                slot = &members[found].second;      // a repeated key: first position, last value
            } else {
                if (f->index) f->index->emplace(h, members.size());
                members.emplace_back(std::move(key), ojson());
                slot = &members.back().second;
            }
        }
        return true;
    }

    bool literal(const char* word, std::size_t n) {
        if (s_.compare(i_, n, word) != 0) return false;
        i_ += n;
        return true;
    }

    bool scalar(ojson* out) {
        const char c = s_[i_];
        if (c == '"') {
            std::string text;
            if (!string_body(out ? &text : nullptr)) return false;
            if (out) *out = std::move(text);
            return true;
        }
        if (c == 't') { if (!literal("true", 4)) return false; if (out) *out = true; return true; }
        if (c == 'f') { if (!literal("false", 5)) return false; if (out) *out = false; return true; }
        if (c == 'n') { if (!literal("null", 4)) return false; if (out) *out = nullptr; return true; }
        if (c == '-' || (c >= '0' && c <= '9')) return number(out);
        return false;
    }

    bool digit() const { return i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9'; }

    bool number(ojson* out) {
        const std::size_t start = i_;
        bool negative = false, integer = true;
        if (s_[i_] == '-') { negative = true; ++i_; }
        if (!digit()) return false;
        if (s_[i_] == '0') ++i_;
        else while (digit()) ++i_;
        if (i_ < s_.size() && s_[i_] == '.') {
            integer = false;
            ++i_;
            if (!digit()) return false;
            while (digit()) ++i_;
        }
        if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
            integer = false;
            ++i_;
            if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
            if (!digit()) return false;
            while (digit()) ++i_;
        }
        if (!out) return true;
        const std::string token(s_.substr(start, i_ - start));
        if (integer) {
            // As nlohmann: unsigned when not negative, signed when negative, a double when it does not fit.
            errno = 0;
            char* end = nullptr;
            if (negative) {
                const long long v = std::strtoll(token.c_str(), &end, 10);
                if (errno == 0) { *out = static_cast<std::int64_t>(v); return true; }
            } else {
                const unsigned long long v = std::strtoull(token.c_str(), &end, 10);
                if (errno == 0) { *out = static_cast<std::uint64_t>(v); return true; }
            }
        }
        *out = std::strtod(token.c_str(), nullptr);   // ±HUGE_VAL past the double range
        return true;
    }

    static void append_utf8(std::string& out, std::uint32_t cp) {
        if (cp < 0x80) out += static_cast<char>(cp);
        else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
        else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    bool hex4(std::uint32_t& v) {
        if (i_ + 4 > s_.size()) return false;
        v = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = s_[i_++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<std::uint32_t>(c - 'A' + 10);
            else return false;
        }
        return true;
    }

    // At the opening quote; reads through the closing one. UTF-8 is checked as RFC 3629 (and
    // nlohmann) define it; \u escapes must pair surrogates.
    bool string_body(std::string* out) {
        ++i_;
        while (i_ < s_.size()) {
            const auto b = static_cast<unsigned char>(s_[i_]);
            if (b == '"') { ++i_; return true; }
            if (b < 0x20) return false;
            if (b == '\\') {
                if (++i_ >= s_.size()) return false;
                const char e = s_[i_++];
                char plain = 0;
                switch (e) {
                case '"': plain = '"'; break;
                case '\\': plain = '\\'; break;
                case '/': plain = '/'; break;
                case 'b': plain = '\b'; break;
                case 'f': plain = '\f'; break;
                case 'n': plain = '\n'; break;
                case 'r': plain = '\r'; break;
                case 't': plain = '\t'; break;
                case 'u': {
                    std::uint32_t cp = 0;
                    if (!hex4(cp)) return false;
                    if (cp >= 0xDC00 && cp <= 0xDFFF) return false;
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        std::uint32_t low = 0;
                        if (i_ + 2 > s_.size() || s_[i_] != '\\' || s_[i_ + 1] != 'u') return false;
                        i_ += 2;
                        if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                    if (out) append_utf8(*out, cp);
                    continue;
                }
                default: return false;
                }
                if (out) *out += plain;
                continue;
            }
            if (b < 0x80) { if (out) *out += static_cast<char>(b); ++i_; continue; }
            const std::size_t len = utf8_sequence_length(s_, i_);
            if (len == 0) return false;
            if (out) out->append(s_.data() + i_, len);
            i_ += len;
        }
        return false;
    }

    std::string_view s_;
    std::size_t i_ = 0;
    std::size_t max_depth_;
    bool build_;
};

} // namespace

JsonParse parse_json(std::string_view text, std::size_t max_depth) { return Reader(text, max_depth, true).run(); }

bool json_valid(std::string_view text) { return Reader(text, kJsonNoDepthLimit, false).run().ok(); }

ojson parse_learner_json(std::string_view text) {
    JsonParse p = parse_json(text, kLearnerJsonMaxDepth);
    return p.ok() ? std::move(p.value) : ojson(ojson::value_t::discarded);
}

std::string write_json_tree(const ojson& root, const JsonLeafWriter& leaf, const JsonKeyWriter& key,
                            std::string_view item_separator, std::string_view key_separator) {
    struct Open {
        const ojson* v;
        ojson::const_iterator it;
        bool first;
    };
    std::string out;
    std::vector<Open> stack;
    auto write = [&](const ojson& v) {
        if (v.is_object() || v.is_array()) {
            out += v.is_object() ? '{' : '[';
            stack.push_back({&v, v.cbegin(), true});
        } else {
            out += leaf(v);
        }
    };
    write(root);
    while (!stack.empty()) {
        Open& top = stack.back();
        if (top.it == top.v->cend()) {
            out += top.v->is_object() ? '}' : ']';
            stack.pop_back();
            continue;
        }
        if (!top.first) out += item_separator;
        top.first = false;
        const auto it = top.it++;
        if (top.v->is_object()) {
            out += key(it.key());
            out += key_separator;
        }
        write(*it);                                 // may grow the stack: `top` is not used after this
    }
    return out;
}

std::string dump_json(const ojson& root) {
    return write_json_tree(
        root,
        [](const ojson& v) -> std::string {
            if (v.is_number_float() && !std::isfinite(v.get<double>())) return "null";
            return v.dump(-1, ' ', false, ojson::error_handler_t::replace);
        },
        [](const std::string& k) { return ojson(k).dump(-1, ' ', false, ojson::error_handler_t::replace); }, ",", ":");
}

} // namespace invokelab
