// SQS: URLs and ARNs, visibility timeout on the virtual clock, receive counts, delete,
// purge, redrive, errors, and the md5 checksums SQS reports.
#include <gtest/gtest.h>
#include "aws_error_expect.h"
#include "aws/errors.h"
#include "shell/shell.h"
#include "world/world.h"
#include "util/md5.h"
#include "util/timefmt.h"

using namespace invokelab;
using invokelab::testing::expect_aws_error;

namespace {

const std::string kUrl = "https://sqs.ap-northeast-2.amazonaws.com/123456789012/dlq";

} // namespace

TEST(SqsMd5, BodyDigestsMatchRfc1321) {
    EXPECT_EQ(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
    EXPECT_EQ(md5_hex("{\"key1\": \"value1\"}"), "018ea3d6846fc99dada967b90b419841");
    EXPECT_EQ(md5_hex("The quick brown fox jumps over the lazy dog"), "9e107d9d372bb6826bd81d3542a419d6");
    // 56..64 bytes cross the padding boundary where a second block is needed.
    EXPECT_EQ(md5_hex(std::string(56, 'a')), "3b0c8ac703f828b04c6c197006d17218");
    EXPECT_EQ(md5_hex(std::string(64, 'a')), "014842d480b571495a4a0363793f7367");
    // Several whole blocks, and a tail after them (values from Python's hashlib.md5).
    EXPECT_EQ(md5_hex(std::string(200, 'a')), "887f30b43b2867f4a9accceee7d16e6c");
    std::string mixed;
    for (int i = 0; i < 1000; ++i) mixed += static_cast<char>(32 + i % 90);
    EXPECT_EQ(md5_hex(mixed), "a29108fca0d583d8af1e167447deff90");
}

TEST(SqsMd5, MessageAttributesDigestFollowsSqsEncoding) {
    // Known values published by SQS clients that verify the service's MD5OfMessageAttributes.
    EXPECT_EQ(md5_of_message_attributes({{"SellerName", {"String", "Example Store"}}}), "cd28f3b68aeee4b2eac9c66f2f694b58");
    EXPECT_EQ(md5_of_message_attributes({{"timestamp", {"Number", "1493147359900"}}}), "235c5c510d26fb653d073faed50ae77c");
    EXPECT_EQ(md5_of_message_attributes({{"ordinal", {"Number", "1"}}, {"category", {"String", "test"}}}),
              "d21ae90c49061e927f57df5f5d72be1f");
    EXPECT_EQ(md5_of_message_attributes({}), "");
}

TEST(SqsQueues, CreateGivesUrlAndArnAndIsIdempotent) {
    World w(1);
    const std::string url = w.sqs.create_queue("dlq");
    EXPECT_EQ(url, kUrl);
    ASSERT_NE(w.sqs.find_by_url(url), nullptr);
    EXPECT_EQ(w.sqs.find_by_url(url)->arn, "arn:aws:sqs:ap-northeast-2:123456789012:dlq");
    EXPECT_EQ(w.sqs.find_by_arn("arn:aws:sqs:ap-northeast-2:123456789012:dlq"), w.sqs.find_by_name("dlq"));
    EXPECT_EQ(w.sqs.create_queue("dlq"), url);
    EXPECT_EQ(w.sqs.create_queue("dlq", {{"VisibilityTimeout", "30"}}), url);   // same as the default
    expect_aws_error([&] { w.sqs.create_queue("dlq", {{"VisibilityTimeout", "60"}}); }, "QueueAlreadyExists", 400,
                     "A queue already exists with the same name and a different value for attribute VisibilityTimeout");
    expect_aws_error([&] { w.sqs.create_queue("bad name"); }, "InvalidParameterValue", 400,
                     "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
    expect_aws_error([&] { w.sqs.create_queue("q2", {{"DelaySeconds", "901"}}); }, "InvalidAttributeValue", 400,
                     "Invalid value for the parameter DelaySeconds.");
    expect_aws_error([&] { w.sqs.create_queue("q2", {{"Colour", "blue"}}); }, "InvalidAttributeName", 400, "Unknown Attribute Colour.");
    EXPECT_EQ(w.sqs.get_queue_url("dlq"), url);
    expect_aws_error([&] { w.sqs.get_queue_url("nope"); }, "AWS.SimpleQueueService.NonExistentQueue", 400,
                     "The specified queue does not exist.");
    w.sqs.create_queue("alpha");
    EXPECT_EQ(w.sqs.list_queue_urls(), (std::vector<std::string>{"https://sqs.ap-northeast-2.amazonaws.com/123456789012/alpha", url}));
    EXPECT_EQ(w.sqs.list_queue_urls("dl"), std::vector<std::string>{url});
}

TEST(SqsMessages, SendRecordsIdsTimestampsAndChecksums) {
    World w(1);
    const std::string url = w.sqs.create_queue("dlq");
    w.scheduler.run_until(1500);
    const SendResult r = w.sqs.send_message(url, "{\"key1\": \"value1\"}", {{"ErrorCode", {"Number", "200"}}});
    EXPECT_EQ(r.md5_of_body, "018ea3d6846fc99dada967b90b419841");
    EXPECT_EQ(r.md5_of_message_attributes, "34dd4134421f0789bbd7b7bc209e7f22");
    EXPECT_EQ(r.message_id.size(), 36u);
    const SqsQueue& q = *w.sqs.find_by_url(url);
    ASSERT_EQ(q.messages.size(), 1u);
    EXPECT_EQ(q.messages[0].sent_at, 1500);
    EXPECT_EQ(unix_ms(q.messages[0].sent_at), 1772442001500);
    EXPECT_EQ(q.messages[0].sender_id, "AIDAEXAMPLEUSER00001");
    EXPECT_EQ(q.messages[0].first_receive_at, -1);
    const TraceEntry& last = w.trace.entries().back();
    EXPECT_EQ(last.kind, "sqs.sent");
    EXPECT_EQ(last.time, 1500);
    EXPECT_EQ(last.detail.dump(), "{\"queue\":\"dlq\",\"messageId\":\"" + r.message_id + "\"}");
    expect_aws_error([&] { w.sqs.send_message(url, ""); }, "MissingParameter", 400, "The request must contain the parameter MessageBody.");
    expect_aws_error([&] { w.sqs.send_message(url, "x", {}, 901); }, "InvalidParameterValue", 400,
                     "Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.");
    expect_aws_error([&] { w.sqs.send_message(kUrl + "x", "x"); }, "AWS.SimpleQueueService.NonExistentQueue", 400,
                     "The specified queue does not exist.");
}

TEST(SqsMessages, VisibilityTimeoutHidesThenRevealsAndCountsReceives) {
    World w(1);
    const std::string url = w.sqs.create_queue("dlq");
    const std::string id = w.sqs.send_message(url, "hello").message_id;
    w.scheduler.run_until(1000);
    auto first = w.sqs.receive_message(url);
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].message_id, id);
    EXPECT_EQ(first[0].receive_count, 1);
    EXPECT_EQ(first[0].first_receive_at, 1000);
    EXPECT_EQ(first[0].visible_at, 31000);           // now + 30 000 ms (queue default)
    EXPECT_EQ(first[0].receipt_handle.rfind("AQEB", 0), 0u);
    const SqsQueue& q = *w.sqs.find_by_url(url);
    EXPECT_EQ(q.visible_count(1000), 0u);
    EXPECT_EQ(q.in_flight_count(1000), 1u);
    w.scheduler.run_until(30999);
    EXPECT_TRUE(w.sqs.receive_message(url).empty());  // still in flight 1 ms before the timeout ends
    w.scheduler.run_until(31000);
    auto second = w.sqs.receive_message(url, 10, 5);
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(second[0].receive_count, 2);
    EXPECT_EQ(second[0].first_receive_at, 1000);      // the first receive time never moves
    EXPECT_EQ(second[0].visible_at, 36000);           // per-receive visibility timeout of 5 s
    EXPECT_NE(second[0].receipt_handle, first[0].receipt_handle);
    // The stale handle is a valid handle: the call succeeds but deletes nothing.
    w.sqs.delete_message(url, first[0].receipt_handle);
    EXPECT_EQ(q.messages.size(), 1u);
    w.sqs.delete_message(url, second[0].receipt_handle);
    EXPECT_TRUE(q.messages.empty());
    EXPECT_EQ(w.trace.entries().back().kind, "sqs.deleted");
    expect_aws_error([&] { w.sqs.delete_message(url, "not-a-handle"); }, "ReceiptHandleIsInvalid", 400,
                     "The input receipt handle \"not-a-handle\" is not a valid receipt handle.");
}

