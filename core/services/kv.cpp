// Invoke Lab core: the Redis-like key-value store (see kv.h). Texts follow Redis 7.x:
// shared.syntaxerr "ERR syntax error", addReplyErrorArity "ERR wrong number of arguments for
// '<cmd>' command", "ERR value is not an integer or out of range", "ERR increment or
// decrement would overflow", addReplyErrorExpireTime "ERR invalid expire time in '<cmd>'
// command", shared.wrongtypeerr "WRONGTYPE Operation against a key holding the wrong kind of
// value", and the unknown-command line of processCommand.
#include "services/kv.h"
#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdio>
#include "sim/env.h"
#include "util/time.h"

namespace invokelab {

namespace {

const char* kWrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
const char* kNotInteger = "ERR value is not an integer or out of range";

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}
std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// Redis's string2ll: optional '-', digits, no spaces, no '+', no leading zeros, fits in 64 bits.
bool parse_ll(const std::string& s, long long& out) {
    if (s.empty() || s.size() > 20) return false;
    if (s == "0") { out = 0; return true; }
    std::size_t i = 0;
    bool neg = false;
    if (s[0] == '-') { neg = true; i = 1; if (s.size() == 1) return false; }
    if (s[i] < '1' || s[i] > '9') return false;
    unsigned long long v = 0;
    for (; i < s.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
        const unsigned long long d = static_cast<unsigned long long>(s[i] - '0');
        if (v > (ULLONG_MAX - d) / 10) return false;
        v = v * 10 + d;
    }
    if (neg) {
        if (v > static_cast<unsigned long long>(LLONG_MAX) + 1) return false;
        out = v == static_cast<unsigned long long>(LLONG_MAX) + 1 ? LLONG_MIN : -static_cast<long long>(v);
    } else {
        if (v > static_cast<unsigned long long>(LLONG_MAX)) return false;
        out = static_cast<long long>(v);
    }
    return true;
}

RedisReply arity(const std::string& command) {
    return RedisReply::error("ERR wrong number of arguments for '" + lower(command) + "' command");
}

// Each command's arity as Redis declares it: n > 0 exactly n words, n < 0 at least -n.
const std::map<std::string, int>& arities() {
    static const std::map<std::string, int> a = {
        {"PING", -1}, {"SET", -3}, {"SETNX", 3}, {"GET", 2}, {"GETDEL", 2}, {"INCR", 2}, {"INCRBY", 3}, {"DECR", 2},
        {"DECRBY", 3}, {"DEL", -2}, {"EXISTS", -2}, {"KEYS", 2}, {"TTL", 2}, {"PTTL", 2}, {"EXPIRE", -3}, {"PEXPIRE", -3},
        {"PERSIST", 2}, {"TYPE", 2}, {"SADD", -3}, {"SREM", -3}, {"SMEMBERS", 2}, {"SISMEMBER", 3}, {"SCARD", 2},
        {"DBSIZE", 1}, {"FLUSHALL", -1}};
    return a;
}

std::string quote(const std::string& s) {          // redis-cli's sdscatrepr
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '"': out += "\\\""; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        default:
            if (c >= 32 && c < 127) out += static_cast<char>(c);
            else { char buf[8]; std::snprintf(buf, sizeof buf, "\\x%02x", c); out += buf; }
        }
    }
    return out + "\"";
}

std::string tty_text(const RedisReply& r, std::size_t indent) {
    switch (r.kind) {
    case RedisReply::Status: return r.text + "\n";
    case RedisReply::Error: return "(error) " + r.text + "\n";
    case RedisReply::Integer: return "(integer) " + std::to_string(r.integer) + "\n";
    case RedisReply::Bulk: return quote(r.text) + "\n";
    case RedisReply::Nil: return "(nil)\n";
    case RedisReply::Array: {
        if (r.items.empty()) return "(empty array)\n";
        // cliFormatReplyTTY: "%*d) " with the width of the largest index, nested arrays indented.
        const std::size_t width = std::to_string(r.items.size()).size();
        std::string out;
        for (std::size_t i = 0; i < r.items.size(); ++i) {
            std::string idx = std::to_string(i + 1);
            idx = std::string(width - idx.size(), ' ') + idx + ") ";
            if (i > 0) out += std::string(indent, ' ');
            out += idx + tty_text(r.items[i], indent + idx.size());
        }
        return out;
    }
    }
    return "\n";
}

} // namespace

