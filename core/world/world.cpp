#include "world/world.h"
#include "util/timefmt.h"

namespace invokelab {

World::World(std::uint64_t seed) : Env(seed) {
    record("world.reset", {}, ojson{{"seed", seed}});
    lambda.install_defaults();
}

InvokeResult World::invoke(const std::string& function, const std::string& payload, InvocationType invocation_type,
                           const std::string& region, bool tail_log) {
    const PendingInvoke call = lambda.begin_invoke(function, payload, invocation_type, region, tail_log);
    while (!call.done() && scheduler.step()) {}
    return lambda.finish_invoke(call);
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
    ojson trace_json = ojson::array();
    for (const auto& e : trace.entries()) trace_json.push_back(e.to_json());
    j["trace"] = std::move(trace_json);
    j["traceSummary"] = trace.summary_json();      // what the bounded trace keeps and summarised
    return j;
}

} // namespace invokelab
