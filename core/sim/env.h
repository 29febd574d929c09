// Invoke Lab core: the small environment every service gets.
//
// Index
//   Env        account, region, clock/scheduler, trace, seeded random generators
//
// Services and LambdaService take an Env& (and, explicitly, the sibling services they use),
// never the World: the World (world/) is the composition root that builds them all, so no
// service needs to know what sits above it. Same seed + same commands => byte-identical trace.
//
// Random streams: each service draws from its own generator, stream("sqs"), stream("lambda"),
// stream("duplicates") (at-least-once copies, drawn only when `lab duplicates` is on) …, seeded from the world seed and the name, so a new draw in one service shifts only that
// service's ids and durations, never another's. `rng` is the world's setup generator, seeded
// with the world seed itself: only the World's defaults draw from it (the demo function and
// its role), so their names (demo-lambda-role-6gssa7uj for seed 1) stay what lessons quote.
#include <map>
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
    Rng rng;                                        // setup only (the World's defaults); services use stream()
    Trace trace;

    // The named stream, created on first use (references stay valid: std::map nodes never move).
    Rng& stream(const std::string& name) {
        auto it = streams_.find(name);
        if (it == streams_.end()) it = streams_.emplace(name, Rng(Rng::stream_seed(seed_, name))).first;
        return it->second;
    }

    TimeMs now() const { return scheduler.now(); }
    std::uint64_t seed() const { return seed_; }
    void record(std::string_view kind, std::string_view request_id = {}, TraceDetail detail = {}) {
        trace.add(now(), kind, request_id, std::move(detail));
    }
    // The same with a flat detail of (key, value) pairs, written straight into the trace
    // (record_of("log.line", {}, "group", g, "stream", s) == record("log.line", {}, TraceDetail::of(...))).
    template <class... Args>
    void record_of(std::string_view kind, std::string_view request_id, const Args&... key_values) {
        trace.add_of(now(), kind, request_id, key_values...);
    }

private:
    std::uint64_t seed_;
    std::map<std::string, Rng> streams_;
};

} // namespace invokelab
