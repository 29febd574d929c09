// At-least-once on demand (`lab duplicates`): an async event delivered twice with the same
// request id, seeded, with retries on each copy; the 300-vs-100 points experiment of the study
// notes with a runner that adds points the way the naive and the idempotent handler do.
#include <set>
#include <gtest/gtest.h>
#include "lambda_test_util.h"
#include "learn/facts.h"
#include "shell/quiz.h"
#include "util/base64.h"

using namespace invokelab;
using namespace invokelab::testing;

namespace {

const char* kAsync = "aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out "
                     "--payload '{\"user\": \"u1\", \"order\": \"o-1\"}' o.json";

std::vector<const InvocationRecord*> records_of(const World& w, const std::string& rid) {
    std::vector<const InvocationRecord*> out;
    for (const auto& r : w.lambda.invocations()) if (r.request_id == rid) out.push_back(&r);
    return out;
}

TEST(LambdaDuplicates, SettingIsShownAndChecked) {
    Shell sh(1);
    EXPECT_EQ(sh.run("lab duplicates demo-lambda").out, "demo-lambda: duplicates off (each async event is delivered once unless it fails)\n");
    EXPECT_EQ(sh.run("lab duplicates demo-lambda rate 0.3").out,
              "demo-lambda: duplicates rate 0.3 (an async event is delivered a second time with probability 0.3)\n");
    EXPECT_EQ(sh.run("lab duplicates demo-lambda rate 2").exit_code, 252);
    EXPECT_EQ(sh.run("lab duplicates nope off").err,
              "usage: lab duplicates FUNCTION [off|rate P]\nlab: error: no function named 'nope' (try: aws lambda list-functions)\n");
    EXPECT_EQ(sh.run("lab duplicates demo-lambda off").out.rfind("demo-lambda: duplicates off", 0), 0u);
}

TEST(LambdaDuplicates, RateOneDeliversTheSameRequestIdTwice) {
    Shell sh(1);
    sh.run("lab duplicates demo-lambda rate 1");
    sh.run(kAsync);
    sh.run("lab run");
    const World& w = sh.world();
    const std::string rid = w.lambda.invocations().front().request_id;
    const auto recs = records_of(w, rid);
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_FALSE(recs[0]->duplicate_of);
    ASSERT_TRUE(recs[1]->duplicate_of);
    EXPECT_EQ(*recs[1]->duplicate_of, 0u);
    EXPECT_EQ(recs[1]->payload, recs[0]->payload);
    EXPECT_EQ(recs[0]->state, InvocationState::Succeeded);
    EXPECT_EQ(recs[1]->state, InvocationState::Succeeded);
    const auto dup = trace_of(w, "async.duplicated", rid);
    ASSERT_EQ(dup.size(), 1u);
    EXPECT_EQ(dup[0]->time, 5);                     // at the original's first dequeue
    const TimeMs deliver_at = dup[0]->detail["deliverAt"].get<TimeMs>();
    // Seed 1, stream "duplicates": the first draw, next_unit() = 0.213, is below the rate (1 here,
    // so always); the second, below(4001) = 1791, is the copy's wait past the 1 s minimum:
    // 5 (the original's dequeue) + 1000 + 1791. Checked against a separate mt19937_64 in Python.
    EXPECT_EQ(deliver_at, 2796);
    const auto dequeued = trace_of(w, "async.dequeued", rid);
    ASSERT_EQ(dequeued.size(), 2u);
    EXPECT_EQ(dequeued[1]->time, deliver_at);
    EXPECT_EQ(dequeued[1]->detail["duplicate"], true);
    // Two handler runs with the same request id, two START lines in the logs.
    EXPECT_EQ(trace_of(w, "attempt.start", rid).size(), 2u);
    int starts = 0;
    for (const auto& m : log_messages(w)) starts += m == "START RequestId: " + rid + " Version: $LATEST\n";
    EXPECT_EQ(starts, 2);
    // The state JSON marks the copy.
    const ojson state = w.state_json();
    EXPECT_EQ(state["lambda"]["invocations"][1]["duplicateOf"], 0);
    EXPECT_FALSE(state["lambda"]["invocations"][0].contains("duplicateOf"));
}

// Lesson facts: a request selector picks the original, not the copy (CONTRACT.md §3). Here the
// original fails once and is retried (2 attempts) while the copy runs once in between.
TEST(LambdaDuplicates, RequestFactsDescribeTheOriginalDelivery) {
    Shell sh(1);
    sh.run("lab duplicates demo-lambda rate 1");
    sh.run("lab fail demo-lambda first 1");
    sh.run(kAsync);
    sh.run("lab run");
    const World& w = sh.world();
    auto fact = [&](const char* name) { return evaluate_fact(w, ojson{{"fact", name}}, {}).value; };
    EXPECT_EQ(fact("request.attempts"), 2);
    EXPECT_EQ(fact("request.state"), "succeeded");
    EXPECT_EQ(fact("request.logStarts"), 3);        // the id's START lines: two of the original, one of the copy
    EXPECT_EQ(evaluate_fact(w, ojson{{"fact", "trace.count"}, {"kind", "attempt.start"}}, {}).value, 3);
}

TEST(LambdaDuplicates, EachCopyIsRetriedOnItsOwn) {
    Shell sh(1);
    sh.run("lab duplicates demo-lambda rate 1");
    sh.run("lab fail demo-lambda always");
    sh.run(kAsync);
    sh.run("lab run");
    const World& w = sh.world();
    const std::string rid = w.lambda.invocations().front().request_id;
    const auto recs = records_of(w, rid);
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[0]->attempts.size(), 3u);        // 1 + 2 retries each
    EXPECT_EQ(recs[1]->attempts.size(), 3u);
    EXPECT_EQ(trace_of(w, "async.failed", rid).size(), 2u);
    EXPECT_EQ(trace_of(w, "attempt.start", rid).size(), 6u);
    EXPECT_EQ(trace_of(w, "async.duplicated", rid).size(), 1u);   // a retry is not copied again
}

