#include "shell/jmespath.h"
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <optional>
#include <stdexcept>
#include <vector>
#include "util/json_text.h"
#include "util/utf8.h"

// A top-down operator-precedence (Pratt) parser over a token list, then a tree walk, as the
// specification's grammar and the reference implementation's binding powers describe them:
// the binding powers decide where a projection stops (a token below 10: | || && comparators []).

namespace invokelab::jmespath {

namespace {

enum class Tok {
    Eof, UnquotedIdentifier, QuotedIdentifier, Literal, Rbracket, Rparen, Comma, Rbrace, Number,
    Current, Expref, Colon, Pipe, Or, And, Eq, Gt, Lt, Gte, Lte, Ne, Flatten, Star, Filter, Dot,
    Not, Lbrace, Lbracket, Lparen,
};

const char* tok_name(Tok t) {
    switch (t) {
    case Tok::Eof: return "eof";
    case Tok::UnquotedIdentifier: return "unquoted_identifier";
    case Tok::QuotedIdentifier: return "quoted_identifier";
    case Tok::Literal: return "literal";
    case Tok::Rbracket: return "rbracket";
    case Tok::Rparen: return "rparen";
    case Tok::Comma: return "comma";
    case Tok::Rbrace: return "rbrace";
    case Tok::Number: return "number";
    case Tok::Current: return "current";
    case Tok::Expref: return "expref";
    case Tok::Colon: return "colon";
    case Tok::Pipe: return "pipe";
    case Tok::Or: return "or";
    case Tok::And: return "and";
    case Tok::Eq: return "eq";
    case Tok::Gt: return "gt";
    case Tok::Lt: return "lt";
    case Tok::Gte: return "gte";
    case Tok::Lte: return "lte";
    case Tok::Ne: return "ne";
    case Tok::Flatten: return "flatten";
    case Tok::Star: return "star";
    case Tok::Filter: return "filter";
    case Tok::Dot: return "dot";
    case Tok::Not: return "not";
    case Tok::Lbrace: return "lbrace";
    case Tok::Lbracket: return "lbracket";
    case Tok::Lparen: return "lparen";
    }
    return "unknown";
}

int binding_power(Tok t) {
    switch (t) {
    case Tok::Pipe: return 1;
    case Tok::Or: return 2;
    case Tok::And: return 3;
    case Tok::Eq: case Tok::Gt: case Tok::Lt: case Tok::Gte: case Tok::Lte: case Tok::Ne: return 5;
    case Tok::Flatten: return 9;
    case Tok::Star: return 20;
    case Tok::Filter: return 21;
    case Tok::Dot: return 40;
    case Tok::Not: return 45;
    case Tok::Lbrace: return 50;
    case Tok::Lbracket: return 55;
    case Tok::Lparen: return 60;
    default: return 0;
    }
}
constexpr int kProjectionStop = 10;
constexpr int kMaxNesting = 256;    // the Python parser stops near this depth with a RecursionError

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// Python's repr() of a str, the way error messages quote values.
std::string py_repr_string(const std::string& s) {
    const bool use_double = s.find('\'') != std::string::npos && s.find('"') == std::string::npos;
    const char q = use_double ? '"' : '\'';
    std::string out(1, q);
    for (const char c : s) {
        if (c == '\\') out += "\\\\";
        else if (c == q) { out += '\\'; out += c; }
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else out += c;
    }
    return out + q;
}

std::string py_number(const ojson& v) {
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (std::isnan(d)) return "nan";
        if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
    }
    return v.dump();
}

// Python's repr()/str() of the value json.loads would have made (None, True, 'text', [..], {..}).
std::string py_text(const ojson& v, bool top) {
    if (v.is_null()) return "None";
    if (v.is_binary()) return "<jmespath.visitor._Expression object>";   // an &expression as a value
    if (v.is_boolean()) return v.get<bool>() ? "True" : "False";
    if (v.is_number()) return py_number(v);
    if (v.is_string()) return top ? v.get<std::string>() : py_repr_string(v.get<std::string>());
    std::string out = v.is_array() ? "[" : "{";
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) out += ", ";
        first = false;
        if (v.is_object()) out += py_repr_string(it.key()) + ": ";
        out += py_text(*it, false);
    }
    return out + (v.is_array() ? "]" : "}");
}
std::string py_str(const ojson& v) { return py_text(v, true); }

// json.dumps(value, separators=(',', ':')) with its default ensure_ascii=True.
void py_dump_string(const std::string& s, std::string& out) {
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b == '"') { out += "\\\""; ++i; continue; }
        if (b == '\\') { out += "\\\\"; ++i; continue; }
        if (b == '\n') { out += "\\n"; ++i; continue; }
        if (b == '\r') { out += "\\r"; ++i; continue; }
        if (b == '\t') { out += "\\t"; ++i; continue; }
        if (b == '\b') { out += "\\b"; ++i; continue; }
        if (b == '\f') { out += "\\f"; ++i; continue; }
        std::uint32_t cp = b;
        std::size_t len = utf8_sequence_length(s, i);
        if (len == 0) len = 1;
        if (len > 1) {
            cp = b & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
            for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        }
        i += len;
        if (cp >= 0x20 && cp < 0x7F) { out += static_cast<char>(cp); continue; }
        auto hex4 = [&out](std::uint32_t u) {
            static const char* d = "0123456789abcdef";
            out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4) out += d[(u >> shift) & 0xF];
        };
        if (cp > 0xFFFF) { cp -= 0x10000; hex4(0xD800 + (cp >> 10)); hex4(0xDC00 + (cp & 0x3FF)); }
        else hex4(cp);
    }
    out += '"';
}
void py_dump(const ojson& v, std::string& out) {
    if (v.is_null()) out += "null";
    else if (v.is_boolean()) out += v.get<bool>() ? "true" : "false";
    else if (v.is_number_float() && std::isnan(v.get<double>())) out += "NaN";
    else if (v.is_number_float() && std::isinf(v.get<double>())) out += v.get<double>() > 0 ? "Infinity" : "-Infinity";
    else if (v.is_number()) out += v.dump();
    else if (v.is_string()) py_dump_string(v.get_ref<const std::string&>(), out);
    else if (v.is_array()) {
        out += '[';
        bool first = true;
        for (const auto& x : v) { if (!first) out += ','; first = false; py_dump(x, out); }
        out += ']';
    } else {
        out += '{';
        bool first = true;
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (!first) out += ',';
            first = false;
            py_dump_string(it.key(), out);
            out += ':';
            py_dump(*it, out);
        }
        out += '}';
    }
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s) if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

