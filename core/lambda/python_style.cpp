// Python's repr() and json.dumps() rules, implemented for the JSON values an event can hold.
#include "lambda/python_style.h"
#include "util/json_text.h"
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <vector>

namespace invokelab {
namespace {

// Decodes one UTF-8 code point at s[i]; returns -1 (and advances one byte) on a bad sequence.
long next_code_point(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) { ++i; return -1; }
    long cp = len == 1 ? b : len == 2 ? (b & 0x1f) : len == 3 ? (b & 0x0f) : (b & 0x07);
    for (int k = 1; k < len; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c >> 6) != 2) { ++i; return -1; }
        cp = (cp << 6) | (c & 0x3f);
    }
    i += len;
    return cp;
}

// "\\x%02x" (repr) or "\\u%04x" (JSON) of v, lower-case hex, without printf.
void append_hex_escape(std::string& out, char kind, unsigned long v) {
    static const char digits[] = "0123456789abcdef";
    out += '\\';
    out += kind;
    for (int shift = kind == 'x' ? 4 : 12; shift >= 0; shift -= 4) out += digits[(v >> shift) & 0xf];
}

std::string hex_escape(const char* fmt, long v) {
    std::string out;
    append_hex_escape(out, fmt[1], static_cast<unsigned long>(v));
    return out;
}

// Python str repr: prefers single quotes, switches to double quotes when the text holds a
// single quote and no double quote; printable non-ASCII characters stay as they are.
std::string repr_string(const std::string& s) {
    const bool has_single = s.find('\'') != std::string::npos;
    const bool has_double = s.find('"') != std::string::npos;
    const char quote = (has_single && !has_double) ? '"' : '\'';
    std::string out(1, quote);
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t at = i;
        const long cp = next_code_point(s, i);
        if (cp == quote || cp == '\\') { out += '\\'; out += static_cast<char>(cp); }
        else if (cp == '\n') out += "\\n";
        else if (cp == '\r') out += "\\r";
        else if (cp == '\t') out += "\\t";
        else if (cp < 0) out += hex_escape("\\x%02x", static_cast<unsigned char>(s[at]));
        else if (cp < 0x20 || cp == 0x7f) out += hex_escape("\\x%02x", cp);
        else if (cp >= 0x80 && cp < 0xa0) out += hex_escape("\\x%02x", cp);
        else out.append(s, at, i - at);
    }
    out += quote;
    return out;
}

// A float as Python writes it: repr() gives inf / -inf, json.dumps (allow_nan=True, also in
// awslambdaric's encoder) gives Infinity / -Infinity. JSON text reaches them as a number too
// large for a double, e.g. {"n":1e400}: Python's json.loads turns it into float('inf').
std::string number_text(const ojson& v, bool json) {
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (std::isinf(d)) return std::string(d < 0 ? "-" : "") + (json ? "Infinity" : "inf");
        std::string t = ojson(d).dump();              // shortest round-trip, like Python's repr(float)
        if (t.find_first_of(".eEn") == std::string::npos) t += ".0";
        return t;
    }
    return v.dump();
}

// Python's repr() and json.dumps() walk containers the same way (", " between items,
// ": " after keys); only the leaves are written differently. The walk keeps its own stack:
// an event may nest thousands of levels (attempt.cpp: up to kRuntimeJsonMaxDepth).
std::string render_python(const ojson& root, std::string (*leaf)(const ojson&), std::string (*key)(const std::string&)) {
    return write_json_tree(root, leaf, key, ", ", ": ");
}

std::string repr_leaf(const ojson& v) {
    switch (v.type()) {
    case ojson::value_t::null: return "None";
    case ojson::value_t::boolean: return v.get<bool>() ? "True" : "False";
    case ojson::value_t::string: return repr_string(v.get<std::string>());
    default: return number_text(v, false);
    }
}

std::string repr_key(const std::string& k) { return repr_string(k); }

// Bytes that end a run of plain text in append_json_string: controls, '"', '\\', DEL and every
// non-ASCII byte (one table load per byte instead of four comparisons).
struct JsonPlainBytes {
    bool stop[256] = {};
    constexpr JsonPlainBytes() {
        for (int c = 0; c < 256; ++c) stop[c] = c < 0x20 || c > 0x7e || c == '"' || c == '\\';
    }
};
constexpr JsonPlainBytes kJsonPlain;

