// Invoke Lab core (learn): facts, values read off a World (CONTRACT.md §3).
//
// Index
//   FactContext      sinceTrace: counting facts and request selection see only trace index >= it
//   FactResult       {value, error}; error non-empty = the spec is broken (unknown fact, bad args)
//   FactReader       reads the world's state JSON once, then answers any number of fact specs
//   evaluate_fact    one spec against a World
//   fact_names       every fact name, for tests and documentation
//
// Facts are computed from the state JSON and world.trace only (never from LambdaService
// internals): the state JSON is the stable contract while the lambda module is refactored.
// The reader takes the sections of World::state_json() it needs ("lambda", "sqs", "iam",
// "logs": each service's state_json(), which World::state_json() composes) lazily, once per
// reader, and never the "trace" section: facts read world.trace directly. Building the whole
// state JSON would turn a 9 000-entry trace into JSON on every check (~30 ms natively).
// Choices made where the contract is silent:
//   - a request fact when no request matches is null (the learner has not done it yet), not an error;
//   - a request counts as "since sinceTrace" when its first trace entry (any kind carrying its
//     request id) has index >= sinceTrace;
//   - sync.count / async.count count every function unless "function" is given explicitly;
//   - request.dlqS / dlqAt / destinationS are null when the delivery failed;
//   - request.outcome of a request still queued, running or waiting for a retry is "pending";
//     a failed one is "dlq" / "destination" / "dlq+destination" by the deliveries that succeeded,
//     else "dropped" (also a failed synchronous call, which nothing delivers);
//   - function.* of a function that does not exist is null;
//   - a spec key that no fact uses (a typo such as "fucntion") is an error.
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

namespace invokelab {

class World;
using ojson = nlohmann::ordered_json;

struct FactContext {
    std::size_t since_trace = 0;
};

struct FactResult {
    ojson value;                                    // null when unknown (e.g. no such request yet)
    std::string error;                              // non-empty: the spec is broken
};

class FactReader {
public:
    explicit FactReader(const World& world);
    FactResult fact(const ojson& spec, const FactContext& context) const;
    // The request a spec's "function"/"request" args select (its state_json entry), or null.
    const ojson* select_request(const ojson& spec, const FactContext& context, std::string& error) const;
    std::string request_outcome(const ojson& request) const;   // request.outcome of that entry

private:
    const ojson* find_function(const std::string& name) const;
    std::size_t first_trace_index(const std::string& request_id) const;

    const ojson& section(const char* name) const;  // "lambda" | "sqs" | "iam" | "logs" | "dynamodb" | "kv", built on first use

    const World& world_;
    mutable std::map<std::string, ojson> sections_;
    mutable std::map<std::string, std::size_t> first_index_;   // request id -> index of its first trace entry
    mutable bool indexed_ = false;
};

FactResult evaluate_fact(const World& world, const ojson& spec, const FactContext& context);
const std::vector<std::string>& fact_names();

} // namespace invokelab