struct Token {
    Tok type = Tok::Eof;
    std::size_t start = 0;         // byte offset
    std::string text;              // identifiers: the name; the value as Python's str() for messages
    ojson literal;                 // literals and quoted identifiers
    long long number = 0;
};

// Any failure while compiling: the message is complete (the package's str() of its exception).
struct CompileError { std::string message; };

class Lexer {
public:
    explicit Lexer(std::string_view text) : s_(text) {}

    std::vector<Token> run() {
        std::vector<Token> out;
        while (i_ < s_.size()) {
            const char c = s_[i_];
            const std::size_t start = i_;
            auto simple = [&](Tok t) { out.push_back(make(t, start, std::string(1, c))); ++i_; };
            switch (c) {
            case '.': simple(Tok::Dot); continue;
            case '*': simple(Tok::Star); continue;
            case ']': simple(Tok::Rbracket); continue;
            case ',': simple(Tok::Comma); continue;
            case ':': simple(Tok::Colon); continue;
            case '@': simple(Tok::Current); continue;
            case '(': simple(Tok::Lparen); continue;
            case ')': simple(Tok::Rparen); continue;
            case '{': simple(Tok::Lbrace); continue;
            case '}': simple(Tok::Rbrace); continue;
            case ' ': case '\t': case '\n': case '\r': ++i_; continue;
            default: break;
            }
            if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
                while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_')) ++i_;
                out.push_back(make(Tok::UnquotedIdentifier, start, std::string(s_.substr(start, i_ - start))));
            } else if (c == '[') {
                ++i_;
                if (i_ < s_.size() && s_[i_] == ']') { ++i_; out.push_back(make(Tok::Flatten, start, "[]")); }
                else if (i_ < s_.size() && s_[i_] == '?') { ++i_; out.push_back(make(Tok::Filter, start, "[?")); }
                else out.push_back(make(Tok::Lbracket, start, "["));
            } else if (c == '\'') {
                std::string raw = until('\'');
                std::string lexeme;
                for (std::size_t k = 0; k < raw.size(); ++k) {
                    if (raw[k] == '\\' && k + 1 < raw.size() && raw[k + 1] == '\'') { lexeme += '\''; ++k; }
                    else lexeme += raw[k];
                }
                Token t = make(Tok::Literal, start, lexeme);
                t.literal = lexeme;
                out.push_back(std::move(t));
            } else if (c == '|') out.push_back(pair('|', Tok::Or, Tok::Pipe));
            else if (c == '&') out.push_back(pair('&', Tok::And, Tok::Expref));
            else if (c == '`') out.push_back(json_literal());
            else if (std::isdigit(static_cast<unsigned char>(c)) || c == '-') {
                ++i_;
                while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
                const std::string digits(s_.substr(start, i_ - start));
                if (digits == "-") fail(start, "Unknown token '-'");
                Token t = make(Tok::Number, start, "");
                errno = 0;
                t.number = std::strtoll(digits.c_str(), nullptr, 10);
                t.text = std::to_string(t.number);
                if (errno == ERANGE) t.text = digits;
                out.push_back(std::move(t));
            } else if (c == '"') {
                const std::string lexeme = "\"" + until('"') + "\"";
                const JsonParse parsed = parse_json(lexeme);
                if (!parsed.ok() || !parsed.value.is_string()) fail(start, json_string_error(lexeme));
                Token t = make(Tok::QuotedIdentifier, start, parsed.value.get<std::string>());
                t.literal = parsed.value;
                out.push_back(std::move(t));
            } else if (c == '<') out.push_back(pair('=', Tok::Lte, Tok::Lt));
            else if (c == '>') out.push_back(pair('=', Tok::Gte, Tok::Gt));
            else if (c == '!') out.push_back(pair('=', Tok::Ne, Tok::Not));
            else if (c == '=') {
                if (i_ + 1 < s_.size() && s_[i_ + 1] == '=') { out.push_back(make(Tok::Eq, start, "==")); i_ += 2; }
                else fail(start, "Unknown token '='");
            } else {
                std::size_t len = utf8_sequence_length(s_, i_);
                if (len == 0) len = 1;
                fail(start, "Unknown token " + std::string(s_.substr(i_, len)));
            }
        }
        out.push_back(make(Tok::Eof, s_.size(), ""));
        return out;
    }

