#include "world/world.h"
#include <utility>
#include "util/timefmt.h"

namespace invokelab {

World::World(std::uint64_t seed) : Env(seed) {
    record("world.reset", {}, ojson{{"seed", seed}});
    lambda.install_defaults();
}

InvokeResult World::invoke(const std::string& function, const std::string& payload, InvocationType invocation_type,
                           const std::string& region, bool tail_log) {
    PendingInvoke call = lambda.begin_invoke(function, payload, invocation_type, region, tail_log);
    while (!call.done() && scheduler.step()) {}
    return lambda.finish_invoke(std::move(call));
}

ojson World::call_service(const std::string& service, const std::string& operation, const ojson& request,
                          const std::string& request_id) {
    if (service == "dynamodb") {
        try {
            return dynamodb.call(operation, request, request_id);
        } catch (const DynamoConditionFailed& e) {
            ojson err{{"__type", "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException"}, {"message", e.what()}};
            if (!e.item.is_null()) err["Item"] = e.item;
            return err;
        } catch (const AwsError& e) {
            // __type as the service sends it (botocore keeps the part after '#' as Error.Code);
            // validation errors come from the Coral framework, the others from DynamoDB itself.
            const std::string prefix = e.code == "ValidationException"      ? "com.amazon.coral.validate#"
                                       : e.code == "SerializationException" ? "com.amazon.coral.service#"
                                       : e.code == "UnknownOperationException" ? "com.amazon.coral.service#"
                                                                              : "com.amazonaws.dynamodb.v20120810#";
            ojson err{{"__type", prefix + e.code}};
            if (e.code != "UnknownOperationException") err["message"] = e.what();
            return err;
        }
    }
    if (service == "kv" || service == "redis") {
        std::vector<std::string> args{operation};
        if (request.is_object() && request.contains("args") && request["args"].is_array()) {
            for (const auto& a : request["args"]) {
                if (!a.is_string()) return ojson{{"__type", "DataError"}, {"message", "every argument must be a string (the shim converts numbers)"}};
                args.push_back(a.get<std::string>());
            }
        } else if (!(request.is_object() && request.empty()) && !request.is_null()) {
            return ojson{{"__type", "DataError"}, {"message", "the request must be {\"args\": [\"...\"]}"}};
        }
        return kv.execute(args, request_id).to_json();
    }
    return ojson{{"__type", "UnknownServiceException"}, {"message", "Unknown service '" + service + "' (this simulator has: dynamodb, kv)"}};
}

ojson World::state_json() const {
    ojson j;
    j["time"] = now();
    j["clock"] = iso8601_ms(now());
    j["seed"] = seed();
    j["account"] = account_id;
    j["region"] = region;
    j["pending"] = scheduler.pending();
    if (auto next = scheduler.next_event_time()) j["nextEventTime"] = *next; else j["nextEventTime"] = nullptr;
    j["lambda"] = lambda.state_json();
    j["sqs"] = sqs.state_json();
    j["sns"] = sns.state_json();
    j["iam"] = iam.state_json();
    j["logs"] = logs.state_json();
    j["logsSummary"] = logs.summary_json();         // events held per stream and how many older ones were summarised
    j["dynamodb"] = dynamodb.state_json();
    j["kv"] = kv.state_json();
    ojson trace_json = ojson::array();
    for (const auto& e : trace.entries()) trace_json.push_back(e.to_json());
    j["trace"] = std::move(trace_json);
    j["traceSummary"] = trace.summary_json();      // what the bounded trace keeps and summarised
    return j;
}

} // namespace invokelab
