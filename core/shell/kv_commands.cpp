// Invoke Lab core: `redis-cli …`, one command per line, printed as redis-cli prints on a
// terminal (its tty form: OK, (nil), (integer) 1, "value" quoted, (error) ERR …); --raw
// switches to the raw form redis-cli uses when stdout is not a terminal.
//
// Connection options (-h HOST, -p PORT, -n DB, -a PASSWORD, --user U, --pass P) are accepted
// and ignored: there is one store. redis-cli without a command would start its interactive
// prompt, which this terminal does not have, so it says how to run one command instead.
// Exit status: 0 even when the reply is an error, as redis-cli does by default (its exit code
// reports whether it could send the command and read a reply: redis/redis#3475, #5458); with
// -e (redis-cli 6.2+, redis/redis#8136) an error reply exits 1.
#include "services/kv.h"
#include "shell/shell.h"

namespace invokelab {
namespace {

std::string raw_text(const RedisReply& r) {
    switch (r.kind) {
    case RedisReply::Status: return r.text + "\n";
    case RedisReply::Error: return r.text + "\n";
    case RedisReply::Integer: return std::to_string(r.integer) + "\n";
    case RedisReply::Bulk: return r.text + "\n";
    case RedisReply::Nil: return "\n";
    case RedisReply::Array: {
        std::string out;
        for (const auto& i : r.items) out += raw_text(i);
        return out;
    }
    }
    return "\n";
}

CommandResult redis_cli(Shell& shell, const std::vector<std::string>& words) {
    bool raw = false, errcode = false;
    std::size_t i = 1;
    while (i < words.size() && words[i].size() > 1 && words[i][0] == '-') {
        const std::string& o = words[i];
        if (o == "--raw") { raw = true; ++i; continue; }
        if (o == "--no-raw") { raw = false; ++i; continue; }
        if (o == "-e") { errcode = true; ++i; continue; }
        if ((o == "-h" || o == "-p" || o == "-n" || o == "-a" || o == "--user" || o == "--pass") && i + 1 < words.size()) { i += 2; continue; }
        return {"", "Unrecognized option or bad number of args for: '" + o + "'\n", 1};
    }
    if (i >= words.size())
        return {"", "redis-cli: this terminal runs one command per line, e.g. redis-cli SET order-1 done NX / "
                    "이 터미널에서는 한 줄에 명령 하나를 실행합니다 (예: redis-cli SET order-1 done NX)\n", 1};
    const std::vector<std::string> args(words.begin() + static_cast<std::ptrdiff_t>(i), words.end());
    const RedisReply reply = shell.world().kv.execute(args);
    CommandResult r;
    r.out = raw ? raw_text(reply) : redis_cli_text(reply);
    r.exit_code = errcode && reply.kind == RedisReply::Error ? 1 : 0;
    return r;
}

} // namespace

void register_kv_commands(Shell& shell) { shell.add_program("redis-cli", redis_cli); }

} // namespace invokelab
