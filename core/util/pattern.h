// Invoke Lab core: the small regular-expression matcher the core's validation patterns need.
//
// Index
//   Pattern          compiled from an ECMAScript-syntax pattern (the subset below); match()
//                    answers what std::regex_match(s, m, std::regex(p)) answers, with groups
//
// Why not std::regex: in the page's WebAssembly it cost 102 KB (29 KB brotli) of the first
// download, a quarter of issue 9's 450 KB budget, for five fixed patterns. libstdc++'s matcher
// (the native build) also recurses per input byte: a 100 KB destination ARN overflowed an 8 MB
// stack (tests/core/lambda/lambda_event_config_test.cpp keeps that input).
//
// The subset: literals; '.' (any byte but '\n' and '\r', as libc++'s ECMAScript); classes
// [...] and [^...] with ranges; escapes \d \D \w \W \s \S \t \n \r and escaped punctuation;
// groups (...) and (?:...); '|'; greedy ? * + {n} {n,} {n,m}; ^ and $ (start and end of the
// input). Anything else (lazy quantifiers, back-references, look-ahead) is refused when the
// pattern is compiled, with std::invalid_argument: the patterns are the program's own.
//
// Matching is a Pike VM (Thompson's construction with thread priorities): time O(input x
// pattern), memory O(pattern), no recursion over the input, and the groups of the
// highest-priority whole match, as a backtracking ECMAScript matcher would report them, with one
// difference: a group inside a repeat keeps what it captured in an earlier iteration, where
// ECMAScript resets it at each iteration. The core's only such group, ([a-zA-Z0-9\-])+ in the
// destination pattern, captures in every iteration, so the two agree (tests/core/util/pattern_test.cpp).
// Works on bytes: UTF-8 text outside ASCII only ever meets '.', negated classes and \D \W \S.
#pragma once
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace invokelab {

class Pattern {
public:
    static constexpr std::size_t kMaxGroups = 15;   // capturing groups, not counting the whole match

    struct Group {
        std::size_t begin = 0, end = 0;             // byte offsets in the input
    };
    // Group 0 is the whole input; group i the i-th '(' that captures; nullopt when it took no
    // part in the match.
    using Groups = std::vector<std::optional<Group>>;

    explicit Pattern(std::string_view ecmascript);

    // The whole input must match (std::regex_match, Java's matches()).
    bool match(std::string_view input, Groups* groups = nullptr) const;
    std::size_t group_count() const { return groups_; }

private:
    enum class Op : std::uint8_t { Set, Split, Jmp, Save, Begin, End, Match };
    struct Inst {
        Inst(Op o, std::uint32_t x_ = 0, std::uint32_t y_ = 0) : op(o), x(x_), y(y_) {}
        Op op;
        std::uint32_t x, y;                        // Set: class index; Split: preferred x, then y; Jmp: x; Save: slot x
    };
    friend class PatternCompiler;

    std::vector<Inst> prog_;
    std::vector<std::bitset<256>> classes_;
    std::size_t groups_ = 0;
};

} // namespace invokelab
