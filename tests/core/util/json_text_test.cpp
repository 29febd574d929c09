// util/json_text: the payload reader that neither recurses nor scans an object per key.
// Issue 9 findings 1 and 2 (deep nesting crashed, wide objects took O(keys²)).
#include <cmath>
#include <cstdio>
#include <gtest/gtest.h>
#include "util/json_text.h"

using namespace invokelab;

namespace {

std::string nested_arrays(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

std::string nested_objects(std::size_t depth) {
    std::string s;
    for (std::size_t i = 0; i < depth; ++i) s += "{\"a\":";
    s += "1";
    s += std::string(depth, '}');
    return s;
}

// 90 000 keys "k0".."k89999", each with its last digit as value: 978 891 bytes, under the
// 1 MB async limit.
std::string wide_object(std::size_t keys) {
    std::string s = "{";
    char buf[32];
    for (std::size_t i = 0; i < keys; ++i) {
        std::snprintf(buf, sizeof buf, "%s\"k%zu\":%zu", i ? "," : "", i, i % 10);
        s += buf;
    }
    return s + "}";
}

} // namespace

TEST(JsonText, AcceptsExactlyWhatNlohmannAcceptsExceptNumberOverflow) {
    const std::vector<std::string> samples = {
        "{}", "[]", "0", "-0", "1.5e3", "\"x\"", "true", "false", "null", " {\"a\" : [1, 2, {\"b\": null}]} ",
        "\xEF\xBB\xBF{\"bom\":1}", "{\"k\":\"\\u00e9\\ud83d\\ude00\\n\\/\"}", "\"\xED\x9F\xBF\"", "18446744073709551615",
        "-9223372036854775809", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "-", "1e", "+1", "[1 2]", "{\"a\" 1}", "{1:2}",
        "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\x01\"", "\"\xC0\x80\"", "\"\xED\xA0\x80\"", "\"\xF4\x90\x80\x80\"",
        "\"\x87\"", "tru", "nul", "[", "]", "", "   ", "{\"a\":1}x", "\"\\x\"", "NaN", "Infinity", "[[[]]]"};
    for (const auto& text : samples) {
        const bool nlohmann_ok = !ojson::parse(text, nullptr, false).is_discarded();
        EXPECT_EQ(json_valid(text), nlohmann_ok) << text;
        const JsonParse p = parse_json(text);
        EXPECT_EQ(p.ok(), nlohmann_ok) << text;
        if (nlohmann_ok) { EXPECT_EQ(dump_json(p.value), ojson::parse(text).dump()) << text; }
    }
    // Past the double range: valid JSON to Jackson and to Python (float('inf')), refused by nlohmann.
    EXPECT_TRUE(ojson::parse("{\"n\":1e400}", nullptr, false).is_discarded());
    const JsonParse big = parse_json("{\"n\":1e400,\"m\":-1e400}");
    ASSERT_TRUE(big.ok());
    EXPECT_TRUE(std::isinf(big.value["n"].get<double>()));
    EXPECT_LT(big.value["m"].get<double>(), 0);
    EXPECT_EQ(dump_json(big.value), "{\"n\":null,\"m\":null}");
}

TEST(JsonText, ReportsWhereTheTextStopsBeingJson) {
    EXPECT_EQ(parse_json("{\"a\":tru}").error_offset, 5u);
    EXPECT_EQ(parse_json("[1,2,,3]").error_offset, 5u);
    EXPECT_EQ(parse_json("[1] 2").error_offset, 4u);
}

TEST(JsonText, DuplicateKeysKeepTheFirstPositionAndTheLastValue) {
    const JsonParse small = parse_json(R"({"a":1,"b":2,"a":{"c":3}})");
    ASSERT_TRUE(small.ok());
    EXPECT_EQ(dump_json(small.value), R"({"a":{"c":3},"b":2})");
    // Past 8 members the hash index takes over; same rule.
    const JsonParse wide = parse_json(R"({"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k3":33,"k11":11,"k10":[]})");
    ASSERT_TRUE(wide.ok());
    EXPECT_EQ(dump_json(wide.value), R"({"k1":1,"k2":2,"k3":33,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":[],"k11":11})");
    // nlohmann's own parser agrees (operator[] assignment).
    EXPECT_EQ(dump_json(wide.value), ojson::parse(R"({"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k3":33,"k11":11,"k10":[]})").dump());
}

TEST(JsonText, WideObjectOfNinetyThousandKeysKeepsEveryKeyInOrder) {
    const std::string text = wide_object(90'000);
    EXPECT_EQ(text.size(), 978'891u);
    const JsonParse p = parse_json(text);
    ASSERT_TRUE(p.ok());
    ASSERT_EQ(p.value.size(), 90'000u);
    std::size_t i = 0;
    for (const auto& [k, v] : p.value.items()) {
        ASSERT_EQ(k, "k" + std::to_string(i));
        ASSERT_EQ(v.get<std::size_t>(), i % 10);
        ++i;
    }
    EXPECT_EQ(dump_json(p.value), text);
}

TEST(JsonText, DeepNestingIsReadAndWrittenWithoutRecursion) {
    // 3 000 000 levels: the whole 6 MB synchronous payload limit of "[" and "]".
    const std::string deep = nested_arrays(3'000'000);
    EXPECT_TRUE(json_valid(deep));
    const JsonParse limited = parse_json(deep, 8000);
    EXPECT_EQ(limited.status, JsonParse::Status::TooDeep);
    EXPECT_TRUE(limited.deep_array);
    const JsonParse objects = parse_json(nested_objects(20'000), 8000);
    EXPECT_EQ(objects.status, JsonParse::Status::TooDeep);
    EXPECT_FALSE(objects.deep_array);
    // Built and dumped whole at 500 000 levels (the async limit's worth of "{"a":").
    const std::string half_million = nested_objects(500'000);
    const JsonParse built = parse_json(half_million);
    ASSERT_TRUE(built.ok());
    EXPECT_EQ(dump_json(built.value), half_million);
    // Exactly at the limit is fine; one more is not.
    EXPECT_TRUE(parse_json(nested_arrays(8000), 8000).ok());
    EXPECT_EQ(parse_json(nested_arrays(8001), 8000).status, JsonParse::Status::TooDeep);
    // Learner JSON (policies, CLI options) is refused past kLearnerJsonMaxDepth.
    EXPECT_FALSE(parse_learner_json(nested_arrays(kLearnerJsonMaxDepth)).is_discarded());
    EXPECT_TRUE(parse_learner_json(nested_arrays(kLearnerJsonMaxDepth + 1)).is_discarded());
    EXPECT_TRUE(parse_learner_json("{\"a\":").is_discarded());
}
