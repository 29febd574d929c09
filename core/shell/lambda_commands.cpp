// Invoke Lab core: `aws lambda …` commands and `lab fail`.
//
// Index
//   [SECTION] Client-side argument handling   blob decoding (--cli-binary-format), integers, shorthand
//   [SECTION] aws lambda invoke
//   [SECTION] Functions                       list-functions, get-function-configuration, update-function-configuration
//   [SECTION] Event invoke config             put / update / get / delete / list
//   [SECTION] lab fail
//
// What the CLI checks itself (before any request): blob base64 (CLI v2 default), integer
// syntax, botocore's minimum values ("Parameter validation failed"). Everything else is
// the service's answer (AwsError -> "An error occurred (Code) when calling …", exit 254).
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include "lambda/function_ref.h"
#include "shell/service_args.h"
#include "shell/shell.h"
#include "util/base64.h"
#include "util/timefmt.h"

namespace invokelab {
namespace {

// [SECTION] Client-side argument handling

// Python's base64.b64decode(value) without validate=True, as awscli/customizations/
// binaryformat.py calls it: characters outside the alphabet are dropped, then the padding
// must work out; otherwise the CLI raises InvalidBase64Error('Invalid base64: "%s"'),
// a plain Exception, which CLI v2 prints as "\n<message>\n" with exit code 255.
std::optional<std::string> python_b64decode(const std::string& text) {
    std::string data;
    std::size_t pads = 0;
    for (char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/') {
            if (pads) break;                        // data after padding ends the quantum
            data += c;
        } else if (c == '=') ++pads;
    }
    const std::size_t rest = data.size() % 4;
    if (rest == 1) return std::nullopt;
    if (rest == 2 && pads < 2) return std::nullopt;
    if (rest == 3 && pads < 1) return std::nullopt;
    if (rest) data.append(4 - rest, '=');
    return base64_decode(data);
}

std::string blob_argument(const CommandContext& ctx, const std::string& name) {
    const std::string raw = ctx.args.get(name);
    const std::string value = ctx.value_or_file(name);
    if (raw.rfind("fileb://", 0) == 0) return value;                    // bytes as they are
    if (ctx.global.cli_binary_format == "raw-in-base64-out") return value;
    auto decoded = python_b64decode(value);
    if (!decoded) throw ParamError("Invalid base64: \"" + value + "\"", kExitGeneral);
    return *decoded;
}

// An integer parameter: syntax checked by the CLI (Python's int(), any size), botocore's minimum
// check (ParamValidation, exit 252), the maximum left to the service. The model's type is a
// 32-bit integer: a value past 2147483647 is answered here with the service's own constraint
// message, naming the value as sent (UNCONFIRMED: AWS's answer to an out-of-int32 number).
std::optional<int> int_argument(const CommandContext& ctx, const std::string& name, const std::string& api_name, int min_value,
                                const std::string& wire_name, int max_value) {
    const auto v = shell_args::int_option(ctx, name);
    if (!v) return std::nullopt;
    shell_args::check_min(*v, api_name, min_value);
    if (v->value > INT32_MAX)
        throw AwsError("ValidationException", 400, "1 validation error detected: Value '" + v->text + "' at '" + wire_name +
                                                       "' failed to satisfy constraint: Member must have value less than or equal to " +
                                                       std::to_string(max_value));
    return static_cast<int>(v->value);
}

// --function-name and --qualifier as Lambda reads them (lambda/function_ref.h): validated, the
// qualifier taken from either, an ARN of another Region refused.
FunctionRef function_ref_arg(const CommandContext& ctx) {
    std::optional<std::string> qualifier;
    if (ctx.args.values.count("--qualifier")) qualifier = ctx.args.get("--qualifier");
    return parse_function_ref(ctx.args.get("--function-name"), qualifier, ctx.region(), ctx.world.account_id);
}

// The reference in the form the service's lookup takes: name[:qualifier], or the partial ARN
// account:function:name[:qualifier] when it names another account.
std::string function_name_arg(const CommandContext& ctx) {
    const FunctionRef ref = function_ref_arg(ctx);
    const std::string name = ref.name + (ref.qualifier.empty() ? "" : ":" + ref.qualifier);
    return ref.account == ctx.world.account_id ? name : ref.account + ":function:" + name;
}

FunctionConfig& function_arg(CommandContext& ctx, bool qualified_message = false) {
    return ctx.world.lambda.require_function(function_name_arg(ctx), ctx.region(), qualified_message);
}

// The event-invoke-config operations name only what exists: $LATEST of a function in this
// account (this lab has no versions or aliases).
FunctionConfig* event_config_target(CommandContext& ctx, const FunctionRef& ref) {
    if (ref.account != ctx.world.account_id || (!ref.qualifier.empty() && ref.qualifier != "$LATEST")) return nullptr;
    return ctx.world.lambda.find_function(ref.name);
}

void check_keys(const ojson& obj, const std::string& where, const std::vector<std::string>& allowed) {
    for (const auto& [k, v] : obj.items()) {
        if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
            std::string list;
            for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
            throw ParamError("Parameter validation failed:\nUnknown parameter in " + where + ": \"" + k + "\", must be one of: " + list);
        }
    }
}