private:
    Token make(Tok t, std::size_t start, std::string text) const {
        Token tok;
        tok.type = t;
        tok.start = start;
        tok.text = std::move(text);
        return tok;
    }
    Token pair(char second, Tok matched, Tok single) {
        const std::size_t start = i_;
        const char first = s_[i_++];
        if (i_ < s_.size() && s_[i_] == second) { ++i_; return make(matched, start, std::string{first, second}); }
        return make(single, start, std::string(1, first));
    }
    // The text up to an unescaped `delimiter` (a backslash keeps itself and the next character).
    std::string until(char delimiter) {
        const std::size_t start = i_;
        std::string buff;
        ++i_;
        while (i_ >= s_.size() || s_[i_] != delimiter) {
            if (i_ < s_.size() && s_[i_] == '\\') { buff += '\\'; ++i_; }
            if (i_ >= s_.size()) fail(start, std::string("Unclosed ") + delimiter + " delimiter");
            buff += s_[i_++];
        }
        ++i_;
        return buff;
    }
    Token json_literal() {
        const std::size_t start = i_;
        std::string raw = until('`');
        std::string lexeme;
        for (std::size_t k = 0; k < raw.size(); ++k) {
            if (raw[k] == '\\' && k + 1 < raw.size() && raw[k + 1] == '`') { lexeme += '`'; ++k; }
            else lexeme += raw[k];
        }
        Token t = make(Tok::Literal, start, "");
        JsonParse parsed = parse_json(lexeme, kLearnerJsonMaxDepth);
        if (!parsed.ok()) {
            // The JEP-12 transition: text that is not JSON is read as a JSON string's contents.
            const std::size_t first = lexeme.find_first_not_of(" \t\n\r\f\v");
            parsed = parse_json("\"" + (first == std::string::npos ? std::string() : lexeme.substr(first)) + "\"");
            if (!parsed.ok()) fail(start, "Bad token " + lexeme);
        }
        t.literal = std::move(parsed.value);
        t.text = py_str(t.literal);
        return t;
    }
    // The start of Python's json error for a quoted identifier that is not a JSON string (the
    // package keeps the text before the first ':' of it).
    static std::string json_string_error(const std::string& lexeme) {
        for (std::size_t k = 1; k + 1 < lexeme.size(); ++k) {
            const auto c = static_cast<unsigned char>(lexeme[k]);
            if (c < 0x20) return "Invalid control character at";
            if (c != '\\') continue;
            const char e = lexeme[k + 1];
            if (e == 'u') {
                if (k + 6 > lexeme.size() - 1 ||
                    lexeme.substr(k + 2, 4).find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
                    return "Invalid \\uXXXX escape";
                k += 5;
            } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
                return "Invalid \\escape";
            } else {
                ++k;
            }
        }
        return "Invalid \\escape";
    }
    [[noreturn]] void fail(std::size_t at, const std::string& message) const {
        throw CompileError{"Bad jmespath expression: " + message + ":\n" + std::string(s_) + "\n" +
                           std::string(code_points(s_.substr(0, at)), ' ') + "^"};
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

} // namespace

enum class Kind {
    Field, Subexpression, IndexExpression, Index, Slice, Projection, ValueProjection, FilterProjection,
    Flatten, Identity, Current, Literal, MultiList, MultiHash, KeyVal, Or, And, Not, Comparator, Pipe,
    Function, Expref,
};

struct Node {
    Kind kind = Kind::Identity;
    std::string name;                         // field, key, function name, comparator ("eq" …)
    ojson literal;
    long long index = 0;
    std::optional<long long> slice[3];
    std::vector<Node> children;
};

namespace {

Node leaf(Kind k) { Node n; n.kind = k; return n; }
Node node(Kind k, std::vector<Node> children) { Node n; n.kind = k; n.children = std::move(children); return n; }

class Parser {
public:
    Parser(std::string_view text, std::vector<Token> tokens) : text_(text), t_(std::move(tokens)) {}

    Node run() {
        Node parsed = expression(0);
        if (current() != Tok::Eof) {
            const Token& t = t_[i_];
            parse_error(t, "Unexpected token: " + t.text);
        }
        return parsed;
    }

private:
    Tok current() const { return t_[i_].type; }
    Tok lookahead(std::size_t n) const { return t_[std::min(i_ + n, t_.size() - 1)].type; }
    void advance() { if (i_ + 1 < t_.size()) ++i_; }

    // A ParseError, also for the end of the text (only a missing operand or a missing closing
    // token, below, is reported as an incomplete expression).
    [[noreturn]] void parse_error(const Token& t, const std::string& reason) const {
        const std::size_t col = code_points(text_.substr(0, t.start));
        throw CompileError{reason + ": Parse error at column " + std::to_string(col) + ", token \"" + t.text + "\" (" +
                           upper(tok_name(t.type)) + "), for expression:\n\"" + std::string(text_) + "\"\n" +
                           std::string(col + 1, ' ') + "^"};
    }
    [[noreturn]] void incomplete() const {
        throw CompileError{"Invalid jmespath expression: Incomplete expression:\n\"" + std::string(text_) + "\"\n" +
                           std::string(code_points(text_) + 1, ' ') + "^"};
    }
    void match(Tok type) {
        if (current() == type) { advance(); return; }
        const Token& t = t_[i_];
        if (t.type == Tok::Eof) incomplete();
        parse_error(t, std::string("Expecting: ") + tok_name(type) + ", got: " + tok_name(t.type));
    }
    void match_identifier() {
        if (current() == Tok::QuotedIdentifier || current() == Tok::UnquotedIdentifier) { advance(); return; }
        const Token& t = t_[i_];
        if (t.type == Tok::Eof) incomplete();
        parse_error(t, std::string("Expecting: ['quoted_identifier', 'unquoted_identifier'], got: ") + tok_name(t.type));
    }

    Node expression(int bp) {
        if (++depth_ > kMaxNesting) throw CompileError{"maximum recursion depth exceeded"};
        const Token& left_token = t_[i_];
        advance();
        Node left = nud(left_token);
        while (bp < binding_power(current())) left = led(current(), std::move(left));
        --depth_;
        return left;
    }

