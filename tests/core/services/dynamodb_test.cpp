// DynamoDB-like tables: the JSON protocol through DynamoDbService::call and
// World::call_service, the idempotency arithmetic (300 vs 100 points), condition and update
// expressions, and DynamoDB's error texts.
#include <tuple>
#include <gtest/gtest.h>
#include "aws_error_expect.h"
#include "services/dynamodb_expr.h"
#include "world/world.h"

using namespace invokelab;
using invokelab::testing::expect_aws_error;

namespace {

ojson create_request(const std::string& name, const std::string& hash = "id", const std::string& type = "S") {
    return ojson{{"TableName", name},
                 {"AttributeDefinitions", ojson::array({ojson{{"AttributeName", hash}, {"AttributeType", type}}})},
                 {"KeySchema", ojson::array({ojson{{"AttributeName", hash}, {"KeyType", "HASH"}}})},
                 {"BillingMode", "PAY_PER_REQUEST"}};
}

ojson S(const std::string& s) { return ojson{{"S", s}}; }
ojson N(const std::string& n) { return ojson{{"N", n}}; }

// The naive handler: ADD points for every delivery.
void add_points(World& w, const std::string& request_id) {
    const ojson r = w.call_service("dynamodb", "UpdateItem",
                                   ojson{{"TableName", "users"}, {"Key", {{"userId", S("u1")}}},
                                         {"UpdateExpression", "ADD points :p"},
                                         {"ExpressionAttributeValues", {{":p", N("100")}}}},
                                   request_id);
    ASSERT_FALSE(r.contains("__type")) << r.dump();
}

// The idempotent handler: mark the event processed with a conditional put, and add points
// only when the mark was new.
bool add_points_once(World& w, const std::string& event_id, const std::string& request_id) {
    const ojson mark = w.call_service("dynamodb", "PutItem",
                                      ojson{{"TableName", "processed"}, {"Item", {{"eventId", S(event_id)}}},
                                            {"ConditionExpression", "attribute_not_exists(eventId)"}},
                                      request_id);
    if (mark.contains("__type")) {
        EXPECT_EQ(mark, (ojson{{"__type", "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException"},
                               {"message", "The conditional request failed"}}));
        return false;
    }
    add_points(w, request_id);
    return true;
}

std::string points(World& w) {
    const ojson r = w.call_service("dynamodb", "GetItem", ojson{{"TableName", "users"}, {"Key", {{"userId", S("u1")}}}});
    return r["Item"]["points"]["N"].get<std::string>();
}

} // namespace

TEST(DynamoDbIdempotency, AddThreeTimesGives300ConditionalPutThenAddGives100) {
    World naive(1);
    naive.call_service("dynamodb", "CreateTable", create_request("users", "userId"));
    for (const char* rid : {"r-1", "r-1", "r-1"}) add_points(naive, rid);   // one event delivered three times
    EXPECT_EQ(points(naive), "300");

    World idempotent(1);
    idempotent.call_service("dynamodb", "CreateTable", create_request("users", "userId"));
    idempotent.call_service("dynamodb", "CreateTable", create_request("processed", "eventId"));
    EXPECT_TRUE(add_points_once(idempotent, "evt-1", "r-1"));
    EXPECT_FALSE(add_points_once(idempotent, "evt-1", "r-1"));
    EXPECT_FALSE(add_points_once(idempotent, "evt-1", "r-1"));
    EXPECT_EQ(points(idempotent), "100");

    // The trace tells which attempt wrote and which one was refused.
    std::vector<std::string> kinds;
    for (const auto& e : idempotent.trace.entries())
        if (e.kind.rfind("dynamodb.", 0) == 0 && e.kind != "dynamodb.table-created") kinds.push_back(std::string(e.kind) + "@" + std::string(e.request_id));
    EXPECT_EQ(kinds, (std::vector<std::string>{"dynamodb.put-item@r-1", "dynamodb.update-item@r-1",
                                               "dynamodb.conditional-check-failed@r-1", "dynamodb.conditional-check-failed@r-1"}));
    const ojson state = idempotent.state_json()["dynamodb"];
    EXPECT_EQ(state["lastChange"], (ojson{{"table", "users"}, {"key", {{"userId", S("u1")}}}, {"operation", "UpdateItem"},
                                          {"requestId", "r-1"}, {"time", 0}}));
}