TEST(SqsMessages, DelayAndOrderAndMaxNumber) {
    World w(1);
    const std::string url = w.sqs.create_queue("q", {{"DelaySeconds", "10"}});
    w.sqs.send_message(url, "a");
    w.sqs.send_message(url, "b", {}, 0);
    w.sqs.send_message(url, "c", {}, 0);
    auto now = w.sqs.receive_message(url, 10);
    ASSERT_EQ(now.size(), 2u);                       // "a" waits for the queue's 10 s delay
    EXPECT_EQ(now[0].body, "b");
    EXPECT_EQ(now[1].body, "c");
    w.scheduler.run_until(10000);
    auto later = w.sqs.receive_message(url, 10);
    ASSERT_EQ(later.size(), 1u);
    EXPECT_EQ(later[0].body, "a");
    expect_aws_error([&] { w.sqs.receive_message(url, 11); }, "InvalidParameterValue", 400,
                     "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
    expect_aws_error([&] { w.sqs.receive_message(url, 0); }, "InvalidParameterValue", 400,
                     "Value 0 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
}

TEST(SqsMessages, PurgeEmptiesOncePerMinute) {
    World w(1);
    const std::string url = w.sqs.create_queue("dlq");
    w.sqs.send_message(url, "a");
    w.sqs.send_message(url, "b");
    w.sqs.purge_queue(url);
    EXPECT_TRUE(w.sqs.find_by_url(url)->messages.empty());
    w.scheduler.run_until(59999);
    expect_aws_error([&] { w.sqs.purge_queue(url); }, "AWS.SimpleQueueService.PurgeQueueInProgress", 403,
                     "Only one PurgeQueue operation on dlq is allowed every 60 seconds.");
    w.scheduler.run_until(60000);
    w.sqs.purge_queue(url);
}

TEST(SqsMessages, RedrivePolicyMovesAfterMaxReceiveCount) {
    World w(1);
    const std::string dlq = w.sqs.create_queue("dlq");
    const std::string src = w.sqs.create_queue(
        "src", {{"RedrivePolicy", "{\"deadLetterTargetArn\":\"arn:aws:sqs:ap-northeast-2:123456789012:dlq\",\"maxReceiveCount\":\"2\"}"},
                {"VisibilityTimeout", "1"}});
    const std::string id = w.sqs.send_message(src, "job").message_id;
    EXPECT_EQ(w.sqs.receive_message(src).size(), 1u);
    w.scheduler.run_until(1000);
    EXPECT_EQ(w.sqs.receive_message(src).size(), 1u);
    w.scheduler.run_until(2000);
    EXPECT_TRUE(w.sqs.receive_message(src).empty());  // third receive: moved instead
    ASSERT_EQ(w.sqs.find_by_url(dlq)->messages.size(), 1u);
    EXPECT_EQ(w.sqs.find_by_url(dlq)->messages[0].message_id, id);
    EXPECT_EQ(w.trace.entries().back().kind, "sqs.redriven");
}

TEST(SqsQueues, AttributesAndStateJson) {
    World w(1);
    const std::string url = w.sqs.create_queue("dlq");
    w.sqs.send_message(url, "a");
    w.sqs.send_message(url, "b");
    w.sqs.send_message(url, "c", {}, 60);
    w.sqs.receive_message(url);
    const auto attrs = w.sqs.queue_attributes(url);
    ASSERT_GE(attrs.size(), 4u);
    EXPECT_EQ(attrs[0], (std::pair<std::string, std::string>{"QueueArn", "arn:aws:sqs:ap-northeast-2:123456789012:dlq"}));
    EXPECT_EQ(attrs[1].second, "1");                 // visible: b
    EXPECT_EQ(attrs[2].second, "1");                 // in flight: a
    EXPECT_EQ(attrs[3].second, "1");                 // delayed: c
    const ojson s = w.sqs.state_json();
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0]["name"], "dlq");
    EXPECT_EQ(s[0]["url"], url);
    EXPECT_EQ(s[0]["visible"], 1);
    EXPECT_EQ(s[0]["inFlight"], 1);
    EXPECT_EQ(s[0]["messages"].size(), 3u);
    EXPECT_EQ(s[0]["messages"][0]["body"], "a");
    EXPECT_EQ(s[0]["messages"][0]["receiveCount"], 1);
    EXPECT_EQ(s[0]["messages"][0]["sentAt"], 1772442000000);
}

