#include "shell/command.h"
#include <algorithm>
#include <cctype>
#include "shell/shell.h"
#include "world/world.h"
#include "util/json_text.h"
#include "util/utf8.h"

namespace invokelab {

std::string CommandContext::region() const { return global.region.empty() ? world.region : global.region; }

std::string cli_json(const ojson& body) {
    return body.dump(4, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

ojson apply_query(const ojson& body, const std::string& query, std::string& error) {
    std::string compile_error;
    const auto expression = jmespath::Expression::compile(query, compile_error);
    if (!expression.valid()) { error = "Bad value for --query " + query + ": " + compile_error; return nullptr; }
    return expression.search(body, error);
}

CommandResult CommandContext::json(const ojson& body) const {
    ojson shown = body;
    if (global.query_expression) {
        // The response is searched after the call: a function's type error is reported with the
        // request already made, as the CLI does.
        std::string qerr;
        shown = global.query_expression->search(body, qerr);
        if (!qerr.empty()) return {"", cli_error_line(qerr), kExitGeneral};
    }
    CommandResult r;
    if (global.output == "text") r.out = cli_text(shown);
    else if (global.output == "yaml") r.out = cli_yaml(shown);
    else if (global.output == "yaml-stream") r.out = cli_yaml(ojson::array({shown}));   // StreamedYAMLFormatter dumps [response]
    else if (global.output == "table") r.out = cli_table(spec.api_name, shown);
    else if (global.output == "off") r.out.clear();                                    // 2.34.0: stdout suppressed
    else r.out = cli_json(shown);
    return r;
}

namespace {

// Lambda's error shapes model a `Type` field ("User" / "Service"), which the enhanced error
// format prints; ValidationException and the wire-only RequestEntityTooLargeException are not
// Lambda error shapes, and the other services' shapes model nothing but the message.
std::string modelled_type(const std::string& service, const AwsError& e) {
    if (service != "lambda" || e.code == "ValidationException" || e.code == "RequestEntityTooLargeException") return "";
    return e.type;
}

} // namespace

CommandResult CommandContext::error(const AwsError& e) const {
    return {"", service_error_text(e.code, spec.api_name, e.what(), modelled_type(spec.service, e)), kExitService};
}

std::string cli_error_text(const ParamError& e) {
    return e.exit_code == kExitUsage ? param_error_text(e.what()) : cli_error_line(e.what());
}

std::string usage_block() {
    return "usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n"
           "To see help text, you can run:\n\n"
           "  aws help\n"
           "  aws <command> help\n"
           "  aws <command> <subcommand> help\n\n";
}

CommandResult CommandContext::usage(const std::string& message) const {
    return {"", usage_error_text(message), kExitUsage};
}

std::string CommandContext::value_or_file(const std::string& name) const {
    const std::string value = args.get(name);
    if (value.rfind("file://", 0) == 0 || value.rfind("fileb://", 0) == 0) {
        const std::string path = value.substr(value.find("://") + 3);
        if (auto content = world.files.read(path)) return *content;
        throw ParamError("Error parsing parameter '" + name + "': Unable to load paramfile " + value +
                         ": [Errno 2] No such file or directory: '" + path + "'");
    }
    return value;
}

std::function<std::optional<std::string>(const std::string&)> CommandContext::file_reader() const {
    return [this](const std::string& path) -> std::optional<std::string> {
        if (auto content = world.files.read(path)) return *content;
        return std::nullopt;
    };
}

void CommandRegistry::add(OperationSpec spec) {
    auto& ops = ops_[spec.service];
    const std::string name = spec.operation;
    ops[name] = std::move(spec);
}

const OperationSpec* CommandRegistry::find(const std::string& service, const std::string& operation) const {
    auto s = ops_.find(service);
    if (s == ops_.end()) return nullptr;
    auto o = s->second.find(operation);
    return o == s->second.end() ? nullptr : &o->second;
}

std::vector<std::string> CommandRegistry::services() const {
    std::vector<std::string> out;
    for (const auto& [k, v] : ops_) out.push_back(k);
    return out;
}

std::vector<std::string> CommandRegistry::operations(const std::string& service) const {
    std::vector<std::string> out;
    auto s = ops_.find(service);
    if (s != ops_.end()) for (const auto& [k, v] : s->second) out.push_back(k);
    return out;
}

namespace {

// The AWS CLI's shorthand syntax (awscli/shorthand.py ShorthandParser, the same in v1 and v2), on
// the syntactic level only, as the CLI reads it before it looks at the parameter's model:
//   parameter = keyval *("," keyval)          keyval = key "=" [values]
//   values    = csv-value / explicit-list / hash-literal
//   a=b -> {"a": "b"};  a=b,c -> {"a": ["b", "c"]};  a=[b,c];  a={k=v,j=[1,2]};  a='x,y' / "x,y"
// A comma ends a value only when what follows is not "key=" (a=b,c=d is two keys); "\," is a comma
// inside a value. Errors are the CLI's messages with its caret under the place it stopped.
class ShorthandReader {
public:
    ShorthandReader(const std::string& text, const ShorthandFileReader& read_file) : s_(text), read_file_(read_file) {}

    ojson parameter() {
        ojson params = ojson::object();
        auto [key, value] = keyval();
        params[key] = std::move(value);
        std::size_t last = i_;
        while (i_ < s_.size()) {
            expect(',', true);
            auto [k, v] = keyval();
            if (params.contains(k))
                throw Failure{"Second instance of key \"" + k + "\" encountered for input:\n" + location(last + 1) +
                              "\nThis is often because there is a preceding \",\" instead of a space."};
            params[k] = std::move(v);
            last = i_;
        }
        return params;
    }

    struct Failure { std::string message; };

private:
    static constexpr std::uint32_t kEof = 0xFFFFFFFF;

    std::uint32_t code_point_at(std::size_t at, std::size_t* len = nullptr) const {
        if (at >= s_.size()) return kEof;
        const auto b = static_cast<unsigned char>(s_[at]);
        std::size_t n = utf8_sequence_length(s_, at);
        if (n == 0) n = 1;
        std::uint32_t cp = b;
        if (n > 1) {
            cp = b & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
            for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s_[at + k]) & 0x3F);
        }
        if (len) *len = n;
        return cp;
    }
    std::uint32_t current() const { return code_point_at(i_); }
    bool at_eof() const { return i_ >= s_.size(); }
    static bool is_space(std::uint32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C; }
    // Python's \s in a str pattern, for the ASCII range (the rest of \s is inside the classes anyway).
    static bool is_regex_space(std::uint32_t c) { return is_space(c) || (c >= 0x1C && c <= 0x1F); }
    static bool in(std::uint32_t c, std::uint32_t lo, std::uint32_t hi) { return c >= lo && c <= hi; }
    // The three character classes of the parser's value patterns (code points up to U+FFFF).
    static bool start_word(std::uint32_t c) {
        return c == '!' || in(c, '#', '&') || in(c, '(', '+') || in(c, '-', '<') || in(c, '>', 'Z') || in(c, '\\', 'z') ||
               in(c, 0x7C, 0xFFFF);
    }
    static bool first_follow(std::uint32_t c) {
        return is_regex_space(c) || c == '!' || in(c, '#', '&') || in(c, '(', '+') || in(c, '-', '\\') || in(c, '^', '|') ||
               in(c, '~', 0xFFFF);
    }
    static bool second_follow(std::uint32_t c) {
        return is_regex_space(c) || c == '!' || in(c, '#', '&') || in(c, '(', '+') || in(c, '-', '<') || in(c, '>', 0xFFFF);
    }

    std::size_t column(std::size_t from, std::size_t to) const {
        std::size_t n = 0;
        for (std::size_t k = from; k < to && k < s_.size(); ++k) if ((static_cast<unsigned char>(s_[k]) & 0xC0) != 0x80) ++n;
        return n;
    }
    // The input with a caret under `at`, on the line where `at` is (ShorthandParseError._error_location).
    std::string location(std::size_t at) const {
        at = std::min(at, s_.size());
        const std::size_t line_start = s_.rfind('\n', at == 0 ? std::string::npos : at - 1);
        const std::size_t spaces = line_start == std::string::npos || line_start >= at ? column(0, at) : column(line_start + 1, at);
        const std::size_t next_newline = s_.find('\n', at);
        const std::string consumed = next_newline == std::string::npos ? s_ : s_.substr(0, next_newline);
        const std::string remaining = next_newline == std::string::npos ? "" : s_.substr(next_newline);
        return consumed + "\n" + std::string(spaces, ' ') + "^" + remaining;
    }
    [[noreturn]] void syntax_error(const std::string& expected, const std::string& actual) const {
        throw Failure{"Expected: '" + expected + "', received: '" + actual + "' for input:\n" + location(i_)};
    }

    void consume_whitespace() { while (!at_eof() && is_space(current())) ++i_; }
    void expect(char c, bool whitespace = false) {
        if (whitespace) consume_whitespace();
        if (at_eof()) syntax_error(std::string(1, c), "EOF");
        std::size_t len = 1;
        const std::uint32_t cp = code_point_at(i_, &len);
        if (cp != static_cast<unsigned char>(c)) syntax_error(std::string(1, c), s_.substr(i_, len));
        ++i_;
        if (whitespace) consume_whitespace();
    }

    // key "=" values, or key "@=" values whose file:// / fileb:// strings are read from files (CLI v2).
    std::pair<std::string, ojson> keyval() {
        const std::string k = key();
        return {k, after_equals(&ShorthandReader::values)};
    }
    // "=" or "@=", then the value read by `read`; after "@=" its file:// strings are read from files.
    ojson after_equals(ojson (ShorthandReader::*read)()) {
        consume_whitespace();
        bool from_file = false;
        if (!at_eof() && s_[i_] == '@') { ++i_; consume_whitespace(); from_file = true; }
        expect('=', true);
        from_file_ = from_file;
        ojson v = (this->*read)();
        from_file_ = false;
        return v;
    }
    std::string resolve(std::string v) const {
        if (!from_file_) return v;
        const std::size_t scheme = v.rfind("file://", 0) == 0 ? 7 : v.rfind("fileb://", 0) == 0 ? 8 : 0;
        if (scheme == 0) return v;
        const std::string path = v.substr(scheme);
        if (read_file_) if (auto content = read_file_(path)) return *content;
        throw Failure{"Unable to load paramfile " + v + ": [Errno 2] No such file or directory: '" + path + "'"};
    }
    std::string key() {
        const std::size_t start = i_;
        while (!at_eof()) {
            const char c = s_[i_];
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '#' || c == '/' || c == ':')) break;
            ++i_;
        }
        return s_.substr(start, i_ - start);
    }
    ojson values() {
        if (at_eof()) return "";
        if (current() == '[') return explicit_list();
        if (current() == '{') return hash_literal();
        return csv_value();
    }

