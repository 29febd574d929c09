// What the pinned AWS CLI (v2 2.36.7, aws/aws-cli branch v2 commit 73fb33bb) prints around the
// service's answer: output formats, error lines, usage errors, timestamps. Each TEST names the CLI
// source file it reproduces. The expected text/yaml/table blocks were produced once by the CLI's
// own formatters (awscli/text.py, awscli/formatter.py YAMLDumper with ruamel.yaml 0.17, and
// TableFormatter + awscli/table.py at 80 columns, colour off) from the same response dicts.
#include <gtest/gtest.h>
#include "conformance_util.h"
#include "lambda_test_util.h"
#include "shell/cli_format.h"

using namespace invokelab;
using namespace invokelab::conformance;

namespace {

const ojson kInvokeResponse = ojson::parse(R"({"StatusCode": 200, "FunctionError": "Unhandled", "ExecutedVersion": "$LATEST"})");
const ojson kEventInvokeConfig = ojson::parse(R"({"LastModified": "2026-03-02T09:00:00+00:00",
    "FunctionArn": "arn:aws:lambda:ap-northeast-2:123456789012:function:demo-lambda:$LATEST", "MaximumRetryAttempts": 0,
    "MaximumEventAgeInSeconds": 3600, "DestinationConfig": {"OnSuccess": {},
    "OnFailure": {"Destination": "arn:aws:sqs:ap-northeast-2:123456789012:on-failure"}}})");
const ojson kReceive = ojson::parse(R"({"Messages": [{"MessageId": "m-1", "ReceiptHandle": "rh-1",
    "MD5OfBody": "6e2baaf3b97dbeef01c0043275f9a0e7",
    "Body": "{\"key1\": \"value1\", \"note\": \"a long body that keeps going past the eighty column limit of the emitter\"}",
    "Attributes": {"SenderId": "AIDA", "ApproximateReceiveCount": "2"},
    "MessageAttributes": {"ErrorCode": {"StringValue": "200", "DataType": "Number"},
                          "ErrorMessage": {"StringValue": "주문 번호가 없습니다", "DataType": "String"}}}]})");
const ojson kListQueues = ojson::parse(R"({"QueueUrls": ["https://sqs.ap-northeast-2.amazonaws.com/123456789012/a",
    "https://sqs.ap-northeast-2.amazonaws.com/123456789012/b"]})");

const std::string k_invoke_text =
    "$LATEST\tUnhandled\t200\n";
const std::string k_invoke_yaml =
    "ExecutedVersion: $LATEST\n"
    "FunctionError: Unhandled\n"
    "StatusCode: 200\n";
const std::string k_invoke_table =
    "----------------------------------------------------\n"
    "|                      Invoke                      |\n"
    "+-----------------+-----------------+--------------+\n"
    "| ExecutedVersion |  FunctionError  | StatusCode   |\n"
    "+-----------------+-----------------+--------------+\n"
    "|  $LATEST        |  Unhandled      |  200         |\n"
    "+-----------------+-----------------+--------------+\n";
const std::string k_eic_text =
    "arn:aws:lambda:ap-northeast-2:123456789012:function:demo-lambda:$LATEST\t2026-03-02T09:00:00+00:00\t3600\t0\n"
    "ONFAILURE\tarn:aws:sqs:ap-northeast-2:123456789012:on-failure\n";
const std::string k_eic_yaml =
    "DestinationConfig:\n"
    "  OnFailure:\n"
    "    Destination: arn:aws:sqs:ap-northeast-2:123456789012:on-failure\n"
    "  OnSuccess: {}\n"
    "FunctionArn: arn:aws:lambda:ap-northeast-2:123456789012:function:demo-lambda:$LATEST\n"
    "LastModified: '2026-03-02T09:00:00+00:00'\n"
    "MaximumEventAgeInSeconds: 3600\n"
    "MaximumRetryAttempts: 0\n";
