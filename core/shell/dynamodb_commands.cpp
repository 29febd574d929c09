// Invoke Lab core: `aws dynamodb …` commands, printed as AWS CLI v2 prints them.
//
// Operations: create-table, describe-table, list-tables, delete-table, put-item, get-item,
// update-item, delete-item, scan. Each builds the JSON-protocol request that botocore would
// send (options named after the members of botocore's dynamodb 2012-08-10 model) and hands it
// to DynamoDbService::call, the same entry the Python shims use; the answer is printed after
// the CLI's own changes:
//   - timestamps (CreationDateTime …) become ISO 8601 text, as botocore parses them into
//     datetimes and the CLI prints isoformat() (UTC here: "+00:00", no fraction at .000);
//   - an empty answer prints nothing (put-item without --return-values, get-item of a missing item);
//   - scan and list-tables go through the CLI's paginators, which follow LastEvaluatedKey /
//     LastEvaluatedTableName and merge the pages; scan's merged output ends with
//     "ConsumedCapacity": null (the paginator's non-aggregate key), as the CLI prints it.
// List options (--attribute-definitions, --key-schema) take shorthand items separated by
// spaces ("AttributeName=id,AttributeType=S AttributeName=sk,AttributeType=N") or JSON.
#include <algorithm>
#include <cmath>
#include "shell/service_args.h"
#include "shell/shell.h"
#include "util/json_text.h"
#include "util/timefmt.h"

namespace invokelab {
namespace {

// Python's datetime.isoformat() of a UTC time known to the millisecond.
std::string python_isoformat(TimeMs t) {
    if (unix_ms(t) % 1000 == 0) return iso8601_seconds(t) + "+00:00";
    return iso8601_micro_offset(t);
}

void timestamps_to_text(ojson& j) {
    if (j.is_object()) {
        for (auto& [k, v] : j.items()) {
            if ((k == "CreationDateTime" || k == "LastUpdateToPayPerRequestDateTime") && v.is_number())
                v = python_isoformat(static_cast<TimeMs>(std::llround(v.get<double>() * 1000.0)) - kEpochUnixMs);
            else timestamps_to_text(v);
        }
    } else if (j.is_array()) {
        for (auto& v : j) timestamps_to_text(v);
    }
}

// A JSON option (items, keys, expression attribute maps): JSON text or file://.
ojson json_option(const CommandContext& ctx, const std::string& option) {
    const std::string text = ctx.value_or_file(option);
    ojson j = parse_learner_json(text);
    if (j.is_discarded() || !j.is_object()) {
        // What the CLI says when a structure argument is neither JSON nor shorthand it can read.
        throw ParamError("Error parsing parameter '" + option + "': Invalid JSON: " + text);
    }
    return j;
}

// A list-of-structures option: JSON array, or shorthand items separated by spaces.
ojson list_option(const CommandContext& ctx, const std::string& option, const std::vector<std::string>& int_members = {}) {
    const std::string text = ctx.value_or_file(option);
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && text[first] == '[') {
        ojson j = parse_learner_json(text);
        if (j.is_discarded()) throw ParamError("Error parsing parameter '" + option + "': Invalid JSON: " + text);
        return j;
    }
    ojson out = ojson::array();
    for (const auto& word : shell_args::split_words(text)) {
        ojson item;
        std::string error;
        if (!parse_shorthand_or_json(word, item, error, ctx.file_reader())) throw ParamError("Error parsing parameter '" + option + "': " + error);
        for (const auto& m : int_members)
            if (item.contains(m) && item[m].is_string()) item[m] = std::stoll(item[m].get<std::string>());
        out.push_back(item);
    }
    return out;
}

// Copies the common expression options into the request.
void expression_options(const CommandContext& ctx, ojson& r) {
    static const std::vector<std::pair<const char*, const char*>> strings = {
        {"--condition-expression", "ConditionExpression"}, {"--update-expression", "UpdateExpression"},
        {"--filter-expression", "FilterExpression"}, {"--projection-expression", "ProjectionExpression"},
        {"--return-values", "ReturnValues"}, {"--return-values-on-condition-check-failure", "ReturnValuesOnConditionCheckFailure"},
        {"--select", "Select"}};
    for (const auto& [opt, member] : strings)
        if (ctx.args.values.count(opt)) r[member] = ctx.args.get(opt);
    if (ctx.args.values.count("--expression-attribute-names")) r["ExpressionAttributeNames"] = json_option(ctx, "--expression-attribute-names");
    if (ctx.args.values.count("--expression-attribute-values")) r["ExpressionAttributeValues"] = json_option(ctx, "--expression-attribute-values");
}

CommandResult answer(CommandContext& ctx, ojson body) {
    if (body.empty()) return ctx.empty();
    timestamps_to_text(body);
    return ctx.json(body);
}

// botocore's client-side check of a CreateTable request (botocore/validate.py ParamValidator, with
// the shapes of the dynamodb 2012-08-10 model), which the CLI runs before anything is sent: every
// finding is reported, in the order of the request's members, under "Parameter validation failed:".
class CreateTableCheck {
public:
    void run(const ojson& r) {
        // The CLI builds the request in the input shape's member order.
        if (r.contains("AttributeDefinitions"))
            list(r["AttributeDefinitions"], "AttributeDefinitions", {{"AttributeName", Kind::Name}, {"AttributeType", Kind::Text}});
        if (r.contains("TableName")) text(r["TableName"], "TableName", 1);
        if (r.contains("KeySchema")) list(r["KeySchema"], "KeySchema", {{"AttributeName", Kind::Name}, {"KeyType", Kind::Text}});
        if (r.contains("ProvisionedThroughput"))
            structure(r["ProvisionedThroughput"], "ProvisionedThroughput",
                      {{"ReadCapacityUnits", Kind::Positive}, {"WriteCapacityUnits", Kind::Positive}});
        if (errors_.empty()) return;
        std::string message = "Parameter validation failed:";
        for (const auto& e : errors_) message += "\n" + e;
        throw ParamError(message);
    }

private:
    enum class Kind { Name, Text, Positive };   // KeySchemaAttributeName (min 1), a string, PositiveLongObject (min 1)
    using Members = std::vector<std::pair<std::string, Kind>>;

