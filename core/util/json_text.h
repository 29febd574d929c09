// Invoke Lab core: JSON text that comes from outside (payloads, learner JSON), read without
// recursion and in time linear in its size.
//
// Index
//   parse_json       validate + build an ojson in one iterative pass; depth limit; duplicate keys
//   json_valid       the same validation without building anything
//   parse_learner_json  ojson::parse(text, nullptr, false) for JSON typed by the learner, depth-limited
//   dump_json        ojson -> compact text, the bytes nlohmann's dump() writes, without recursion
//
// Why not ojson::parse: nlohmann's parser is iterative, but an ordered_json object finds each
// new key by a linear scan (O(keys²): 90 000 keys took 34 s), and copying, dumping or comparing
// an ojson recurses once per nesting level (a 31 KB payload of "[[[[…" overflowed the stack).
// Here an object member is appended without a lookup; duplicate keys are found with a hash
// index and keep their first position with the last value, as Python's dict and nlohmann's
// operator[] both do.
//
// What is accepted is what nlohmann::json::parse accepts (RFC 8259, UTF-8 checked, a leading
// UTF-8 BOM skipped) with one difference: a number too large for a double (1e400) is valid JSON
// (Jackson, Lambda's parser, and Python's json.loads both accept it) and becomes ±infinity.
#pragma once
#include <functional>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include "util/json.h"

namespace invokelab {

inline constexpr std::size_t kJsonNoDepthLimit = std::numeric_limits<std::size_t>::max();

// JSON the learner types into a command (policies, --destination-config, attributes, files a
// lesson reads) is kept as ojson and copied, dumped and compared by nlohmann's recursive code:
// deeper documents are refused before they are built. 512 levels is far beyond any real
// document and far inside the smallest stack we run on.
inline constexpr std::size_t kLearnerJsonMaxDepth = 512;

struct JsonParse {
    enum class Status { Ok, Invalid, TooDeep };
    Status status = Status::Invalid;
    ojson value;                                    // Ok: the document
    std::size_t error_offset = 0;                   // Invalid: the byte where the text stops being JSON
    bool deep_array = false;                        // TooDeep: the container past the limit is an array (else an object)
    bool ok() const { return status == Status::Ok; }
};

// max_depth counts containers: "[]" has depth 1, "[[]]" depth 2; a container that would be
// opened at depth max_depth + 1 stops the parse with TooDeep.
JsonParse parse_json(std::string_view text, std::size_t max_depth = kJsonNoDepthLimit);
bool json_valid(std::string_view text);
// A drop-in for ojson::parse(text, nullptr, false): a discarded value when the text is not JSON
// or nests deeper than kLearnerJsonMaxDepth.
ojson parse_learner_json(std::string_view text);
// Compact text as nlohmann's dump() writes it (no spaces, strings with \uXXXX only for control
// characters, invalid UTF-8 replaced), iteratively; ±infinity is written as null, as dump() does.
std::string dump_json(const ojson& value);

// The one walk behind dump_json and the Python-style renderers (lambda/python_style): containers
// with their own stack (no recursion, whatever the depth), leaves and keys written by the caller.
using JsonLeafWriter = std::function<std::string(const ojson&)>;
using JsonKeyWriter = std::function<std::string(const std::string&)>;
std::string write_json_tree(const ojson& root, const JsonLeafWriter& leaf, const JsonKeyWriter& key,
                            std::string_view item_separator, std::string_view key_separator);

} // namespace invokelab
