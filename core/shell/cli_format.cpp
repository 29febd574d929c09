#include "shell/cli_format.h"
#include <algorithm>
#include <cmath>
#include <cstdint>
#include "util/pattern.h"

namespace invokelab {
namespace {

// [SECTION] UTF-8 helpers

std::vector<char32_t> code_points(const std::string& s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
        if (extra < 0 || i + static_cast<std::size_t>(extra) >= s.size() + (extra == 0 ? 1 : 0)) { out.push_back(0xFFFD); ++i; continue; }
        char32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
        out.push_back(cp);
        i += static_cast<std::size_t>(extra) + 1;
    }
    return out;
}

// unicodedata.east_asian_width(ch) in 'WFA', for the ranges a learner can type here
// (Hangul, CJK, fullwidth forms, and the common ambiguous symbols).
bool wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA960 && c <= 0xA97F) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
           (c >= 0x20000 && c <= 0x3FFFD) || c == 0xA7 || c == 0xA8 || c == 0xB0 || c == 0xB1 || c == 0xB4 || c == 0xB6 ||
           c == 0xD7 || c == 0xF7 || (c >= 0x391 && c <= 0x3C9) || (c >= 0x401 && c <= 0x451) || (c >= 0x2010 && c <= 0x2027) ||
           (c >= 0x2190 && c <= 0x21FF) || (c >= 0x2460 && c <= 0x24FF) || (c >= 0x2500 && c <= 0x257F) || (c >= 0x25A0 && c <= 0x25FF) ||
           (c >= 0x2600 && c <= 0x267F) || c == 0xFFFD;
}

std::string python_str(const ojson& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return "None";
    if (v.is_boolean()) return v.get<bool>() ? "True" : "False";
    return v.dump();
}

// [SECTION] --output text (awscli/text.py)

void text_value(const ojson& item, std::string& out, const std::string* identifier, const std::vector<std::string>* scalar_keys);

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

void text_scalar_list(const std::vector<const ojson*>& elements, const std::string* identifier, std::string& out) {
    if (identifier) {
        for (const auto* e : elements) out += upper(*identifier) + "\t" + python_str(*e) + "\n";
        return;
    }
    for (std::size_t i = 0; i < elements.size(); ++i) out += (i ? "\t" : "") + python_str(*elements[i]);
    out += "\n";
}

void text_list(const ojson& item, const std::string* identifier, std::string& out) {
    if (item.empty()) return;
    const bool any_dict = std::any_of(item.begin(), item.end(), [](const ojson& e) { return e.is_object(); });
    const bool any_list = std::any_of(item.begin(), item.end(), [](const ojson& e) { return e.is_array(); });
    if (any_dict) {
        std::vector<std::string> keys;
        for (const auto& e : item)
            if (e.is_object())
                for (const auto& [k, v] : e.items())
                    if (!v.is_structured() && std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
        std::sort(keys.begin(), keys.end());
        for (const auto& e : item) text_value(e, out, identifier, &keys);
    } else if (any_list) {
        std::vector<const ojson*> scalars, others;
        for (const auto& e : item) (e.is_structured() ? others : scalars).push_back(&e);
        if (!scalars.empty()) text_scalar_list(scalars, identifier, out);
        for (const auto* e : others) text_value(*e, out, identifier, nullptr);
    } else {
        std::vector<const ojson*> all;
        for (const auto& e : item) all.push_back(&e);
        text_scalar_list(all, identifier, out);
    }
}

void text_dict(const ojson& item, const std::string* identifier, const std::vector<std::string>* scalar_keys, std::string& out) {
    std::vector<std::string> scalars;
    std::vector<std::pair<std::string, const ojson*>> non_scalars;
    std::vector<std::string> keys;
    for (const auto& [k, v] : item.items()) keys.push_back(k);
    std::sort(keys.begin(), keys.end());
    if (!scalar_keys) {
        for (const auto& k : keys) {
            const ojson& v = item.at(k);
            if (v.is_structured()) non_scalars.emplace_back(k, &v);
            else scalars.push_back(python_str(v));
        }
    } else {
        for (const auto& k : *scalar_keys) scalars.push_back(item.contains(k) ? python_str(item.at(k)) : "");
        for (const auto& k : keys)
            if (std::find(scalar_keys->begin(), scalar_keys->end(), k) == scalar_keys->end()) non_scalars.emplace_back(k, &item.at(k));
    }
    if (!scalars.empty()) {
        if (identifier) scalars.insert(scalars.begin(), upper(*identifier));
        for (std::size_t i = 0; i < scalars.size(); ++i) out += (i ? "\t" : "") + scalars[i];
        out += "\n";
    }
    for (const auto& [k, v] : non_scalars) text_value(*v, out, &k, nullptr);
}

void text_value(const ojson& item, std::string& out, const std::string* identifier, const std::vector<std::string>* scalar_keys) {
    if (item.is_object()) text_dict(item, identifier, scalar_keys, out);
    else if (item.is_array()) text_list(item, identifier, out);
    else out += python_str(item) + "\n";
}

// [SECTION] --output yaml (ruamel.yaml safe dumper, YAML 1.2 resolver, best_width 80, indent 2)

} // namespace