// [SECTION] aws sqs … through the Shell

namespace {

// SQS draws its ids from its own random stream (Env::stream("sqs")), which nothing but this
// file's calls draws from, so the ids these tests print depend on these calls alone.
struct SqsShell : ::testing::Test {
    Shell sh{1};
    CommandResult run(const std::string& line) { return sh.run(line); }
};

const std::string kQueueUrlArg = " --queue-url https://sqs.ap-northeast-2.amazonaws.com/123456789012/dlq";

} // namespace

TEST_F(SqsShell, CreateListAndGetUrlPrintLikeCliV2) {
    CommandResult r = run("aws sqs list-queues");
    EXPECT_EQ(r.out, "");                            // no queues: the CLI prints nothing
    EXPECT_EQ(r.exit_code, 0);
    r = run("aws sqs create-queue --queue-name dlq");
    EXPECT_EQ(r.out, "{\n    \"QueueUrl\": \"https://sqs.ap-northeast-2.amazonaws.com/123456789012/dlq\"\n}\n");
    EXPECT_EQ(r.exit_code, 0);
    run("aws sqs create-queue --queue-name alpha --attributes VisibilityTimeout=60,DelaySeconds=5");
    EXPECT_EQ(sh.world().sqs.find_by_name("alpha")->visibility_timeout_s, 60);
    EXPECT_EQ(sh.world().sqs.find_by_name("alpha")->delay_s, 5);
    EXPECT_EQ(run("aws sqs list-queues").out,
              "{\n    \"QueueUrls\": [\n        \"https://sqs.ap-northeast-2.amazonaws.com/123456789012/alpha\",\n"
              "        \"https://sqs.ap-northeast-2.amazonaws.com/123456789012/dlq\"\n    ]\n}\n");
    EXPECT_EQ(run("aws sqs get-queue-url --queue-name dlq --query QueueUrl --output text").out,
              "https://sqs.ap-northeast-2.amazonaws.com/123456789012/dlq\n");
    r = run("aws sqs get-queue-url --queue-name nope");
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the GetQueueUrl operation: "
                     "The specified queue does not exist.\n");
    EXPECT_EQ(r.exit_code, 254);
    r = run("aws sqs create-queue --queue-name dlq --attributes VisibilityTimeout=45");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (QueueAlreadyExists) when calling the CreateQueue operation: A queue already exists "
                     "with the same name and a different value for attribute VisibilityTimeout\n");
    EXPECT_EQ(r.exit_code, 254);
    r = run("aws sqs create-queue --queue-name q3 --attributes '{\"VisibilityTimeout\": 60}'");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ParamValidation): Parameter validation failed:\nInvalid type for parameter Attributes.VisibilityTimeout, value: 60, "
                     "type: <class 'int'>, valid types: <class 'str'>\n");
    EXPECT_EQ(r.exit_code, 252);
    r = run("aws sqs create-queue");
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_NE(r.err.find("aws: [ERROR]: An error occurred (ParamValidation): the following arguments are required: --queue-name\n"), std::string::npos);
}

