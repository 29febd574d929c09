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
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include "sim/scheduler.h"
#include "sim/trace.h"
#include "util/md5.h"

namespace invokelab {

class Env;
class Rng;

struct MessageAttributeValue {
    std::string data_type;                          // "String", "Number", "Binary"
    std::string string_value;
};

// A message's attributes, sorted by name as SQS returns them. A sorted vector, not a std::map:
// Lambda puts three on every dead letter, and one block holds them (a map allocated a node per
// attribute). Reads like the map it replaces (operator[], at, count, find, iteration in name
// order); an initializer list keeps the first of equal names, as std::map's does.
class MessageAttributes {
public:
    using value_type = std::pair<std::string, MessageAttributeValue>;
    using const_iterator = std::vector<value_type>::const_iterator;
    MessageAttributes() = default;
    MessageAttributes(std::initializer_list<value_type> items);
    MessageAttributeValue& operator[](std::string_view name);       // inserted (empty) when missing
    // Sets `name` to `value` (replacing an attribute of that name), both moved in: names given
    // in order are appended without a search.
    void set(std::string name, MessageAttributeValue value);
    const MessageAttributeValue& at(std::string_view name) const;  // std::out_of_range when missing
    const_iterator find(std::string_view name) const;
    std::size_t count(std::string_view name) const { return find(name) == end() ? 0 : 1; }
    std::size_t size() const { return items_.size(); }
    bool empty() const { return items_.empty(); }
    const_iterator begin() const { return items_.begin(); }
    const_iterator end() const { return items_.end(); }
    void reserve(std::size_t n) { items_.reserve(n); }
private:
    std::vector<value_type>::iterator lower_bound(std::string_view name);
    std::vector<value_type> items_;
};

struct SqsMessage {
    std::string message_id;                         // uuid from the world's generator
    std::string body;
    std::string md5_of_body;                        // hex md5 of body
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

    SendResult send_message(const std::string& url, std::string body, MessageAttributes attrs = {},
                            int delay_seconds = -1, std::string sender_id = "AIDAEXAMPLEUSER00001");
    // The same on a queue already found (Lambda's deliveries, world/targets.cpp): the body and
    // attributes are moved into the message, which is handed back as stored. Its
    // MD5OfMessageAttributes is not kept: SendMessage's answer computes it (send_message) and
    // ReceiveMessage computes it over the attributes it returns, so a sender nobody answers
    // (Lambda, SNS) does not digest them.
    const SqsMessage& send_to(SqsQueue& q, std::string body, MessageAttributes attrs, int delay_seconds, std::string sender_id);
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
    // MD5OfMessageBody of the last body sent: a DLQ receives the same event text for every
    // failed invocation of a payload, so equal bodies in a row are digested once.
    std::string last_body_, last_body_md5_;
    // MD5OfMessageAttributes goes attribute by attribute in name order, so the digest state after
    // all but the last is remembered with those attributes: Lambda's ErrorCode and ErrorMessage are
    // the same for every failed event of a function, only RequestID (last by name) differs.
    std::vector<MessageAttributes::value_type> digest_lead_;
    Md5 digest_lead_state_;
    bool digest_lead_valid_ = false;
    std::string md5_of_attributes(const MessageAttributes& attrs);
    Rng* sqs_rng_ = nullptr;                        // env_.stream("sqs"), found once (its reference stays valid)
    Rng& sqs_rng();
    const std::string& md5_of_body(const std::string& body);
};

// SQS's MD5OfMessageAttributes: md5 over the attributes in name order, each encoded as
// len(name) name len(type) type 1 len(value) value (4-byte big-endian lengths).
std::string md5_of_message_attributes(const MessageAttributes& attrs);

} // namespace invokelab
