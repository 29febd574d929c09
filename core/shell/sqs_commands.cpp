// Invoke Lab core: `aws sqs …` commands, printed as AWS CLI v2 prints them.
//
// Operations: create-queue, get-queue-url, list-queues, delete-queue, send-message,
// receive-message, delete-message, purge-queue, get-queue-attributes.
//
// What the CLI prints when the answer is empty: SQS answers `{}` for delete-message,
// purge-queue, delete-queue, list-queues with no queues and receive-message with no
// message, and the CLI prints nothing for an empty answer (aws/aws-cli#4194 shows the
// empty receive-message). Key order follows the CLI reference examples.
#include <algorithm>
#include <cstdint>
#include "shell/service_args.h"
#include "shell/shell.h"
#include "util/timefmt.h"

namespace invokelab {
namespace {

using shell_args::int_option;
using shell_args::split_values;

// The system attributes a standard queue returns, in the order the CLI reference shows them.
const std::vector<std::string> kSystemAttributes = {"SenderId", "ApproximateFirstReceiveTimestamp", "ApproximateReceiveCount",
                                                    "SentTimestamp"};

ojson system_attributes(const SqsMessage& m, const std::vector<std::string>& wanted) {
    const bool all = std::find(wanted.begin(), wanted.end(), "All") != wanted.end();
    ojson out = ojson::object();
    for (const auto& name : kSystemAttributes) {
        if (!all && std::find(wanted.begin(), wanted.end(), name) == wanted.end()) continue;
        if (name == "SenderId") out[name] = m.sender_id;
        else if (name == "ApproximateFirstReceiveTimestamp") out[name] = std::to_string(unix_ms(m.first_receive_at));
        else if (name == "ApproximateReceiveCount") out[name] = std::to_string(m.receive_count);
        else out[name] = std::to_string(unix_ms(m.sent_at));
    }
    return out;
}

// Message attribute names: "All", "*" or ".*", exact names, or "prefix.*"
// (test_sqs.snapshot.json test_receive_message_message_attribute_names_filters: all_name,
// all_wildcard_asterisk, all_wildcard, prefix_filter).
bool attribute_wanted(const std::string& name, const std::vector<std::string>& wanted) {
    for (const auto& w : wanted) {
        if (w == "All" || w == "*" || w == ".*" || w == name) return true;
        if (w.size() > 2 && w.compare(w.size() - 2, 2, ".*") == 0 && name.rfind(w.substr(0, w.size() - 2), 0) == 0) return true;
    }
    return false;
}

CommandResult create_queue(CommandContext& ctx) {
    const auto attributes = shell_args::attributes_map(ctx, "--attributes");
    return ctx.json(ojson{{"QueueUrl", ctx.world.sqs.create_queue(ctx.args.get("--queue-name"), attributes)}});
}

CommandResult get_queue_url(CommandContext& ctx) {
    return ctx.json(ojson{{"QueueUrl", ctx.world.sqs.get_queue_url(ctx.args.get("--queue-name"))}});
}

CommandResult list_queues(CommandContext& ctx) {
    const auto urls = ctx.world.sqs.list_queue_urls(ctx.args.get("--queue-name-prefix"));
    if (urls.empty()) return ctx.empty();
    return ctx.json(ojson{{"QueueUrls", urls}});
}

CommandResult delete_queue(CommandContext& ctx) {
    ctx.world.sqs.delete_queue(ctx.args.get("--queue-url"));
    return ctx.empty();
}

CommandResult send_message(CommandContext& ctx) {
    const auto attrs = shell_args::message_attributes(ctx, "--message-attributes");
    const auto delay = int_option(ctx, "--delay-seconds");
    // A value past int32 is answered as any other out-of-range one, naming it as sent.
    if (delay && (delay->value < 0 || delay->value > INT32_MAX))
        throw AwsError("InvalidParameterValue", 400, "Value " + delay->text +
                       " for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.");
    const std::string body = ctx.value_or_file("--message-body");
    shell_args::require_utf8(body);
    const SendResult r = ctx.world.sqs.send_message(ctx.args.get("--queue-url"), body, attrs,
                                                    delay ? static_cast<int>(std::min<long long>(delay->value, INT32_MAX)) : -1);
    ojson out{{"MD5OfMessageBody", r.md5_of_body}};
    if (!r.md5_of_message_attributes.empty()) out["MD5OfMessageAttributes"] = r.md5_of_message_attributes;
    out["MessageId"] = r.message_id;
    return ctx.json(out);
}

CommandResult receive_message(CommandContext& ctx) {
    World& w = ctx.world;
    const std::string url = ctx.args.get("--queue-url");
    SqsQueue& q = w.sqs.require_url(url);
    const auto max = int_option(ctx, "--max-number-of-messages");
    const auto visibility = int_option(ctx, "--visibility-timeout");
    const auto wait = int_option(ctx, "--wait-time-seconds");
    if (visibility && (visibility->value < 0 || visibility->value > INT32_MAX))
        throw AwsError("InvalidParameterValue", 400, "Value " + visibility->text +
                       " for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.");
    if (wait && (wait->value < 0 || wait->value > 20))
        throw AwsError("InvalidParameterValue", 400, "Value " + wait->text +
                       " for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.");
    if (max && (max->value < INT32_MIN || max->value > INT32_MAX))
        throw AwsError("InvalidParameterValue", 400, "Value " + max->text +
                       " for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
    const int max_messages = max ? static_cast<int>(max->value) : 1;
    const int vt = visibility ? static_cast<int>(std::min<long long>(visibility->value, INT32_MAX)) : -1;
    std::vector<SqsMessage> got = w.sqs.receive_message(url, max_messages, vt);
    // Long polling on the virtual clock: when nothing is visible, time moves on (running
    // whatever is scheduled) until a message shows up or the wait ends.
    const long long wait_s = wait ? wait->value : q.receive_wait_time_s;
    if (got.empty() && wait_s > 0) {
        const TimeMs deadline = w.now() + wait_s * 1000;
        while (got.empty() && w.now() < deadline) {
            TimeMs next = deadline;
            if (auto e = w.scheduler.next_event_time()) next = std::min(next, std::max(*e, w.now()));
            if (SqsQueue* live = w.sqs.find_by_url(url))
                for (const auto& m : live->messages) if (m.visible_at > w.now()) next = std::min(next, m.visible_at);
            if (next <= w.now()) { w.scheduler.step(); }
            else w.scheduler.run_until(next);
            if (!w.sqs.find_by_url(url)) break;
            got = w.sqs.receive_message(url, max_messages, vt);
        }
    }
    if (got.empty()) return ctx.empty();

    std::vector<std::string> system_names = split_values(ctx.args.get("--attribute-names"));
    for (const auto& n : split_values(ctx.args.get("--message-system-attribute-names"))) system_names.push_back(n);
    const std::vector<std::string> message_names = split_values(ctx.args.get("--message-attribute-names"));
    ojson messages = ojson::array();
    for (const auto& m : got) {
        ojson j{{"MessageId", m.message_id}, {"ReceiptHandle", m.receipt_handle}, {"MD5OfBody", m.md5_of_body}, {"Body", m.body}};
        if (!system_names.empty()) {
            ojson a = system_attributes(m, system_names);
            if (!a.empty()) j["Attributes"] = std::move(a);
        }
        MessageAttributes selected;
        for (const auto& [name, v] : m.attributes) if (attribute_wanted(name, message_names)) selected[name] = v;
        if (!selected.empty()) {
            j["MD5OfMessageAttributes"] = md5_of_message_attributes(selected);
            ojson ma = ojson::object();
            for (const auto& [name, v] : selected) {
                const bool binary = v.data_type.rfind("Binary", 0) == 0;
                ma[name] = ojson{{binary ? "BinaryValue" : "StringValue", v.string_value}, {"DataType", v.data_type}};
            }
            j["MessageAttributes"] = std::move(ma);
        }
        messages.push_back(std::move(j));
    }
    return ctx.json(ojson{{"Messages", std::move(messages)}});
}

CommandResult delete_message(CommandContext& ctx) {
    ctx.world.sqs.delete_message(ctx.args.get("--queue-url"), ctx.args.get("--receipt-handle"));
    return ctx.empty();
}

CommandResult purge_queue(CommandContext& ctx) {
    ctx.world.sqs.purge_queue(ctx.args.get("--queue-url"));
    return ctx.empty();
}

CommandResult get_queue_attributes(CommandContext& ctx) {
    const auto all = ctx.world.sqs.queue_attributes(ctx.args.get("--queue-url"));
    const auto wanted = split_values(ctx.args.get("--attribute-names"));
    if (wanted.empty()) return ctx.empty();         // no names asked, nothing returned
    const bool everything = std::find(wanted.begin(), wanted.end(), "All") != wanted.end();
    static const std::vector<std::string> known = {"QueueArn", "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed", "CreatedTimestamp", "LastModifiedTimestamp", "VisibilityTimeout", "MaximumMessageSize",
        "MessageRetentionPeriod", "DelaySeconds", "Policy", "RedrivePolicy", "ReceiveMessageWaitTimeSeconds", "SqsManagedSseEnabled",
        "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "RedriveAllowPolicy", "FifoQueue", "ContentBasedDeduplication"};
    for (const auto& n : wanted)
        if (n != "All" && std::find(known.begin(), known.end(), n) == known.end())
            throw AwsError("InvalidAttributeName", 400, "Unknown Attribute " + n + ".");
    ojson attrs = ojson::object();
    for (const auto& [k, v] : all)
        if (everything || std::find(wanted.begin(), wanted.end(), k) != wanted.end()) attrs[k] = v;
    if (attrs.empty()) return ctx.empty();
    return ctx.json(ojson{{"Attributes", std::move(attrs)}});
}

} // namespace

void register_sqs_commands(Shell& shell) {
    auto& r = shell.registry();
    r.add({"sqs", "create-queue", "CreateQueue", {{"--queue-name", true, true}, {"--attributes"}, {"--tags"}}, {}, create_queue});
    r.add({"sqs", "get-queue-url", "GetQueueUrl", {{"--queue-name", true, true}, {"--queue-owner-aws-account-id"}}, {}, get_queue_url});
    r.add({"sqs", "list-queues", "ListQueues", {{"--queue-name-prefix"}, {"--max-results"}, {"--next-token"}}, {}, list_queues});
    r.add({"sqs", "delete-queue", "DeleteQueue", {{"--queue-url", true, true}}, {}, delete_queue});
    r.add({"sqs", "send-message", "SendMessage",
           {{"--queue-url", true, true}, {"--message-body", true, true}, {"--delay-seconds"}, {"--message-attributes"},
            {"--message-system-attributes"}},
           {}, send_message});
    r.add({"sqs", "receive-message", "ReceiveMessage",
           {{"--queue-url", true, true}, {"--attribute-names", true, false, true}, {"--message-system-attribute-names", true, false, true},
            {"--message-attribute-names", true, false, true},
            {"--max-number-of-messages"}, {"--visibility-timeout"}, {"--wait-time-seconds"}, {"--receive-request-attempt-id"}},
           {}, receive_message});
    r.add({"sqs", "delete-message", "DeleteMessage", {{"--queue-url", true, true}, {"--receipt-handle", true, true}}, {}, delete_message});
    r.add({"sqs", "purge-queue", "PurgeQueue", {{"--queue-url", true, true}}, {}, purge_queue});
    r.add({"sqs", "get-queue-attributes", "GetQueueAttributes", {{"--queue-url", true, true}, {"--attribute-names", true, false, true}}, {},
           get_queue_attributes});
}

} // namespace invokelab
