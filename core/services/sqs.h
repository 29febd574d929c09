// Invoke Lab core: Amazon SQS standard queues (the dead-letter queue's home).
//
// Index
//   MessageAttributeValue   DataType + StringValue (what Lambda puts on DLQ messages)
//   SqsMessage              one message, with its receive bookkeeping
//   SqsQueue                name, url, arn, attributes, messages
//   SqsService              create / get-url / send / receive / delete / purge / list
//
// Queue URL form: https://sqs.<region>.amazonaws.com/<account>/<name>
// Queue ARN form: arn:aws:sqs:<region>:<account>:<name>
// Errors are AwsError with the SQS codes the CLI shows (QueueDoesNotExist as
// "AWS.SimpleQueueService.NonExistentQueue", ReceiptHandleIsInvalid, ...).
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>
#include "sim/scheduler.h"
#include "sim/trace.h"

namespace invokelab {

class Env;

struct MessageAttributeValue {
    std::string data_type;                          // "String", "Number", "Binary"
    std::string string_value;
};
using MessageAttributes = std::map<std::string, MessageAttributeValue>;   // sorted by name, as SQS returns them

struct SqsMessage {
    std::string message_id;                         // uuid from the world's generator
    std::string body;
    std::string md5_of_body;                        // hex md5 of body
    std::string md5_of_message_attributes;          // empty when there are no attributes
    MessageAttributes attributes;                   // message attributes (user/Lambda supplied)
    std::string sender_id;                          // SenderId system attribute
    TimeMs sent_at = 0;
    TimeMs visible_at = 0;                          // invisible until then (delay or in flight)
    int receive_count = 0;                          // ApproximateReceiveCount
    TimeMs first_receive_at = -1;                   // ApproximateFirstReceiveTimestamp, -1 before any
    std::string receipt_handle;                     // of the latest receive; empty before any
};

struct SqsQueue {
    std::string name, url, arn;
    TimeMs created_at = 0;
    int visibility_timeout_s = 30;                  // queue default, overridable per receive
    int delay_s = 0;
    int message_retention_s = 345600;               // 4 days
    int maximum_message_size = 1048576;             // bytes (MaximumMessageSize): 1 MiB default since 2025 [SNAP-SQS]
    int receive_wait_time_s = 0;                    // ReceiveMessageWaitTimeSeconds (long polling default)
    std::map<std::string, std::string> attributes;  // as set at creation (RedrivePolicy, Policy, ...), for idempotency checks
    std::string redrive_target_arn;                 // RedrivePolicy.deadLetterTargetArn ("" = none)
    int max_receive_count = 0;                      // RedrivePolicy.maxReceiveCount
    TimeMs last_purge_at = -1;                      // PurgeQueue is allowed once per 60 s
    std::set<std::string> issued_receipt_handles;   // every handle ever handed out (stale ones delete nothing)
    std::deque<SqsMessage> messages;                // in send order
    std::size_t visible_count(TimeMs now) const;
    std::size_t in_flight_count(TimeMs now) const;
};

struct SendResult { std::string message_id, md5_of_body, md5_of_message_attributes; };

class SqsService {
public:
    explicit SqsService(Env& env) : env_(env) {}

    std::string create_queue(const std::string& name, const std::map<std::string, std::string>& attributes = {}); // returns url; idempotent for same attributes
    std::string get_queue_url(const std::string& name) const;                   // throws NonExistentQueue
    std::vector<std::string> list_queue_urls(const std::string& prefix = "") const;
    SqsQueue* find_by_url(const std::string& url);                              // nullptr if none
    SqsQueue* find_by_arn(const std::string& arn);
    SqsQueue* find_by_name(const std::string& name);
    const SqsQueue* find_by_arn(const std::string& arn) const;
    SqsQueue& require_url(const std::string& url);                              // throws NonExistentQueue

    SendResult send_message(const std::string& url, const std::string& body, const MessageAttributes& attrs = {},
                            int delay_seconds = -1, const std::string& sender_id = "AIDAEXAMPLEUSER00001");
    // Messages visible now, oldest first, up to max (1..10); each becomes invisible for the
    // visibility timeout (queue default when visibility_timeout_s < 0).
    std::vector<SqsMessage> receive_message(const std::string& url, int max_messages = 1, int visibility_timeout_s = -1);
    void delete_message(const std::string& url, const std::string& receipt_handle);   // throws ReceiptHandleIsInvalid
    void purge_queue(const std::string& url);
    void delete_queue(const std::string& url);
    // GetQueueAttributes "All": QueueArn, ApproximateNumberOfMessages…, as strings, in AWS's order.
    std::vector<std::pair<std::string, std::string>> queue_attributes(const std::string& url);

    const std::map<std::string, SqsQueue>& queues() const { return queues_; }  // by name
    ojson state_json() const;                                                    // queues with messages, for views/tests

private:
    Env& env_;
    std::map<std::string, SqsQueue> queues_;
};

// SQS's MD5OfMessageAttributes: md5 over the attributes in name order, each encoded as
// len(name) name len(type) type 1 len(value) value (4-byte big-endian lengths).
std::string md5_of_message_attributes(const MessageAttributes& attrs);

} // namespace invokelab