const char* const kYamlNonStringRegexes[5] = {
    "^(?:true|True|TRUE|false|False|FALSE)$",
    "^(?:~|null|Null|NULL)$",
    "^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$",
    "^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|\\.[0-9_]+(?:[eE][-+][0-9]+)?|"
    "[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$",
    "^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
    "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?|[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9])$",
};

namespace {

bool resolves_to_non_string(const std::string& s) {
    static const Pattern kResolvers[5] = {Pattern(kYamlNonStringRegexes[0]), Pattern(kYamlNonStringRegexes[1]), Pattern(kYamlNonStringRegexes[2]),
                                          Pattern(kYamlNonStringRegexes[3]), Pattern(kYamlNonStringRegexes[4])};
    if (s.empty()) return true;
    for (const Pattern& p : kResolvers) if (p.match(s)) return true;
    return false;
}

enum class Style { Plain, Single, Double };

// PyYAML/ruamel Emitter.analyze_scalar + choose_scalar_style, block context.
Style choose_style(const std::string& text, bool simple_key) {
    if (text.empty()) return Style::Single;
    const std::vector<char32_t> cps = code_points(text);
    bool block_indicators = false, flow_indicators = false, line_breaks = false, special = false;
    bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false;
    bool break_space = false, space_break = false;
    if (text.rfind("---", 0) == 0 || text.rfind("...", 0) == 0) block_indicators = flow_indicators = true;
    bool preceded_by_ws = true;
    bool previous_space = false, previous_break = false;
    auto is_ws = [](char32_t c) { return c == 0 || c == U' ' || c == U'\t' || c == U'\r' || c == U'\n' || c == 0x85 || c == 0x2028 || c == 0x2029; };
    for (std::size_t i = 0; i < cps.size(); ++i) {
        const char32_t ch = cps[i];
        const bool followed_by_ws = i + 1 >= cps.size() || is_ws(cps[i + 1]);
        if (i == 0) {
            if (std::u32string(U"#,[]{}&*!|>'\"%@`").find(ch) != std::u32string::npos) flow_indicators = block_indicators = true;
            if (ch == U'?' || ch == U':') { flow_indicators = true; if (followed_by_ws) block_indicators = true; }
            if (ch == U'-' && followed_by_ws) flow_indicators = block_indicators = true;
        } else {
            if (std::u32string(U",?[]{}").find(ch) != std::u32string::npos) flow_indicators = true;
            if (ch == U':') { flow_indicators = true; if (followed_by_ws) block_indicators = true; }
            if (ch == U'#' && preceded_by_ws) flow_indicators = block_indicators = true;
        }
        if (ch == U'\n' || ch == 0x85 || ch == 0x2028 || ch == 0x2029) line_breaks = true;
        if (!(ch == U'\n' || (ch >= 0x20 && ch <= 0x7E))) {
            const bool printable_unicode = ch == 0x85 || (ch >= 0xA0 && ch <= 0xD7FF) || (ch >= 0xE000 && ch <= 0xFFFD) ||
                                           (ch >= 0x10000 && ch <= 0x10FFFF);
            if (!printable_unicode || ch == 0xFEFF) special = true;
        }
        if (ch == U' ') {
            if (i == 0) leading_space = true;
            if (i + 1 == cps.size()) trailing_space = true;
            if (previous_break) break_space = true;
            previous_space = true; previous_break = false;
        } else if (ch == U'\n' || ch == 0x85 || ch == 0x2028 || ch == 0x2029) {
            if (i == 0) leading_break = true;
            if (i + 1 == cps.size()) trailing_break = true;
            if (previous_space) space_break = true;
            previous_space = false; previous_break = true;
        } else {
            previous_space = previous_break = false;
        }
        preceded_by_ws = is_ws(ch);
    }
    bool allow_plain = true, allow_single = true;
    if (leading_space || leading_break || trailing_space || trailing_break) allow_plain = false;
    if (break_space) allow_plain = allow_single = false;
    if (space_break || special) allow_plain = allow_single = false;
    if (line_breaks) allow_plain = false;
    if (block_indicators) allow_plain = false;
    (void)flow_indicators;
    const bool multiline = line_breaks;
    if (allow_plain && !(simple_key && multiline) && !resolves_to_non_string(text)) return Style::Plain;
    if (allow_single && !(simple_key && multiline)) return Style::Single;
    return Style::Double;
}

class YamlWriter {
public:
    std::string out;

