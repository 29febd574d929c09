// Invoke Lab core: Amazon SQS standard queues (see sqs.h).
//
// Error codes. SQS speaks the AWS JSON protocol since late 2023, but its model is
// "awsQueryCompatible": the response carries `x-amzn-query-error: <legacy code>;Sender`
// and the SDKs (botocore included, so the CLI) report that legacy code. Hence
// "AWS.SimpleQueueService.NonExistentQueue" with the JSON-era message "The specified queue
// does not exist." (seen in SQS emulators' tests pinned to the real service, e.g. the
// header value "AWS.SimpleQueueService.NonExistentQueue;Sender" next to __type
// "com.amazonaws.sqs#QueueDoesNotExist"). The other messages below follow the wording
// the service returns for the same checks; where unsure, the choice is marked.
#include "services/sqs.h"
#include <algorithm>
#include <cctype>
#include <stdexcept>
#include "aws/arn.h"
#include "aws/errors.h"
#include "sim/env.h"
#include "util/base64.h"
#include "util/md5.h"
#include "util/timefmt.h"
#include "util/json_text.h"

namespace invokelab {

// [SECTION] Helpers

namespace {

AwsError non_existent_queue() {
    return AwsError("AWS.SimpleQueueService.NonExistentQueue", 400, "The specified queue does not exist.");
}

AwsError invalid_parameter(const std::string& message) { return AwsError("InvalidParameterValue", 400, message); }

bool parse_int(const std::string& text, long long& out) {
    if (text.empty() || text.size() > 12) return false;
    std::size_t i = text[0] == '-' ? 1 : 0;
    if (i == text.size()) return false;
    long long v = 0;
    for (; i < text.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
        v = v * 10 + (text[i] - '0');
    }
    out = text[0] == '-' ? -v : v;
    return true;
}

bool valid_queue_name(const std::string& name) {
    if (name.empty() || name.size() > 80) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    });
}

struct IntAttribute { const char* name; long long min, max; };
const IntAttribute kIntAttributes[] = {
    {"VisibilityTimeout", 0, 43200},
    {"DelaySeconds", 0, 900},
    {"MessageRetentionPeriod", 60, 1209600},
    {"MaximumMessageSize", 1024, 1048576},          // 1 MiB, also the default since 2025
    {"ReceiveMessageWaitTimeSeconds", 0, 20},
};

// Applies one CreateQueue attribute to the queue; throws the service's error for bad input.
void apply_attribute(SqsQueue& q, const std::string& key, const std::string& value) {
    for (const auto& a : kIntAttributes) {
        if (key != a.name) continue;
        long long v = 0;
        if (!parse_int(value, v) || v < a.min || v > a.max)
            throw AwsError("InvalidAttributeValue", 400, "Invalid value for the parameter " + key + ".");
        const int iv = static_cast<int>(v);
        if (key == "VisibilityTimeout") q.visibility_timeout_s = iv;
        else if (key == "DelaySeconds") q.delay_s = iv;
        else if (key == "MessageRetentionPeriod") q.message_retention_s = iv;
        else if (key == "MaximumMessageSize") q.maximum_message_size = iv;
        else q.receive_wait_time_s = iv;
        q.attributes[key] = value;
        return;
    }
    if (key == "RedrivePolicy") {
        const ojson rp = parse_learner_json(value);
        const std::string reason = "Value " + value + " for parameter RedrivePolicy is invalid. Reason: Redrive policy is not a valid JSON map.";
        if (rp.is_discarded() || !rp.is_object() || !rp.contains("deadLetterTargetArn") || !rp.contains("maxReceiveCount"))
            throw invalid_parameter(reason);
        long long max_receive = 0;
        const ojson& m = rp["maxReceiveCount"];
        if (m.is_number_integer()) max_receive = m.get<long long>();
        else if (!m.is_string() || !parse_int(m.get<std::string>(), max_receive)) throw invalid_parameter(reason);
        if (max_receive < 1 || max_receive > 1000)
            throw invalid_parameter("Value " + value + " for parameter RedrivePolicy is invalid. Reason: Invalid value for maxReceiveCount: " +
                                    std::to_string(max_receive) + ", valid values are from 1 to 1000 both inclusive.");
        q.redrive_target_arn = rp["deadLetterTargetArn"].is_string() ? rp["deadLetterTargetArn"].get<std::string>() : "";
        q.max_receive_count = static_cast<int>(max_receive);
        q.attributes[key] = value;
        return;
    }
    if (key == "Policy" || key == "KmsMasterKeyId" || key == "KmsDataKeyReusePeriodSeconds" || key == "SqsManagedSseEnabled" ||
        key == "RedriveAllowPolicy") {
        q.attributes[key] = value;                  // stored and shown, not enforced
        return;
    }
    if (key == "FifoQueue" || key == "ContentBasedDeduplication" || key == "DeduplicationScope" || key == "FifoThroughputLimit")
        throw invalid_parameter("Value " + value + " for parameter " + key + " is invalid. Reason: this playground simulates standard queues only.");
    throw AwsError("InvalidAttributeName", 400, "Unknown Attribute " + key + ".");
}