const std::string k_eic_table =
    "---------------------------------------------------------------------------------------------------------\n"
    "|                                     PutFunctionEventInvokeConfig                                      |\n"
    "+---------------------------+---------------------------------------------------------------------------+\n"
    "|  FunctionArn              |  arn:aws:lambda:ap-northeast-2:123456789012:function:demo-lambda:$LATEST  |\n"
    "|  LastModified             |  2026-03-02T09:00:00+00:00                                                |\n"
    "|  MaximumEventAgeInSeconds |  3600                                                                     |\n"
    "|  MaximumRetryAttempts     |  0                                                                        |\n"
    "+---------------------------+---------------------------------------------------------------------------+\n"
    "||                                          DestinationConfig                                          ||\n"
    "|+-----------------------------------------------------------------------------------------------------+|\n"
    "|||                                             OnFailure                                             |||\n"
    "||+--------------------+------------------------------------------------------------------------------+||\n"
    "|||  Destination       |  arn:aws:sqs:ap-northeast-2:123456789012:on-failure                          |||\n"
    "||+--------------------+------------------------------------------------------------------------------+||\n";
const std::string k_receive_text =
    "MESSAGES\t{\"key1\": \"value1\", \"note\": \"a long body that keeps going past the eighty column limit of the emitter\"}\t6e2baaf3b97dbeef01c0043275f9a0e7\tm-1\trh-1\n"
    "ATTRIBUTES\t2\tAIDA\n"
    "ERRORCODE\tNumber\t200\n"
    "ERRORMESSAGE\tString\t주문 번호가 없습니다\n";
const std::string k_receive_yaml =
    "Messages:\n"
    "- Attributes:\n"
    "    ApproximateReceiveCount: '2'\n"
    "    SenderId: AIDA\n"
    "  Body: '{\"key1\": \"value1\", \"note\": \"a long body that keeps going past the eighty\n"
    "    column limit of the emitter\"}'\n"
    "  MD5OfBody: 6e2baaf3b97dbeef01c0043275f9a0e7\n"
    "  MessageAttributes:\n"
    "    ErrorCode:\n"
    "      DataType: Number\n"
    "      StringValue: '200'\n"
    "    ErrorMessage:\n"
    "      DataType: String\n"
    "      StringValue: 주문 번호가 없습니다\n"
    "  MessageId: m-1\n"
    "  ReceiptHandle: rh-1\n";
const std::string k_receive_table =
    "-------------------------------------------------------------------------------------------------------------------------------\n"
    "|                                                       ReceiveMessage                                                        |\n"
    "+-----------------------------------------------------------------------------------------------------------------------------+\n"
    "||                                                         Messages                                                          ||\n"
    "|+---------------+-----------------------------------------------------------------------------------------------------------+|\n"
    "||  Body         |  {\"key1\": \"value1\", \"note\": \"a long body that keeps going past the eighty column limit of the emitter\"}   ||\n"
    "||  MD5OfBody    |  6e2baaf3b97dbeef01c0043275f9a0e7                                                                         ||\n"
    "||  MessageId    |  m-1                                                                                                      ||\n"
    "||  ReceiptHandle|  rh-1                                                                                                     ||\n"
    "|+---------------+-----------------------------------------------------------------------------------------------------------+|\n"
    "|||                                                       Attributes                                                        |||\n"
    "||+---------------------------------------------------------------------------------------------+---------------------------+||\n"
    "|||  ApproximateReceiveCount                                                                    |  2                        |||\n"
    "|||  SenderId                                                                                   |  AIDA                     |||\n"
    "||+---------------------------------------------------------------------------------------------+---------------------------+||\n"
    "|||                                                    MessageAttributes                                                    |||\n"
    "||+-------------------------------------------------------------------------------------------------------------------------+||\n"
    "||||                                                       ErrorCode                                                       ||||\n"
    "|||+-----------------------------------------------------------------------+-----------------------------------------------+|||\n"
    "||||  DataType                                                             |  Number                                       ||||\n"
    "||||  StringValue                                                          |  200                                          ||||\n"
    "|||+-----------------------------------------------------------------------+-----------------------------------------------+|||\n"
    "||||                                                     ErrorMessage                                                      ||||\n"
    "|||+---------------------------------------------+-------------------------------------------------------------------------+|||\n"
    "||||  DataType                                   |  String                                                                 ||||\n"
    "||||  StringValue                                |  주문 번호가 없습니다                                                   ||||\n"
    "|||+---------------------------------------------+-------------------------------------------------------------------------+|||\n";
const std::string k_listq_text =
    "QUEUEURLS\thttps://sqs.ap-northeast-2.amazonaws.com/123456789012/a\n"
    "QUEUEURLS\thttps://sqs.ap-northeast-2.amazonaws.com/123456789012/b\n";