    void document(const ojson& v) {
        if (v.is_structured() && !v.empty()) node(v, 0, false);
        else { scalar_or_empty(v, 0); newline(); }
    }

private:
    std::size_t column_ = 0;
    static constexpr std::size_t kBestWidth = 80;

    void write(const std::string& s) {
        out += s;
        const auto nl = s.rfind('\n');
        if (nl == std::string::npos) column_ += code_points(s).size();
        else column_ = code_points(s.substr(nl + 1)).size();
    }
    void newline() { out += "\n"; column_ = 0; }
    void indent_to(std::size_t indent) { newline(); write(std::string(indent, ' ')); }

    // A block node at `indent`. `inline_first`: the first line continues the current line
    // (a mapping inside a sequence item, after "- ").
    void node(const ojson& v, std::size_t indent, bool inline_first) {
        if (v.is_object()) {
            std::vector<std::string> keys;
            for (const auto& [k, x] : v.items()) keys.push_back(k);
            std::sort(keys.begin(), keys.end());
            bool first = true;
            for (const auto& k : keys) {
                if (!(first && inline_first)) { if (!out.empty() && column_ != 0) newline(); write(std::string(indent, ' ')); }
                first = false;
                scalar(k, indent + 2, true);
                write(":");
                const ojson& x = v.at(k);
                if (x.is_object() && !x.empty()) { newline(); node(x, indent + 2, false); }
                else if (x.is_array() && !x.empty()) { newline(); node(x, indent, false); }   // indentless sequence
                else { write(" "); scalar_or_empty(x, indent + 2); newline(); }
            }
        } else if (v.is_array()) {
            bool first = true;
            for (const auto& x : v) {
                if (!(first && inline_first)) { if (column_ != 0) newline(); write(std::string(indent, ' ')); }
                first = false;
                write("- ");
                if (x.is_object() && !x.empty()) node(x, indent + 2, true);
                else if (x.is_array() && !x.empty()) node(x, indent + 2, true);
                else { scalar_or_empty(x, indent + 2); newline(); }
            }
        }
    }

    void scalar_or_empty(const ojson& v, std::size_t indent) {
        if (v.is_object()) write("{}");
        else if (v.is_array()) write("[]");
        else if (v.is_null()) write("null");
        else if (v.is_boolean()) write(v.get<bool>() ? "true" : "false");
        else if (v.is_number()) write(v.dump());
        else scalar(v.get<std::string>(), indent, false);
    }

    void scalar(const std::string& text, std::size_t indent, bool simple_key) {
        const Style style = choose_style(text, simple_key);
        if (style == Style::Plain) plain(text, indent, !simple_key);
        else if (style == Style::Single) single_quoted(text, indent, !simple_key);
        else double_quoted(text);
    }

