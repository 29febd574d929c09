// Invoke Lab core: small argument helpers shared by the sqs / sns / iam / logs commands.
//
// Index
//   int_option           an integer option, syntax checked the way the CLI does (Python int()), any size
//   check_min            botocore's client-side minimum (ParamValidation, exit 252)
//   split_values         one option value holding several names ("All ApproximateReceiveCount" or "a,b")
//   split_words          a list option's items separated by spaces only (shorthand items hold commas)
//   parse_long           Python int() of a whole string; nullopt when it is not an integer
//   message_attributes   --message-attributes JSON -> MessageAttributes (SQS and SNS share the shape)
//   attributes_map       --attributes shorthand or JSON -> string map (CreateQueue, Subscribe)
#pragma once
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>
#include "lambda/python_style.h"
#include "services/sqs.h"
#include "shell/command.h"
#include "util/json_text.h"
#include "util/utf8.h"

namespace invokelab::shell_args {

// An integer option as the CLI reads it: awscli's argprocess converts integer parameters with
// Python's int(), so any size gets through to botocore and the service. `value` is that number
// saturated to int64 (for comparisons), `text` is str(int(...)) (for messages).
struct IntArg {
    long long value = 0;
    std::string text;
};

// Python's int(text, 10): surrounding whitespace, one sign, ASCII digits with single '_'
// between them. Returns nullopt where int() raises ValueError.
inline std::optional<IntArg> parse_python_int(const std::string& raw) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
    std::size_t b = 0, e = raw.size();
    while (b < e && space(raw[b])) ++b;
    while (e > b && space(raw[e - 1])) --e;
    bool negative = false;
    if (b < e && (raw[b] == '+' || raw[b] == '-')) negative = raw[b++] == '-';
    std::string digits;
    for (std::size_t i = b; i < e; ++i) {
        const char c = raw[i];
        if (c == '_' && i > b && i + 1 < e && std::isdigit(static_cast<unsigned char>(raw[i - 1])) &&
            std::isdigit(static_cast<unsigned char>(raw[i + 1])))
            continue;
        if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
        digits += c;
    }
    if (digits.empty()) return std::nullopt;
    const std::size_t nz = digits.find_first_not_of('0');
    digits = nz == std::string::npos ? "0" : digits.substr(nz);
    IntArg out;
    out.text = (negative && digits != "0" ? "-" : "") + digits;
    // Saturate: more than 19 digits, or 19 digits past 9223372036854775807, is beyond int64.
    const std::string max_digits = "9223372036854775807";
    const bool beyond = digits.size() > max_digits.size() || (digits.size() == max_digits.size() && digits > max_digits);
    if (beyond) out.value = negative ? INT64_MIN : INT64_MAX;
    else out.value = negative ? -static_cast<long long>(std::stoull(digits)) : static_cast<long long>(std::stoull(digits));
    return out;
}

// A bad literal surfaces as int()'s ValueError text, exit 255 (UNCONFIRMED wording, as the
// lambda commands).
inline std::optional<IntArg> int_option(const CommandContext& ctx, const std::string& name) {
    if (!ctx.args.values.count(name)) return std::nullopt;
    const std::string text = ctx.args.get(name);
    auto v = parse_python_int(text);
    if (!v) throw ParamError("invalid literal for int() with base 10: '" + text + "'", kExitGeneral);
    return v;
}

// botocore's client-side check (validate.py range_check): only the model's `min`, before any
// request is sent; the maximum is the service's to refuse.
inline void check_min(const IntArg& v, const std::string& api_name, long long min_value) {
    if (v.value < min_value)
        throw ParamError("Parameter validation failed:\nInvalid value for parameter " + api_name + ", value: " + v.text +
                         ", valid min value: " + std::to_string(min_value));
}

// The CLI gets its arguments from argv decoded with surrogateescape: a byte that is not UTF-8
// becomes U+DC80+byte, and serializing the request then fails with Python's UnicodeEncodeError,
// printed as it is, exit 255. The position counts characters (UNCONFIRMED: which string's
// position the CLI reports; here the option's own value).
inline void require_utf8(const std::string& text) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++chars) {
        const auto b = static_cast<unsigned char>(text[i]);
        const std::size_t len = utf8_sequence_length(text, i);
        const bool ok = len > 0;
        if (!ok) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "%04x", 0xDC00u + b);
            throw ParamError("'utf-8' codec can't encode character '\\u" + std::string(buf) + "' in position " + std::to_string(chars) +
                                 ": surrogates not allowed",
                             kExitGeneral);
        }
        i += len;
    }
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

// botocore's "invalid type" report (validate.py): the value as Python prints it and its type.
inline std::string python_type_name(const ojson& v) {
    switch (v.type()) {
    case ojson::value_t::string: return "str";
    case ojson::value_t::boolean: return "bool";
    case ojson::value_t::number_float: return "float";
    case ojson::value_t::number_integer:
    case ojson::value_t::number_unsigned: return "int";
    case ojson::value_t::array: return "list";
    case ojson::value_t::object: return "dict";
    default: return "NoneType";
    }
}

[[noreturn]] inline void invalid_type(const std::string& path, const ojson& v, const std::string& valid_type) {
    throw ParamError("Parameter validation failed:\nInvalid type for parameter " + path + ", value: " + python_repr(v) + ", type: <class '" +
                     python_type_name(v) + "'>, valid types: <class '" + valid_type + "'>");
}

inline std::vector<std::string> split_words(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n') { if (!cur.empty()) out.push_back(cur); cur.clear(); }
        else cur += c;
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

inline std::optional<long long> parse_long(const std::string& text) {
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || !end || *end || errno == ERANGE) return std::nullopt;
    return v;
}

inline MessageAttributes message_attributes(const CommandContext& ctx, const std::string& option) {
    MessageAttributes attrs;
    if (!ctx.args.has(option)) return attrs;
    const std::string text = ctx.value_or_file(option);
    const ojson j = parse_learner_json(text);
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
    if (!parse_shorthand_or_json(ctx.value_or_file(option), j, error, ctx.file_reader()) || !j.is_object())
        throw ParamError("Error parsing parameter '" + option + "': " + (error.empty() ? "Expected a map" : error));
    for (const auto& [k, v] : j.items()) {
        if (!v.is_string()) invalid_type("Attributes." + k, v, "str");
        out[k] = v.get<std::string>();
    }
    return out;
}

} // namespace invokelab::shell_args