// [SECTION] aws lambda invoke

CommandResult cmd_invoke(CommandContext& ctx) {
    const std::string type = ctx.args.get("--invocation-type", "RequestResponse");
    const std::string log_type = ctx.args.get("--log-type", "None");
    const std::string payload = ctx.args.values.count("--payload") ? blob_argument(ctx, "--payload") : std::string();
    if (type != "RequestResponse" && type != "Event" && type != "DryRun")
        return ctx.error(AwsError("ValidationException", 400, "1 validation error detected: Value '" + type +
                                  "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]"));
    if (log_type != "None" && log_type != "Tail")
        return ctx.error(AwsError("ValidationException", 400, "1 validation error detected: Value '" + log_type +
                                  "' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [None, Tail]"));
    const InvokeResult r = ctx.world.invoke(function_name_arg(ctx), payload, *parse_invocation_type(type), ctx.region(), log_type == "Tail");
    // The CLI writes the body to the outfile, an empty file when there is none (reference §1.4).
    ctx.world.files.write(ctx.args.positionals.at(0), r.payload);
    // Key order of botocore's Invoke output shape.
    ojson out;
    out["StatusCode"] = r.status_code;
    if (!r.function_error.empty()) out["FunctionError"] = r.function_error;
    if (r.status_code == 200 && log_type == "Tail") out["LogResult"] = base64_encode(r.log_tail);
    if (!r.executed_version.empty()) out["ExecutedVersion"] = r.executed_version;
    return ctx.json(out);
}

// [SECTION] Functions

CommandResult cmd_list_functions(CommandContext& ctx) {
    ojson list = ojson::array();
    if (ctx.region() == ctx.world.region)
        for (const auto& [name, f] : ctx.world.lambda.functions()) list.push_back(ctx.world.lambda.configuration_json(f, false));
    return ctx.json(ojson{{"Functions", list}});
}

CommandResult cmd_get_function_configuration(CommandContext& ctx) {
    return ctx.json(ctx.world.lambda.configuration_json(function_arg(ctx), true));
}