    // Emitter.write_plain: a single space may become a line break once the column passes 80.
    void plain(const std::string& text, std::size_t indent, bool split) {
        std::size_t i = 0;
        while (i < text.size()) {
            std::size_t j = i;
            if (text[i] == ' ') {
                while (j < text.size() && text[j] == ' ') ++j;
                if (j - i == 1 && column_ > kBestWidth && split) indent_to(indent);
                else write(text.substr(i, j - i));
            } else {
                while (j < text.size() && text[j] != ' ') ++j;
                write(text.substr(i, j - i));
            }
            i = j;
        }
    }

    // Emitter.write_single_quoted: quotes doubled, a line break run written as one more break.
    void single_quoted(const std::string& text, std::size_t indent, bool split) {
        write("'");
        std::size_t i = 0;
        while (i < text.size()) {
            std::size_t j = i;
            if (text[i] == ' ') {
                while (j < text.size() && text[j] == ' ') ++j;
                if (j - i == 1 && column_ > kBestWidth && split && i != 0 && j != text.size()) indent_to(indent);
                else write(text.substr(i, j - i));
            } else if (text[i] == '\n') {
                while (j < text.size() && text[j] == '\n') ++j;
                newline();
                for (std::size_t k = i; k < j; ++k) newline();
                write(std::string(indent, ' '));
            } else {
                while (j < text.size() && text[j] != ' ' && text[j] != '\n') ++j;
                std::string chunk = text.substr(i, j - i);
                std::string escaped;
                for (char c : chunk) { escaped += c; if (c == '\'') escaped += '\''; }
                write(escaped);
            }
            i = j;
        }
        write("'");
    }

    // Emitter.write_double_quoted, without its line folding (values with control characters
    // are rare here: a tab in a learner's message).
    void double_quoted(const std::string& text) {
        std::string s = "\"";
        for (char32_t c : code_points(text)) {
            switch (c) {
            case U'"': s += "\\\""; break;
            case U'\\': s += "\\\\"; break;
            case U'\t': s += "\\t"; break;
            case U'\n': s += "\\n"; break;
            case U'\r': s += "\\r"; break;
            case 0: s += "\\0"; break;
            default:
                if (c < 0x20 || c == 0x7F || c == 0xFEFF) {
                    char buf[12];
                    std::snprintf(buf, sizeof buf, c <= 0xFF ? "\\x%02X" : "\\u%04X", static_cast<unsigned>(c));
                    s += buf;
                } else {
                    std::string enc;
                    if (c < 0x80) enc += static_cast<char>(c);
                    else if (c < 0x800) { enc += static_cast<char>(0xC0 | (c >> 6)); enc += static_cast<char>(0x80 | (c & 0x3F)); }
                    else if (c < 0x10000) { enc += static_cast<char>(0xE0 | (c >> 12)); enc += static_cast<char>(0x80 | ((c >> 6) & 0x3F)); enc += static_cast<char>(0x80 | (c & 0x3F)); }
                    else { enc += static_cast<char>(0xF0 | (c >> 18)); enc += static_cast<char>(0x80 | ((c >> 12) & 0x3F)); enc += static_cast<char>(0x80 | ((c >> 6) & 0x3F)); enc += static_cast<char>(0x80 | (c & 0x3F)); }
                    s += enc;
                }
            }
        }
        write(s + "\"");
    }
};

// [SECTION] --output table (awscli/table.py MultiTable, terminal width 80 when not a tty)

struct Section {
    std::string title;
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;
    std::size_t indent_level = 0;
    std::vector<std::size_t> max_widths;
    int num_cols = -1;

    void update_widths(const std::vector<std::string>& row) {
        if (max_widths.empty()) { for (const auto& e : row) max_widths.push_back(display_width(e)); return; }
        for (std::size_t i = 0; i < row.size() && i < max_widths.size(); ++i) max_widths[i] = std::max(max_widths[i], display_width(row[i]));
    }
    void add_header(const std::vector<std::string>& h) { update_widths(h); if (num_cols < 0) num_cols = static_cast<int>(h.size()); headers = h; }
    void add_row(const std::vector<std::string>& r) { if (num_cols < 0) num_cols = static_cast<int>(r.size()); rows.push_back(r); update_widths(r); }

