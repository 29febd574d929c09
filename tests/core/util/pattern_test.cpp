// util/pattern.h: the core's own regular-expression matcher, which replaced std::regex in the
// page (102 KB of wasm). std::regex stays here as the oracle: every pattern the core uses is
// run against it on the same inputs, groups included.
#include <gtest/gtest.h>
#include <random>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>
#include "lambda/function_ref.h"
#include "lambda/lambda.h"
#include "shell/cli_format.h"
#include "util/pattern.h"

using namespace invokelab;

namespace {

std::string group_text(const std::string& s, const Pattern::Groups& g, std::size_t i) {
    return g[i] ? s.substr(g[i]->begin, g[i]->end - g[i]->begin) : "<unset>";
}

// What std::regex_match says, in the same form: "" when there is no match, else each group's
// text or <unset>, joined by '|'.
std::string oracle(const std::regex& re, const std::string& s) {
    std::smatch m;
    if (!std::regex_match(s, m, re)) return "";
    std::string out = "match";
    for (std::size_t i = 0; i < m.size(); ++i) out += "|" + (m[i].matched ? m[i].str() : std::string("<unset>"));
    return out;
}

std::string ours(const Pattern& p, const std::string& s) {
    Pattern::Groups g;
    if (!p.match(s, &g)) return "";
    std::string out = "match";
    for (std::size_t i = 0; i < g.size(); ++i) out += "|" + group_text(s, g, i);
    return out;
}

// Inputs near each pattern's language: the seeds, each with one or two bytes replaced, inserted
// or removed (bytes from the pattern's own text and a few others), and random strings.
std::vector<std::string> inputs_near(const std::vector<std::string>& seeds, const std::string& pattern, std::size_t count) {
    std::mt19937 rng(20261201);
    std::string alphabet = pattern + "aZ09-_.:$/ \t\n\r\x80\xEC";
    auto pick = [&]() { return alphabet[rng() % alphabet.size()]; };
    std::vector<std::string> out(seeds);
    for (std::size_t i = 0; out.size() < count; ++i) {
        std::string s = seeds[i % seeds.size()];
        const int edits = 1 + static_cast<int>(rng() % 2);
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = s.empty() ? 0 : rng() % (s.size() + 1);
            switch (rng() % 3) {
            case 0: if (at < s.size()) s[at] = pick(); break;
            case 1: s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), pick()); break;
            default: if (at < s.size()) s.erase(at, 1); break;
            }
        }
        out.push_back(s);
        if (i % 4 == 0) {
            std::string r;
            const std::size_t len = rng() % 24;
            for (std::size_t k = 0; k < len; ++k) r += pick();
            out.push_back(r);
        }
    }
    return out;
}

void expect_same_as_std_regex(const char* pattern, const std::vector<std::string>& seeds, std::size_t* matched) {
    const std::regex re(pattern);
    const Pattern p(pattern);
    EXPECT_EQ(p.group_count(), re.mark_count()) << pattern;
    for (const std::string& s : inputs_near(seeds, pattern, 4000)) {
        const std::string want = oracle(re, s);
        ASSERT_EQ(ours(p, s), want) << "pattern " << pattern << "\ninput '" << s << "'";
        if (!want.empty()) ++*matched;
    }
}

} // namespace

TEST(Pattern, EveryPatternOfTheCoreAgreesWithStdRegexGroupsIncluded) {
    std::size_t matched = 0;
    expect_same_as_std_regex(kFunctionNameRegex, {"demo-lambda", "demo-lambda:prod", "demo-lambda:$LATEST", "demo-lambda:$LATEST.PUBLISHED",
                                                   "function:demo", "123456789012:function:demo", "ap-northeast-2:123456789012:function:demo:1",
                                                   "arn:aws:lambda:ap-northeast-2:123456789012:function:demo-lambda:prod",
                                                   "arn:aws-cn:lambda:cn-north-1:123456789012:function:f", "us-gov-west-1:f", "us-isob-east-1:f",
                                                   "eusc-de-east-1:123456789012:function:x", "us-east-1:foo", "a.b_c"},
                             &matched);
    const std::size_t names = matched;
    EXPECT_GT(names, 400u) << "the inputs reach the language, not only its complement";
    expect_same_as_std_regex(kQualifierRegex, {"$LATEST", "$LATEST.PUBLISHED", "prod", "1", "a$b", "$LATEST.", "-_"}, &matched);
    expect_same_as_std_regex(kDestinationRegex, {"", "arn:aws:sqs:ap-northeast-2:123456789012:lambda-DLQ", "arn:aws:sns:us-east-1::t",
                                                 "arn:aws:lambda:::anything at all", "kafka://broker.example", "kafka://b", "arn:aws-cn:s3:::bucket"},
                             &matched);
    for (const char* yaml : kYamlNonStringRegexes)
        expect_same_as_std_regex(yaml, {"true", "False", "~", "NULL", "0b101", "-0o17", "0x1F_a", "1_000", "+1.5e10", ".5", "-.inf", ".NaN", "1e3",
                                        "2026-12-01", "2026-1-2T3:04:05.25Z", "2026-12-01 10:00:00 +09:00", "2026-12-01\t10:00:00-1"},
                                 &matched);
    EXPECT_GT(matched, names + 1500u);
}