const std::string k_listq_yaml =
    "QueueUrls:\n"
    "- https://sqs.ap-northeast-2.amazonaws.com/123456789012/a\n"
    "- https://sqs.ap-northeast-2.amazonaws.com/123456789012/b\n";
const std::string k_listq_table =
    "---------------------------------------------------------------\n"
    "|                         ListQueues                          |\n"
    "+-------------------------------------------------------------+\n"
    "||                         QueueUrls                         ||\n"
    "|+-----------------------------------------------------------+|\n"
    "||  https://sqs.ap-northeast-2.amazonaws.com/123456789012/a  ||\n"
    "||  https://sqs.ap-northeast-2.amazonaws.com/123456789012/b  ||\n"
    "|+-----------------------------------------------------------+|\n";

const std::string kUsage = "usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n"
                           "To see help text, you can run:\n\n"
                           "  aws help\n"
                           "  aws <command> help\n"
                           "  aws <command> <subcommand> help\n";

// [SECTION] Output formats

// awscli/text.py: scalars of a dict in sorted key order, nested values on their own lines
// under the upper-cased key.
TEST(CliConformance, TextFormat) {
    EXPECT_EQ(cli_text(kInvokeResponse), k_invoke_text);
    EXPECT_EQ(cli_text(kEventInvokeConfig), k_eic_text);
    EXPECT_EQ(cli_text(kReceive), k_receive_text);
    EXPECT_EQ(cli_text(kListQueues), k_listq_text);
}

// awscli/formatter.py YAMLDumper: ruamel.yaml safe dumper, block style, keys sorted, strings that
// would read as another type quoted, long scalars folded after column 80, UTF-8 kept.
TEST(CliConformance, YamlFormat) {
    EXPECT_EQ(cli_yaml(kInvokeResponse), k_invoke_yaml);
    EXPECT_EQ(cli_yaml(kEventInvokeConfig), k_eic_yaml);
    EXPECT_EQ(cli_yaml(kReceive), k_receive_yaml);
    EXPECT_EQ(cli_yaml(kListQueues), k_listq_yaml);
}

// awscli/formatter.py TableFormatter + awscli/table.py: the operation name as title, wide tables
// turned vertical, Hangul counted as two columns.
TEST(CliConformance, TableFormat) {
    EXPECT_EQ(cli_table("Invoke", kInvokeResponse), k_invoke_table);
    EXPECT_EQ(cli_table("PutFunctionEventInvokeConfig", kEventInvokeConfig), k_eic_table);
    EXPECT_EQ(cli_table("ReceiveMessage", kReceive), k_receive_table);
    EXPECT_EQ(cli_table("ListQueues", kListQueues), k_listq_table);
}

// The same formats through the shell (reference §1.4: `invoke --output text` is "$LATEST\t200").
TEST(CliConformance, InvokeOutputFormats) {
    Shell sh(1);
    const std::string invoke = "aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload '{}' out.json";
    EXPECT_EQ(sh.run(invoke + " --output text").out, "$LATEST\t200\n");
    EXPECT_EQ(sh.run(invoke + " --output yaml").out, "ExecutedVersion: $LATEST\nStatusCode: 200\n");
    EXPECT_EQ(sh.run(invoke + " --output table").out,
              "-----------------------------------\n"
              "|             Invoke              |\n"
              "+------------------+--------------+\n"
              "|  ExecutedVersion | StatusCode   |\n"
              "+------------------+--------------+\n"
              "|  $LATEST         |  200         |\n"
              "+------------------+--------------+\n");
    const CommandResult off = sh.run(invoke + " --output off");   // 2.34.0: --output off prints nothing
    EXPECT_EQ(off.exit_code, 0);
    EXPECT_EQ(off.out, "");
}

// awscli/customizations/timestampformat.py + Python isoformat(): a whole second has no fraction,
// otherwise six digits (reference §1.4).
TEST(CliConformance, TimestampIsoformat) {
    Shell sh(1);
    const std::string put = "aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts 1";
    EXPECT_EQ(ojson::parse(sh.run(put).out)["LastModified"], "2026-03-02T09:00:00+00:00");
    sh.run("lab advance 1500ms");
    EXPECT_EQ(ojson::parse(sh.run(put).out)["LastModified"], "2026-03-02T09:00:01.500000+00:00");
}