    static std::string shown(const ojson& v) { return v.is_string() ? v.get<std::string>() : python_repr(v); }
    void wrong_type(const ojson& v, const std::string& name, const std::string& valid) {
        errors_.push_back("Invalid type for parameter " + name + ", value: " + shown(v) + ", type: <class '" +
                          shell_args::python_type_name(v) + "'>, valid types: " + valid);
    }
    void text(const ojson& v, const std::string& name, std::size_t min) {
        if (!v.is_string()) return wrong_type(v, name, "<class 'str'>");
        const std::size_t len = v.get_ref<const std::string&>().size();
        if (len < min)
            errors_.push_back("Invalid length for parameter " + name + ", value: " + std::to_string(len) + ", valid min length: " +
                              std::to_string(min));
    }
    void list(const ojson& v, const std::string& name, const Members& members) {
        if (!v.is_array()) return wrong_type(v, name, "<class 'list'>, <class 'tuple'>");
        for (std::size_t i = 0; i < v.size(); ++i) structure(v[i], name + "[" + std::to_string(i) + "]", members);
    }
    void structure(const ojson& v, const std::string& name, const Members& members) {
        if (!v.is_object()) return wrong_type(v, name, "<class 'dict'>");
        for (const auto& [member, kind] : members)        // every member is required in these shapes
            if (!v.contains(member)) errors_.push_back("Missing required parameter in " + name + ": \"" + member + "\"");
        std::string valid;
        for (const auto& [member, kind] : members) valid += (valid.empty() ? "" : ", ") + member;
        for (auto it = v.begin(); it != v.end(); ++it) {
            const auto known = std::find_if(members.begin(), members.end(), [&](const auto& m) { return m.first == it.key(); });
            if (known == members.end())
                errors_.push_back("Unknown parameter in " + name + ": \"" + it.key() + "\", must be one of: " + valid);
        }
        for (auto it = v.begin(); it != v.end(); ++it) {
            const auto known = std::find_if(members.begin(), members.end(), [&](const auto& m) { return m.first == it.key(); });
            if (known == members.end()) continue;
            const std::string path = name + "." + it.key();
            if (known->second == Kind::Positive) {
                if (!it->is_number_integer()) wrong_type(*it, path, "<class 'int'>");
                else if (it->get<long long>() < 1)
                    errors_.push_back("Invalid value for parameter " + path + ", value: " + it->dump() + ", valid min value: 1");
            } else {
                text(*it, path, known->second == Kind::Name ? 1 : 0);
            }
        }
    }

