// Invoke Lab core: a FunctionName (+ Qualifier) as Lambda reads and validates it, before any
// lookup (reference §1.2, recorded in localstack test_lambda_api.snapshot.json:
// test_function_name_and_qualifier_validation, test_ops_with_arn_qualifier_mismatch,
// test_get_function_wrong_region, all 25-11-2025).
//
// Index
//   FunctionRef              name, qualifier (empty = none), region and account it names
//   parse_function_ref       pattern and length checks (ValidationException, every problem in one
//                            message, qualifier first), derived-vs-given qualifier mismatch
//                            (InvalidParameterValueException), an ARN of another Region (404)
//   qualified_function_arn   arn:aws:lambda:<region>:<account>:function:<name>:<qualifier or $LATEST>
#pragma once
#include <optional>
#include <string>

namespace invokelab {

struct FunctionRef {
    std::string name;
    std::string qualifier;                          // from the name or --qualifier; "" when neither gives one
    std::string region, account;
};

// The patterns Lambda quotes in its ValidationException messages (Invoke and the function operations).
extern const char* const kFunctionNamePattern;
extern const char* const kQualifierPattern;
// The same in ECMAScript syntax (util/pattern.h), anchored: what parse_function_ref matches.
extern const char* const kFunctionNameRegex;
extern const char* const kQualifierRegex;

FunctionRef parse_function_ref(const std::string& function_name, const std::optional<std::string>& qualifier,
                               const std::string& client_region, const std::string& client_account);
std::string qualified_function_arn(const FunctionRef& ref);

} // namespace invokelab
