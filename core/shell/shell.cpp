#include "shell/shell.h"
#include <algorithm>
#include "util/tokenize.h"

namespace invokelab {
namespace {

// Global options the AWS CLI accepts anywhere on the line.
const std::set<std::string> kGlobalWithValue = {"--region", "--output", "--query", "--cli-binary-format", "--profile",
                                                "--endpoint-url", "--cli-read-timeout", "--cli-connect-timeout", "--color",
                                                "--ca-bundle"};
const std::set<std::string> kGlobalFlags = {"--no-cli-pager", "--debug", "--no-paginate", "--no-verify-ssl",
                                            "--no-sign-request", "--cli-auto-prompt", "--no-cli-auto-prompt"};

std::string choices_table(const std::vector<std::string>& names) {
    // The CLI lists choices in two columns separated by " | ".
    std::string out;
    std::size_t width = 0;
    for (const auto& n : names) width = std::max(width, n.size());
    for (std::size_t i = 0; i < names.size(); i += 2) {
        std::string left = names[i];
        if (i + 1 < names.size()) {
            left.resize(width + 1, ' ');
            out += left + "| " + names[i + 1] + "\n";
        } else {
            out += left + "\n";
        }
    }
    return out;
}

// The line of a usage error that says what is wrong (the "aws: [ERROR]: …" line).
std::string usage_error_line(const std::string& err) {
    std::size_t start = 0;
    std::string first;
    while (start < err.size()) {
        std::size_t end = err.find('\n', start);
        if (end == std::string::npos) end = err.size();
        const std::string line = err.substr(start, end - start);
        if (line.rfind("aws: [ERROR]: ", 0) == 0) return line;
        if (first.empty() && !line.empty()) first = line;
        start = end + 1;
    }
    return first;
}

CommandResult usage_error(const std::string& message) { return {"", usage_error_text(message), kExitUsage}; }

} // namespace

Shell::Shell(std::uint64_t seed) : world_(std::make_unique<World>(seed)) {
    register_lab_commands(*this);
    register_lambda_commands(*this);
    register_code_commands(*this);
    register_duplicates_commands(*this);
    register_sqs_commands(*this);
    register_sns_commands(*this);
    register_iam_commands(*this);
    register_logs_commands(*this);
    register_dynamodb_commands(*this);
    register_kv_commands(*this);
}

void Shell::reset(std::uint64_t seed) {
    world_ = std::make_unique<World>(seed);
    world_->set_code_runner(code_runner_);
    history_.clear();
}

Shell::Saved Shell::take_world(std::uint64_t seed) {
    Saved saved{std::move(world_), std::move(history_)};
    world_ = std::make_unique<World>(seed);
    world_->set_code_runner(code_runner_);
    history_.clear();
    return saved;
}

Shell::Saved Shell::new_world(std::uint64_t seed) const {
    Saved saved{std::make_unique<World>(seed), {}};
    saved.world->set_code_runner(code_runner_);
    return saved;
}

void Shell::restore_world(Saved saved) {
    world_ = std::move(saved.world);
    history_ = std::move(saved.history);
}

std::string Shell::session_text() const {
    std::string out = "# seed: " + std::to_string(world_->seed()) + "\n";
    for (const auto& h : history_) {
        // Replaying joins physical lines only while the tokenizer says the command is
        // unfinished. A newline the tokenizer treated as a word break (the line was handed to
        // run() whole, not typed) is written as a space, which tokenizes the same way.
        std::string line;
        for (char c : h.line) {
            if (c == '\n' && !tokenize(line).incomplete) line += ' ';
            else line += c;
        }
        out += "@" + std::to_string(h.at) + " " + line + "\n";
    }
    out += "# now: " + std::to_string(world_->now()) + "\n";
    return out;
}

CommandResult Shell::run(const std::string& line) {
    const Tokenized t = tokenize(line);
    if (!t.error.empty()) return {"", "invokelab: " + t.error + "\n", 2};
    if (t.words.empty()) return {};
    const std::string& program = t.words[0];
    const auto extra = programs_.find(program);
    if (program != "aws" && program != "lab" && program != "cat" && program != "zip" && program != "help" && extra == programs_.end()) {
        std::string names = "aws, lab, cat, zip, help";
        for (const auto& [name, p] : programs_) names += ", " + name;
        return {"", program + ": command not found (try: " + names + ")\n", 127};
    }
    // Kept before it runs: `lab reset` clears the history, so it is not part of the new session.
    history_.push_back({world_->now(), line});
    try {
        if (program == "aws") {
            aws_command_.clear();
            CommandResult r = run_aws(t.words);
            if (r.exit_code == kExitUsage) record_cli_error(r.exit_code, usage_error_line(r.err));
            return r;
        }
        if (program == "lab") return run_lab(t.words);
        if (program == "cat") return run_cat(t.words);
        if (program == "zip") return run_zip(*world_, t.words);
        if (program == "help") return run_lab({"lab", "help"});
        if (extra != programs_.end()) return extra->second(*this, t.words);
    } catch (const ParamError& e) {
        const std::string message = e.what();
        if (program == "aws") record_cli_error(e.exit_code, message.substr(0, message.find('\n')));
        return {"", cli_error_text(e), e.exit_code};
    } catch (const AwsError& e) {
        return {"", cli_error_line("An error occurred (" + e.code + "): " + e.what()), kExitService};
    } catch (const std::exception& e) {
        return {"", std::string(kInternalErrorPrefix) + e.what() + "\n", kExitGeneral};
    }
    return {};
}

// Errors the AWS CLI raises itself, before any request is sent (bad parameters, usage), leave
// no other trace; this entry lets a lesson check that the learner saw one.
void Shell::record_cli_error(int exit_code, const std::string& message) {
    world_->record("cli.error", {}, ojson{{"command", aws_command_}, {"exitCode", exit_code}, {"message", message}});
}

CommandResult Shell::run_cat(const std::vector<std::string>& words) {
    CommandResult r;
    if (words.size() < 2) return {"", "cat: missing file operand\n", 1};
    for (std::size_t i = 1; i < words.size(); ++i) {
        if (auto content = world_->files.read(words[i])) r.out += *content;
        else { r.err += "cat: " + words[i] + ": No such file or directory\n"; r.exit_code = 1; }
    }
    return r;
}

CommandResult Shell::run_aws(const std::vector<std::string>& words) {
    GlobalOptions global;
    std::vector<std::string> rest;                  // words that are not global options
    for (std::size_t i = 1; i < words.size(); ++i) {
        std::string w = words[i];
        std::string inline_value;
        bool has_inline = false;
        if (w.rfind("--", 0) == 0 && w.find('=') != std::string::npos) {
            inline_value = w.substr(w.find('=') + 1);
            w = w.substr(0, w.find('='));
            has_inline = true;
        }
        if (kGlobalWithValue.count(w)) {
            std::string value;
            if (has_inline) value = inline_value;
            else if (i + 1 < words.size()) value = words[++i];
            else return usage_error("argument " + w + ": expected one argument");
            if (w == "--region") global.region = value;
            else if (w == "--output") {
                const std::vector<std::string> formats = {"json", "text", "table", "yaml", "yaml-stream", "off"};
                if (std::find(formats.begin(), formats.end(), value) == formats.end())
                    return usage_error(invalid_choice("--output", value, formats));
                global.output = value;
            } else if (w == "--query") {
                // The CLI compiles --query with the other global options, before the command
                // line of the operation is read and before anything is sent.
                std::string error;
                auto expression = jmespath::Expression::compile(value, error);
                if (!expression.valid()) return {"", cli_error_line("Bad value for --query " + value + ": " + error), kExitGeneral};
                global.query = value;
                global.query_expression = std::move(expression);
            }
            else if (w == "--cli-binary-format") {
                if (value != "base64" && value != "raw-in-base64-out")
                    return usage_error(invalid_choice("--cli-binary-format", value, {"base64", "raw-in-base64-out"}));
                global.cli_binary_format = value;
            }
            continue;
        }
        if (kGlobalFlags.count(w)) continue;
        rest.push_back(words[i]);
    }
    if (rest.empty() || rest[0] == "help") {
        CommandResult r;
        r.out = usage_block() + "Services in this playground:\n\n" + choices_table(registry_.services());
        return r;
    }
    const std::string service = rest[0];
    aws_command_ = service;
    const auto services = registry_.services();
    if (std::find(services.begin(), services.end(), service) == services.end())
        return usage_error(invalid_choice("command", service, services));
    if (rest.size() < 2) return usage_error("the following arguments are required: operation");
    const std::string operation = rest[1];
    aws_command_ = service + " " + operation;
    if (operation == "help") {
        CommandResult r;
        r.out = "aws " + service + " operations in this playground:\n\n" + choices_table(registry_.operations(service));
        return r;
    }
    const OperationSpec* spec = registry_.find(service, operation);
    if (!spec) return usage_error(invalid_choice("operation", operation, registry_.operations(service)));

    ParsedArgs args;
    std::vector<std::string> unknown;
    for (std::size_t i = 2; i < rest.size(); ++i) {
        std::string w = rest[i];
        if (w == "help") {
            CommandResult r;
            r.out = "aws " + service + " " + operation + "\n\nOptions:\n";
            for (const auto& o : spec->options) r.out += "  " + o.name + (o.takes_value ? " <value>" : "") + (o.required ? "  (required)" : "") + "\n";
            for (const auto& p : spec->positionals) r.out += "  <" + p + ">  (required)\n";
            return r;
        }
        if (w.rfind("--", 0) == 0) {
            std::string inline_value;
            bool has_inline = false;
            if (w.find('=') != std::string::npos) { inline_value = w.substr(w.find('=') + 1); w = w.substr(0, w.find('=')); has_inline = true; }
            auto opt = std::find_if(spec->options.begin(), spec->options.end(), [&](const OptionSpec& o) { return o.name == w; });
            if (opt == spec->options.end()) { unknown.push_back(rest[i]); if (!has_inline && i + 1 < rest.size() && rest[i + 1].rfind("--", 0) != 0) unknown.push_back(rest[++i]); continue; }
            if (!opt->takes_value) { args.flags.insert(w); continue; }
            if (has_inline) { args.values[w] = inline_value; continue; }
            if (opt->multiple) {                    // nargs='+': every following word up to the next option
                std::string joined;
                while (i + 1 < rest.size() && !(rest[i + 1].rfind("--", 0) == 0 && rest[i + 1].size() > 2))
                    joined += (joined.empty() ? "" : " ") + rest[++i];
                if (joined.empty()) return usage_error("argument " + w + ": expected at least one argument");
                args.values[w] = joined;
                continue;
            }
            if (i + 1 >= rest.size() || (rest[i + 1].rfind("--", 0) == 0 && rest[i + 1].size() > 2))
                return usage_error("argument " + w + ": expected one argument");
            args.values[w] = rest[++i];
            continue;
        }
        if (args.positionals.size() < spec->positionals.size()) args.positionals.push_back(w);
        else unknown.push_back(w);
    }
    std::vector<std::string> missing;
    for (const auto& o : spec->options) if (o.required && !args.has(o.name)) missing.push_back(o.name);
    for (std::size_t p = args.positionals.size(); p < spec->positionals.size(); ++p) missing.push_back(spec->positionals[p]);
    if (!missing.empty()) {
        std::string list;
        for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
        return usage_error("the following arguments are required: " + list);
    }
    if (!unknown.empty()) {
        std::string list;
        for (const auto& u : unknown) list += (list.empty() ? "" : ", ") + u;
        return {"", unknown_options_text(list), kExitUsage};
    }
    CommandContext ctx{*world_, *this, *spec, args, global};
    try {
        return spec->run(ctx);
    } catch (const AwsError& e) {
        return ctx.error(e);
    }
}

CommandResult Shell::run_lab(const std::vector<std::string>& words) {
    if (words.size() < 2) return run_lab({"lab", "help"});
    auto it = lab_.find(words[1]);
    if (it == lab_.end()) {
        std::string names;
        for (const auto& [n, c] : lab_) names += (names.empty() ? "" : ", ") + n;
        return {"", "lab: error: unknown command '" + words[1] + "' (choose from: " + names + ")\n", kExitUsage};
    }
    return it->second.run(*this, std::vector<std::string>(words.begin() + 2, words.end()));
}

} // namespace invokelab
