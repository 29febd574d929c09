// Invoke Lab core: small argument helpers shared by the sqs / sns / iam / logs commands.
//
// Index
//   int_option           an integer option, syntax checked the way the CLI does (Python int())
//   split_values         one option value holding several names ("All ApproximateReceiveCount" or "a,b")
//   message_attributes   --message-attributes JSON -> MessageAttributes (SQS and SNS share the shape)
//   attributes_map       --attributes shorthand or JSON -> string map (CreateQueue, Subscribe)
#pragma once
#include <cctype>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>
#include "services/sqs.h"
#include "shell/command.h"

namespace invokelab::shell_args {

// The CLI converts integer options with Python's int(); a bad value surfaces as that
// ValueError's text, exit 255 (same choice as the lambda commands; UNCONFIRMED wording).
inline std::optional<long long> int_option(const CommandContext& ctx, const std::string& name) {
    if (!ctx.args.values.count(name)) return std::nullopt;
    const std::string text = ctx.args.get(name);
    char* end = nullptr;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || !end || *end) throw ParamError("invalid literal for int() with base 10: '" + text + "'", kExitGeneral);
    return v;
}

// This shell gives each option one value, so a list option arrives as one word;
// spaces and commas both separate items.
inline std::vector<std::string> split_values(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : text) {
        if (c == ' ' || c == ',' || c == '\t') { if (!cur.empty()) out.push_back(cur); cur.clear(); }
        else cur += c;
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

inline MessageAttributes message_attributes(const CommandContext& ctx, const std::string& option) {
    MessageAttributes attrs;
    if (!ctx.args.has(option)) return attrs;
    const std::string text = ctx.value_or_file(option);
    const ojson j = ojson::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        throw ParamError("Error parsing parameter '" + option + "': Invalid JSON: " + text);
    for (const auto& [name, v] : j.items()) {
        if (!v.is_object() || !v.contains("DataType") || !v["DataType"].is_string())
            throw ParamError("Parameter validation failed:\nMissing required parameter in MessageAttributes." + name + ": \"DataType\"");
        MessageAttributeValue a;
        a.data_type = v["DataType"].get<std::string>();
        if (v.contains("StringValue") && v["StringValue"].is_string()) a.string_value = v["StringValue"].get<std::string>();
        else if (v.contains("BinaryValue") && v["BinaryValue"].is_string()) a.string_value = v["BinaryValue"].get<std::string>();
        attrs[name] = a;
    }
    return attrs;
}

// Map<String,String> options: shorthand K=V,K=V or a JSON object whose values must be strings
// (botocore rejects other types before sending anything).
inline std::map<std::string, std::string> attributes_map(const CommandContext& ctx, const std::string& option) {
    std::map<std::string, std::string> out;
    if (!ctx.args.has(option)) return out;
    ojson j;
    std::string error;
    if (!parse_shorthand_or_json(ctx.value_or_file(option), j, error) || !j.is_object())
        throw ParamError("Error parsing parameter '" + option + "': " + (error.empty() ? "Expected a map" : error));
    for (const auto& [k, v] : j.items()) {
        if (!v.is_string())
            throw ParamError("Parameter validation failed:\nInvalid type for parameter Attributes." + k + ", value: " + v.dump() +
                             ", type: <class '" + (v.is_number_integer() ? "int" : v.is_boolean() ? "bool" : v.is_number() ? "float" : "dict") +
                             "'>, valid types: <class 'str'>");
        out[k] = v.get<std::string>();
    }
    return out;
}

} // namespace invokelab::shell_args
