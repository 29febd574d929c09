// Lambda answers compared with AWS recordings. One TEST per recorded case; the comment above
// each names the snapshot file and test (localstack/localstack tests/aws/services/lambda_/…,
// commit 8b9a79f0) whose recorded-content it reproduces. Ids and regions are placeholders in
// the recordings; here they are this lab's account 123456789012 in ap-northeast-2.
#include <gtest/gtest.h>
#include "conformance_util.h"
#include "lambda_test_util.h"
#include "lambda/python_style.h"

using namespace invokelab;
using namespace invokelab::conformance;

namespace {

const std::string kInvoke = "aws lambda invoke response.json --function-name ";
const std::string kLatestArn = "arn:aws:lambda:ap-northeast-2:123456789012:function:my-function";

void expect_invoke_validation(const std::string& function_name, const std::string& message) {
    Shell sh(1);
    expect_service_error(sh, kInvoke + "'" + function_name + "'", "Invoke", "ValidationException", message, false);
}

// [SECTION] Function name and qualifier validation
// test_lambda_api.snapshot.json, TestLambdaFunction::test_function_name_and_qualifier_validation[<case>-invoke]
// (recorded 25-11-2025). ValidationException is not a modelled Lambda error: no details block.

// [invalid_characters_in_function_name-invoke]
TEST(LambdaConformance, InvalidCharactersInFunctionName) { expect_invoke_validation("my-function!", name_validation("my-function!")); }

// [function_name_is_single_invalid-invoke]
TEST(LambdaConformance, FunctionNameIsSingleInvalid) { expect_invoke_validation("*", name_validation("*")); }

// [invalid_characters_in_qualifier-invoke]
TEST(LambdaConformance, InvalidCharactersInQualifier) {
    Shell sh(1);
    expect_service_error(sh, kInvoke + "my-function --qualifier 'invalid!'", "Invoke", "ValidationException",
                         "1 validation error detected: Value 'invalid!' at 'qualifier' failed to satisfy constraint: Member must "
                         "satisfy regular expression pattern: " + kQualifierPattern, false);
}

// [qualifier_too_long-invoke]
TEST(LambdaConformance, QualifierTooLong) {
    Shell sh(1);
    const std::string q(129, 'a');
    expect_service_error(sh, kInvoke + "my-function --qualifier " + q, "Invoke", "ValidationException",
                         "1 validation error detected: Value '" + q +
                         "' at 'qualifier' failed to satisfy constraint: Member must have length less than or equal to 128", false);
}

// [invalid_account_id_in_partial_arn-invoke]
TEST(LambdaConformance, InvalidAccountIdInPartialArn) {
    expect_invoke_validation("invalid-account:function:my-function", name_validation("invalid-account:function:my-function"));
}

// [invalid_region_in_arn-invoke]
TEST(LambdaConformance, InvalidRegionInArn) {
    const std::string arn = "arn:aws:lambda:invalid-region:123456789012:function:my-function";
    expect_invoke_validation(arn, name_validation(arn));
}

// [non_lambda_arn-invoke]
TEST(LambdaConformance, NonLambdaArn) {
    const std::string arn = "arn:aws:ec2:ap-northeast-2:123456789012:instance:i-1234567890abcdef0";
    expect_invoke_validation(arn, name_validation(arn));
}

// [function_name_too_long-invoke]: 65 characters are not a validation error, just not found.
TEST(LambdaConformance, FunctionNameTooLong) {
    Shell sh(1);
    const std::string name(65, 'a');
    expect_service_error(sh, kInvoke + name, "Invoke", "ResourceNotFoundException",
                         "Function not found: arn:aws:lambda:ap-northeast-2:123456789012:function:" + name + ":$LATEST");
}

// [function_name_too_long_and_invalid_region-invoke]
TEST(LambdaConformance, FunctionNameTooLongAndInvalidRegion) {
    const std::string arn = "arn:aws:lambda:invalid-region:123456789012:function:my-function" + std::string(170, 'a');
    expect_invoke_validation(arn, name_validation(arn));
}

// [full_arn_and_qualifier_too_long_and_invalid_region-invoke]: two problems, qualifier first.
TEST(LambdaConformance, FullArnAndQualifierTooLongAndInvalidRegion) {
    Shell sh(1);
    const std::string arn = "arn:aws:lambda:invalid-region:123456789012:function:my-function-" + std::string(170, 'a');
    const std::string q(129, 'a');
    expect_service_error(sh, kInvoke + arn + " --qualifier " + q, "Invoke", "ValidationException",
                         "2 validation errors detected: Value '" + q +
                         "' at 'qualifier' failed to satisfy constraint: Member must have length less than or equal to 128; Value '" +
                         arn + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: " +
                         kNamePattern, false);
}

// [full_arn_with_multiple_qualifiers-invoke]
TEST(LambdaConformance, FullArnWithMultipleQualifiers) {
    const std::string arn = kLatestArn + ":1:2";
    expect_invoke_validation(arn, name_validation(arn));
}

// [incomplete_arn-invoke]: "…:function" reads as a function named "function".
TEST(LambdaConformance, IncompleteArn) {
    Shell sh(1);
    expect_service_error(sh, kInvoke + "arn:aws:lambda:ap-northeast-2:123456789012:function", "Invoke", "ResourceNotFoundException",
                         "Function not found: arn:aws:lambda:ap-northeast-2:123456789012:function:function:$LATEST");
}

// [partial_arn_with_extra_qualifier-invoke]
TEST(LambdaConformance, PartialArnWithExtraQualifier) {
    expect_invoke_validation("function:my-function:$LATEST:extra", name_validation("function:my-function:$LATEST:extra"));
}

// [latest_version_with_additional_qualifier-invoke]
TEST(LambdaConformance, LatestVersionWithAdditionalQualifier) {
    Shell sh(1);
    expect_service_error(sh, kInvoke + "'" + kLatestArn + ":$LATEST' --qualifier 1", "Invoke", "InvalidParameterValueException",
                         "The derived qualifier from the function name does not match the specified qualifier.");
}

// [lowercase_latest_qualifier-invoke]: "$latest" passes the pattern and names no version.
TEST(LambdaConformance, LowercaseLatestQualifier) {
    Shell sh(1);
    expect_service_error(sh, kInvoke + kLatestArn + " --qualifier '$latest'", "Invoke", "ResourceNotFoundException",
                         "Function not found: " + kLatestArn + ":$latest");
}

// [missing_region_in_arn-invoke]
TEST(LambdaConformance, MissingRegionInArn) {
    const std::string arn = "arn:aws:lambda::123456789012:function:my-function";
    expect_invoke_validation(arn, name_validation(arn));
}

// [missing_account_id_in_arn-invoke]
TEST(LambdaConformance, MissingAccountIdInArn) {
    const std::string arn = "arn:aws:lambda:ap-northeast-2::function:my-function";
    expect_invoke_validation(arn, name_validation(arn));
}

// [misspelled_latest_in_arn-invoke]
TEST(LambdaConformance, MisspelledLatestInArn) {
    const std::string arn = kLatestArn + ":$LATES";
    expect_invoke_validation(arn, name_validation(arn));
}

// [SECTION] Region, qualifier mismatch, not found

// test_lambda_api.snapshot.json, TestLambdaFunction::test_get_function_wrong_region[invoke] (25-11-2025)
TEST(LambdaConformance, GetFunctionWrongRegionInvoke) {
    Shell sh(1);
    expect_service_error(sh, kInvoke + "arn:aws:lambda:us-east-1:123456789012:function:demo-lambda", "Invoke",
                         "ResourceNotFoundException", "Functions from 'us-east-1' are not reachable in this region ('ap-northeast-2')");
}

// test_lambda_api.snapshot.json, TestLambdaFunction::test_get_function_wrong_region[get_function_configuration]
TEST(LambdaConformance, GetFunctionWrongRegionGetFunctionConfiguration) {
    Shell sh(1);
    expect_service_error(sh, "aws lambda get-function-configuration --function-name arn:aws:lambda:us-east-1:123456789012:function:demo-lambda",
                         "GetFunctionConfiguration", "ResourceNotFoundException",
                         "Functions from 'us-east-1' are not reachable in this region ('ap-northeast-2')");
}

// test_lambda_api.snapshot.json, TestLambdaFunction::test_get_function_wrong_region[get_function_event_invoke_config]
TEST(LambdaConformance, GetFunctionWrongRegionGetFunctionEventInvokeConfig) {
    Shell sh(1);
    expect_service_error(sh, "aws lambda get-function-event-invoke-config --function-name arn:aws:lambda:us-east-1:123456789012:function:demo-lambda",
                         "GetFunctionEventInvokeConfig", "ResourceNotFoundException",
                         "Functions from 'us-east-1' are not reachable in this region ('ap-northeast-2')");
}

// test_lambda_api.snapshot.json, TestLambdaFunction::test_ops_with_arn_qualifier_mismatch[get_function_configuration]
// not_match_exception, then match_exception (no such function: the qualified not-found message).
TEST(LambdaConformance, OpsWithArnQualifierMismatchGetFunctionConfiguration) {
    Shell sh(1);
    const std::string arn = "arn:aws:lambda:ap-northeast-2:123456789012:function:some-function";
    expect_service_error(sh, "aws lambda get-function-configuration --function-name " + arn + ":1 --qualifier '$LATEST'",
                         "GetFunctionConfiguration", "InvalidParameterValueException",
                         "The derived qualifier from the function name does not match the specified qualifier.");
    expect_service_error(sh, "aws lambda get-function-configuration --function-name '" + arn + ":$LATEST' --qualifier '$LATEST'",
                         "GetFunctionConfiguration", "ResourceNotFoundException", "Function not found: " + arn + ":$LATEST");
}

// test_lambda_api.snapshot.json, TestLambdaFunction::test_ops_on_nonexisting_fn[get_function_configuration]
TEST(LambdaConformance, OpsOnNonexistingFnGetFunctionConfiguration) {
    Shell sh(1);
    expect_service_error(sh, "aws lambda get-function-configuration --function-name doesnotexist", "GetFunctionConfiguration",
                         "ResourceNotFoundException", "Function not found: arn:aws:lambda:ap-northeast-2:123456789012:function:doesnotexist");
}

// test_lambda_api.snapshot.json, TestLambdaFunction::test_ops_on_nonexisting_version[get_function_configuration]
TEST(LambdaConformance, OpsOnNonexistingVersionGetFunctionConfiguration) {
    Shell sh(1);
    expect_service_error(sh, "aws lambda get-function-configuration --function-name demo-lambda --qualifier 1221",
                         "GetFunctionConfiguration", "ResourceNotFoundException", "Function not found: " + kFunctionArn + ":1221");
}

// test_lambda_api.snapshot.json, TestLambdaFunction::test_ops_on_nonexisting_version[get_function_event_invoke_config]
TEST(LambdaConformance, OpsOnNonexistingVersionGetFunctionEventInvokeConfig) {
    Shell sh(1);
    expect_service_error(sh, "aws lambda get-function-event-invoke-config --function-name demo-lambda --qualifier 1221",
                         "GetFunctionEventInvokeConfig", "ResourceNotFoundException",
                         "The function " + kFunctionArn + ":1221 doesn't have an EventInvokeConfig");
}

// test_lambda_api.snapshot.json, TestLambdaFunction::test_ops_on_nonexisting_fn[get_function_event_invoke_config]
TEST(LambdaConformance, OpsOnNonexistingFnGetFunctionEventInvokeConfig) {
    Shell sh(1);
    expect_service_error(sh, "aws lambda get-function-event-invoke-config --function-name doesnotexist", "GetFunctionEventInvokeConfig",
                         "ResourceNotFoundException",
                         "The function arn:aws:lambda:ap-northeast-2:123456789012:function:doesnotexist:$LATEST doesn't have an EventInvokeConfig");
}

// [SECTION] Event invoke config
// test_lambda_api.snapshot.json, TestLambdaEventInvokeConfig::test_lambda_eventinvokeconfig_exceptions
// (recorded 25-11-2025); the TEST names follow the snapshot keys.

const std::string kPut = "aws lambda put-function-event-invoke-config --function-name ";
const std::string kUpdate = "aws lambda update-function-event-invoke-config --function-name ";

// put_functionname_name_notfound
TEST(LambdaConformance, EventInvokeConfigPutFunctionNameNotFound) {
    Shell sh(1);
    expect_service_error(sh, kPut + "doesnotexist --maximum-retry-attempts 1", "PutFunctionEventInvokeConfig",
                         "ResourceNotFoundException", "The function doesn't exist.");
}

// put_functionname_arn_notfound
TEST(LambdaConformance, EventInvokeConfigPutFunctionArnNotFound) {
    Shell sh(1);
    expect_service_error(sh, kPut + "arn:aws:lambda:ap-northeast-2:123456789012:function:doesnotexist --maximum-retry-attempts 1",
                         "PutFunctionEventInvokeConfig", "ResourceNotFoundException", "The function doesn't exist.");
}

// put_functionname_nootherargs: checked before the function is looked up.
TEST(LambdaConformance, EventInvokeConfigPutFunctionNameNoOtherArgs) {
    Shell sh(1);
    expect_service_error(sh, kPut + "doesnotexist", "PutFunctionEventInvokeConfig", "InvalidParameterValueException",
                         "You must specify at least one of error handling or destination setting.");
    expect_service_error(sh, kPut + "demo-lambda", "PutFunctionEventInvokeConfig", "InvalidParameterValueException",
                         "You must specify at least one of error handling or destination setting.");
}

// put_destination_lambda_doesntexist
TEST(LambdaConformance, EventInvokeConfigPutDestinationLambdaDoesntExist) {
    Shell sh(1);
    const std::string arn = "arn:aws:lambda:ap-northeast-2:123456789012:function:doesnotexist";
    expect_service_error(sh, kPut + "demo-lambda --destination-config OnSuccess={Destination=" + arn + "}", "PutFunctionEventInvokeConfig",
                         "InvalidParameterValueException", "The destination ARN " + arn + " is invalid.");
}

// put_destination_recursive
TEST(LambdaConformance, EventInvokeConfigPutDestinationRecursive) {
    Shell sh(1);
    expect_service_error(sh, kPut + "demo-lambda --destination-config OnSuccess={Destination=" + kFunctionArn + "}",
                         "PutFunctionEventInvokeConfig", "InvalidParameterValueException",
                         "You can't specify the function as a destination for itself.");
}

// put_destination_invalid_service_arn
TEST(LambdaConformance, EventInvokeConfigPutDestinationInvalidServiceArn) {
    Shell sh(1);
    const std::string arn = "arn:aws:iam:ap-northeast-2:123456789012:function:demo-lambda";
    expect_service_error(sh, kPut + "demo-lambda --destination-config OnSuccess={Destination=" + arn + "}", "PutFunctionEventInvokeConfig",
                         "InvalidParameterValueException",
                         "The provided destination config DestinationConfig(onSuccess=OnSuccess(destination=" + arn +
                         "), onFailure=null) is invalid.");
}

// put_destination_success_no_destination_arn: {"OnSuccess": {}} is accepted; both sides print {}.
TEST(LambdaConformance, EventInvokeConfigPutDestinationSuccessNoDestinationArn) {
    Shell sh(1);
    const CommandResult r = sh.run(kPut + "demo-lambda --destination-config '{\"OnSuccess\": {}}'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const ojson j = ojson::parse(r.out);
    EXPECT_EQ(j["DestinationConfig"], ojson::parse(R"({"OnSuccess": {}, "OnFailure": {}})"));
    EXPECT_EQ(j["FunctionArn"], kFunctionArn + ":$LATEST");
    EXPECT_FALSE(j.contains("MaximumRetryAttempts"));
    EXPECT_FALSE(j.contains("MaximumEventAgeInSeconds"));
}

// put_destination_invalid_arn_pattern
TEST(LambdaConformance, EventInvokeConfigPutDestinationInvalidArnPattern) {
    Shell sh(1);
    const std::string arn = "arn:aws:_-/!lambda:ap-northeast-2:123456789012:function:demo-lambda";
    expect_service_error(sh, kPut + "demo-lambda --destination-config '{\"OnFailure\": {\"Destination\": \"" + arn + "\"}}'",
                         "PutFunctionEventInvokeConfig", "ValidationException",
                         "1 validation error detected: Value '" + arn +
                         "' at 'destinationConfig.onFailure.destination' failed to satisfy constraint: Member must satisfy regular "
                         "expression pattern: $|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:((eusc-)?"
                         "[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)", false);
}

// put_destination_latest_explicit_qualifier
TEST(LambdaConformance, EventInvokeConfigPutDestinationLatestExplicitQualifier) {
    Shell sh(1);
    const CommandResult r = sh.run(kPut + "demo-lambda --qualifier '$LATEST' --maximum-retry-attempts 1");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const ojson j = ojson::parse(r.out);
    EXPECT_EQ(j["FunctionArn"], kFunctionArn + ":$LATEST");
    EXPECT_EQ(j["MaximumRetryAttempts"], 1);
}

// put_alias_doesnotexist: an unknown qualifier on put is "The function doesn't exist."
TEST(LambdaConformance, EventInvokeConfigPutAliasDoesNotExist) {
    Shell sh(1);
    expect_service_error(sh, kPut + "demo-lambda --qualifier eventinvokealiasdoesnotexist --maximum-retry-attempts 1",
                         "PutFunctionEventInvokeConfig", "ResourceNotFoundException", "The function doesn't exist.");
}

// put_shorthand_qualifier_match
TEST(LambdaConformance, EventInvokeConfigPutShorthandQualifierMatch) {
    Shell sh(1);
    const CommandResult r = sh.run(kPut + "'demo-lambda:$LATEST' --qualifier '$LATEST' --maximum-retry-attempts 1");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(ojson::parse(r.out)["FunctionArn"], kFunctionArn + ":$LATEST");
}

// put_shorthand_qualifier_mismatch_1 / put_alias_qualifiedarn_qualifierconflict
TEST(LambdaConformance, EventInvokeConfigPutShorthandQualifierMismatch) {
    Shell sh(1);
    expect_service_error(sh, kPut + "demo-lambda:1 --qualifier '$LATEST' --maximum-retry-attempts 1", "PutFunctionEventInvokeConfig",
                         "InvalidParameterValueException", "The derived qualifier from the function name does not match the specified qualifier.");
    expect_service_error(sh, kPut + kFunctionArn + ":eventinvokealias --qualifier eventinvokealiasdoesnotexist --maximum-retry-attempts 1",
                         "PutFunctionEventInvokeConfig", "InvalidParameterValueException",
                         "The derived qualifier from the function name does not match the specified qualifier.");
}

// put_maxevent_maxvalue_result: the largest values are accepted and echoed.
TEST(LambdaConformance, EventInvokeConfigPutMaxEventMaxValue) {
    Shell sh(1);
    const CommandResult r = sh.run(kPut + "demo-lambda --maximum-retry-attempts 2 --maximum-event-age-in-seconds 21600");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const ojson j = ojson::parse(r.out);
    EXPECT_EQ(j["MaximumRetryAttempts"], 2);
    EXPECT_EQ(j["MaximumEventAgeInSeconds"], 21600);
}

// delete_function_not_found: the function exists, the config does not.
TEST(LambdaConformance, EventInvokeConfigDeleteFunctionNotFound) {
    Shell sh(1);
    expect_service_error(sh, "aws lambda delete-function-event-invoke-config --function-name demo-lambda", "DeleteFunctionEventInvokeConfig",
                         "ResourceNotFoundException", "The function " + kFunctionArn + ":$LATEST doesn't have an EventInvokeConfig");
}

// delete_function_doesnotexist
TEST(LambdaConformance, EventInvokeConfigDeleteFunctionDoesNotExist) {
    Shell sh(1);
    expect_service_error(sh, "aws lambda delete-function-event-invoke-config --function-name doesnotexist",
                         "DeleteFunctionEventInvokeConfig", "ResourceNotFoundException",
                         "The function arn:aws:lambda:ap-northeast-2:123456789012:function:doesnotexist:$LATEST doesn't have an EventInvokeConfig");
}

// list_function_doesnotexist
TEST(LambdaConformance, EventInvokeConfigListFunctionDoesNotExist) {
    Shell sh(1);
    expect_service_error(sh, "aws lambda list-function-event-invoke-configs --function-name doesnotexist",
                         "ListFunctionEventInvokeConfigs", "ResourceNotFoundException", "The function doesn't exist.");
}

// get_qualifier_doesnotexist
TEST(LambdaConformance, EventInvokeConfigGetQualifierDoesNotExist) {
    Shell sh(1);
    expect_service_error(sh, "aws lambda get-function-event-invoke-config --function-name demo-lambda --qualifier doesnotexist",
                         "GetFunctionEventInvokeConfig", "ResourceNotFoundException",
                         "The function " + kFunctionArn + ":doesnotexist doesn't have an EventInvokeConfig");
}

// update_eventinvokeconfig_function_doesnotexist
TEST(LambdaConformance, EventInvokeConfigUpdateFunctionDoesNotExist) {
    Shell sh(1);
    expect_service_error(sh, kUpdate + "doesnotexist --maximum-retry-attempts 1", "UpdateFunctionEventInvokeConfig",
                         "ResourceNotFoundException", "The function doesn't exist.");
}

// update_eventinvokeconfig_config_doesnotexist_without_qualifier: update does not create a config.
TEST(LambdaConformance, EventInvokeConfigUpdateConfigDoesNotExistWithoutQualifier) {
    Shell sh(1);
    expect_service_error(sh, kUpdate + "demo-lambda --maximum-retry-attempts 1", "UpdateFunctionEventInvokeConfig",
                         "ResourceNotFoundException", "The function " + kFunctionArn + ":$LATEST doesn't have an EventInvokeConfig");
    EXPECT_FALSE(sh.world().lambda.functions().at("demo-lambda").event_invoke_config.has_value());
}

// put_pre_overwrite / put_post_overwrite / update_response: put replaces, update merges.
TEST(LambdaConformance, EventInvokeConfigPutOverwriteThenUpdate) {
    Shell sh(1);
    sh.run(kPut + "demo-lambda --maximum-retry-attempts 2 --maximum-event-age-in-seconds 60");
    ojson j = ojson::parse(sh.run(kPut + "demo-lambda --maximum-retry-attempts 0").out);
    EXPECT_EQ(j["MaximumRetryAttempts"], 0);
    EXPECT_FALSE(j.contains("MaximumEventAgeInSeconds"));
    sh.run(kPut + "demo-lambda --maximum-retry-attempts 2 --maximum-event-age-in-seconds 60");
    j = ojson::parse(sh.run(kUpdate + "demo-lambda --maximum-retry-attempts 0").out);
    EXPECT_EQ(j["MaximumRetryAttempts"], 0);
    EXPECT_EQ(j["MaximumEventAgeInSeconds"], 60);
}

// [SECTION] Async results, DLQ, destinations, logs

const char* kFailingAsync = "aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out "
                            "--payload '{\"raise_error\": 1}' response.json";

void allow_sqs(Shell& sh) {
    sh.world().iam.attach_role_policy(sh.world().lambda.functions().at("demo-lambda").role_name(),
                                      "arn:aws:iam::aws:policy/AmazonSQSFullAccess");
}

// test_lambda_destinations.snapshot.json, test_dead_letter_queue (24-11-2025): the DLQ message is
// the payload itself, with RequestID / ErrorCode "200" (Number) / ErrorMessage attributes.
TEST(LambdaConformance, DeadLetterQueue) {
    Shell sh(1);
    sh.world().sqs.create_queue("dlq");
    allow_sqs(sh);
    ASSERT_EQ(sh.run("aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config "
                     "TargetArn=arn:aws:sqs:ap-northeast-2:123456789012:dlq").exit_code, 0);
    sh.run("lab fail demo-lambda always --message 'Test exception (this is intentional)'");
    sh.run(kFailingAsync);
    sh.run("lab run");
    const std::string rid = invokelab::testing::last_invocation(sh.world()).request_id;
    const CommandResult r = sh.run("aws sqs receive-message --queue-url https://sqs.ap-northeast-2.amazonaws.com/123456789012/dlq "
                                   "--message-attribute-names All");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const ojson m = ojson::parse(r.out)["Messages"][0];
    EXPECT_EQ(m["Body"], "{\"raise_error\": 1}");
    EXPECT_EQ(m["MessageAttributes"]["ErrorCode"], ojson::parse(R"({"StringValue": "200", "DataType": "Number"})"));
    EXPECT_EQ(m["MessageAttributes"]["ErrorMessage"],
              ojson::parse(R"j({"StringValue": "Test exception (this is intentional)", "DataType": "String"})j"));
    EXPECT_EQ(m["MessageAttributes"]["RequestID"], (ojson{{"StringValue", rid}, {"DataType", "String"}}));
}

// test_lambda_destinations.snapshot.json, test_maxeventage (27-11-2025): with 60 s the first retry
// would already be too old, so the failure record goes out after one attempt; with 90 s, one retry.
TEST(LambdaConformance, MaxEventAge) {
    for (const auto& [age, count] : std::vector<std::pair<int, int>>{{60, 1}, {90, 2}}) {
        Shell sh(1);
        const std::string url = sh.world().sqs.create_queue("on-failure");
        allow_sqs(sh);
        ASSERT_EQ(sh.run(kPut + "demo-lambda --maximum-retry-attempts 2 --maximum-event-age-in-seconds " + std::to_string(age) +
                         " --destination-config OnFailure={Destination=arn:aws:sqs:ap-northeast-2:123456789012:on-failure}").exit_code, 0);
        sh.run("lab fail demo-lambda always");
        sh.run(kFailingAsync);
        sh.run("lab run");
        const auto records = sh.world().sqs.receive_message(url, 10);
        ASSERT_EQ(records.size(), 1u) << age;
        const ojson j = ojson::parse(records[0].body);
        EXPECT_EQ(j["requestContext"]["condition"], "EventAgeExceeded") << age;
        EXPECT_EQ(j["requestContext"]["approximateInvokeCount"], count) << age;
        EXPECT_EQ(j["responseContext"]["functionError"], "Unhandled") << age;
    }
}

// test_lambda_destinations.snapshot.json, test_lambda_destination_default_retries (24-11-2025):
// a put with only DestinationConfig has no MaximumRetryAttempts / MaximumEventAgeInSeconds keys.
TEST(LambdaConformance, LambdaDestinationDefaultRetries) {
    Shell sh(1);
    sh.world().sqs.create_queue("on-failure");
    allow_sqs(sh);
    const CommandResult r = sh.run(kPut + "demo-lambda --destination-config OnFailure={Destination=arn:aws:sqs:ap-northeast-2:123456789012:on-failure}");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const ojson j = ojson::parse(r.out);
    EXPECT_FALSE(j.contains("MaximumRetryAttempts"));
    EXPECT_FALSE(j.contains("MaximumEventAgeInSeconds"));
    EXPECT_EQ(j["DestinationConfig"]["OnFailure"]["Destination"], "arn:aws:sqs:ap-northeast-2:123456789012:on-failure");
}

// test_lambda.snapshot.json, test_lambda_invoke_with_timeout (25-11-2025) for the payload; the REPORT
// line follows reference §5 (DataBiosphere/azul#8140, open-telemetry/opentelemetry-lambda PR #2098):
// "Status: timeout" ends the REPORT line and no separate "Task timed out" line is written.
TEST(LambdaConformance, LambdaInvokeWithTimeout) {
    Shell sh(1);
    sh.run("aws lambda update-function-configuration --function-name demo-lambda --timeout 1");
    sh.run("lab fail demo-lambda off --duration 5s");
    const CommandResult r = sh.run("aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload '{}' out.json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "{\n    \"StatusCode\": 200,\n    \"FunctionError\": \"Unhandled\",\n    \"ExecutedVersion\": \"$LATEST\"\n}\n");
    const std::string rid = invokelab::testing::last_invocation(sh.world()).request_id;
    EXPECT_EQ(sh.world().files.read("out.json").value(),
              "{\"errorType\": \"Sandbox.Timedout\", \"errorMessage\": \"RequestId: " + rid + " Error: Task timed out after 1.00 seconds\"}");
    const auto lines = invokelab::testing::log_messages(sh.world());
    for (const auto& l : lines) EXPECT_EQ(l.find("Task timed out"), std::string::npos) << l;
    ASSERT_FALSE(lines.empty());
    const std::string& report = lines.back();
    ASSERT_EQ(report.rfind("REPORT RequestId: " + rid + "\tDuration: 1000.00 ms\tBilled Duration: ", 0), 0u) << report;
    const std::string tail = "\tStatus: timeout\n";
    ASSERT_GE(report.size(), tail.size());
    EXPECT_EQ(report.substr(report.size() - tail.size()), tail);
}

// test_lambda.snapshot.json, test_invocation_with_logs / test_request_id_invoke for the REPORT shape;
// Billed Duration = ceil(Duration + Init Duration) on a cold start since 2025-08-01 (reference §5,
// [BLOG-INIT]); a warm start adds nothing.
TEST(LambdaConformance, ReportBilledDurationIncludesInitDuration) {
    Shell sh(1);
    sh.run("aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload '{}' out.json");
    sh.run("aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload '{}' out.json");
    std::vector<std::string> reports;
    for (const auto& l : invokelab::testing::log_messages(sh.world())) if (l.rfind("REPORT ", 0) == 0) reports.push_back(l);
    ASSERT_EQ(reports.size(), 2u);
    auto field = [](const std::string& line, const std::string& name) {
        const auto at = line.find(name + ": ");
        if (at == std::string::npos) return std::string();
        const auto start = at + name.size() + 2;
        return line.substr(start, line.find(' ', start) - start);
    };
    auto centims = [](const std::string& ms) { return std::stoll(ms.substr(0, ms.find('.'))) * 100 + std::stoll(ms.substr(ms.find('.') + 1)); };
    const long long cold = centims(field(reports[0], "Duration")) + centims(field(reports[0], "Init Duration"));
    EXPECT_EQ(std::stoll(field(reports[0], "Billed Duration")), (cold + 99) / 100) << reports[0];
    EXPECT_EQ(field(reports[1], "Init Duration"), "");
    EXPECT_EQ(std::stoll(field(reports[1], "Billed Duration")), (centims(field(reports[1], "Duration")) + 99) / 100) << reports[1];
    EXPECT_EQ(reports[0].substr(reports[0].size() - 5), " ms\t\n");
}

// test_lambda_destinations.snapshot.json, test_dead_letter_queue (python3.12 error payload) and
// awslambdaric lambda_runtime_marshaller.py: on python3.12 the runtime encodes with
// ensure_ascii=False, so non-ASCII text in the error payload arrives as UTF-8, not \uXXXX.
TEST(LambdaConformance, Python312ErrorPayloadKeepsNonAscii) {
    Shell sh(1);
    sh.run("lab fail demo-lambda always --type ValueError --message '주문 번호가 없습니다'");
    sh.run("aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload '{}' out.json");
    const std::string body = sh.world().files.read("out.json").value();
    EXPECT_EQ(body.rfind("{\"errorMessage\": \"주문 번호가 없습니다\", \"errorType\": \"ValueError\", \"requestId\": \"", 0), 0u) << body;
    EXPECT_EQ(body.find("\\u"), std::string::npos) << body;
    // simplejson without ensure_ascii: only quotes, backslashes, control characters and U+2028/9 escaped.
    EXPECT_EQ(python_runtime_json(ojson{{"m", "한\t\"x\"\u2028😀"}}), "{\"m\": \"한\\t\\\"x\\\"\\u2028😀\"}");
}

} // namespace
