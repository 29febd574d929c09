// The Redis-like key-value store: SET NX / XX / EX on the virtual clock, INCR, DEL, EXISTS,
// KEYS, sets, Redis's error lines, the reply JSON of World::call_service and redis-cli's
// terminal form.
#include <gtest/gtest.h>
#include "shell/shell.h"
#include "world/world.h"

using namespace invokelab;

namespace {

std::string cli(KvService& kv, const std::vector<std::string>& args, const std::string& rid = {}) {
    return redis_cli_text(kv.execute(args, rid));
}

} // namespace

TEST(KvStore, SetNxTwiceGivesOkThenNil) {
    World w(1);
    EXPECT_EQ(cli(w.kv, {"SET", "order-1", "done", "NX"}, "r-1"), "OK\n");
    EXPECT_EQ(cli(w.kv, {"SET", "order-1", "again", "NX"}, "r-1"), "(nil)\n");
    EXPECT_EQ(cli(w.kv, {"GET", "order-1"}), "\"done\"\n");
    EXPECT_EQ(cli(w.kv, {"SET", "order-2", "x", "XX"}), "(nil)\n");
    EXPECT_EQ(cli(w.kv, {"SETNX", "order-1", "y"}), "(integer) 0\n");
    EXPECT_EQ(cli(w.kv, {"set", "order-1", "new", "xx", "get"}), "\"done\"\n");
    std::vector<std::string> kinds;
    for (const auto& e : w.trace.entries()) if (e.kind.rfind("kv.", 0) == 0) kinds.push_back(std::string(e.kind) + "@" + std::string(e.request_id));
    EXPECT_EQ(kinds, (std::vector<std::string>{"kv.set@r-1", "kv.set-skipped@r-1", "kv.set-skipped@", "kv.set-skipped@", "kv.set@"}));
    EXPECT_EQ(w.state_json()["kv"], ojson::parse(R"({"keys":[{"key":"order-1","type":"string","value":"new"}],
        "lastChange":{"key":"order-1","operation":"SET","requestId":"","time":0}})"));
}

TEST(KvStore, IncrAndItsErrors) {
    World w(1);
    EXPECT_EQ(cli(w.kv, {"INCR", "points"}), "(integer) 1\n");
    EXPECT_EQ(cli(w.kv, {"INCRBY", "points", "99"}), "(integer) 100\n");
    EXPECT_EQ(cli(w.kv, {"DECRBY", "points", "-5"}), "(integer) 105\n");
    EXPECT_EQ(cli(w.kv, {"SET", "name", "kim"}), "OK\n");
    EXPECT_EQ(cli(w.kv, {"INCR", "name"}), "(error) ERR value is not an integer or out of range\n");
    EXPECT_EQ(cli(w.kv, {"INCRBY", "points", "1.5"}), "(error) ERR value is not an integer or out of range\n");
    EXPECT_EQ(cli(w.kv, {"SET", "big", "9223372036854775807"}), "OK\n");
    EXPECT_EQ(cli(w.kv, {"INCR", "big"}), "(error) ERR increment or decrement would overflow\n");
    EXPECT_EQ(cli(w.kv, {"GET"}), "(error) ERR wrong number of arguments for 'get' command\n");
    EXPECT_EQ(cli(w.kv, {"HSET", "h", "f", "v"}), "(error) ERR unknown command 'HSET', with args beginning with: 'h' 'f' 'v' \n");
    EXPECT_EQ(cli(w.kv, {"SET", "k", "v", "NX", "XX"}), "(error) ERR syntax error\n");
    EXPECT_EQ(cli(w.kv, {"SET", "k", "v", "EX", "0"}), "(error) ERR invalid expire time in 'set' command\n");
    EXPECT_EQ(cli(w.kv, {"SET", "k", "v", "EX", "ten"}), "(error) ERR value is not an integer or out of range\n");
    EXPECT_EQ(cli(w.kv, {"SADD", "seen", "a", "b", "a"}), "(integer) 2\n");
    EXPECT_EQ(cli(w.kv, {"GET", "seen"}), "(error) WRONGTYPE Operation against a key holding the wrong kind of value\n");
    EXPECT_EQ(cli(w.kv, {"SMEMBERS", "seen"}), "1) \"a\"\n2) \"b\"\n");
    EXPECT_EQ(cli(w.kv, {"SISMEMBER", "seen", "b"}), "(integer) 1\n");
    EXPECT_EQ(cli(w.kv, {"TYPE", "seen"}), "set\n");
}