    ojson csv_value() {
        ojson first = first_value();
        consume_whitespace();
        if (at_eof() || s_[i_] != ',') return first;
        expect(',', true);
        ojson list = ojson::array({first});
        while (true) {
            try {
                ojson v = second_value();
                consume_whitespace();
                if (at_eof()) { list.push_back(std::move(v)); break; }
                expect(',', true);
                list.push_back(std::move(v));
            } catch (const Failure&) {
                if (at_eof()) throw;
                // "a=b,c=d": back to the comma before "c", which starts the next key.
                while (i_ > 0 && s_[i_] != ',') --i_;
                break;
            }
        }
        return list.size() == 1 ? first : list;
    }

    // A run of the value pattern: a first character, then following ones; "\," counts as one.
    std::string run(bool (*first)(std::uint32_t), bool (*follow)(std::uint32_t)) {
        const std::size_t start = i_;
        bool first_char = true;
        while (!at_eof()) {
            if (s_[i_] == '\\' && i_ + 1 < s_.size() && s_[i_ + 1] == ',') { i_ += 2; first_char = false; continue; }
            std::size_t len = 1;
            const std::uint32_t cp = code_point_at(i_, &len);
            if (!(first_char ? first(cp) : follow(cp))) break;
            i_ += len;
            first_char = false;
        }
        return s_.substr(start, i_ - start);
    }
    static std::string unescape_commas_and_rstrip(std::string v) {
        std::string out;
        for (std::size_t k = 0; k < v.size(); ++k) {
            if (v[k] == '\\' && k + 1 < v.size() && v[k + 1] == ',') { out += ','; ++k; }
            else out += v[k];
        }
        while (!out.empty() && is_regex_space(static_cast<unsigned char>(out.back()))) out.pop_back();
        return out;
    }
    ojson first_value() {
        if (current() == '\'') return quoted('\'');
        if (current() == '"') return quoted('"');
        return resolve(unescape_commas_and_rstrip(run(start_word, first_follow)));
    }
    ojson second_value() {
        if (current() == '\'') return quoted('\'');
        if (current() == '"') return quoted('"');
        const std::string v = run(start_word, second_follow);
        if (v.empty()) syntax_error("<second>", "<none>");
        return resolve(unescape_commas_and_rstrip(v));
    }
    // 'text' or "text": \' (or \") is the quote, \\ a backslash.
    std::string quoted(char q) {
        // The pattern '(?:\\'|[^'])*' matches up to the first quote that no backslash escapes, or,
        // when there is none, backtracks to the last quote of the text.
        std::size_t k = i_ + 1;
        while (k < s_.size() && s_[k] != q) k += (s_[k] == '\\' && k + 1 < s_.size() && s_[k + 1] == q) ? 2 : 1;
        if (k >= s_.size()) {
            k = s_.rfind(q);
            if (k == std::string::npos || k <= i_) syntax_error(q == '\'' ? "<singled quoted>" : "<double quoted>", "<none>");
        }
        std::string raw = s_.substr(i_ + 1, k - i_ - 1);
        i_ = k + 1;
        std::string out;
        for (std::size_t m = 0; m < raw.size(); ++m) {
            if (raw[m] == '\\' && m + 1 < raw.size() && raw[m + 1] == q) { out += q; ++m; }
            else out += raw[m];
        }
        std::string unescaped;
        for (std::size_t m = 0; m < out.size(); ++m) {
            if (out[m] == '\\' && m + 1 < out.size() && out[m + 1] == '\\') { unescaped += '\\'; ++m; }
            else unescaped += out[m];
        }
        return resolve(unescaped);
    }

