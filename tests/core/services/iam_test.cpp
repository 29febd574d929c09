// IAM: role ARNs and ids, managed and inline policies, and the allows() truth table that
// decides whether Lambda may deliver to a DLQ or destination.
#include <gtest/gtest.h>
#include "aws_error_expect.h"
#include "aws/errors.h"
#include "shell/shell.h"
#include "world/world.h"

using namespace invokelab;
using invokelab::testing::expect_aws_error;

namespace {

const std::string kBasic = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
const std::string kSqsFull = "arn:aws:iam::aws:policy/AmazonSQSFullAccess";
const std::string kDlq = "arn:aws:sqs:ap-northeast-2:123456789012:dlq";
const std::string kOther = "arn:aws:sqs:ap-northeast-2:123456789012:other";

} // namespace

TEST(IamRoles, CreateGivesServiceRoleArnAndRoleId) {
    World w(1);
    IamRole& r = w.iam.create_role("lab-role");
    EXPECT_EQ(r.arn, "arn:aws:iam::123456789012:role/service-role/lab-role");
    EXPECT_EQ(r.path, "/service-role/");
    ASSERT_EQ(r.role_id.size(), 21u);
    EXPECT_EQ(r.role_id.substr(0, 4), "AROA");
    for (char c : r.role_id) EXPECT_TRUE((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) << r.role_id;
    EXPECT_EQ(&w.iam.create_role("lab-role"), &r);    // a second create returns the same role
    EXPECT_EQ(w.iam.find_role_by_arn(r.arn), &r);
    EXPECT_EQ(w.iam.create_role("plain", "/").arn, "arn:aws:iam::123456789012:role/plain");
    EXPECT_EQ(w.iam.find_role("missing"), nullptr);
}

TEST(IamRoles, AttachDetachAndErrors) {
    World w(1);
    w.iam.create_role("lab-role");
    w.iam.attach_role_policy("lab-role", kBasic);
    w.iam.attach_role_policy("lab-role", kBasic);      // attaching twice keeps one
    EXPECT_EQ(w.iam.find_role("lab-role")->attached_policy_arns, std::vector<std::string>{kBasic});
    EXPECT_EQ(IamService::managed_policy_name(kBasic), "AWSLambdaBasicExecutionRole");
    EXPECT_EQ(IamService::managed_policy_name("arn:aws:iam::aws:policy/X"), "");
    expect_aws_error([&] { w.iam.attach_role_policy("lab-role", "arn:aws:iam::aws:policy/X"); }, "NoSuchEntity", 404,
                     "Policy arn:aws:iam::aws:policy/X does not exist or is not attachable.");
    expect_aws_error([&] { w.iam.attach_role_policy("ghost", kBasic); }, "NoSuchEntity", 404,
                     "The role with name ghost cannot be found.");
    w.iam.detach_role_policy("lab-role", kBasic);
    EXPECT_TRUE(w.iam.find_role("lab-role")->attached_policy_arns.empty());
    expect_aws_error([&] { w.iam.detach_role_policy("lab-role", kBasic); }, "NoSuchEntity", 404,
                     "Policy " + kBasic + " was not found.");
    expect_aws_error([&] { w.iam.put_role_policy("lab-role", "p", "{not json"); }, "MalformedPolicyDocument", 400,
                     "Syntax errors in policy.");
    expect_aws_error([&] { w.iam.put_role_policy("lab-role", "p", R"({"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"sqs:*","Resource":"*"}]})"); },
                     "MalformedPolicyDocument", 400, "Syntax errors in policy.");
    expect_aws_error([&] { w.iam.delete_role_policy("lab-role", "p"); }, "NoSuchEntity", 404,
                     "The role policy with name p cannot be found.");
}

