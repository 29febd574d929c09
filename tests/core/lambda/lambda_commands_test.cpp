// `aws lambda …` as CLI v2 prints it: output shapes and key order, client-side errors
// (base64 blobs, usage, parameter validation) and their exit codes.
#include <gtest/gtest.h>
#include "lambda_test_util.h"
#include "util/base64.h"

using namespace invokelab;
using namespace invokelab::testing;

namespace {

std::vector<std::string> keys(const ojson& j) {
    std::vector<std::string> k;
    for (const auto& [key, v] : j.items()) k.push_back(key);
    return k;
}

TEST(LambdaCommands, JsonPayloadWithoutRawInBase64OutIsInvalidBase64) {
    Shell sh(1);
    const CommandResult r = sh.run("aws lambda invoke --function-name demo-lambda --payload '{\"key1\": \"value1\"}' response.json");
    EXPECT_EQ(r.exit_code, 255);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "\naws: [ERROR]: Invalid base64: \"{\"key1\": \"value1\"}\"\n");
    EXPECT_TRUE(sh.world().lambda.invocations().empty());   // nothing reached Lambda
}

TEST(LambdaCommands, Base64PayloadIsDecodedByDefault) {
    Shell sh(1);
    const std::string b64 = base64_encode("{\"key1\": \"value1\"}");
    const CommandResult r = sh.run("aws lambda invoke --function-name demo-lambda --payload " + b64 + " response.json");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(last_invocation(sh.world()).payload, "{\"key1\": \"value1\"}");
}

TEST(LambdaCommands, JsonThatHappensToDecodeAsBase64ReachesLambdaAsGarbage) {
    Shell sh(1);
    // Python's lenient b64decode drops '{', '"', ':' and spaces: "abcd" decodes to 3 bytes 69 b7 1d.
    const CommandResult r = sh.run("aws lambda invoke --function-name demo-lambda --payload '{\"ab\": \"cd\"}' response.json");
    EXPECT_EQ(r.exit_code, 254);
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (InvalidRequestContentException) when calling the Invoke operation: Could not parse "
                     "request body into json: Could not parse payload into json: Invalid UTF-8 start byte 0xb7\n at [Source: REDACTED "
                     "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 2]\n"
                     "\nAdditional error details:\nType: User\n");
}

TEST(LambdaCommands, FilebPayloadIsSentAsIs) {
    Shell sh(1);
    sh.world().files.write("event.json", "{\"from\": \"file\"}");
    EXPECT_EQ(sh.run("aws lambda invoke --function-name demo-lambda --payload fileb://event.json out.json").exit_code, 0);
    EXPECT_EQ(last_invocation(sh.world()).payload, "{\"from\": \"file\"}");
    // file:// text is still a blob to decode: "fromfile" is valid base64, so Lambda gets bytes, not JSON.
    EXPECT_EQ(sh.run("aws lambda invoke --function-name demo-lambda --payload file://event.json out.json").err,
              "\naws: [ERROR]: An error occurred (InvalidRequestContentException) when calling the Invoke operation: Could not parse request body "
              "into json: Could not parse payload into json: Invalid UTF-8 start byte 0xba\n at [Source: REDACTED "
              "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 2]\n"
              "\nAdditional error details:\nType: User\n");
    EXPECT_EQ(sh.run("aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload file://event.json out.json").exit_code, 0);
}

TEST(LambdaCommands, QualifierOtherThanLatestIsNotFound) {
    Shell sh(1);
    EXPECT_EQ(sh.run("aws lambda invoke --function-name demo-lambda --qualifier '$LATEST' --cli-binary-format raw-in-base64-out --payload '{}' o.json").exit_code, 0);
    const CommandResult r = sh.run("aws lambda invoke --function-name demo-lambda --qualifier 1 --cli-binary-format raw-in-base64-out --payload '{}' o.json");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ResourceNotFoundException) when calling the Invoke operation: Function not found: "
                     "arn:aws:lambda:ap-northeast-2:123456789012:function:demo-lambda:1\n"
                     "\nAdditional error details:\nType: User\n");
    EXPECT_EQ(sh.run("aws lambda get-function-configuration --function-name nope").err,
              "\naws: [ERROR]: An error occurred (ResourceNotFoundException) when calling the GetFunctionConfiguration operation: Function not found: "
              "arn:aws:lambda:ap-northeast-2:123456789012:function:nope\n"
              "\nAdditional error details:\nType: User\n");
}

TEST(LambdaCommands, UnknownOptionIsAUsageError) {
    Shell sh(1);
    const CommandResult r = sh.run("aws lambda invoke --function-name demo-lambda --retries 3 out.json");
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_EQ(r.err, "\n" + usage_block() + "\naws: [ERROR]: Unknown options: --retries, 3\n");
}

TEST(LambdaCommands, MissingOutfileIsAUsageError) {
    Shell sh(1);
    const CommandResult r = sh.run("aws lambda invoke --function-name demo-lambda");
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ParamValidation): the following arguments are required: outfile\n\n" +
                     usage_block().substr(0, usage_block().size() - 1));
}

TEST(LambdaCommands, BadInvocationTypeIsRejectedByTheService) {
    Shell sh(1);
    const CommandResult r = sh.run("aws lambda invoke --function-name demo-lambda --invocation-type Async out.json");
    EXPECT_EQ(r.exit_code, 254);
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ValidationException) when calling the Invoke operation: 1 validation error detected: Value "
                     "'Async' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, "
                     "RequestResponse, DryRun]\n");
}

