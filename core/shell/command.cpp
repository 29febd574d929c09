#include "shell/command.h"
#include <algorithm>
#include <cctype>
#include "shell/shell.h"
#include "world/world.h"
#include "util/json_text.h"

namespace invokelab {

std::string CommandContext::region() const { return global.region.empty() ? world.region : global.region; }

std::string cli_json(const ojson& body) {
    return body.dump(4, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

ojson apply_query(const ojson& body, const std::string& query, std::string& error) {
    std::vector<ojson> current{body};
    bool projected = false;
    std::size_t i = 0;
    while (i < query.size()) {
        if (query[i] == '.') { ++i; continue; }
        if (query[i] == '[') {
            const std::size_t close = query.find(']', i);
            if (close == std::string::npos) { error = "Bad jmespath expression: Unclosed ["; return nullptr; }
            const std::string inside = query.substr(i + 1, close - i - 1);
            std::vector<ojson> next;
            for (const auto& v : current) {
                if (!v.is_array()) continue;
                if (inside == "*") { for (const auto& x : v) next.push_back(x); projected = true; continue; }
                try {
                    long idx = std::stol(inside);
                    if (idx < 0) idx += static_cast<long>(v.size());
                    if (idx >= 0 && idx < static_cast<long>(v.size())) next.push_back(v[static_cast<std::size_t>(idx)]);
                } catch (...) { error = "Bad jmespath expression: " + query; return nullptr; }
            }
            current = std::move(next);
            i = close + 1;
            continue;
        }
        std::size_t end = i;
        while (end < query.size() && query[end] != '.' && query[end] != '[') ++end;
        const std::string key = query.substr(i, end - i);
        std::vector<ojson> next;
        for (const auto& v : current)
            if (v.is_object() && v.contains(key)) next.push_back(v[key]);
        current = std::move(next);
        i = end;
    }
    if (projected) { ojson arr = ojson::array(); for (auto& v : current) arr.push_back(v); return arr; }
    return current.empty() ? ojson(nullptr) : current.front();
}

CommandResult CommandContext::json(const ojson& body) const {
    ojson shown = body;
    if (!global.query.empty()) {
        std::string qerr;
        shown = apply_query(body, global.query, qerr);
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

bool parse_shorthand_or_json(const std::string& text, ojson& out, std::string& error) {
    std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && (text[first] == '{' || text[first] == '[')) {
        out = parse_learner_json(text);
        if (out.is_discarded()) { error = "Invalid JSON: " + text; return false; }
        return true;
    }
    // Shorthand: Key=Value[,Key=Value]… with values kept as strings (ARNs contain ':' and '/').
    out = ojson::object();
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t eq = text.find('=', i);
        if (eq == std::string::npos) { error = "Expected: '=', received: 'EOF' for input:\n" + text; return false; }
        const std::string key = text.substr(i, eq - i);
        std::size_t comma = text.find(',', eq + 1);
        // A comma only separates pairs when a "Key=" follows it.
        while (comma != std::string::npos) {
            const std::size_t next_eq = text.find('=', comma + 1);
            const std::size_t next_comma = text.find(',', comma + 1);
            if (next_eq != std::string::npos && (next_comma == std::string::npos || next_eq < next_comma)) break;
            comma = next_comma;
        }
        const std::string value = text.substr(eq + 1, comma == std::string::npos ? std::string::npos : comma - eq - 1);
        if (key.empty()) { error = "Expected: '=', received: '" + text.substr(i) + "' for input:\n" + text; return false; }
        out[key] = value;
        if (comma == std::string::npos) break;
        i = comma + 1;
    }
    return true;
}

} // namespace invokelab