    Node nud(const Token& token) {
        switch (token.type) {
        case Tok::Literal: { Node n = leaf(Kind::Literal); n.literal = token.literal; return n; }
        case Tok::UnquotedIdentifier: { Node n = leaf(Kind::Field); n.name = token.text; return n; }
        case Tok::QuotedIdentifier: {
            Node n = leaf(Kind::Field);
            n.name = token.literal.get<std::string>();
            if (current() == Tok::Lparen) {
                Token t = t_[i_];
                t.start = 0;
                parse_error(t, "Quoted identifier not allowed for function names.");
            }
            return n;
        }
        case Tok::Star: {
            Node right = current() == Tok::Rbracket ? leaf(Kind::Identity) : projection_rhs(binding_power(Tok::Star));
            return node(Kind::ValueProjection, {leaf(Kind::Identity), std::move(right)});
        }
        case Tok::Filter: return led_filter(leaf(Kind::Identity));
        case Tok::Lbrace: return multi_select_hash();
        case Tok::Lparen: { Node e = expression(0); match(Tok::Rparen); return e; }
        case Tok::Flatten: {
            Node left = node(Kind::Flatten, {leaf(Kind::Identity)});
            return node(Kind::Projection, {std::move(left), projection_rhs(binding_power(Tok::Flatten))});
        }
        case Tok::Not: return node(Kind::Not, {expression(binding_power(Tok::Not))});
        case Tok::Lbracket:
            if (current() == Tok::Number || current() == Tok::Colon)
                return project_if_slice(leaf(Kind::Identity), index_expression());
            if (current() == Tok::Star && lookahead(1) == Tok::Rbracket) {
                advance();
                advance();
                return node(Kind::Projection, {leaf(Kind::Identity), projection_rhs(binding_power(Tok::Star))});
            }
            return multi_select_list();
        case Tok::Current: return leaf(Kind::Current);
        case Tok::Expref: return node(Kind::Expref, {expression(binding_power(Tok::Expref))});
        case Tok::Eof: incomplete();
        default: parse_error(token, "invalid token");
        }
    }

    Node led(Tok type, Node left) {
        switch (type) {
        case Tok::Dot:
            advance();
            if (current() != Tok::Star) {
                Node right = dot_rhs(binding_power(Tok::Dot));
                if (left.kind == Kind::Subexpression) { left.children.push_back(std::move(right)); return left; }
                return node(Kind::Subexpression, {std::move(left), std::move(right)});
            }
            advance();
            return node(Kind::ValueProjection, {std::move(left), projection_rhs(binding_power(Tok::Dot))});
        case Tok::Pipe: advance(); return node(Kind::Pipe, {std::move(left), expression(binding_power(Tok::Pipe))});
        case Tok::Or: advance(); return node(Kind::Or, {std::move(left), expression(binding_power(Tok::Or))});
        case Tok::And: advance(); return node(Kind::And, {std::move(left), expression(binding_power(Tok::And))});
        case Tok::Lparen: {
            advance();
            if (left.kind != Kind::Field) {
                const Token& prev = t_[i_ - 2];
                parse_error(prev, "Invalid function name '" + prev.text + "'");
            }
            Node fn = leaf(Kind::Function);
            fn.name = left.name;
            while (current() != Tok::Rparen) {
                Node arg = expression(0);
                if (current() == Tok::Comma) match(Tok::Comma);
                fn.children.push_back(std::move(arg));
            }
            match(Tok::Rparen);
            return fn;
        }
        case Tok::Filter: advance(); return led_filter(std::move(left));
        case Tok::Eq: case Tok::Ne: case Tok::Gt: case Tok::Gte: case Tok::Lt: case Tok::Lte: {
            advance();
            Node n = node(Kind::Comparator, {std::move(left), expression(binding_power(type))});
            n.name = tok_name(type);
            return n;
        }
        case Tok::Flatten: {
            advance();
            Node flat = node(Kind::Flatten, {std::move(left)});
            return node(Kind::Projection, {std::move(flat), projection_rhs(binding_power(Tok::Flatten))});
        }
        case Tok::Lbracket: {
            advance();
            if (current() == Tok::Number || current() == Tok::Colon) {
                Node right = index_expression();
                if (left.kind == Kind::IndexExpression) { left.children.push_back(std::move(right)); return left; }
                return project_if_slice(std::move(left), std::move(right));
            }
            match(Tok::Star);
            match(Tok::Rbracket);
            return node(Kind::Projection, {std::move(left), projection_rhs(binding_power(Tok::Star))});
        }
        default: parse_error(t_[i_], "invalid token");
        }
    }

    Node led_filter(Node left) {
        Node condition = expression(0);
        match(Tok::Rbracket);
        Node right = current() == Tok::Flatten ? leaf(Kind::Identity) : projection_rhs(binding_power(Tok::Filter));
        return node(Kind::FilterProjection, {std::move(left), std::move(right), std::move(condition)});
    }

    Node index_expression() {
        if (lookahead(0) == Tok::Colon || lookahead(1) == Tok::Colon) {
            Node s = leaf(Kind::Slice);
            int part = 0;
            while (current() != Tok::Rbracket && part < 3) {
                if (current() == Tok::Colon) {
                    if (++part == 3) parse_error(t_[i_], "syntax error");
                    advance();
                } else if (current() == Tok::Number) {
                    s.slice[part] = t_[i_].number;
                    advance();
                } else {
                    parse_error(t_[i_], "syntax error");
                }
            }
            match(Tok::Rbracket);
            return s;
        }
        Node n = leaf(Kind::Index);
        n.index = t_[i_].number;
        advance();
        match(Tok::Rbracket);
        return n;
    }

    Node project_if_slice(Node left, Node right) {
        const bool is_slice = right.kind == Kind::Slice;
        Node index_expr = node(Kind::IndexExpression, {std::move(left), std::move(right)});
        if (!is_slice) return index_expr;
        return node(Kind::Projection, {std::move(index_expr), projection_rhs(binding_power(Tok::Star))});
    }

