// Event invoke config (reference §2.6): put replaces, update merges, get/delete/list, and
// AWS's validation (client-side minimums, service-side maximums); a rejected call changes nothing.
#include <gtest/gtest.h>
#include "lambda_test_util.h"

using namespace invokelab;
using namespace invokelab::testing;

namespace {

const std::string kPut = "aws lambda put-function-event-invoke-config --function-name demo-lambda";
const std::string kUpdate = "aws lambda update-function-event-invoke-config --function-name demo-lambda";
const std::string kGet = "aws lambda get-function-event-invoke-config --function-name demo-lambda";

TEST(LambdaEventConfig, PutPrintsOnlyWhatWasSet) {
    Shell sh(1);
    sh.run("lab advance 1500ms");
    const CommandResult r = sh.run(kPut + " --maximum-retry-attempts 2");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, "{\n"
                     "    \"LastModified\": \"2026-03-02T09:00:01.500000+00:00\",\n"
                     "    \"FunctionArn\": \"arn:aws:lambda:ap-northeast-2:123456789012:function:demo-lambda:$LATEST\",\n"
                     "    \"MaximumRetryAttempts\": 2,\n"
                     "    \"DestinationConfig\": {\n"
                     "        \"OnSuccess\": {},\n"
                     "        \"OnFailure\": {}\n"
                     "    }\n"
                     "}\n");
    EXPECT_EQ(sh.run(kGet).out, r.out);
}

TEST(LambdaEventConfig, PutReplacesUpdateMerges) {
    Shell sh(1);
    sh.run(kPut + " --maximum-retry-attempts 1 --maximum-event-age-in-seconds 3600");
    ojson j = ojson::parse(sh.run(kPut + " --maximum-event-age-in-seconds 120").out);
    EXPECT_FALSE(j.contains("MaximumRetryAttempts"));   // put: settings left out are removed
    EXPECT_EQ(j["MaximumEventAgeInSeconds"], 120);
    j = ojson::parse(sh.run(kUpdate + " --maximum-retry-attempts 0").out);
    EXPECT_EQ(j["MaximumRetryAttempts"], 0);
    EXPECT_EQ(j["MaximumEventAgeInSeconds"], 120);       // update: the rest stays
    const FunctionConfig& f = sh.world().lambda.functions().at("demo-lambda");
    EXPECT_EQ(sh.world().lambda.max_retry_attempts(f), 0);
    EXPECT_EQ(sh.world().lambda.max_event_age_s(f), 120);
}

TEST(LambdaEventConfig, DefaultsAreTwoRetriesAndSixHours) {
    Shell sh(1);
    const FunctionConfig& f = sh.world().lambda.functions().at("demo-lambda");
    EXPECT_EQ(sh.world().lambda.max_retry_attempts(f), 2);
    EXPECT_EQ(sh.world().lambda.max_event_age_s(f), 21600);
}

TEST(LambdaEventConfig, OverMaximumIsAServiceValidationErrorAndChangesNothing) {
    Shell sh(1);
    sh.run(kPut + " --maximum-retry-attempts 1");
    CommandResult r = sh.run(kPut + " --maximum-retry-attempts 3");
    EXPECT_EQ(r.exit_code, 254);
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ValidationException) when calling the PutFunctionEventInvokeConfig operation: 1 validation "
                     "error detected: Value '3' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less "
                     "than or equal to 2\n");
    r = sh.run(kUpdate + " --maximum-event-age-in-seconds 21601");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ValidationException) when calling the UpdateFunctionEventInvokeConfig operation: 1 validation "
                     "error detected: Value '21601' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value "
                     "less than or equal to 21600\n");
    r = sh.run(kPut + " --maximum-retry-attempts 5 --maximum-event-age-in-seconds 99999");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ValidationException) when calling the PutFunctionEventInvokeConfig operation: 2 validation "
                     "errors detected: Value '5' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less "
                     "than or equal to 2; Value '99999' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have "
                     "value less than or equal to 21600\n");
    EXPECT_EQ(ojson::parse(sh.run(kGet).out)["MaximumRetryAttempts"], 1);
}

TEST(LambdaEventConfig, UnderMinimumIsACliParameterValidationError) {
    Shell sh(1);
    CommandResult r = sh.run(kPut + " --maximum-retry-attempts -1");
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ParamValidation): Parameter validation failed:\nInvalid value for parameter MaximumRetryAttempts, value: -1, valid min value: 0\n");
    r = sh.run(kPut + " --maximum-event-age-in-seconds 59");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ParamValidation): Parameter validation failed:\nInvalid value for parameter MaximumEventAgeInSeconds, value: 59, valid min value: 60\n");
    EXPECT_EQ(sh.run(kGet).exit_code, 254);          // still no config
}

