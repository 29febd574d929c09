// Invoke Lab core: `aws sns …` commands (create-topic, subscribe, publish, list-topics,
// list-subscriptions, list-subscriptions-by-topic), printed as AWS CLI v2 prints them.
#include "shell/service_args.h"
#include "shell/shell.h"

namespace invokelab {
namespace {

ojson subscription_json(const World& w, const SnsSubscription& s) {
    return ojson{{"SubscriptionArn", s.arn}, {"Owner", w.account_id}, {"Protocol", s.protocol}, {"Endpoint", s.endpoint},
                 {"TopicArn", s.topic_arn}};
}

CommandResult create_topic(CommandContext& ctx) {
    return ctx.json(ojson{{"TopicArn", ctx.world.sns.create_topic(ctx.args.get("--name"))}});
}

CommandResult subscribe(CommandContext& ctx) {
    const auto attributes = shell_args::attributes_map(ctx, "--attributes");
    bool raw = false;
    for (const auto& [k, v] : attributes) {
        if (k == "RawMessageDelivery") {
            if (v != "true" && v != "false") throw AwsError("InvalidParameter", 400, "Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [" + v + "]. Must be true or false.");
            raw = v == "true";
        } else if (k != "FilterPolicy" && k != "FilterPolicyScope" && k != "RedrivePolicy" && k != "DeliveryPolicy") {
            throw AwsError("InvalidParameter", 400, "Invalid parameter: Attributes Reason: Unknown attribute: " + k);
        }
    }
    const std::string arn = ctx.world.sns.subscribe(ctx.args.get("--topic-arn"), ctx.args.get("--protocol"),
                                                    ctx.args.get("--notification-endpoint"), raw);
    return ctx.json(ojson{{"SubscriptionArn", arn}});
}

CommandResult publish(CommandContext& ctx) {
    const std::string topic = ctx.args.has("--topic-arn") ? ctx.args.get("--topic-arn") : ctx.args.get("--target-arn");
    if (topic.empty())
        throw AwsError("InvalidParameter", 400, "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
    const auto attrs = shell_args::message_attributes(ctx, "--message-attributes");
    const std::string message = ctx.value_or_file("--message"), subject = ctx.value_or_file("--subject");
    shell_args::require_utf8(message);
    shell_args::require_utf8(subject);
    const std::string id = ctx.world.sns.publish(topic, message, subject, attrs);
    return ctx.json(ojson{{"MessageId", id}});
}

CommandResult list_topics(CommandContext& ctx) {
    ojson topics = ojson::array();
    for (const auto& [arn, t] : ctx.world.sns.topics()) topics.push_back(ojson{{"TopicArn", arn}});
    return ctx.json(ojson{{"Topics", std::move(topics)}});
}

CommandResult list_subscriptions(CommandContext& ctx) {
    ojson subs = ojson::array();
    for (const auto& [arn, t] : ctx.world.sns.topics())
        for (const auto& s : t.subscriptions) subs.push_back(subscription_json(ctx.world, s));
    return ctx.json(ojson{{"Subscriptions", std::move(subs)}});
}

CommandResult list_subscriptions_by_topic(CommandContext& ctx) {
    SnsTopic* t = ctx.world.sns.find_by_arn(ctx.args.get("--topic-arn"));
    if (!t) throw AwsError("NotFound", 404, "Topic does not exist");
    ojson subs = ojson::array();
    for (const auto& s : t->subscriptions) subs.push_back(subscription_json(ctx.world, s));
    return ctx.json(ojson{{"Subscriptions", std::move(subs)}});
}

} // namespace

void register_sns_commands(Shell& shell) {
    auto& r = shell.registry();
    r.add({"sns", "create-topic", "CreateTopic", {{"--name", true, true}, {"--attributes"}, {"--tags"}}, {}, create_topic});
    r.add({"sns", "subscribe", "Subscribe",
           {{"--topic-arn", true, true}, {"--protocol", true, true}, {"--notification-endpoint"}, {"--attributes"},
            {"--return-subscription-arn", false}, {"--no-return-subscription-arn", false}},
           {}, subscribe});
    r.add({"sns", "publish", "Publish",
           {{"--topic-arn"}, {"--target-arn"}, {"--message", true, true}, {"--subject"}, {"--message-attributes"}, {"--message-structure"}},
           {}, publish});
    r.add({"sns", "list-topics", "ListTopics", {{"--next-token"}}, {}, list_topics});
    r.add({"sns", "list-subscriptions", "ListSubscriptions", {{"--next-token"}}, {}, list_subscriptions});
    r.add({"sns", "list-subscriptions-by-topic", "ListSubscriptionsByTopic", {{"--topic-arn", true, true}, {"--next-token"}}, {},
           list_subscriptions_by_topic});
}

} // namespace invokelab
