// Dead-letter queue (reference §3): setting it checks the execution role; after the last
// failed attempt the ORIGINAL payload goes to SQS/SNS with RequestID / ErrorCode / ErrorMessage.
#include <gtest/gtest.h>
#include "lambda_test_util.h"
#include <utility>
#include "util/timefmt.h"

using namespace invokelab;
using namespace invokelab::testing;

namespace {

const char* kQueueArn = "arn:aws:sqs:ap-northeast-2:123456789012:lambda-DLQ";
const char* kAsync = "aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out "
                     "--payload '{\"key1\": \"value1\"}' response.json";

std::string role_of(World& w) { return w.lambda.functions().at("demo-lambda").role_name(); }
std::string set_dlq(const std::string& arn) {
    return "aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config TargetArn=" + arn;
}

TEST(LambdaDlq, RoleWithoutSendMessageIsRejectedAndNothingChanges) {
    Shell sh(1);
    sh.world().sqs.create_queue("lambda-DLQ");
    const std::string revision = sh.world().lambda.functions().at("demo-lambda").revision_id;
    const CommandResult r = sh.run(set_dlq(kQueueArn));
    EXPECT_EQ(r.exit_code, 254);
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (InvalidParameterValueException) when calling the UpdateFunctionConfiguration operation: "
                     "The provided execution role does not have permissions to call SendMessage on SQS\n"
                     "\nAdditional error details:\nType: User\n");
    const FunctionConfig& f = sh.world().lambda.functions().at("demo-lambda");
    EXPECT_EQ(f.dead_letter_target, "");
    EXPECT_EQ(f.revision_id, revision);
}

TEST(LambdaDlq, SnsTargetNeedsPublish) {
    Shell sh(1);
    const std::string topic = sh.world().sns.create_topic("lambda-dlq-topic");
    EXPECT_EQ(sh.run(set_dlq(topic)).err, "\naws: [ERROR]: An error occurred (InvalidParameterValueException) when calling the "
                                          "UpdateFunctionConfiguration operation: The provided execution role does not have "
                                          "permissions to call Publish on SNS\n"
                                          "\nAdditional error details:\nType: User\n");
    sh.world().iam.attach_role_policy(role_of(sh.world()), "arn:aws:iam::aws:policy/AmazonSNSFullAccess");
    EXPECT_EQ(sh.run(set_dlq(topic)).exit_code, 0);
}

TEST(LambdaDlq, NonArnTargetIsRejected) {
    Shell sh(1);
    const CommandResult r = sh.run(set_dlq("lambda-DLQ"));
    EXPECT_EQ(r.err, "\naws: [ERROR]: An error occurred (InvalidParameterValueException) when calling the UpdateFunctionConfiguration operation: "
                     "Invalid dead letter ARN: ARNs must start with 'arn:'\n"
                     "\nAdditional error details:\nType: User\n");
}

TEST(LambdaDlq, AttachingSqsFullAccessFixesItAndTheConfigShowsTheTarget) {
    Shell sh(1);
    sh.world().sqs.create_queue("lambda-DLQ");
    const std::string revision = sh.world().lambda.functions().at("demo-lambda").revision_id;
    sh.world().iam.attach_role_policy(role_of(sh.world()), "arn:aws:iam::aws:policy/AmazonSQSFullAccess");
    sh.run("lab advance 2s");
    const CommandResult r = sh.run(set_dlq(kQueueArn));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const ojson j = ojson::parse(r.out);
    EXPECT_EQ(j["DeadLetterConfig"]["TargetArn"], kQueueArn);
    EXPECT_EQ(j["LastModified"], "2026-03-02T09:00:02.000+0000");
    EXPECT_EQ(j["LastUpdateStatus"], "InProgress");
    EXPECT_NE(j["RevisionId"], revision);             // every update gets a new RevisionId
    const ojson g = ojson::parse(sh.run("aws lambda get-function-configuration --function-name demo-lambda").out);
    EXPECT_EQ(g["DeadLetterConfig"]["TargetArn"], kQueueArn);
    EXPECT_EQ(g["LastUpdateStatus"], "Successful");
    EXPECT_EQ(g["RevisionId"], j["RevisionId"]);
}

