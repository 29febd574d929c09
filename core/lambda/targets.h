// Invoke Lab core: where Lambda sends dead letters and destination records, seen from lambda/.
//
// Lambda decides WHEN and WHAT to deliver; the World decides HOW an ARN is reached
// (world/targets.cpp, one table of services). This interface is the seam between them, so
// lambda/ never includes the services it delivers to, nor the World.
#pragma once
#include <string>
#include <string_view>
#include "services/sqs.h"                           // MessageAttributes

namespace invokelab {

// Views of the function's configuration, valid for the call they are passed to.
struct DeliverySender {
    std::string_view role_arn;                      // the function's execution role, assumed at delivery time
    std::string_view function;                      // function name (SenderId's session part)
};

class DeliveryTargets {
public:
    virtual ~DeliveryTargets() = default;
    // Configuration time (DeadLetterConfig, destinations): throws 400 InvalidParameterValueException
    // when the role may not send to `arn`; silent for services it does not know.
    virtual void check_permission(const std::string& role_name, const std::string& arn) const = 0;
    // Delivery time: true with the new message id, or false with a reason for the trace.
    // The body and attributes are the message's own (moved in). `message_id` is set only on success.
    virtual bool send(const DeliverySender& sender, const std::string& arn, std::string body,
                      MessageAttributes attributes, std::string& message_id, std::string& reason) = 0;
};

} // namespace invokelab
