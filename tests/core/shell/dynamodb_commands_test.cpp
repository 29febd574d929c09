// `aws dynamodb …` in the terminal: what AWS CLI v2 prints (JSON, text, errors and exit
// codes) for the table commands and the idempotency experiment.
#include <gtest/gtest.h>
#include "shell/shell.h"

using namespace invokelab;

namespace {

const char* kCreate =
    "aws dynamodb create-table --table-name processed --attribute-definitions AttributeName=eventId,AttributeType=S "
    "--key-schema AttributeName=eventId,KeyType=HASH --billing-mode PAY_PER_REQUEST";

} // namespace

TEST(DynamoDbCommands, CreateTablePrintsTheDescriptionAsTheCliDoes) {
    Shell sh(1);
    const auto r = sh.run(kCreate);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string table_id = sh.world().dynamodb.find("processed")->id;
    EXPECT_EQ(r.out,
              "{\n"
              "    \"TableDescription\": {\n"
              "        \"AttributeDefinitions\": [\n"
              "            {\n"
              "                \"AttributeName\": \"eventId\",\n"
              "                \"AttributeType\": \"S\"\n"
              "            }\n"
              "        ],\n"
              "        \"TableName\": \"processed\",\n"
              "        \"KeySchema\": [\n"
              "            {\n"
              "                \"AttributeName\": \"eventId\",\n"
              "                \"KeyType\": \"HASH\"\n"
              "            }\n"
              "        ],\n"
              "        \"TableStatus\": \"ACTIVE\",\n"
              "        \"CreationDateTime\": \"2026-03-02T09:00:00+00:00\",\n"
              "        \"ProvisionedThroughput\": {\n"
              "            \"NumberOfDecreasesToday\": 0,\n"
              "            \"ReadCapacityUnits\": 0,\n"
              "            \"WriteCapacityUnits\": 0\n"
              "        },\n"
              "        \"TableSizeBytes\": 0,\n"
              "        \"ItemCount\": 0,\n"
              "        \"TableArn\": \"arn:aws:dynamodb:ap-northeast-2:123456789012:table/processed\",\n"
              "        \"TableId\": \"" + table_id + "\",\n"
              "        \"BillingModeSummary\": {\n"
              "            \"BillingMode\": \"PAY_PER_REQUEST\",\n"
              "            \"LastUpdateToPayPerRequestDateTime\": \"2026-03-02T09:00:00+00:00\"\n"
              "        },\n"
              "        \"DeletionProtectionEnabled\": false\n"
              "    }\n"
              "}\n");
    EXPECT_EQ(sh.run("aws dynamodb list-tables --output text").out, "TABLENAMES\tprocessed\n");
    const auto again = sh.run(kCreate);
    EXPECT_EQ(again.exit_code, 254);
    EXPECT_EQ(again.err, "\naws: [ERROR]: An error occurred (ResourceInUseException) when calling the CreateTable operation: Table already exists: processed\n");
}

TEST(DynamoDbCommands, ConditionalPutFailsTheSecondTimeWithTheCliError) {
    Shell sh(1);
    sh.run(kCreate);
    const std::string put =
        "aws dynamodb put-item --table-name processed --item '{\"eventId\": {\"S\": \"evt-1\"}}' "
        "--condition-expression 'attribute_not_exists(eventId)'";
    auto r = sh.run(put);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, "");
    r = sh.run(put);
    EXPECT_EQ(r.exit_code, 254);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ConditionalCheckFailedException) when calling the PutItem operation: The conditional request failed\n");
    r = sh.run("aws dynamodb get-item --table-name processed --key '{\"eventId\": {\"S\": \"evt-1\"}}'");
    EXPECT_EQ(r.out, "{\n    \"Item\": {\n        \"eventId\": {\n            \"S\": \"evt-1\"\n        }\n    }\n}\n");
    EXPECT_EQ(sh.run("aws dynamodb get-item --table-name processed --key '{\"eventId\": {\"S\": \"evt-2\"}}'").out, "");
}

TEST(DynamoDbCommands, UpdateItemAddThreeTimesAndScan) {
    Shell sh(1);
    sh.run("aws dynamodb create-table --table-name users --attribute-definitions AttributeName=userId,AttributeType=S "
           "--key-schema AttributeName=userId,KeyType=HASH --billing-mode PAY_PER_REQUEST");
    const std::string add =
        "aws dynamodb update-item --table-name users --key '{\"userId\": {\"S\": \"u1\"}}' --update-expression 'ADD points :p' "
        "--expression-attribute-values '{\":p\": {\"N\": \"100\"}}' --return-values UPDATED_NEW";
    EXPECT_EQ(sh.run(add).out, "{\n    \"Attributes\": {\n        \"points\": {\n            \"N\": \"100\"\n        }\n    }\n}\n");
    sh.run(add);
    EXPECT_EQ(sh.run(add + " --output text").out, "POINTS\t300\n");
    EXPECT_EQ(sh.run("aws dynamodb scan --table-name users").out,
              "{\n"
              "    \"Items\": [\n"
              "        {\n"
              "            \"userId\": {\n"
              "                \"S\": \"u1\"\n"
              "            },\n"
              "            \"points\": {\n"
              "                \"N\": \"300\"\n"
              "            }\n"
              "        }\n"
              "    ],\n"
              "    \"Count\": 1,\n"
              "    \"ScannedCount\": 1,\n"
              "    \"ConsumedCapacity\": null\n"
              "}\n");
    EXPECT_EQ(sh.run("aws dynamodb scan --table-name users --select COUNT --query Count").out, "1\n");
}

TEST(DynamoDbCommands, ErrorsOnMissingTablesAndBadExpressions) {
    Shell sh(1);
    auto r = sh.run("aws dynamodb put-item --table-name nope --item '{\"id\": {\"S\": \"a\"}}'");
    EXPECT_EQ(r.exit_code, 254);
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ResourceNotFoundException) when calling the PutItem operation: Requested resource not found\n");
    r = sh.run("aws dynamodb describe-table --table-name nope");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ResourceNotFoundException) when calling the DescribeTable operation: Requested resource not found: Table: nope not found\n");
    sh.run(kCreate);
    r = sh.run("aws dynamodb put-item --table-name processed --item '{\"eventId\": {\"S\": \"a\"}}' --condition-expression 'attribute_not_exists(eventId'");
    EXPECT_EQ(r.exit_code, 254);
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ValidationException) when calling the PutItem operation: Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"eventId\"\n");
    r = sh.run("aws dynamodb get-item --table-name processed --key '{\"id\": {\"S\": \"a\"}}'");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ValidationException) when calling the GetItem operation: The provided key element does not match the schema\n");
    r = sh.run("aws dynamodb put-item --table-name processed --item '{eventId: a}'");
    EXPECT_EQ(r.exit_code, 252);
    r = sh.run("aws dynamodb put-item --table-name processed");
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_NE(r.err.find("the following arguments are required: --item"), std::string::npos);
    // Nothing was written by any of the refused lines.
    EXPECT_TRUE(sh.world().dynamodb.find("processed")->items.empty());
}