CommandResult cmd_update_function_configuration(CommandContext& ctx) {
    FunctionConfig& f = function_arg(ctx);
    const auto timeout = int_argument(ctx, "--timeout", "Timeout", 1, "timeout", 900);
    const auto memory = int_argument(ctx, "--memory-size", "MemorySize", 128, "memorySize", 10240);
    std::optional<std::string> dlq;
    if (ctx.args.values.count("--dead-letter-config")) {
        ojson j;
        std::string error;
        if (!parse_shorthand_or_json(ctx.value_or_file("--dead-letter-config"), j, error, ctx.file_reader()) || !j.is_object())
            throw ParamError("Error parsing parameter '--dead-letter-config': " + (error.empty() ? "Invalid JSON" : error));
        check_keys(j, "DeadLetterConfig", {"TargetArn"});
        if (j.contains("TargetArn") && !j["TargetArn"].is_string()) shell_args::invalid_type("DeadLetterConfig.TargetArn", j["TargetArn"], "str");
        dlq = j.value("TargetArn", std::string());
    }
    // Work on a copy: a rejected update changes nothing.
    FunctionConfig next = f;
    if (timeout) ctx.world.lambda.set_timeout(next, *timeout);
    if (memory) ctx.world.lambda.set_memory(next, *memory);
    if (ctx.args.values.count("--description")) next.description = ctx.args.get("--description");
    if (dlq) ctx.world.lambda.set_dead_letter_target(next, *dlq);
    ctx.world.lambda.touch(next);
    f = next;
    ctx.world.record("lambda.configuration-updated", {},
                     ojson{{"function", f.name}, {"revisionId", f.revision_id}, {"deadLetterTarget", f.dead_letter_target},
                           {"timeout", f.timeout_s}, {"memorySize", f.memory_mb}});
    // The update response reports the update still in progress (it completes at once here).
    return ctx.json(ctx.world.lambda.configuration_json(f, true, "InProgress"));
}

// [SECTION] Event invoke config

CommandResult cmd_put_event_invoke_config(CommandContext& ctx, bool replace) {
    EventInvokeConfig req;
    req.maximum_retry_attempts = int_argument(ctx, "--maximum-retry-attempts", "MaximumRetryAttempts", 0, "maximumRetryAttempts", 2);
    req.maximum_event_age_s = int_argument(ctx, "--maximum-event-age-in-seconds", "MaximumEventAgeInSeconds", 60, "maximumEventAgeInSeconds", 21600);
    if (ctx.args.values.count("--destination-config")) {
        ojson j;
        std::string error;
        // Shorthand "OnFailure={Destination=arn},OnSuccess={Destination=arn}" (hash literals) or JSON.
        if (!parse_shorthand_or_json(ctx.value_or_file("--destination-config"), j, error, ctx.file_reader()) || !j.is_object())
            throw ParamError("Error parsing parameter '--destination-config': " + (error.empty() ? "Invalid JSON" : error));
        check_keys(j, "DestinationConfig", {"OnSuccess", "OnFailure"});
        for (const char* key : {"OnSuccess", "OnFailure"}) {
            if (!j.contains(key)) continue;
            const std::string where = std::string("DestinationConfig.") + key;
            if (!j[key].is_object()) shell_args::invalid_type(where, j[key], "dict");
            check_keys(j[key], where, {"Destination"});
            if (j[key].contains("Destination") && !j[key]["Destination"].is_string())
                shell_args::invalid_type(where + ".Destination", j[key]["Destination"], "str");
            const std::string arn = j[key].value("Destination", std::string());
            (std::string(key) == "OnSuccess" ? req.on_success : req.on_failure) = arn;
        }
    }
    // Recorded order (test_lambda_eventinvokeconfig_exceptions): a put with no setting is refused
    // before the function is looked up; a missing function (or version/alias) is "doesn't exist";
    // an update with no config to change does not create one.
    const FunctionRef ref = function_ref_arg(ctx);
    if (replace && !req.maximum_retry_attempts && !req.maximum_event_age_s && !req.on_success && !req.on_failure)
        throw AwsError("InvalidParameterValueException", 400, "You must specify at least one of error handling or destination setting.");
    FunctionConfig* f = event_config_target(ctx, ref);
    if (!f) throw AwsError("ResourceNotFoundException", 404, "The function doesn't exist.");
    if (!replace && !f->event_invoke_config)
        throw AwsError("ResourceNotFoundException", 404, "The function " + qualified_function_arn(ref) + " doesn't have an EventInvokeConfig");
    return ctx.json(ctx.world.lambda.put_event_invoke_config(*f, req, replace));
}

