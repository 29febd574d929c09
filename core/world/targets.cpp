#include "world/targets.h"
#include <string_view>
#include <utility>
#include "aws/arn.h"
#include "aws/errors.h"
#include "services/iam.h"
#include "services/sns.h"
#include "services/sqs.h"

namespace invokelab {

struct TargetRoute {
    std::string_view service;                       // the ARN's service field
    std::string_view action;                        // what the execution role must be allowed
    std::string_view config_call;                   // "...does not have permissions to call <config_call>"
    std::string_view denied_code;                   // delivery-time refusal, as the trace reports it
    bool simulated;                                 // false: configuration accepted, delivery not modelled
};

namespace {

constexpr TargetRoute kRoutes[] = {
    {"sqs", "sqs:SendMessage", "SendMessage on SQS", "AccessDenied", true},
    {"sns", "sns:Publish", "Publish on SNS", "AuthorizationError", true},
    {"lambda", "lambda:InvokeFunction", "InvokeFunction on Lambda", "AccessDeniedException", false},   // UNCONFIRMED wording
    {"events", "events:PutEvents", "PutEvents on EventBridge", "AccessDeniedException", false},        // UNCONFIRMED wording
};

const TargetRoute* route_for(const std::string& arn) {
    const std::string service = arn_service(arn);
    for (const auto& r : kRoutes)
        if (r.service == service) return &r;
    return nullptr;
}

} // namespace

void Targets::check_permission(const std::string& role_name, const std::string& arn) const {
    const TargetRoute* r = route_for(arn);
    if (!r) return;
    if (!iam_.allows(role_name, std::string(r->action), arn))
        throw AwsError("InvalidParameterValueException", 400,
                       "The provided execution role does not have permissions to call " + std::string(r->config_call));
}

const Targets::Decision& Targets::decide(const DeliverySender& sender, const std::string& arn) {
    const std::uint64_t generation = iam_.generation();
    if (last_.valid && last_.iam_generation == generation && last_.arn == arn && last_.role_arn == sender.role_arn &&
        last_.function == sender.function)
        return last_;
    last_.valid = true;
    last_.role_arn = sender.role_arn;
    last_.arn = arn;
    last_.function = sender.function;
    last_.iam_generation = generation;
    last_.route = route_for(arn);
    last_.allowed = false;
    last_.sender_id.clear();
    if (last_.route && last_.route->simulated) {
        const std::string_view role_arn = sender.role_arn;
        const std::size_t slash = role_arn.rfind('/');
        const std::string role_name(slash == std::string_view::npos ? role_arn : role_arn.substr(slash + 1));
        last_.allowed = iam_.allows(role_name, std::string(last_.route->action), arn);
        // Messages sent by Lambda carry the assumed role's id as SenderId (UNCONFIRMED session name).
        const IamRole* role = std::as_const(iam_).find_role_by_arn(last_.role_arn);
        last_.sender_id = (role ? role->role_id : std::string("AROAUNKNOWN")) + ":awslambda_";
        last_.sender_id += sender.function;
    }
    return last_;
}

bool Targets::send(const DeliverySender& sender, const std::string& arn, std::string body,
                   MessageAttributes attributes, std::string& message_id, std::string& reason) {
    const Decision& d = decide(sender, arn);
    const TargetRoute* r = d.route;
    if (!r || !r->simulated) {
        reason = "target type not simulated: " + arn;
        return false;
    }
    if (!d.allowed) {
        reason = std::string(r->denied_code) + ": the execution role is not authorized to perform " + std::string(r->action) + " on " + arn;
        return false;
    }
    try {
        if (r->service == "sqs") {
            SqsQueue* q = sqs_.find_by_arn(arn);
            if (!q) { reason = "AWS.SimpleQueueService.NonExistentQueue: " + arn; return false; }
            message_id = sqs_.send_to(*q, std::move(body), std::move(attributes), -1, d.sender_id).message_id;
            return true;
        }
        message_id = sns_.publish(arn, body, "", attributes);
        return true;
    } catch (const AwsError& e) {
        reason = e.code + ": " + e.what();
        return false;
    }
}

} // namespace invokelab
