// Invoke Lab core: the JMESPath language of the AWS CLI's --query, on the CLI's JSON response.
//
// The AWS CLI compiles --query with the `jmespath` Python package (1.1.0 bundled with the CLI)
// before it sends the request, and searches the parsed response after it: a bad expression stops
// the command with "Bad value for --query <q>: <error>" and nothing is sent; a function given the
// wrong type fails after the call. This is the whole language of the JMESPath specification
// (https://jmespath.org/specification.html): identifiers and "quoted" identifiers, sub-expressions,
// index and slice [0] [-1] [1:3] [::-1], list and object projections [*] .*, flatten [], filters
// [?a == `1`] with == != < <= > >= && || ! and ( ), multi-select lists [a, b] and hashes {k: a},
// pipes |, the current node @, literals `json` and 'raw', and the 26 built-in functions
// (abs avg ceil contains ends_with floor join keys length map max max_by merge min min_by not_null
// reverse sort sort_by starts_with sum to_array to_number to_string type values).
// Error texts are the ones the jmespath package prints (its exceptions' str()), so a learner
// reads what the real CLI prints; a test pins each one.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include "util/json.h"

namespace invokelab::jmespath {

struct Node;

class Expression {
public:
    // Parses `text`. On failure returns an invalid Expression and sets `error` to the package's
    // message ("Invalid jmespath expression: Incomplete expression:\n\"a.\"\n   ^" …).
    static Expression compile(std::string_view text, std::string& error);
    bool valid() const { return root_ != nullptr; }
    // Evaluates on `data`. A runtime error (a function's arity or argument type, an unknown
    // function) returns null and sets `error` to the package's message.
    ojson search(const ojson& data, std::string& error) const;

private:
    std::shared_ptr<const Node> root_;
};

} // namespace invokelab::jmespath