std::string current_value(const SqsQueue& q, const std::string& key) {
    if (key == "VisibilityTimeout") return std::to_string(q.visibility_timeout_s);
    if (key == "DelaySeconds") return std::to_string(q.delay_s);
    if (key == "MessageRetentionPeriod") return std::to_string(q.message_retention_s);
    if (key == "MaximumMessageSize") return std::to_string(q.maximum_message_size);
    if (key == "ReceiveMessageWaitTimeSeconds") return std::to_string(q.receive_wait_time_s);
    auto it = q.attributes.find(key);
    return it == q.attributes.end() ? "" : it->second;
}

void validate_message_attributes(const MessageAttributes& attrs) {
    if (attrs.size() > 10)
        throw invalid_parameter("Number of message attributes [" + std::to_string(attrs.size()) + "] exceeds the allowed maximum [10].");
    for (const auto& [name, v] : attrs) {
        const bool typed = v.data_type.rfind("String", 0) == 0 || v.data_type.rfind("Number", 0) == 0 || v.data_type.rfind("Binary", 0) == 0;
        if (!typed)
            throw invalid_parameter("The type of message (user) attribute '" + name + "' is invalid. You must use only the following supported type prefixes: Binary, Number, String.");
        if (v.string_value.empty())
            throw invalid_parameter("Message (user) attribute '" + name + "' must contain a non-empty value of type '" + v.data_type + "'.");
    }
}

// A 4-byte big-endian length, then the bytes: the field encoding of MD5OfMessageAttributes.
void put_length_prefixed(Md5& out, std::string_view bytes) {
    out.update_u32_be(static_cast<std::uint32_t>(bytes.size()));
    out.update(bytes);
}

// One attribute in MD5OfMessageAttributes' encoding (see md5_of_message_attributes).
void put_attribute(Md5& digest, const std::string& name, const MessageAttributeValue& value) {
    put_length_prefixed(digest, name);
    put_length_prefixed(digest, value.data_type);
    if (value.data_type.rfind("Binary", 0) == 0) {
        digest.update("\x02");
        // Binary values travel base64-encoded; the digest covers the raw bytes.
        put_length_prefixed(digest, base64_decode(value.string_value).value_or(value.string_value));
    } else {
        digest.update("\x01");
        put_length_prefixed(digest, value.string_value);
    }
}

// Bodies up to this size are remembered with their MD5 (SqsService::md5_of_body).
constexpr std::size_t kBodyDigestCacheBytes = 64 * 1024;

} // namespace

// [SECTION] Message attributes

MessageAttributes::MessageAttributes(std::initializer_list<value_type> items) {
    items_.reserve(items.size());
    for (const auto& item : items) {
        auto it = lower_bound(item.first);
        if (it == items_.end() || it->first != item.first) items_.insert(it, item);   // the first of equal names stays
    }
}

