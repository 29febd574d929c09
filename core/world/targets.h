// Invoke Lab core: ARN -> delivery, the one table of targets Lambda can send to.
//
// Index
//   Targets    DeliveryTargets (lambda/targets.h) over the World's IAM, SQS and SNS
//
// One row per target service holds the IAM action the execution role needs, the words of the
// configuration-time refusal, the error code of a delivery-time refusal, and how to send.
// Adding a target service (EventBridge, a function as destination) is one row here.
#pragma once
#include <cstdint>
#include <string>
#include "lambda/targets.h"

namespace invokelab {

class IamService;
class SnsService;
class SqsService;
struct TargetRoute;                                 // one row of the table (targets.cpp)

class Targets : public DeliveryTargets {
public:
    Targets(IamService& iam, SqsService& sqs, SnsService& sns) : iam_(iam), sqs_(sqs), sns_(sns) {}
    void check_permission(const std::string& role_name, const std::string& arn) const override;
    bool send(const DeliverySender& sender, const std::string& arn, std::string body,
              MessageAttributes attributes, std::string& message_id, std::string& reason) override;

private:
    IamService& iam_;
    SqsService& sqs_;
    SnsService& sns_;
    // The last delivery's route, the role's answer and the SenderId: they depend on the role,
    // the target ARN, the function and IAM alone, so a DLQ that receives every failed event
    // asks IAM once, not once per event. Rebuilt when any of them changes (IamService::generation()
    // advances on every change to any role).
    struct Decision {
        bool valid = false;
        std::string role_arn, arn, function;
        std::uint64_t iam_generation = 0;
        const TargetRoute* route = nullptr;         // null: not a target service
        bool allowed = false;
        std::string sender_id;                      // <role id>:awslambda_<function>
    };
    Decision last_;
    const Decision& decide(const DeliverySender& sender, const std::string& arn);
};

} // namespace invokelab