std::size_t sh_records(std::uint64_t seed, const char* setting) {
    Shell sh(seed);
    sh.run(setting);
    for (int i = 0; i < 40; ++i) sh.run(kAsync);
    sh.run("lab run");
    return sh.world().lambda.invocations().size();
}

TEST(LambdaDuplicates, SeededAndOffDrawsNothing) {
    auto pattern = [](std::uint64_t seed, const char* setting) {
        Shell sh(seed);
        sh.run(setting);
        for (int i = 0; i < 40; ++i) sh.run(kAsync);
        sh.run("lab run");
        // Which originals got a copy, in record order: 'D' at index i when some copy says duplicateOf i.
        std::string s(40, '.');
        for (const auto& r : sh.world().lambda.invocations())
            if (r.duplicate_of) s.at(*r.duplicate_of) = 'D';
        return std::make_pair(s, sh.world().trace.size());
    };
    const auto a = pattern(1, "lab duplicates demo-lambda rate 0.3");
    EXPECT_EQ(a, pattern(1, "lab duplicates demo-lambda rate 0.3"));
    // Seed 1: the 40 events are dequeued at 5 ms in acceptance order; each first dequeue draws
    // next_unit() from stream "duplicates" and, when it is below 0.3, below(4001) for the copy's
    // delay (so a copy consumes two draws). 14 of the 40 units fall below 0.3 (expected 12 ± 2.9
    // for a binomial(40, 0.3)); the same sequence recomputed with a separate mt19937_64 in Python.
    EXPECT_EQ(a.first, "D.DD.D.DD...D..D.....D......D......DD.DD");
    EXPECT_EQ(std::count(a.first.begin(), a.first.end(), 'D'), 14);
    EXPECT_EQ(sh_records(1, "lab duplicates demo-lambda rate 0.3"), 54u);   // 40 originals + 14 copies
    EXPECT_NE(a.first, pattern(2, "lab duplicates demo-lambda rate 0.3").first);
    // Off (or never set): the same trace as a world without the command, except its own entry.
    const auto off = pattern(1, "lab duplicates demo-lambda off");
    const auto none = pattern(1, "lab time");
    EXPECT_EQ(off.first, std::string(40, '.'));
    EXPECT_EQ(sh_records(1, "lab duplicates demo-lambda off"), 40u);
    EXPECT_EQ(off.second, none.second + 1);         // + lab.duplicates
}

