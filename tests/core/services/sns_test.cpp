// SNS: topic and subscription ARNs, publish fan-out to SQS, the notification envelope's
// exact fields and layout, raw message delivery, and errors.
#include <gtest/gtest.h>
#include "aws/errors.h"
#include "shell/shell.h"
#include "world/world.h"

using namespace invokelab;

namespace {
const std::string kTopic = "arn:aws:sns:ap-northeast-2:123456789012:alerts";
const std::string kQueueArn = "arn:aws:sqs:ap-northeast-2:123456789012:inbox";
}

TEST(SnsTopics, CreateSubscribeArns) {
    World w(1);
    EXPECT_EQ(w.sns.create_topic("alerts"), kTopic);
    EXPECT_EQ(w.sns.create_topic("alerts"), kTopic);   // idempotent
    ASSERT_NE(w.sns.find_by_arn(kTopic), nullptr);
    EXPECT_EQ(w.sns.find_by_arn(kTopic)->name, "alerts");
    const std::string sub = w.sns.subscribe(kTopic, "sqs", kQueueArn);
    ASSERT_EQ(sub.size(), kTopic.size() + 1 + 36);
    EXPECT_EQ(sub.substr(0, kTopic.size() + 1), kTopic + ":");
    EXPECT_EQ(w.sns.subscribe(kTopic, "sqs", kQueueArn), sub);   // same endpoint, same subscription
    try {
        w.sns.publish("arn:aws:sns:ap-northeast-2:123456789012:nope", "x");
        ADD_FAILURE();
    } catch (const AwsError& e) {
        EXPECT_EQ(e.code, "NotFound");
        EXPECT_EQ(e.http_status, 404);
        EXPECT_STREQ(e.what(), "Topic does not exist");
    }
    try {
        w.sns.subscribe(kTopic, "sqs", "https://example.com");
        ADD_FAILURE();
    } catch (const AwsError& e) {
        EXPECT_EQ(e.code, "InvalidParameter");
    }
}

TEST(SnsPublish, EnvelopeBodyOnSqsSubscription) {
    World w(1);
    w.sqs.create_queue("inbox");
    w.sns.create_topic("alerts");
    const std::string sub = w.sns.subscribe(kTopic, "sqs", kQueueArn);
    w.scheduler.run_until(2500);
    const std::string id = w.sns.publish(kTopic, "{\"k\": \"v\"}", "Hi", {{"color", {"String", "blue"}}});
    const SqsQueue& q = *w.sqs.find_by_name("inbox");
    ASSERT_EQ(q.messages.size(), 1u);
    const SqsMessage& m = q.messages[0];
    EXPECT_TRUE(m.attributes.empty());               // attributes travel inside the envelope
    EXPECT_EQ(m.sender_id, "AIDAIT2UOQQY3AUEKVGXU");
    const ojson env = ojson::parse(m.body);
    std::vector<std::string> keys;
    for (const auto& [k, v] : env.items()) keys.push_back(k);
    EXPECT_EQ(keys, (std::vector<std::string>{"Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion",
                                              "Signature", "SigningCertURL", "UnsubscribeURL", "MessageAttributes"}));
    EXPECT_EQ(env["Type"], "Notification");
    EXPECT_EQ(env["MessageId"], id);
    EXPECT_EQ(env["TopicArn"], kTopic);
    EXPECT_EQ(env["Subject"], "Hi");
    EXPECT_EQ(env["Message"], "{\"k\": \"v\"}");
    EXPECT_EQ(env["Timestamp"], "2026-03-02T09:00:02.500Z");
    EXPECT_EQ(env["SignatureVersion"], "1");
    EXPECT_EQ(env["Signature"].get<std::string>().size(), 344u);   // 256 bytes in base64
    EXPECT_EQ(env["SigningCertURL"].get<std::string>().rfind("https://sns.ap-northeast-2.amazonaws.com/SimpleNotificationService-", 0), 0u);
    EXPECT_EQ(env["UnsubscribeURL"], "https://sns.ap-northeast-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + sub);
    EXPECT_EQ(env["MessageAttributes"].dump(), R"({"color":{"Type":"String","Value":"blue"}})");
    // SNS's layout: `"Key" : value` lines with two-space indent.
    EXPECT_EQ(m.body.substr(0, 54), "{\n  \"Type\" : \"Notification\",\n  \"MessageId\" : \"" + id.substr(0, 8));
    EXPECT_NE(m.body.find("\n  \"MessageAttributes\" : {\n    \"color\" : {\"Type\":\"String\",\"Value\":\"blue\"}\n  }\n}"), std::string::npos);
    EXPECT_EQ(m.body.back(), '}');
    // The trace shows the publish after the SQS send it caused.
    const auto& entries = w.trace.entries();
    EXPECT_EQ(entries[entries.size() - 2].kind, "sqs.sent");
    EXPECT_EQ(entries.back().kind, "sns.published");
    EXPECT_EQ(entries.back().detail.dump(), R"({"topic":"alerts","messageId":")" + id + R"(","deliveries":1})");
}

TEST(SnsPublish, NoSubjectNoAttributesAndRawDelivery) {
    World w(1);
    w.sqs.create_queue("inbox");
    w.sqs.create_queue("raw");
    w.sns.create_topic("alerts");
    w.sns.subscribe(kTopic, "sqs", kQueueArn);
    w.sns.subscribe(kTopic, "sqs", "arn:aws:sqs:ap-northeast-2:123456789012:raw", true);
    w.sns.subscribe(kTopic, "sqs", "arn:aws:sqs:ap-northeast-2:123456789012:gone");   // no such queue: skipped
    w.sns.publish(kTopic, "plain text", "", {{"n", {"Number", "3"}}});
    const ojson env = ojson::parse(w.sqs.find_by_name("inbox")->messages.at(0).body);
    EXPECT_FALSE(env.contains("Subject"));
    EXPECT_EQ(env["Message"], "plain text");
    const SqsMessage& raw = w.sqs.find_by_name("raw")->messages.at(0);
    EXPECT_EQ(raw.body, "plain text");
    ASSERT_EQ(raw.attributes.count("n"), 1u);
    EXPECT_EQ(raw.attributes.at("n").data_type, "Number");
    EXPECT_EQ(raw.attributes.at("n").string_value, "3");
    // What ReceiveMessage reports for it (computed over the attributes returned, not kept per message).
    EXPECT_EQ(md5_of_message_attributes(raw.attributes), "c9f498bff6d51c85e3f28b29b5485f42");
    w.sns.publish(kTopic, "second");
    const ojson env2 = ojson::parse(w.sqs.find_by_name("inbox")->messages.at(1).body);
    EXPECT_FALSE(env2.contains("MessageAttributes"));
    const ojson s = w.sns.state_json();
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0]["subscriptions"].size(), 3u);
    EXPECT_EQ(s[0]["published"].size(), 2u);
    EXPECT_EQ(s[0]["published"][0]["deliveries"].size(), 2u);
    try {
        w.sns.publish(kTopic, "");
        ADD_FAILURE();
    } catch (const AwsError& e) {
        EXPECT_EQ(e.code, "InvalidParameter");
        EXPECT_STREQ(e.what(), "Invalid parameter: Empty message");
    }
}

