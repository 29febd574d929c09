// Checks (see check.h, CONTRACT.md §3).
#include "learn/check.h"
#include <cmath>
#include "world/world.h"

namespace invokelab {
namespace {

constexpr int kMaxDepth = 32;                       // nested all/any/not; deeper is a broken spec

CheckResult broken(const std::string& error) {
    CheckResult r;
    r.error = error;
    return r;
}

bool approx_equal(const ojson& a, const ojson& b, double tolerance) {
    if (a.is_number() && b.is_number()) return std::fabs(a.get<double>() - b.get<double>()) <= tolerance;
    if (a.is_array() && b.is_array() && a.size() == b.size()) {
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!a[i].is_number() || !b[i].is_number() || std::fabs(a[i].get<double>() - b[i].get<double>()) > tolerance) return false;
        return true;
    }
    return false;
}

CheckResult evaluate(const FactReader& reader, const ojson& spec, const FactContext& context, int depth) {
    if (depth > kMaxDepth) return broken("check nested too deeply");
    if (!spec.is_object()) return broken("a check must be a JSON object");
    if (spec.contains("all") || spec.contains("any")) {
        const bool all = spec.contains("all");
        if (spec.size() != 1) return broken(std::string("\"") + (all ? "all" : "any") + "\" must be the only key of its object");
        const ojson& list = spec[all ? "all" : "any"];
        if (!list.is_array()) return broken(std::string("\"") + (all ? "all" : "any") + "\" needs an array of checks");
        CheckResult result;
        result.passed = all;                        // all([]) holds, any([]) does not
        bool have_failing = false, have_passing = false;
        for (const auto& child : list) {          // every child, so a broken one is reported even after a pass
            CheckResult c = evaluate(reader, child, context, depth + 1);
            if (!c.error.empty()) return c;
            if (all) {
                if (!c.passed && !have_failing) { result.passed = false; result.actual = c.actual; have_failing = true; }
                if (!have_failing) result.actual = c.actual;
            } else {
                if (c.passed && !have_passing) { result.passed = true; result.actual = c.actual; have_passing = true; }
                if (!c.passed && !have_failing && !have_passing) { result.actual = c.actual; have_failing = true; }
            }
        }
        return result;
    }
    if (spec.contains("not")) {
        if (spec.size() != 1) return broken("\"not\" must be the only key of its object");
        CheckResult c = evaluate(reader, spec["not"], context, depth + 1);
        if (c.error.empty()) c.passed = !c.passed;
        return c;
    }
    if (!spec.contains("fact")) return broken("a check needs \"fact\", \"all\", \"any\" or \"not\"");
    ojson fact_spec = spec;
    fact_spec.erase("op");
    fact_spec.erase("value");
    fact_spec.erase("tolerance");
    FactResult f = reader.fact(fact_spec, context);
    if (!f.error.empty()) return broken(f.error);
    CheckResult r;
    r.actual = f.value;
    if (!spec.contains("op")) {
        if (spec.contains("value") || spec.contains("tolerance")) return broken("\"value\" needs an \"op\"");
        r.passed = f.value == ojson(true);
        return r;
    }
    if (!spec["op"].is_string()) return broken("\"op\" must be a string");
    const std::string op = spec["op"].get<std::string>();
    if (!spec.contains("value")) return broken("op \"" + op + "\" needs a \"value\"");
    const ojson& v = spec["value"];
    const ojson& a = f.value;
    if (op != "approx" && spec.contains("tolerance")) return broken("\"tolerance\" is only for op \"approx\"");
    if (op == "eq") r.passed = a == v;
    else if (op == "ne") r.passed = a != v;
    else if (op == "gt" || op == "ge" || op == "lt" || op == "le") {
        if (!v.is_number() && !v.is_string()) return broken("op \"" + op + "\" compares numbers or strings");
        const bool comparable = (a.is_number() && v.is_number()) || (a.is_string() && v.is_string());
        if (comparable) {
            if (op == "gt") r.passed = a > v;
            else if (op == "ge") r.passed = a >= v;
            else if (op == "lt") r.passed = a < v;
            else r.passed = a <= v;
        }
    } else if (op == "contains") {
        if (a.is_array()) {
            for (const auto& x : a) if (x == v) { r.passed = true; break; }
        } else if (a.is_string() && v.is_string()) {
            r.passed = a.get<std::string>().find(v.get<std::string>()) != std::string::npos;
        }
    } else if (op == "approx") {
        if (!spec.contains("tolerance") || !spec["tolerance"].is_number() || spec["tolerance"].get<double>() < 0)
            return broken("op \"approx\" needs a non-negative \"tolerance\"");
        if (!v.is_number() && !v.is_array()) return broken("op \"approx\" compares a number or an array of numbers");
        r.passed = approx_equal(a, v, spec["tolerance"].get<double>());
    } else {
        return broken("unknown op \"" + op + "\" (use eq, ne, gt, ge, lt, le, contains, approx)");
    }
    return r;
}

} // namespace

CheckResult evaluate_check(const FactReader& reader, const ojson& spec, const FactContext& context) {
    try {
        return evaluate(reader, spec, context, 0);
    } catch (const std::exception& e) {
        return broken(std::string("check evaluation failed: ") + e.what());
    }
}

CheckResult evaluate_check(const World& world, const ojson& spec, const FactContext& context) {
    try {
        const FactReader reader(world);
        return evaluate(reader, spec, context, 0);
    } catch (const std::exception& e) {
        return broken(std::string("check evaluation failed: ") + e.what());
    }
}

ojson to_json(const CheckResult& result) {
    return ojson{{"passed", result.passed}, {"actual", result.actual}, {"error", result.error}};
}

} // namespace invokelab