// [SECTION] Errors (awscli/errorformat.py, awscli/errorhandler.py)

// ClientErrorHandler + EnhancedErrorFormatter: the Lambda error's modelled Type field follows.
TEST(CliConformance, ServiceErrorWithModelledType) {
    Shell sh(1);
    expect_service_error(sh, "aws lambda invoke --function-name nope out.json", "Invoke", "ResourceNotFoundException",
                         "Function not found: arn:aws:lambda:ap-northeast-2:123456789012:function:nope:$LATEST");
}

// An SQS error shape has no modelled fields besides code and message: no details block.
TEST(CliConformance, ServiceErrorWithoutModelledFields) {
    Shell sh(1);
    const CommandResult r = sh.run("aws sqs get-queue-url --queue-name nope");
    EXPECT_EQ(r.exit_code, 254);
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the GetQueueUrl "
                     "operation: The specified queue does not exist.\n");
}

// binaryformat.py InvalidBase64Error is a plain Exception: GeneralExceptionHandler, exit 255.
TEST(CliConformance, InvalidBase64) {
    Shell sh(1);
    const CommandResult r = sh.run("aws lambda invoke --function-name demo-lambda --payload '{\"key1\": \"value1\"}' out.json");
    EXPECT_EQ(r.exit_code, 255);
    EXPECT_EQ(r.err, "\naws: [ERROR]: Invalid base64: \"{\"key1\": \"value1\"}\"\n");
}

// ParamValidationErrorsHandler: botocore's "Parameter validation failed" as code ParamValidation, exit 252.
TEST(CliConformance, ParamValidation) {
    Shell sh(1);
    const CommandResult r = sh.run("aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts -1");
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ParamValidation): Parameter validation failed:\n"
                     "Invalid value for parameter MaximumRetryAttempts, value: -1, valid min value: 0\n");
}

// argparser.py CLIArgParser.error: the message, a blank line, then the usage (exit 252).
TEST(CliConformance, MissingRequiredArgument) {
    Shell sh(1);
    const CommandResult r = sh.run("aws lambda invoke --function-name demo-lambda");
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ParamValidation): the following arguments are required: outfile\n\n" + kUsage);
}

// argparser.py CLIArgParser._check_value: "Found invalid choice" and difflib's close matches.
TEST(CliConformance, InvalidChoiceWithCloseMatch) {
    Shell sh(1);
    const CommandResult r = sh.run("aws lambda invok");
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ParamValidation): argument operation: Found invalid choice 'invok'\n\n"
                     "Maybe you meant:\n\n  * invoke\n\n" + kUsage);
    const CommandResult s = sh.run("aws lamda invoke");
    EXPECT_EQ(s.err, "\naws: [ERROR]: An error occurred (ParamValidation): argument command: Found invalid choice 'lamda'\n\n"
                     "Maybe you meant:\n\n  * lambda\n\n" + kUsage);
}

// The same without a close match: the choice line, then the usage after two blank lines.
TEST(CliConformance, InvalidChoiceWithoutCloseMatch) {
    Shell sh(1);
    const CommandResult r = sh.run("aws lambda invoke --function-name demo-lambda out.json --output xml");
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ParamValidation): argument --output: Found invalid choice 'xml'\n\n\n" + kUsage);
}

// errorhandler.py UnknownArgumentErrorHandler: the usage first, then the error line.
TEST(CliConformance, UnknownOptions) {
    Shell sh(1);
    const CommandResult r = sh.run("aws lambda invoke --function-name demo-lambda out.json --retries 3");
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_EQ(r.err, "\n" + kUsage + "\n\naws: [ERROR]: Unknown options: --retries, 3\n");
}

// difflib.get_close_matches(cutoff=0.8), the ratio SequenceMatcher computes.
TEST(CliConformance, CloseMatches) {
    EXPECT_EQ(close_matches("invok", {"get-function-configuration", "invoke", "list-functions"}), std::vector<std::string>{"invoke"});
    EXPECT_EQ(close_matches("get-function-config", {"get-function-configuration", "get-function-event-invoke-config"}),
              std::vector<std::string>{"get-function-configuration"});
    EXPECT_TRUE(close_matches("xml", {"json", "text", "table", "yaml", "yaml-stream", "off"}).empty());
}

} // namespace