TEST(DynamoDbTables, CreateDescribeListDelete) {
    World w(1);
    const ojson created = w.dynamodb.call("CreateTable", create_request("orders"));
    const ojson& d = created["TableDescription"];
    EXPECT_EQ(d["TableName"], "orders");
    EXPECT_EQ(d["TableStatus"], "ACTIVE");
    EXPECT_EQ(d["TableArn"], "arn:aws:dynamodb:ap-northeast-2:123456789012:table/orders");
    EXPECT_EQ(d["KeySchema"], ojson::parse(R"([{"AttributeName":"id","KeyType":"HASH"}])"));
    EXPECT_EQ(d["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST");
    EXPECT_EQ(d["ProvisionedThroughput"], ojson::parse(R"({"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0})"));
    EXPECT_DOUBLE_EQ(d["CreationDateTime"].get<double>(), 1772442000.0);
    EXPECT_EQ(d["TableId"].get<std::string>().size(), 36u);
    std::vector<std::string> keys;
    for (const auto& [k, v] : d.items()) keys.push_back(k);
    EXPECT_EQ(keys, (std::vector<std::string>{"AttributeDefinitions", "TableName", "KeySchema", "TableStatus", "CreationDateTime",
                                              "ProvisionedThroughput", "TableSizeBytes", "ItemCount", "TableArn", "TableId",
                                              "BillingModeSummary", "DeletionProtectionEnabled"}));

    expect_aws_error([&] { w.dynamodb.call("CreateTable", create_request("orders")); }, "ResourceInUseException", 400,
                     "Table already exists: orders");
    w.dynamodb.call("CreateTable", create_request("accounts"));
    EXPECT_EQ(w.dynamodb.call("ListTables", ojson::object()), ojson::parse(R"({"TableNames":["accounts","orders"]})"));
    EXPECT_EQ(w.dynamodb.call("ListTables", ojson{{"Limit", 1}}), ojson::parse(R"({"TableNames":["accounts"],"LastEvaluatedTableName":"accounts"})"));
    EXPECT_EQ(w.dynamodb.call("DeleteTable", ojson{{"TableName", "orders"}})["TableDescription"]["TableStatus"], "DELETING");
    expect_aws_error([&] { w.dynamodb.call("DescribeTable", ojson{{"TableName", "orders"}}); }, "ResourceNotFoundException", 400,
                     "Requested resource not found: Table: orders not found");
    expect_aws_error([&] { w.dynamodb.call("DeleteTable", ojson{{"TableName", "orders"}}); }, "ResourceNotFoundException", 400,
                     "Requested resource not found: Table: orders not found");
}

TEST(DynamoDbTables, CreateTableValidation) {
    World w(1);
    ojson bad = create_request("t1");
    expect_aws_error([&] { w.dynamodb.call("CreateTable", bad); }, "ValidationException", 400,
                     "1 validation error detected: Value 't1' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3");
    bad = create_request("orders");
    bad["KeySchema"][0]["AttributeName"] = "user";
    expect_aws_error([&] { w.dynamodb.call("CreateTable", bad); }, "ValidationException", 400,
                     "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [user], AttributeDefinitions: [id]");
    bad = create_request("orders");
    bad.erase("BillingMode");
    expect_aws_error([&] { w.dynamodb.call("CreateTable", bad); }, "ValidationException", 400,
                     "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
    bad = create_request("orders");
    bad["AttributeDefinitions"].push_back(ojson{{"AttributeName", "extra"}, {"AttributeType", "N"}});
    expect_aws_error([&] { w.dynamodb.call("CreateTable", bad); }, "ValidationException", 400,
                     "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
}

TEST(DynamoDbItems, MissingTableKeyErrorsAndTypeChecks) {
    World w(1);
    expect_aws_error([&] { w.dynamodb.call("PutItem", ojson{{"TableName", "nope"}, {"Item", {{"id", S("a")}}}}); },
                     "ResourceNotFoundException", 400, "Requested resource not found");
    expect_aws_error([&] { w.dynamodb.call("GetItem", ojson{{"TableName", "nope"}, {"Key", {{"id", S("a")}}}}); },
                     "ResourceNotFoundException", 400, "Requested resource not found");
    w.dynamodb.call("CreateTable", create_request("orders"));
    expect_aws_error([&] { w.dynamodb.call("PutItem", ojson{{"TableName", "orders"}, {"Item", {{"name", S("a")}}}}); },
                     "ValidationException", 400, "One or more parameter values were invalid: Missing the key id in the item");
    expect_aws_error([&] { w.dynamodb.call("PutItem", ojson{{"TableName", "orders"}, {"Item", {{"id", N("1")}}}}); },
                     "ValidationException", 400, "One or more parameter values were invalid: Type mismatch for key id expected: S actual: N");
    expect_aws_error([&] { w.dynamodb.call("GetItem", ojson{{"TableName", "orders"}, {"Key", {{"order", S("a")}}}}); },
                     "ValidationException", 400, "The provided key element does not match the schema");
    expect_aws_error([&] { w.dynamodb.call("GetItem", ojson{{"TableName", "orders"}, {"Key", {{"id", S("a")}, {"x", S("b")}}}}); },
                     "ValidationException", 400, "The provided key element does not match the schema");
    expect_aws_error([&] { w.dynamodb.call("PutItem", ojson{{"TableName", "orders"}, {"Item", {{"id", S("a")}, {"n", N("abc")}}}}); },
                     "ValidationException", 400, "A value provided cannot be converted into a number");
    expect_aws_error([&] { w.dynamodb.call("PutItem", ojson{{"TableName", "orders"}, {"Item", {{"id", S("")}}}}); },
                     "ValidationException", 400,
                     "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: id");
    // Nothing was written by the refused requests.
    EXPECT_TRUE(w.dynamodb.find("orders")->items.empty());
}

TEST(DynamoDbItems, PutGetDeleteWithReturnValuesAndNumbersNormalised) {
    World w(1);
    w.dynamodb.call("CreateTable", create_request("orders"));
    EXPECT_EQ(w.dynamodb.call("PutItem", ojson{{"TableName", "orders"}, {"Item", {{"id", S("a")}, {"amount", N("1.50")}}}}), ojson::object());
    EXPECT_EQ(w.dynamodb.call("GetItem", ojson{{"TableName", "orders"}, {"Key", {{"id", S("a")}}}}),
              ojson::parse(R"({"Item":{"id":{"S":"a"},"amount":{"N":"1.5"}}})"));
    const ojson old = w.dynamodb.call("PutItem", ojson{{"TableName", "orders"}, {"Item", {{"id", S("a")}, {"amount", N("2e3")}}},
                                                      {"ReturnValues", "ALL_OLD"}});
    EXPECT_EQ(old, ojson::parse(R"({"Attributes":{"id":{"S":"a"},"amount":{"N":"1.5"}}})"));
    EXPECT_EQ(w.dynamodb.call("GetItem", ojson{{"TableName", "orders"}, {"Key", {{"id", S("a")}}}, {"ProjectionExpression", "amount"}}),
              ojson::parse(R"({"Item":{"amount":{"N":"2000"}}})"));
    EXPECT_EQ(w.dynamodb.call("GetItem", ojson{{"TableName", "orders"}, {"Key", {{"id", S("zzz")}}}}), ojson::object());
    expect_aws_error([&] { w.dynamodb.call("PutItem", ojson{{"TableName", "orders"}, {"Item", {{"id", S("a")}}}, {"ReturnValues", "ALL_NEW"}}); },
                     "ValidationException", 400, "Return values set to invalid value");
    EXPECT_EQ(w.dynamodb.call("DeleteItem", ojson{{"TableName", "orders"}, {"Key", {{"id", S("a")}}}, {"ReturnValues", "ALL_OLD"}}),
              ojson::parse(R"({"Attributes":{"id":{"S":"a"},"amount":{"N":"2000"}}})"));
    EXPECT_EQ(w.dynamodb.call("DeleteItem", ojson{{"TableName", "orders"}, {"Key", {{"id", S("a")}}}, {"ReturnValues", "ALL_OLD"}}), ojson::object());
}

TEST(DynamoDbItems, ConditionFailureKeepsTheItemAndCanReturnIt) {
    World w(1);
    w.dynamodb.call("CreateTable", create_request("orders"));
    w.dynamodb.call("PutItem", ojson{{"TableName", "orders"}, {"Item", {{"id", S("a")}, {"state", S("paid")}}}});
    const ojson again{{"TableName", "orders"}, {"Item", {{"id", S("a")}, {"state", S("new")}}},
                      {"ConditionExpression", "attribute_not_exists(id)"}, {"ReturnValuesOnConditionCheckFailure", "ALL_OLD"}};
    expect_aws_error([&] { w.dynamodb.call("PutItem", again); }, "ConditionalCheckFailedException", 400, "The conditional request failed");
    EXPECT_EQ(w.call_service("dynamodb", "PutItem", again),
              ojson::parse(R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
                               "message":"The conditional request failed","Item":{"id":{"S":"a"},"state":{"S":"paid"}}})"));
    EXPECT_EQ(w.dynamodb.find("orders")->items.begin()->second["state"], S("paid"));
    // Conditions on values: comparisons, AND / OR / NOT, parentheses, #names.
    const ojson upd{{"TableName", "orders"}, {"Key", {{"id", S("a")}}}, {"UpdateExpression", "SET #s = :shipped"},
                    {"ConditionExpression", "(#s = :paid OR #s = :new) AND NOT attribute_exists(cancelled)"},
                    {"ExpressionAttributeNames", {{"#s", "state"}}},
                    {"ExpressionAttributeValues", {{":paid", S("paid")}, {":new", S("new")}, {":shipped", S("shipped")}}},
                    {"ReturnValues", "UPDATED_NEW"}};
    EXPECT_EQ(w.dynamodb.call("UpdateItem", upd), ojson::parse(R"({"Attributes":{"state":{"S":"shipped"}}})"));
    expect_aws_error([&] { w.dynamodb.call("UpdateItem", upd); }, "ConditionalCheckFailedException", 400, "The conditional request failed");
}

TEST(DynamoDbItems, UpdateExpressionsSetArithmeticAddRemoveAndReturnValues) {
    World w(1);
    w.dynamodb.call("CreateTable", create_request("users", "userId"));
    auto update = [&](const std::string& expr, const ojson& values, const std::string& rv = "ALL_NEW") {
        ojson r{{"TableName", "users"}, {"Key", {{"userId", S("u1")}}}, {"UpdateExpression", expr}, {"ReturnValues", rv}};
        if (!values.is_null()) r["ExpressionAttributeValues"] = values;
        return w.dynamodb.call("UpdateItem", r);
    };
    EXPECT_EQ(update("SET points = if_not_exists(points, :zero) + :p, tags = :t", ojson{{":zero", N("0")}, {":p", N("100")}, {":t", ojson{{"SS", {"new"}}}}}),
              ojson::parse(R"({"Attributes":{"userId":{"S":"u1"},"points":{"N":"100"},"tags":{"SS":["new"]}}})"));
    EXPECT_EQ(update("SET points = points - :d", ojson{{":d", N("0.5")}}, "UPDATED_OLD"), ojson::parse(R"({"Attributes":{"points":{"N":"100"}}})"));
    EXPECT_EQ(update("ADD points :p, tags :t", ojson{{":p", N("-99.5")}, {":t", ojson{{"SS", {"vip", "new"}}}}}, "UPDATED_NEW"),
              ojson::parse(R"({"Attributes":{"points":{"N":"0"},"tags":{"SS":["new","vip"]}}})"));
    EXPECT_EQ(update("REMOVE tags", nullptr), ojson::parse(R"({"Attributes":{"userId":{"S":"u1"},"points":{"N":"0"}}})"));
    EXPECT_EQ(update("SET history = list_append(if_not_exists(history, :empty), :e)",
                     ojson{{":empty", ojson{{"L", ojson::array()}}}, {":e", ojson{{"L", {S("x")}}}}}, "UPDATED_NEW"),
              ojson::parse(R"({"Attributes":{"history":{"L":[{"S":"x"}]}}})"));
    expect_aws_error([&] { update("SET score2 = nothere + :p", ojson{{":p", N("1")}}); }, "ValidationException", 400,
                     "The provided expression refers to an attribute that does not exist in the item");
    expect_aws_error([&] { update("ADD points :s", ojson{{":s", S("x")}}); }, "ValidationException", 400,
                     "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND");
    expect_aws_error([&] { update("SET userId = :s", ojson{{":s", S("x")}}); }, "ValidationException", 400,
                     "One or more parameter values were invalid: Cannot update attribute userId. This attribute is part of the key");
    expect_aws_error([&] { update("SET a = :s SET b = :s", ojson{{":s", S("x")}}); }, "ValidationException", 400,
                     "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;");
    expect_aws_error([&] { update("SET a = :s, a = :s", ojson{{":s", S("x")}}); }, "ValidationException", 400,
                     "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]");
    // A string attribute plus a number: the operand type error.
    update("SET label = :s", ojson{{":s", S("x")}});
    expect_aws_error([&] { update("ADD label :p", ojson{{":p", N("1")}}); }, "ValidationException", 400,
                     "An operand in the update expression has an incorrect data type");
}

TEST(DynamoDbExpressions, SyntaxAndPlaceholderErrors) {
    World w(1);
    w.dynamodb.call("CreateTable", create_request("orders"));
    auto put = [&](const std::string& cond, const ojson& names, const ojson& values) {
        ojson r{{"TableName", "orders"}, {"Item", {{"id", S("a")}}}, {"ConditionExpression", cond}};
        if (!names.is_null()) r["ExpressionAttributeNames"] = names;
        if (!values.is_null()) r["ExpressionAttributeValues"] = values;
        return w.dynamodb.call("PutItem", r);
    };
    auto expect_validation = [&](const std::string& cond, const ojson& names, const ojson& values, const std::string& message) {
        expect_aws_error([&] { put(cond, names, values); }, "ValidationException", 400, message);
    };
    expect_validation("attribute_not_exists(", nullptr, nullptr, "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"(\"");
    expect_validation("foo", nullptr, nullptr, "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"foo\"");
    expect_validation("id == :v", nullptr, ojson{{":v", S("a")}}, "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"==\"");
    expect_validation("id = :v $", nullptr, ojson{{":v", S("a")}}, "Invalid ConditionExpression: Syntax error; token: \"$\", near: \":v $\"");
    expect_validation("foo(id)", nullptr, nullptr, "Invalid ConditionExpression: Invalid function name; function: foo");
    expect_validation("((id = :v))", nullptr, ojson{{":v", S("a")}}, "Invalid ConditionExpression: The expression has redundant parentheses;");
    expect_validation("attribute_exists(#n)", nullptr, nullptr,
                      "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #n");
    expect_validation("id = :v", nullptr, nullptr,
                      "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :v");
    expect_validation("id = :v", nullptr, ojson{{":v", S("a")}, {":w", S("b")}, {":a", S("c")}},
                      "Value provided in ExpressionAttributeValues unused in expressions: keys: {:a, :w}");
    expect_validation("attribute_exists(id)", ojson{{"#u", "unused"}}, nullptr,
                      "Value provided in ExpressionAttributeNames unused in expressions: keys: {#u}");
    expect_validation("attribute_exists(status)", nullptr, nullptr,
                      "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status");
    expect_validation("  ", nullptr, nullptr, "Invalid ConditionExpression: The expression can not be empty;");
    expect_validation(std::string(5000, 'a'), nullptr, nullptr,
                      "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 5000");
    expect_validation("attribute_exists(id)", nullptr, ojson::object(), "ExpressionAttributeValues must not be empty");
    expect_aws_error([&] { w.dynamodb.call("PutItem", ojson{{"TableName", "orders"}, {"Item", {{"id", S("a")}}}, {"ExpressionAttributeValues", {{":v", S("a")}}}}); },
                     "ValidationException", 400, "ExpressionAttributeValues can only be specified when using expressions");
}

TEST(DynamoDbExpressions, HostileNestingEndsInAValidationErrorNotACrash) {
    World w(1);
    w.dynamodb.call("CreateTable", create_request("orders"));
    auto put = [&](const std::string& cond) {
        return w.call_service("dynamodb", "PutItem", ojson{{"TableName", "orders"}, {"Item", {{"id", S("a")}}}, {"ConditionExpression", cond}});
    };
    const ojson deep = put(std::string(2000, '(') + "attribute_not_exists(id)" + std::string(2000, ')'));
    EXPECT_EQ(deep["__type"], "com.amazon.coral.validate#ValidationException");
    EXPECT_EQ(deep["message"], "Invalid ConditionExpression: The expression is nested more than 64 levels deep");
    std::string nots;
    for (int i = 0; i < 1000; ++i) nots += "NOT ";
    EXPECT_EQ(put(nots + "attribute_exists(id)")["message"], "Invalid ConditionExpression: The expression is nested more than 64 levels deep");
    // A long flat chain is fine (one n-ary node) and evaluates.
    std::string chain = "attribute_not_exists(id)";
    for (int i = 0; i < 120; ++i) chain += " AND attribute_not_exists(id)";   // 3504 bytes
    EXPECT_EQ(put(chain), ojson::object());
    EXPECT_EQ(put(chain)["__type"], "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException");
    EXPECT_EQ(w.dynamodb.find("orders")->items.size(), 1u);
}

TEST(DynamoDbExpressions, ComparisonsFunctionsAndScanFilter) {
    World w(1);
    w.dynamodb.call("CreateTable", create_request("scores", "player"));
    for (const auto& [player, score, tag] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"ann", "10", "red"}, {"bob", "9.5", "blue"}, {"cid", "-3", "red"}, {"dan", "100", "green"}})
        w.dynamodb.call("PutItem", ojson{{"TableName", "scores"}, {"Item", {{"player", S(player)}, {"score", N(score)}, {"tag", S(tag)}}}});
    auto scan = [&](const std::string& filter, const ojson& values) {
        ojson r{{"TableName", "scores"}, {"FilterExpression", filter}, {"ExpressionAttributeValues", values}, {"ProjectionExpression", "player"}};
        ojson out = w.dynamodb.call("Scan", r);
        std::string names;
        for (const auto& i : out["Items"]) names += i["player"]["S"].get<std::string>() + " ";
        return names + std::to_string(out["Count"].get<int>()) + "/" + std::to_string(out["ScannedCount"].get<int>());
    };
    EXPECT_EQ(scan("score > :n", ojson{{":n", N("9.75")}}), "ann dan 2/4");       // numeric, not text, order
    EXPECT_EQ(scan("score BETWEEN :a AND :b", ojson{{":a", N("-3")}, {":b", N("9.5")}}), "bob cid 2/4");
    EXPECT_EQ(scan("tag IN (:r, :g)", ojson{{":r", S("red")}, {":g", S("green")}}), "ann cid dan 3/4");
    EXPECT_EQ(scan("begins_with(tag, :p) AND size(tag) = :three", ojson{{":p", S("r")}, {":three", N("3")}}), "ann cid 2/4");
    EXPECT_EQ(scan("contains(tag, :e) OR score < :z", ojson{{":e", S("ee")}, {":z", N("0")}}), "cid dan 2/4");
    EXPECT_EQ(scan("tag <> :r", ojson{{":r", S("red")}}), "bob dan 2/4");
    EXPECT_EQ(scan("attribute_type(score, :t)", ojson{{":t", S("N")}}), "ann bob cid dan 4/4");
    // Limit stops the scan and says where; the CLI-style continuation resumes after it.
    const ojson page = w.dynamodb.call("Scan", ojson{{"TableName", "scores"}, {"Limit", 2}});
    EXPECT_EQ(page["LastEvaluatedKey"], ojson::parse(R"({"player":{"S":"bob"}})"));
    const ojson rest = w.dynamodb.call("Scan", ojson{{"TableName", "scores"}, {"ExclusiveStartKey", page["LastEvaluatedKey"]}});
    EXPECT_EQ(rest["Count"], 2);
    EXPECT_EQ(rest["Items"][0]["player"], S("cid"));
}

TEST(DynamoDbNumbers, ExactDecimalArithmeticAndLimits) {
    using ddb::DdbNumber;
    auto sum = [](const std::string& a, const std::string& b) { return DdbNumber::parse(a)->plus(*DdbNumber::parse(b)).to_string(); };
    EXPECT_EQ(sum("0.1", "0.2"), "0.3");
    EXPECT_EQ(sum("100", "-100"), "0");
    EXPECT_EQ(sum("99999999999999999999999999999999999999", "1"), "100000000000000000000000000000000000000");
    EXPECT_EQ(sum("-1.5", "0.25"), "-1.25");
    EXPECT_EQ(DdbNumber::parse("1E-3")->to_string(), "0.001");
    EXPECT_EQ(DdbNumber::parse("-0")->to_string(), "0");
    EXPECT_FALSE(DdbNumber::parse("1.2.3"));
    EXPECT_FALSE(DdbNumber::parse("abc"));
    EXPECT_FALSE(DdbNumber::parse("1e"));
    EXPECT_EQ(DdbNumber::parse("9.5")->compare(*DdbNumber::parse("10")), -1);
    EXPECT_EQ(DdbNumber::parse("-9.5")->compare(*DdbNumber::parse("-10")), 1);
    expect_aws_error([] { ddb::checked_number("123456789012345678901234567890123456789"); }, "ValidationException", 400,
                     "Attempting to store more than 38 significant digits in a Number");
    expect_aws_error([] { ddb::checked_number("1e126"); }, "ValidationException", 400,
                     "Number overflow. Attempting to store a number with magnitude larger than supported range");
    expect_aws_error([] { ddb::checked_number("1e-131"); }, "ValidationException", 400,
                     "Number underflow. Attempting to store a number with magnitude smaller than supported range");
}

TEST(DynamoDbCallService, ErrorShapesAndUnknownNames) {
    World w(1);
    EXPECT_EQ(w.call_service("dynamodb", "GetItem", ojson{{"TableName", "missing"}, {"Key", {{"id", S("a")}}}}),
              ojson::parse(R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"})"));
    EXPECT_EQ(w.call_service("dynamodb", "Query", ojson::object()),
              ojson::parse(R"({"__type":"com.amazon.coral.service#UnknownOperationException"})"));
    EXPECT_EQ(w.call_service("s3", "GetObject", ojson::object()),
              ojson::parse(R"x({"__type":"UnknownServiceException","message":"Unknown service 's3' (this simulator has: dynamodb, kv)"})x"));
    // Calls never move the clock or schedule anything (a handler calls from inside an action).
    EXPECT_EQ(w.now(), 0);
    EXPECT_EQ(w.scheduler.pending(), 0u);
}
