// Invoke Lab core: what a Shell command is, and how one is declared.
//
// Index
//   CommandResult     stdout, stderr, exit code (0 ok, 252 bad command line, 254 service error)
//   GlobalOptions     --region, --output, --query, --cli-binary-format, --no-cli-pager …
//   ParsedArgs        one operation's options, flags and positionals
//   OperationSpec     an `aws <service> <operation>` declaration: its options and its handler
//   CommandContext    what a handler gets: the world, its arguments, output helpers
//
// A module adds its operations with `registry.add({...})` in its register_*_commands()
// function (one per service, see shell/shell.cpp).
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>
#include "aws/errors.h"
#include "shell/cli_format.h"
#include "shell/jmespath.h"
#include "sim/trace.h"

namespace invokelab {

class World;
class Shell;

inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 252;              // bad command line (argparse-style errors)
inline constexpr int kExitService = 254;            // the service answered with an error
inline constexpr int kExitGeneral = 255;
// The start of stderr when an exception escaped a command (Shell::run's catch-all): a defect,
// never an answer to bad input.
inline constexpr const char* kInternalErrorPrefix = "invokelab: internal error: ";

// Thrown by handlers for client-side parameter problems ("Error parsing parameter …",
// "Invalid base64: …"): printed by cli_error_text() on stderr with the given exit code.
struct ParamError : std::runtime_error {
    int exit_code;
    explicit ParamError(const std::string& message, int code = kExitUsage) : std::runtime_error(message), exit_code(code) {}
};

struct CommandResult {
    std::string out, err;
    int exit_code = kExitOk;
};

struct GlobalOptions {
    std::string region;                             // empty = the world's region
    std::string output = "json";                    // json | text | table | yaml | yaml-stream | off
    std::string query;                              // --query as typed
    std::optional<jmespath::Expression> query_expression;   // compiled before the request is made
    std::string cli_binary_format = "base64";       // base64 (CLI v2 default) | raw-in-base64-out
};

struct ParsedArgs {
    std::map<std::string, std::string> values;      // "--function-name" -> "demo-lambda"
    std::set<std::string> flags;                    // boolean options given, e.g. "--no-paginate"
    std::vector<std::string> positionals;           // e.g. the outfile of `lambda invoke`
    bool has(const std::string& name) const { return values.count(name) || flags.count(name); }
    std::string get(const std::string& name, const std::string& fallback = "") const {
        auto it = values.find(name);
        return it == values.end() ? fallback : it->second;
    }
};

struct CommandContext;
using OperationHandler = std::function<CommandResult(CommandContext&)>;

struct OptionSpec {
    std::string name;                               // "--function-name"
    bool takes_value = true;                        // false: a boolean flag like --no-paginate
    bool required = false;
    bool multiple = false;                          // a list option (argparse nargs='+'): --attribute-names A B
};

struct OperationSpec {
    std::string service;                            // "lambda"
    std::string operation;                          // "invoke" (CLI name)
    std::string api_name;                           // "Invoke" (in error messages)
    std::vector<OptionSpec> options;
    std::vector<std::string> positionals;           // required positional names, e.g. {"outfile"}
    OperationHandler run;
};

struct CommandContext {
    World& world;
    Shell& shell;
    const OperationSpec& spec;
    const ParsedArgs& args;
    const GlobalOptions& global;

    std::string region() const;                     // --region or the world's region
    // stdout as CLI v2 prints it (json: 4-space indent, keys in the given order; text, yaml,
    // table, off: shell/cli_format.h), after --query.
    CommandResult json(const ojson& body) const;
    CommandResult empty() const { return {}; }      // operations that print nothing (e.g. delete-message)
    // "\naws: [ERROR]: An error occurred (Code) when calling the X operation: msg\n" (+ Lambda's Type), 254
    CommandResult error(const AwsError& e) const;
    CommandResult usage(const std::string& message) const;  // "aws: [ERROR]: …" line, blank line, usage block; 252
    // Reads an argument that may be "file://path" (from the world's files) or JSON / shorthand text.
    std::string value_or_file(const std::string& name) const;
    // Reads a file of the world's file system (for shorthand "key@=file://path").
    std::function<std::optional<std::string>(const std::string&)> file_reader() const;
};

// Renders a JSON value as CLI v2 does: indent 4, non-ASCII kept, "\n" at the end.
std::string cli_json(const ojson& body);
// --query: compiles `query` (JMESPath, shell/jmespath.h) and searches `body`; `error` is set to
// "Bad value for --query …" for an expression that does not compile, or to the function error.
ojson apply_query(const ojson& body, const std::string& query, std::string& error);
std::string usage_block();                          // the CLI's "usage: aws [options] ..." block
// stderr for a client-side error: exit 252 is a ParamValidation error ("aws: [ERROR]: An error
// occurred (ParamValidation): …"), anything else a plain "aws: [ERROR]: …" line.
std::string cli_error_text(const ParamError& e);

class CommandRegistry {
public:
    void add(OperationSpec spec);
    const OperationSpec* find(const std::string& service, const std::string& operation) const;
    std::vector<std::string> services() const;
    std::vector<std::string> operations(const std::string& service) const;
private:
    std::map<std::string, std::map<std::string, OperationSpec>> ops_;
};

// Parses the CLI's shorthand syntax into a JSON object: "TargetArn=arn:aws:sqs:..." -> a string,
// "K=a,b" -> a list ["a","b"], "K=[a,b]", "K={J=v}"; "K@=file://path" reads the value from a file
// through `read_file`. JSON text starting with '{' or '[' is parsed as JSON. Returns false (and sets
// error to the CLI's message: "Expected: '=', received: '%' for input:\n…\n   ^") on bad input.
using ShorthandFileReader = std::function<std::optional<std::string>(const std::string& path)>;
bool parse_shorthand_or_json(const std::string& text, ojson& out, std::string& error,
                             const ShorthandFileReader& read_file = {});

} // namespace invokelab