ojson RedisReply::to_json() const {
    switch (kind) {
    case Status: return ojson{{"type", "status"}, {"value", text}};
    case Error: return ojson{{"__type", "ResponseError"}, {"message", text}};
    case Integer: return ojson{{"type", "integer"}, {"value", integer}};
    case Bulk: return ojson{{"type", "bulk"}, {"value", text}};
    case Nil: return ojson{{"type", "nil"}};
    case Array: {
        ojson items = ojson::array();
        for (const auto& i : this->items) items.push_back(i.to_json());
        return ojson{{"type", "array"}, {"value", items}};
    }
    }
    return nullptr;
}

std::string redis_cli_text(const RedisReply& reply) { return tty_text(reply, 0); }

// Redis's stringmatchlen (util.c), iterative except for '*', whose recursion is bounded by
// collapsing runs of '*' and by the pattern length checked by the caller.
bool redis_glob_match(const std::string& pattern, const std::string& text) {
    std::size_t p = 0, s = 0, star_p = std::string::npos, star_s = 0;
    while (s < text.size()) {
        if (p < pattern.size()) {
            const char c = pattern[p];
            if (c == '*') { while (p < pattern.size() && pattern[p] == '*') ++p; star_p = p; star_s = s; continue; }
            if (c == '?') { ++p; ++s; continue; }
            if (c == '[') {
                std::size_t q = p + 1;
                bool negate = false;
                if (q < pattern.size() && pattern[q] == '^') { negate = true; ++q; }
                bool match = false;
                while (q < pattern.size() && pattern[q] != ']') {
                    if (pattern[q] == '\\' && q + 1 < pattern.size()) { ++q; if (pattern[q] == text[s]) match = true; ++q; continue; }
                    if (q + 2 < pattern.size() && pattern[q + 1] == '-' && pattern[q + 2] != ']') {
                        char lo = pattern[q], hi = pattern[q + 2];
                        if (lo > hi) std::swap(lo, hi);
                        if (text[s] >= lo && text[s] <= hi) match = true;
                        q += 3;
                        continue;
                    }
                    if (pattern[q] == text[s]) match = true;
                    ++q;
                }
                if (negate) match = !match;
                if (match) { p = q < pattern.size() ? q + 1 : q; ++s; continue; }
            } else {
                char lit = c;
                std::size_t next = p + 1;
                if (c == '\\' && p + 1 < pattern.size()) { lit = pattern[p + 1]; next = p + 2; }
                if (lit == text[s]) { p = next; ++s; continue; }
            }
        }
        if (star_p == std::string::npos) return false;
        p = star_p;
        s = ++star_s;
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

KvEntry* KvService::find_live(const std::string& key) {
    auto it = data_.find(key);
    if (it == data_.end()) return nullptr;
    if (it->second.expires_at && *it->second.expires_at <= env_.now()) {
        data_.erase(it);
        return nullptr;
    }
    return &it->second;
}

std::map<std::string, const KvEntry*> KvService::live() const {
    std::map<std::string, const KvEntry*> out;
    for (const auto& [k, e] : data_)
        if (!e.expires_at || *e.expires_at > env_.now()) out[k] = &e;
    return out;
}

void KvService::changed(const std::string& key, const std::string& command, const std::string& request_id) {
    last_change_ = StoreChange{"kv", "", key, command, request_id, env_.now()};
}

RedisReply KvService::set(const std::vector<std::string>& a, const std::string& request_id) {
    const std::string& key = a[1];
    bool nx = false, xx = false, get = false, keepttl = false;
    std::optional<TimeMs> expires;
    std::string expire_kind;
    for (std::size_t i = 3; i < a.size(); ++i) {
        const std::string opt = upper(a[i]);
        if (opt == "NX" && !xx) nx = true;
        else if (opt == "XX" && !nx) xx = true;
        else if (opt == "GET") get = true;
        else if (opt == "KEEPTTL" && expire_kind.empty()) keepttl = true;
        else if ((opt == "EX" || opt == "PX" || opt == "EXAT" || opt == "PXAT") && expire_kind.empty() && !keepttl && i + 1 < a.size()) {
            expire_kind = opt;
            long long v = 0;
            if (!parse_ll(a[++i], v)) return RedisReply::error(kNotInteger);
            const bool seconds = opt == "EX" || opt == "EXAT";
            if (v <= 0 || (seconds && v > LLONG_MAX / 1000)) return RedisReply::error("ERR invalid expire time in 'set' command");
            const long long ms = seconds ? v * 1000 : v;
            if (opt == "EX" || opt == "PX") {
                if (ms > LLONG_MAX - env_.now()) return RedisReply::error("ERR invalid expire time in 'set' command");
                expires = env_.now() + ms;
            } else {
                expires = ms - kEpochUnixMs;           // a Unix time on the simulated wall clock
            }
        } else {
            return RedisReply::error("ERR syntax error");
        }
    }
    KvEntry* cur = find_live(key);
    RedisReply previous = RedisReply::nil();
    if (get && cur) {
        if (cur->type != KvEntry::String) return RedisReply::error(kWrongType);
        previous = RedisReply::bulk(cur->value);
    }
    if ((nx && cur) || (xx && !cur)) {
        env_.record("kv.set-skipped", request_id, ojson{{"key", key}, {"condition", nx ? "NX" : "XX"}});
        return get ? previous : RedisReply::nil();
    }
    KvEntry e;
    e.value = a[2];
    if (keepttl && cur) e.expires_at = cur->expires_at;
    else e.expires_at = expires;
    data_[key] = e;
    ojson detail{{"key", key}, {"value", a[2]}};
    if (e.expires_at) detail["expiresAt"] = *e.expires_at;
    env_.record("kv.set", request_id, detail);
    changed(key, "SET", request_id);
    return get ? previous : RedisReply::status("OK");
}

RedisReply KvService::incr_by(const std::string& command, const std::string& key, long long delta, const std::string& request_id) {
    KvEntry* cur = find_live(key);
    long long value = 0;
    if (cur) {
        if (cur->type != KvEntry::String) return RedisReply::error(kWrongType);
        if (!parse_ll(cur->value, value)) return RedisReply::error(kNotInteger);
    }
    if ((delta > 0 && value > LLONG_MAX - delta) || (delta < 0 && value < LLONG_MIN - delta))
        return RedisReply::error("ERR increment or decrement would overflow");
    value += delta;
    if (cur) cur->value = std::to_string(value);       // INCR keeps the key's TTL
    else data_[key].value = std::to_string(value);
    env_.record("kv.incr", request_id, ojson{{"key", key}, {"value", value}});
    changed(key, command, request_id);
    return RedisReply::number(value);
}

RedisReply KvService::execute(const std::vector<std::string>& args, const std::string& request_id) {
    if (args.empty()) return RedisReply::error("ERR empty command");
    const std::string cmd = upper(args[0]);
    auto ar = arities().find(cmd);
    if (ar == arities().end()) {
        // processCommand: "unknown command '%.128s', with args beginning with: " + "'%s' " per argument.
        std::string list;
        for (std::size_t i = 1; i < args.size() && list.size() < 128; ++i) list += "'" + args[i].substr(0, 128 - list.size()) + "' ";
        return RedisReply::error("ERR unknown command '" + args[0].substr(0, 128) + "', with args beginning with: " + list);
    }
    const int n = ar->second;
    const long long given = static_cast<long long>(args.size());
    if ((n > 0 && given != n) || (n < 0 && given < -n)) return arity(args[0]);
    const std::string key = args.size() > 1 ? args[1] : "";

    if (cmd == "PING") {
        if (args.size() > 2) return arity(args[0]);
        return args.size() == 2 ? RedisReply::bulk(args[1]) : RedisReply::status("PONG");
    }
    if (cmd == "SET") return set(args, request_id);
    if (cmd == "SETNX") {
        const RedisReply r = set({"SET", args[1], args[2], "NX"}, request_id);
        return RedisReply::number(r.kind == RedisReply::Status ? 1 : 0);
    }
    if (cmd == "GET" || cmd == "GETDEL") {
        KvEntry* e = find_live(key);
        if (!e) return RedisReply::nil();
        if (e->type != KvEntry::String) return RedisReply::error(kWrongType);
        RedisReply r = RedisReply::bulk(e->value);
        if (cmd == "GETDEL") {
            data_.erase(key);
            env_.record("kv.del", request_id, ojson{{"keys", ojson::array({key})}, {"deleted", 1}});
            changed(key, cmd, request_id);
        }
        return r;
    }
    if (cmd == "INCR" || cmd == "DECR") return incr_by(cmd, key, cmd == "INCR" ? 1 : -1, request_id);
    if (cmd == "INCRBY" || cmd == "DECRBY") {
        long long d = 0;
        if (!parse_ll(args[2], d)) return RedisReply::error(kNotInteger);
        if (cmd == "DECRBY") {
            if (d == LLONG_MIN) return RedisReply::error("ERR decrement would overflow");
            d = -d;
        }
        return incr_by(cmd, key, d, request_id);
    }
    if (cmd == "DEL") {
        long long deleted = 0;
        ojson keys = ojson::array();
        for (std::size_t i = 1; i < args.size(); ++i) {
            keys.push_back(args[i]);
            if (find_live(args[i])) { data_.erase(args[i]); ++deleted; changed(args[i], cmd, request_id); }
        }
        env_.record("kv.del", request_id, ojson{{"keys", keys}, {"deleted", deleted}});
        return RedisReply::number(deleted);
    }
    if (cmd == "EXISTS") {
        long long count = 0;
        for (std::size_t i = 1; i < args.size(); ++i) if (find_live(args[i])) ++count;
        return RedisReply::number(count);
    }
    if (cmd == "KEYS") {
        RedisReply r;
        r.kind = RedisReply::Array;
        for (const auto& [k, e] : live()) if (redis_glob_match(key, k)) r.items.push_back(RedisReply::bulk(k));
        return r;
    }
    if (cmd == "TTL" || cmd == "PTTL") {
        KvEntry* e = find_live(key);
        if (!e) return RedisReply::number(-2);
        if (!e->expires_at) return RedisReply::number(-1);
        const long long ms = *e->expires_at - env_.now();
        return RedisReply::number(cmd == "PTTL" ? ms : (ms + 500) / 1000);
    }
    if (cmd == "EXPIRE" || cmd == "PEXPIRE") {
        long long v = 0;
        if (!parse_ll(args[2], v)) return RedisReply::error(kNotInteger);
        if (args.size() > 3) return RedisReply::error("ERR Unsupported option " + args[3]);
        KvEntry* e = find_live(key);
        if (!e) return RedisReply::number(0);
        const long long ms = cmd == "EXPIRE" ? (v > LLONG_MAX / 1000 || v < LLONG_MIN / 1000 ? LLONG_MAX : v * 1000) : v;
        if (ms == LLONG_MAX || ms > LLONG_MAX - env_.now()) return RedisReply::error("ERR invalid expire time in '" + lower(cmd) + "' command");
        if (ms <= 0) {
            data_.erase(key);
            env_.record("kv.del", request_id, ojson{{"keys", ojson::array({key})}, {"deleted", 1}});
        } else {
            e->expires_at = env_.now() + ms;
            env_.record("kv.expire", request_id, ojson{{"key", key}, {"expiresAt", *e->expires_at}});
        }
        changed(key, cmd, request_id);
        return RedisReply::number(1);
    }
    if (cmd == "PERSIST") {
        KvEntry* e = find_live(key);
        if (!e || !e->expires_at) return RedisReply::number(0);
        e->expires_at.reset();
        changed(key, cmd, request_id);
        return RedisReply::number(1);
    }
    if (cmd == "TYPE") {
        KvEntry* e = find_live(key);
        return RedisReply::status(!e ? "none" : e->type == KvEntry::String ? "string" : "set");
    }
    if (cmd == "SADD" || cmd == "SREM") {
        KvEntry* e = find_live(key);
        if (e && e->type != KvEntry::Set) return RedisReply::error(kWrongType);
        long long n_changed = 0;
        if (cmd == "SADD") {
            if (!e) { e = &data_[key]; e->type = KvEntry::Set; }
            for (std::size_t i = 2; i < args.size(); ++i) n_changed += e->members.insert(args[i]).second ? 1 : 0;
        } else if (e) {
            for (std::size_t i = 2; i < args.size(); ++i) n_changed += static_cast<long long>(e->members.erase(args[i]));
            if (e->members.empty()) data_.erase(key);
        }
        env_.record(cmd == "SADD" ? "kv.sadd" : "kv.srem", request_id, ojson{{"key", key}, {"changed", n_changed}});
        if (n_changed) changed(key, cmd, request_id);
        return RedisReply::number(n_changed);
    }
    if (cmd == "SMEMBERS" || cmd == "SISMEMBER" || cmd == "SCARD") {
        KvEntry* e = find_live(key);
        if (e && e->type != KvEntry::Set) return RedisReply::error(kWrongType);
        if (cmd == "SISMEMBER") return RedisReply::number(e && e->members.count(args[2]) ? 1 : 0);
        if (cmd == "SCARD") return RedisReply::number(e ? static_cast<long long>(e->members.size()) : 0);
        RedisReply r;
        r.kind = RedisReply::Array;
        if (e) for (const auto& m : e->members) r.items.push_back(RedisReply::bulk(m));
        return r;
    }
    if (cmd == "DBSIZE") return RedisReply::number(static_cast<long long>(live().size()));
    if (cmd == "FLUSHALL") {
        if (args.size() > 2 || (args.size() == 2 && upper(args[1]) != "ASYNC" && upper(args[1]) != "SYNC")) return RedisReply::error("ERR syntax error");
        data_.clear();
        last_change_.reset();
        env_.record("kv.flushall", request_id, ojson::object());
        return RedisReply::status("OK");
    }
    return RedisReply::error("ERR unknown command '" + args[0] + "'");
}

ojson KvService::state_json() const {
    ojson keys = ojson::array();
    for (const auto& [k, e] : live()) {
        ojson j{{"key", k}, {"type", e->type == KvEntry::String ? "string" : "set"}};
        if (e->type == KvEntry::String) j["value"] = e->value;
        else j["members"] = e->members;
        if (e->expires_at) j["ttlMs"] = *e->expires_at - env_.now();
        keys.push_back(std::move(j));
    }
    ojson out{{"keys", keys}};
    if (last_change_)
        out["lastChange"] = ojson{{"key", last_change_->key}, {"operation", last_change_->operation},
                                  {"requestId", last_change_->request_id}, {"time", last_change_->at}};
    else
        out["lastChange"] = nullptr;
    return out;
}

} // namespace invokelab
