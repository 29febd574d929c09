#include "lambda/function_ref.h"
#include <regex>
#include <vector>
#include "aws/arn.h"
#include "aws/errors.h"

namespace invokelab {

const char* const kFunctionNamePattern =
    R"((arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_\.]+)(:(\$LATEST(\.PUBLISHED)?|[a-zA-Z0-9-_]+))?)";
const char* const kQualifierPattern = R"(\$(LATEST(\.PUBLISHED)?)|[a-zA-Z0-9-_$]+)";

namespace {

// The same patterns for std::regex (ECMAScript): the quoted Java text puts '-' between ranges
// ("0-9-_"), which ECMAScript does not accept, so the dash is escaped here. Matched whole, as
// Java's matches() does. Groups: 3 region + ':', 9 account + ':', 11 name, 13 qualifier.
const std::regex& name_regex() {
    static const std::regex r(
        R"(^(arn:(aws[a-zA-Z\-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9\-_.]+)(:(\$LATEST(\.PUBLISHED)?|[a-zA-Z0-9\-_]+))?$)");
    return r;
}

const std::regex& qualifier_regex() {
    static const std::regex r(R"(^(\$(LATEST(\.PUBLISHED)?)|[a-zA-Z0-9\-_$]+)$)");
    return r;
}

std::string without_colon(const std::string& s) { return s.empty() ? s : s.substr(0, s.size() - 1); }

} // namespace

FunctionRef parse_function_ref(const std::string& function_name, const std::optional<std::string>& qualifier,
                               const std::string& client_region, const std::string& client_account) {
    std::vector<std::string> problems;
    if (qualifier) {
        if (qualifier->size() > 128)
            problems.push_back("Value '" + *qualifier + "' at 'qualifier' failed to satisfy constraint: Member must have length less than or equal to 128");
        else if (!std::regex_match(*qualifier, qualifier_regex()))
            problems.push_back("Value '" + *qualifier + "' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: " +
                               kQualifierPattern);
    }
    std::smatch m;
    const bool name_ok = std::regex_match(function_name, m, name_regex());
    if (!name_ok)
        problems.push_back("Value '" + function_name +
                           "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: " + kFunctionNamePattern);
    if (!problems.empty()) {
        // UNCONFIRMED beyond the recorded two-problem case: the problems joined with "; ".
        std::string message = std::to_string(problems.size()) + " validation error" + (problems.size() > 1 ? "s" : "") + " detected: ";
        for (std::size_t i = 0; i < problems.size(); ++i) message += (i ? "; " : "") + problems[i];
        throw AwsError("ValidationException", 400, message);
    }
    FunctionRef ref;
    ref.name = m[11].str();
    ref.region = m[3].matched ? without_colon(m[3].str()) : client_region;
    ref.account = m[9].matched ? without_colon(m[9].str()) : client_account;
    const std::string derived = m[13].matched ? m[13].str() : "";
    if (!derived.empty() && qualifier && *qualifier != derived)
        throw AwsError("InvalidParameterValueException", 400, "The derived qualifier from the function name does not match the specified qualifier.");
    ref.qualifier = !derived.empty() ? derived : qualifier.value_or("");
    if (ref.region != client_region)
        throw AwsError("ResourceNotFoundException", 404,
                       "Functions from '" + ref.region + "' are not reachable in this region ('" + client_region + "')");
    return ref;
}

std::string qualified_function_arn(const FunctionRef& ref) {
    return lambda_function_arn(ref.region, ref.account, ref.name) + ":" + (ref.qualifier.empty() ? "$LATEST" : ref.qualifier);
}

} // namespace invokelab
