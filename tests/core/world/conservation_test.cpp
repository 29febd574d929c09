// The conservation property (issue 9): over thousands of random worlds, every async event
// Lambda accepted (202) ends exactly once (succeeded; or failed into a DLQ and/or a
// destination, delivered or not; or discarded) and the function's counters agree with the
// trace. The checker is core/world/conservation.h; the worlds are driven through the Shell,
// so every configuration path is the one a learner uses, including changes made while
// events wait for a retry (MaximumRetryAttempts to 0, a shorter maximum age, the DLQ queue
// deleted, the role losing its policy, the DLQ or a destination re-pointed or removed).
#include <cstdint>
#include <string>
#include <vector>
#include <gtest/gtest.h>
#include "shell/shell.h"
#include "world/conservation.h"

namespace invokelab {
namespace {

// The test's own generator (not the world's streams): splitmix64, same numbers everywhere.
struct Gen {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    bool chance(int percent) { return below(100) < percent; }
    template <class T> const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(below(static_cast<int>(v.size())))]; }
};

const std::string kSqs = "arn:aws:sqs:ap-northeast-2:123456789012:";
const std::string kSns = "arn:aws:sns:ap-northeast-2:123456789012:";
const std::string kQueueUrl = "https://sqs.ap-northeast-2.amazonaws.com/123456789012/";
const std::vector<std::string> kQueues = {"dlq-a", "dlq-b", "dest-c"};          // created or not, per world
const std::vector<std::string> kTopics = {"topic-a", "topic-b"};
const std::string kSqsPolicy = "arn:aws:iam::aws:policy/AmazonSQSFullAccess";
const std::string kSnsPolicy = "arn:aws:iam::aws:policy/AmazonSNSFullAccess";

// A delivery target: an SQS queue or SNS topic that may or may not exist ("missing-…" never does).
std::string random_target(Gen& g) {
    switch (g.below(6)) {
    case 0: case 1: case 2: return kSqs + g.pick(kQueues);
    case 3: case 4: return kSns + g.pick(kTopics);
    default: return g.chance(50) ? kSqs + "missing-queue" : kSns + "missing-topic";
    }
}

std::string random_failure(Gen& g) {
    std::string line = "lab fail demo-lambda ";
    switch (g.below(5)) {
    case 0: line += "off"; break;
    case 1: line += "always"; break;
    case 2: line += "first " + std::to_string(g.below(4)); break;
    case 3: line += "rate 0." + std::to_string(g.below(10)); break;
    default: line += "always --type TimeoutLike --message 'slow and failing'"; break;
    }
    // Handler run time: sometimes longer than the timeout (a timed-out attempt is an error too).
    if (g.chance(30)) line += " --duration " + std::to_string(100 + g.below(5000)) + "ms";
    return line;
}

std::string random_event_config(Gen& g, bool update) {
    std::string line = std::string("aws lambda ") + (update ? "update" : "put") + "-function-event-invoke-config --function-name demo-lambda";
    if (g.chance(60)) line += " --maximum-retry-attempts " + std::to_string(g.below(3));
    if (g.chance(40)) line += " --maximum-event-age-in-seconds " + std::to_string(g.pick(std::vector<int>{60, 61, 90, 180, 200, 3600, 21600}));
    if (g.chance(50)) {
        std::string dest;
        if (g.chance(50)) dest += "OnSuccess={Destination=" + random_target(g) + "}";
        if (g.chance(70)) dest += std::string(dest.empty() ? "" : ",") + "OnFailure={Destination=" + random_target(g) + "}";
        if (!dest.empty()) line += " --destination-config " + dest;
    }
    return line;
}

std::string async_invoke(Gen& g) {
    static const std::vector<std::string> payloads = {"'{\"key1\": \"value1\"}'", "'{}'", "'[1, 2, 3]'", "'\"text\"'",
                                                      "'{\"n\": 1.5, \"nested\": {\"a\": [true, null]}}'", "'{\"ko\": \"안녕\"}'"};
    return "aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out --payload " +
           g.pick(payloads) + " response.json";
}