TEST(LambdaEventConfig, GetAndDeleteWithoutAConfigAre404) {
    Shell sh(1);
    // test_lambda_api.snapshot.json test_lambda_eventinvokeconfig_exceptions delete_function_not_found: the ARN is qualified.
    const std::string msg = "The function arn:aws:lambda:ap-northeast-2:123456789012:function:demo-lambda:$LATEST doesn't have an "
                            "EventInvokeConfig\n\nAdditional error details:\nType: User\n";
    EXPECT_EQ(sh.run(kGet).err, "\naws: [ERROR]: An error occurred (ResourceNotFoundException) when calling the GetFunctionEventInvokeConfig operation: " + msg);
    EXPECT_EQ(sh.run("aws lambda delete-function-event-invoke-config --function-name demo-lambda").err,
              "\naws: [ERROR]: An error occurred (ResourceNotFoundException) when calling the DeleteFunctionEventInvokeConfig operation: " + msg);
}

TEST(LambdaEventConfig, DeletePrintsNothingAndRestoresDefaults) {
    Shell sh(1);
    sh.run(kPut + " --maximum-retry-attempts 0");
    const CommandResult r = sh.run("aws lambda delete-function-event-invoke-config --function-name demo-lambda");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(sh.world().lambda.max_retry_attempts(sh.world().lambda.functions().at("demo-lambda")), 2);
}

TEST(LambdaEventConfig, ListShowsTheConfig) {
    Shell sh(1);
    EXPECT_EQ(sh.run("aws lambda list-function-event-invoke-configs --function-name demo-lambda").out,
              "{\n    \"FunctionEventInvokeConfigs\": []\n}\n");
    sh.run(kPut + " --maximum-retry-attempts 1");
    const ojson j = ojson::parse(sh.run("aws lambda list-function-event-invoke-configs --function-name demo-lambda").out);
    ASSERT_EQ(j["FunctionEventInvokeConfigs"].size(), 1u);
    EXPECT_EQ(j["FunctionEventInvokeConfigs"][0]["MaximumRetryAttempts"], 1);
}

TEST(LambdaEventConfig, DestinationArnIsValidated) {
    Shell sh(1);
    const CommandResult r = sh.run(kPut + " --destination-config '{\"OnSuccess\":{\"Destination\":\"invalid\"}}'");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ValidationException) when calling the PutFunctionEventInvokeConfig operation: 1 validation "
                     "error detected: Value 'invalid' at 'destinationConfig.onSuccess.destination' failed to satisfy constraint: Member "
                     "must satisfy regular expression pattern: $|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):"
                     "([a-zA-Z0-9\\-])+:((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)\n");
}

TEST(LambdaEventConfig, DestinationNeedsRolePermission) {
    Shell sh(1);
    sh.world().sqs.create_queue("dest");
    const CommandResult r = sh.run(kPut + " --destination-config OnFailure={Destination=arn:aws:sqs:ap-northeast-2:123456789012:dest}");
    EXPECT_EQ(r.exit_code, 254);
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (InvalidParameterValueException) when calling the PutFunctionEventInvokeConfig operation: "
                     "The provided execution role does not have permissions to call SendMessage on SQS\n"
                     "\nAdditional error details:\nType: User\n");
}

// A 200 KB destination ARN is checked against the pattern like a short one. With std::regex
// (libstdc++'s matcher recurses per byte of '(.*)') this input overflowed an 8 MB stack natively
// (SIGSEGV); util/pattern.h does not recurse over the input.
TEST(LambdaEventConfig, AVeryLongDestinationArnIsCheckedWithoutCrashing) {
    Shell sh(1);
    const std::string queue(200000, 'q');
    const CommandResult r = sh.run(kPut + " --destination-config OnFailure={Destination=arn:aws:sqs:ap-northeast-2:123456789012:" + queue + "}");
    EXPECT_EQ(r.exit_code, 254);
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (InvalidParameterValueException) when calling the PutFunctionEventInvokeConfig operation: "
                     "The provided execution role does not have permissions to call SendMessage on SQS\n"
                     "\nAdditional error details:\nType: User\n");
    // The same length with a line break at the end: '(.*)' stops there, so the pattern fails.
    const std::string arn = "arn:aws:sqs:ap-northeast-2:123456789012:" + queue + "\\nx";
    const CommandResult bad = sh.run(kPut + " --destination-config '{\"OnFailure\":{\"Destination\":\"" + arn + "\"}}'");
    EXPECT_EQ(bad.exit_code, 254);
    const std::string head = "\naws: [ERROR]: An error occurred (ValidationException) when calling the PutFunctionEventInvokeConfig operation: 1 "
                             "validation error detected: Value 'arn:aws:sqs:ap-northeast-2:123456789012:qqq";
    EXPECT_EQ(bad.err.substr(0, head.size()), head);
    EXPECT_NE(bad.err.find("qq\nx' at 'destinationConfig.onFailure.destination' failed to satisfy constraint"), std::string::npos);
}

TEST(LambdaEventConfig, NotAnIntegerIsAClientError) {
    Shell sh(1);
    const CommandResult r = sh.run(kPut + " --maximum-retry-attempts two");
    EXPECT_EQ(r.exit_code, 255);
    EXPECT_EQ(r.err, "\naws: [ERROR]: invalid literal for int() with base 10: 'two'\n");
}

} // namespace
