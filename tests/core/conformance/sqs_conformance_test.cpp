// SQS answers compared with AWS recordings: localstack/localstack
// tests/aws/services/sqs/test_sqs.snapshot.json (commit 8b9a79f0). One TEST per recorded case,
// named after it; MD5 digests are constants in the recording, so they are compared exactly.
#include <gtest/gtest.h>
#include "conformance_util.h"
#include "lambda_test_util.h"

using namespace invokelab;
using namespace invokelab::conformance;

namespace {

const std::string kUrl = "https://sqs.ap-northeast-2.amazonaws.com/123456789012/q";
const std::string kReceive = "aws sqs receive-message --queue-url " + kUrl + " ";

// The message of test_receive_message_message_attribute_names_filters: body "msg" and three attributes.
Shell& with_attribute_message(Shell& sh) {
    EXPECT_EQ(sh.run("aws sqs create-queue --queue-name q --attributes VisibilityTimeout=0").exit_code, 0);
    const CommandResult r = sh.run("aws sqs send-message --queue-url " + kUrl + " --message-body msg --message-attributes "
                                   "'{\"Help.Me\": {\"DataType\": \"String\", \"StringValue\": \"Me\"}, "
                                   "\"Hello\": {\"DataType\": \"String\", \"StringValue\": \"There\"}, "
                                   "\"General\": {\"DataType\": \"String\", \"StringValue\": \"Kenobi\"}}'");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const ojson j = ojson::parse(r.out);
    // send_message_response
    EXPECT_EQ(j["MD5OfMessageBody"], "6e2baaf3b97dbeef01c0043275f9a0e7");
    EXPECT_EQ(j["MD5OfMessageAttributes"], "4c360f3fdafd970e05fae2f149d997f5");
    return sh;
}

ojson first_message(Shell& sh, const std::string& options) {
    const CommandResult r = sh.run(kReceive + options);
    EXPECT_EQ(r.exit_code, 0) << options << "\n" << r.err;
    if (r.out.empty()) return nullptr;
    return ojson::parse(r.out)["Messages"][0];
}

std::vector<std::string> attribute_names(const ojson& m) {
    std::vector<std::string> out;
    if (m.contains("MessageAttributes"))
        for (const auto& [k, v] : m["MessageAttributes"].items()) out.push_back(k);
    std::sort(out.begin(), out.end());
    return out;
}

// [SECTION] TestSqsProvider::test_receive_message_message_attribute_names_filters[sqs] (30-04-2024)
// The CLI takes a list option as several words: --message-attribute-names Hello General.

// empty_filter
TEST(SqsConformance, MessageAttributeNamesEmptyFilter) {
    Shell sh(1);
    const ojson m = first_message(with_attribute_message(sh), "");
    EXPECT_FALSE(m.contains("MessageAttributes"));
    EXPECT_FALSE(m.contains("MD5OfMessageAttributes"));
    EXPECT_EQ(m["MD5OfBody"], "6e2baaf3b97dbeef01c0043275f9a0e7");
}

// all_name
TEST(SqsConformance, MessageAttributeNamesAllName) {
    Shell sh(1);
    const ojson m = first_message(with_attribute_message(sh), "--message-attribute-names All");
    EXPECT_EQ(attribute_names(m), (std::vector<std::string>{"General", "Hello", "Help.Me"}));
    EXPECT_EQ(m["MD5OfMessageAttributes"], "4c360f3fdafd970e05fae2f149d997f5");
}

// all_wildcard_asterisk
TEST(SqsConformance, MessageAttributeNamesAllWildcardAsterisk) {
    Shell sh(1);
    const ojson m = first_message(with_attribute_message(sh), "--message-attribute-names '*'");
    EXPECT_EQ(attribute_names(m), (std::vector<std::string>{"General", "Hello", "Help.Me"}));
    EXPECT_EQ(m["MD5OfMessageAttributes"], "4c360f3fdafd970e05fae2f149d997f5");
}

// all_wildcard
TEST(SqsConformance, MessageAttributeNamesAllWildcard) {
    Shell sh(1);
    const ojson m = first_message(with_attribute_message(sh), "--message-attribute-names '.*'");
    EXPECT_EQ(attribute_names(m), (std::vector<std::string>{"General", "Hello", "Help.Me"}));
}

// only_non_existing_names
TEST(SqsConformance, MessageAttributeNamesOnlyNonExistingNames) {
    Shell sh(1);
    const ojson m = first_message(with_attribute_message(sh), "--message-attribute-names Foo Help");
    EXPECT_FALSE(m.contains("MessageAttributes"));
    EXPECT_FALSE(m.contains("MD5OfMessageAttributes"));
}

// only_existing
TEST(SqsConformance, MessageAttributeNamesOnlyExisting) {
    Shell sh(1);
    const ojson m = first_message(with_attribute_message(sh), "--message-attribute-names Hello General");
    EXPECT_EQ(attribute_names(m), (std::vector<std::string>{"General", "Hello"}));
    EXPECT_EQ(m["MD5OfMessageAttributes"], "fca026605781cb4126a1e9044df24232");
}

// existing_and_non_existing
TEST(SqsConformance, MessageAttributeNamesExistingAndNonExisting) {
    Shell sh(1);
    const ojson m = first_message(with_attribute_message(sh), "--message-attribute-names Foo Hello");
    EXPECT_EQ(attribute_names(m), (std::vector<std::string>{"Hello"}));
    EXPECT_EQ(m["MD5OfMessageAttributes"], "a311262e065454b75da111d535b8dacd");
    EXPECT_EQ(m["MessageAttributes"]["Hello"], ojson::parse(R"({"StringValue": "There", "DataType": "String"})"));
}

// prefix_filter
TEST(SqsConformance, MessageAttributeNamesPrefixFilter) {
    Shell sh(1);
    const ojson m = first_message(with_attribute_message(sh), "--message-attribute-names 'Hel.*'");
    EXPECT_EQ(attribute_names(m), (std::vector<std::string>{"Hello", "Help.Me"}));
    EXPECT_EQ(m["MD5OfMessageAttributes"], "83fee93c1bcd8b9a5a923ffacdc636c7");
}

// illegal_name_1 / illegal_name_2: accepted, nothing selected.
TEST(SqsConformance, MessageAttributeNamesIllegalNames) {
    Shell sh(1);
    with_attribute_message(sh);
    EXPECT_FALSE(first_message(sh, "--message-attribute-names AWS.").contains("MessageAttributes"));
    EXPECT_FALSE(first_message(sh, "--message-attribute-names ..foo").contains("MessageAttributes"));
}

// [SECTION] TestSqsProvider::test_receive_message_attribute_names_filters[sqs] (04-06-2024)

Shell& with_foo_message(Shell& sh) {
    EXPECT_EQ(sh.run("aws sqs create-queue --queue-name q --attributes VisibilityTimeout=0").exit_code, 0);
    EXPECT_EQ(sh.run("aws sqs send-message --queue-url " + kUrl + " --message-body msg --message-attributes "
                     "'{\"Foo\": {\"DataType\": \"String\", \"StringValue\": \"Bar\"}}'").exit_code, 0);
    return sh;
}

std::vector<std::string> keys_of(const ojson& obj) {
    std::vector<std::string> out;
    for (const auto& [k, v] : obj.items()) out.push_back(k);
    std::sort(out.begin(), out.end());
    return out;
}

// all_attributes
TEST(SqsConformance, AttributeNamesAllAttributes) {
    Shell sh(1);
    const ojson m = first_message(with_foo_message(sh), "--attribute-names All");
    EXPECT_EQ(keys_of(m["Attributes"]),
              (std::vector<std::string>{"ApproximateFirstReceiveTimestamp", "ApproximateReceiveCount", "SenderId", "SentTimestamp"}));
    EXPECT_EQ(m["Attributes"]["ApproximateReceiveCount"], "1");
    EXPECT_FALSE(m.contains("MessageAttributes"));
}

// all_system_and_message_attributes
TEST(SqsConformance, AttributeNamesAllSystemAndMessageAttributes) {
    Shell sh(1);
    const ojson m = first_message(with_foo_message(sh), "--attribute-names All --message-attribute-names All");
    EXPECT_EQ(m["Attributes"].size(), 4u);
    EXPECT_EQ(m["MD5OfMessageAttributes"], "ae7155c6026991b6d54b11589678bf9c");
    EXPECT_EQ(m["MessageAttributes"]["Foo"], ojson::parse(R"({"StringValue": "Bar", "DataType": "String"})"));
}

// single_attribute
TEST(SqsConformance, AttributeNamesSingleAttribute) {
    Shell sh(1);
    const ojson m = first_message(with_foo_message(sh), "--attribute-names SenderId");
    EXPECT_EQ(keys_of(m["Attributes"]), std::vector<std::string>{"SenderId"});
}

// multiple_attributes: SequenceNumber means nothing on a standard queue and is not an error.
TEST(SqsConformance, AttributeNamesMultipleAttributes) {
    Shell sh(1);
    const ojson m = first_message(with_foo_message(sh), "--attribute-names SenderId SequenceNumber");
    EXPECT_EQ(keys_of(m["Attributes"]), std::vector<std::string>{"SenderId"});
}

// [SECTION] Queue attributes and sizes

// TestSqsProvider::test_set_queue_attributes_default_values[sqs] (10-12-2025), get-queue-attributes-initial-values
TEST(SqsConformance, SetQueueAttributesDefaultValues) {
    Shell sh(1);
    sh.run("aws sqs create-queue --queue-name q");
    const CommandResult r = sh.run("aws sqs get-queue-attributes --queue-url " + kUrl + " --attribute-names All");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const ojson a = ojson::parse(r.out)["Attributes"];
    EXPECT_EQ(a["MaximumMessageSize"], "1048576");
    EXPECT_EQ(a["MessageRetentionPeriod"], "345600");
    EXPECT_EQ(a["VisibilityTimeout"], "30");
    EXPECT_EQ(a["DelaySeconds"], "0");
    EXPECT_EQ(a["ReceiveMessageWaitTimeSeconds"], "0");
    EXPECT_EQ(a["SqsManagedSseEnabled"], "true");
    EXPECT_EQ(a["ApproximateNumberOfMessages"], "0");
    EXPECT_EQ(a["ApproximateNumberOfMessagesNotVisible"], "0");
    EXPECT_EQ(a["ApproximateNumberOfMessagesDelayed"], "0");
    EXPECT_EQ(a["QueueArn"], "arn:aws:sqs:ap-northeast-2:123456789012:q");
}

// TestSqsProvider::test_send_oversized_message[sqs]: the limit is the 1 MiB default, counted as body
// plus attribute names, types and values.
TEST(SqsConformance, SendOversizedMessage) {
    Shell sh(1);
    const std::string url = sh.world().sqs.create_queue("q");
    EXPECT_NO_THROW(sh.world().sqs.send_message(url, std::string(1048576, 'a'), {}, -1));
    sh.world().files.write("big.txt", std::string(1048577, 'a'));
    expect_service_error(sh, "aws sqs send-message --queue-url " + url + " --message-body file://big.txt", "SendMessage",
                         "InvalidParameterValue", "One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.",
                         false);
}

// TestSqsProvider::test_send_message_with_updated_maximum_message_size[sqs]
TEST(SqsConformance, SendMessageWithUpdatedMaximumMessageSize) {
    Shell sh(1);
    const std::string url = sh.world().sqs.create_queue("q", {{"MaximumMessageSize", "1024"}});
    EXPECT_NO_THROW(sh.world().sqs.send_message(url, std::string(1024, 'a'), {}, -1));
    const std::string body(1024 - 8 + 1, 'a');      // + "k" + "String" + "x" = 1025 bytes
    sh.world().files.write("body.txt", body);
    expect_service_error(sh, "aws sqs send-message --queue-url " + url + " --message-body file://body.txt --message-attributes "
                         "'{\"k\": {\"DataType\": \"String\", \"StringValue\": \"x\"}}'", "SendMessage", "InvalidParameterValue",
                         "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.", false);
}

// Reference §3 with the recorded 1 MiB default: a failing async event larger than 256 KiB reaches a
// default SQS DLQ (before the default change it could not fit and was dropped).
TEST(SqsConformance, AsyncEventOver256KiBReachesDefaultDlq) {
    Shell sh(1);
    const std::string url = sh.world().sqs.create_queue("dlq");
    sh.world().iam.attach_role_policy(sh.world().lambda.functions().at("demo-lambda").role_name(),
                                      "arn:aws:iam::aws:policy/AmazonSQSFullAccess");
    ASSERT_EQ(sh.run("aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config "
                     "TargetArn=arn:aws:sqs:ap-northeast-2:123456789012:dlq").exit_code, 0);
    const std::string payload = "{\"blob\": \"" + std::string(300 * 1024, 'x') + "\"}";
    sh.world().files.write("event.json", payload);
    sh.run("lab fail demo-lambda always");
    const CommandResult r = sh.run("aws lambda invoke --function-name demo-lambda --invocation-type Event --payload fileb://event.json out.json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    sh.run("lab run");
    const auto got = sh.world().sqs.receive_message(url, 10);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].body, payload);
    EXPECT_EQ(got[0].attributes.at("ErrorCode").string_value, "200");
}

} // namespace
