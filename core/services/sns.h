// Invoke Lab core: Amazon SNS standard topics, with SQS subscriptions.
//
// A publish to a topic delivers, for each confirmed sqs subscription, an SQS message whose
// body is SNS's notification JSON envelope (Type, MessageId, TopicArn, Subject?, Message,
// Timestamp, SignatureVersion, Signature, SigningCertURL, UnsubscribeURL, MessageAttributes?)
// unless the subscription has RawMessageDelivery=true (then the body is the message itself).
// Topic ARN: arn:aws:sns:<region>:<account>:<name>; subscription ARN: <topic arn>:<uuid>.
#pragma once
#include <map>
#include <string>
#include <vector>
#include "services/sqs.h"

namespace invokelab {

struct SnsSubscription {
    std::string arn, topic_arn, protocol, endpoint; // protocol "sqs" delivers; "lambda" reserved for later issues
    bool raw_message_delivery = false;
};

struct SnsTopic {
    std::string name, arn;
    std::vector<SnsSubscription> subscriptions;
    std::vector<ojson> published;                   // what was published, newest last (for views)
};

class SnsService {
public:
    SnsService(Env& env, SqsService& sqs) : env_(env), sqs_(sqs) {}
    std::string create_topic(const std::string& name);                           // returns arn; idempotent
    std::string subscribe(const std::string& topic_arn, const std::string& protocol, const std::string& endpoint,
                          bool raw_message_delivery = false);                    // returns subscription arn
    std::string publish(const std::string& topic_arn, const std::string& message, const std::string& subject = "",
                        const MessageAttributes& attrs = {});                    // returns MessageId; throws NotFound
    SnsTopic* find_by_arn(const std::string& arn);
    const std::map<std::string, SnsTopic>& topics() const { return topics_; }   // by arn
    ojson state_json() const;
private:
    Env& env_;
    SqsService& sqs_;                               // subscriptions deliver to queues
    std::map<std::string, SnsTopic> topics_;
};

} // namespace invokelab
