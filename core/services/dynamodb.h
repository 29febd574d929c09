// Invoke Lab core: a DynamoDB-like table service (what an idempotent handler writes to).
//
// Index
//   DynamoTable        name, ARN, key schema, billing mode, items (sorted by key)
//   StoreChange        the last write to a store: table/key, operation, request id, time (views)
//   DynamoDbService    call(operation, request JSON) in the DynamoDB JSON protocol
//
// ── The API (for the Python shims: boto3 in the page calls World::call_service / the wasm
//    export il_service_call("dynamodb", Operation, request JSON, requestId), see wasm/README.md)
//
// Requests and responses are exactly the JSON bodies of the DynamoDB JSON 1.0 protocol
// (botocore: data/dynamodb/2012-08-10/service-2.json), i.e. what boto3's low-level client
// sends after serialising: items and keys in AttributeValue form.
//
//   CreateTable   {"TableName","AttributeDefinitions":[{"AttributeName","AttributeType":"S|N|B"}],
//                  "KeySchema":[{"AttributeName","KeyType":"HASH"},{…"RANGE"}],
//                  "BillingMode":"PAY_PER_REQUEST"|"PROVISIONED","ProvisionedThroughput"?}
//                 -> {"TableDescription":{…}}
//   DescribeTable {"TableName"} -> {"Table":{…}}          DeleteTable {"TableName"} -> {"TableDescription":{…}}
//   ListTables    {"ExclusiveStartTableName"?,"Limit"?} -> {"TableNames":[…],"LastEvaluatedTableName"?}
//   PutItem       {"TableName","Item":{"id":{"S":"a"},…},"ConditionExpression"?,
//                  "ExpressionAttributeNames"?,"ExpressionAttributeValues"?,"ReturnValues"?:"NONE|ALL_OLD"}
//                 -> {} or {"Attributes":{…}}
//   GetItem       {"TableName","Key":{…},"ProjectionExpression"?,"ExpressionAttributeNames"?,"ConsistentRead"?}
//                 -> {"Item":{…}} or {} when there is no such item
//   UpdateItem    {"TableName","Key","UpdateExpression"?,"ConditionExpression"?,"ExpressionAttributeNames"?,
//                  "ExpressionAttributeValues"?,"ReturnValues"?:"NONE|ALL_OLD|UPDATED_OLD|ALL_NEW|UPDATED_NEW"}
//                 -> {} or {"Attributes":{…}}
//   DeleteItem    {"TableName","Key","ConditionExpression"?,…,"ReturnValues"?:"NONE|ALL_OLD"} -> {} or {"Attributes"}
//   Scan          {"TableName","FilterExpression"?,"ProjectionExpression"?,"Limit"?,"ExclusiveStartKey"?,…}
//                 -> {"Items":[…],"Count":n,"ScannedCount":n,"LastEvaluatedKey"?}
//   Timestamps (CreationDateTime …) are epoch seconds as JSON numbers, as on the wire.
//
// Errors are thrown as AwsError (code + message); World::call_service turns them into the
// wire error body {"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
// "message":"The conditional request failed"} (ValidationException: "com.amazon.coral.validate#…"),
// which botocore turns into ClientError with Error.Code = the part after '#'. Messages:
//   ConditionalCheckFailedException  "The conditional request failed"
//   ResourceNotFoundException        "Requested resource not found" (item operations);
//                                    "Requested resource not found: Table: T not found" (Describe/DeleteTable)
//   ResourceInUseException           "Table already exists: T"
//   ValidationException              "The provided key element does not match the schema",
//                                    "One or more parameter values were invalid: Missing the key id in the item",
//                                    "Invalid ConditionExpression: Syntax error; token: \"…\", near: \"…\"", …
//
// Simplifications (said where they matter): a new table is ACTIVE at once (the real
// CreateTable answers CREATING and takes seconds; here a lesson can write to it on the next
// line) and DeleteTable removes it at once (the answer still says DELETING, as AWS's does);
// ItemCount / TableSizeBytes are live (AWS refreshes them about every six hours); capacity is
// never exhausted. Scan returns items in key order (AWS's order is by hashed partition key).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>
#include "aws/errors.h"
#include "sim/trace.h"
#include "util/json.h"

namespace invokelab {

class Env;

// ConditionalCheckFailedException; `item` holds the item as it was when the request asked
// for it with ReturnValuesOnConditionCheckFailure=ALL_OLD (the wire error then carries "Item").
struct DynamoConditionFailed : AwsError {
    ojson item;                                     // null when not asked for or no item
    DynamoConditionFailed() : AwsError("ConditionalCheckFailedException", 400, "The conditional request failed") {}
};

struct DynamoTable {
    std::string name, arn, id;
    TimeMs created_at = 0;
    ojson attribute_definitions = ojson::array();   // as given: [{"AttributeName","AttributeType"}]
    ojson key_schema = ojson::array();              // [{"AttributeName","KeyType"}]
    std::string hash_key, hash_type;                // "id", "S"
    std::string range_key, range_type;              // "" when the table has no sort key
    std::string billing_mode = "PROVISIONED";
    long long read_capacity = 0, write_capacity = 0;
    // Items in key order: the key is the canonical text of the key attributes (see key_order).
    std::map<std::string, ojson> items;

    std::vector<std::string> key_names() const;
    ojson key_of(const ojson& item) const;          // {"id":{"S":"a"}} (hash, then range)
    std::string key_order(const ojson& key) const;  // sortable text of a key (numbers ordered numerically)
};

// The last change to a store, for the canvas highlight: which item/key, by which request.
struct StoreChange {
    std::string store;                              // "dynamodb" | "kv"
    std::string table;                              // table name ("" for kv)
    std::string key;                                // dynamodb: key JSON text ({"id":{"S":"a"}}); kv: the key
    std::string operation;                          // "PutItem", "UpdateItem", "DeleteItem", "SET", "INCR" …
    std::string request_id;                         // the Lambda request id of the attempt that called, or ""
    TimeMs at = 0;
};

class DynamoDbService {
public:
    explicit DynamoDbService(Env& env) : env_(env) {}

    // One operation of the JSON protocol. request_id: the Lambda attempt calling (for the
    // trace and the canvas), "" from the CLI. Throws AwsError.
    ojson call(const std::string& operation, const ojson& request, const std::string& request_id = {});
    static const std::vector<std::string>& operations();   // the operations call() knows

    const std::map<std::string, DynamoTable>& tables() const { return tables_; }
    const DynamoTable* find(const std::string& name) const;
    const std::optional<StoreChange>& last_change() const { return last_change_; }
    ojson state_json() const;                       // tables with key schema and items, last change

private:
    ojson create_table(const ojson& r);
    ojson describe_table(const ojson& r) const;
    ojson delete_table(const ojson& r, const std::string& request_id);
    ojson list_tables(const ojson& r) const;
    ojson put_item(const ojson& r, const std::string& request_id);
    ojson get_item(const ojson& r) const;
    ojson update_item(const ojson& r, const std::string& request_id);
    ojson delete_item(const ojson& r, const std::string& request_id);
    ojson scan(const ojson& r) const;

    DynamoTable& item_table(const ojson& r);        // ResourceNotFoundException "Requested resource not found"
    const DynamoTable& item_table(const ojson& r) const;
    ojson describe(const DynamoTable& t, const std::string& status) const;
    void changed(const DynamoTable& t, const ojson& key, const std::string& operation, const std::string& request_id);

    Env& env_;
    std::map<std::string, DynamoTable> tables_;
    std::optional<StoreChange> last_change_;
};

} // namespace invokelab
