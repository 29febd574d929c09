// Where a failed (or, for OnSuccess, succeeded) async event goes: the dead-letter queue and
// destinations, sent as the function's execution role at delivery time.
#include "lambda/lambda.h"
#include "sim/env.h"
#include "util/json_text.h"
#include "util/timefmt.h"

namespace invokelab {
namespace {

// The first `limit` bytes, cut back to a UTF-8 character boundary (UNCONFIRMED: AWS may cut mid-character).
std::string utf8_prefix(const std::string& s, std::size_t limit) {
    if (s.size() <= limit) return s;
    std::size_t n = limit;
    while (n > 0 && (static_cast<unsigned char>(s[n]) >> 6) == 2) --n;
    return s.substr(0, n);
}

// Any depth and width: built and later dumped (dump_json) without recursion.
ojson parse_or_string(const std::string& text) {
    if (text.empty()) return ojson::object();
    JsonParse j = parse_json(text);
    return j.ok() ? std::move(j.value) : ojson(text);
}

} // namespace

bool LambdaService::send_to_target(const FunctionConfig& f, const std::string& arn, std::string body,
                                   MessageAttributes attributes, std::string& message_id, std::string& reason) {
    return targets_.send(DeliverySender{f.role_arn, f.name}, arn, std::move(body), std::move(attributes), message_id, reason);
}

SharedText LambdaService::target_text(const std::string& arn) {
    if (last_target_text_.str() != arn) last_target_text_ = SharedText(std::make_shared<const std::string>(arn));
    return last_target_text_;
}

void LambdaService::deliver_dead_letter(std::size_t inv, FunctionConfig& f) {
    InvocationRecord& r = invocations_[inv];
    static const std::string kNoMessage;           // (an lvalue: the message is not copied)
    const std::string& error_message = r.attempts.empty() ? kNoMessage : r.attempts.back().error_message.str();
    // Attributes as recorded from AWS (reference §3): ErrorCode is the HTTP status, 200 for a function error.
    // Set in name order, each appended to the one block the message keeps.
    MessageAttributes attributes;
    attributes.reserve(3);
    attributes.set("ErrorCode", MessageAttributeValue{"Number", "200"});
    attributes.set("ErrorMessage", MessageAttributeValue{"String", utf8_prefix(error_message, kDlqErrorMessageBytes)});
    attributes.set("RequestID", MessageAttributeValue{"String", r.request_id});
    std::string reason;
    r.dlq_target = target_text(f.dead_letter_target);
    if (send_to_target(f, f.dead_letter_target, r.payload.empty() ? std::string("{}") : r.payload, std::move(attributes),
                       r.dlq_message_id, reason)) {
        r.dlq_at = env_.now();
        env_.record_of("dlq.sent", r.request_id, "function", f.name, "target", f.dead_letter_target, "messageId", r.dlq_message_id);
    } else {
        // The event is deleted and DeadLetterErrors counts it (reference §3).
        r.dlq_failed = true;
        ++f.dead_letter_errors;
        env_.record_of("dlq.failed", r.request_id, "function", f.name, "target", f.dead_letter_target, "reason", reason);
    }
}

ojson LambdaService::invocation_record_json(const InvocationRecord& r) const {
    // Reference §4.3: key order as in the AWS documentation example.
    const FunctionConfig& f = functions_.at(r.function);
    ojson j = ojson::object();
    // Room for all six members first: ordered_map is a vector of pair<const string, json>, whose
    // reallocation copies (the const key has no noexcept move), and copying a deeply nested
    // requestPayload recurses once per level.
    j.get_ref<ojson::object_t&>().reserve(6);
    j["version"] = "1.0";
    j["timestamp"] = iso8601_ms(env_.now());
    j["requestContext"] = ojson{{"requestId", r.request_id},
                                {"functionArn", f.arn(env_.region, env_.account_id) + ":$LATEST"},
                                {"condition", to_string(r.condition)},
                                {"approximateInvokeCount", r.attempts.size()}};
    j["requestPayload"] = parse_or_string(r.payload);
    ojson response_context{{"statusCode", 200}, {"executedVersion", "$LATEST"}};
    if (!r.function_error.empty()) response_context["functionError"] = r.function_error;
    j["responseContext"] = response_context;
    j["responsePayload"] = parse_or_string(r.response);
    return j;
}

void LambdaService::deliver_destination(std::size_t inv, FunctionConfig& f, const std::string& target, bool success) {
    InvocationRecord& r = invocations_[inv];
    std::string message_id, reason;
    r.destination_target = target_text(target);
    if (send_to_target(f, target, dump_json(invocation_record_json(r)), {}, message_id, reason)) {
        r.destination_at = env_.now();
        env_.record_of("destination.sent", r.request_id, "function", f.name, "on", success ? "OnSuccess" : "OnFailure", "target", target,
                       "messageId", message_id);
    } else {
        r.destination_failed = true;
        ++f.destination_delivery_failures;
        env_.record_of("destination.failed", r.request_id, "function", f.name, "on", success ? "OnSuccess" : "OnFailure", "target", target,
                       "reason", reason);
    }
}

} // namespace invokelab