// Get and delete answer "doesn't have an EventInvokeConfig" for a missing function, version or
// config alike, naming the qualified ARN (test_ops_on_nonexisting_fn / _version, 25-11-2025).
FunctionConfig& existing_event_config(CommandContext& ctx) {
    const FunctionRef ref = function_ref_arg(ctx);
    FunctionConfig* f = event_config_target(ctx, ref);
    if (!f || !f->event_invoke_config)
        throw AwsError("ResourceNotFoundException", 404, "The function " + qualified_function_arn(ref) + " doesn't have an EventInvokeConfig");
    return *f;
}

CommandResult cmd_get_event_invoke_config(CommandContext& ctx) {
    return ctx.json(ctx.world.lambda.event_invoke_config_json(existing_event_config(ctx)));
}

CommandResult cmd_delete_event_invoke_config(CommandContext& ctx) {
    ctx.world.lambda.delete_event_invoke_config(existing_event_config(ctx));
    return ctx.empty();                             // 204: the CLI prints nothing
}

CommandResult cmd_list_event_invoke_configs(CommandContext& ctx) {
    FunctionConfig* found = event_config_target(ctx, function_ref_arg(ctx));
    if (!found) throw AwsError("ResourceNotFoundException", 404, "The function doesn't exist.");
    FunctionConfig& f = *found;
    ojson list = ojson::array();
    if (f.event_invoke_config) list.push_back(ctx.world.lambda.event_invoke_config_json(f));
    return ctx.json(ojson{{"FunctionEventInvokeConfigs", list}});
}

// [SECTION] lab fail

const char* kFailUsage = "lab fail FUNCTION [always|off|first N|rate P] [--type T] [--message M] [--duration D|default]";

CommandResult fail_usage(const std::string& message) {
    return {"", std::string("usage: ") + kFailUsage + "\nlab: error: " + message + "\n", kExitUsage};
}

