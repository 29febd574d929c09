// Invoke Lab core: deploying code from the terminal.
//
// Index
//   [SECTION] aws lambda get-function / update-function-code
//   [SECTION] lab code put / lab code builtin, zip
//
// The editor in the page deploys through these same lines, so sessions, share links and
// replays rebuild the code (core/learn/CONTRACT.md, "Code"):
//   lab code put lambda_function.py <base64url of the UTF-8 source, no padding>
//   zip function.zip lambda_function.py
//   aws lambda update-function-code --function-name demo-lambda --zip-file fileb://function.zip
#include "lambda/function_ref.h"
#include "shell/shell.h"
#include "util/base64.h"
#include "util/zip.h"

namespace invokelab {
namespace {

FunctionConfig& function_arg(CommandContext& ctx) {
    std::optional<std::string> qualifier;
    if (ctx.args.values.count("--qualifier")) qualifier = ctx.args.get("--qualifier");
    const FunctionRef ref = parse_function_ref(ctx.args.get("--function-name"), qualifier, ctx.region(), ctx.world.account_id);
    std::string name = ref.name + (ref.qualifier.empty() ? "" : ":" + ref.qualifier);
    if (ref.account != ctx.world.account_id) name = ref.account + ":function:" + name;
    return ctx.world.lambda.require_function(name, ctx.region(), false);
}

// [SECTION] aws lambda get-function / update-function-code

CommandResult cmd_get_function(CommandContext& ctx) {
    const FunctionConfig& f = function_arg(ctx);
    // Output shape of GetFunction [BOTO]: Configuration, Code {RepositoryType, Location}.
    ojson out;
    out["Configuration"] = ctx.world.lambda.configuration_json(f, true);
    out["Code"] = ojson{{"RepositoryType", "S3"}, {"Location", ctx.world.lambda.code_location(f)}};
    return ctx.json(out);
}

CommandResult cmd_update_function_code(CommandContext& ctx) {
    if (!ctx.args.values.count("--zip-file"))
        // This lab takes only a ZIP; S3 and image sources are not simulated.
        throw AwsError("InvalidParameterValueException", 400, "Please provide a source for function code.");
    const std::string raw = ctx.args.get("--zip-file");
    std::string bytes;
    if (raw.rfind("fileb://", 0) == 0 || raw.rfind("file://", 0) == 0) {
        bytes = ctx.value_or_file("--zip-file");
    } else {
        // A blob given inline is base64 text for CLI v2 (the default --cli-binary-format base64).
        auto decoded = base64_decode(raw);
        if (!decoded) throw ParamError("Invalid base64: \"" + raw + "\"", kExitGeneral);
        bytes = *decoded;
    }
    FunctionConfig& f = function_arg(ctx);
    ctx.world.lambda.deploy_code(f, bytes);
    // Like update-function-configuration, the response reports the update still in progress.
    return ctx.json(ctx.world.lambda.configuration_json(f, true, "InProgress"));
}

// [SECTION] lab code put / lab code builtin, zip

const char* kCodeUsage = "lab code put FILE BASE64URL | lab code builtin FUNCTION";

CommandResult code_usage(const std::string& message) {
    return {"", std::string("usage: ") + kCodeUsage + "\nlab: error: " + message + "\n", kExitUsage};
}

CommandResult lab_code(Shell& sh, const std::vector<std::string>& a) {
    World& w = sh.world();
    if (a.size() == 3 && a[0] == "put") {
        auto text = base64url_decode(a[2]);
        if (!text) return code_usage("BASE64URL is not base64url text (A-Z a-z 0-9 - _, no padding)");
        if (a[1].empty() || a[1].back() == '/') return code_usage("FILE must be a file name such as lambda_function.py");
        w.files.write(a[1], *text);
        w.record("lab.code-put", {}, ojson{{"file", VirtualFs::normalise(a[1])}, {"bytes", text->size()}});
        return {"wrote " + VirtualFs::normalise(a[1]) + " (" + std::to_string(text->size()) + " bytes)\n", "", kExitOk};
    }
    if (a.size() == 2 && a[0] == "builtin") {
        FunctionConfig* f = w.lambda.find_function(a[1]);
        if (!f) return code_usage("no function named '" + a[1] + "' (try: aws lambda list-functions)");
        w.lambda.remove_code(*f);
        return {f->name + ": runs the built-in handler again (lab fail applies)\n", "", kExitOk};
    }
    return code_usage(a.empty() ? "expected put or builtin" : "unexpected arguments");
}

} // namespace

// `zip ARCHIVE FILE…` of the virtual files: stored entries, as `zip -0` makes them, and the
// "  adding: NAME (stored 0%)" lines Info-ZIP prints for them.
CommandResult run_zip(World& w, const std::vector<std::string>& words) {
    if (words.size() < 3) return {"", "zip error: Nothing to do! (try: zip function.zip lambda_function.py)\n", 12};
    std::map<std::string, std::string> files;
    std::string out;
    for (std::size_t i = 2; i < words.size(); ++i) {
        auto content = w.files.read(words[i]);
        if (!content) return {"", "zip warning: name not matched: " + words[i] + "\n\nzip error: Nothing to do! (" + words[1] + ")\n", 12};
        files[VirtualFs::normalise(words[i])] = *content;
    }
    for (const auto& [name, data] : files) out += "  adding: " + name + " (stored 0%)\n";
    w.files.write(words[1], zip_write(files));
    return {out, "", kExitOk};
}

void register_code_commands(Shell& shell) {
    CommandRegistry& r = shell.registry();
    r.add({"lambda", "get-function", "GetFunction", {{"--function-name", true, true}, {"--qualifier"}}, {}, cmd_get_function});
    r.add({"lambda", "update-function-code", "UpdateFunctionCode",
           {{"--function-name", true, true}, {"--zip-file"}, {"--publish", false}, {"--no-publish", false}, {"--dry-run", false},
            {"--no-dry-run", false}, {"--revision-id"}, {"--architectures", true, false, true}},
           {}, cmd_update_function_code});
    shell.add_lab("code", {kCodeUsage, "Write a code file (base64url) for zip, or go back to the built-in handler.",
                           "코드 파일을 씁니다(base64url, zip용), 또는 기본 제공 핸들러로 되돌립니다.", lab_code});
}

} // namespace invokelab
