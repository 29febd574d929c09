// aws/arn: one module builds and parses every ARN.
#include <gtest/gtest.h>
#include "aws/arn.h"

using namespace invokelab;

TEST(Arn, BuildersMakeTheArnsAwsPrints) {
    EXPECT_EQ(lambda_function_arn("ap-northeast-2", "123456789012", "demo-lambda"),
              "arn:aws:lambda:ap-northeast-2:123456789012:function:demo-lambda");
    EXPECT_EQ(lambda_runtime_arn("ap-northeast-2", "abc"), "arn:aws:lambda:ap-northeast-2::runtime:abc");
    EXPECT_EQ(sqs_queue_arn("ap-northeast-2", "123456789012", "lambda-DLQ"), "arn:aws:sqs:ap-northeast-2:123456789012:lambda-DLQ");
    EXPECT_EQ(sns_topic_arn("us-east-1", "123456789012", "t"), "arn:aws:sns:us-east-1:123456789012:t");
    EXPECT_EQ(iam_role_arn("123456789012", "/service-role/", "r"), "arn:aws:iam::123456789012:role/service-role/r");
    EXPECT_EQ(log_group_arn("ap-northeast-2", "123456789012", "/aws/lambda/demo-lambda"),
              "arn:aws:logs:ap-northeast-2:123456789012:log-group:/aws/lambda/demo-lambda");
}

TEST(Arn, ParseSplitsFiveFieldsAndKeepsColonsInTheResource) {
    const auto a = parse_arn("arn:aws:lambda:ap-northeast-2:123456789012:function:demo-lambda:$LATEST");
    ASSERT_TRUE(a.has_value());
    EXPECT_EQ(a->service, "lambda");
    EXPECT_EQ(a->region, "ap-northeast-2");
    EXPECT_EQ(a->account, "123456789012");
    EXPECT_EQ(a->resource, "function:demo-lambda:$LATEST");
    EXPECT_EQ(a->resource_name(), "$LATEST");
    EXPECT_EQ(a->str(), "arn:aws:lambda:ap-northeast-2:123456789012:function:demo-lambda:$LATEST");
    const auto role = parse_arn("arn:aws:iam::123456789012:role/service-role/demo-lambda-role-x");
    ASSERT_TRUE(role.has_value());
    EXPECT_EQ(role->region, "");
    EXPECT_EQ(role->resource_name(), "demo-lambda-role-x");
    EXPECT_EQ(parse_arn("arn:aws:sqs:ap-northeast-2:123456789012:q")->resource_name(), "q");
}

TEST(Arn, NotAnArn) {
    EXPECT_FALSE(parse_arn("lambda-DLQ").has_value());
    EXPECT_FALSE(parse_arn("arn:aws:sqs:ap-northeast-2").has_value());   // too few fields
    EXPECT_FALSE(parse_arn("ARN:aws:sqs:r:a:q").has_value());
    EXPECT_EQ(arn_service("arn:aws:sns:r:a:t"), "sns");
    EXPECT_EQ(arn_service("https://sqs.ap-northeast-2.amazonaws.com/123456789012/q"), "");
}