std::vector<MessageAttributes::value_type>::iterator MessageAttributes::lower_bound(std::string_view name) {
    // Appending in name order (Lambda's three, a JSON object's sorted keys) checks the last one only.
    if (items_.empty() || std::string_view(items_.back().first) < name) return items_.end();
    return std::lower_bound(items_.begin(), items_.end(), name,
                            [](const value_type& item, std::string_view n) { return std::string_view(item.first) < n; });
}

MessageAttributeValue& MessageAttributes::operator[](std::string_view name) {
    auto it = lower_bound(name);
    if (it == items_.end() || it->first != name) it = items_.insert(it, value_type(std::string(name), MessageAttributeValue{}));
    return it->second;
}

void MessageAttributes::set(std::string name, MessageAttributeValue value) {
    auto it = lower_bound(name);
    if (it != items_.end() && it->first == name) it->second = std::move(value);
    else items_.emplace(it, std::move(name), std::move(value));
}

MessageAttributes::const_iterator MessageAttributes::find(std::string_view name) const {
    auto it = std::lower_bound(items_.begin(), items_.end(), name,
                               [](const value_type& item, std::string_view n) { return std::string_view(item.first) < n; });
    return it != items_.end() && it->first == name ? it : items_.end();
}

const MessageAttributeValue& MessageAttributes::at(std::string_view name) const {
    auto it = find(name);
    if (it == end()) throw std::out_of_range("MessageAttributes::at: no attribute " + std::string(name));
    return it->second;
}

std::size_t SqsQueue::visible_count(TimeMs now) const {
    return static_cast<std::size_t>(std::count_if(messages.begin(), messages.end(), [now](const SqsMessage& m) {
        return m.visible_at <= now;
    }));
}

std::size_t SqsQueue::in_flight_count(TimeMs now) const {
    // "Not visible" in SQS terms: received and inside the visibility timeout. Delayed
    // messages that were never received count separately (ApproximateNumberOfMessagesDelayed).
    return static_cast<std::size_t>(std::count_if(messages.begin(), messages.end(), [now](const SqsMessage& m) {
        return m.visible_at > now && m.receive_count > 0;
    }));
}

// [SECTION] Queues

