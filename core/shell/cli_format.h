// Invoke Lab core: what the AWS CLI prints, byte for byte, for the pinned CLI version.
//
// Pinned: AWS CLI v2 2.36.7 (aws/aws-cli branch v2, commit 73fb33bb, 2026-07-23), i.e. the
// 2.34+ behaviour of reference §1.4: every error line starts with "aws: [ERROR]: ", the
// default `enhanced` error format adds "Additional error details:" for modelled error
// fields, and usage errors put the error first and the usage text last. Sources, per function:
//
// Index
//   kCliVersion           the version string the docs and `lab help` quote
//   cli_text              --output text   (awscli/text.py)
//   cli_yaml              --output yaml   (awscli/formatter.py YAMLDumper: ruamel.yaml safe dumper,
//                                          block style, keys sorted, width 80)
//   cli_table             --output table  (awscli/formatter.py TableFormatter + awscli/table.py,
//                                          not a terminal: 80 columns, no colour)
//   cli_error_line        awscli/errorformat.py write_error: "\naws: [ERROR]: <message stripped>\n"
//   service_error_text    awscli/errorhandler.py ClientErrorHandler + EnhancedErrorFormatter
//   param_error_text      ParamValidationErrorsHandler (exit 252): "An error occurred (ParamValidation): …"
//   usage_error_text      argparse errors (awscli/argparser.py CLIArgParser.error): message, blank line, usage
//   unknown_options_text  UnknownArgumentErrorHandler: usage first, then the error line
//   invalid_choice        CLIArgParser._check_value: "Found invalid choice 'x'" + difflib close matches
//   close_matches         difflib.get_close_matches(word, choices, n=3, cutoff=0.8)
//   display_width         awscli/table.py get_text_length (East Asian wide/fullwidth/ambiguous = 2)
#pragma once
#include <string>
#include <vector>
#include "util/json.h"

namespace invokelab {

inline constexpr const char* kCliVersion = "2.36.7";

std::string cli_text(const ojson& body);
std::string cli_yaml(const ojson& body);
// The YAML 1.2 resolver's non-string patterns (bool, null, int, float, timestamp), ECMAScript
// syntax for util/pattern.h: a plain scalar that matches one is quoted by cli_yaml.
extern const char* const kYamlNonStringRegexes[5];
std::string cli_table(const std::string& title, const ojson& body);

std::string cli_error_line(const std::string& message);
// A service error; `type` is Lambda's modelled Type field ("" when the error shape has none).
std::string service_error_text(const std::string& code, const std::string& operation, const std::string& message,
                               const std::string& type);
std::string param_error_text(const std::string& message);
std::string usage_error_text(const std::string& message);
std::string unknown_options_text(const std::string& list);
std::string invalid_choice(const std::string& argument, const std::string& value, const std::vector<std::string>& choices);
std::vector<std::string> close_matches(const std::string& word, const std::vector<std::string>& choices);
std::size_t display_width(const std::string& utf8);

} // namespace invokelab