// One step of the mid-flight schedule: mostly invokes and time passing, sometimes a change.
std::string random_step(Gen& g, const std::string& role) {
    const int r = g.below(100);
    if (r < 35) return async_invoke(g);
    if (r < 55) return "lab advance " + std::to_string(g.pick(std::vector<int>{1, 5, 100, 1000, 30000, 59000, 60000, 61000, 120000, 200000})) + "ms";
    if (r < 58) return "aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload '{\"sync\": 1}' out.json";
    if (r < 62) return "aws lambda update-function-event-invoke-config --function-name demo-lambda --maximum-retry-attempts 0";
    if (r < 66) return random_event_config(g, g.chance(50));
    if (r < 69) return "aws lambda delete-function-event-invoke-config --function-name demo-lambda";
    if (r < 73) return "aws sqs delete-queue --queue-url " + kQueueUrl + g.pick(kQueues);
    if (r < 76) return "aws sqs create-queue --queue-name " + g.pick(kQueues);
    if (r < 79) return "aws iam detach-role-policy --role-name " + role + " --policy-arn " + (g.chance(50) ? kSqsPolicy : kSnsPolicy);
    if (r < 82) return "aws iam attach-role-policy --role-name " + role + " --policy-arn " + (g.chance(50) ? kSqsPolicy : kSnsPolicy);
    if (r < 86) return "aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config TargetArn=" + random_target(g);
    if (r < 88) return "aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config TargetArn=";
    if (r < 92) return random_failure(g);
    if (r < 94) return "aws lambda update-function-configuration --function-name demo-lambda --timeout " + std::to_string(1 + g.below(5));
    if (r < 96) return "aws sqs purge-queue --queue-url " + kQueueUrl + g.pick(kQueues);
    if (r < 98) return "aws sqs receive-message --queue-url " + kQueueUrl + g.pick(kQueues) + " --max-number-of-messages 10";
    return "lab next";
}

struct WorldRun {
    std::vector<std::string> lines;
    int accepted_by_cli = 0;                        // Event invokes that answered 202
};

// At-least-once on demand (`lab duplicates`): off, or a rate at which an event's first
// dequeue adds a second delivery. Drawn from the world's second generator `d`, so the lines
// drawn from `g` (and the worlds without duplicates) are the same as before the setting existed.
std::string random_duplicates(Gen& d) {
    static const std::vector<std::string> settings = {"off", "rate 0.1", "rate 0.3", "rate 0.5", "rate 1"};
    return "lab duplicates demo-lambda " + d.pick(settings);
}

// Builds and runs one random world; returns its script (for the failure message).
WorldRun run_random_world(Shell& shell, Gen& g, Gen& d) {
    WorldRun run;
    auto exec = [&](const std::string& line) {
        run.lines.push_back(line);
        const CommandResult r = shell.run(line);
        if (line.find("--invocation-type Event") != std::string::npos && r.exit_code == 0 &&
            r.out.find("\"StatusCode\": 202") != std::string::npos)
            ++run.accepted_by_cli;
    };
    const std::string role = shell.world().lambda.functions().at("demo-lambda").role_name();
    for (const auto& q : kQueues)
        if (g.chance(70)) exec("aws sqs create-queue --queue-name " + q);
    for (const auto& t : kTopics) {
        if (!g.chance(60)) continue;
        exec("aws sns create-topic --name " + t);
        if (g.chance(60))
            exec("aws sns subscribe --topic-arn " + kSns + t + " --protocol sqs --notification-endpoint " + kSqs + g.pick(kQueues));
    }
    if (g.chance(70)) exec("aws iam attach-role-policy --role-name " + role + " --policy-arn " + kSqsPolicy);
    if (g.chance(40)) exec("aws iam attach-role-policy --role-name " + role + " --policy-arn " + kSnsPolicy);
    if (g.chance(60)) exec(random_event_config(g, false));
    if (g.chance(60)) exec("aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config TargetArn=" + random_target(g));
    if (g.chance(30)) exec("aws lambda update-function-configuration --function-name demo-lambda --timeout " + std::to_string(1 + g.below(4)));
    exec(random_failure(g));
    if (d.chance(40)) exec(random_duplicates(d));
    const int steps = 5 + g.below(20);
    for (int i = 0; i < steps; ++i) {
        exec(random_step(g, role));
        if (d.chance(5)) exec(random_duplicates(d));   // changed while events wait, copies in flight
    }
    exec("lab run");
    return run;
}

