// Facts (see facts.h, CONTRACT.md §3).
#include "learn/facts.h"
#include <algorithm>
#include <cstdlib>
#include <set>
#include "world/world.h"
#include "util/json_text.h"

namespace invokelab {
namespace {

const std::set<std::string> kSpecKeys = {"fact", "function", "request", "queue", "path", "kind",   // fact args
                                         "table", "key", "attribute",                            // store facts
                                         "op", "value", "tolerance"};                            // check parts

double seconds_between(const ojson& from_ms, const ojson& to_ms) {
    return static_cast<double>(to_ms.get<std::int64_t>() - from_ms.get<std::int64_t>()) / 1000.0;
}

ojson seconds_or_null(const ojson& accepted, const ojson& at) {
    if (at.is_null()) return nullptr;
    return seconds_between(accepted, at);
}

bool string_arg(const ojson& spec, const char* key, std::string& out, std::string& error) {
    if (!spec.contains(key)) return true;
    if (!spec[key].is_string()) { error = std::string("\"") + key + "\" must be a string"; return false; }
    out = spec[key].get<std::string>();
    return true;
}

std::string outcome_of(const ojson& r) {
    const std::string state = r["state"].get<std::string>();
    if (state == "queued" || state == "running" || state == "waiting-retry") return "pending";
    if (state == "succeeded") return "succeeded";
    const bool dlq = !r["dlqAt"].is_null() && !r["dlqFailed"].get<bool>();
    const bool destination = !r["destinationAt"].is_null() && !r["destinationFailed"].get<bool>();
    if (dlq && destination) return "dlq+destination";
    if (dlq) return "dlq";
    if (destination) return "destination";
    return "dropped";
}

// A DynamoDB AttributeValue as a learner reads it: N as a number, S as text, BOOL, NULL as null;
// other types (B, SS, NS, L, M …) as the AttributeValue itself.
ojson plain_attribute(const ojson& av) {
    if (!av.is_object() || av.size() != 1) return av;
    const auto first = av.begin();                  // (not *av.items().begin(): that proxy is a temporary)
    const std::string& type = first.key();
    const ojson& v = first.value();
    if (type == "S" || type == "BOOL") return v;
    if (type == "NULL") return nullptr;
    if (type == "N" && v.is_string()) {
        const std::string n = v.get<std::string>();
        const bool integral = !n.empty() && n.size() <= 18 && n.find_first_not_of("-0123456789") == std::string::npos &&
                              n.find('-', 1) == std::string::npos && n != "-";
        if (integral) return static_cast<std::int64_t>(std::stoll(n));
        char* end = nullptr;
        const double d = std::strtod(n.c_str(), &end);
        return end && *end == '\0' ? ojson(d) : ojson(n);
    }
    return av;
}

// The key spec {"user_id": "u1"} (plain values) matches an item whose key attributes hold them.
bool key_matches(const ojson& item, const ojson& key) {
    for (const auto& [name, want] : key.items()) {
        if (!item.contains(name)) return false;
        const ojson have = plain_attribute(item[name]);
        if (have != want) return false;
    }
    return true;
}

} // namespace

const std::vector<std::string>& fact_names() {
    static const std::vector<std::string> names = {
        "now", "trace.count", "sync.count", "async.count",
        "request.exists", "request.type", "request.statusCode", "request.functionError", "request.state",
        "request.condition", "request.attempts", "request.retries", "request.attemptStartsS", "request.attemptGapsS",
        "request.outcome", "request.finishedS", "request.dlqS", "request.dlqAt", "request.destinationS",
        "request.dlqReceived", "request.logStarts",
        "function.maximumRetryAttempts", "function.maximumEventAgeInSeconds", "function.hasEventInvokeConfig",
        "function.deadLetterTarget", "function.onFailure", "function.onSuccess", "function.failureMode",
        "function.timeout", "function.queueDepth",
        "role.policies", "sqs.exists", "sqs.messages", "logs.lines", "logs.reports", "file.exists", "file.json",
        "dynamodb.items", "dynamodb.attribute", "kv.value"};
    return names;
}

FactReader::FactReader(const World& world) : world_(world) {}

const ojson& FactReader::section(const char* name) const {
    auto it = sections_.find(name);
    if (it != sections_.end()) return it->second;
    const std::string n = name;
    ojson value;
    if (n == "lambda") value = world_.lambda.state_json();
    else if (n == "sqs") value = world_.sqs.state_json();
    else if (n == "iam") value = world_.iam.state_json();
    else if (n == "dynamodb") value = world_.dynamodb.state_json();
    else if (n == "kv") value = world_.kv.state_json();
    else value = world_.logs.state_json();
    return sections_.emplace(n, std::move(value)).first->second;
}

std::size_t FactReader::first_trace_index(const std::string& request_id) const {
    if (!indexed_) {
        const auto& entries = world_.trace.entries();
        for (const auto& e : entries)               // the kept entries (core/sim/trace.h): indexes are global
            if (!e.request_id.empty()) first_index_.emplace(e.request_id, e.index);   // keeps the first
        indexed_ = true;
    }
    auto it = first_index_.find(request_id);
    return it == first_index_.end() ? 0 : it->second;
}

const ojson* FactReader::find_function(const std::string& name) const {
    for (const auto& f : section("lambda")["functions"])
        if (f["configuration"]["FunctionName"] == name) return &f;
    return nullptr;
}

const ojson* FactReader::select_request(const ojson& spec, const FactContext& context, std::string& error) const {
    std::string function = "demo-lambda", selector = "last-async";
    if (!string_arg(spec, "function", function, error) || !string_arg(spec, "request", selector, error)) return nullptr;
    std::string type;                               // "" = any
    bool first = false;
    if (selector == "last-async") type = "Event";
    else if (selector == "first-async") { type = "Event"; first = true; }
    else if (selector == "last-sync") type = "RequestResponse";
    else if (selector != "last") {
        error = "unknown request selector \"" + selector + "\" (use last-async, first-async, last-sync or last)";
        return nullptr;
    }
    const ojson& invocations = section("lambda")["invocations"];
    const ojson* found = nullptr;
    for (const auto& r : invocations) {
        if (r["function"] != function) continue;
        if (!type.empty() && r["invocationType"] != type) continue;
        if (r.contains("duplicateOf")) continue;    // a second delivery is not another request (CONTRACT.md §3)
        if (first_trace_index(r["requestId"].get<std::string>()) < context.since_trace) continue;
        found = &r;
        if (first) break;
    }
    return found;
}

FactResult FactReader::fact(const ojson& spec, const FactContext& context) const {
    FactResult out;
    if (!spec.is_object()) { out.error = "a fact spec must be a JSON object"; return out; }
    if (!spec.contains("fact") || !spec["fact"].is_string()) { out.error = "a fact spec needs \"fact\": NAME"; return out; }
    for (const auto& [key, v] : spec.items())
        if (!kSpecKeys.count(key)) { out.error = "unknown key \"" + key + "\" in fact spec"; return out; }
    const std::string name = spec["fact"].get<std::string>();
    const Trace& trace = world_.trace;
    auto count_kind = [&](const std::string& kind, const std::string& function) {
        std::int64_t n = 0;
        // Entries older than the trace keeps (trace.first_kept()) are summarised, not counted here.
        for (std::size_t i = std::max<std::size_t>(context.since_trace, trace.first_kept()); i < trace.size(); ++i) {
            const TraceEntry& e = trace.at(i);
            if (e.kind != kind) continue;
            if (!function.empty()) {
                bool match = false;
                for (const auto& r : section("lambda")["invocations"])
                    if (r["requestId"] == e.request_id) { match = r["function"] == function; break; }
                if (!match) continue;
            }
            ++n;
        }
        return n;
    };

    if (name == "now") { out.value = world_.now(); return out; }
    if (name == "trace.count") {
        std::string kind;
        if (!string_arg(spec, "kind", kind, out.error)) return out;
        if (kind.empty()) { out.error = "trace.count needs \"kind\", e.g. \"async.accepted\""; return out; }
        out.value = count_kind(kind, "");
        return out;
    }
    if (name == "sync.count" || name == "async.count") {
        std::string function;
        if (!string_arg(spec, "function", function, out.error)) return out;
        out.value = count_kind(name == "sync.count" ? "invoke.sync" : "async.accepted", function);
        return out;
    }
    if (name.rfind("request.", 0) == 0) {
        static const std::set<std::string> known(fact_names().begin(), fact_names().end());
        if (!known.count(name)) { out.error = "unknown fact \"" + name + "\""; return out; }
        const ojson* r = select_request(spec, context, out.error);
        if (!out.error.empty()) return out;
        if (name == "request.exists") { out.value = r != nullptr; return out; }
        if (!r) { out.value = nullptr; return out; }
        const ojson& accepted = (*r)["acceptedAt"];
        const ojson& attempts = (*r)["attempts"];
        const std::string rid = (*r)["requestId"].get<std::string>();
        if (name == "request.type") out.value = (*r)["invocationType"];
        else if (name == "request.statusCode") out.value = (*r)["statusCode"];
        else if (name == "request.functionError") out.value = (*r)["functionError"];
        else if (name == "request.state") out.value = (*r)["state"];
        else if (name == "request.condition") out.value = (*r)["condition"];
        else if (name == "request.attempts") out.value = attempts.size();
        else if (name == "request.retries") out.value = attempts.empty() ? 0 : static_cast<std::int64_t>(attempts.size()) - 1;
        else if (name == "request.attemptStartsS") {
            out.value = ojson::array();
            for (const auto& a : attempts) out.value.push_back(seconds_between(accepted, a["start"]));
        } else if (name == "request.attemptGapsS") {
            out.value = ojson::array();
            for (std::size_t k = 0; k + 1 < attempts.size(); ++k)
                if (attempts[k]["end"].get<std::int64_t>() >= 0) out.value.push_back(seconds_between(attempts[k]["end"], attempts[k + 1]["start"]));
        } else if (name == "request.outcome") out.value = outcome_of(*r);
        else if (name == "request.finishedS") out.value = seconds_or_null(accepted, (*r)["finishedAt"]);
        else if (name == "request.dlqS") out.value = (*r)["dlqFailed"].get<bool>() ? ojson(nullptr) : seconds_or_null(accepted, (*r)["dlqAt"]);
        else if (name == "request.dlqAt") out.value = (*r)["dlqFailed"].get<bool>() ? ojson(nullptr) : (*r)["dlqAt"];
        else if (name == "request.destinationS")
            out.value = (*r)["destinationFailed"].get<bool>() ? ojson(nullptr) : seconds_or_null(accepted, (*r)["destinationAt"]);
        else if (name == "request.dlqReceived") {
            const std::string message_id = (*r)["dlqMessageId"].get<std::string>();
            bool received = false;
            if (!message_id.empty() && !(*r)["dlqFailed"].get<bool>())
                for (std::size_t i = std::max<std::size_t>(context.since_trace, trace.first_kept()); i < trace.size() && !received; ++i)
                    received = trace.at(i).kind == "sqs.received" && trace.at(i).detail.value("messageId", "") == message_id;
            out.value = received;
        } else if (name == "request.logStarts") {
            const std::string start = "START RequestId: " + rid + " ";
            std::int64_t n = 0;
            for (const auto& e : trace.entries())
                if (e.kind == "log.line" && e.detail.value("message", "").rfind(start, 0) == 0) ++n;
            out.value = n;
        }
        return out;
    }
    if (name.rfind("function.", 0) == 0 || name == "role.policies" || name == "logs.lines" || name == "logs.reports") {
        static const std::set<std::string> known(fact_names().begin(), fact_names().end());
        if (!known.count(name)) { out.error = "unknown fact \"" + name + "\""; return out; }
        std::string function = "demo-lambda";
        if (!string_arg(spec, "function", function, out.error)) return out;
        if (name == "logs.lines" || name == "logs.reports") {
            std::int64_t n = 0;
            for (const auto& g : section("logs"))
                if (g["name"] == "/aws/lambda/" + function)
                    for (const auto& s : g["streams"])
                        for (const auto& e : s["events"])
                            if (name == "logs.lines" || e["message"].get<std::string>().rfind("REPORT ", 0) == 0) ++n;
            out.value = n;
            return out;
        }
        const ojson* f = find_function(function);
        if (!f) { out.value = nullptr; return out; }
        const ojson& config = (*f)["configuration"];
        const ojson& eic = (*f)["eventInvokeConfig"];
        auto destination = [&](const char* which) -> ojson {
            if (eic.is_null() || !eic.contains("DestinationConfig")) return "";
            const ojson& d = eic["DestinationConfig"];
            if (!d.contains(which) || !d[which].contains("Destination")) return "";
            return d[which]["Destination"];
        };
        if (name == "function.maximumRetryAttempts") out.value = (*f)["effectiveMaximumRetryAttempts"];
        else if (name == "function.maximumEventAgeInSeconds") out.value = (*f)["effectiveMaximumEventAgeInSeconds"];
        else if (name == "function.hasEventInvokeConfig") out.value = !eic.is_null();
        else if (name == "function.deadLetterTarget")
            out.value = config.contains("DeadLetterConfig") ? config["DeadLetterConfig"].value("TargetArn", "") : std::string();
        else if (name == "function.onFailure") out.value = destination("OnFailure");
        else if (name == "function.onSuccess") out.value = destination("OnSuccess");
        else if (name == "function.failureMode") out.value = (*f)["failure"]["mode"];
        else if (name == "function.timeout") out.value = config["Timeout"];
        else if (name == "function.queueDepth") out.value = (*f)["queue"].size();
        else if (name == "role.policies") {
            const std::string role_arn = config.value("Role", "");
            out.value = ojson::array();
            for (const auto& role : section("iam"))
                if (role["arn"] == role_arn) out.value = role["attachedPolicies"];
        }
        return out;
    }
    if (name == "sqs.exists" || name == "sqs.messages") {
        std::string queue;
        if (!string_arg(spec, "queue", queue, out.error)) return out;
        if (queue.empty()) { out.error = name + " needs \"queue\": a queue name"; return out; }
        const ojson* q = nullptr;
        for (const auto& candidate : section("sqs")) if (candidate["name"] == queue) q = &candidate;
        if (name == "sqs.exists") out.value = q != nullptr;
        else out.value = q ? ojson((*q)["messages"].size()) : ojson(nullptr);
        return out;
    }
    if (name == "file.exists" || name == "file.json") {
        std::string path;
        if (!string_arg(spec, "path", path, out.error)) return out;
        if (path.empty()) { out.error = name + " needs \"path\": a file name such as \"response.json\""; return out; }
        const auto content = world_.files.read(path);
        if (name == "file.exists") { out.value = content.has_value(); return out; }
        out.value = nullptr;
        if (content) {
            ojson parsed = parse_learner_json(*content);
            if (!parsed.is_discarded()) out.value = std::move(parsed);
        }
        return out;
    }
    if (name == "dynamodb.items" || name == "dynamodb.attribute") {
        std::string table, attribute;
        if (!string_arg(spec, "table", table, out.error) || !string_arg(spec, "attribute", attribute, out.error)) return out;
        if (table.empty()) { out.error = name + " needs \"table\": a table name"; return out; }
        const ojson* t = nullptr;
        for (const auto& candidate : section("dynamodb")["tables"]) if (candidate["name"] == table) t = &candidate;
        if (name == "dynamodb.items") { out.value = t ? ojson((*t)["items"].size()) : ojson(nullptr); return out; }
        if (!spec.contains("key") || !spec["key"].is_object() || spec["key"].empty()) {
            out.error = name + " needs \"key\": the item's key as {\"attribute\": value}";
            return out;
        }
        if (attribute.empty()) { out.error = name + " needs \"attribute\": an attribute name"; return out; }
        out.value = nullptr;
        if (!t) return out;
        for (const auto& item : (*t)["items"])
            if (key_matches(item, spec["key"])) {
                if (item.contains(attribute)) out.value = plain_attribute(item[attribute]);
                break;
            }
        return out;
    }
    if (name == "kv.value") {
        if (!spec.contains("key") || !spec["key"].is_string()) { out.error = "kv.value needs \"key\": a key name"; return out; }
        out.value = nullptr;
        for (const auto& k : section("kv")["keys"])
            if (k["key"] == spec["key"]) { out.value = k.contains("value") ? k["value"] : k["members"]; break; }
        return out;
    }
    out.error = "unknown fact \"" + name + "\"";
    return out;
}

std::string FactReader::request_outcome(const ojson& request) const { return outcome_of(request); }

FactResult evaluate_fact(const World& world, const ojson& spec, const FactContext& context) {
    try {
        return FactReader(world).fact(spec, context);
    } catch (const std::exception& e) {
        FactResult r;
        r.error = std::string("fact evaluation failed: ") + e.what();
        return r;
    }
}

} // namespace invokelab
