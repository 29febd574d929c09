// Invoke Lab core: the World, everything simulated in one place.
//
// Index
//   World      account, region, clock/scheduler, seeded generator, trace, and the services
//
// A World is built whole from a seed and never moved (services keep a reference to it);
// "reset" means building a new one. Same seed + same commands => byte-identical trace.
#pragma once
#include <cstdint>
#include <string>
#include "lambda/lambda.h"
#include "services/iam.h"
#include "services/logs.h"
#include "services/sns.h"
#include "services/sqs.h"
#include "services/vfs.h"
#include "sim/scheduler.h"
#include "sim/trace.h"
#include "util/random.h"

namespace invokelab {

class World {
public:
    explicit World(std::uint64_t seed = 1);
    World(const World&) = delete;
    World& operator=(const World&) = delete;

    const std::string account_id = "123456789012";
    std::string region = "ap-northeast-2";

    Scheduler scheduler;
    Rng rng;
    Trace trace;
    IamService iam{*this};
    SqsService sqs{*this};
    SnsService sns{*this};
    LogsService logs{*this};
    VirtualFs files;
    LambdaService lambda{*this};

    TimeMs now() const { return scheduler.now(); }
    std::uint64_t seed() const { return seed_; }
    const TraceEntry& record(std::string kind, std::string request_id = {}, ojson detail = ojson::object()) {
        return trace.add(now(), std::move(kind), std::move(request_id), std::move(detail));
    }
    ojson state_json() const;                       // the whole world, for views, tests and embedding

private:
    std::uint64_t seed_;
};

} // namespace invokelab