// The study notes' points example: each run of the naive handler adds 100 points for the order;
// the idempotent one first checks whether this request id was processed. The first run of the
// event fails after adding the points (so Lambda retries it), and the event is delivered twice.
struct PointsRunner : CodeRunner {
    bool idempotent = false;
    int points = 0;
    int runs = 0;
    std::set<std::string> processed;
    CodeRunResult run(const CodeRunRequest& r) override {
        ++runs;
        CodeRunResult out;
        out.duration_ms = 8;
        if (idempotent && processed.count(r.aws_request_id)) {
            out.logs.push_back({"", "already processed " + r.aws_request_id + "\n"});
            out.result = "{\"statusCode\": 200}";
            return out;
        }
        points += 100;
        if (idempotent) processed.insert(r.aws_request_id);
        if (runs == 1) {                            // the very first run breaks after its side effect
            out.status = CodeRunResult::Status::Error;
            out.error_type = "Exception";
            out.error_message = "Something went wrong!";
            return out;
        }
        out.result = "{\"statusCode\": 200}";
        return out;
    }
};

int points_after(bool idempotent) {
    Shell sh(1);
    PointsRunner runner;
    runner.idempotent = idempotent;
    sh.set_code_runner(&runner);
    run_script(sh, "lab code put lambda_function.py " + base64url_encode("def lambda_handler(event, context):\n    pass\n") +
                       "\nzip function.zip lambda_function.py\n"
                       "aws lambda update-function-code --function-name demo-lambda --zip-file fileb://function.zip\n"
                       "lab duplicates demo-lambda rate 1\n");
    sh.run(kAsync);
    sh.run("lab run");
    EXPECT_EQ(runner.runs, 3);                      // attempt 1 (fails), its copy, attempt 2 (the retry)
    return runner.points;
}

TEST(LambdaDuplicates, NaiveHandlerEndsAt300IdempotentAt100) {
    EXPECT_EQ(points_after(false), 300);
    EXPECT_EQ(points_after(true), 100);
}

// The quiz keys are the simulator's counts (content/quizzes/idempotency.json): runs of the
// handler for each parameter value, over the attempt seeds that pick it; a wrong number is
// graded wrong. Two deliveries: first n runs fail -> 2 + n runs (each failed run gets one
// retry of its own delivery); always failing with r retries -> 2 x (1 + r).
TEST(LambdaDuplicates, QuizKeysAreTheSimulatedRunCounts) {
    const ojson set = ojson::parse(read_text(source_path("content/quizzes/idempotency.json")));
    std::map<std::string, std::map<int, ojson>> keys;
    ojson points_item;
    for (const auto& item : set["items"]) {
        const std::string id = item["id"];
        if (id == "dup-points-naive") { points_item = item; continue; }
        const std::string param = id == "dup-runs-first-n" ? "n" : "r";
        for (std::uint64_t seed = 0; seed < 40; ++seed) {
            const ojson shown = quiz_present(item, seed);
            const int value = shown["params"][param].get<int>();
            const ojson key = quiz_key(item, seed);
            keys[id][value] = key;
            EXPECT_EQ(quiz_grade(item, seed, ojson{{"value", key}})["correct"], true) << id << " " << value;
            EXPECT_EQ(quiz_grade(item, seed, ojson{{"value", key.get<int>() - 1}})["correct"], false) << id << " " << value;
        }
    }
    EXPECT_EQ(keys["dup-runs-first-n"], (std::map<int, ojson>{{1, 3}, {2, 4}}));
    EXPECT_EQ(keys["dup-runs-always-r"], (std::map<int, ojson>{{0, 2}, {1, 4}, {2, 6}}));
    // The points item: three runs of the naive handler, so choice c (300 points).
    ASSERT_TRUE(points_item.is_object());
    EXPECT_EQ(quiz_key(points_item, 1), ojson::array({"c"}));
    EXPECT_EQ(quiz_grade(points_item, 1, ojson{{"choices", {"c"}}})["correct"], true);
    EXPECT_EQ(quiz_grade(points_item, 1, ojson{{"choices", {"b"}}})["correct"], false);   // 200: the retry forgotten
}

} // namespace