    std::vector<std::string> errors_;
};

CommandResult create_table(CommandContext& ctx) {
    ojson r{{"TableName", ctx.args.get("--table-name")}};
    r["AttributeDefinitions"] = list_option(ctx, "--attribute-definitions");
    r["KeySchema"] = list_option(ctx, "--key-schema");
    if (ctx.args.values.count("--billing-mode")) r["BillingMode"] = ctx.args.get("--billing-mode");
    if (ctx.args.values.count("--provisioned-throughput")) {
        ojson pt;
        std::string error;
        if (!parse_shorthand_or_json(ctx.value_or_file("--provisioned-throughput"), pt, error, ctx.file_reader()) || !pt.is_object())
            throw ParamError("Error parsing parameter '--provisioned-throughput': " + error);
        for (auto& [k, v] : pt.items()) {
            if (!v.is_string()) continue;
            const auto n = shell_args::parse_long(v.get<std::string>());
            if (!n) throw ParamError("Error parsing parameter '--provisioned-throughput': invalid literal for int() with base 10: '" +
                                     v.get<std::string>() + "'");
            v = *n;
        }
        r["ProvisionedThroughput"] = pt;
    }
    CreateTableCheck().run(r);
    return answer(ctx, ctx.world.dynamodb.call("CreateTable", r));
}

CommandResult describe_table(CommandContext& ctx) {
    return answer(ctx, ctx.world.dynamodb.call("DescribeTable", ojson{{"TableName", ctx.args.get("--table-name")}}));
}

CommandResult delete_table(CommandContext& ctx) {
    return answer(ctx, ctx.world.dynamodb.call("DeleteTable", ojson{{"TableName", ctx.args.get("--table-name")}}));
}

CommandResult list_tables(CommandContext& ctx) {
    ojson names = ojson::array();
    ojson r = ojson::object();
    while (true) {
        const ojson page = ctx.world.dynamodb.call("ListTables", r);
        for (const auto& n : page["TableNames"]) names.push_back(n);
        if (!page.contains("LastEvaluatedTableName")) break;
        r["ExclusiveStartTableName"] = page["LastEvaluatedTableName"];
    }
    return ctx.json(ojson{{"TableNames", names}});
}

CommandResult put_item(CommandContext& ctx) {
    ojson r{{"TableName", ctx.args.get("--table-name")}, {"Item", json_option(ctx, "--item")}};
    expression_options(ctx, r);
    return answer(ctx, ctx.world.dynamodb.call("PutItem", r));
}

CommandResult get_item(CommandContext& ctx) {
    ojson r{{"TableName", ctx.args.get("--table-name")}, {"Key", json_option(ctx, "--key")}};
    expression_options(ctx, r);
    if (ctx.args.flags.count("--consistent-read")) r["ConsistentRead"] = true;
    return answer(ctx, ctx.world.dynamodb.call("GetItem", r));
}

CommandResult update_item(CommandContext& ctx) {
    ojson r{{"TableName", ctx.args.get("--table-name")}, {"Key", json_option(ctx, "--key")}};
    expression_options(ctx, r);
    return answer(ctx, ctx.world.dynamodb.call("UpdateItem", r));
}

CommandResult delete_item(CommandContext& ctx) {
    ojson r{{"TableName", ctx.args.get("--table-name")}, {"Key", json_option(ctx, "--key")}};
    expression_options(ctx, r);
    return answer(ctx, ctx.world.dynamodb.call("DeleteItem", r));
}

CommandResult scan(CommandContext& ctx) {
    ojson r{{"TableName", ctx.args.get("--table-name")}};
    expression_options(ctx, r);
    const auto max_items_arg = shell_args::int_option(ctx, "--max-items");
    const auto page_size = shell_args::int_option(ctx, "--page-size");
    if (page_size) {
        shell_args::check_min(*page_size, "Limit", 1);   // botocore: Scan.Limit is PositiveIntegerObject, min 1
        r["Limit"] = page_size->value;
    }
    const std::optional<long long> max_items = max_items_arg ? std::optional<long long>(max_items_arg->value) : std::nullopt;
    ojson items = ojson::array();
    long long count = 0, scanned = 0;
    while (true) {
        const ojson page = ctx.world.dynamodb.call("Scan", r);
        if (page.contains("Items")) for (const auto& i : page["Items"]) items.push_back(i);
        count += page["Count"].get<long long>();
        scanned += page["ScannedCount"].get<long long>();
        if (!page.contains("LastEvaluatedKey")) break;
        r["ExclusiveStartKey"] = page["LastEvaluatedKey"];
    }
    ojson out = ojson::object();
    const bool counting = ctx.args.get("--select") == "COUNT";
    if (!counting) {
        if (max_items && *max_items >= 0 && static_cast<long long>(items.size()) > *max_items) {
            // --max-items truncates the merged result; the CLI then prints a NextToken to resume.
            ojson kept = ojson::array();
            for (long long i = 0; i < *max_items; ++i) kept.push_back(items[static_cast<std::size_t>(i)]);
            items = kept;
            count = *max_items;
        }
        out["Items"] = items;
    }
    out["Count"] = count;
    out["ScannedCount"] = scanned;
    out["ConsumedCapacity"] = nullptr;
    return ctx.json(out);
}

} // namespace