CommandResult lab_fail(Shell& sh, const std::vector<std::string>& a) {
    if (a.empty()) return fail_usage("expected a FUNCTION name");
    World& w = sh.world();
    FunctionConfig* f = w.lambda.find_function(a[0]);
    if (!f) return fail_usage("no function named '" + a[0] + "' (try: aws lambda list-functions)");
    FailureInjection next = f->failure;
    bool mode_given = false;
    for (std::size_t i = 1; i < a.size(); ++i) {
        const std::string& word = a[i];
        auto value = [&](const char* what) -> const std::string* {
            if (i + 1 >= a.size()) return nullptr;
            (void)what;
            return &a[++i];
        };
        if (word == "always" || word == "off") {
            next.mode = word == "always" ? FailureInjection::Mode::Always : FailureInjection::Mode::Off;
            mode_given = true;
        } else if (word == "first") {
            const std::string* n = value("N");
            char* end = nullptr;
            const long v = n ? std::strtol(n->c_str(), &end, 10) : 0;
            if (!n || n->empty() || *end || v < 1 || v > 1000) return fail_usage("first N: N must be a whole number from 1 to 1000");
            next.mode = FailureInjection::Mode::FirstN;
            next.first_n = static_cast<int>(v);
            mode_given = true;
        } else if (word == "rate") {
            const std::string* p = value("P");
            char* end = nullptr;
            const double v = p ? std::strtod(p->c_str(), &end) : -1;
            if (!p || p->empty() || *end || !(v >= 0 && v <= 1)) return fail_usage("rate P: P must be a probability from 0 to 1 (e.g. 0.3)");
            next.mode = FailureInjection::Mode::Rate;
            next.rate = v;
            mode_given = true;
        } else if (word == "--type") {
            const std::string* t = value("T");
            if (!t || t->empty()) return fail_usage("--type needs an exception name, e.g. ValueError");
            for (char c : *t)
                if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.')
                    return fail_usage("--type must be a Python exception name, e.g. ValueError");
            next.error_type = *t;
        } else if (word == "--message") {
            const std::string* m = value("M");
            if (!m) return fail_usage("--message needs a text");
            next.error_message = *m;
        } else if (word == "--duration") {
            const std::string* d = value("D");
            if (!d) return fail_usage("--duration needs a duration such as 500ms or 2s, or 'default'");
            if (*d == "default") next.duration_ms.reset();
            else {
                TimeMs ms = 0;
                const DurationParse p = parse_duration(*d, ms);
                if (p == DurationParse::TooLong || (p == DurationParse::Ok && ms > 900'000))
                    return fail_usage("duration '" + *d + "' is too long: at most 15m (the longest Lambda timeout)");
                if (p != DurationParse::Ok) return fail_usage("invalid duration '" + *d + "' (try 500ms, 2s; at most 15m)");
                next.duration_ms = ms;
            }
        } else {
            return fail_usage("unexpected argument '" + word + "'");
        }
    }
    std::string out;
    if (a.size() > 1) {
        if (mode_given) next.attempts_seen = 0;     // "first N" counts from now
        f->failure = next;
        ojson detail{{"function", f->name}, {"setting", f->failure.describe()}};
        w.record("lab.fail", {}, detail);
    }
    out = f->name + ": " + f->failure.describe() + "\n";
    if (f->failure.duration_ms && *f->failure.duration_ms >= static_cast<TimeMs>(f->timeout_s) * 1000)
        out += "note: longer than the function timeout (" + std::to_string(f->timeout_s) +
               "s): attempts will time out with Sandbox.Timedout\n";
    return {out, "", kExitOk};
}

} // namespace

void register_lambda_commands(Shell& shell) {
    CommandRegistry& r = shell.registry();
    r.add({"lambda", "invoke", "Invoke",
           {{"--function-name", true, true}, {"--payload"}, {"--invocation-type"}, {"--log-type"}, {"--client-context"}, {"--qualifier"}},
           {"outfile"}, cmd_invoke});
    r.add({"lambda", "list-functions", "ListFunctions", {{"--max-items"}, {"--function-version"}, {"--master-region"}}, {}, cmd_list_functions});
    r.add({"lambda", "get-function-configuration", "GetFunctionConfiguration", {{"--function-name", true, true}, {"--qualifier"}}, {},
           cmd_get_function_configuration});
    r.add({"lambda", "update-function-configuration", "UpdateFunctionConfiguration",
           {{"--function-name", true, true}, {"--dead-letter-config"}, {"--timeout"}, {"--memory-size"}, {"--description"}}, {},
           cmd_update_function_configuration});
    const std::vector<OptionSpec> eic = {{"--function-name", true, true}, {"--qualifier"}, {"--maximum-retry-attempts"},
                                         {"--maximum-event-age-in-seconds"}, {"--destination-config"}};
    r.add({"lambda", "put-function-event-invoke-config", "PutFunctionEventInvokeConfig", eic, {},
           [](CommandContext& c) { return cmd_put_event_invoke_config(c, true); }});
    r.add({"lambda", "update-function-event-invoke-config", "UpdateFunctionEventInvokeConfig", eic, {},
           [](CommandContext& c) { return cmd_put_event_invoke_config(c, false); }});
    r.add({"lambda", "get-function-event-invoke-config", "GetFunctionEventInvokeConfig", {{"--function-name", true, true}, {"--qualifier"}}, {},
           cmd_get_event_invoke_config});
    r.add({"lambda", "delete-function-event-invoke-config", "DeleteFunctionEventInvokeConfig",
           {{"--function-name", true, true}, {"--qualifier"}}, {}, cmd_delete_event_invoke_config});
    r.add({"lambda", "list-function-event-invoke-configs", "ListFunctionEventInvokeConfigs",
           {{"--function-name", true, true}, {"--max-items"}}, {}, cmd_list_event_invoke_configs});
    shell.add_lab("fail", {kFailUsage, "Make a function's handler fail (always, first N attempts, rate P) or slow.",
                           "함수 핸들러가 실패하도록(항상, 처음 N번, 확률 P) 또는 느리게 만듭니다.", lab_fail});
}

} // namespace invokelab