TEST_F(SqsShell, SendThenReceiveWithAttributesExactOutput) {
    run("aws sqs create-queue --queue-name dlq");
    CommandResult r = run("aws sqs send-message" + kQueueUrlArg + " --message-body '{\"key1\": \"value1\"}' --message-attributes "
                          "'{\"ErrorCode\":{\"DataType\":\"Number\",\"StringValue\":\"200\"},\"ErrorMessage\":{\"DataType\":\"String\",\"StringValue\":\"boom\"}}'");
    const std::string id = "c6efba8d-3e13-4194-9320-7d90f7a88512";   // first uuid4 of the sqs stream of seed 7
    EXPECT_EQ(r.out, "{\n    \"MD5OfMessageBody\": \"018ea3d6846fc99dada967b90b419841\",\n"
                     "    \"MD5OfMessageAttributes\": \"" + md5_of_message_attributes({{"ErrorCode", {"Number", "200"}}, {"ErrorMessage", {"String", "boom"}}}) + "\",\n"
                     "    \"MessageId\": \"" + id + "\"\n}\n");
    sh.world().scheduler.run_until(1500);
    r = run("aws sqs receive-message" + kQueueUrlArg + " --attribute-names All --message-attribute-names ErrorCode");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out,
              "{\n"
              "    \"Messages\": [\n"
              "        {\n"
              "            \"MessageId\": \"" + id + "\",\n"
              "            \"ReceiptHandle\": \"AQEBNLKBTXa1wp0JQFK9Qx7D2kOv5ERcZwDFQaoI7sJESf9uAVs2IwS2BPnsWPjSwVuJuW6pQm/LD5/fyrqm\",\n"
              "            \"MD5OfBody\": \"018ea3d6846fc99dada967b90b419841\",\n"
              "            \"Body\": \"{\\\"key1\\\": \\\"value1\\\"}\",\n"
              "            \"Attributes\": {\n"
              "                \"SenderId\": \"AIDAEXAMPLEUSER00001\",\n"
              "                \"ApproximateFirstReceiveTimestamp\": \"1772442001500\",\n"
              "                \"ApproximateReceiveCount\": \"1\",\n"
              "                \"SentTimestamp\": \"1772442000000\"\n"
              "            },\n"
              "            \"MD5OfMessageAttributes\": \"" + md5_of_message_attributes({{"ErrorCode", {"Number", "200"}}}) + "\",\n"
              "            \"MessageAttributes\": {\n"
              "                \"ErrorCode\": {\n"
              "                    \"StringValue\": \"200\",\n"
              "                    \"DataType\": \"Number\"\n"
              "                }\n"
              "            }\n"
              "        }\n"
              "    ]\n"
              "}\n");
    // In flight now: the next receive finds nothing and the CLI prints nothing.
    r = run("aws sqs receive-message" + kQueueUrlArg);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.exit_code, 0);
    // After the 30 s visibility timeout it is back, received a second time.
    sh.world().scheduler.run_until(31500);
    r = run("aws sqs receive-message" + kQueueUrlArg + " --attribute-names ApproximateReceiveCount --query Messages[0].Attributes");
    EXPECT_EQ(r.out, "{\n    \"ApproximateReceiveCount\": \"2\"\n}\n");
    const std::string handle = sh.world().sqs.find_by_name("dlq")->messages.at(0).receipt_handle;
    r = run("aws sqs delete-message" + kQueueUrlArg + " --receipt-handle " + handle);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_TRUE(sh.world().sqs.find_by_name("dlq")->messages.empty());
}