std::string script_text(const WorldRun& run) {
    std::string s;
    for (const auto& l : run.lines) s += "  " + l + "\n";
    return s;
}

// 3 000 worlds take 2.1 s natively; ASan + UBSan (preset asan) makes that 29 s, so the
// sanitized run checks the first 1 000 of the same worlds (the ASan build exists for memory
// errors; the property itself is covered by the native and WASM runs).
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define INVOKELAB_CONSERVATION_SANITIZED 1
#endif
#endif
#if defined(__EMSCRIPTEN__)
constexpr int kWorlds = 1000;                       // under Node: see the commit for the measurement
#elif defined(INVOKELAB_CONSERVATION_SANITIZED)
constexpr int kWorlds = 1000;
#else
constexpr int kWorlds = 3000;
#endif

TEST(Conservation, EveryAcceptedEventEndsExactlyOnceInRandomWorlds) {
    ConservationReport total;
    int worlds_with_retries_changed = 0;
    for (int i = 0; i < kWorlds; ++i) {
        Gen g{0x1a7e5eedULL + static_cast<std::uint64_t>(i) * 0x9e3779b97f4a7c15ULL};
        Gen d{0xd0b1e5ULL + static_cast<std::uint64_t>(i) * 0xbf58476d1ce4e5b9ULL};
        Shell shell(1 + static_cast<std::uint64_t>(g.below(1000)));
        const WorldRun run = run_random_world(shell, g, d);
        ASSERT_EQ(shell.world().scheduler.pending(), 0u) << "world " << i << " did not run to idle";
        const ConservationReport rep = check_conservation(shell.world(), true);
        ASSERT_TRUE(rep.ok()) << "world " << i << ": " << rep.describe() << "\nscript:\n" << script_text(run);
        ASSERT_EQ(rep.accepted, static_cast<std::size_t>(run.accepted_by_cli))
            << "world " << i << ": the CLI saw " << run.accepted_by_cli << " 202 answers\nscript:\n" << script_text(run);
        // One end per delivery: each accepted event and each duplicate copy of one.
        ASSERT_EQ(rep.succeeded + rep.failed, rep.accepted + rep.duplicated) << "world " << i;
        ASSERT_EQ(rep.pending, 0u) << "world " << i;
        total.accepted += rep.accepted;
        total.duplicated += rep.duplicated;
        total.succeeded += rep.succeeded;
        total.failed += rep.failed;
        total.dlq_sent += rep.dlq_sent;
        total.dlq_failed += rep.dlq_failed;
        total.destination_sent += rep.destination_sent;
        total.destination_failed += rep.destination_failed;
        total.discarded += rep.discarded;
        for (const auto& l : run.lines)
            if (l.find("--maximum-retry-attempts 0") != std::string::npos) { ++worlds_with_retries_changed; break; }
    }
    // The random worlds must reach every ending, or the property says little.
    std::printf("conservation over %d worlds: %s; %d worlds set MaximumRetryAttempts 0\n", kWorlds, total.describe().c_str(),
                worlds_with_retries_changed);
    EXPECT_GT(total.duplicated, 0u);
    EXPECT_GT(total.succeeded, 0u);
    EXPECT_GT(total.failed, 0u);
    EXPECT_GT(total.dlq_sent, 0u);
    EXPECT_GT(total.dlq_failed, 0u);
    EXPECT_GT(total.destination_sent, 0u);
    EXPECT_GT(total.destination_failed, 0u);
    EXPECT_GT(total.discarded, 0u);
}

// While events wait (retries scheduled), pending events are allowed, each in its queue once.
TEST(Conservation, PendingEventsAreAllowedOnlyWhileWorkIsScheduled) {
    Shell shell(1);
    shell.run("lab fail demo-lambda always");
    for (int i = 0; i < 3; ++i)
        shell.run("aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out "
                  "--payload '{}' r.json");
    shell.run("lab advance 30s");                   // every event failed once and waits for its retry
    ConservationReport mid = check_conservation(shell.world());
    EXPECT_TRUE(mid.ok()) << mid.describe();
    EXPECT_EQ(mid.accepted, 3u);
    EXPECT_EQ(mid.pending, 3u);
    ConservationReport strict = check_conservation(shell.world(), true);
    ASSERT_EQ(strict.violations.size(), 3u);
    EXPECT_NE(strict.violations[0].find("never ended (state waiting-retry, nothing left to run)"), std::string::npos) << strict.violations[0];
    shell.run("lab run");
    const ConservationReport end = check_conservation(shell.world(), true);
    EXPECT_TRUE(end.ok()) << end.describe();
    EXPECT_EQ(end.failed, 3u);
    EXPECT_EQ(end.discarded, 3u);
}

