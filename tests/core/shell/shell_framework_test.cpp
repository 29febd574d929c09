// shell/: the Shell's parsing and the generic lab commands.
#include <gtest/gtest.h>
#include "shell/shell.h"

using namespace invokelab;

TEST(ShellFramework, UnknownProgramAndServiceAndOptions) {
    Shell sh;
    auto r = sh.run("kubectl get pods");
    EXPECT_EQ(r.exit_code, 127);
    EXPECT_EQ(r.err, "kubectl: command not found (try: aws, lab, cat, zip, help, redis-cli)\n");
    r = sh.run("aws nosuchservice list");
    EXPECT_EQ(r.exit_code, 252);
    // CLI 2.36.7: the error line first, the usage last (reference §1.4).
    EXPECT_EQ(r.err.rfind("\naws: [ERROR]: An error occurred (ParamValidation): argument command: Found invalid choice 'nosuchservice'\n", 0), 0u);
    EXPECT_NE(r.err.find("\nusage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n"), std::string::npos);
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
    EXPECT_EQ(out["B"], ojson::array({"x", "y"}));          // a comma not followed by "key=" makes a list
    ASSERT_TRUE(parse_shorthand_or_json("{\"OnFailure\":{\"Destination\":\"arn:x\"}}", out, err));
    EXPECT_EQ(out["OnFailure"]["Destination"], "arn:x");
    EXPECT_FALSE(parse_shorthand_or_json("{broken", out, err));
}

// Each expected value or message is what awscli's ShorthandParser (awscli/shorthand.py) returns
// for the same text (its caret location included).
TEST(ShellFramework, ShorthandIsTheCliGrammar) {
    ojson out;
    std::string err;
    ASSERT_TRUE(parse_shorthand_or_json("OnFailure={Destination=arn:aws:sqs:us-east-1:1:q},OnSuccess={Destination=arn:x}", out, err));
    EXPECT_EQ(out.dump(), R"({"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:1:q"},"OnSuccess":{"Destination":"arn:x"}})");
    ASSERT_TRUE(parse_shorthand_or_json("a=[1,[2,3]],b={c=[{d=e}]}", out, err));
    EXPECT_EQ(out.dump(), R"({"a":["1",["2","3"]],"b":{"c":[{"d":"e"}]}})");
    ASSERT_TRUE(parse_shorthand_or_json("a=b,c,d=e,f", out, err));
    EXPECT_EQ(out.dump(), R"({"a":["b","c"],"d":["e","f"]})");
    ASSERT_TRUE(parse_shorthand_or_json("a='x,y',b=\"q\\\"q\",c=b\\,c", out, err));
    EXPECT_EQ(out.dump(), R"({"a":"x,y","b":"q\"q","c":"b,c"})");
    ASSERT_TRUE(parse_shorthand_or_json("a=한글,b=", out, err));
    EXPECT_EQ(out.dump(), R"({"a":"한글","b":""})");

    EXPECT_FALSE(parse_shorthand_or_json("Att%%ributeName=user_id,KeyType=HASH", out, err));
    EXPECT_EQ(err, "Expected: '=', received: '%' for input:\nAtt%%ributeName=user_id,KeyType=HASH\n   ^");
    EXPECT_FALSE(parse_shorthand_or_json("a=b,", out, err));
    EXPECT_EQ(err, "Expected: '<second>', received: '<none>' for input:\na=b,\n    ^");
    EXPECT_FALSE(parse_shorthand_or_json("a={k=v", out, err));
    EXPECT_EQ(err, "Expected: ',', received: 'EOF' for input:\na={k=v\n      ^");
    EXPECT_FALSE(parse_shorthand_or_json("a=b,\nc==d", out, err));
    EXPECT_EQ(err, "Expected: ',', received: '=' for input:\na=b,\nc==d\n  ^");
    EXPECT_FALSE(parse_shorthand_or_json("a='unclosed", out, err));
    EXPECT_EQ(err, "Expected: '<singled quoted>', received: '<none>' for input:\na='unclosed\n  ^");
    EXPECT_FALSE(parse_shorthand_or_json("a=b,a=c", out, err));
    EXPECT_EQ(err, "Second instance of key \"a\" encountered for input:\na=b,a=c\n    ^\n"
                   "This is often because there is a preceding \",\" instead of a space.");

    // key@=file://path reads the value from a file; a missing file is the paramfile error.
    const ShorthandFileReader files = [](const std::string& path) -> std::optional<std::string> {
        if (path == "arn.txt") return std::string("arn:aws:sqs:us-east-1:1:dlq");
        return std::nullopt;
    };
    ASSERT_TRUE(parse_shorthand_or_json("TargetArn@=file://arn.txt,Note=file://arn.txt", out, err, files));
    EXPECT_EQ(out.dump(), R"({"TargetArn":"arn:aws:sqs:us-east-1:1:dlq","Note":"file://arn.txt"})");
    EXPECT_FALSE(parse_shorthand_or_json("TargetArn@=file://nope.txt", out, err, files));
    EXPECT_EQ(err, "Unable to load paramfile file://nope.txt: [Errno 2] No such file or directory: 'nope.txt'");
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