TEST_F(SqsShell, LongPollingWaitsOnTheVirtualClock) {
    run("aws sqs create-queue --queue-name dlq");
    run("aws sqs send-message" + kQueueUrlArg + " --message-body later --delay-seconds 5");
    CommandResult r = run("aws sqs receive-message" + kQueueUrlArg + " --wait-time-seconds 20 --query Messages[0].Body");
    EXPECT_EQ(r.out, "\"later\"\n");
    EXPECT_EQ(sh.world().now(), 5000);              // returned as soon as the delayed message showed up
    r = run("aws sqs receive-message" + kQueueUrlArg + " --wait-time-seconds 20");
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(sh.world().now(), 25000);             // nothing came: the whole 20 s passed
    r = run("aws sqs receive-message" + kQueueUrlArg + " --wait-time-seconds 21");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (InvalidParameterValue) when calling the ReceiveMessage operation: Value 21 for parameter "
                     "WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.\n");
}

TEST_F(SqsShell, ErrorsAndEmptyOutputs) {
    run("aws sqs create-queue --queue-name dlq");
    CommandResult r = run("aws sqs receive-message" + kQueueUrlArg + " --max-number-of-messages 11");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (InvalidParameterValue) when calling the ReceiveMessage operation: Value 11 for parameter "
                     "MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.\n");
    EXPECT_EQ(r.exit_code, 254);
    r = run("aws sqs receive-message" + kQueueUrlArg + " --max-number-of-messages ten");
    EXPECT_EQ(r.err, "\naws: [ERROR]: invalid literal for int() with base 10: 'ten'\n");
    EXPECT_EQ(r.exit_code, 255);
    r = run("aws sqs delete-message" + kQueueUrlArg + " --receipt-handle bogus");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (ReceiptHandleIsInvalid) when calling the DeleteMessage operation: The input receipt handle "
                     "\"bogus\" is not a valid receipt handle.\n");
    EXPECT_EQ(r.exit_code, 254);
    run("aws sqs send-message" + kQueueUrlArg + " --message-body a");
    r = run("aws sqs purge-queue" + kQueueUrlArg);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_TRUE(sh.world().sqs.find_by_name("dlq")->messages.empty());
    r = run("aws sqs purge-queue" + kQueueUrlArg);
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (AWS.SimpleQueueService.PurgeQueueInProgress) when calling the PurgeQueue operation: "
                     "Only one PurgeQueue operation on dlq is allowed every 60 seconds.\n");
    EXPECT_EQ(r.exit_code, 254);
    r = run("aws sqs send-message --queue-url https://sqs.ap-northeast-2.amazonaws.com/123456789012/nope --message-body a");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the SendMessage operation: "
                     "The specified queue does not exist.\n");
    r = run("aws sqs send-message" + kQueueUrlArg);
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_NE(r.err.find("the following arguments are required: --message-body"), std::string::npos);
}