// A duplicate copy (`lab duplicates`) is accounted to its original: one accepted event, one
// extra delivery, two ends; each failed delivery is discarded (no DLQ) and counted as dropped.
TEST(Conservation, DuplicateCopiesEndOnTheirOwnAndCountAsDeliveries) {
    Shell shell(1);
    shell.run("lab duplicates demo-lambda rate 1");
    shell.run("lab fail demo-lambda always");
    shell.run("aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out "
              "--payload '{}' r.json");
    shell.run("lab advance 10s");                   // both deliveries failed once and wait for their retries
    const ConservationReport mid = check_conservation(shell.world());
    EXPECT_TRUE(mid.ok()) << mid.describe();
    EXPECT_EQ(mid.accepted, 1u);
    EXPECT_EQ(mid.duplicated, 1u);
    EXPECT_EQ(mid.pending, 2u);
    shell.run("lab run");
    World& w = shell.world();
    const ConservationReport end = check_conservation(w, true);
    EXPECT_TRUE(end.ok()) << end.describe();
    EXPECT_EQ(end.failed, 2u);
    EXPECT_EQ(end.discarded, 2u);
    EXPECT_EQ(w.lambda.functions().at("demo-lambda").async_events_received, 1);
    EXPECT_EQ(w.lambda.functions().at("demo-lambda").async_events_dropped, 2);
    // A copy the trace does not announce is reported.
    const std::string rid = w.lambda.invocations().front().request_id;
    w.trace.add(w.now(), "async.duplicated", rid);
    const ConservationReport forged = check_conservation(w, true);
    ASSERT_EQ(forged.violations.size(), 1u) << forged.describe();
    EXPECT_EQ(forged.violations[0], rid + ": trace shows 2 async.duplicated, the records 1 copies");
}

// The checker itself can fail: a forged second end, a delivery with no end, and a counter
// that disagrees with the trace are each reported with the request id.
TEST(Conservation, CheckerReportsForgedEndsAndWrongCounters) {
    Shell shell(1);
    shell.run("aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out "
              "--payload '{}' r.json");
    shell.run("lab run");
    World& w = shell.world();
    const std::string rid = w.lambda.invocations().back().request_id;
    ASSERT_TRUE(check_conservation(w, true).ok()) << check_conservation(w, true).describe();

    w.trace.add(w.now(), "async.failed", rid);
    ConservationReport twice = check_conservation(w, true);
    ASSERT_EQ(twice.violations.size(), 1u) << twice.describe();
    EXPECT_EQ(twice.violations[0], rid + ": ended 2 times (1 succeeded, 1 failed)");

    Shell other(1);
    other.run("aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out "
              "--payload '{}' r.json");
    World& w2 = other.world();
    const std::string rid2 = w2.lambda.invocations().back().request_id;
    w2.trace.add(w2.now(), "dlq.sent", rid2);
    ConservationReport early = check_conservation(w2);
    ASSERT_EQ(early.violations.size(), 2u) << early.describe();
    EXPECT_EQ(early.violations[0], rid2 + ": a delivery or discard was recorded before the event ended");
    EXPECT_EQ(early.violations[1], rid2 + ": delivered or discarded without ending");

    Shell third(1);
    ++third.world().lambda.require_function("demo-lambda", "ap-northeast-2", false).async_events_dropped;
    ConservationReport counters = check_conservation(third.world(), true);
    ASSERT_EQ(counters.violations.size(), 1u) << counters.describe();
    EXPECT_EQ(counters.violations[0], "function demo-lambda: AsyncEventsDropped is 1, the trace says 0");
}

} // namespace
} // namespace invokelab