// [SECTION] aws sns … through the Shell

namespace {
struct SnsShell : ::testing::Test {
    Shell sh{1};
    // SNS (and SQS) draw ids from their own streams: the ids below come from this file's calls only.
};
}

TEST_F(SnsShell, CreateSubscribePublishListExactOutput) {
    EXPECT_EQ(sh.run("aws sns list-topics").out, "{\n    \"Topics\": []\n}\n");
    EXPECT_EQ(sh.run("aws sns create-topic --name alerts").out, "{\n    \"TopicArn\": \"" + kTopic + "\"\n}\n");
    sh.run("aws sqs create-queue --queue-name inbox");
    CommandResult r = sh.run("aws sns subscribe --topic-arn " + kTopic + " --protocol sqs --notification-endpoint " + kQueueArn);
    const std::string sub = kTopic + ":09404dcd-474e-416f-97bf-6ebdd639b7d1";
    EXPECT_EQ(r.out, "{\n    \"SubscriptionArn\": \"" + sub + "\"\n}\n");
    r = sh.run("aws sns publish --topic-arn " + kTopic + " --message hello --subject Hi");
    EXPECT_EQ(r.out, "{\n    \"MessageId\": \"4ace87a4-0bae-4cd4-b04c-906077eee37b\"\n}\n");
    EXPECT_EQ(r.exit_code, 0);
    const ojson env = ojson::parse(sh.world().sqs.find_by_name("inbox")->messages.at(0).body);
    EXPECT_EQ(env["MessageId"], "4ace87a4-0bae-4cd4-b04c-906077eee37b");
    EXPECT_EQ(env["Subject"], "Hi");
    EXPECT_EQ(sh.run("aws sns list-topics").out, "{\n    \"Topics\": [\n        {\n            \"TopicArn\": \"" + kTopic + "\"\n        }\n    ]\n}\n");
    EXPECT_EQ(sh.run("aws sns list-subscriptions").out,
              "{\n    \"Subscriptions\": [\n        {\n"
              "            \"SubscriptionArn\": \"" + sub + "\",\n"
              "            \"Owner\": \"123456789012\",\n"
              "            \"Protocol\": \"sqs\",\n"
              "            \"Endpoint\": \"" + kQueueArn + "\",\n"
              "            \"TopicArn\": \"" + kTopic + "\"\n"
              "        }\n    ]\n}\n");
}

TEST_F(SnsShell, RawDeliveryAttributeAndErrors) {
    sh.run("aws sns create-topic --name alerts");
    sh.run("aws sqs create-queue --queue-name inbox");
    CommandResult r = sh.run("aws sns subscribe --topic-arn " + kTopic + " --protocol sqs --notification-endpoint " + kQueueArn +
                             " --attributes RawMessageDelivery=true");
    EXPECT_EQ(r.exit_code, 0);
    sh.run("aws sns publish --topic-arn " + kTopic + " --message raw-body");
    EXPECT_EQ(sh.world().sqs.find_by_name("inbox")->messages.at(0).body, "raw-body");
    r = sh.run("aws sns publish --topic-arn arn:aws:sns:ap-northeast-2:123456789012:nope --message x");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (NotFound) when calling the Publish operation: Topic does not exist\n");
    EXPECT_EQ(r.exit_code, 254);
    r = sh.run("aws sns publish --topic-arn " + kTopic);
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_NE(r.err.find("the following arguments are required: --message"), std::string::npos);
}
