// Scenario text, session text, share links, and loading them without ever half-loading a world.
#include <gtest/gtest.h>
#include "learn/scenario.h"
#include "learn/share.h"
#include "learn_test_util.h"
#include "shell/scenario.h"
#include "shell/shell.h"

namespace invokelab {
namespace {

using testing::first_difference;

const char* kInvokeAsync =
    "aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out "
    "--payload '{\"key1\":\"value1\"}' response.json";

// [SECTION] Parsing and formatting

TEST(LearnScenario, ParsesHeadersTimesAndContinuations) {
    const std::string text =
        "# title: Retries\n"
        "# seed: 7\n"
        "\n"
        "   # a comment for people\n"
        "lab fail demo-lambda always\r\n"
        "@1500 aws lambda invoke --function-name demo-lambda \\\n"
        "  --invocation-type Event r.json\n"
        "@2000 aws lambda invoke --function-name demo-lambda --payload '{\"a\":\n"
        "1}' r.json\n"
        "# advance: 4m\n"
        "# now: 250000\n";
    const ScenarioParse p = parse_scenario(text);
    ASSERT_TRUE(p.ok) << p.error.en;
    EXPECT_EQ(p.scenario.seed, 7u);
    EXPECT_EQ(p.scenario.title, "Retries");
    ASSERT_EQ(p.scenario.lines.size(), 3u);
    EXPECT_FALSE(p.scenario.lines[0].at.has_value());
    EXPECT_EQ(p.scenario.lines[0].text, "lab fail demo-lambda always");
    EXPECT_EQ(p.scenario.lines[0].source_line, 5);
    EXPECT_EQ(p.scenario.lines[1].at, 1500);
    EXPECT_EQ(p.scenario.lines[1].text, "aws lambda invoke --function-name demo-lambda \\\n  --invocation-type Event r.json");
    EXPECT_EQ(p.scenario.lines[2].at, 2000);
    EXPECT_EQ(p.scenario.lines[2].text, "aws lambda invoke --function-name demo-lambda --payload '{\"a\":\n1}' r.json");
    EXPECT_EQ(p.scenario.advance, 240000);
    EXPECT_EQ(p.scenario.now, 250000);
}

TEST(LearnScenario, DefaultsAndFormatRoundTrip) {
    const ScenarioParse empty = parse_scenario("");
    ASSERT_TRUE(empty.ok);
    EXPECT_EQ(empty.scenario.seed, 1u);
    EXPECT_TRUE(empty.scenario.lines.empty());
    EXPECT_FALSE(empty.scenario.advance.has_value());

    const ScenarioParse p = parse_scenario("# seed: 9223372036854775807\n# title: t\nlab time\n@5 lab fail demo-lambda \\\n first 2\n# advance: 1500ms\n# now: 31536000000\n");
    ASSERT_TRUE(p.ok) << p.error.en;
    const std::string formatted = format_scenario(p.scenario);
    EXPECT_EQ(formatted, "# seed: 9223372036854775807\n# title: t\nlab time\n@5 lab fail demo-lambda \\\n first 2\n# advance: 1500ms\n# now: 31536000000\n");
    const ScenarioParse again = parse_scenario(formatted);
    ASSERT_TRUE(again.ok);
    EXPECT_EQ(again.scenario.seed, p.scenario.seed);
    EXPECT_EQ(again.scenario.lines, p.scenario.lines);
    EXPECT_EQ(again.scenario.advance, p.scenario.advance);
    EXPECT_EQ(again.scenario.now, p.scenario.now);
}

// Found by fuzz/scenario_fuzzer: a line ending in several '\r's lost only one of them, so the
// text format_scenario wrote parsed to a different line ("lab time\r" became "lab time"), also
// inside a quoted command continued over lines.
TEST(LearnScenario, TrailingCarriageReturnsAreAllDroppedSoFormatRoundTrips) {
    const ScenarioParse p = parse_scenario("lab time\r\r\nlab fail demo-lambda always --message 'a\r\r\r\nb'\r\r\nlab run\r\r");
    ASSERT_TRUE(p.ok) << p.error.en;
    ASSERT_EQ(p.scenario.lines.size(), 3u);
    EXPECT_EQ(p.scenario.lines[0].text, "lab time");
    EXPECT_EQ(p.scenario.lines[1].text, "lab fail demo-lambda always --message 'a\nb'");
    EXPECT_EQ(p.scenario.lines[2].text, "lab run");
    const std::string formatted = format_scenario(p.scenario);
    EXPECT_EQ(formatted, "# seed: 1\nlab time\nlab fail demo-lambda always --message 'a\nb'\nlab run\n");
    const ScenarioParse again = parse_scenario(formatted);
    ASSERT_TRUE(again.ok) << again.error.en;
    EXPECT_EQ(again.scenario.lines, p.scenario.lines);
}

struct BadScenario { std::string text, en, ko; };

TEST(LearnScenario, RefusesMalformedTextWithBothLanguages) {
    const std::vector<BadScenario> cases = {
        {"# seed: -1\n", "Scenario line 1: the seed must be a whole number from 0 to 9223372036854775807, not '-1'.",
         "시나리오 1번째 줄: seed는 0부터 9223372036854775807까지의 정수여야 합니다 ('-1')."},
        {"# seed: 9223372036854775808\n", "Scenario line 1: the seed must be a whole number from 0 to 9223372036854775807, not '9223372036854775808'.", ""},
        {"# seed: 1\n# seed: 2\n", "Scenario line 2: the seed is given twice.", "시나리오 2번째 줄: seed가 두 번 적혀 있습니다."},
        {"# advance: soon\n", "Scenario line 1: 'advance' must be a duration such as 90s, 4m or 1h30m, not 'soon'.", ""},
        {"# advance: 366d\n", "Scenario line 1: 'advance' may be at most one virtual year (31536000000 ms).", ""},
        {"# now: 31536000001\n", "Scenario line 1: 'now' must be virtual milliseconds from 0 to 31536000000, not '31536000001'.", ""},
        {"# now: 5m\n", "Scenario line 1: 'now' must be virtual milliseconds from 0 to 31536000000, not '5m'.", ""},
        {"lab time\n@abc lab time\n", "Scenario line 2: '@' must be followed by virtual milliseconds, a space and a command (e.g. '@60000 lab time').", ""},
        {"@100\n", "Scenario line 1: '@' must be followed by virtual milliseconds, a space and a command (e.g. '@60000 lab time').", ""},
        {"@100   \n", "Scenario line 1: there is no command after '@100'.", "시나리오 1번째 줄: '@100' 뒤에 명령이 없습니다."},
        {"@31536000001 lab time\n", "Scenario line 1: '@31536000001' is later than one virtual year (31536000000 ms).", ""},
        {"lab time\nlab fail demo-lambda 'always\n", "Scenario line 2: the command is not finished (an open quote or a trailing '\\').",
         "시나리오 2번째 줄: 명령이 끝나지 않았습니다 (닫히지 않은 따옴표 또는 끝의 '\\')."},
        {"lab time \\", "Scenario line 1: the command is not finished (an open quote or a trailing '\\').", ""},
        {std::string("lab time\xff\n"), "Scenario: the text is not valid UTF-8.", "시나리오: 텍스트가 올바른 UTF-8이 아닙니다."},
        {std::string("lab time\n\xed\xa0\x80\n"), "Scenario: the text is not valid UTF-8.", ""},       // a surrogate
        {std::string("lab time\n\xc0\xaf\n"), "Scenario: the text is not valid UTF-8.", ""},           // overlong '/'
        {std::string("lab\0time\n", 9), "Scenario: the text contains a NUL character.", ""},
    };
    for (const auto& c : cases) {
        const ScenarioParse p = parse_scenario(c.text);
        EXPECT_FALSE(p.ok) << c.text;
        EXPECT_EQ(p.error.en, c.en) << c.text;
        if (!c.ko.empty()) { EXPECT_EQ(p.error.ko, c.ko) << c.text; }
        EXPECT_FALSE(p.error.ko.empty());
    }
}

TEST(LearnScenario, Limits) {
    std::string big(kMaxScenarioBytes + 1, '#');
    EXPECT_EQ(parse_scenario(big).error.en, "Scenario: the text is 65537 bytes; at most 65536 (64 KiB) are allowed.");
    std::string at_limit = std::string(kMaxScenarioLineBytes, 'x');
    EXPECT_TRUE(parse_scenario("# " + at_limit.substr(2) + "\n").ok);
    EXPECT_EQ(parse_scenario("lab time\n# " + at_limit + "\n").error.en, "Scenario line 2: the line is 8194 bytes; at most 8192 are allowed.");
    EXPECT_EQ(parse_scenario("lab fail demo-lambda 'x\n" + at_limit + "x'\n").error.en,
              "Scenario line 2: the line is 8194 bytes; at most 8192 are allowed.");
    std::string many;
    for (int i = 0; i < 400; ++i) many += "lab time\n";
    EXPECT_TRUE(parse_scenario(many).ok);
    EXPECT_EQ(parse_scenario(many + "lab time\n").error.en, "Scenario line 401: more than 400 commands; a scenario may hold at most 400.");
    EXPECT_TRUE(parse_scenario("@31536000000 lab time\n# now: 31536000000\n# advance: 365d\n").ok);
}

// [SECTION] Session text

TEST(LearnScenario, SessionTextKeepsTimedLinesAndSkipsNonCommands) {
    Shell sh(3);
    sh.run("lab fail demo-lambda always");
    sh.world().scheduler.run_until(1234);
    sh.run("aws lambda invoke --function-name demo-lambda \\\n  --invocation-type Event r.json");
    sh.run("nosuchprogram --x");                   // unknown program: not kept
    sh.run("lab fail 'demo");                      // does not tokenize: not kept
    sh.run("   # only a comment");                 // nothing to run: not kept
    sh.run("lab nosuch");                          // a lab error is still a line that ran
    sh.run("lab advance 1m\nlab time");            // one line with a plain newline (a word break)
    EXPECT_EQ(sh.history().size(), 4u);
    EXPECT_EQ(sh.session_text(),
              "# seed: 3\n"
              "@0 lab fail demo-lambda always\n"
              "@1234 aws lambda invoke --function-name demo-lambda \\\n  --invocation-type Event r.json\n"
              "@1234 lab nosuch\n"
              "@1234 lab advance 1m lab time\n"
              "# now: 1234\n");
    sh.run("lab reset --seed 5");                  // history restarts; the reset line is not part of it
    sh.run("lab time");
    EXPECT_EQ(sh.session_text(), "# seed: 5\n@0 lab time\n# now: 0\n");
}

// [SECTION] Loading

// Builds a world through a bad load attempt (or none) and then one more invoke, and returns its trace.
std::string trace_after(const std::string* bad_text) {
    Shell sh(4);
    sh.run("lab fail demo-lambda first 1");
    sh.world().scheduler.run_until(700);
    sh.run(kInvokeAsync);
    sh.world().scheduler.run_until(900);
    const std::size_t size = sh.world().trace.size();
    const std::string session = sh.session_text();
    if (bad_text) {
        const ScenarioLoad load = load_scenario_text(sh, *bad_text);
        EXPECT_FALSE(load.ok) << *bad_text;
        EXPECT_FALSE(load.error.en.empty());
        EXPECT_FALSE(load.error.ko.empty());
        EXPECT_EQ(sh.world().trace.size(), size);
        EXPECT_EQ(sh.world().now(), 900);
        EXPECT_EQ(sh.session_text(), session);
    }
    sh.run(kInvokeAsync);
    sh.run("lab run");
    return sh.world().trace.to_json_lines();
}

TEST(LearnScenario, FailedLoadLeavesTheWorldUntouched) {
    const std::string clean = trace_after(nullptr);
    const std::vector<std::string> bad = {
        "# seed: x\nlab time\n",                                  // refused while parsing
        "lab advance 10s\n@5000 lab time\n",                      // refused while replaying: time goes backwards
        "@100 lab time\n# now: 50\n",                            // 'now' before the clock
        std::string(70000, 'a'),
    };
    for (const auto& b : bad) EXPECT_SAME_TEXT(clean, trace_after(&b)) << b.substr(0, 60);
    Shell sh(4);
    EXPECT_EQ(load_scenario_text(sh, "lab advance 10s\n@5000 lab time\n").error.en,
              "Scenario line 2: time cannot go backwards (5000 ms is before the clock, already at 10000 ms).");
    EXPECT_EQ(load_scenario_text(sh, "@100 lab time\n# now: 50\n").error.ko,
              "시나리오의 now: 시간은 거꾸로 갈 수 없습니다 (50 ms는 이미 100 ms인 시계보다 앞섭니다).");
}

TEST(LearnScenario, LoadRunsLinesAdvanceAndNow) {
    Shell sh(1);
    sh.run("lab advance 5m");
    const ScenarioLoad load = load_scenario_text(sh, "# seed: 2\nlab fail demo-lambda always\n@1000 " + std::string(kInvokeAsync) +
                                                         "\n# advance: 1m\n# now: 90000\n");
    ASSERT_TRUE(load.ok) << load.error.en;
    EXPECT_EQ(sh.world().seed(), 2u);
    EXPECT_EQ(sh.world().now(), 90000);
    // Attempt 1 at 1005 ms (accepted at 1000 + the 5 ms poll delay), so the retry waits past 61 s: one attempt so far.
    const ojson inv = sh.world().state_json()["lambda"]["invocations"][0];
    EXPECT_EQ(inv["acceptedAt"], 1000);
    EXPECT_EQ(inv["attempts"].size(), 2u);
    EXPECT_EQ(inv["attempts"][0]["start"], 1005);
    EXPECT_EQ(inv["attempts"][1]["start"].get<std::int64_t>(), inv["attempts"][0]["end"].get<std::int64_t>() + 60000);
    ASSERT_EQ(sh.history().size(), 2u);
    EXPECT_EQ(sh.history()[1].at, 1000);
    // A failing line is replayed as it was.
    ASSERT_TRUE(load_scenario_text(sh, "aws lambda invoke --function-name nope r.json\nlab time\n").ok);
    EXPECT_EQ(sh.history().size(), 2u);
    EXPECT_EQ(sh.world().state_json()["lambda"]["invocations"][0]["statusCode"], 404);
}

// [SECTION] Share links

TEST(LearnShare, Base64urlCodec) {
    EXPECT_EQ(encode_share_fragment(""), "");
    EXPECT_EQ(encode_share_fragment("f"), "Zg");
    EXPECT_EQ(encode_share_fragment("fo"), "Zm8");
    EXPECT_EQ(encode_share_fragment("foo"), "Zm9v");
    EXPECT_EQ(encode_share_fragment("\xfb\xff\xfe"), "-__-");   // the URL-safe characters
    EXPECT_EQ(encode_share_fragment("시간"), "7Iuc6rCE");
    for (const std::string s : {"f", "fo", "foo", "foob", "fooba", "foobar", "# seed: 1\n@0 lab time\n# now: 0\n", "시간 ~?"}) {
        const ShareDecode d = decode_share_fragment(encode_share_fragment(s));
        ASSERT_TRUE(d.ok) << s;
        EXPECT_EQ(d.text, s);
    }
    EXPECT_EQ(decode_share_fragment("#s=Zm9v").text, "foo");
    EXPECT_EQ(decode_share_fragment("s=Zm9v").text, "foo");
}

TEST(LearnShare, RefusesBrokenFragments) {
    EXPECT_EQ(decode_share_fragment("").error.en, "This link holds no session (nothing after #s=).");
    EXPECT_EQ(decode_share_fragment("Zm9v+A").error.en,
              "This link is damaged: '+' at position 5 is not a base64url character (A-Z a-z 0-9 - _).");
    EXPECT_EQ(decode_share_fragment("Zm9v=").error.en,
              "This link is damaged: '=' at position 5 is not a base64url character (A-Z a-z 0-9 - _).");
    EXPECT_EQ(decode_share_fragment("Zm 9").error.en,
              "This link is damaged: byte 32 at position 3 is not a base64url character (A-Z a-z 0-9 - _).");
    EXPECT_EQ(decode_share_fragment("Zm9vY").error.en,
              "This link is damaged: its length (5) is impossible for base64url; part of it may have been cut off.");
    EXPECT_EQ(decode_share_fragment("_w").error.en, "This link is damaged: its content is not UTF-8 text.");  // 0xFF
    EXPECT_EQ(decode_share_fragment("_w").error.ko, "이 링크가 손상되었습니다: 내용이 UTF-8 텍스트가 아닙니다.");
    const std::string long_fragment(24001, 'A');
    EXPECT_EQ(decode_share_fragment(long_fragment).error.en,
              "This link is too long (24001 characters after #s=; at most 24000). Share a shorter session.");
    EXPECT_TRUE(decode_share_fragment(std::string(24000, 'A')).ok);
    Shell sh(1);
    const std::size_t size = sh.world().trace.size();
    EXPECT_FALSE(load_share_fragment(sh, long_fragment).ok);
    EXPECT_FALSE(load_share_fragment(sh, encode_share_fragment("# seed: nope\n")).ok);
    EXPECT_EQ(sh.world().trace.size(), size);
}

// Whatever the page hands over (a pasted link, a mangled fragment), decoding and parsing answer
// calmly: either ok, or a message in both languages. Deterministic pseudo-random inputs.
TEST(LearnShare, FuzzedFragmentsAndTextsNeverThrow) {
    const std::string alphabet = "ABCxyz019-_+/= #s\n\r'\"\\@%\x80\xc3\xa9\xff";
    std::uint64_t x = 99;
    auto next = [&] { x = x * 6364136223846793005ULL + 1442695040888963407ULL; return x >> 33; };
    int decoded = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string f;
        const std::size_t n = next() % 40;
        for (std::size_t i = 0; i < n; ++i) f += alphabet[next() % alphabet.size()];
        if (round % 2 == 0) {                      // half the rounds: a real link of random text
            const std::string text = "# seed: " + std::to_string(next() % 9) + "\n" + f + "\n시간\n";
            if (is_valid_utf8(text)) {
                f = encode_share_fragment(text);
                const ShareDecode back = decode_share_fragment(f);
                ASSERT_TRUE(back.ok) << back.error.en;
                EXPECT_EQ(back.text, text);
            }
        }
        ShareDecode d;
        ASSERT_NO_THROW(d = decode_share_fragment(f)) << f;
        if (d.ok) {
            ++decoded;
            EXPECT_TRUE(is_valid_utf8(d.text));
            EXPECT_EQ(encode_share_fragment(d.text).size(), f.size() - (f.rfind("#s=", 0) == 0 ? 3 : f.rfind("s=", 0) == 0 ? 2 : 0));
            ScenarioParse p;
            ASSERT_NO_THROW(p = parse_scenario(d.text));
            if (!p.ok) { EXPECT_FALSE(p.error.en.empty() || p.error.ko.empty()); }
        } else {
            EXPECT_FALSE(d.error.en.empty() || d.error.ko.empty()) << f;
        }
        ScenarioParse p;
        ASSERT_NO_THROW(p = parse_scenario(f)) << f;
        if (!p.ok) { EXPECT_FALSE(p.error.en.empty() || p.error.ko.empty()) << f; }
    }
    EXPECT_GT(decoded, 200);
}

// A session as the canvas makes it: time moves by run_until in many small uneven steps (60x
// playback) between commands, with an async failing invoke, its retries and a DLQ.
TEST(LearnShare, SessionReplaysToByteIdenticalTraceAndState) {
    Shell sh(11);
    const std::string role = sh.world().state_json()["iam"][0]["name"].get<std::string>();
    const std::vector<std::string> commands = {
        "aws sqs create-queue --queue-name demo-dlq",
        "aws iam attach-role-policy --role-name " + role + " --policy-arn arn:aws:iam::aws:policy/AmazonSQSFullAccess",
        "aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config "
        "TargetArn=arn:aws:sqs:ap-northeast-2:123456789012:demo-dlq",
        "lab fail demo-lambda always",
        kInvokeAsync,
        "aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload '{\"k\":\n2}' out.json",
        "aws lambda invoke --function-name demo-lambda --payload '{\"key1\":\"value1\"}' out.json",   // a CLI error (not base64)
        kInvokeAsync,
        "aws sqs receive-message --queue-url https://sqs.ap-northeast-2.amazonaws.com/123456789012/demo-dlq --message-attribute-names All",
    };
    std::uint64_t x = 12345;
    std::size_t next_command = 0;
    for (int frame = 0; frame < 9000; ++frame) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        const TimeMs step = static_cast<TimeMs>((x >> 33) % 97) + 1;   // 1..97 ms, uneven
        sh.world().scheduler.run_until(sh.world().now() + step);
        // Commands every ~20 s of virtual time; the last one (receive the DLQ message) after the retries ended.
        const bool due = next_command + 1 < commands.size() ? frame % 400 == 17 : frame == 8800;
        if (due && next_command < commands.size()) sh.run(commands[next_command++]);
    }
    ASSERT_EQ(next_command, commands.size());
    const std::string trace = sh.world().trace.to_json_lines();
    ASSERT_NE(trace.find("\"dlq.sent\""), std::string::npos);
    ASSERT_NE(trace.find("\"retry.scheduled\""), std::string::npos);
    ASSERT_NE(trace.find("\"cli.error\""), std::string::npos);
    ASSERT_NE(trace.find("\"sqs.received\""), std::string::npos);

    const std::string fragment = encode_share_fragment(sh.session_text());
    ASSERT_LE(fragment.size(), kMaxShareFragmentChars);
    Shell other(1);
    other.run("lab advance 1h");
    const ScenarioLoad load = load_share_fragment(other, fragment);
    ASSERT_TRUE(load.ok) << load.error.en;
    EXPECT_SAME_TEXT(trace, other.world().trace.to_json_lines());
    EXPECT_SAME_TEXT(sh.world().state_json().dump(1), other.world().state_json().dump(1));
    EXPECT_EQ(other.session_text(), sh.session_text());
}

} // namespace
} // namespace invokelab
