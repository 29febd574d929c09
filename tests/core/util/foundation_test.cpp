// util/: time formatting, durations, the seeded generator, base64, the tokenizer.
#include <gtest/gtest.h>
#include "util/base64.h"
#include "util/random.h"
#include "util/timefmt.h"
#include "util/tokenize.h"

using namespace invokelab;

TEST(TimeFormat, EpochIsSecondOfMarch2026At0900Utc) {
    EXPECT_EQ(iso8601_ms(0), "2026-03-02T09:00:00.000Z");
    EXPECT_EQ(iso8601_ms(60000), "2026-03-02T09:01:00.000Z");
    EXPECT_EQ(iso8601_ms(180123), "2026-03-02T09:03:00.123Z");
    EXPECT_EQ(iso8601_micro_offset(1), "2026-03-02T09:00:00.001000+00:00");
    EXPECT_EQ(date_slashes(15 * 3600000), "2026/03/03");
    EXPECT_EQ(rfc1123(0), "Mon, 02 Mar 2026 09:00:00 GMT");
    EXPECT_EQ(clock_hms(3723004), "+01:02:03.004");
}

// The fields are written by hand (not snprintf): padding, every format, and dates far from the
// epoch (a 5-digit year, a year before 1000, a negative year) print as printf's %0Nd would.
TEST(TimeFormat, HandWrittenFieldsMatchPrintf) {
    EXPECT_EQ(iso8601_seconds(3723004), "2026-03-02T10:02:03");
    EXPECT_EQ(iso8601_lambda(45296789), "2026-03-02T21:34:56.789+0000");
    EXPECT_EQ(iso8601_ms(-1), "2026-03-02T08:59:59.999Z");
    constexpr TimeMs kDay = 86400000;
    EXPECT_EQ(date_slashes(-20514 * kDay), "1970/01/01");          // 1970-01-01 is 20 514 days before the epoch
    EXPECT_EQ(iso8601_ms(253402300800000 - kEpochUnixMs), "10000-01-01T00:00:00.000Z");
    EXPECT_EQ(date_slashes(-62135596800000 - kEpochUnixMs), "0001/01/01");
    EXPECT_EQ(date_slashes(-62135596800000 - kEpochUnixMs - kDay), "0000/12/31");
    EXPECT_EQ(date_slashes(-62167219200000 - kEpochUnixMs - kDay), "-001/12/31");
}

// date_slashes keeps the last day's text: each call still names its own day, on both sides of
// a midnight, back again, and before 1970 (a negative day rounds down, not towards zero).
TEST(TimeFormat, DaySlashesFollowTheDayAcrossMidnights) {
    constexpr TimeMs kToMidnight = 15 * 3600000;                    // the epoch is 09:00 UTC
    EXPECT_EQ(date_slashes(kToMidnight - 1), "2026/03/02");
    EXPECT_EQ(date_slashes(kToMidnight), "2026/03/03");
    EXPECT_EQ(date_slashes(kToMidnight - 1), "2026/03/02");
    EXPECT_EQ(date_slashes(0), "2026/03/02");
    EXPECT_EQ(date_slashes(-kEpochUnixMs - 1), "1969/12/31");
    EXPECT_EQ(date_slashes(-kEpochUnixMs), "1970/01/01");
    EXPECT_EQ(date_slashes(-kEpochUnixMs - 86400000), "1969/12/31");
    EXPECT_EQ(date_slashes(-kEpochUnixMs - 86400001), "1969/12/30");
}

TEST(TimeFormat, DurationsParseAndPrint) {
    TimeMs ms = 0;
    ASSERT_TRUE(parse_duration_ms("90s", ms)); EXPECT_EQ(ms, 90000);
    ASSERT_TRUE(parse_duration_ms("2m", ms)); EXPECT_EQ(ms, 120000);
    ASSERT_TRUE(parse_duration_ms("1h30m", ms)); EXPECT_EQ(ms, 5400000);
    ASSERT_TRUE(parse_duration_ms("500ms", ms)); EXPECT_EQ(ms, 500);
    ASSERT_TRUE(parse_duration_ms("1.5s", ms)); EXPECT_EQ(ms, 1500);
    ASSERT_TRUE(parse_duration_ms("250", ms)); EXPECT_EQ(ms, 250);
    EXPECT_FALSE(parse_duration_ms("", ms));
    EXPECT_FALSE(parse_duration_ms("soon", ms));
    EXPECT_FALSE(parse_duration_ms("-5s", ms));
    EXPECT_FALSE(parse_duration_ms("5x", ms));
    EXPECT_EQ(format_duration(120000), "2m");
    EXPECT_EQ(format_duration(90000), "1m30s");
    EXPECT_EQ(format_duration(1500), "1.5s");
    EXPECT_EQ(format_duration(5400000), "1h30m");
}

TEST(Random, SameSeedSameSequenceAndUuidShape) {
    Rng a(42), b(42), c(43);
    const std::string ua = a.uuid4();
    EXPECT_EQ(ua, b.uuid4());
    EXPECT_NE(ua, c.uuid4());
    ASSERT_EQ(ua.size(), 36u);
    EXPECT_EQ(ua[8], '-'); EXPECT_EQ(ua[13], '-'); EXPECT_EQ(ua[18], '-'); EXPECT_EQ(ua[23], '-');
    EXPECT_EQ(ua[14], '4');
    EXPECT_NE(std::string("89ab").find(ua[19]), std::string::npos);
    // mt19937_64 is specified by the standard: its 10000th output for the default seed.
    std::mt19937_64 ref;
    ref.discard(9999);
    EXPECT_EQ(ref(), 9981545732273789042ULL);
}

TEST(Base64, RoundTripsAndRejectsJsonLiterals) {
    EXPECT_EQ(base64_encode("{\"key1\": \"value1\"}"), "eyJrZXkxIjogInZhbHVlMSJ9");
    EXPECT_EQ(base64_decode("eyJrZXkxIjogInZhbHVlMSJ9").value(), "{\"key1\": \"value1\"}");
    EXPECT_EQ(base64_encode("ab"), "YWI=");
    EXPECT_EQ(base64_decode("YWI=").value(), "ab");
    EXPECT_FALSE(base64_decode("{\"key1\": \"value1\"}").has_value());
    EXPECT_FALSE(base64_decode("YW=I").has_value());
}

TEST(Tokenize, QuotesEscapesContinuationsAndComments) {
    auto t = tokenize("aws lambda invoke \\\n    --payload '{\"key1\": \"value1\"}' \\\n    response.json  # done");
    ASSERT_TRUE(t.error.empty());
    EXPECT_EQ(t.words, (std::vector<std::string>{"aws", "lambda", "invoke", "--payload", "{\"key1\": \"value1\"}", "response.json"}));
    t = tokenize("echo \"a \\\"b\\\" c\" d\\ e");
    EXPECT_EQ(t.words, (std::vector<std::string>{"echo", "a \"b\" c", "d e"}));
    t = tokenize("say 'unfinished");
    EXPECT_TRUE(t.incomplete);
    EXPECT_EQ(t.error, "unterminated single quote");
    t = tokenize("aws lambda invoke \\");
    EXPECT_TRUE(t.incomplete);
}
