// Invoke Lab core: Amazon SNS standard topics with SQS subscriptions (see sns.h).
#include "services/sns.h"
#include <algorithm>
#include <cctype>
#include "aws/arn.h"
#include "aws/errors.h"
#include "sim/env.h"
#include "util/base64.h"
#include "util/md5.h"
#include "util/timefmt.h"

namespace invokelab {

namespace {

// SNS's notification bodies are not compact JSON: one `"Key" : value` per line, two-space
// indent, with each message attribute on one compact line. Learners compare what they see
// in a queue with AWS's documentation, so the layout is copied, not just the fields.
// Text that is not UTF-8 cannot reach SNS through the CLI (shell/service_args.h
// require_utf8); anything else that gets here is written with U+FFFD rather than throwing.
std::string quoted(const std::string& s) { return ojson(s).dump(-1, ' ', false, ojson::error_handler_t::replace); }

// A fixed-length stand-in for SNS's RSA signature (256 bytes, base64): derived from the
// message so it is deterministic without drawing from the world's generator.
std::string fake_signature(const std::string& message_id, const std::string& message) {
    std::string bytes, seed = message_id + "\n" + message;
    while (bytes.size() < 256) {
        seed = md5_hex(seed);
        for (std::size_t i = 0; i + 1 < seed.size() && bytes.size() < 256; i += 2)
            bytes += static_cast<char>(std::stoi(seed.substr(i, 2), nullptr, 16));
    }
    return base64_encode(bytes);
}

} // namespace

std::string SnsService::create_topic(const std::string& name) {
    const bool valid = !name.empty() && name.size() <= 256 && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    });
    if (!valid) throw AwsError("InvalidParameter", 400, "Invalid parameter: Topic Name");
    const std::string arn = sns_topic_arn(env_.region, env_.account_id, name);
    if (!topics_.count(arn)) {
        SnsTopic t;
        t.name = name;
        t.arn = arn;
        topics_.emplace(arn, std::move(t));
    }
    return arn;
}

SnsTopic* SnsService::find_by_arn(const std::string& arn) {
    auto it = topics_.find(arn);
    return it == topics_.end() ? nullptr : &it->second;
}

std::string SnsService::subscribe(const std::string& topic_arn, const std::string& protocol, const std::string& endpoint,
                                  bool raw_message_delivery) {
    SnsTopic* t = find_by_arn(topic_arn);
    if (!t) throw AwsError("NotFound", 404, "Topic does not exist");
    if (protocol == "sqs") {
        if (arn_service(endpoint) != "sqs") throw AwsError("InvalidParameter", 400, "Invalid parameter: SQS endpoint ARN");
    } else if (protocol == "lambda") {
        if (arn_service(endpoint) != "lambda") throw AwsError("InvalidParameter", 400, "Invalid parameter: Lambda endpoint ARN");
    } else {
        throw AwsError("InvalidParameter", 400, "Invalid parameter: Amazon SNS does not support this protocol string: " + protocol);
    }
    for (auto& s : t->subscriptions)
        if (s.protocol == protocol && s.endpoint == endpoint) {
            s.raw_message_delivery = raw_message_delivery;
            return s.arn;
        }
    SnsSubscription s;
    s.arn = topic_arn + ":" + env_.stream("sns").uuid4();
    s.topic_arn = topic_arn;
    s.protocol = protocol;
    s.endpoint = endpoint;
    s.raw_message_delivery = raw_message_delivery;
    t->subscriptions.push_back(s);
    return s.arn;
}

std::string SnsService::publish(const std::string& topic_arn, const std::string& message, const std::string& subject,
                                const MessageAttributes& attrs) {
    SnsTopic* t = find_by_arn(topic_arn);
    if (!t) throw AwsError("NotFound", 404, "Topic does not exist");
    if (message.empty()) throw AwsError("InvalidParameter", 400, "Invalid parameter: Empty message");
    if (subject.size() > 100) throw AwsError("InvalidParameter", 400, "Invalid parameter: Subject");
    const std::string message_id = env_.stream("sns").uuid4();
    const std::string timestamp = iso8601_ms(env_.now());
    const std::string host = "https://sns." + env_.region + ".amazonaws.com/";
    // The certificate name is a fixed hash in real SNS; this one is ours and never changes.
    const std::string cert_url = host + "SimpleNotificationService-" + md5_hex("invokelab-sns-signing-cert") + ".pem";
    const std::string signature = fake_signature(message_id, message);

    ojson deliveries = ojson::array();
    for (const auto& s : t->subscriptions) {
        if (s.protocol != "sqs") continue;          // lambda subscriptions: reserved for later issues
        SqsQueue* q = sqs_.find_by_arn(s.endpoint);
        if (!q) continue;                           // the queue is gone: SNS drops the delivery
        std::string body;
        MessageAttributes sqs_attrs;
        if (s.raw_message_delivery) {
            body = message;
            sqs_attrs = attrs;                      // raw delivery carries attributes as SQS message attributes
        } else {
            body = "{\n";
            body += "  \"Type\" : \"Notification\",\n";
            body += "  \"MessageId\" : " + quoted(message_id) + ",\n";
            body += "  \"TopicArn\" : " + quoted(topic_arn) + ",\n";
            if (!subject.empty()) body += "  \"Subject\" : " + quoted(subject) + ",\n";
            body += "  \"Message\" : " + quoted(message) + ",\n";
            body += "  \"Timestamp\" : " + quoted(timestamp) + ",\n";
            body += "  \"SignatureVersion\" : \"1\",\n";
            body += "  \"Signature\" : " + quoted(signature) + ",\n";
            body += "  \"SigningCertURL\" : " + quoted(cert_url) + ",\n";
            body += "  \"UnsubscribeURL\" : " + quoted(host + "?Action=Unsubscribe&SubscriptionArn=" + s.arn);
            if (!attrs.empty()) {
                body += ",\n  \"MessageAttributes\" : {\n";
                std::size_t i = 0;
                for (const auto& [name, v] : attrs) {
                    body += "    " + quoted(name) + " : " + ojson{{"Type", v.data_type}, {"Value", v.string_value}}.dump(-1, ' ', false, ojson::error_handler_t::replace);
                    body += ++i < attrs.size() ? ",\n" : "\n";
                }
                body += "  }";
            }
            body += "\n}";
        }
        // SenderId of SNS deliveries: AWS shows SNS's own principal id here (UNCONFIRMED value).
        const SendResult r = sqs_.send_message(q->url, std::move(body), std::move(sqs_attrs), -1, "AIDAIT2UOQQY3AUEKVGXU");
        deliveries.push_back(ojson{{"queue", q->name}, {"messageId", r.message_id}});
    }
    env_.record("sns.published", {}, ojson{{"topic", t->name}, {"messageId", message_id}, {"deliveries", deliveries.size()}});
    ojson published{{"messageId", message_id}, {"timestamp", timestamp}, {"message", message}};
    if (!subject.empty()) published["subject"] = subject;
    published["deliveries"] = std::move(deliveries);
    t->published.push_back(std::move(published));
    return message_id;
}

ojson SnsService::state_json() const {
    ojson topics = ojson::array();
    for (const auto& [arn, t] : topics_) {
        ojson subs = ojson::array();
        for (const auto& s : t.subscriptions)
            subs.push_back(ojson{{"arn", s.arn}, {"protocol", s.protocol}, {"endpoint", s.endpoint}, {"rawMessageDelivery", s.raw_message_delivery}});
        topics.push_back(ojson{{"name", t.name}, {"arn", arn}, {"subscriptions", std::move(subs)}, {"published", t.published}});
    }
    return topics;
}

} // namespace invokelab
