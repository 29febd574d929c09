#include "lambda/function_ref.h"
#include <vector>
#include "aws/arn.h"
#include "aws/errors.h"
#include "util/pattern.h"

namespace invokelab {

const char* const kFunctionNamePattern =
    R"((arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_\.]+)(:(\$LATEST(\.PUBLISHED)?|[a-zA-Z0-9-_]+))?)";
const char* const kQualifierPattern = R"(\$(LATEST(\.PUBLISHED)?)|[a-zA-Z0-9-_$]+)";

// The same patterns in ECMAScript syntax: the quoted Java text puts '-' between ranges ("0-9-_"),
// which ECMAScript does not accept, so the dash is escaped here. Matched whole, as Java's
// matches() does. Groups: 3 region + ':', 9 account + ':', 11 name, 13 qualifier.
const char* const kFunctionNameRegex =
    R"(^(arn:(aws[a-zA-Z\-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9\-_.]+)(:(\$LATEST(\.PUBLISHED)?|[a-zA-Z0-9\-_]+))?$)";
const char* const kQualifierRegex = R"(^(\$(LATEST(\.PUBLISHED)?)|[a-zA-Z0-9\-_$]+)$)";

namespace {

const Pattern& name_pattern() {
    static const Pattern p(kFunctionNameRegex);
    return p;
}

const Pattern& qualifier_pattern() {
    static const Pattern p(kQualifierRegex);
    return p;
}

std::string without_colon(const std::string& s) { return s.empty() ? s : s.substr(0, s.size() - 1); }

} // namespace

FunctionRef parse_function_ref(const std::string& function_name, const std::optional<std::string>& qualifier,
                               const std::string& client_region, const std::string& client_account) {
    std::vector<std::string> problems;
    if (qualifier) {
        if (qualifier->size() > 128)
            problems.push_back("Value '" + *qualifier + "' at 'qualifier' failed to satisfy constraint: Member must have length less than or equal to 128");
        else if (!qualifier_pattern().match(*qualifier))
            problems.push_back("Value '" + *qualifier + "' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: " +
                               kQualifierPattern);
    }
    Pattern::Groups m;
    const bool name_ok = name_pattern().match(function_name, &m);
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
    auto group = [&](std::size_t i) { return m[i] ? function_name.substr(m[i]->begin, m[i]->end - m[i]->begin) : std::string(); };
    ref.name = group(11);
    ref.region = m[3] ? without_colon(group(3)) : client_region;
    ref.account = m[9] ? without_colon(group(9)) : client_account;
    const std::string derived = group(13);
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