    ojson explicit_list() {
        expect('[', true);
        ojson list = ojson::array();
        while (current() != ']') {
            list.push_back(explicit_value());
            consume_whitespace();
            if (current() != ']') { expect(','); consume_whitespace(); }
        }
        expect(']');
        return list;
    }
    ojson explicit_value() {
        if (current() == '[') return explicit_list();
        if (current() == '{') return hash_literal();
        return first_value();
    }
    ojson hash_literal() {
        expect('{', true);
        ojson out = ojson::object();
        while (current() != '}') {
            const std::string k = key();
            ojson v = after_equals(&ShorthandReader::explicit_value);
            consume_whitespace();
            if (current() != '}') { expect(','); consume_whitespace(); }
            out[k] = std::move(v);
        }
        expect('}');
        return out;
    }

    const std::string& s_;
    const ShorthandFileReader& read_file_;
    std::size_t i_ = 0;
    bool from_file_ = false;
};

} // namespace

bool parse_shorthand_or_json(const std::string& text, ojson& out, std::string& error, const ShorthandFileReader& read_file) {
    std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && (text[first] == '{' || text[first] == '[')) {
        out = parse_learner_json(text);
        if (out.is_discarded()) { error = "Invalid JSON: " + text; return false; }
        return true;
    }
    try {
        out = ShorthandReader(text, read_file).parameter();
        return true;
    } catch (const ShorthandReader::Failure& f) {
        error = f.message;
        return false;
    }
}

} // namespace invokelab
