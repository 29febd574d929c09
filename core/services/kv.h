// Invoke Lab core: a Redis-like key-value store (SET NX for idempotency keys, INCR counters).
//
// Index
//   RedisReply      one reply: status, error, integer, bulk string, nil, array (RESP2 kinds)
//   redis_cli_text  a reply as redis-cli prints it on a terminal
//   KvService       execute(args) -> reply; keys with virtual-time expiry; state for the views
//
// ── The API (for the Python shims: redis-py in the page calls World::call_service / the
//    wasm export il_service_call("kv", COMMAND, request JSON, requestId), see wasm/README.md)
//
//   request   {"args": ["k", "v", "NX", "EX", "60"]}      the arguments after the command name,
//                                                        all strings (the shim str()s numbers)
//   response  {"type": "status",  "value": "OK"}        SET …
//             {"type": "nil"}                           SET … NX on an existing key, GET of a missing key
//             {"type": "integer", "value": 1}           INCR, DEL, EXISTS, TTL …
//             {"type": "bulk",    "value": "v"}         GET
//             {"type": "array",   "value": [<reply>…]}  KEYS, SMEMBERS
//   errors    {"__type": "ResponseError", "message": "ERR value is not an integer or out of range"}
//             (the message is Redis's whole error line; redis-py drops the leading "ERR " /
//             keeps "WRONGTYPE …" when it raises redis.exceptions.ResponseError)
//
// Commands: PING, SET key value [NX|XX] [GET] [EX s|PX ms|EXAT t|PXAT t|KEEPTTL], SETNX, GET,
// GETDEL, INCR, INCRBY, DECR, DECRBY, DEL, EXISTS, KEYS pattern, TTL, PTTL, EXPIRE, PEXPIRE,
// PERSIST, TYPE, SADD, SREM, SMEMBERS, SISMEMBER, SCARD, DBSIZE, FLUSHALL. Replies and error
// lines are Redis 7's (src/t_string.c, src/server.c, src/networking.c addReplyErrorArity …).
// Expiry runs on the virtual clock and is checked when a key is read, as Redis does lazily;
// EXAT / PXAT take Unix times on the simulated wall clock (kEpochUnixMs + virtual ms).
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>
#include "services/dynamodb.h"
#include "sim/trace.h"
#include "util/json.h"

namespace invokelab {

class Env;

struct RedisReply {
    enum Kind { Status, Error, Integer, Bulk, Nil, Array };
    Kind kind = Nil;
    std::string text;                               // Status, Error, Bulk
    long long integer = 0;
    std::vector<RedisReply> items;                  // Array

    static RedisReply status(std::string s) { RedisReply r; r.kind = Status; r.text = std::move(s); return r; }
    static RedisReply error(std::string s) { RedisReply r; r.kind = Error; r.text = std::move(s); return r; }
    static RedisReply number(long long n) { RedisReply r; r.kind = Integer; r.integer = n; return r; }
    static RedisReply bulk(std::string s) { RedisReply r; r.kind = Bulk; r.text = std::move(s); return r; }
    static RedisReply nil() { return RedisReply{}; }

    ojson to_json() const;                          // the API form above (errors: {"__type","message"})
};

// redis-cli on a terminal (its tty mode, which the browser terminal imitates): OK, (nil),
// (integer) 1, "value" (quoted, escaped), (error) ERR …, numbered array lines,
// (empty array). Each ends with "\n".
std::string redis_cli_text(const RedisReply& reply);

struct KvEntry {
    enum Type { String, Set } type = String;
    std::string value;                              // String
    std::set<std::string> members;                  // Set
    std::optional<TimeMs> expires_at;               // virtual ms; none = no TTL
};

class KvService {
public:
    explicit KvService(Env& env) : env_(env) {}

    // args[0] is the command name (any case). request_id: the Lambda attempt calling, or "".
    RedisReply execute(const std::vector<std::string>& args, const std::string& request_id = {});

    // Live keys (not expired at the current virtual time), by name.
    std::map<std::string, const KvEntry*> live() const;
    const std::optional<StoreChange>& last_change() const { return last_change_; }
    ojson state_json() const;                       // {"keys":[{"key","type","value"|"members","ttlMs"?}], "lastChange"}

private:
    KvEntry* find_live(const std::string& key);     // drops the key when it has expired
    void changed(const std::string& key, const std::string& command, const std::string& request_id);
    RedisReply set(const std::vector<std::string>& a, const std::string& request_id);
    RedisReply incr_by(const std::string& command, const std::string& key, long long delta, const std::string& request_id);

    Env& env_;
    std::map<std::string, KvEntry> data_;
    std::optional<StoreChange> last_change_;
};

// Redis's glob matching for KEYS (*, ?, [abc], [^a], [a-z], \x).
bool redis_glob_match(const std::string& pattern, const std::string& text);

} // namespace invokelab