    Node multi_select_list() {
        Node n = leaf(Kind::MultiList);
        while (true) {
            n.children.push_back(expression(0));
            if (current() == Tok::Rbracket) break;
            match(Tok::Comma);
        }
        match(Tok::Rbracket);
        return n;
    }

    Node multi_select_hash() {
        Node n = leaf(Kind::MultiHash);
        while (true) {
            const Token& key = t_[i_];
            match_identifier();
            match(Tok::Colon);
            Node pair = node(Kind::KeyVal, {expression(0)});
            pair.name = key.type == Tok::QuotedIdentifier ? key.literal.get<std::string>() : key.text;
            n.children.push_back(std::move(pair));
            if (current() == Tok::Comma) match(Tok::Comma);
            else if (current() == Tok::Rbrace) { match(Tok::Rbrace); break; }
        }
        return n;
    }

    Node projection_rhs(int bp) {
        if (binding_power(current()) < kProjectionStop) return leaf(Kind::Identity);
        if (current() == Tok::Lbracket || current() == Tok::Filter) return expression(bp);
        if (current() == Tok::Dot) { match(Tok::Dot); return dot_rhs(bp); }
        parse_error(t_[i_], "syntax error");
    }

    Node dot_rhs(int bp) {
        const Tok la = current();
        if (la == Tok::QuotedIdentifier || la == Tok::UnquotedIdentifier || la == Tok::Star) return expression(bp);
        if (la == Tok::Lbracket) { match(Tok::Lbracket); return multi_select_list(); }
        if (la == Tok::Lbrace) { match(Tok::Lbrace); return multi_select_hash(); }
        parse_error(t_[i_], std::string("Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: ") +
                                tok_name(la));
    }

    std::string_view text_;
    std::vector<Token> t_;
    std::size_t i_ = 0;
    int depth_ = 0;
};

// ---- evaluation ----

struct SearchError { std::string message; };

// An expression reference (&expr) evaluated as a value: the package's _Expression object, which is
// truthy, has the type "expref", can be passed on to a function (not_null(&a)) and is not JSON.
// It is carried as a binary value holding the node's address (the tree outlives the search).
constexpr std::uint8_t kExprefSubtype = 0xE5;
ojson expref_value(const Node* node) {
    std::vector<std::uint8_t> bytes(sizeof node);
    std::memcpy(bytes.data(), &node, sizeof node);
    return ojson::binary(std::move(bytes), kExprefSubtype);
}
const Node* expref_of(const ojson& v) {
    if (!v.is_binary() || v.get_binary().size() != sizeof(const Node*)) return nullptr;
    const Node* node = nullptr;
    std::memcpy(&node, v.get_binary().data(), sizeof node);
    return node;
}
bool holds_expref(const ojson& v) {
    if (v.is_binary()) return true;
    if (!v.is_structured()) return false;
    for (const auto& x : v) if (holds_expref(x)) return true;
    return false;
}

bool is_false(const ojson& v) {
    return v.is_null() || (v.is_boolean() && !v.get<bool>()) || (v.is_string() && v.get_ref<const std::string&>().empty()) ||
           (v.is_array() && v.empty()) || (v.is_object() && v.empty());
}

// Python's ==, with the package's rule that 0 and 1 never equal false and true (booleans are
// not numbers here anyway); objects compare without regard to key order.
bool equal(const ojson& a, const ojson& b) {
    if (a.is_number() && b.is_number()) return a == b;
    if (a.type() != b.type() || a.is_binary()) return false;     // two _Expression objects are never equal
    if (a.is_array()) {
        if (a.size() != b.size()) return false;
        for (std::size_t k = 0; k < a.size(); ++k) if (!equal(a[k], b[k])) return false;
        return true;
    }
    if (a.is_object()) {
        if (a.size() != b.size()) return false;
        for (auto it = a.begin(); it != a.end(); ++it) {
            const auto other = b.find(it.key());
            if (other == b.end() || !equal(*it, *other)) return false;
        }
        return true;
    }
    return a == b;
}

const char* jtype(const ojson& v) {
    if (v.is_null()) return "null";
    if (v.is_binary()) return "expref";
    if (v.is_boolean()) return "boolean";
    if (v.is_number()) return "number";
    if (v.is_string()) return "string";
    if (v.is_array()) return "array";
    return "object";
}
// Python's type(value).__name__, which the package prints for a wrong element of an array.
const char* pytype(const ojson& v) {
    if (v.is_null()) return "NoneType";
    if (v.is_binary()) return "_Expression";
    if (v.is_boolean()) return "bool";
    if (v.is_number_float()) return "float";
    if (v.is_number()) return "int";
    if (v.is_string()) return "str";
    if (v.is_array()) return "list";
    return "dict";
}

// One evaluated function argument: a value, or an expression reference (&expr).
struct Arg {
    const Node* expref = nullptr;
    ojson value;
};

std::string py_list(const std::vector<std::string>& names) {
    std::string out = "[";
    for (std::size_t k = 0; k < names.size(); ++k) out += (k ? ", '" : "'") + names[k] + "'";
    return out + "]";
}

class Interpreter {
public:
    ojson visit(const Node& n, const ojson& value) {
        switch (n.kind) {
        case Kind::Field: {
            if (!value.is_object()) return nullptr;
            const auto it = value.find(n.name);
            return it == value.end() ? ojson(nullptr) : *it;
        }
        case Kind::Subexpression: case Kind::IndexExpression: case Kind::Pipe: {
            ojson result = value;
            for (const auto& c : n.children) result = visit(c, result);
            return result;
        }
        case Kind::Index: {
            if (!value.is_array()) return nullptr;
            const auto size = static_cast<long long>(value.size());
            const long long k = n.index < 0 ? n.index + size : n.index;
            if (k < 0 || k >= size) return nullptr;
            return value[static_cast<std::size_t>(k)];
        }
        case Kind::Slice: return slice(n, value);
        case Kind::Projection: case Kind::ValueProjection: case Kind::FilterProjection: {
            // A list projection ([*], [], slices, filters) over an array, a value projection (.*)
            // over an object's values; a filter keeps the elements its condition finds true.
            // Null results are left out.
            ojson base = visit(n.children[0], value);
            if (n.kind == Kind::ValueProjection ? !base.is_object() : !base.is_array()) return nullptr;
            const Node* condition = n.kind == Kind::FilterProjection ? &n.children[2] : nullptr;
            ojson collected = ojson::array();
            for (const auto& element : base) {
                if (condition && is_false(visit(*condition, element))) continue;
                ojson current = visit(n.children[1], element);
                if (!current.is_null()) collected.push_back(std::move(current));
            }
            return collected;
        }
        case Kind::Flatten: {
            ojson base = visit(n.children[0], value);
            if (!base.is_array()) return nullptr;
            ojson merged = ojson::array();
            for (auto& element : base) {
                if (element.is_array()) for (auto& x : element) merged.push_back(std::move(x));
                else merged.push_back(std::move(element));
            }
            return merged;
        }
        case Kind::Identity: case Kind::Current: return value;
        case Kind::Literal: return n.literal;
        case Kind::MultiList: {
            if (value.is_null()) return nullptr;
            ojson out = ojson::array();
            for (const auto& c : n.children) out.push_back(visit(c, value));
            return out;
        }
        case Kind::MultiHash: {
            if (value.is_null()) return nullptr;
            ojson out = ojson::object();
            for (const auto& c : n.children) out[c.name] = visit(c.children[0], value);
            return out;
        }
        case Kind::KeyVal: return visit(n.children[0], value);
        case Kind::Or: {
            ojson matched = visit(n.children[0], value);
            return is_false(matched) ? visit(n.children[1], value) : matched;
        }
        case Kind::And: {
            ojson matched = visit(n.children[0], value);
            return is_false(matched) ? matched : visit(n.children[1], value);
        }
        case Kind::Not: return is_false(visit(n.children[0], value));
        case Kind::Comparator: return compare(n, value);
        case Kind::Function: return call(n, value);
        case Kind::Expref: return expref_value(&n.children[0]);
        }
        return nullptr;
    }

private:
    ojson slice(const Node& n, const ojson& value) {
        if (!value.is_array()) return nullptr;
        const long long len = static_cast<long long>(value.size());
        const long long step = n.slice[2].value_or(1);
        if (step == 0) throw SearchError{"slice step cannot be zero"};
        auto clamp = [&](std::optional<long long> v, long long dflt) {
            if (!v) return dflt;
            long long x = *v;
            if (x < 0) { x += len; if (x < 0) x = step < 0 ? -1 : 0; }
            else if (x >= len) x = step < 0 ? len - 1 : len;
            return x;
        };
        const long long start = clamp(n.slice[0], step < 0 ? len - 1 : 0);
        const long long stop = clamp(n.slice[1], step < 0 ? -1 : len);
        ojson out = ojson::array();
        if (step > 0) for (long long k = start; k < stop; k += step) out.push_back(value[static_cast<std::size_t>(k)]);
        else for (long long k = start; k > stop; k += step) out.push_back(value[static_cast<std::size_t>(k)]);
        return out;
    }