    std::vector<long> column_widths(long padding, long max_width) const {
        std::vector<long> unscaled;
        for (auto w : max_widths) unscaled.push_back(static_cast<long>(w) + padding);
        if (max_width < 0 || unscaled.empty()) return unscaled;
        long sum = 0;
        for (auto w : unscaled) sum += w;
        const double scale = static_cast<double>(max_width) / static_cast<double>(sum);
        std::vector<long> scaled;
        for (auto w : unscaled) scaled.push_back(static_cast<long>(std::nearbyint(scale * static_cast<double>(w))));   // round half to even
        long off_by = -max_width;
        for (auto w : scaled) off_by += w;
        while (off_by != 0) {
            const long n = static_cast<long>(scaled.size());
            for (long k = 0; k < n; ++k) {
                const long i = off_by < 0 ? n - 1 - k : k;
                if (off_by > 0) { scaled[static_cast<std::size_t>(i)] -= 1; off_by -= 1; }
                else { scaled[static_cast<std::size_t>(i)] += 1; off_by += 1; }
                if (off_by == 0) break;
            }
        }
        return scaled;
    }
    long total_width(long padding, bool with_border, long outer_padding) const {
        long total = 0;
        for (auto w : column_widths(0, -1)) total += w + padding;
        if (with_border) total += 2;
        total += 2 * outer_padding;
        return std::max(static_cast<long>(display_width(title)) + 2 + 2 * outer_padding, total);
    }
};

std::string center_text(const std::string& text, long length, const std::string& left, const std::string& right) {
    const long text_length = static_cast<long>(display_width(text));
    const long char_start = length / 2 - text_length / 2 - 1;   // Python // on non-negative values here
    std::string out = left + std::string(static_cast<std::size_t>(std::max(0L, char_start)), ' ') + text;
    const long so_far = static_cast<long>(display_width(left)) + char_start + text_length;
    const long right_spaces = length - static_cast<long>(display_width(right)) - so_far;
    out += std::string(static_cast<std::size_t>(std::max(0L, right_spaces)), ' ') + right;
    return out;
}

std::string align_left(const std::string& text, long length, const std::string& left, const std::string& right) {
    const long text_length = static_cast<long>(display_width(text));
    const long computed = text_length + 2 + static_cast<long>(display_width(left)) + static_cast<long>(display_width(right));
    const long padding = length - computed >= 0 ? 2 : 0;
    const long so_far = static_cast<long>(left.size()) + padding + text_length;
    return left + std::string(static_cast<std::size_t>(padding), ' ') + text +
           std::string(static_cast<std::size_t>(std::max(0L, length - so_far - static_cast<long>(right.size()))), ' ') + right;
}

class TableBuilder {
public:
    std::vector<Section> sections;

    bool build(const std::string* title, const ojson& current, std::size_t indent_level) {
        if (current.is_null() || (current.is_structured() && current.empty()) || (current.is_string() && current.get<std::string>().empty()) ||
            (current.is_boolean() && !current.get<bool>()) || (current.is_number() && current == 0))
            return false;
        if (title) new_section(*title, indent_level);
        if (current.is_array()) {
            if (current[0].is_object()) sub_table_from_list(current, indent_level, title);
            else {
                for (const auto& item : current) {
                    if (!item.is_structured()) add_row({python_str(item)});
                    else if (std::all_of(item.begin(), item.end(), [](const ojson& e) { return !e.is_structured(); })) {
                        std::vector<std::string> row;
                        for (const auto& e : item) row.push_back(python_str(e));
                        add_row(row);
                    } else build(nullptr, item, 0);
                }
            }
        }
        if (current.is_object()) sub_table_from_dict(current, indent_level);
        return true;
    }

private:
    Section* current_ = nullptr;
    void new_section(const std::string& title, std::size_t indent_level) {
        sections.emplace_back();
        current_ = &sections.back();
        current_->title = title;
        current_->indent_level = indent_level;
    }
    void add_row(const std::vector<std::string>& r) { if (current_) current_->add_row(r); }
    void add_header(const std::vector<std::string>& h) { if (current_) current_->add_header(h); }

    static void group(const ojson& obj, std::vector<std::string>& headers, std::vector<std::string>& more) {
        for (const auto& [k, v] : obj.items()) (v.is_structured() ? more : headers).push_back(k);
        std::sort(headers.begin(), headers.end());
        std::sort(more.begin(), more.end());
    }