void register_dynamodb_commands(Shell& shell) {
    auto& r = shell.registry();
    const std::vector<OptionSpec> expression = {{"--condition-expression"}, {"--expression-attribute-names"},
                                                {"--expression-attribute-values"}, {"--return-values"},
                                                {"--return-consumed-capacity"}, {"--return-item-collection-metrics"},
                                                {"--return-values-on-condition-check-failure"}};
    auto with = [](std::vector<OptionSpec> a, const std::vector<OptionSpec>& b) { a.insert(a.end(), b.begin(), b.end()); return a; };
    r.add({"dynamodb", "create-table", "CreateTable",
           {{"--table-name", true, true}, {"--attribute-definitions", true, true, true}, {"--key-schema", true, true, true},
            {"--billing-mode"}, {"--provisioned-throughput"}, {"--tags", true, false, true}, {"--table-class"},
            {"--deletion-protection-enabled", false}, {"--no-deletion-protection-enabled", false}},
           {}, create_table});
    r.add({"dynamodb", "describe-table", "DescribeTable", {{"--table-name", true, true}}, {}, describe_table});
    r.add({"dynamodb", "delete-table", "DeleteTable", {{"--table-name", true, true}}, {}, delete_table});
    r.add({"dynamodb", "list-tables", "ListTables", {{"--max-items"}, {"--page-size"}, {"--starting-token"}}, {}, list_tables});
    r.add({"dynamodb", "put-item", "PutItem", with({{"--table-name", true, true}, {"--item", true, true}}, expression), {}, put_item});
    r.add({"dynamodb", "get-item", "GetItem",
           {{"--table-name", true, true}, {"--key", true, true}, {"--projection-expression"}, {"--expression-attribute-names"},
            {"--consistent-read", false}, {"--no-consistent-read", false}, {"--return-consumed-capacity"}},
           {}, get_item});
    r.add({"dynamodb", "update-item", "UpdateItem",
           with({{"--table-name", true, true}, {"--key", true, true}, {"--update-expression"}}, expression), {}, update_item});
    r.add({"dynamodb", "delete-item", "DeleteItem", with({{"--table-name", true, true}, {"--key", true, true}}, expression), {},
           delete_item});
    r.add({"dynamodb", "scan", "Scan",
           {{"--table-name", true, true}, {"--filter-expression"}, {"--projection-expression"}, {"--expression-attribute-names"},
            {"--expression-attribute-values"}, {"--select"}, {"--max-items"}, {"--page-size"}, {"--starting-token"},
            {"--consistent-read", false}, {"--no-consistent-read", false}, {"--return-consumed-capacity"}},
           {}, scan});
}

} // namespace invokelab