TEST_F(SqsShell, GetQueueAttributesAllAndSelected) {
    run("aws sqs create-queue --queue-name dlq --attributes VisibilityTimeout=60");
    run("aws sqs send-message" + kQueueUrlArg + " --message-body a");
    run("aws sqs send-message" + kQueueUrlArg + " --message-body b");
    run("aws sqs receive-message" + kQueueUrlArg);
    CommandResult r = run("aws sqs get-queue-attributes" + kQueueUrlArg + " --attribute-names All");
    EXPECT_EQ(r.out,
              "{\n    \"Attributes\": {\n"
              "        \"QueueArn\": \"arn:aws:sqs:ap-northeast-2:123456789012:dlq\",\n"
              "        \"ApproximateNumberOfMessages\": \"1\",\n"
              "        \"ApproximateNumberOfMessagesNotVisible\": \"1\",\n"
              "        \"ApproximateNumberOfMessagesDelayed\": \"0\",\n"
              "        \"CreatedTimestamp\": \"1772442000\",\n"
              "        \"LastModifiedTimestamp\": \"1772442000\",\n"
              "        \"VisibilityTimeout\": \"60\",\n"
              "        \"MaximumMessageSize\": \"1048576\",\n"
              "        \"MessageRetentionPeriod\": \"345600\",\n"
              "        \"DelaySeconds\": \"0\",\n"
              "        \"ReceiveMessageWaitTimeSeconds\": \"0\",\n"
              "        \"SqsManagedSseEnabled\": \"true\"\n"
              "    }\n}\n");
    r = run("aws sqs get-queue-attributes" + kQueueUrlArg + " --attribute-names 'ApproximateNumberOfMessagesNotVisible QueueArn'");
    EXPECT_EQ(r.out, "{\n    \"Attributes\": {\n        \"QueueArn\": \"arn:aws:sqs:ap-northeast-2:123456789012:dlq\",\n"
                     "        \"ApproximateNumberOfMessagesNotVisible\": \"1\"\n    }\n}\n");
    EXPECT_EQ(run("aws sqs get-queue-attributes" + kQueueUrlArg).out, "");
}

