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