TEST(LambdaDlq, InlinePolicyAllowingSendMessageIsEnough) {
    Shell sh(1);
    sh.world().sqs.create_queue("lambda-DLQ");
    sh.world().iam.put_role_policy(role_of(sh.world()), "dlq-send",
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:ap-northeast-2:123456789012:lambda-DLQ"}]})");
    EXPECT_EQ(sh.run(set_dlq(kQueueArn)).exit_code, 0);
    // The policy names one queue: another queue is still refused.
    sh.world().sqs.create_queue("other");
    EXPECT_EQ(sh.run(set_dlq("arn:aws:sqs:ap-northeast-2:123456789012:other")).exit_code, 254);
}

TEST(LambdaDlq, EmptyTargetRemovesTheDlq) {
    Shell sh(1);
    sh.world().sqs.create_queue("lambda-DLQ");
    sh.world().iam.attach_role_policy(role_of(sh.world()), "arn:aws:iam::aws:policy/AmazonSQSFullAccess");
    sh.run(set_dlq(kQueueArn));
    const ojson j = ojson::parse(sh.run("aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config TargetArn=").out);
    EXPECT_FALSE(j.contains("DeadLetterConfig"));
}

TEST(LambdaDlq, AfterTheLastFailureTheOriginalPayloadArrivesWithAttributes) {
    Shell sh(1);
    const std::string url = sh.world().sqs.create_queue("lambda-DLQ");
    sh.world().iam.attach_role_policy(role_of(sh.world()), "arn:aws:iam::aws:policy/AmazonSQSFullAccess");
    ASSERT_EQ(sh.run(set_dlq(kQueueArn)).exit_code, 0);
    sh.run("lab fail demo-lambda always");
    sh.run(kAsync);
    sh.run("lab advance 2m");
    EXPECT_EQ(sh.world().sqs.queues().at("lambda-DLQ").messages.size(), 0u);   // attempt 3 is still to come
    sh.run("lab advance 2m");
    const InvocationRecord& inv = last_invocation(sh.world());
    ASSERT_EQ(inv.attempts.size(), 3u);
    ASSERT_TRUE(inv.dlq_at.has_value());
    EXPECT_EQ(*inv.dlq_at, inv.attempts[2].end);      // delivered when the last attempt ended
    const auto msgs = sh.world().sqs.receive_message(url, 10);
    ASSERT_EQ(msgs.size(), 1u);
    EXPECT_EQ(msgs[0].body, "{\"key1\": \"value1\"}");
    EXPECT_EQ(msgs[0].message_id, inv.dlq_message_id);
    ASSERT_EQ(msgs[0].attributes.size(), 3u);
    EXPECT_EQ(msgs[0].attributes.at("RequestID").data_type, "String");
    EXPECT_EQ(msgs[0].attributes.at("RequestID").string_value, inv.request_id);
    EXPECT_EQ(msgs[0].attributes.at("ErrorCode").data_type, "Number");
    EXPECT_EQ(msgs[0].attributes.at("ErrorCode").string_value, "200");
    EXPECT_EQ(msgs[0].attributes.at("ErrorMessage").data_type, "String");
    EXPECT_EQ(msgs[0].attributes.at("ErrorMessage").string_value, "Something went wrong!");
    const auto sent = trace_of(sh.world(), "dlq.sent", inv.request_id);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0]->detail["target"], kQueueArn);
    EXPECT_EQ(sent[0]->detail["messageId"], inv.dlq_message_id);
}

