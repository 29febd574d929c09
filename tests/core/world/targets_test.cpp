// world/targets: one table from ARN to IAM action, refusal wording and delivery.
#include <gtest/gtest.h>
#include "aws/errors.h"
#include "world/world.h"

using namespace invokelab;

namespace {

std::string role_name(const World& w) {
    const auto& f = w.lambda.functions().at("demo-lambda");
    return f.role_name();
}

std::string refusal(World& w, const std::string& arn) {
    try {
        w.targets.check_permission(role_name(w), arn);
    } catch (const AwsError& e) {
        return e.code + " " + std::to_string(e.http_status) + ": " + e.what();
    }
    return "allowed";
}

} // namespace

TEST(Targets, ConfigurationTimeRefusalNamesTheCallPerService) {
    World w(1);
    const std::string prefix = "InvalidParameterValueException 400: The provided execution role does not have permissions to call ";
    EXPECT_EQ(refusal(w, "arn:aws:sqs:ap-northeast-2:123456789012:q"), prefix + "SendMessage on SQS");
    EXPECT_EQ(refusal(w, "arn:aws:sns:ap-northeast-2:123456789012:t"), prefix + "Publish on SNS");
    EXPECT_EQ(refusal(w, "arn:aws:lambda:ap-northeast-2:123456789012:function:other"), prefix + "InvokeFunction on Lambda");
    EXPECT_EQ(refusal(w, "arn:aws:events:ap-northeast-2:123456789012:event-bus/default"), prefix + "PutEvents on EventBridge");
    EXPECT_EQ(refusal(w, "arn:aws:s3:::bucket"), "allowed");   // not a target service: the caller validates it
    w.iam.attach_role_policy(role_name(w), "arn:aws:iam::aws:policy/AmazonSQSFullAccess");
    EXPECT_EQ(refusal(w, "arn:aws:sqs:ap-northeast-2:123456789012:q"), "allowed");
}

TEST(Targets, DeliverySendsAsTheRoleOrSaysWhyNot) {
    World w(1);
    const auto& f = w.lambda.functions().at("demo-lambda");
    const DeliverySender sender{f.role_arn, f.name};
    std::string id, reason;
    const std::string arn = "arn:aws:sqs:ap-northeast-2:123456789012:dlq";
    EXPECT_FALSE(w.targets.send(sender, arn, "{}", {}, id, reason));
    EXPECT_EQ(reason, "AccessDenied: the execution role is not authorized to perform sqs:SendMessage on " + arn);
    w.iam.attach_role_policy(f.role_name(), "arn:aws:iam::aws:policy/AmazonSQSFullAccess");
    EXPECT_FALSE(w.targets.send(sender, arn, "{}", {}, id, reason));
    EXPECT_EQ(reason, "AWS.SimpleQueueService.NonExistentQueue: " + arn);
    w.sqs.create_queue("dlq", {});
    ASSERT_TRUE(w.targets.send(sender, arn, "{\"k\":1}", {}, id, reason));
    const auto& q = w.sqs.queues().at("dlq");
    ASSERT_EQ(q.messages.size(), 1u);
    EXPECT_EQ(q.messages.front().message_id, id);
    EXPECT_EQ(q.messages.front().body, "{\"k\":1}");
    EXPECT_EQ(q.messages.front().sender_id, w.iam.find_role_by_arn(f.role_arn)->role_id + ":awslambda_demo-lambda");
    EXPECT_FALSE(w.targets.send(sender, "arn:aws:lambda:ap-northeast-2:123456789012:function:x", "{}", {}, id, reason));
    EXPECT_EQ(reason, "target type not simulated: arn:aws:lambda:ap-northeast-2:123456789012:function:x");
}
