// Text formats: Python repr/json.dumps, and the CloudWatch lines of reference §5.
#include <gtest/gtest.h>
#include "lambda/log_format.h"
#include "lambda/python_style.h"

using namespace invokelab;

namespace {

TEST(LambdaPythonStyle, ReprLikePythonPrint) {
    EXPECT_EQ(python_repr(ojson::parse(R"({"key1": "value1", "key2": "value2", "key3": "value3" })")),
              "{'key1': 'value1', 'key2': 'value2', 'key3': 'value3'}");
    EXPECT_EQ(python_repr(ojson::parse(R"({"b": true, "f": false, "n": null, "i": 3, "x": 1.5, "y": 2.0, "l": [1, "a"]})")),
              "{'b': True, 'f': False, 'n': None, 'i': 3, 'x': 1.5, 'y': 2.0, 'l': [1, 'a']}");
    EXPECT_EQ(python_repr(ojson("it's")), "\"it's\"");
    EXPECT_EQ(python_repr(ojson("say \"hi\" it's")), "'say \"hi\" it\\'s'");
    EXPECT_EQ(python_repr(ojson("line\nnext\ttab\\")), "'line\\nnext\\ttab\\\\'");
    EXPECT_EQ(python_repr(ojson("한글")), "'한글'");
    EXPECT_EQ(python_repr(ojson(std::string("\x01", 1))), "'\\x01'");
}

TEST(LambdaPythonStyle, JsonDumpsDefaults) {
    EXPECT_EQ(python_json_dumps(ojson::parse(R"({"statusCode":200,"body":"\"Hello from Lambda!\""})")),
              "{\"statusCode\": 200, \"body\": \"\\\"Hello from Lambda!\\\"\"}");
    EXPECT_EQ(python_json_dumps(ojson("한")), "\"\\ud55c\"");
    EXPECT_EQ(python_json_dumps(ojson("😀")), "\"\\ud83d\\ude00\"");
    EXPECT_EQ(python_json_dumps(ojson::parse("[1, 2.5, null, true]")), "[1, 2.5, null, true]");
}

// The runtime's encoding keeps non-ASCII as UTF-8 and escapes quotes, backslashes, control
// characters, U+2028/U+2029 and bad UTF-8 (as U+FFFD); the direct error-object writer gives the
// same bytes as building the ojson and rendering it.
TEST(LambdaPythonStyle, RuntimeErrorJsonIsRuntimeJsonOfTheSameObject) {
    const std::string tricky = std::string("say \"hi\" \\ 한글 😀 \x01\x7f tab\t nl\n ") + "\xE2\x80\xA8 bad:\xff end";
    const std::vector<std::string> frames = {"  File \"/var/task/lambda_function.py\", line 7\n", tricky, ""};
    const std::vector<std::string> none;
    EXPECT_EQ(python_runtime_error_json({{"errorMessage", tricky}, {"errorType", "Exception"}, {"requestId", "r-1"}, {"stackTrace", {}, &frames}}),
              python_runtime_json(ojson{{"errorMessage", tricky}, {"errorType", "Exception"}, {"requestId", "r-1"},
                                        {"stackTrace", ojson::array({frames[0], frames[1], frames[2]})}}));
    EXPECT_EQ(python_runtime_error_json({{"errorType", "Sandbox.Timedout"}, {"errorMessage", "m"}, {"stackTrace", {}, &none}}),
              "{\"errorType\": \"Sandbox.Timedout\", \"errorMessage\": \"m\", \"stackTrace\": []}");
    EXPECT_EQ(python_runtime_error_json({{"errorMessage", tricky}}),
              "{\"errorMessage\": \"say \\\"hi\\\" \\\\ 한글 😀 \\u0001\x7f tab\\t nl\\n \\u2028 bad:\\ufffd end\"}");
    EXPECT_EQ(python_json_dumps(ojson(std::string("\x01\xff"))), "\"\\u0001\\ufffd\"");
    EXPECT_EQ(python_repr(ojson(std::string("\x7f\xc2\x80\xff"))), "'\\x7f\\x80\\xff'");
}

TEST(LambdaLogFormat, ReportLineIsTabSeparatedWithBilledRoundedUp) {
    EXPECT_EQ(report_line("id", 301, 128, 36, 11010, false),
              // Billed since 2025-08-01: ceil(3.01 + 110.10) = 114 (reference §5, [BLOG-INIT]).
              "REPORT RequestId: id\tDuration: 3.01 ms\tBilled Duration: 114 ms\tMemory Size: 128 MB\tMax Memory Used: 36 MB\tInit Duration: 110.10 ms\t\n");
    EXPECT_EQ(report_line("id", 290, 128, 36, std::nullopt, false),
              "REPORT RequestId: id\tDuration: 2.90 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 36 MB\t\n");
    EXPECT_EQ(report_line("id", 300000, 128, 37, std::nullopt, true),
              "REPORT RequestId: id\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 37 MB\tStatus: timeout\n");
    // The recorded cold-start timeout: 5000.00 + 578.07 bills 5579 ms (opentelemetry-lambda PR #2098).
    EXPECT_EQ(report_line("id", 500000, 128, 37, 57807, true),
              "REPORT RequestId: id\tDuration: 5000.00 ms\tBilled Duration: 5579 ms\tMemory Size: 128 MB\tMax Memory Used: 37 MB\t"
              "Init Duration: 578.07 ms\tStatus: timeout\n");
    // Written into a stack buffer; a request id past 128 bytes or a negative figure takes the
    // general path, which prints the same bytes (negative: centims_text's printf form).
    const std::string long_id(200, 'r');
    EXPECT_EQ(report_line(long_id, 301, 128, 36, 11010, false),
              "REPORT RequestId: " + long_id +
                  "\tDuration: 3.01 ms\tBilled Duration: 114 ms\tMemory Size: 128 MB\tMax Memory Used: 36 MB\tInit Duration: 110.10 ms\t\n");
    EXPECT_EQ(report_line("id", -5, 10240, 9999, std::nullopt, false),
              "REPORT RequestId: id\tDuration: 0.-5 ms\tBilled Duration: 0 ms\tMemory Size: 10240 MB\tMax Memory Used: 9999 MB\t\n");
    EXPECT_EQ(report_line(std::string(128, 'x'), 922337203685477580, 10240, 10240, 922337203685477580, true),
              "REPORT RequestId: " + std::string(128, 'x') +
                  "\tDuration: 9223372036854775.80 ms\tBilled Duration: 18446744073709552 ms\tMemory Size: 10240 MB\t"
                  "Max Memory Used: 10240 MB\tInit Duration: 9223372036854775.80 ms\tStatus: timeout\n");
    EXPECT_EQ(billed_ms(300), 3);
    EXPECT_EQ(billed_ms(301), 4);
    EXPECT_EQ(centims_text(5), "0.05");
    EXPECT_EQ(centims_text(0), "0.00");
    EXPECT_EQ(centims_text(123456), "1234.56");
}

TEST(LambdaLogFormat, PlatformLines) {
    EXPECT_EQ(start_line("abc"), "START RequestId: abc Version: $LATEST\n");
    EXPECT_EQ(end_line("abc"), "END RequestId: abc\n");
    EXPECT_EQ(init_start_line("python:3.12.v64", "arn:aws:lambda:ap-northeast-2::runtime:ff"),
              "INIT_START Runtime Version: python:3.12.v64\tRuntime Version ARN: arn:aws:lambda:ap-northeast-2::runtime:ff\n");
}

TEST(LambdaLogFormat, ErrorEventUsesNoBreakSpaces) {
    EXPECT_EQ(error_line("Exception", "Something went wrong!", {builtin_stack_frame("Exception", "Something went wrong!")}),
              "[ERROR] Exception: Something went wrong!\nTraceback (most recent call last):\n\xC2\xA0\xC2\xA0"
              "File \"/var/task/lambda_function.py\", line 7, in lambda_handler\n\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0"
              "raise Exception(\"Something went wrong!\")");
    // The last line is reused only for the same error: another type, message or stack is its own line.
    EXPECT_EQ(error_line("Exception", "Something went wrong!", {}), "[ERROR] Exception: Something went wrong!\nTraceback (most recent call last):");
    EXPECT_EQ(error_line("ValueError", "Something went wrong!", {}), "[ERROR] ValueError: Something went wrong!\nTraceback (most recent call last):");
    EXPECT_EQ(error_line("ValueError", "bad", {}), "[ERROR] ValueError: bad\nTraceback (most recent call last):");
    EXPECT_EQ(error_line("ValueError", "bad", {"  x"}), "[ERROR] ValueError: bad\nTraceback (most recent call last):\n\xC2\xA0\xC2\xA0x");
    EXPECT_EQ(error_line("ValueError", "bad", {"  x"}), "[ERROR] ValueError: bad\nTraceback (most recent call last):\n\xC2\xA0\xC2\xA0x");
    EXPECT_EQ(error_line("", "", {}), "[ERROR]\nTraceback (most recent call last):");
}

} // namespace
