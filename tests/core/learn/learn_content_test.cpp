// Content tests: every lesson's reference path passes its checks, every `wrong` line leaves its
// check off, every quiz item has a computable key (seeds 1..5) that grades as correct while a
// wrong answer does not, and every named scenario exists and loads.
// Content lives in content/ (helper files, not code): a failure names the file and the step/item.
#include <filesystem>
#include <set>
#include <gtest/gtest.h>
#include "lambda_test_util.h"
#include "learn/check.h"
#include "util/base64.h"
#include "learn/quiz.h"
#include "learn_test_util.h"
#include "shell/quiz.h"
#include "shell/scenario.h"

namespace invokelab {
namespace {

using testing::read_text;
using testing::source_path;

bool read_json(const std::string& relative, ojson& out) {
    const std::string path = source_path(relative);
    if (!std::filesystem::exists(path)) {
        ADD_FAILURE() << "missing content file " << relative;
        return false;
    }
    out = ojson::parse(read_text(path), nullptr, false);
    if (out.is_discarded()) {
        ADD_FAILURE() << relative << " is not valid JSON";
        return false;
    }
    return true;
}

std::vector<std::string> index_list(const std::string& relative, const char* key) {
    ojson index;
    std::vector<std::string> out;
    if (!read_json(relative, index)) return out;
    if (!index.contains(key) || !index[key].is_array()) {
        ADD_FAILURE() << relative << " needs \"" << key << "\": [...]";
        return out;
    }
    for (const auto& v : index[key]) out.push_back(v.get<std::string>());
    return out;
}

bool load_named(Shell& sh, const std::string& name, const std::string& where) {
    const std::string relative = "content/scenarios/" + name + ".txt";
    if (!std::filesystem::exists(source_path(relative))) {
        ADD_FAILURE() << where << ": scenario " << name << " does not exist (" << relative << ")";
        return false;
    }
    const ScenarioLoad load = load_scenario_text(sh, read_text(source_path(relative)));
    if (!load.ok) ADD_FAILURE() << where << ": scenario " << name << " does not load: " << load.error.en;
    return load.ok;
}

std::string describe(const CheckResult& r) { return "actual " + r.actual.dump() + (r.error.empty() ? "" : ", error: " + r.error); }

TEST(LearnContent, EveryScenarioFileLoads) {
    const std::string dir = source_path("content/scenarios");
    ASSERT_TRUE(std::filesystem::is_directory(dir)) << "content/scenarios/ is missing";
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string file = entry.path().filename().string();
        if (entry.path().extension() != ".txt") continue;
        const std::string name = entry.path().stem().string();
        bool name_ok = !name.empty() && name.size() <= 64 && ((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= '0' && name[0] <= '9'));
        for (char c : name) name_ok = name_ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
        EXPECT_TRUE(name_ok) << file << ": a scenario name must match ^[a-z0-9][a-z0-9-]{0,63}$";
        Shell sh(1);
        load_named(sh, name, file);
        ++count;
    }
    EXPECT_GE(count, 1);
}

TEST(LearnContent, LessonsReferencePathsPassAndWrongLinesDoNot) {
    const std::vector<std::string> ids = index_list("content/lessons/index.json", "lessons");
    ASSERT_GE(ids.size(), 7u) << "content/lessons/index.json lists " << ids.size() << " lessons; at least 7 are expected";
    for (const auto& id : ids) {
        ojson lesson;
        const std::string file = "content/lessons/" + id + ".json";
        if (!read_json(file, lesson)) continue;
        EXPECT_EQ(lesson.value("id", ""), id) << file;
        ASSERT_TRUE(lesson.contains("steps") && lesson["steps"].is_array() && !lesson["steps"].empty()) << file << " has no steps";
        Shell sh(1);
        std::set<std::string> step_ids;
        for (const auto& step : lesson["steps"]) {
            const std::string where = file + " step " + step.value("id", "?");
            EXPECT_TRUE(step_ids.insert(step.value("id", "")).second) << where << ": duplicate or missing step id";
            for (const char* lang : {"ko", "en"}) {
                EXPECT_TRUE(step.contains("title") && step["title"].contains(lang)) << where << ": title." << lang;
                EXPECT_TRUE(step.contains("text") && step["text"].contains(lang)) << where << ": text." << lang;
            }
            if (step.contains("scenario") && !load_named(sh, step["scenario"].get<std::string>(), where)) break;
            const std::size_t mark = sh.world().trace.size();
            const std::string start = sh.session_text();      // the step's starting point, for the wrong lines
            auto run_path = [&](Shell& s, const std::vector<std::string>& lines) {
                for (const auto& l : lines) s.run(l);
                if (step.contains("advance")) {
                    const CommandResult r = s.run("lab advance " + step["advance"].get<std::string>());
                    EXPECT_EQ(r.exit_code, 0) << where << ": advance: " << r.err;
                }
            };
            std::vector<std::string> todo;
            // `deploy` (CONTRACT.md §4): the code editor's three lines for content/handlers/FILE come first.
            const bool runs_python = step.contains("deploy");
            if (runs_python) {
                const std::string handler = "content/handlers/" + step["deploy"].get<std::string>();
                ASSERT_TRUE(std::filesystem::exists(source_path(handler))) << where << ": " << handler << " does not exist";
                todo = {"lab code put lambda_function.py " + base64url_encode(read_text(source_path(handler))),
                        "zip function.zip lambda_function.py",
                        "aws lambda update-function-code --function-name demo-lambda --zip-file fileb://function.zip"};
            }
            for (const auto& l : step.value("do", ojson::array())) todo.push_back(l.get<std::string>());
            if (step.contains("check") && !todo.empty()) {
                // A step whose check is already on when entered would complete before the learner did anything.
                const CheckResult before = evaluate_check(sh.world(), step["check"], {mark});
                EXPECT_FALSE(before.passed) << where << ": the check passes before the step's commands ran (" << describe(before) << ")";
            }
            run_path(sh, todo);
            if (!step.contains("check")) continue;
            if (runs_python) {
                // Python runs in the browser only (natively every attempt is Runtime.Unavailable):
                // here the deploy must have worked and the check must be a valid spec; that the
                // reference path passes it is asserted by tests/browser/learn.test.mjs on the WASM build.
                const auto zip = sh.world().files.read("function.zip");
                ASSERT_TRUE(zip.has_value()) << where << ": the deploy wrote no function.zip";
                EXPECT_EQ(static_cast<std::size_t>(sh.world().lambda.require_function("demo-lambda", sh.world().region, false).code_size), zip->size())
                    << where << ": the deploy did not take";
                const CheckResult r = evaluate_check(sh.world(), step["check"], {mark});
                EXPECT_EQ(r.error, "") << where;
                EXPECT_FALSE(r.passed) << where << ": passes without Python: the check does not depend on the code";
                continue;
            }
            const CheckResult passed = evaluate_check(sh.world(), step["check"], {mark});
            EXPECT_TRUE(passed.passed) << where << ": the reference path does not pass the check (" << describe(passed) << ")";
            // `wrong` is one alternative path: its lines run in order instead of `do` (CONTRACT.md §4).
            if (step.contains("wrong")) {
                std::vector<std::string> wrong;
                for (const auto& l : step["wrong"]) wrong.push_back(l.get<std::string>());
                EXPECT_FALSE(wrong.empty()) << where << ": \"wrong\" is empty";
                Shell other(1);
                ASSERT_TRUE(load_scenario_text(other, start).ok) << where;
                ASSERT_EQ(other.world().trace.size(), mark) << where << ": replaying the step's start differs";
                run_path(other, wrong);
                const CheckResult r = evaluate_check(other.world(), step["check"], {mark});
                EXPECT_EQ(r.error, "") << where;
                EXPECT_FALSE(r.passed) << where << ": the wrong path passes the check (" << describe(r) << ")";
            }
        }
    }
}

// An answer that must grade as wrong, built from the key; null when the item allows none.
ojson wrong_answer(const ojson& item, const std::string& kind, const ojson& key) {
    if (kind == "numeric") return {{"value", key.get<double>() + item.value("tolerance", 0.0) + 1}};
    if (kind == "choice") {
        for (const auto& c : item["choices"]) {
            bool in_key = false;
            for (const auto& k : key) in_key = in_key || k == c["id"];
            if (!in_key) return {{"choices", {c["id"]}}};
        }
        return nullptr;
    }
    if (kind == "predict") {
        ojson times = key["times"];
        times.push_back(times.empty() ? 1.0 : times.back().get<double>() + 100);
        return {{"times", times}, {"outcome", key["outcome"]}};
    }
    for (const auto& combo : knob_combinations(item["knobs"])) {
        bool in_key = false;
        for (const auto& k : key) in_key = in_key || k == combo;
        if (!in_key) return {{"knobs", combo}};
    }
    return nullptr;
}

TEST(LearnContent, QuizKeysAreComputedAndGradeCorrectly) {
    const std::vector<std::string> sets = index_list("content/quizzes/index.json", "sets");
    ASSERT_FALSE(sets.empty()) << "content/quizzes/index.json lists no sets";
    std::size_t items = 0;
    for (const auto& set : sets) {
        ojson quiz;
        const std::string file = "content/quizzes/" + set + ".json";
        if (!read_json(file, quiz)) continue;
        EXPECT_EQ(quiz.value("id", ""), set) << file;
        std::set<std::string> item_ids;
        for (const auto& item : quiz.value("items", ojson::array())) {
            ++items;
            const std::string kind = item.value("kind", "");
            const std::string where = file + " item " + item.value("id", "?");
            EXPECT_TRUE(item_ids.insert(item.value("id", "")).second) << where << ": duplicate item id";
            for (std::uint64_t seed = 1; seed <= 5; ++seed) {
                const std::string at = where + " seed " + std::to_string(seed);
                const ojson key = quiz_key(item, seed);
                if (key.is_object() && key.contains("error")) {
                    ADD_FAILURE() << at << ": " << key["error"].get<std::string>();
                    break;
                }
                if (kind == "choice" || kind == "configure") { EXPECT_GE(key.size(), 1u) << at; }
                const ojson shown = quiz_present(item, seed);
                EXPECT_FALSE(shown.contains("error")) << at << ": " << shown.dump();
                for (const char* hidden : {"answer", "goal", "key", "explanation", "configure", "then"})
                    EXPECT_FALSE(shown.contains(hidden)) << at << ": present shows \"" << hidden << "\"";
                for (const auto& c : shown.value("choices", ojson::array()))
                    EXPECT_FALSE(c.contains("value") || c.contains("why")) << at << ": present shows a choice's value";
                ojson right;
                if (kind == "numeric") right = {{"value", key}};
                else if (kind == "choice") right = {{"choices", key}};
                else if (kind == "predict") right = {{"times", key["times"]}, {"outcome", key["outcome"]}};
                else right = {{"knobs", key[0]}};
                const ojson graded = quiz_grade(item, seed, right);
                EXPECT_EQ(graded.value("correct", false), true) << at << ": the key graded as wrong: " << graded.dump().substr(0, 400);
                const ojson wrong = wrong_answer(item, kind, key);
                if (wrong.is_null()) {
                    ADD_FAILURE() << at << ": every answer is correct (no wrong choice / knob combination)";
                } else {
                    const ojson bad = quiz_grade(item, seed, wrong);
                    EXPECT_EQ(bad.value("correct", true), false) << at << ": a wrong answer graded as correct: " << wrong.dump();
                }
            }
        }
    }
    EXPECT_GE(items, 40u) << "the quiz sets hold " << items << " items; at least 40 are expected";
}

TEST(LearnContent, EveryNamedScenarioExists) {
    // Any "scenario": "NAME" string anywhere in lessons and quizzes names a content/scenarios file.
    std::vector<std::string> files;
    for (const auto& id : index_list("content/lessons/index.json", "lessons")) files.push_back("content/lessons/" + id + ".json");
    for (const auto& id : index_list("content/quizzes/index.json", "sets")) files.push_back("content/quizzes/" + id + ".json");
    int named = 0;
    for (const auto& file : files) {
        ojson doc;
        if (!read_json(file, doc)) continue;
        std::function<void(const ojson&)> walk = [&](const ojson& j) {
            if (j.is_object()) {
                for (const auto& [k, v] : j.items()) {
                    if (k == "scenario" && v.is_string()) {
                        ++named;
                        Shell sh(1);
                        load_named(sh, v.get<std::string>(), file);
                    }
                    walk(v);
                }
            } else if (j.is_array()) {
                for (const auto& v : j) walk(v);
            }
        };
        walk(doc);
    }
    EXPECT_GE(named, 1);
}

} // namespace
} // namespace invokelab