TEST(LambdaDlq, ErrorMessageIsCutTo1KB) {
    Shell sh(1);
    const std::string url = sh.world().sqs.create_queue("lambda-DLQ");
    sh.world().iam.attach_role_policy(role_of(sh.world()), "arn:aws:iam::aws:policy/AmazonSQSFullAccess");
    sh.run(set_dlq(kQueueArn));
    sh.world().lambda.failure("demo-lambda").mode = FailureInjection::Mode::Always;
    sh.world().lambda.failure("demo-lambda").error_message = std::string(1500, 'e');
    sh.run("aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts 0");
    sh.run(kAsync);
    sh.run("lab run");
    const auto msgs = sh.world().sqs.receive_message(url, 10);
    ASSERT_EQ(msgs.size(), 1u);
    EXPECT_EQ(msgs[0].attributes.at("ErrorMessage").string_value, std::string(1024, 'e'));
}

TEST(LambdaDlq, PermissionRemovedBeforeDeliveryCountsADeadLetterError) {
    Shell sh(1);
    const std::string url = sh.world().sqs.create_queue("lambda-DLQ");
    const std::string role = role_of(sh.world());
    sh.world().iam.attach_role_policy(role, "arn:aws:iam::aws:policy/AmazonSQSFullAccess");
    sh.run(set_dlq(kQueueArn));
    sh.run("lab fail demo-lambda always");
    sh.run(kAsync);
    sh.world().iam.detach_role_policy(role, "arn:aws:iam::aws:policy/AmazonSQSFullAccess");
    sh.run("lab run");
    const InvocationRecord& inv = last_invocation(sh.world());
    EXPECT_TRUE(inv.dlq_failed);
    EXPECT_FALSE(inv.dlq_at.has_value());
    EXPECT_EQ(sh.world().lambda.functions().at("demo-lambda").dead_letter_errors, 1);
    EXPECT_EQ(sh.world().sqs.receive_message(url, 10).size(), 0u);
    EXPECT_EQ(trace_of(sh.world(), "dlq.failed", inv.request_id).size(), 1u);
}

TEST(LambdaDlq, TimeoutErrorMessageGoesToTheDlq) {
    Shell sh(1);
    const std::string url = sh.world().sqs.create_queue("lambda-DLQ");
    sh.world().iam.attach_role_policy(role_of(sh.world()), "arn:aws:iam::aws:policy/AmazonSQSFullAccess");
    sh.run(set_dlq(kQueueArn));
    sh.run("aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts 0");
    sh.run("lab fail demo-lambda off --duration 4s");
    sh.run(kAsync);
    sh.run("lab run");
    const auto msgs = sh.world().sqs.receive_message(url, 10);
    ASSERT_EQ(msgs.size(), 1u);
    EXPECT_EQ(msgs[0].attributes.at("ErrorMessage").string_value,
              "RequestId: " + last_invocation(sh.world()).request_id + " Error: Task timed out after 3.00 seconds");
    EXPECT_EQ(msgs[0].attributes.at("ErrorCode").string_value, "200");
}

TEST(LambdaDlq, SyncFailuresNeverGoToTheDlq) {
    Shell sh(1);
    const std::string url = sh.world().sqs.create_queue("lambda-DLQ");
    sh.world().iam.attach_role_policy(role_of(sh.world()), "arn:aws:iam::aws:policy/AmazonSQSFullAccess");
    sh.run(set_dlq(kQueueArn));
    sh.run("lab fail demo-lambda always");
    sh.run("aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload '{}' out.json");
    sh.run("lab run");
    EXPECT_EQ(sh.world().sqs.receive_message(url, 10).size(), 0u);
}