TEST_F(SqsShell, OutOfRangeNumbersAreReportedAsGiven) {
    run("aws sqs create-queue --queue-name dlq");
    CommandResult r = run("aws sqs receive-message" + kQueueUrlArg + " --max-number-of-messages 5000");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (InvalidParameterValue) when calling the ReceiveMessage operation: Value 5000 for parameter "
                     "MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.\n");
    r = run("aws sqs send-message" + kQueueUrlArg + " --message-body x --delay-seconds 1000");
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (InvalidParameterValue) when calling the SendMessage operation: Value 1000 for parameter "
                     "DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.\n");
    EXPECT_EQ(r.exit_code, 254);
    r = run("aws sqs delete-queue" + kQueueUrlArg);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(sh.world().sqs.find_by_name("dlq"), nullptr);
}

// MessageAttributes is a sorted vector that reads like the std::map it replaced.
TEST(SqsMessageAttributes, SortedByNameFirstOfEqualNamesKept) {
    MessageAttributes a = {{"b", {"String", "2"}}, {"a", {"Number", "1"}}, {"b", {"String", "dup"}}, {"C", {"String", "3"}}};
    ASSERT_EQ(a.size(), 3u);
    std::string order;
    for (const auto& [name, v] : a) order += name + "=" + v.string_value + ";";
    EXPECT_EQ(order, "C=3;a=1;b=2;");               // byte order, as SQS sorts names; the first "b" stays
    EXPECT_EQ(a.count("a"), 1u);
    EXPECT_EQ(a.count("z"), 0u);
    EXPECT_EQ(a.at("a").data_type, "Number");
    EXPECT_THROW(a.at("z"), std::out_of_range);
    a["B"] = MessageAttributeValue{"String", "mid"};  // inserted in its place, not appended
    a["a"].string_value = "one";                      // an existing one is updated in place
    order.clear();
    for (const auto& [name, v] : a) order += name + "=" + v.string_value + ";";
    EXPECT_EQ(order, "B=mid;C=3;a=one;b=2;");
    EXPECT_TRUE(MessageAttributes{}.empty());
    EXPECT_EQ(md5_of_message_attributes({{"ordinal", {"Number", "1"}}, {"category", {"String", "test"}}}),
              md5_of_message_attributes({{"category", {"String", "test"}}, {"ordinal", {"Number", "1"}}}));
}

// Md5 fed piece by piece (across block boundaries, hex() in between) equals md5_hex of the whole.
TEST(SqsMd5, IncrementalDigestMatchesOneShot) {
    std::string text;
    for (int i = 0; i < 300; ++i) text += static_cast<char>('a' + i % 26);
    for (std::size_t cut : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 127u, 128u, 200u, 300u}) {
        Md5 m;
        m.update(std::string_view(text).substr(0, cut));
        const std::string head = m.hex();             // does not end the digest
        m.update(std::string_view(text).substr(cut));
        EXPECT_EQ(head, md5_hex(text.substr(0, cut))) << cut;
        EXPECT_EQ(m.hex(), md5_hex(text)) << cut;
    }
    EXPECT_EQ(md5_hex(text), "f59d9a8abe624f782587543711e3a8a1");   // python3 hashlib
    Md5 be;
    be.update_u32_be(0x01020304u);
    EXPECT_EQ(be.hex(), md5_hex(std::string("\x01\x02\x03\x04", 4)));
}