TEST(IamAllows, TruthTable) {
    World w(1);
    w.iam.create_role("basic");
    w.iam.attach_role_policy("basic", kBasic);
    EXPECT_FALSE(w.iam.allows("basic", "sqs:SendMessage", kDlq));
    EXPECT_TRUE(w.iam.allows("basic", "logs:PutLogEvents", "arn:aws:logs:ap-northeast-2:123456789012:log-group:/aws/lambda/demo:*"));
    EXPECT_FALSE(w.iam.allows("ghost", "logs:PutLogEvents", "*"));

    w.iam.create_role("full");
    w.iam.attach_role_policy("full", kSqsFull);
    EXPECT_TRUE(w.iam.allows("full", "sqs:SendMessage", kDlq));
    EXPECT_TRUE(w.iam.allows("full", "SQS:sendmessage", kOther));      // actions are case-insensitive
    EXPECT_FALSE(w.iam.allows("full", "sns:Publish", "arn:aws:sns:ap-northeast-2:123456789012:t"));

    w.iam.create_role("one");
    w.iam.put_role_policy("one", "send-to-dlq",
        R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sqs:SendMessage","Resource":")" + kDlq + R"("}})");
    EXPECT_TRUE(w.iam.allows("one", "sqs:SendMessage", kDlq));
    EXPECT_FALSE(w.iam.allows("one", "sqs:SendMessage", kOther));
    EXPECT_FALSE(w.iam.allows("one", "sqs:DeleteMessage", kDlq));

    w.iam.create_role("wild");
    w.iam.put_role_policy("wild", "w", R"({"Statement":[{"Effect":"Allow","Action":["sqs:Send*"],"Resource":"arn:aws:sqs:*:123456789012:d?q"}]})");
    EXPECT_TRUE(w.iam.allows("wild", "sqs:SendMessageBatch", kDlq));
    EXPECT_FALSE(w.iam.allows("wild", "sqs:SendMessage", kOther));

    // An explicit Deny wins over the managed policy's Allow.
    w.iam.put_role_policy("full", "no-dlq", R"({"Statement":[{"Effect":"Deny","Action":"sqs:SendMessage","Resource":")" + kDlq + R"("}]})");
    EXPECT_FALSE(w.iam.allows("full", "sqs:SendMessage", kDlq));
    EXPECT_TRUE(w.iam.allows("full", "sqs:SendMessage", kOther));
    w.iam.delete_role_policy("full", "no-dlq");
    EXPECT_TRUE(w.iam.allows("full", "sqs:SendMessage", kDlq));
}

TEST(IamState, JsonListsPoliciesInOrder) {
    World w(1);
    w.iam.create_role("zz-lab-role");
    w.iam.attach_role_policy("zz-lab-role", kSqsFull);
    w.iam.attach_role_policy("zz-lab-role", kBasic);
    w.iam.put_role_policy("zz-lab-role", "b", R"({"Statement":{"Effect":"Allow","Action":"sns:Publish","Resource":"*"}})");
    w.iam.put_role_policy("zz-lab-role", "a", R"({"Statement":{"Effect":"Allow","Action":"sns:Publish","Resource":"*"}})");
    const ojson s = w.iam.state_json();
    ASSERT_FALSE(s.empty());
    const ojson& r = s.back();
    EXPECT_EQ(r["name"], "zz-lab-role");
    EXPECT_EQ(r["arn"], "arn:aws:iam::123456789012:role/service-role/zz-lab-role");
    EXPECT_EQ(r["attachedPolicies"].dump(), "[\"" + kSqsFull + "\",\"" + kBasic + "\"]");
    EXPECT_EQ(r["inlinePolicies"].dump(), "[\"a\",\"b\"]");
}

// [SECTION] aws iam … through the Shell