    void sub_table_from_dict(const ojson& current, std::size_t indent_level) {
        std::vector<std::string> headers, more;
        group(current, headers, more);
        if (headers.size() == 1) add_row({headers[0], python_str(current.at(headers[0]))});
        else if (!headers.empty()) {
            add_header(headers);
            std::vector<std::string> row;
            for (const auto& k : headers) row.push_back(python_str(current.at(k)));
            add_row(row);
        }
        for (const auto& k : more) build(&k, current.at(k), indent_level + 1);
    }

    void sub_table_from_list(const ojson& current, std::size_t indent_level, const std::string* title) {
        std::vector<std::string> headers, more;
        for (const auto& item : current) {
            if (!item.is_object()) continue;
            std::vector<std::string> h, m;
            group(item, h, m);
            for (auto& x : h) if (std::find(headers.begin(), headers.end(), x) == headers.end()) headers.push_back(x);
            for (auto& x : m) if (std::find(more.begin(), more.end(), x) == more.end()) more.push_back(x);
        }
        std::sort(headers.begin(), headers.end());
        std::sort(more.begin(), more.end());
        add_header(headers);
        bool first = true;
        for (const auto& element : current) {
            if (!first && !more.empty()) { new_section(title ? *title : "", indent_level); add_header(headers); }
            first = false;
            std::vector<std::string> row;
            for (const auto& h : headers) row.push_back(element.contains(h) ? python_str(element.at(h)) : "");
            add_row(row);
            for (const auto& k : more)
                if (element.contains(k)) build(&k, element.at(k), indent_level + 1);
        }
    }
};

void write_indented(std::string& out, std::size_t level, const std::string& line) {
    out += std::string(level, '|') + line + std::string(level, '|') + "\n";
}

std::string line_break(const std::vector<long>& widths) {
    std::string s;
    for (std::size_t i = 0; i < widths.size(); ++i) {
        if (i == 0) s += "+" + std::string(static_cast<std::size_t>(std::max(0L, widths[i] - 2)), '-') + "+";
        else s += std::string(static_cast<std::size_t>(std::max(0L, widths[i] - 1)), '-') + "+";
    }
    return s;
}

std::string render_table(std::vector<Section>& sections) {
    constexpr long kTerminalWidth = 80;
    auto max_width_of = [&] {
        long m = 0;
        for (const auto& s : sections) m = std::max(m, s.total_width(4, true, static_cast<long>(s.indent_level)));
        return m;
    };
    long max_width = max_width_of();
    if (max_width > kTerminalWidth) {
        // convert_to_vertical_table: one-row sections with headers become key/value rows.
        for (auto& s : sections) {
            if (s.rows.size() == 1 && !s.headers.empty()) {
                Section v;
                v.title = s.title;
                v.indent_level = s.indent_level;
                for (std::size_t i = 0; i < s.headers.size() && i < s.rows[0].size(); ++i) v.add_row({s.headers[i], s.rows[0][i]});
                s = v;
            }
        }
        max_width = max_width_of();
    }
    std::string out = std::string(static_cast<std::size_t>(max_width), '-') + "\n";
    for (const auto& s : sections) {
        const long width = max_width - static_cast<long>(s.indent_level) * 2;
        if (!s.title.empty()) {
            write_indented(out, s.indent_level, center_text(s.title, width, "|", "|"));
            if (s.headers.empty() && s.rows.empty()) write_indented(out, s.indent_level, "+" + std::string(static_cast<std::size_t>(width - 2), '-') + "+");
        }
        if (!s.headers.empty()) {
            const auto widths = s.column_widths(4, width);
            std::string line;
            for (std::size_t i = 0; i < widths.size() && i < s.headers.size(); ++i) line += center_text(s.headers[i], widths[i], i == 0 ? "|" : "", "|");
            write_indented(out, s.indent_level, line_break(widths));
            write_indented(out, s.indent_level, line);
        }
        if (!s.rows.empty()) {
            const auto widths = s.column_widths(4, width);
            if (widths.empty()) continue;
            write_indented(out, s.indent_level, line_break(widths));
            for (const auto& row : s.rows) {
                std::string line;
                for (std::size_t i = 0; i < widths.size() && i < row.size(); ++i) line += align_left(row[i], widths[i], i == 0 ? "|" : "", "|");
                write_indented(out, s.indent_level, line);
            }
            write_indented(out, s.indent_level, line_break(widths));
        }
    }
    return out;
}

// [SECTION] difflib.SequenceMatcher.ratio (no junk heuristics: choices are short)

std::size_t matching_characters(const std::string& a, std::size_t alo, std::size_t ahi, const std::string& b, std::size_t blo, std::size_t bhi) {
    // find_longest_match, earliest in a then b on ties, recursively on both sides.
    std::size_t best_i = alo, best_j = blo, best = 0;
    for (std::size_t i = alo; i < ahi; ++i)
        for (std::size_t j = blo; j < bhi; ++j) {
            std::size_t k = 0;
            while (i + k < ahi && j + k < bhi && a[i + k] == b[j + k]) ++k;
            if (k > best) { best = k; best_i = i; best_j = j; }
        }
    if (best == 0) return 0;
    return best + matching_characters(a, alo, best_i, b, blo, best_j) + matching_characters(a, best_i + best, ahi, b, best_j + best, bhi);
}

} // namespace

