// Invoke Lab core: where Lambda sends dead letters and destination records, seen from lambda/.
//
// Lambda decides WHEN and WHAT to deliver; the World decides HOW an ARN is reached
// (world/targets.cpp, one table of services). This interface is the seam between them, so
// lambda/ never includes the services it delivers to, nor the World.
#pragma once
#include <string>
#include "services/sqs.h"                           // MessageAttributes

namespace invokelab {

struct DeliverySender {
    std::string role_arn;                           // the function's execution role, assumed at delivery time
    std::string role_name;                          // its name, as IAM policies are looked up
    std::string function;                           // function name (SenderId's session part)
};

class DeliveryTargets {
public:
    virtual ~DeliveryTargets() = default;
    // Configuration time (DeadLetterConfig, destinations): throws 400 InvalidParameterValueException
    // when the role may not send to `arn`; silent for services it does not know.
    virtual void check_permission(const std::string& role_name, const std::string& arn) const = 0;
    // Delivery time: true with the new message id, or false with a reason for the trace.
    virtual bool send(const DeliverySender& sender, const std::string& arn, const std::string& body,
                      const MessageAttributes& attributes, std::string& message_id, std::string& reason) = 0;
};

} // namespace invokelab
