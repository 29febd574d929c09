// Invoke Lab core: DynamoDB's data model pieces that the table service builds on.
//
// Index
//   DdbNumber            the N type: exact decimal (38 significant digits), parse / add / compare
//   validate_item        AttributeValue checks and N normalisation, with DynamoDB's messages
//   compare_values       ordering of S / N / B values (sort keys, <, BETWEEN)
//   ExpressionContext    ExpressionAttributeNames / Values and which of them were used
//   Condition            a parsed ConditionExpression / FilterExpression; evaluate(item)
//   UpdateProgram        a parsed UpdateExpression (SET / REMOVE / ADD / DELETE); apply(item)
//   Projection           a parsed ProjectionExpression; apply(item)
//
// The parsers are recursive descent with a depth limit (kMaxExpressionDepth), and every
// expression is at most 4096 bytes as in DynamoDB, so hostile input ends in a
// ValidationException, never in a crash. Items are DynamoDB JSON (AttributeValue maps,
// {"id": {"S": "a"}, "points": {"N": "100"}}) held in ojson.
//
// Messages follow DynamoDB's wording as recorded in public tests pinned to the real service
// (LocalStack snapshots tests/aws/services/dynamodb/test_dynamodb.snapshot.json, moto's
// tests/test_dynamodb, botocore's dynamodb 2012-08-10 model for the shapes); each throw site
// quotes the form it follows.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>
#include "util/json.h"

namespace invokelab::ddb {

inline constexpr std::size_t kMaxExpressionBytes = 4096;   // DynamoDB's limit on each expression
inline constexpr int kMaxExpressionDepth = 64;              // nesting of ( ) / NOT / functions (simulator's bound)

// [SECTION] Numbers

struct DdbNumber {
    bool negative = false;
    std::string digits = "0";                       // no leading zeros; "0" for zero
    int exponent = 0;                               // value = digits * 10^exponent

    // Parses DynamoDB's number text ("100", "-1.50", "2e3"); nullopt when it is not a number.
    static std::optional<DdbNumber> parse(const std::string& text);
    std::string to_string() const;                  // normalised: "1.5", "2000", "-0.001"
    DdbNumber plus(const DdbNumber& other) const;
    DdbNumber negated() const { DdbNumber n = *this; if (n.digits != "0") n.negative = !n.negative; return n; }
    int compare(const DdbNumber& other) const;      // -1 / 0 / 1
};

// Checks a number the way PutItem does: ValidationException for text that is not a number,
// more than 38 significant digits, or a magnitude outside 1E-130 .. 9.99…E+125.
DdbNumber checked_number(const std::string& text);

// [SECTION] AttributeValues

// The one type key of an AttributeValue ("S", "N", … "M"); "" when the value is malformed.
std::string value_type(const ojson& value);
// Validates every AttributeValue of an item (or a key, or one value) and normalises numbers
// in place. Throws AwsError ValidationException with DynamoDB's message.
void validate_value(ojson& value);
void validate_item(ojson& item);
// Comparison of two values of the same scalar type S / N / B: -1, 0, 1; nullopt otherwise.
std::optional<int> compare_values(const ojson& a, const ojson& b);
bool values_equal(const ojson& a, const ojson& b);  // deep equality (sets compared as sets)
std::size_t item_size(const ojson& item);           // DynamoDB's item size rule (names + values), bytes

// [SECTION] Expressions

// One document path element: a map key or a list index.
struct PathElement {
    std::string name;                               // resolved attribute name (after #name)
    long long index = -1;                           // >= 0: a list index
};
using DocPath = std::vector<PathElement>;
std::string path_text(const DocPath& path);         // "a.b[1]", for messages

class ExpressionContext {
public:
    // names: ExpressionAttributeNames (object or null); values: ExpressionAttributeValues.
    ExpressionContext(const ojson& names, const ojson& values);
    // After every expression of a request was parsed: the unused-names / unused-values checks.
    void check_all_used() const;
    const ojson& names() const { return names_; }
    const ojson& values() const { return values_; }
    // Used by the parsers.
    std::string resolve_name(const std::string& ref, const std::string& label);   // "#n" -> its name
    const ojson& resolve_value(const std::string& ref, const std::string& label);  // ":v" -> its value
private:
    ojson names_, values_;
    std::set<std::string> used_names_, used_values_;
};

struct ExprNode;

class Condition {
public:
    // label: "ConditionExpression", "FilterExpression" (the message prefix "Invalid <label>: …").
    Condition(const std::string& text, const std::string& label, ExpressionContext& ctx);
    ~Condition();
    Condition(Condition&&) noexcept;
    bool evaluate(const ojson* item) const;         // item == nullptr: no item (attribute_not_exists holds)
private:
    std::vector<ExprNode> nodes_;
    int root_ = -1;
};

struct UpdateResult {
    std::vector<std::string> updated_names;         // top-level attribute names the update touched, in order
};

class UpdateProgram {
public:
    UpdateProgram(const std::string& text, ExpressionContext& ctx);
    ~UpdateProgram();
    UpdateProgram(UpdateProgram&&) noexcept;
    // Applies the actions to `item` (holding the key already). key_names: the table's key
    // attributes, which an update may not touch. Throws ValidationException.
    UpdateResult apply(ojson& item, const std::vector<std::string>& key_names) const;
private:
    struct Action;
    std::vector<ExprNode> nodes_;
    std::vector<Action> actions_;
};

class Projection {
public:
    Projection(const std::string& text, ExpressionContext& ctx);
    ojson apply(const ojson& item) const;
private:
    std::vector<DocPath> paths_;
};

} // namespace invokelab::ddb