namespace {
struct IamShell : ::testing::Test {
    Shell sh{1};
    void SetUp() override {
        // Role ids come from IAM's own stream: the demo role's, then this create-role's.
        sh.world().files.write("trust.json", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]})");
        sh.run("aws iam create-role --role-name lab-role --path /service-role/ --assume-role-policy-document file://trust.json");
    }
};
const std::string kGetRole =
    "{\n"
    "    \"Role\": {\n"
    "        \"Path\": \"/service-role/\",\n"
    "        \"RoleName\": \"lab-role\",\n"
    "        \"RoleId\": \"AROAVTC9DI9HVI10C1PU3\",\n"
    "        \"Arn\": \"arn:aws:iam::123456789012:role/service-role/lab-role\",\n"
    "        \"CreateDate\": \"2026-03-02T09:00:00+00:00\",\n"
    "        \"AssumeRolePolicyDocument\": {\n"
    "            \"Version\": \"2012-10-17\",\n"
    "            \"Statement\": [\n"
    "                {\n"
    "                    \"Effect\": \"Allow\",\n"
    "                    \"Principal\": {\n"
    "                        \"Service\": \"lambda.amazonaws.com\"\n"
    "                    },\n"
    "                    \"Action\": \"sts:AssumeRole\"\n"
    "                }\n"
    "            ]\n"
    "        },\n"
    "        \"MaxSessionDuration\": 3600,\n"
    "        \"RoleLastUsed\": {}\n"
    "    }\n"
    "}\n";
} // namespace

TEST_F(IamShell, GetRoleExactOutput) {
    CommandResult r = sh.run("aws iam get-role --role-name lab-role");
    EXPECT_EQ(r.out, kGetRole);
    EXPECT_EQ(r.exit_code, 0);
    r = sh.run("aws iam get-role --role-name ghost");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (NoSuchEntity) when calling the GetRole operation: The role with name ghost cannot be found.\n");
    EXPECT_EQ(r.exit_code, 254);
    r = sh.run("aws iam create-role --role-name lab-role --assume-role-policy-document file://trust.json");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (EntityAlreadyExists) when calling the CreateRole operation: Role with name lab-role already exists.\n");
    r = sh.run("aws iam get-role");
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_NE(r.err.find("the following arguments are required: --role-name"), std::string::npos);
}

TEST_F(IamShell, AttachListAndInlinePolicies) {
    CommandResult r = sh.run("aws iam attach-role-policy --role-name lab-role --policy-arn " + kBasic);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.exit_code, 0);
    sh.run("aws iam attach-role-policy --role-name lab-role --policy-arn " + kSqsFull);
    EXPECT_EQ(sh.run("aws iam list-attached-role-policies --role-name lab-role").out,
              "{\n    \"AttachedPolicies\": [\n"
              "        {\n            \"PolicyName\": \"AWSLambdaBasicExecutionRole\",\n            \"PolicyArn\": \"" + kBasic + "\"\n        },\n"
              "        {\n            \"PolicyName\": \"AmazonSQSFullAccess\",\n            \"PolicyArn\": \"" + kSqsFull + "\"\n        }\n"
              "    ]\n}\n");
    r = sh.run("aws iam attach-role-policy --role-name lab-role --policy-arn arn:aws:iam::aws:policy/X");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (NoSuchEntity) when calling the AttachRolePolicy operation: "
                     "Policy arn:aws:iam::aws:policy/X does not exist or is not attachable.\n");
    EXPECT_EQ(r.exit_code, 254);
    EXPECT_EQ(sh.run("aws iam detach-role-policy --role-name lab-role --policy-arn " + kSqsFull).out, "");
    EXPECT_FALSE(sh.world().iam.allows("lab-role", "sqs:SendMessage", kDlq));

    sh.world().files.write("send.json", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":")" + kDlq + R"("}]})");
    r = sh.run("aws iam put-role-policy --role-name lab-role --policy-name send-to-dlq --policy-document file://send.json");
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_TRUE(sh.world().iam.allows("lab-role", "sqs:SendMessage", kDlq));
    EXPECT_EQ(sh.run("aws iam list-role-policies --role-name lab-role").out, "{\n    \"PolicyNames\": [\n        \"send-to-dlq\"\n    ]\n}\n");
    EXPECT_EQ(sh.run("aws iam get-role-policy --role-name lab-role --policy-name send-to-dlq --query PolicyDocument.Statement[0].Resource").out,
              "\"" + kDlq + "\"\n");
    r = sh.run("aws iam put-role-policy --role-name lab-role --policy-name bad --policy-document '{\"Statement\": ['");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (MalformedPolicyDocument) when calling the PutRolePolicy operation: Syntax errors in policy.\n");
    EXPECT_EQ(r.exit_code, 254);
    r = sh.run("aws iam put-role-policy --role-name lab-role --policy-name p --policy-document file://missing.json");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ParamValidation): Error parsing parameter '--policy-document': Unable to load paramfile file://missing.json: "
                     "[Errno 2] No such file or directory: 'missing.json'\n");
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_EQ(sh.run("aws iam delete-role-policy --role-name lab-role --policy-name send-to-dlq").out, "");
    EXPECT_EQ(sh.run("aws iam list-role-policies --role-name lab-role").out, "{\n    \"PolicyNames\": []\n}\n");
}

