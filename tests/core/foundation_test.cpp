// Foundations: time formatting, durations, the seeded generator, base64, the tokenizer,
// the Shell's parsing and the generic lab commands.
#include <gtest/gtest.h>
#include "shell/shell.h"
#include "shell/tokenize.h"
#include "util/base64.h"
#include "util/random.h"
#include "util/timefmt.h"

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

TEST(ShellFramework, UnknownProgramAndServiceAndOptions) {
    Shell sh;
    auto r = sh.run("kubectl get pods");
    EXPECT_EQ(r.exit_code, 127);
    EXPECT_EQ(r.err, "kubectl: command not found (try: aws, lab, cat, help)\n");
    r = sh.run("aws nosuchservice list");
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_NE(r.err.find("aws: error: argument command: Invalid choice, valid choices are:"), std::string::npos);
    EXPECT_EQ(r.err.rfind("\nusage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n", 0), 0u);
    r = sh.run("aws --output xml lambda list-functions");
    EXPECT_EQ(r.exit_code, 252);
    r = sh.run("lab nosuch");
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_EQ(r.err.rfind("lab: error: unknown command 'nosuch'", 0), 0u);
    r = sh.run("echo 'open");
    EXPECT_EQ(r.exit_code, 2);
}

TEST(ShellFramework, QueryAndTextOutput) {
    std::string err;
    ojson body = {{"StatusCode", 200}, {"LogResult", "U1RBUlQ="}, {"Items", ojson::array({{{"Id", "a"}}, {{"Id", "b"}}})}};
    EXPECT_EQ(apply_query(body, "LogResult", err), "U1RBUlQ=");
    EXPECT_EQ(apply_query(body, "Items[1].Id", err), "b");
    EXPECT_EQ(apply_query(body, "Items[*].Id", err), ojson::array({"a", "b"}));
    EXPECT_TRUE(apply_query(body, "Missing", err).is_null());
    EXPECT_EQ(cli_text(ojson("U1RBUlQ=")), "U1RBUlQ=\n");
    EXPECT_EQ(cli_json(ojson{{"StatusCode", 202}}), "{\n    \"StatusCode\": 202\n}\n");
}

TEST(ShellFramework, ShorthandParsing) {
    ojson out;
    std::string err;
    ASSERT_TRUE(parse_shorthand_or_json("TargetArn=arn:aws:sqs:ap-northeast-2:123456789012:lambda-DLQ", out, err));
    EXPECT_EQ(out["TargetArn"], "arn:aws:sqs:ap-northeast-2:123456789012:lambda-DLQ");
    ASSERT_TRUE(parse_shorthand_or_json("A=1,B=x,y", out, err));
    EXPECT_EQ(out["A"], "1");
    EXPECT_EQ(out["B"], "x,y");
    ASSERT_TRUE(parse_shorthand_or_json("{\"OnFailure\":{\"Destination\":\"arn:x\"}}", out, err));
    EXPECT_EQ(out["OnFailure"]["Destination"], "arn:x");
    EXPECT_FALSE(parse_shorthand_or_json("{broken", out, err));
}

TEST(LabCommands, AdvanceTimeAndReset) {
    Shell sh(7);
    auto r = sh.run("lab advance 90s");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(sh.world().now(), 90000);
    r = sh.run("lab advance 1h30m");
    EXPECT_EQ(sh.world().now(), 90000 + 5400000);
    r = sh.run("lab advance soon");
    EXPECT_EQ(r.exit_code, 252);
    EXPECT_EQ(r.err, "usage: lab advance DURATION\nlab: error: invalid duration 'soon' (try 90s, 2m, 1h30m, 500ms)\n");
    EXPECT_EQ(sh.world().now(), 5490000);           // a bad command changes nothing
    r = sh.run("lab time");
    EXPECT_EQ(r.out, "t=5490000ms (+01:31:30.000) 2026-03-02T10:31:30.000Z  nothing scheduled\n");
    r = sh.run("lab reset --seed 9");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(sh.world().now(), 0);
    EXPECT_EQ(sh.world().seed(), 9u);
    r = sh.run("lab trace");
    EXPECT_EQ(r.out, "{\"i\":0,\"t\":0,\"kind\":\"world.reset\",\"detail\":{\"seed\":9}}\n");
}
