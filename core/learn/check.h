// Invoke Lab core (learn): checks, conditions on facts (CONTRACT.md §3).
//
// Index
//   CheckResult       {passed, actual, error}
//   evaluate_check    a check spec against a World; never throws
//   to_json           {"passed","actual","error"}
//
// A check is {"fact":…, args…, "op":OP, "value":V} (OP: eq ne gt ge lt le contains approx),
// {"fact":…} alone (the fact must be true), or {"all":[…]} / {"any":[…]} / {"not":check}.
// Comparisons: eq/ne are JSON equality (1 == 1.0); gt/ge/lt/le compare two numbers or two
// strings (anything else, e.g. a null fact, is simply not passed); contains looks for V in an
// array or a substring in a string; approx needs "tolerance" and compares numbers, or two
// arrays of numbers of the same length element by element.
// "actual" is the value of the first failing fact, or of the last fact when all passed.
// A broken spec (unknown fact, unknown op, missing value) gives passed:false and an error.
#pragma once
#include <string>
#include "learn/facts.h"

namespace invokelab {

struct CheckResult {
    bool passed = false;
    ojson actual;                                   // null when no fact was read
    std::string error;                              // non-empty: the spec is broken
};

CheckResult evaluate_check(const World& world, const ojson& spec, const FactContext& context);
CheckResult evaluate_check(const FactReader& reader, const ojson& spec, const FactContext& context);
ojson to_json(const CheckResult& result);

} // namespace invokelab
