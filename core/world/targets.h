// Invoke Lab core: ARN -> delivery, the one table of targets Lambda can send to.
//
// Index
//   Targets    DeliveryTargets (lambda/targets.h) over the World's IAM, SQS and SNS
//
// One row per target service holds the IAM action the execution role needs, the words of the
// configuration-time refusal, the error code of a delivery-time refusal, and how to send.
// Adding a target service (EventBridge, a function as destination) is one row here.
#pragma once
#include "lambda/targets.h"

namespace invokelab {

class IamService;
class SnsService;
class SqsService;

class Targets : public DeliveryTargets {
public:
    Targets(IamService& iam, SqsService& sqs, SnsService& sns) : iam_(iam), sqs_(sqs), sns_(sns) {}
    void check_permission(const std::string& role_name, const std::string& arn) const override;
    bool send(const DeliverySender& sender, const std::string& arn, const std::string& body,
              const MessageAttributes& attributes, std::string& message_id, std::string& reason) override;

private:
    IamService& iam_;
    SqsService& sqs_;
    SnsService& sns_;
};

} // namespace invokelab
