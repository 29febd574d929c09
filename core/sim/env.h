// Invoke Lab core: the small environment every service gets.
//
// Index
//   Env        account, region, clock/scheduler, trace, seeded random generator
//
// Services and LambdaService take an Env& (and, explicitly, the sibling services they use),
// never the World: the World (world/) is the composition root that builds them all, so no
// service needs to know what sits above it. Same seed + same commands => byte-identical trace.
#pragma once
#include <cstdint>
#include <string>
#include "sim/scheduler.h"
#include "sim/trace.h"
#include "util/json.h"
#include "util/random.h"

namespace invokelab {

class Env {
public:
    explicit Env(std::uint64_t seed = 1) : rng(seed), seed_(seed) {}
    Env(const Env&) = delete;
    Env& operator=(const Env&) = delete;

    const std::string account_id = "123456789012";
    std::string region = "ap-northeast-2";

    Scheduler scheduler;
    Rng rng;
    Trace trace;

    TimeMs now() const { return scheduler.now(); }
    std::uint64_t seed() const { return seed_; }
    const TraceEntry& record(std::string kind, std::string request_id = {}, ojson detail = ojson::object()) {
        return trace.add(now(), std::move(kind), std::move(request_id), std::move(detail));
    }

private:
    std::uint64_t seed_;
};

} // namespace invokelab