// Reads of a role (aws iam get-role and the list/get calls) leave generation() as it is, so
// Lambda's cached "may this role log / deliver" answers survive them; a write advances it by one
// and the next delivery is decided again.
TEST(IamGeneration, ReadsKeepItAndWritesAdvanceIt) {
    Shell sh(1);
    World& w = sh.world();
    w.sqs.create_queue("lambda-DLQ");
    const std::string role = w.lambda.functions().at("demo-lambda").role_name();
    const std::string sqs_full = "arn:aws:iam::aws:policy/AmazonSQSFullAccess";
    ASSERT_EQ(sh.run("aws iam attach-role-policy --role-name " + role + " --policy-arn " + sqs_full).exit_code, 0);
    ASSERT_EQ(sh.run("aws iam put-role-policy --role-name " + role + " --policy-name note --policy-document "
                     "'{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sns:Publish\",\"Resource\":\"*\"}]}'")
                  .exit_code, 0);
    ASSERT_EQ(sh.run("aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config "
                     "TargetArn=arn:aws:sqs:ap-northeast-2:123456789012:lambda-DLQ").exit_code, 0);
    ASSERT_EQ(sh.run("aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts 0").exit_code, 0);
    sh.run("lab fail demo-lambda always");
    const std::uint64_t before = w.iam.generation();

    const CommandResult get = sh.run("aws iam get-role --role-name " + role);
    ASSERT_EQ(get.exit_code, 0) << get.err;
    EXPECT_EQ(ojson::parse(get.out)["Role"]["RoleName"], role);
    EXPECT_EQ(sh.run("aws iam list-attached-role-policies --role-name " + role).exit_code, 0);
    EXPECT_EQ(sh.run("aws iam list-role-policies --role-name " + role).exit_code, 0);
    EXPECT_EQ(sh.run("aws iam get-role-policy --role-name " + role + " --policy-name note").exit_code, 0);
    EXPECT_EQ(sh.run("aws iam list-roles").exit_code, 0);
    EXPECT_EQ(sh.run("aws iam get-role --role-name nobody").exit_code, 254);
    EXPECT_EQ(w.iam.generation(), before);

    // A failed event between reads: delivered, and the reads around it still leave the generation.
    ASSERT_EQ(sh.run("aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out "
                     "--payload '{}' out.json").exit_code, 0);
    sh.run("lab run");
    EXPECT_EQ(sh.run("aws iam get-role --role-name " + role).exit_code, 0);
    EXPECT_EQ(w.iam.generation(), before);
    const InvocationRecord first = w.lambda.invocations().back();
    EXPECT_EQ(first.dlq_message_id.size(), 36u);
    EXPECT_FALSE(first.dlq_failed);

    // A write advances it by exactly one, and the next delivery sees the change.
    ASSERT_EQ(sh.run("aws iam detach-role-policy --role-name " + role + " --policy-arn " + sqs_full).exit_code, 0);
    EXPECT_EQ(w.iam.generation(), before + 1);
    ASSERT_EQ(sh.run("aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out "
                     "--payload '{}' out.json").exit_code, 0);
    sh.run("lab run");
    const InvocationRecord& second = w.lambda.invocations().back();
    EXPECT_TRUE(second.dlq_failed);
    EXPECT_EQ(second.dlq_message_id, "");
    EXPECT_EQ(w.lambda.functions().at("demo-lambda").dead_letter_errors, 1);
    EXPECT_EQ(w.sqs.queues().at("lambda-DLQ").messages.size(), 1u);
}