// A JSON string as Python writes it. ensure_ascii=true is json.dumps' default: non-ASCII as
// \uXXXX, astral planes as surrogate pairs. ensure_ascii=false is simplejson as awslambdaric's
// lambda_runtime_marshaller.py encodes on python3.12: text stays UTF-8; only '"', '\\', control
// characters and U+2028/U+2029 are escaped.
void append_json_string(std::string& out, std::string_view s, bool ensure_ascii) {
    out += '"';
    std::size_t i = 0;
    while (i < s.size()) {
        // Fast path: a run of printable ASCII other than '"' and '\\' is copied as it is.
        std::size_t run = i;
        while (run < s.size() && !kJsonPlain.stop[static_cast<unsigned char>(s[run])]) ++run;
        if (run > i) { out.append(s.data() + i, run - i); i = run; continue; }
        const std::size_t at = i;
        const long cp = next_code_point(s, i);
        if (cp == '"') out += "\\\"";
        else if (cp == '\\') out += "\\\\";
        else if (cp == '\n') out += "\\n";
        else if (cp == '\r') out += "\\r";
        else if (cp == '\t') out += "\\t";
        else if (cp == '\b') out += "\\b";
        else if (cp == '\f') out += "\\f";
        else if (cp < 0) out += "\\ufffd";
        else if (cp < 0x20 || (ensure_ascii ? cp > 0x7e : (cp == 0x2028 || cp == 0x2029))) {
            if (cp > 0xffff) {
                const long u = cp - 0x10000;
                append_hex_escape(out, 'u', static_cast<unsigned long>(0xd800 + (u >> 10)));
                append_hex_escape(out, 'u', static_cast<unsigned long>(0xdc00 + (u & 0x3ff)));
            } else {
                append_hex_escape(out, 'u', static_cast<unsigned long>(cp));
            }
        } else out.append(s.data() + at, i - at);   // no temporary string per character
    }
    out += '"';
}

std::string json_string(const std::string& s, bool ensure_ascii) {
    std::string out;
    out.reserve(s.size() + 2);
    append_json_string(out, s, ensure_ascii);
    return out;
}

std::string json_leaf(const ojson& v) {
    switch (v.type()) {
    case ojson::value_t::string: return json_string(v.get_ref<const std::string&>(), true);
    case ojson::value_t::null: return "null";
    case ojson::value_t::boolean: return v.get<bool>() ? "true" : "false";
    default: return number_text(v, true);
    }
}

std::string json_key(const std::string& k) { return json_string(k, true); }
std::string runtime_key(const std::string& k) { return json_string(k, false); }

std::string runtime_leaf(const ojson& v) {
    return v.is_string() ? json_string(v.get_ref<const std::string&>(), false) : json_leaf(v);
}

} // namespace

std::string python_repr(const ojson& v) { return render_python(v, repr_leaf, repr_key); }
std::string python_runtime_json(const ojson& v) { return render_python(v, runtime_leaf, runtime_key); }
std::string python_json_dumps(const ojson& v) { return render_python(v, json_leaf, json_key); }

std::string python_runtime_error_json(std::initializer_list<RuntimeJsonMember> members) {
    // Room for the unescaped text (escapes may still grow it): one allocation in the usual case.
    std::size_t size = 2;
    for (const RuntimeJsonMember& m : members) {
        size += m.key.size() + 6 + m.text.size() + 2;
        if (m.list)
            for (const std::string& item : *m.list) size += item.size() + 4;
    }
    std::string out;
    out.reserve(size + size / 8 + 16);              // and some for escapes (a traceback has quotes and newlines)
    out += '{';
    bool first = true;
    for (const RuntimeJsonMember& m : members) {
        if (!first) out += ", ";
        first = false;
        append_json_string(out, m.key, false);
        out += ": ";
        if (!m.list) { append_json_string(out, m.text, false); continue; }
        out += '[';
        for (std::size_t k = 0; k < m.list->size(); ++k) {
            if (k) out += ", ";
            append_json_string(out, (*m.list)[k], false);
        }
        out += ']';
    }
    out += '}';
    return out;
}

void append_python_runtime_string(std::string& out, std::string_view text) { append_json_string(out, text, false); }

std::string python_str_literal(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') { out += '\\'; out += c; }
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out + "\"";
}

} // namespace invokelab