    static bool comparable(const ojson& v) { return v.is_number() || v.is_string(); }

    // The ordering operators of Python on two numbers or two strings; Python's TypeError for a
    // number against a string.
    static bool ordered(const std::string& op, const ojson& a, const ojson& b) {
        if (a.is_string() != b.is_string()) {
            const std::string sym = op == "lt" ? "<" : op == "lte" ? "<=" : op == "gt" ? ">" : ">=";
            throw SearchError{"'" + sym + "' not supported between instances of '" + pytype(a) + "' and '" + pytype(b) + "'"};
        }
        if (op == "lt") return a < b;
        if (op == "lte") return a <= b;
        if (op == "gt") return a > b;
        return a >= b;
    }

    ojson compare(const Node& n, const ojson& value) {
        const ojson left = visit(n.children[0], value);
        const ojson right = visit(n.children[1], value);
        if (n.name == "eq") return equal(left, right);
        if (n.name == "ne") return !equal(left, right);
        if (!comparable(left) || !comparable(right)) return nullptr;
        return ordered(n.name, left, right);
    }

    [[noreturn]] static void type_error(const std::string& fn, const std::string& current, const std::string& actual,
                                        const std::vector<std::string>& expected) {
        throw SearchError{"In function " + fn + "(), invalid type for value: " + current + ", expected one of: " +
                          py_list(expected) + ", received: \"" + actual + "\""};
    }
    static std::string arg_text(const Arg& a) {
        return a.expref ? "<jmespath.visitor._Expression object>" : py_str(a.value);
    }

