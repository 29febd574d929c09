// Invoke Lab core: the DynamoDB-like table service (see dynamodb.h for the API and the
// simplifications). Shapes: botocore data/dynamodb/2012-08-10/service-2.json. Messages: the
// service's, as recorded in LocalStack's snapshot tests (tests/aws/services/dynamodb/
// test_dynamodb.snapshot.json: "Requested resource not found" for item operations,
// "Requested resource not found: Table: non-existent not found" for DeleteTable, "The
// conditional request failed") and in moto's tests that pin the real service's texts.
#include "services/dynamodb.h"
#include <algorithm>
#include <cctype>
#include <cstdio>
#include "aws/errors.h"
#include "services/dynamodb_expr.h"
#include "sim/env.h"
#include "util/base64.h"
#include "util/timefmt.h"

namespace invokelab {

using ddb::ExpressionContext;

namespace {

AwsError validation(const std::string& message) { return AwsError("ValidationException", 400, message); }
AwsError not_found() { return AwsError("ResourceNotFoundException", 400, "Requested resource not found"); }
AwsError table_not_found(const std::string& name) {
    return AwsError("ResourceNotFoundException", 400, "Requested resource not found: Table: " + name + " not found");
}

double epoch_seconds(TimeMs t) { return static_cast<double>(unix_ms(t)) / 1000.0; }

// A required string member: the service's "1 validation error detected: Value null at
// 'tableName' failed to satisfy constraint: Member must not be null".
std::string required_string(const ojson& r, const std::string& member) {
    if (!r.is_object() || !r.contains(member) || r[member].is_null()) {
        std::string wire = member;
        wire[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(wire[0])));
        throw validation("1 validation error detected: Value null at '" + wire + "' failed to satisfy constraint: Member must not be null");
    }
    if (!r[member].is_string()) throw AwsError("SerializationException", 400, "NUMBER_VALUE cannot be converted to String");
    return r[member].get<std::string>();
}

void check_table_name(const std::string& name) {
    const std::string prefix = "1 validation error detected: Value '" + name + "' at 'tableName' failed to satisfy constraint: ";
    if (name.size() < 3) throw validation(prefix + "Member must have length greater than or equal to 3");
    if (name.size() > 255) throw validation(prefix + "Member must have length less than or equal to 255");
    for (char c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'))
            throw validation(prefix + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
}

std::string optional_string(const ojson& r, const std::string& member) {
    if (!r.contains(member) || r[member].is_null()) return "";
    if (!r[member].is_string()) throw AwsError("SerializationException", 400, "NUMBER_VALUE cannot be converted to String");
    return r[member].get<std::string>();
}

// A required string member of a list element (AttributeDefinitions / KeySchema): DynamoDB's
// messages for a missing (null) and for an empty value, e.g. "Value null at
// 'attributeDefinitions.1.member.attributeName' failed to satisfy constraint: Member must not
// be null" (an AWS-recorded CreateTable answer; the name is also the table's key, so an empty
// one would leave the table without a key attribute).
std::string required_member(const ojson& element, const std::string& member, const std::string& path) {
    if (!element.is_object() || !element.contains(member) || element[member].is_null())
        throw validation("1 validation error detected: Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
    const std::string v = optional_string(element, member);
    if (v.empty())
        throw validation("1 validation error detected: Value '' at '" + path + "' failed to satisfy constraint: Member must have length greater than or equal to 1");
    return v;
}

std::string return_values(const ojson& r, const std::vector<std::string>& allowed) {
    const std::string v = optional_string(r, "ReturnValues");
    if (v.empty()) return "NONE";
    static const std::vector<std::string> all = {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"};
    if (std::find(all.begin(), all.end(), v) == all.end())
        throw validation("1 validation error detected: Value '" + v +
                         "' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]");
    if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) throw validation("Return values set to invalid value");
    return v;
}

// Sortable text of one key value: strings by bytes, numbers by value, binary by bytes.
std::string order_text(const ojson& value) {
    const std::string t = ddb::value_type(value);
    if (t == "S") {
        std::string out;
        for (char c : value["S"].get<std::string>()) { out += c; if (c == '\0') out += '\x01'; }
        return out;
    }
    if (t == "B") {
        const auto bytes = base64_decode(value["B"].get<std::string>());
        std::string out;
        for (char c : bytes ? *bytes : value["B"].get<std::string>()) { out += c; if (c == '\0') out += '\x01'; }
        return out;
    }
    const auto n = ddb::DdbNumber::parse(value["N"].get<std::string>());
    if (!n || n->digits == "0") return "1";
    const int adjusted = static_cast<int>(n->digits.size()) + n->exponent + 10000;   // > 0 for checked numbers
    char exp[16];
    if (!n->negative) {
        std::snprintf(exp, sizeof exp, "%05d", adjusted);
        return "2" + std::string(exp) + n->digits;
    }
    std::snprintf(exp, sizeof exp, "%05d", 99999 - adjusted);
    std::string digits = n->digits;
    for (char& c : digits) c = static_cast<char>('9' - (c - '0'));
    return "0" + std::string(exp) + digits + "~";
}

// Parses the optional expression members of a request, in the order the service checks them.
struct Expressions {
    std::optional<ddb::Condition> condition;
    std::optional<ddb::UpdateProgram> update;
    std::optional<ddb::Condition> filter;
    std::optional<ddb::Projection> projection;
};

Expressions parse_expressions(const ojson& r, bool allow_update, bool allow_filter) {
    const ojson names = r.contains("ExpressionAttributeNames") ? r["ExpressionAttributeNames"] : ojson();
    const ojson values = r.contains("ExpressionAttributeValues") ? r["ExpressionAttributeValues"] : ojson();
    for (const char* legacy : {"Expected", "AttributeUpdates", "ScanFilter", "AttributesToGet", "ConditionalOperator"})
        if (r.contains(legacy) && !r[legacy].is_null())
            throw validation(std::string("Invoke Lab does not simulate the legacy parameter ") + legacy +
                             ": use ConditionExpression / UpdateExpression / FilterExpression / ProjectionExpression");
    ExpressionContext ctx(names, values);
    Expressions e;
    const std::string condition = optional_string(r, "ConditionExpression");
    const std::string update = allow_update ? optional_string(r, "UpdateExpression") : "";
    const std::string filter = allow_filter ? optional_string(r, "FilterExpression") : "";
    const std::string projection = optional_string(r, "ProjectionExpression");
    const bool any = r.contains("ConditionExpression") || !update.empty() || !filter.empty() || r.contains("ProjectionExpression") ||
                     (allow_update && r.contains("UpdateExpression")) || (allow_filter && r.contains("FilterExpression"));
    if (!any && names.is_object()) throw validation("ExpressionAttributeNames can only be specified when using expressions");
    if (!any && values.is_object()) throw validation("ExpressionAttributeValues can only be specified when using expressions");
    if (allow_update && r.contains("UpdateExpression")) e.update.emplace(update, ctx);
    if (r.contains("ConditionExpression")) e.condition.emplace(condition, "ConditionExpression", ctx);
    if (allow_filter && r.contains("FilterExpression")) e.filter.emplace(filter, "FilterExpression", ctx);
    if (r.contains("ProjectionExpression")) e.projection.emplace(projection, ctx);
    ctx.check_all_used();
    return e;
}

} // namespace

// [SECTION] Tables

std::vector<std::string> DynamoTable::key_names() const {
    std::vector<std::string> out{hash_key};
    if (!range_key.empty()) out.push_back(range_key);
    return out;
}

ojson DynamoTable::key_of(const ojson& item) const {
    ojson key = ojson::object();
    key[hash_key] = item[hash_key];
    if (!range_key.empty()) key[range_key] = item[range_key];
    return key;
}

std::string DynamoTable::key_order(const ojson& key) const {
    std::string out = order_text(key[hash_key]);
    if (!range_key.empty()) out += std::string("\0\0", 2) + order_text(key[range_key]);
    return out;
}

const std::vector<std::string>& DynamoDbService::operations() {
    static const std::vector<std::string> ops = {"CreateTable", "DeleteTable", "DescribeTable", "ListTables", "PutItem",
                                                 "GetItem", "UpdateItem", "DeleteItem", "Scan"};
    return ops;
}

ojson DynamoDbService::call(const std::string& operation, const ojson& request, const std::string& request_id) {
    if (!request.is_object()) throw AwsError("SerializationException", 400, "Start of list found where not expected");
    if (operation == "CreateTable") return create_table(request);
    if (operation == "DescribeTable") return describe_table(request);
    if (operation == "DeleteTable") return delete_table(request, request_id);
    if (operation == "ListTables") return list_tables(request);
    if (operation == "PutItem") return put_item(request, request_id);
    if (operation == "GetItem") return get_item(request);
    if (operation == "UpdateItem") return update_item(request, request_id);
    if (operation == "DeleteItem") return delete_item(request, request_id);
    if (operation == "Scan") return scan(request);
    throw AwsError("UnknownOperationException", 400, "");
}

const DynamoTable* DynamoDbService::find(const std::string& name) const {
    auto it = tables_.find(name);
    return it == tables_.end() ? nullptr : &it->second;
}

ojson DynamoDbService::describe(const DynamoTable& t, const std::string& status) const {
    // Member order: the AWS CLI reference's create-table / describe-table examples.
    ojson d;
    d["AttributeDefinitions"] = t.attribute_definitions;
    d["TableName"] = t.name;
    d["KeySchema"] = t.key_schema;
    d["TableStatus"] = status;
    d["CreationDateTime"] = epoch_seconds(t.created_at);
    d["ProvisionedThroughput"] = ojson{{"NumberOfDecreasesToday", 0}, {"ReadCapacityUnits", t.read_capacity},
                                       {"WriteCapacityUnits", t.write_capacity}};
    std::size_t bytes = 0;
    for (const auto& [k, item] : t.items) bytes += ddb::item_size(item);
    d["TableSizeBytes"] = bytes;
    d["ItemCount"] = t.items.size();
    d["TableArn"] = t.arn;
    d["TableId"] = t.id;
    if (t.billing_mode == "PAY_PER_REQUEST")
        d["BillingModeSummary"] = ojson{{"BillingMode", "PAY_PER_REQUEST"}, {"LastUpdateToPayPerRequestDateTime", epoch_seconds(t.created_at)}};
    d["DeletionProtectionEnabled"] = false;
    return d;
}

ojson DynamoDbService::create_table(const ojson& r) {
    const std::string name = required_string(r, "TableName");
    check_table_name(name);
    if (!r.contains("AttributeDefinitions") || r["AttributeDefinitions"].is_null())
        throw validation("1 validation error detected: Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null");
    if (!r.contains("KeySchema") || r["KeySchema"].is_null())
        throw validation("1 validation error detected: Value null at 'keySchema' failed to satisfy constraint: Member must not be null");
    const ojson& defs = r["AttributeDefinitions"];
    const ojson& schema = r["KeySchema"];
    if (!defs.is_array() || !schema.is_array()) throw AwsError("SerializationException", 400, "Start of structure or map found where not expected");
    if (schema.empty() || schema.size() > 2)
        throw validation("1 validation error detected: Value '" + schema.dump() + "' at 'keySchema' failed to satisfy constraint: Member must have length " +
                         (schema.empty() ? "greater than or equal to 1" : "less than or equal to 2"));
    DynamoTable t;
    t.name = name;
    std::map<std::string, std::string> types;
    std::vector<std::string> def_names;
    for (std::size_t i = 0; i < defs.size(); ++i) {
        const ojson& d = defs[i];
        const std::string at_path = "attributeDefinitions." + std::to_string(i + 1) + ".member.attributeType";
        if (!d.is_object() || !d.contains("AttributeType") || d["AttributeType"].is_null())
            throw validation("1 validation error detected: Value null at '" + at_path + "' failed to satisfy constraint: Member must not be null");
        const std::string at = optional_string(d, "AttributeType");
        if (at != "S" && at != "N" && at != "B")
            throw validation("1 validation error detected: Value '" + at + "' at '" + at_path +
                             "' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]");
        const std::string an = required_member(d, "AttributeName", "attributeDefinitions." + std::to_string(i + 1) + ".member.attributeName");
        types[an] = at;
        def_names.push_back(an);
        t.attribute_definitions.push_back(ojson{{"AttributeName", an}, {"AttributeType", at}});
    }
    std::vector<std::string> key_names;
    for (std::size_t i = 0; i < schema.size(); ++i) {
        const ojson& k = schema[i];
        const std::string kt_path = "keySchema." + std::to_string(i + 1) + ".member.keyType";
        if (!k.is_object() || !k.contains("KeyType") || k["KeyType"].is_null())
            throw validation("1 validation error detected: Value null at '" + kt_path + "' failed to satisfy constraint: Member must not be null");
        const std::string kt = optional_string(k, "KeyType");
        if (kt != "HASH" && kt != "RANGE")
            throw validation("1 validation error detected: Value '" + kt + "' at '" + kt_path +
                             "' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]");
        const std::string kn = required_member(k, "AttributeName", "keySchema." + std::to_string(i + 1) + ".member.attributeName");
        if (i == 0 && kt != "HASH") throw validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        if (i == 1 && kt != "RANGE") throw validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        if (i == 1 && kn == key_names[0]) throw validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        key_names.push_back(kn);
        t.key_schema.push_back(ojson{{"AttributeName", kn}, {"KeyType", kt}});
    }
    std::vector<std::string> undefined;
    for (const auto& k : key_names) if (!types.count(k)) undefined.push_back(k);
    if (!undefined.empty()) {
        auto join = [](std::vector<std::string> v) {
            std::sort(v.begin(), v.end());
            std::string s;
            for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
            return s;
        };
        throw validation("One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [" +
                         join(undefined) + "], AttributeDefinitions: [" + join(def_names) + "]");
    }
    if (types.size() != key_names.size())
        throw validation("One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
    t.hash_key = key_names[0];
    t.hash_type = types[t.hash_key];
    if (key_names.size() == 2) { t.range_key = key_names[1]; t.range_type = types[t.range_key]; }

    const std::string billing = optional_string(r, "BillingMode");
    t.billing_mode = billing.empty() ? "PROVISIONED" : billing;
    if (t.billing_mode != "PROVISIONED" && t.billing_mode != "PAY_PER_REQUEST")
        throw validation("1 validation error detected: Value '" + billing +
                         "' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
    const bool has_throughput = r.contains("ProvisionedThroughput") && r["ProvisionedThroughput"].is_object();
    if (t.billing_mode == "PROVISIONED") {
        const ojson pt = has_throughput ? r["ProvisionedThroughput"] : ojson::object();
        if (!pt.contains("ReadCapacityUnits") || !pt.contains("WriteCapacityUnits") || !pt["ReadCapacityUnits"].is_number_integer() ||
            !pt["WriteCapacityUnits"].is_number_integer())
            throw validation("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        t.read_capacity = pt["ReadCapacityUnits"].get<long long>();
        t.write_capacity = pt["WriteCapacityUnits"].get<long long>();
        if (t.read_capacity < 1 || t.write_capacity < 1)
            throw validation("One or more parameter values were invalid: Given value " +
                             std::to_string(std::min(t.read_capacity, t.write_capacity)) +
                             " for " + (t.read_capacity < 1 ? "ReadCapacityUnits" : "WriteCapacityUnits") + " is out of bounds");
    } else if (has_throughput) {
        throw validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
    }
    if (tables_.count(name)) throw AwsError("ResourceInUseException", 400, "Table already exists: " + name);

    t.arn = "arn:aws:dynamodb:" + env_.region + ":" + env_.account_id + ":table/" + name;
    t.id = env_.stream("dynamodb").uuid4();
    t.created_at = env_.now();
    env_.record("dynamodb.table-created", {}, ojson{{"table", name}, {"key", key_names}});
    // ACTIVE at once (see dynamodb.h); the answer says ACTIVE too, so it never contradicts a
    // describe-table run right after it.
    const auto& stored = tables_.emplace(name, std::move(t)).first->second;
    return ojson{{"TableDescription", describe(stored, "ACTIVE")}};
}

ojson DynamoDbService::describe_table(const ojson& r) const {
    const std::string name = required_string(r, "TableName");
    const DynamoTable* t = find(name);
    if (!t) throw table_not_found(name);
    return ojson{{"Table", describe(*t, "ACTIVE")}};
}

ojson DynamoDbService::delete_table(const ojson& r, const std::string& request_id) {
    const std::string name = required_string(r, "TableName");
    auto it = tables_.find(name);
    if (it == tables_.end()) throw table_not_found(name);
    ojson out{{"TableDescription", describe(it->second, "DELETING")}};
    tables_.erase(it);
    if (last_change_ && last_change_->store == "dynamodb" && last_change_->table == name) last_change_.reset();
    env_.record("dynamodb.table-deleted", request_id, ojson{{"table", name}});
    return out;
}

ojson DynamoDbService::list_tables(const ojson& r) const {
    long long limit = 100;
    if (r.contains("Limit") && !r["Limit"].is_null()) {
        if (!r["Limit"].is_number_integer()) throw AwsError("SerializationException", 400, "STRING_VALUE cannot be converted to Integer");
        limit = r["Limit"].get<long long>();
        if (limit < 1 || limit > 100)
            throw validation("1 validation error detected: Value '" + std::to_string(limit) + "' at 'limit' failed to satisfy constraint: Member must have value " +
                             (limit < 1 ? "greater than or equal to 1" : "less than or equal to 100"));
    }
    const std::string start = optional_string(r, "ExclusiveStartTableName");
    ojson names = ojson::array();
    std::string last;
    bool more = false;
    for (const auto& [name, t] : tables_) {
        if (!start.empty() && name <= start) continue;
        if (static_cast<long long>(names.size()) == limit) { more = true; break; }
        names.push_back(name);
        last = name;
    }
    ojson out{{"TableNames", names}};
    if (more) out["LastEvaluatedTableName"] = last;
    return out;
}

DynamoTable& DynamoDbService::item_table(const ojson& r) {
    const std::string name = required_string(r, "TableName");
    check_table_name(name);
    auto it = tables_.find(name);
    if (it == tables_.end()) throw not_found();
    return it->second;
}

const DynamoTable& DynamoDbService::item_table(const ojson& r) const {
    return const_cast<DynamoDbService*>(this)->item_table(r);
}

namespace {

void check_key_value(const DynamoTable& t, const std::string& name, const ojson& v, const std::string& expected_type, bool in_item) {
    const std::string actual = ddb::value_type(v);
    if (actual != expected_type) {
        if (in_item)
            throw validation("One or more parameter values were invalid: Type mismatch for key " + name + " expected: " + expected_type +
                             " actual: " + actual);
        throw validation("The provided key element does not match the schema");
    }
    if ((actual == "S" || actual == "B") && v[actual].get<std::string>().empty())
        throw validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty " +
                         std::string(actual == "S" ? "string" : "binary") + " value. Key: " + name);
    (void)t;
}

// The Key member of GetItem / UpdateItem / DeleteItem: exactly the key attributes.
ojson request_key(const DynamoTable& t, const ojson& r) {
    if (!r.contains("Key") || r["Key"].is_null())
        throw validation("1 validation error detected: Value null at 'key' failed to satisfy constraint: Member must not be null");
    ojson key = r["Key"];
    ddb::validate_item(key);
    if (key.size() != t.key_names().size() || !key.contains(t.hash_key) || (!t.range_key.empty() && !key.contains(t.range_key)))
        throw validation("The provided key element does not match the schema");
    check_key_value(t, t.hash_key, key[t.hash_key], t.hash_type, false);
    if (!t.range_key.empty()) check_key_value(t, t.range_key, key[t.range_key], t.range_type, false);
    return t.key_of(key);
}

[[noreturn]] void condition_failed(const ojson* old_item, const ojson& r) {
    DynamoConditionFailed e;
    if (old_item && optional_string(r, "ReturnValuesOnConditionCheckFailure") == "ALL_OLD") e.item = *old_item;
    throw e;
}

ojson subset(const ojson& item, const std::vector<std::string>& names) {
    ojson out = ojson::object();
    for (const auto& n : names) if (item.contains(n)) out[n] = item[n];
    return out;
}

} // namespace

void DynamoDbService::changed(const DynamoTable& t, const ojson& key, const std::string& operation, const std::string& request_id) {
    last_change_ = StoreChange{"dynamodb", t.name, key.dump(), operation, request_id, env_.now()};
}

ojson DynamoDbService::put_item(const ojson& r, const std::string& request_id) {
    DynamoTable& t = item_table(r);
    if (!r.contains("Item") || r["Item"].is_null())
        throw validation("1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null");
    ojson item = r["Item"];
    ddb::validate_item(item);
    for (const auto& [name, type] : {std::pair{t.hash_key, t.hash_type}, std::pair{t.range_key, t.range_type}}) {
        if (name.empty()) continue;
        if (!item.contains(name)) throw validation("One or more parameter values were invalid: Missing the key " + name + " in the item");
        check_key_value(t, name, item[name], type, true);
    }
    if (ddb::item_size(item) > 400 * 1024) throw validation("Item size has exceeded the maximum allowed size");
    const std::string rv = return_values(r, {"NONE", "ALL_OLD"});
    Expressions e = parse_expressions(r, false, false);
    if (e.projection) throw validation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {} Expression parameters: {ProjectionExpression}");
    const ojson key = t.key_of(item);
    const std::string order = t.key_order(key);
    auto it = t.items.find(order);
    const ojson* old_item = it == t.items.end() ? nullptr : &it->second;
    if (e.condition && !e.condition->evaluate(old_item)) {
        env_.record("dynamodb.conditional-check-failed", request_id, ojson{{"table", t.name}, {"operation", "PutItem"}, {"key", key}});
        condition_failed(old_item, r);
    }
    ojson out = ojson::object();
    if (rv == "ALL_OLD" && old_item) out["Attributes"] = *old_item;
    env_.record("dynamodb.put-item", request_id, ojson{{"table", t.name}, {"key", key}, {"replaced", old_item != nullptr}});
    t.items[order] = std::move(item);
    changed(t, key, "PutItem", request_id);
    return out;
}

ojson DynamoDbService::get_item(const ojson& r) const {
    const DynamoTable& t = item_table(r);
    const ojson key = request_key(t, r);
    Expressions e = parse_expressions(r, false, false);
    if (e.condition) throw validation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {} Expression parameters: {ConditionExpression}");
    auto it = t.items.find(t.key_order(key));
    if (it == t.items.end()) return ojson::object();
    return ojson{{"Item", e.projection ? e.projection->apply(it->second) : it->second}};
}

ojson DynamoDbService::update_item(const ojson& r, const std::string& request_id) {
    DynamoTable& t = item_table(r);
    const ojson key = request_key(t, r);
    const std::string rv = return_values(r, {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"});
    Expressions e = parse_expressions(r, true, false);
    const std::string order = t.key_order(key);
    auto it = t.items.find(order);
    const ojson* old_item = it == t.items.end() ? nullptr : &it->second;
    if (e.condition && !e.condition->evaluate(old_item)) {
        env_.record("dynamodb.conditional-check-failed", request_id, ojson{{"table", t.name}, {"operation", "UpdateItem"}, {"key", key}});
        condition_failed(old_item, r);
    }
    ojson item = old_item ? *old_item : key;
    ddb::UpdateResult applied;
    if (e.update) applied = e.update->apply(item, t.key_names());
    if (ddb::item_size(item) > 400 * 1024) throw validation("Item size has exceeded the maximum allowed size");
    ojson out = ojson::object();
    if (rv == "ALL_OLD" && old_item) out["Attributes"] = *old_item;
    else if (rv == "ALL_NEW") out["Attributes"] = item;
    else if (rv == "UPDATED_OLD" && old_item) out["Attributes"] = subset(*old_item, applied.updated_names);
    else if (rv == "UPDATED_NEW") out["Attributes"] = subset(item, applied.updated_names);
    if (out.contains("Attributes") && out["Attributes"].empty()) out.erase("Attributes");
    env_.record("dynamodb.update-item", request_id, ojson{{"table", t.name}, {"key", key}, {"created", old_item == nullptr}});
    t.items[order] = std::move(item);
    changed(t, key, "UpdateItem", request_id);
    return out;
}

ojson DynamoDbService::delete_item(const ojson& r, const std::string& request_id) {
    DynamoTable& t = item_table(r);
    const ojson key = request_key(t, r);
    const std::string rv = return_values(r, {"NONE", "ALL_OLD"});
    Expressions e = parse_expressions(r, false, false);
    if (e.projection) throw validation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {} Expression parameters: {ProjectionExpression}");
    const std::string order = t.key_order(key);
    auto it = t.items.find(order);
    const ojson* old_item = it == t.items.end() ? nullptr : &it->second;
    if (e.condition && !e.condition->evaluate(old_item)) {
        env_.record("dynamodb.conditional-check-failed", request_id, ojson{{"table", t.name}, {"operation", "DeleteItem"}, {"key", key}});
        condition_failed(old_item, r);
    }
    ojson out = ojson::object();
    if (rv == "ALL_OLD" && old_item) out["Attributes"] = *old_item;
    env_.record("dynamodb.delete-item", request_id, ojson{{"table", t.name}, {"key", key}, {"deleted", old_item != nullptr}});
    if (it != t.items.end()) t.items.erase(it);
    changed(t, key, "DeleteItem", request_id);
    return out;
}

ojson DynamoDbService::scan(const ojson& r) const {
    const DynamoTable& t = item_table(r);
    long long limit = -1;
    if (r.contains("Limit") && !r["Limit"].is_null()) {
        if (!r["Limit"].is_number_integer()) throw AwsError("SerializationException", 400, "STRING_VALUE cannot be converted to Integer");
        limit = r["Limit"].get<long long>();
        if (limit < 1)
            throw validation("1 validation error detected: Value '" + std::to_string(limit) +
                             "' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
    }
    const std::string select = optional_string(r, "Select");
    if (!select.empty() && select != "ALL_ATTRIBUTES" && select != "COUNT" && select != "SPECIFIC_ATTRIBUTES" && select != "ALL_PROJECTED_ATTRIBUTES")
        throw validation("1 validation error detected: Value '" + select +
                         "' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]");
    Expressions e = parse_expressions(r, false, true);
    if (e.condition) throw validation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {} Expression parameters: {ConditionExpression}");
    std::string start;
    if (r.contains("ExclusiveStartKey") && !r["ExclusiveStartKey"].is_null()) {
        ojson wrapped{{"Key", r["ExclusiveStartKey"]}};
        start = t.key_order(request_key(t, wrapped));
    }
    ojson items = ojson::array();
    long long scanned = 0, count = 0;
    std::string last_order;
    bool stopped = false;
    for (auto it = start.empty() ? t.items.begin() : t.items.upper_bound(start); it != t.items.end(); ++it) {
        if (limit >= 0 && scanned == limit) { stopped = true; break; }
        ++scanned;
        last_order = it->first;
        if (e.filter && !e.filter->evaluate(&it->second)) continue;
        ++count;
        if (select != "COUNT") items.push_back(e.projection ? e.projection->apply(it->second) : it->second);
    }
    ojson out = ojson::object();
    if (select != "COUNT") out["Items"] = items;
    out["Count"] = count;
    out["ScannedCount"] = scanned;
    // Like the service, a scan that stopped at Limit says where it stopped.
    if (stopped || (limit >= 0 && scanned == limit && !last_order.empty()))
        out["LastEvaluatedKey"] = t.key_of(t.items.at(last_order));
    return out;
}

ojson DynamoDbService::state_json() const {
    ojson tables = ojson::array();
    for (const auto& [name, t] : tables_) {
        ojson items = ojson::array();
        for (const auto& [k, item] : t.items) items.push_back(item);
        tables.push_back(ojson{{"name", name}, {"arn", t.arn}, {"key", t.key_names()}, {"billingMode", t.billing_mode}, {"items", items}});
    }
    ojson out{{"tables", tables}};
    if (last_change_)
        out["lastChange"] = ojson{{"table", last_change_->table}, {"key", ojson::parse(last_change_->key)},
                                  {"operation", last_change_->operation}, {"requestId", last_change_->request_id}, {"time", last_change_->at}};
    else
        out["lastChange"] = nullptr;
    return out;
}

} // namespace invokelab