TEST(LambdaDestinations, OnFailureGetsTheInvocationRecordAndTheDlqStillGetsThePayload) {
    Shell sh(1);
    const std::string dlq = sh.world().sqs.create_queue("lambda-DLQ");
    const std::string dest = sh.world().sqs.create_queue("on-failure");
    sh.world().iam.attach_role_policy(role_of(sh.world()), "arn:aws:iam::aws:policy/AmazonSQSFullAccess");
    sh.run(set_dlq(kQueueArn));
    const CommandResult put = sh.run("aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts 0 "
                                     "--destination-config OnFailure={Destination=arn:aws:sqs:ap-northeast-2:123456789012:on-failure}");
    ASSERT_EQ(put.exit_code, 0) << put.err;
    sh.run("lab fail demo-lambda always");
    sh.run(kAsync);
    sh.run("lab run");
    const InvocationRecord& inv = last_invocation(sh.world());
    const auto records = sh.world().sqs.receive_message(dest, 10);
    ASSERT_EQ(records.size(), 1u);
    const std::string expected =
        "{\"version\":\"1.0\",\"timestamp\":\"" + iso8601_ms(inv.attempts[0].end) + "\",\"requestContext\":{\"requestId\":\"" + inv.request_id +
        "\",\"functionArn\":\"arn:aws:lambda:ap-northeast-2:123456789012:function:demo-lambda:$LATEST\",\"condition\":"
        "\"RetriesExhausted\",\"approximateInvokeCount\":1},\"requestPayload\":{\"key1\":\"value1\"},\"responseContext\":"
        "{\"statusCode\":200,\"executedVersion\":\"$LATEST\",\"functionError\":\"Unhandled\"},\"responsePayload\":{\"errorMessage\":"
        "\"Something went wrong!\",\"errorType\":\"Exception\",\"requestId\":\"" + inv.request_id + "\",\"stackTrace\":[\"  File "
        "\\\"/var/task/lambda_function.py\\\", line 7, in lambda_handler\\n    raise Exception(\\\"Something went wrong!\\\")\\n\"]}}";
    EXPECT_EQ(records[0].body, expected);
    EXPECT_EQ(sh.world().sqs.receive_message(dlq, 10).size(), 1u);
}

TEST(LambdaDestinations, OnSuccessGetsTheResult) {
    Shell sh(1);
    const std::string dest = sh.world().sqs.create_queue("on-success");
    sh.world().iam.attach_role_policy(role_of(sh.world()), "arn:aws:iam::aws:policy/AmazonSQSFullAccess");
    ASSERT_EQ(sh.run("aws lambda put-function-event-invoke-config --function-name demo-lambda --destination-config "
                     "'{\"OnSuccess\":{\"Destination\":\"arn:aws:sqs:ap-northeast-2:123456789012:on-success\"}}'").exit_code, 0);
    sh.run(kAsync);
    sh.run("lab run");
    const auto records = sh.world().sqs.receive_message(dest, 10);
    ASSERT_EQ(records.size(), 1u);
    const ojson j = ojson::parse(records[0].body);
    EXPECT_EQ(j["requestContext"]["condition"], "Success");
    EXPECT_EQ(j["requestContext"]["approximateInvokeCount"], 1);
    EXPECT_FALSE(j["responseContext"].contains("functionError"));
    EXPECT_EQ(j["responsePayload"], ojson::parse("{\"statusCode\": 200, \"body\": \"\\\"Hello from Lambda!\\\"\"}"));
}

} // namespace