std::string SqsService::create_queue(const std::string& name, const std::map<std::string, std::string>& attributes) {
    if (!valid_queue_name(name))
        throw invalid_parameter("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
    auto it = queues_.find(name);
    if (it != queues_.end()) {
        // Same name and same attributes: CreateQueue hands back the existing URL.
        for (const auto& [k, v] : attributes)
            if (current_value(it->second, k) != v)
                throw AwsError("QueueAlreadyExists", 400, "A queue already exists with the same name and a different value for attribute " + k);
        return it->second.url;
    }
    SqsQueue q;
    q.name = name;
    q.url = "https://sqs." + env_.region + ".amazonaws.com/" + env_.account_id + "/" + name;
    q.arn = sqs_queue_arn(env_.region, env_.account_id, name);
    q.created_at = env_.now();
    for (const auto& [k, v] : attributes) apply_attribute(q, k, v);
    const std::string url = q.url;
    queues_.emplace(name, std::move(q));
    return url;
}

std::string SqsService::get_queue_url(const std::string& name) const {
    auto it = queues_.find(name);
    if (it == queues_.end()) throw non_existent_queue();
    return it->second.url;
}

std::vector<std::string> SqsService::list_queue_urls(const std::string& prefix) const {
    std::vector<std::string> urls;
    for (const auto& [name, q] : queues_)
        if (name.rfind(prefix, 0) == 0) urls.push_back(q.url);
    return urls;
}

// A queue's URL and ARN both end with its name (create_queue builds them from it): the name after
// the last '/' or ':' finds the one candidate in the map, and the whole address must then match.
namespace {
template <class Queues>
auto* find_by_address(Queues& queues, const std::string& address, char separator, std::string SqsQueue::*field) {
    const std::size_t cut = address.rfind(separator);
    const auto it = queues.find(cut == std::string::npos ? address : address.substr(cut + 1));
    return it != queues.end() && it->second.*field == address ? &it->second : nullptr;
}
} // namespace

SqsQueue* SqsService::find_by_url(const std::string& url) { return find_by_address(queues_, url, '/', &SqsQueue::url); }

SqsQueue* SqsService::find_by_arn(const std::string& arn) { return find_by_address(queues_, arn, ':', &SqsQueue::arn); }

const SqsQueue* SqsService::find_by_arn(const std::string& arn) const { return find_by_address(queues_, arn, ':', &SqsQueue::arn); }

SqsQueue* SqsService::find_by_name(const std::string& name) {
    auto it = queues_.find(name);
    return it == queues_.end() ? nullptr : &it->second;
}

SqsQueue& SqsService::require_url(const std::string& url) {
    if (SqsQueue* q = find_by_url(url)) return *q;
    throw non_existent_queue();
}

void SqsService::delete_queue(const std::string& url) {
    SqsQueue& q = require_url(url);
    queues_.erase(q.name);
}

std::vector<std::pair<std::string, std::string>> SqsService::queue_attributes(const std::string& url) {
    SqsQueue& q = require_url(url);
    const TimeMs now = env_.now();
    std::size_t delayed = 0;
    for (const auto& m : q.messages) if (m.visible_at > now && m.receive_count == 0) ++delayed;
    // Timestamps here are Unix seconds, as SQS gives them for queues.
    const std::string created = std::to_string(unix_ms(q.created_at) / 1000);
    std::vector<std::pair<std::string, std::string>> out = {
        {"QueueArn", q.arn},
        {"ApproximateNumberOfMessages", std::to_string(q.visible_count(now))},
        {"ApproximateNumberOfMessagesNotVisible", std::to_string(q.in_flight_count(now))},
        {"ApproximateNumberOfMessagesDelayed", std::to_string(delayed)},
        {"CreatedTimestamp", created},
        {"LastModifiedTimestamp", created},
        {"VisibilityTimeout", std::to_string(q.visibility_timeout_s)},
        {"MaximumMessageSize", std::to_string(q.maximum_message_size)},
        {"MessageRetentionPeriod", std::to_string(q.message_retention_s)},
        {"DelaySeconds", std::to_string(q.delay_s)},
    };
    if (auto p = q.attributes.find("Policy"); p != q.attributes.end()) out.emplace_back("Policy", p->second);
    if (!q.redrive_target_arn.empty()) out.emplace_back("RedrivePolicy", ojson{{"deadLetterTargetArn", q.redrive_target_arn}, {"maxReceiveCount", q.max_receive_count}}.dump());
    out.emplace_back("ReceiveMessageWaitTimeSeconds", std::to_string(q.receive_wait_time_s));
    out.emplace_back("SqsManagedSseEnabled", q.attributes.count("SqsManagedSseEnabled") ? q.attributes.at("SqsManagedSseEnabled") : "true");
    return out;
}

// [SECTION] Messages

SendResult SqsService::send_message(const std::string& url, std::string body, MessageAttributes attrs, int delay_seconds,
                                    std::string sender_id) {
    const SqsMessage& m = send_to(require_url(url), std::move(body), std::move(attrs), delay_seconds, std::move(sender_id));
    return SendResult{m.message_id, m.md5_of_body, md5_of_attributes(m.attributes)};
}

const SqsMessage& SqsService::send_to(SqsQueue& q, std::string body, MessageAttributes attrs, int delay_seconds, std::string sender_id) {
    if (body.empty()) throw AwsError("MissingParameter", 400, "The request must contain the parameter MessageBody.");
    if (delay_seconds > 900)
        throw invalid_parameter("Value " + std::to_string(delay_seconds) + " for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.");
    validate_message_attributes(attrs);
    std::size_t size = body.size();
    for (const auto& [n, v] : attrs) size += n.size() + v.data_type.size() + v.string_value.size();
    if (size > static_cast<std::size_t>(q.maximum_message_size))
        throw invalid_parameter("One or more parameters are invalid. Reason: Message must be shorter than " + std::to_string(q.maximum_message_size) + " bytes.");
    SqsMessage& m = q.messages.emplace_back();
    m.message_id = sqs_rng().uuid4();
    m.md5_of_body = md5_of_body(body);
    m.body = std::move(body);
    m.attributes = std::move(attrs);
    m.sender_id = std::move(sender_id);
    m.sent_at = env_.now();
    m.visible_at = m.sent_at + 1000LL * (delay_seconds < 0 ? q.delay_s : delay_seconds);
    env_.record_of("sqs.sent", {}, "queue", q.name, "messageId", m.message_id);
    return m;
}

Rng& SqsService::sqs_rng() {
    if (!sqs_rng_) sqs_rng_ = &env_.stream("sqs");
    return *sqs_rng_;
}

const std::string& SqsService::md5_of_body(const std::string& body) {
    if (body.size() > kBodyDigestCacheBytes) {
        last_body_.clear();                         // (never a body: SendMessage refuses empty ones)
        last_body_md5_ = md5_hex(body);
    } else if (body != last_body_) {
        last_body_ = body;
        last_body_md5_ = md5_hex(body);
    }
    return last_body_md5_;
}

std::vector<SqsMessage> SqsService::receive_message(const std::string& url, int max_messages, int visibility_timeout_s) {
    SqsQueue& q = require_url(url);
    if (max_messages < 1 || max_messages > 10)
        throw invalid_parameter("Value " + std::to_string(max_messages) +
                                " for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
    if (visibility_timeout_s > 43200)
        throw invalid_parameter("Value " + std::to_string(visibility_timeout_s) +
                                " for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.");
    const TimeMs now = env_.now();
    // Messages past the retention period are gone before anyone can see them.
    const TimeMs retention_ms = 1000LL * q.message_retention_s;
    q.messages.erase(std::remove_if(q.messages.begin(), q.messages.end(),
                                    [&](const SqsMessage& m) { return now - m.sent_at >= retention_ms; }),
                     q.messages.end());
    const int timeout_s = visibility_timeout_s < 0 ? q.visibility_timeout_s : visibility_timeout_s;
    std::vector<SqsMessage> out;
    for (auto it = q.messages.begin(); it != q.messages.end() && static_cast<int>(out.size()) < max_messages;) {
        SqsMessage& m = *it;
        if (m.visible_at > now) { ++it; continue; }
        // Redrive: a message already received maxReceiveCount times moves to the dead-letter
        // queue on its next receive instead of being delivered again.
        if (!q.redrive_target_arn.empty() && q.max_receive_count > 0 && m.receive_count >= q.max_receive_count) {
            if (SqsQueue* dlq = find_by_arn(q.redrive_target_arn); dlq && dlq != &q) {
                SqsMessage moved = m;
                moved.visible_at = now;
                moved.receipt_handle.clear();
                env_.record("sqs.redriven", {}, ojson{{"queue", q.name}, {"messageId", m.message_id}, {"deadLetterQueue", dlq->name},
                                                        {"receiveCount", m.receive_count}});
                dlq->messages.push_back(std::move(moved));
                it = q.messages.erase(it);
                continue;
            }
        }
        ++m.receive_count;
        if (m.first_receive_at < 0) m.first_receive_at = now;
        m.visible_at = now + 1000LL * timeout_s;
        // Real handles are opaque base64 that start with "AQEB"; ours come from the world's
        // generator so a seed reproduces them.
        std::string raw;
        raw.reserve(64);
        Rng& draws = sqs_rng();
        for (int i = 0; i < 8; ++i) {
            std::uint64_t x = draws.next_u64();
            for (int b = 0; b < 8; ++b, x >>= 8) raw += static_cast<char>(x & 0xff);
        }
        m.receipt_handle = "AQEB" + base64_encode(raw.substr(0, 60));
        q.issued_receipt_handles.insert(m.receipt_handle);
        env_.record_of("sqs.received", {}, "queue", q.name, "messageId", m.message_id, "receiveCount", m.receive_count);
        out.push_back(m);
        ++it;
    }
    return out;
}

void SqsService::delete_message(const std::string& url, const std::string& receipt_handle) {
    SqsQueue& q = require_url(url);
    if (!q.issued_receipt_handles.count(receipt_handle))
        throw AwsError("ReceiptHandleIsInvalid", 400, "The input receipt handle \"" + receipt_handle + "\" is not a valid receipt handle.");
    // A handle from an earlier receive of a message that has been received again (or is
    // already deleted) succeeds without deleting anything, as SQS documents.
    auto it = std::find_if(q.messages.begin(), q.messages.end(), [&](const SqsMessage& m) { return m.receipt_handle == receipt_handle; });
    if (it == q.messages.end()) return;
    env_.record_of("sqs.deleted", {}, "queue", q.name, "messageId", it->message_id);
    q.messages.erase(it);
}

void SqsService::purge_queue(const std::string& url) {
    SqsQueue& q = require_url(url);
    const TimeMs now = env_.now();
    if (q.last_purge_at >= 0 && now - q.last_purge_at < 60000)
        throw AwsError("AWS.SimpleQueueService.PurgeQueueInProgress", 403,
                       "Only one PurgeQueue operation on " + q.name + " is allowed every 60 seconds.");
    q.last_purge_at = now;
    // SQS may take up to 60 s to purge; the playground purges at once so learners see it.
    env_.record("sqs.purged", {}, ojson{{"queue", q.name}, {"messages", q.messages.size()}});
    q.messages.clear();
}

ojson SqsService::state_json() const {
    const TimeMs now = env_.now();
    ojson queues = ojson::array();
    for (const auto& [name, q] : queues_) {
        ojson messages = ojson::array();
        for (const auto& m : q.messages) {
            ojson attrs = ojson::object();
            for (const auto& [an, av] : m.attributes) attrs[an] = ojson{{"DataType", av.data_type}, {"StringValue", av.string_value}};
            messages.push_back(ojson{{"id", m.message_id}, {"body", m.body}, {"attributes", std::move(attrs)},
                                     {"receiveCount", m.receive_count}, {"sentAt", unix_ms(m.sent_at)},
                                     {"visibleAt", m.visible_at}, {"visible", m.visible_at <= now}});
        }
        ojson j{{"name", name}, {"url", q.url}, {"arn", q.arn}, {"visibilityTimeout", q.visibility_timeout_s},
                {"visible", q.visible_count(now)}, {"inFlight", q.in_flight_count(now)}};
        if (!q.redrive_target_arn.empty()) j["redrive"] = ojson{{"deadLetterTargetArn", q.redrive_target_arn}, {"maxReceiveCount", q.max_receive_count}};
        j["messages"] = std::move(messages);
        queues.push_back(std::move(j));
    }
    return queues;
}

// The encoding SQS documents for MD5OfMessageAttributes: for each attribute, sorted by
// name: name, data type (each 4-byte big-endian length + UTF-8 bytes), then one transport
// byte (1 = String/Number, 2 = Binary) and the length-prefixed value.
std::string md5_of_message_attributes(const MessageAttributes& attrs) {
    if (attrs.empty()) return "";
    Md5 digest;
    for (const auto& [name, value] : attrs) put_attribute(digest, name, value);
    return digest.hex();
}

std::string SqsService::md5_of_attributes(const MessageAttributes& attrs) {
    if (attrs.size() < 2) return md5_of_message_attributes(attrs);
    const std::size_t lead = attrs.size() - 1;
    bool same = digest_lead_valid_ && digest_lead_.size() == lead;
    auto it = attrs.begin();
    for (std::size_t i = 0; same && i < lead; ++i, ++it)
        same = digest_lead_[i].first == it->first && digest_lead_[i].second.data_type == it->second.data_type &&
               digest_lead_[i].second.string_value == it->second.string_value;
    if (!same) {
        digest_lead_.assign(attrs.begin(), attrs.begin() + static_cast<std::ptrdiff_t>(lead));
        digest_lead_state_ = Md5();
        for (const auto& [name, value] : digest_lead_) put_attribute(digest_lead_state_, name, value);
        digest_lead_valid_ = true;
    }
    Md5 digest = digest_lead_state_;
    const auto& last = *(attrs.begin() + static_cast<std::ptrdiff_t>(lead));
    put_attribute(digest, last.first, last.second);
    return digest.hex();
}

} // namespace invokelab