TEST(KvStore, ExpiryRunsOnTheVirtualClock) {
    World w(1);
    EXPECT_EQ(cli(w.kv, {"SET", "lock", "1", "NX", "EX", "60"}), "OK\n");
    EXPECT_EQ(cli(w.kv, {"TTL", "lock"}), "(integer) 60\n");
    w.scheduler.run_until(59'999);
    EXPECT_EQ(cli(w.kv, {"PTTL", "lock"}), "(integer) 1\n");
    EXPECT_EQ(cli(w.kv, {"SET", "lock", "2", "NX"}), "(nil)\n");
    w.scheduler.run_until(60'000);
    EXPECT_EQ(cli(w.kv, {"EXISTS", "lock"}), "(integer) 0\n");
    EXPECT_EQ(cli(w.kv, {"SET", "lock", "2", "NX", "PX", "1500"}), "OK\n");
    EXPECT_EQ(w.state_json()["kv"]["keys"], ojson::parse(R"([{"key":"lock","type":"string","value":"2","ttlMs":1500}])"));
    EXPECT_EQ(cli(w.kv, {"TTL", "nothing"}), "(integer) -2\n");
    EXPECT_EQ(cli(w.kv, {"SET", "plain", "v"}), "OK\n");
    EXPECT_EQ(cli(w.kv, {"TTL", "plain"}), "(integer) -1\n");
}

TEST(KvStore, DelExistsKeysAndArrays) {
    World w(1);
    for (const char* k : {"evt:1", "evt:2", "evt:10", "user:1"}) w.kv.execute({"SET", k, "x"});
    EXPECT_EQ(cli(w.kv, {"KEYS", "evt:?"}), "1) \"evt:1\"\n2) \"evt:2\"\n");
    EXPECT_EQ(cli(w.kv, {"KEYS", "*"}), "1) \"evt:1\"\n2) \"evt:10\"\n3) \"evt:2\"\n4) \"user:1\"\n");
    EXPECT_EQ(cli(w.kv, {"KEYS", "evt:[12]*"}), "1) \"evt:1\"\n2) \"evt:10\"\n3) \"evt:2\"\n");
    EXPECT_EQ(cli(w.kv, {"KEYS", "nope*"}), "(empty array)\n");
    EXPECT_EQ(cli(w.kv, {"EXISTS", "evt:1", "evt:1", "nope"}), "(integer) 2\n");
    EXPECT_EQ(cli(w.kv, {"DEL", "evt:1", "nope"}), "(integer) 1\n");
    EXPECT_EQ(cli(w.kv, {"DBSIZE"}), "(integer) 3\n");
    for (int i = 0; i < 8; ++i) w.kv.execute({"SADD", "many", "m" + std::to_string(i)});
    w.kv.execute({"SADD", "many", "m8", "m9"});
    EXPECT_EQ(cli(w.kv, {"SMEMBERS", "many"}).substr(0, 18), " 1) \"m0\"\n 2) \"m1\"\n");
    EXPECT_EQ(cli(w.kv, {"SET", "quoted", "say \"hi\"\n한"}), "OK\n");
    EXPECT_EQ(cli(w.kv, {"GET", "quoted"}), "\"say \\\"hi\\\"\\n\\xed\\x95\\x9c\"\n");
    EXPECT_TRUE(redis_glob_match("a*b*c", "aXXbYYc"));
    EXPECT_FALSE(redis_glob_match("a*b*c", "aXXbYY"));
    EXPECT_TRUE(redis_glob_match("[^a]x", "bx"));
    EXPECT_TRUE(redis_glob_match("h\\*", "h*"));
}

TEST(KvStore, CallServiceRepliesAsJson) {
    World w(1);
    EXPECT_EQ(w.call_service("kv", "SET", ojson{{"args", {"k", "v", "NX"}}}, "req-9"), ojson::parse(R"({"type":"status","value":"OK"})"));
    EXPECT_EQ(w.call_service("kv", "SET", ojson{{"args", {"k", "v", "NX"}}}, "req-9"), ojson::parse(R"({"type":"nil"})"));
    EXPECT_EQ(w.call_service("kv", "GET", ojson{{"args", {"k"}}}), ojson::parse(R"({"type":"bulk","value":"v"})"));
    EXPECT_EQ(w.call_service("kv", "INCR", ojson{{"args", {"k"}}}),
              ojson::parse(R"({"__type":"ResponseError","message":"ERR value is not an integer or out of range"})"));
    EXPECT_EQ(w.call_service("kv", "INCR", ojson{{"args", {"n"}}}), ojson::parse(R"({"type":"integer","value":1})"));
    EXPECT_EQ(w.call_service("kv", "KEYS", ojson{{"args", {"*"}}}),
              ojson::parse(R"({"type":"array","value":[{"type":"bulk","value":"k"},{"type":"bulk","value":"n"}]})"));
    EXPECT_EQ(w.call_service("kv", "SET", ojson{{"args", {"k", 5}}})["__type"], "DataError");
    EXPECT_EQ(w.kv.last_change()->request_id, "");
    EXPECT_EQ(w.trace.entries().back().kind, "kv.incr");
}

TEST(KvShell, RedisCliPrintsTheTerminalForm) {
    Shell sh(1);
    auto r = sh.run("redis-cli SET k v NX");
    EXPECT_EQ(r.out, "OK\n");
    EXPECT_EQ(r.exit_code, 0);
    r = sh.run("redis-cli -h localhost -p 6379 SET k v NX");
    EXPECT_EQ(r.out, "(nil)\n");
    r = sh.run("redis-cli INCR k");
    EXPECT_EQ(r.out, "(error) ERR value is not an integer or out of range\n");
    EXPECT_EQ(r.exit_code, 0);                      // redis-cli's default: the reply was read
    r = sh.run("redis-cli -e INCR k");
    EXPECT_EQ(r.out, "(error) ERR value is not an integer or out of range\n");
    EXPECT_EQ(r.exit_code, 1);                      // -e: an error reply is a failure
    r = sh.run("redis-cli --raw GET k");
    EXPECT_EQ(r.out, "v\n");
    r = sh.run("redis-cli");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("redis-cli SET order-1 done NX"), std::string::npos);
    // The line is part of the session, so a share link rebuilds the key.
    EXPECT_EQ(sh.history().size(), 6u);
}