TEST(LambdaCommands, GetFunctionConfigurationKeysInAwsOrder) {
    Shell sh(1);
    const ojson j = ojson::parse(sh.run("aws lambda get-function-configuration --function-name demo-lambda").out);
    EXPECT_EQ(keys(j), (std::vector<std::string>{"FunctionName", "FunctionArn", "Runtime", "Role", "Handler", "CodeSize", "Description",
                                                 "Timeout", "MemorySize", "LastModified", "CodeSha256", "Version", "TracingConfig",
                                                 "RevisionId", "State", "LastUpdateStatus", "PackageType", "Architectures",
                                                 "EphemeralStorage", "SnapStart", "RuntimeVersionConfig", "LoggingConfig"}));
    EXPECT_EQ(j["FunctionArn"], "arn:aws:lambda:ap-northeast-2:123456789012:function:demo-lambda");
    EXPECT_EQ(j["Role"], "arn:aws:iam::123456789012:role/service-role/demo-lambda-role-6gssa7uj");   // seed 1
    EXPECT_EQ(j["Runtime"], "python3.12");
    EXPECT_EQ(j["Timeout"], 3);
    EXPECT_EQ(j["MemorySize"], 128);
    EXPECT_EQ(j["LoggingConfig"], ojson::parse(R"({"LogFormat":"Text","LogGroup":"/aws/lambda/demo-lambda"})"));
    EXPECT_EQ(j["State"], "Active");
}

TEST(LambdaCommands, DefaultRoleHasOnlyBasicExecution) {
    Shell sh(1);
    const IamRole* role = sh.world().iam.find_role("demo-lambda-role-6gssa7uj");
    ASSERT_NE(role, nullptr);
    EXPECT_EQ(role->path, "/service-role/");
    EXPECT_EQ(role->attached_policy_arns, std::vector<std::string>{"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"});
    EXPECT_TRUE(role->inline_policies.empty());
    Shell other(2);
    EXPECT_EQ(other.world().iam.find_role("demo-lambda-role-6gssa7uj"), nullptr);   // the suffix comes from the seed
}

TEST(LambdaCommands, ListFunctionsHasNoStateFieldsAndIsEmptyElsewhere) {
    Shell sh(1);
    const ojson j = ojson::parse(sh.run("aws lambda list-functions --region ap-northeast-2").out);
    ASSERT_EQ(j["Functions"].size(), 1u);
    EXPECT_FALSE(j["Functions"][0].contains("State"));
    EXPECT_EQ(sh.run("aws lambda list-functions --region us-west-2").out, "{\n    \"Functions\": []\n}\n");
}

TEST(LambdaCommands, UpdateTimeoutAndMemory) {
    Shell sh(1);
    ojson j = ojson::parse(sh.run("aws lambda update-function-configuration --function-name demo-lambda --timeout 10 --memory-size 256").out);
    EXPECT_EQ(j["Timeout"], 10);
    EXPECT_EQ(j["MemorySize"], 256);
    CommandResult r = sh.run("aws lambda update-function-configuration --function-name demo-lambda --timeout 901");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ValidationException) when calling the UpdateFunctionConfiguration operation: 1 validation "
                     "error detected: Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900\n");
    r = sh.run("aws lambda update-function-configuration --function-name demo-lambda --memory-size 64");
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ParamValidation): Parameter validation failed:\nInvalid value for parameter MemorySize, value: 64, valid min value: 128\n");
    EXPECT_EQ(sh.world().lambda.functions().at("demo-lambda").timeout_s, 10);
    // The REPORT line follows the new memory size.
    sh.run("aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload '{}' o.json");
    EXPECT_NE(log_messages(sh.world()).back().find("\tMemory Size: 256 MB\t"), std::string::npos);
}

TEST(LambdaCommands, DeadLetterConfigUnknownKey) {
    Shell sh(1);
    const CommandResult r = sh.run("aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config Target=arn:aws:sqs:x");
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ParamValidation): Parameter validation failed:\nUnknown parameter in DeadLetterConfig: \"Target\", must be one of: TargetArn\n");
}

TEST(LambdaCommands, StateJsonHasFunctionsQueuesInvocationsEnvironments) {
    Shell sh(1);
    sh.run("aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts 1");
    sh.run("aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out --payload '{}' o.json");
    const ojson s = sh.world().state_json()["lambda"];
    EXPECT_EQ(s["functions"][0]["configuration"]["FunctionName"], "demo-lambda");
    EXPECT_EQ(s["functions"][0]["eventInvokeConfig"]["MaximumRetryAttempts"], 1);
    EXPECT_EQ(s["functions"][0]["queue"].size(), 1u);
    EXPECT_EQ(s["invocations"][0]["state"], "queued");
    EXPECT_EQ(s["environments"].size(), 0u);
    sh.run("lab run");
    const ojson t = sh.world().state_json()["lambda"];
    EXPECT_EQ(t["environments"].size(), 1u);
    EXPECT_EQ(t["invocations"][0]["state"], "succeeded");
    EXPECT_EQ(t["invocations"][0]["attempts"][0]["coldStart"], true);
}

} // namespace