    // The package's argument check: arity first, then each argument's type and, for typed
    // arrays ("array-number"), each element's Python type.
    static void check(const std::string& fn, const std::vector<Arg>& args,
                      const std::vector<std::vector<std::string>>& signature, bool variadic) {
        const std::string plural = signature.size() == 1 ? "argument" : "arguments";
        if (variadic && args.size() < signature.size())
            throw SearchError{"Expected at least " + std::to_string(signature.size()) + " " + plural + " for function " + fn +
                              "(), received " + std::to_string(args.size())};
        if (!variadic && args.size() != signature.size())
            throw SearchError{"Expected " + std::to_string(signature.size()) + " " + plural + " for function " + fn +
                              "(), received " + std::to_string(args.size())};
        for (std::size_t k = 0; k < signature.size(); ++k) {
            const auto& types = signature[k];
            if (types.empty()) continue;
            const Arg& a = args[k];
            const std::string actual = a.expref ? "expref" : jtype(a.value);
            std::vector<std::string> subtypes;
            bool allowed = false;
            for (const auto& t : types) {
                const auto dash = t.find('-');
                const std::string base = t.substr(0, dash);
                if (dash != std::string::npos) subtypes.push_back(t.substr(dash + 1));
                if (base == actual) allowed = true;
            }
            if (!allowed) type_error(fn, arg_text(a), actual, types);
            if (subtypes.empty() || a.value.empty()) continue;
            auto member = [](const std::string& jt, const ojson& v) { return jt == jtype(v); };
            std::string required;
            if (subtypes.size() == 1) required = subtypes[0];
            else {
                for (const auto& s : subtypes) if (member(s, a.value[0])) { required = s; break; }
                if (required.empty()) type_error(fn, py_str(a.value[0]), pytype(a.value[0]), types);
            }
            for (const auto& element : a.value)
                if (!member(required, element)) type_error(fn, py_str(element), pytype(element), types);
        }
    }

    ojson key_of(const std::string& fn, const Node& expref, const ojson& x, const std::vector<std::string>& allowed) {
        ojson result = visit(expref, x);
        const std::string jt = jtype(result);
        if (std::find(allowed.begin(), allowed.end(), jt) == allowed.end()) type_error(fn, py_str(result), jt, allowed);
        return result;
    }

    ojson call(const Node& n, const ojson& value) {
        std::vector<Arg> args;
        for (const auto& c : n.children) {
            Arg a;
            a.value = visit(c, value);
            a.expref = expref_of(a.value);
            args.push_back(std::move(a));
        }
        const std::string& fn = n.name;
        using Sig = std::vector<std::vector<std::string>>;
        const Sig any1 = {{}};
        auto num = [](const ojson& v) { return v.get<double>(); };

        if (fn == "abs") {
            check(fn, args, {{"number"}}, false);
            const ojson& v = args[0].value;
            if (v.is_number_float()) return std::fabs(v.get<double>());
            if (v.is_number_unsigned()) return v;
            const long long x = v.get<long long>();
            return x < 0 ? -x : x;
        }
        if (fn == "avg") {
            check(fn, args, {{"array-number"}}, false);
            const ojson& v = args[0].value;
            if (v.empty()) return nullptr;
            double sum = 0;
            for (const auto& x : v) sum += num(x);
            return sum / static_cast<double>(v.size());
        }
        if (fn == "ceil" || fn == "floor") {
            check(fn, args, {{"number"}}, false);
            const ojson& v = args[0].value;
            if (!v.is_number_float()) return v;
            const double d = fn == "ceil" ? std::ceil(v.get<double>()) : std::floor(v.get<double>());
            if (std::isnan(d)) throw SearchError{"cannot convert float NaN to integer"};
            if (std::isinf(d)) throw SearchError{"cannot convert float infinity to integer"};
            if (std::fabs(d) < 9.2e18) return static_cast<long long>(d);
            return d;
        }
        if (fn == "contains") {
            check(fn, args, {{"array", "string"}, {}}, false);
            const ojson& subject = args[0].value;
            const ojson& search = args[1].value;
            if (subject.is_array()) {
                for (const auto& x : subject) if (equal(x, search)) return true;
                return false;
            }
            if (!search.is_string())
                throw SearchError{std::string("'in <string>' requires string as left operand, not ") + pytype(search)};
            return subject.get_ref<const std::string&>().find(search.get_ref<const std::string&>()) != std::string::npos;
        }
        if (fn == "ends_with" || fn == "starts_with") {
            check(fn, args, {{"string"}, {"string"}}, false);
            const auto& s = args[0].value.get_ref<const std::string&>();
            const auto& part = args[1].value.get_ref<const std::string&>();
            if (part.size() > s.size()) return false;
            return fn == "starts_with" ? s.compare(0, part.size(), part) == 0 : s.compare(s.size() - part.size(), part.size(), part) == 0;
        }
        if (fn == "join") {
            check(fn, args, {{"string"}, {"array-string"}}, false);
            std::string out;
            bool first = true;
            for (const auto& x : args[1].value) {
                if (!first) out += args[0].value.get_ref<const std::string&>();
                first = false;
                out += x.get_ref<const std::string&>();
            }
            return out;
        }
        if (fn == "keys" || fn == "values") {
            check(fn, args, {{"object"}}, false);
            ojson out = ojson::array();
            for (auto it = args[0].value.begin(); it != args[0].value.end(); ++it)
                out.push_back(fn == "keys" ? ojson(it.key()) : *it);
            return out;
        }
        if (fn == "length") {
            check(fn, args, {{"string", "array", "object"}}, false);
            const ojson& v = args[0].value;
            return v.is_string() ? code_points(v.get_ref<const std::string&>()) : v.size();
        }
        if (fn == "map") {
            check(fn, args, {{"expref"}, {"array"}}, false);
            ojson out = ojson::array();
            for (const auto& x : args[1].value) out.push_back(visit(*args[0].expref, x));
            return out;
        }
        if (fn == "max" || fn == "min") {
            check(fn, args, {{"array-number", "array-string"}}, false);
            const ojson& v = args[0].value;
            if (v.empty()) return nullptr;
            std::size_t best = 0;
            for (std::size_t k = 1; k < v.size(); ++k)
                if (fn == "max" ? v[k] > v[best] : v[k] < v[best]) best = k;
            return v[best];
        }
        if (fn == "max_by" || fn == "min_by") {
            check(fn, args, {{"array"}, {"expref"}}, false);
            const ojson& v = args[0].value;
            if (v.empty()) return nullptr;
            const std::vector<std::string> allowed = {"number", "string"};
            ojson best_key = key_of(fn, *args[1].expref, v[0], allowed);
            std::size_t best = 0;
            for (std::size_t k = 1; k < v.size(); ++k) {
                ojson key = key_of(fn, *args[1].expref, v[k], allowed);
                if (ordered(fn == "max_by" ? "gt" : "lt", key, best_key)) { best = k; best_key = std::move(key); }
            }
            return v[best];
        }
        if (fn == "merge") {
            check(fn, args, {{"object"}}, true);       // the package checks the first argument only
            ojson out = ojson::object();
            for (const auto& a : args) {
                if (!a.value.is_object()) {
                    // dict.update() of what is not a mapping: Python's TypeError.
                    if (a.value.is_array() || a.value.is_string())
                        throw SearchError{"cannot convert dictionary update sequence element #0 to a sequence"};
                    throw SearchError{std::string("'") + (a.expref ? "_Expression" : pytype(a.value)) + "' object is not iterable"};
                }
                for (auto it = a.value.begin(); it != a.value.end(); ++it) out[it.key()] = *it;
            }
            return out;
        }
        if (fn == "not_null") {
            check(fn, args, any1, true);
            for (const auto& a : args) if (a.expref || !a.value.is_null()) return a.value;
            return nullptr;
        }
        if (fn == "reverse") {
            check(fn, args, {{"array", "string"}}, false);
            const ojson& v = args[0].value;
            if (v.is_array()) { ojson out = ojson::array(); for (auto it = v.rbegin(); it != v.rend(); ++it) out.push_back(*it); return out; }
            const auto& s = v.get_ref<const std::string&>();
            std::string out;
            for (std::size_t end = s.size(); end > 0;) {
                std::size_t begin = end - 1;
                while (begin > 0 && (static_cast<unsigned char>(s[begin]) & 0xC0) == 0x80) --begin;
                out += s.substr(begin, end - begin);
                end = begin;
            }
            return out;
        }
        if (fn == "sort") {
            check(fn, args, {{"array-string", "array-number"}}, false);
            ojson out = args[0].value;
            std::stable_sort(out.begin(), out.end(), [](const ojson& a, const ojson& b) { return a < b; });
            return out;
        }
        if (fn == "sort_by") {
            check(fn, args, {{"array"}, {"expref"}}, false);
            const ojson& v = args[0].value;
            if (v.empty()) return v;
            const std::string required = jtype(visit(*args[1].expref, v[0]));
            if (required != "number" && required != "string") type_error(fn, py_str(v[0]), required, {"string", "number"});
            std::vector<std::pair<ojson, std::size_t>> keyed;
            for (std::size_t k = 0; k < v.size(); ++k) keyed.emplace_back(key_of(fn, *args[1].expref, v[k], {required}), k);
            std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
            ojson out = ojson::array();
            for (const auto& [key, k] : keyed) out.push_back(v[k]);
            return out;
        }
        if (fn == "sum") {
            check(fn, args, {{"array-number"}}, false);
            bool as_float = false;
            long long isum = 0;
            double fsum = 0;
            for (const auto& x : args[0].value) {
                if (x.is_number_float()) as_float = true;
                else isum += x.get<long long>();
                fsum += num(x);
            }
            return as_float ? ojson(fsum) : ojson(isum);
        }
        if (fn == "to_array") {
            check(fn, args, any1, false);
            return args[0].value.is_array() ? args[0].value : ojson::array({args[0].value});
        }
        if (fn == "to_string") {
            check(fn, args, any1, false);
            if (args[0].value.is_string()) return args[0].value;
            std::string out;
            py_dump(args[0].value, out);
            return out;
        }
        if (fn == "to_number") {
            check(fn, args, any1, false);
            return to_number(args[0].value);
        }
        if (fn == "type") {
            check(fn, args, any1, false);
            return args[0].expref ? "expref" : jtype(args[0].value);
        }
        throw SearchError{"Unknown function: " + fn + "()"};
    }