// A DLQ receives the same text for every failed event of a payload: its digest is remembered,
// and a different body in between is digested afresh (never the previous one's MD5).
TEST(SqsMd5, BodyDigestFollowsEveryBody) {
    World w(1);
    const std::string url = w.sqs.create_queue("q");
    EXPECT_EQ(w.sqs.send_message(url, "{\"key1\": \"value1\"}").md5_of_body, "018ea3d6846fc99dada967b90b419841");
    EXPECT_EQ(w.sqs.send_message(url, "{\"key1\": \"value1\"}").md5_of_body, "018ea3d6846fc99dada967b90b419841");
    EXPECT_EQ(w.sqs.send_message(url, "The quick brown fox jumps over the lazy dog").md5_of_body, "9e107d9d372bb6826bd81d3542a419d6");
    EXPECT_EQ(w.sqs.send_message(url, std::string(200, 'a')).md5_of_body, "887f30b43b2867f4a9accceee7d16e6c");
    EXPECT_EQ(w.sqs.send_message(url, std::string(70000, 'a')).md5_of_body, "0b21388e04a856f824a29c58d71c8d40");   // over the remembered size
    EXPECT_EQ(w.sqs.send_message(url, "{\"key1\": \"value1\"}").md5_of_body, "018ea3d6846fc99dada967b90b419841");
    const auto& msgs = w.sqs.queues().at("q").messages;
    ASSERT_EQ(msgs.size(), 6u);
    EXPECT_EQ(msgs[2].md5_of_body, "9e107d9d372bb6826bd81d3542a419d6");
}

// SendMessage remembers the digest state after all attributes but the last: every combination
// of a kept or changed lead and last attribute gives what the one-shot digest gives.
TEST(SqsMd5, AttributesDigestWithRememberedLeadEqualsOneShot) {
    World w(1);
    const std::string url = w.sqs.create_queue("q");
    const std::vector<MessageAttributes> sets = {
        {{"ErrorCode", {"Number", "200"}}, {"ErrorMessage", {"String", "boom"}}, {"RequestID", {"String", "r-1"}}},
        {{"ErrorCode", {"Number", "200"}}, {"ErrorMessage", {"String", "boom"}}, {"RequestID", {"String", "r-2"}}},
        {{"ErrorCode", {"Number", "200"}}, {"ErrorMessage", {"String", "other"}}, {"RequestID", {"String", "r-2"}}},
        {{"ErrorCode", {"Number", "200"}}, {"ErrorMessage", {"String", "boom"}}, {"RequestID", {"String", "r-2"}}},
        {{"ErrorCode", {"String", "200"}}, {"ErrorMessage", {"String", "boom"}}, {"RequestID", {"String", "r-2"}}},
        {{"ErrorCode", {"Number", "200"}}, {"RequestID", {"String", "r-2"}}},
        {{"b", {"Binary", "AAEC"}}, {"z", {"String", "x"}}},
        {{"b", {"Binary", "AAED"}}, {"z", {"String", "x"}}},
        {{"only", {"String", "one"}}},
        {},
    };
    for (std::size_t i = 0; i < sets.size(); ++i)
        EXPECT_EQ(w.sqs.send_message(url, "body", sets[i]).md5_of_message_attributes, md5_of_message_attributes(sets[i])) << i;
    EXPECT_EQ(w.sqs.send_message(url, "body", {{"timestamp", {"Number", "1493147359900"}}}).md5_of_message_attributes,
              "235c5c510d26fb653d073faed50ae77c");
    EXPECT_EQ(w.sqs.send_message(url, "body", {{"ordinal", {"Number", "1"}}, {"category", {"String", "test"}}}).md5_of_message_attributes,
              md5_of_message_attributes({{"category", {"String", "test"}}, {"ordinal", {"Number", "1"}}}));
    EXPECT_NE(md5_of_message_attributes(sets[0]), md5_of_message_attributes(sets[1]));
    EXPECT_NE(md5_of_message_attributes(sets[1]), md5_of_message_attributes(sets[2]));
    EXPECT_NE(md5_of_message_attributes(sets[6]), md5_of_message_attributes(sets[7]));
}
