// libFuzzer harness: the input bytes are an invoke payload, sent through World::invoke both
// synchronously (RequestResponse) and asynchronously (Event), then the world runs to idle.
//
// The world is set up so a payload travels every path that copies, parses or prints it: the
// handler (echo or failure, by the first byte's low bit), CloudWatch log lines, the --log-type
// Tail text, the DLQ message (SQS), the OnFailure / OnSuccess destination record (through SNS
// fanned out to SQS), and receive-message printing it back. AWS errors for bad payloads
// (400 InvalidRequestContentException, 413 RequestEntityTooLargeException) are answers, not
// findings; any other exception, an internal error, or a broken conservation property is.
#include <cstddef>
#include <cstdint>
#include <string>
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace invokelab;
    using namespace invokelab::fuzz;
    if (size > 300'000) return -1;
    const std::string payload(reinterpret_cast<const char*>(data), size);
    const bool failing = size > 0 && (data[0] & 1);
    Shell shell(1);
    const std::string role = shell.world().lambda.functions().at("demo-lambda").role_name();
    for (const char* line : {
             "aws sqs create-queue --queue-name dlq",
             "aws sqs create-queue --queue-name records",
             "aws sns create-topic --name fanout",
             "aws sns subscribe --topic-arn arn:aws:sns:ap-northeast-2:123456789012:fanout --protocol sqs "
             "--notification-endpoint arn:aws:sqs:ap-northeast-2:123456789012:records",
             "aws lambda put-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts 1 "
             "--destination-config OnSuccess={Destination=arn:aws:sns:ap-northeast-2:123456789012:fanout},"
             "OnFailure={Destination=arn:aws:sqs:ap-northeast-2:123456789012:records}",
         })
        run_line(shell, line);
    run_line(shell, "aws iam attach-role-policy --role-name " + role + " --policy-arn arn:aws:iam::aws:policy/AmazonSQSFullAccess");
    run_line(shell, "aws iam attach-role-policy --role-name " + role + " --policy-arn arn:aws:iam::aws:policy/AmazonSNSFullAccess");
    run_line(shell, "aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config "
                    "TargetArn=arn:aws:sqs:ap-northeast-2:123456789012:dlq");
    if (failing) run_line(shell, "lab fail demo-lambda always");
    World& w = shell.world();
    for (InvocationType type : {InvocationType::RequestResponse, InvocationType::Event}) {
        try {
            (void)w.invoke("demo-lambda", payload, type, w.region, true);
        } catch (const AwsError&) {
            // AWS's answer to a payload it refuses
        } catch (const std::exception& e) {
            fuzz_fail(std::string("exception escaped World::invoke: ") + e.what());
        }
    }
    check_world(shell);
    for (const char* q : {"dlq", "records"})
        run_line(shell, std::string("aws sqs receive-message --max-number-of-messages 10 --message-attribute-names All "
                                    "--queue-url https://sqs.ap-northeast-2.amazonaws.com/123456789012/") + q);
    run_line(shell, "aws logs tail /aws/lambda/demo-lambda");
    return 0;
}