// Targets keeps the last (role, target, function) decision while IAM's generation stays (one
// policy walk for a DLQ that receives every failed event): each change below must take effect on
// the very next delivery, and a DLQ delivery must not make the logging decision go stale.
TEST(LambdaDlq, EveryChangeTakesEffectOnTheNextDelivery) {
    Shell sh(1);
    World& w = sh.world();
    const std::string url = w.sqs.create_queue("lambda-DLQ");
    const std::string role = role_of(w);
    const std::string sqs_full = "arn:aws:iam::aws:policy/AmazonSQSFullAccess";
    ASSERT_EQ(sh.run("aws iam attach-role-policy --role-name " + role + " --policy-arn " + sqs_full).exit_code, 0);
    ASSERT_EQ(sh.run(set_dlq(kQueueArn)).exit_code, 0);
    ASSERT_EQ(sh.run("aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts 0").exit_code, 0);
    sh.run("lab fail demo-lambda always");
    auto deliver = [&] {                            // one event, one attempt, then its DLQ delivery
        EXPECT_EQ(sh.run(kAsync).exit_code, 0);
        sh.run("lab run");
        return last_invocation(w);
    };
    auto detail = [&](const std::string& kind, const std::string& rid, const char* key) {
        const auto entries = trace_of(w, kind, rid);
        return entries.size() == 1 ? entries[0]->detail[key].get<std::string>() : "(" + std::to_string(entries.size()) + " entries)";
    };
    const std::string denied = "AccessDenied: the execution role is not authorized to perform sqs:SendMessage on ";

    const InvocationRecord first = deliver();
    EXPECT_EQ(detail("dlq.sent", first.request_id, "messageId"), first.dlq_message_id);
    EXPECT_EQ(first.dlq_message_id.size(), 36u);

    // Detached: refused at once (the answer is not kept past the IAM change).
    ASSERT_EQ(sh.run("aws iam detach-role-policy --role-name " + role + " --policy-arn " + sqs_full).exit_code, 0);
    const InvocationRecord second = deliver();
    EXPECT_TRUE(second.dlq_failed);
    EXPECT_EQ(second.dlq_message_id, "");
    EXPECT_EQ(detail("dlq.failed", second.request_id, "reason"), denied + kQueueArn);
    EXPECT_EQ(w.lambda.functions().at("demo-lambda").dead_letter_errors, 1);

    // Attached again and the DLQ moved to another queue: the next event goes there.
    ASSERT_EQ(sh.run("aws iam attach-role-policy --role-name " + role + " --policy-arn " + sqs_full).exit_code, 0);
    const std::string other_url = w.sqs.create_queue("dlq-2");
    const std::string other_arn = "arn:aws:sqs:ap-northeast-2:123456789012:dlq-2";
    ASSERT_EQ(sh.run(set_dlq(other_arn)).exit_code, 0);
    const InvocationRecord third = deliver();
    EXPECT_EQ(third.dlq_target, other_arn);
    // Records keep the target they were sent to (one shared copy per setting, not the function's current one).
    EXPECT_EQ(w.lambda.invocations()[w.lambda.invocations().size() - 3].dlq_target, kQueueArn);
    EXPECT_EQ(w.lambda.invocations()[w.lambda.invocations().size() - 2].dlq_target, kQueueArn);
    EXPECT_EQ(detail("dlq.sent", third.request_id, "target"), other_arn);
    const auto moved = w.sqs.receive_message(other_url, 10);
    ASSERT_EQ(moved.size(), 1u);
    EXPECT_EQ(moved[0].message_id, third.dlq_message_id);
    EXPECT_EQ(moved[0].attributes.at("RequestID").string_value, third.request_id);
    EXPECT_EQ(moved[0].sender_id, std::as_const(w.iam).find_role_by_arn(w.lambda.functions().at("demo-lambda").role_arn)->role_id +
                                      ":awslambda_demo-lambda");
    EXPECT_EQ(w.sqs.receive_message(url, 10).size(), 1u);    // only the first event's message

    // An inline Deny on that queue (a new inline policy, same attached ones): refused.
    ASSERT_EQ(sh.run("aws iam put-role-policy --role-name " + role + " --policy-name no-dlq-2 --policy-document "
                     "'{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"sqs:SendMessage\",\"Resource\":\"" +
                     other_arn + "\"}]}'").exit_code, 0);
    const InvocationRecord fourth = deliver();
    EXPECT_EQ(detail("dlq.failed", fourth.request_id, "reason"), denied + other_arn);
    ASSERT_EQ(sh.run("aws iam delete-role-policy --role-name " + role + " --policy-name no-dlq-2").exit_code, 0);

    // The queue deleted (SQS, not IAM): the next delivery finds no queue.
    ASSERT_EQ(sh.run("aws sqs delete-queue --queue-url " + other_url).exit_code, 0);
    const InvocationRecord fifth = deliver();
    EXPECT_EQ(detail("dlq.failed", fifth.request_id, "reason"), "AWS.SimpleQueueService.NonExistentQueue: " + other_arn);
    EXPECT_EQ(w.lambda.functions().at("demo-lambda").dead_letter_errors, 3);

    // Each event's attempt still wrote its START line (delivering never spoils the logging decision).
    std::size_t starts = 0;
    for (const auto& m : log_messages(w)) starts += m.rfind("START RequestId: ", 0) == 0;
    EXPECT_EQ(starts, 5u);
}
