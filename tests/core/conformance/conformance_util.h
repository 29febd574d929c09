// Shared by the conformance suites: each TEST reproduces one response recorded against real AWS
// (LocalStack's AWS-validated snapshot files, ids replaced by placeholders) or one piece of
// the pinned AWS CLI's source, and compares shapes and constants. The citations name the
// snapshot file and test (localstack/localstack commit 8b9a79f0, 2026-03-23) or the CLI file
// (aws/aws-cli v2 at 2.36.7, commit 73fb33bb).
#pragma once
#include <string>
#include <gtest/gtest.h>
#include "shell/shell.h"

namespace invokelab::conformance {

inline const std::string kFunctionArn = "arn:aws:lambda:ap-northeast-2:123456789012:function:demo-lambda";

// The pattern Invoke and the other function operations quote for a bad FunctionName
// (test_lambda_api.snapshot.json, test_function_name_and_qualifier_validation[*-invoke]).
inline const std::string kNamePattern =
    R"((arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_\.]+)(:(\$LATEST(\.PUBLISHED)?|[a-zA-Z0-9-_]+))?)";
inline const std::string kQualifierPattern = R"(\$(LATEST(\.PUBLISHED)?)|[a-zA-Z0-9-_$]+)";

// stderr of a service error under the CLI's default `enhanced` error format: the error line,
// then the modelled fields other than code and message (Lambda's `Type`).
inline std::string service_error(const std::string& operation, const std::string& code, const std::string& message,
                                 bool typed = true) {
    std::string s = "\naws: [ERROR]: An error occurred (" + code + ") when calling the " + operation + " operation: " + message + "\n";
    if (typed) s += "\nAdditional error details:\nType: User\n";
    return s;
}

inline std::string name_validation(const std::string& value) {
    return "1 validation error detected: Value '" + value +
           "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: " + kNamePattern;
}

// Runs one line and checks it failed with exactly this stderr and exit code 254.
inline void expect_service_error(Shell& sh, const std::string& line, const std::string& operation, const std::string& code,
                                 const std::string& message, bool typed = true) {
    const CommandResult r = sh.run(line);
    EXPECT_EQ(r.exit_code, 254) << line;
    EXPECT_EQ(r.out, "") << line;
    EXPECT_EQ(r.err, service_error(operation, code, message, typed)) << line;
}

} // namespace invokelab::conformance