    // Python's int(text), then float(text); anything else is null.
    static ojson to_number(const ojson& v) {
        if (v.is_number()) return v;
        if (!v.is_string()) return nullptr;
        std::string s = v.get<std::string>();
        const auto first = s.find_first_not_of(" \t\n\r\f\v");
        if (first == std::string::npos) return nullptr;
        s = s.substr(first, s.find_last_not_of(" \t\n\r\f\v") - first + 1);
        std::size_t k = (s[0] == '+' || s[0] == '-') ? 1 : 0;
        if (k < s.size() && s.find_first_not_of("0123456789", k) == std::string::npos) {
            errno = 0;
            const long long x = std::strtoll(s.c_str(), nullptr, 10);
            if (errno != ERANGE) return x;
        }
        if (s.find_first_of("xXpP") != std::string::npos) return nullptr;
        char* end = nullptr;
        const double d = std::strtod(s.c_str(), &end);
        if (end != s.c_str() + s.size()) return nullptr;
        return d;
    }
};

} // namespace

Expression Expression::compile(std::string_view text, std::string& error) {
    Expression e;
    if (text.empty()) { error = "Invalid JMESPath expression: cannot be empty."; return e; }
    try {
        Parser parser(text, Lexer(text).run());
        e.root_ = std::make_shared<const Node>(parser.run());
    } catch (const CompileError& err) {
        error = err.message;
    }
    return e;
}

ojson Expression::search(const ojson& data, std::string& error) const {
    if (!root_) return nullptr;
    try {
        Interpreter interpreter;
        ojson result = interpreter.visit(*root_, data);
        // json.dumps of the result, when an &expression is in it.
        if (holds_expref(result)) throw SearchError{"Object of type _Expression is not JSON serializable"};
        return result;
    } catch (const SearchError& err) {
        error = err.message;
    } catch (const std::exception& err) {       // nlohmann type errors on values we did not expect
        error = err.what();
    }
    return nullptr;
}

} // namespace invokelab::jmespath
