// Quiz items run in a fresh Shell (see quiz.h).
#include "shell/quiz.h"
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include "learn/check.h"
#include "learn/quiz.h"
#include "shell/scenario.h"
#include "shell/shell.h"
#include "util/tokenize.h"
#include "util/timefmt.h"

namespace invokelab {
namespace {

using std::invalid_argument;

std::string kind_of(const ojson& item) {
    if (!item.is_object()) throw invalid_argument("a quiz item must be a JSON object");
    if (!item.contains("id") || !item["id"].is_string() || item["id"].get<std::string>().empty())
        throw invalid_argument("a quiz item needs a non-empty \"id\"");
    const std::string kind = item.value("kind", "");
    if (kind != "numeric" && kind != "choice" && kind != "predict" && kind != "configure")
        throw invalid_argument("item " + item["id"].get<std::string>() + ": \"kind\" must be numeric, choice, predict or configure");
    if (kind == "configure") {
        if (!item.contains("goal")) throw invalid_argument("configure item needs a \"goal\" check");
        if (!item.contains("knobs") || !item["knobs"].is_array()) throw invalid_argument("configure item needs \"knobs\": [...]");
    } else if (!item.contains("answer") || !item["answer"].is_object()) {
        throw invalid_argument("item needs \"answer\": a fact spec");
    }
    if (kind == "choice") {
        if (!item.contains("choices") || !item["choices"].is_array() || item["choices"].empty())
            throw invalid_argument("choice item needs \"choices\": [...]");
        for (const auto& c : item["choices"])
            if (!c.is_object() || !c.contains("id") || !c["id"].is_string() || !c.contains("value"))
                throw invalid_argument("each choice needs \"id\" (a string) and \"value\"");
    }
    return kind;
}

std::vector<std::string> string_list(const ojson& item, const char* key) {
    std::vector<std::string> out;
    if (!item.contains(key)) return out;
    if (!item[key].is_array()) throw invalid_argument(std::string("\"") + key + "\" must be an array of command lines");
    for (const auto& l : item[key]) {
        if (!l.is_string()) throw invalid_argument(std::string("\"") + key + "\" must hold strings");
        out.push_back(l.get<std::string>());
    }
    return out;
}

void add_line(Scenario& sc, const std::string& text) {
    if (tokenize(text).incomplete) throw invalid_argument("scenario line is not a finished command: " + text);
    ScenarioLine l;
    l.text = text;
    l.source_line = static_cast<int>(sc.lines.size()) + 1;
    sc.lines.push_back(std::move(l));
}

double number_of(const ojson& v, const std::string& what) {
    if (!v.is_number()) throw invalid_argument(what + " must be a number");
    return v.get<double>();
}

// The world after running a scenario (a fresh Shell, as the learner's world is never touched).
std::unique_ptr<Shell> run(const Scenario& sc) {
    auto shell = std::make_unique<Shell>(sc.seed);
    const ScenarioLoad load = load_scenario(*shell, sc);
    if (!load.ok) throw invalid_argument(load.error.en);
    return shell;
}

ojson answer_fact(const FactReader& reader, const ojson& spec, const char* what) {
    const FactResult f = reader.fact(spec, {});
    if (!f.error.empty()) throw invalid_argument(std::string(what) + ": " + f.error);
    return f.value;
}

std::vector<double> numbers(const ojson& v, const std::string& what) {
    if (!v.is_array()) throw invalid_argument(what + " must be an array of numbers");
    std::vector<double> out;
    for (const auto& x : v) out.push_back(number_of(x, what + " element"));
    return out;
}

// Key of numeric / choice / predict items, from a world that ran the item's scenario.
ojson key_from(const ojson& item, const std::string& kind, const FactReader& reader) {
    const ojson value = answer_fact(reader, item["answer"], "answer");
    if (kind == "numeric") {
        if (!value.is_number()) throw invalid_argument("the answer fact is " + value.dump() + ", not a number");
        return value;
    }
    if (kind == "choice") {
        if (!item.contains("choices") || !item["choices"].is_array()) throw invalid_argument("choice item needs \"choices\"");
        ojson key = ojson::array();
        for (const auto& c : item["choices"]) {
            if (!c.is_object() || !c.contains("id") || !c["id"].is_string() || !c.contains("value"))
                throw invalid_argument("each choice needs \"id\" and \"value\"");
            if (c["value"] == value) key.push_back(c["id"]);
        }
        if (key.empty()) throw invalid_argument("no choice has the value " + value.dump() + " (the item is broken)");
        return key;
    }
    // predict
    numbers(value, "the answer fact");
    const ojson outcome_spec = item.contains("outcome") ? item["outcome"] : ojson{{"fact", "request.outcome"}};
    const ojson outcome = answer_fact(reader, outcome_spec, "outcome");
    if (!outcome.is_string()) throw invalid_argument("the outcome fact is " + outcome.dump() + ", not a string");
    return ojson{{"times", value}, {"outcome", outcome}};
}

// Attempts of the request the answer spec selects, as seconds after acceptance.
void add_attempts(ojson& out, const ojson& item, const FactReader& reader) {
    ojson spec = item.contains("answer") && item["answer"].is_object() ? item["answer"] : ojson::object();
    ojson selector = ojson::object();
    if (spec.contains("function")) selector["function"] = spec["function"];
    if (spec.contains("request")) selector["request"] = spec["request"];
    std::string error;
    const ojson* r = reader.select_request(selector, {}, error);
    if (!r) r = reader.select_request(ojson{{"request", "last"}, {"function", selector.value("function", "demo-lambda")}}, {}, error);
    ojson attempts = ojson::array();
    if (r) {
        const double accepted = static_cast<double>((*r)["acceptedAt"].get<std::int64_t>());
        for (const auto& a : (*r)["attempts"]) {
            const std::int64_t end = a["end"].get<std::int64_t>();
            attempts.push_back({{"n", a["number"]}, {"startS", (a["start"].get<std::int64_t>() - accepted) / 1000.0},
                                {"endS", end >= 0 ? ojson((end - accepted) / 1000.0) : ojson(nullptr)}, {"outcome", a["outcome"]}});
        }
    }
    out["attempts"] = attempts;
    out["outcome"] = r ? ojson(reader.request_outcome(*r)) : ojson(nullptr);
}

bool goal_holds(const ojson& item, std::uint64_t seed, const ojson& knobs) {
    auto shell = run(quiz_scenario(item, seed, knobs));
    const CheckResult c = evaluate_check(shell->world(), item["goal"], {});
    if (!c.error.empty()) throw invalid_argument("goal: " + c.error);
    return c.passed;
}

ojson configure_key(const ojson& item, std::uint64_t seed) {
    ojson key = ojson::array();
    for (const ojson& combo : knob_combinations(item.contains("knobs") ? item["knobs"] : ojson()))
        if (goal_holds(item, seed, combo)) key.push_back(combo);
    if (key.empty()) throw invalid_argument("no knob combination meets the goal (the item is broken)");
    return key;
}

ojson error_json(const std::string& message) { return ojson{{"error", message}}; }

// The learner's knob values: every knob given, each one of its choices or within min..max.
ojson checked_knobs(const ojson& item, const ojson& answer) {
    if (!answer.is_object() || !answer.contains("knobs") || !answer["knobs"].is_object())
        throw invalid_argument("the answer needs \"knobs\": {name: value}");
    const ojson& given = answer["knobs"];
    ojson out = ojson::object();
    for (const auto& k : item["knobs"]) {
        const std::string name = k.value("name", "");
        if (!given.contains(name)) throw invalid_argument("the answer has no value for knob \"" + name + "\"");
        const ojson& v = given[name];
        if (k.contains("choices")) {
            bool found = false;
            for (const auto& c : k["choices"]) found = found || c == v;
            if (!found) throw invalid_argument("knob \"" + name + "\" has no choice " + v.dump());
        } else {
            if (!v.is_number_integer() && !(v.is_number() && std::floor(v.get<double>()) == v.get<double>()))
                throw invalid_argument("knob \"" + name + "\" needs a whole number");
            const double d = v.get<double>();
            if ((k.contains("min") && d < k["min"].get<double>()) || (k.contains("max") && d > k["max"].get<double>()))
                throw invalid_argument("knob \"" + name + "\" must be between " + k.value("min", ojson()).dump() + " and " +
                                       k.value("max", ojson()).dump());
        }
        out[name] = v.is_number() && !v.is_number_integer() ? ojson(static_cast<std::int64_t>(v.get<double>())) : v;
    }
    for (const auto& [name, v] : given.items())
        if (!out.contains(name)) throw invalid_argument("the answer names an unknown knob \"" + name + "\"");
    return out;
}

} // namespace

Scenario quiz_scenario(const ojson& item, std::uint64_t seed, const ojson& knobs) {
    const std::string kind = kind_of(item);
    if (!item.contains("scenario") || !item["scenario"].is_object()) throw invalid_argument("item needs \"scenario\": {seed, lines, advance?}");
    const ojson& s = item["scenario"];
    ojson params = choose_params(item, seed);
    Scenario sc;
    if (s.contains("seed")) {
        if (!s["seed"].is_number_unsigned() || s["seed"].get<std::uint64_t>() > kMaxScenarioSeed)
            throw invalid_argument("scenario.seed must be a whole number from 0 to 2^63-1");
        sc.seed = s["seed"].get<std::uint64_t>();
    }
    const std::vector<std::string> lines = string_list(s, "lines");
    const std::vector<std::string> then = kind == "configure" ? string_list(item, "then") : std::vector<std::string>{};
    for (const auto& l : lines) {
        if (kind == "configure" && std::find(then.begin(), then.end(), l) != then.end()) continue;
        add_line(sc, substitute(l, params));
    }
    if (kind == "configure") {
        ojson values = params;
        if (knobs.is_object()) for (const auto& [name, v] : knobs.items()) values[name] = v;
        if (knobs.is_object()) for (const auto& l : string_list(item, "configure")) add_line(sc, substitute(l, values));
        for (const auto& l : then) add_line(sc, substitute(l, values));
    }
    if (s.contains("advance")) {
        TimeMs d = 0;
        if (!s["advance"].is_string() || !parse_duration_ms(s["advance"].get<std::string>(), d) || d > kMaxScenarioTimeMs)
            throw invalid_argument("scenario.advance must be a duration such as \"10m\" (at most a year)");
        sc.advance = d;
    } else {
        add_line(sc, "lab run");
    }
    if (sc.lines.size() > kMaxScenarioCommands) throw invalid_argument("the scenario has more than 400 lines");
    return sc;
}

ojson quiz_key(const ojson& item, std::uint64_t seed) {
    try {
        const std::string kind = kind_of(item);
        if (kind == "configure") return configure_key(item, seed);
        auto shell = run(quiz_scenario(item, seed));
        const FactReader reader(shell->world());
        return key_from(item, kind, reader);
    } catch (const std::exception& e) {
        return error_json(e.what());
    }
}

ojson quiz_present(const ojson& item, std::uint64_t seed) {
    try {
        const std::string kind = kind_of(item);
        const ojson params = choose_params(item, seed);
        ojson out{{"id", item["id"]}, {"kind", kind}};
        if (item.contains("topic")) out["topic"] = item["topic"];
        out["params"] = params;
        out["question"] = substitute(item.value("question", ojson::object()), params);
        if (kind == "choice") {
            if (!item.contains("choices") || !item["choices"].is_array()) throw invalid_argument("choice item needs \"choices\"");
            ojson choices = ojson::array();
            for (const auto& c : item["choices"])
                choices.push_back({{"id", c.value("id", "")}, {"text", substitute(c.value("text", ojson::object()), params)}});
            out["choices"] = choices;
        }
        if (kind == "configure") {
            knob_combinations(item.contains("knobs") ? item["knobs"] : ojson());   // validates
            ojson knobs = ojson::array();
            for (const auto& k : item["knobs"]) {
                ojson shown = ojson::object();
                for (const auto& [key, v] : k.items()) shown[key] = key == "label" ? substitute(v, params) : v;
                knobs.push_back(shown);
            }
            out["knobs"] = knobs;
        }
        if (item.contains("unit")) out["unit"] = item["unit"];
        if (kind == "numeric" || kind == "predict") out["tolerance"] = item.value("tolerance", kind == "predict" ? ojson(5) : ojson(0));
        if (kind == "predict") out["outcomes"] = kPredictOutcomes;
        out["scenario"] = format_scenario(quiz_scenario(item, seed));
        return out;
    } catch (const std::exception& e) {
        return error_json(e.what());
    }
}

ojson quiz_grade(const ojson& item, std::uint64_t seed, const ojson& answer) {
    try {
        const std::string kind = kind_of(item);
        const ojson params = choose_params(item, seed);
        if (!answer.is_object()) return error_json("the answer must be a JSON object");
        ojson out{{"correct", false}, {"key", nullptr}, {"response", answer}};
        out["explanation"] = substitute(item.value("explanation", ojson::object()), params);
        if (kind == "configure") {
            const ojson knobs = checked_knobs(item, answer);
            const Scenario sc = quiz_scenario(item, seed, knobs);
            auto shell = run(sc);
            const CheckResult c = evaluate_check(shell->world(), item["goal"], {});
            if (!c.error.empty()) throw invalid_argument("goal: " + c.error);
            out["correct"] = c.passed;
            out["key"] = configure_key(item, seed);
            const FactReader reader(shell->world());
            add_attempts(out, item, reader);
            out["scenario"] = format_scenario(sc);
            return out;
        }
        // Check the answer's shape before running anything.
        double value = 0, tolerance = 0;
        std::vector<std::string> picked;
        std::vector<double> times;
        std::string outcome;
        if (kind == "numeric") {
            if (!answer.contains("value") || !answer["value"].is_number()) return error_json("the answer needs \"value\": a number");
            value = answer["value"].get<double>();
            tolerance = item.contains("tolerance") ? number_of(item["tolerance"], "tolerance") : 0;
        } else if (kind == "choice") {
            if (!answer.contains("choices") || !answer["choices"].is_array() || answer["choices"].empty())
                return error_json("the answer needs \"choices\": [choice ids]");
            for (const auto& id : answer["choices"]) {
                if (!id.is_string()) return error_json("choice ids are strings");
                bool known = false;
                for (const auto& c : item.value("choices", ojson::array())) known = known || c.value("id", "") == id.get<std::string>();
                if (!known) return error_json("no choice \"" + id.get<std::string>() + "\"");
                picked.push_back(id.get<std::string>());
            }
        } else {
            if (!answer.contains("times") || !answer["times"].is_array()) return error_json("the answer needs \"times\": [seconds]");
            for (const auto& t : answer["times"]) {
                if (!t.is_number()) return error_json("\"times\" must hold numbers (seconds after acceptance)");
                times.push_back(t.get<double>());
            }
            if (!answer.contains("outcome") || !answer["outcome"].is_string() ||
                std::find(kPredictOutcomes.begin(), kPredictOutcomes.end(), answer["outcome"].get<std::string>()) == kPredictOutcomes.end())
                return error_json("the answer needs \"outcome\": one of succeeded, dlq, destination, dlq+destination, dropped");
            outcome = answer["outcome"].get<std::string>();
            tolerance = item.contains("tolerance") ? number_of(item["tolerance"], "tolerance") : 5;
        }
        const Scenario sc = quiz_scenario(item, seed);
        auto shell = run(sc);
        const FactReader reader(shell->world());
        const ojson key = key_from(item, kind, reader);
        out["key"] = key;
        if (kind == "numeric") out["correct"] = numeric_matches(value, key.get<double>(), tolerance);
        else if (kind == "choice") out["correct"] = same_choice_set(picked, key.get<std::vector<std::string>>());
        else out["correct"] = predict_matches(times, outcome, numbers(key["times"], "key"), key["outcome"].get<std::string>(), tolerance);
        if (kind == "choice") {
            ojson why = ojson::object();
            for (const auto& c : item["choices"])
                if (c.contains("why")) why[c.value("id", "")] = substitute(c["why"], params);
            out["why"] = why;
        }
        add_attempts(out, item, reader);
        out["scenario"] = format_scenario(sc);
        return out;
    } catch (const std::exception& e) {
        return error_json(e.what());
    }
}

} // namespace invokelab