TEST(Pattern, FunctionNameGroupsAsLambdaReadsThem) {
    const Pattern p(kFunctionNameRegex);
    Pattern::Groups g;
    const std::string arn = "arn:aws:lambda:ap-northeast-2:123456789012:function:demo-lambda:prod";
    ASSERT_TRUE(p.match(arn, &g));
    ASSERT_EQ(g.size(), 15u);                      // 14 groups and the whole match
    EXPECT_EQ(group_text(arn, g, 0), arn);
    EXPECT_EQ(group_text(arn, g, 3), "ap-northeast-2:");
    EXPECT_EQ(group_text(arn, g, 9), "123456789012:");
    EXPECT_EQ(group_text(arn, g, 11), "demo-lambda");
    EXPECT_EQ(group_text(arn, g, 13), "prod");
    // The region group is tried first and wins: "us-east-1" is a Region here, not a name.
    const std::string short_form = "us-east-1:foo";
    ASSERT_TRUE(p.match(short_form, &g));
    EXPECT_EQ(group_text(short_form, g, 3), "us-east-1:");
    EXPECT_EQ(group_text(short_form, g, 11), "foo");
    EXPECT_EQ(group_text(short_form, g, 13), "<unset>");
    EXPECT_FALSE(p.match("demo lambda"));
    EXPECT_FALSE(p.match("demo-lambda:"));
    EXPECT_FALSE(p.match(""));
}

TEST(Pattern, SyntaxOutsideTheSubsetIsRefusedWhenCompiled) {
    for (const char* bad : {"a*?", "a+?", "a**", "(?=a)", "(?!a)", "\\b", "\\1", "(a", "a)", "[a", "[z-a]", "a{2,1}", "(a*)*", "(?:)+", "x{1001}", "*a"})
        EXPECT_THROW(Pattern{bad}, std::invalid_argument) << bad;
    EXPECT_THROW(Pattern("(((((((((((((((())))))))))))))))"), std::invalid_argument) << "16 groups: above kMaxGroups";
    EXPECT_NO_THROW(Pattern("((((((((((((((()))))))))))))))")) << "15 groups";
}

TEST(Pattern, BytesDotClassesAndCounts) {
    EXPECT_TRUE(Pattern("a.c").match("a\xEC" "c"));
    EXPECT_FALSE(Pattern("a.c").match("a\nc"));
    EXPECT_FALSE(Pattern("a.c").match("a\rc"));
    EXPECT_TRUE(Pattern("[^.]x").match("\xEC" "x"));
    EXPECT_TRUE(Pattern("[a-c\\-_]+").match("a-_cb"));
    EXPECT_FALSE(Pattern("[a-c\\-_]+").match("a-_cbd"));
    EXPECT_TRUE(Pattern("[a-z-_]+").match("a-_z")) << "a '-' after a range is literal (the Java patterns' spelling)";
    EXPECT_TRUE(Pattern("\\d{3}").match("123"));
    EXPECT_FALSE(Pattern("\\d{3}").match("12"));
    EXPECT_FALSE(Pattern("\\d{3}").match("1234"));
    EXPECT_TRUE(Pattern("x{2,}").match("xxxxx"));
    EXPECT_FALSE(Pattern("x{2,}").match("x"));
    EXPECT_TRUE(Pattern("\\s\\S\\w\\W\\D").match("\ta_-x"));
}

TEST(Pattern, LongInputsRunWithoutRecursionOverTheInput) {
    // 4 MB: a recursive backtracking matcher would need a stack frame or more per byte.
    const Pattern destination(kDestinationRegex);
    const std::string tail(4 << 20, 'q');
    EXPECT_TRUE(destination.match("arn:aws:sqs:ap-northeast-2:123456789012:" + tail));
    EXPECT_FALSE(destination.match("arn:aws:sqs:ap-northeast-2:123456789012:" + tail + "\n"));
    const Pattern name(kFunctionNameRegex);
    Pattern::Groups g;
    const std::string long_name(4 << 20, 'f');
    ASSERT_TRUE(name.match(long_name + ":prod", &g));
    EXPECT_EQ(g[11]->end - g[11]->begin, long_name.size());
    EXPECT_EQ(group_text(long_name + ":prod", g, 13), "prod");
}