std::size_t display_width(const std::string& utf8) {
    std::size_t w = 0;
    for (char32_t c : code_points(utf8)) w += wide(c) ? 2 : 1;
    return w;
}

std::string cli_text(const ojson& body) {
    std::string out;
    text_value(body, out, nullptr, nullptr);
    return out;
}

std::string cli_yaml(const ojson& body) {
    YamlWriter w;
    w.document(body);
    return w.out;
}

std::string cli_table(const std::string& title, const ojson& body) {
    TableBuilder b;
    if (!b.build(&title, body, 0)) return "";
    return render_table(b.sections);
}

std::string cli_error_line(const std::string& message) {
    const auto first = message.find_first_not_of(" \t\r\n");
    const auto last = message.find_last_not_of(" \t\r\n");
    const std::string stripped = first == std::string::npos ? "" : message.substr(first, last - first + 1);
    return "\naws: [ERROR]: " + stripped + "\n";
}

std::string service_error_text(const std::string& code, const std::string& operation, const std::string& message,
                               const std::string& type) {
    std::string s = cli_error_line("An error occurred (" + code + ") when calling the " + operation + " operation: " + message);
    if (!type.empty()) s += "\nAdditional error details:\nType: " + type + "\n";
    return s;
}

std::string param_error_text(const std::string& message) { return cli_error_line("An error occurred (ParamValidation): " + message); }

namespace {
const char* kUsage =
    "usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n"
    "To see help text, you can run:\n\n"
    "  aws help\n"
    "  aws <command> help\n"
    "  aws <command> <subcommand> help\n";
}

std::string usage_error_text(const std::string& message) { return param_error_text(message + "\n\n" + kUsage); }

std::string unknown_options_text(const std::string& list) { return "\n" + std::string(kUsage) + "\n" + cli_error_line("Unknown options: " + list); }

std::vector<std::string> close_matches(const std::string& word, const std::vector<std::string>& choices) {
    std::vector<std::pair<double, std::string>> scored;
    for (const auto& c : choices) {
        const std::size_t total = word.size() + c.size();
        if (total == 0) continue;
        const double ratio = 2.0 * static_cast<double>(matching_characters(c, 0, c.size(), word, 0, word.size())) / static_cast<double>(total);
        if (ratio >= 0.8) scored.emplace_back(ratio, c);
    }
    // heapq.nlargest(3, (score, x)): best score first, then the larger string on ties.
    std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second > b.second; });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < scored.size() && i < 3; ++i) out.push_back(scored[i].second);
    return out;
}

std::string invalid_choice(const std::string& argument, const std::string& value, const std::vector<std::string>& choices) {
    std::vector<std::string> parts{"Found invalid choice '" + value + "'\n"};
    const auto possible = close_matches(value, choices);
    if (!possible.empty()) {
        parts.push_back("Maybe you meant:\n");
        for (const auto& p : possible) parts.push_back("  * " + p);
    }
    std::string joined;
    for (std::size_t i = 0; i < parts.size(); ++i) joined += (i ? "\n" : "") + parts[i];
    return "argument " + argument + ": " + joined;
}

} // namespace invokelab
