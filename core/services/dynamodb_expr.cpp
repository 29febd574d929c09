// Invoke Lab core: DynamoDB numbers, AttributeValues and expressions (see dynamodb_expr.h).
#include "services/dynamodb_expr.h"
#include <algorithm>
#include <cctype>
#include <map>
#include "aws/errors.h"

namespace invokelab::ddb {

namespace {

AwsError validation(const std::string& message) { return AwsError("ValidationException", 400, message); }

} // namespace

// [SECTION] Numbers

std::optional<DdbNumber> DdbNumber::parse(const std::string& text) {
    std::size_t i = 0;
    DdbNumber n;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) n.negative = text[i++] == '-';
    std::string digits;
    int frac = 0;
    bool any = false, dot = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (std::isdigit(static_cast<unsigned char>(c))) { digits += c; any = true; if (dot) ++frac; if (frac > 400) return std::nullopt; }
        else if (c == '.' && !dot) dot = true;
        else break;
    }
    if (!any) return std::nullopt;
    long long exp = 0;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool eneg = false;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) eneg = text[i++] == '-';
        bool edigits = false;
        for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
            edigits = true;
            if (exp < 100000) exp = exp * 10 + (text[i] - '0');
        }
        if (!edigits) return std::nullopt;
        if (eneg) exp = -exp;
    }
    if (i != text.size() || digits.size() > 400) return std::nullopt;
    exp -= frac;
    const std::size_t nz = digits.find_first_not_of('0');
    if (nz == std::string::npos) return DdbNumber{};
    digits.erase(0, nz);
    while (digits.size() > 1 && digits.back() == '0') { digits.pop_back(); ++exp; }
    n.digits = digits;
    n.exponent = static_cast<int>(std::clamp<long long>(exp, -1000000, 1000000));
    return n;
}

std::string DdbNumber::to_string() const {
    if (digits == "0") return "0";
    std::string out = negative ? "-" : "";
    if (exponent >= 0) return out + digits + std::string(static_cast<std::size_t>(exponent), '0');
    const std::size_t frac = static_cast<std::size_t>(-exponent);
    if (digits.size() > frac) return out + digits.substr(0, digits.size() - frac) + "." + digits.substr(digits.size() - frac);
    return out + "0." + std::string(frac - digits.size(), '0') + digits;
}

namespace {

// Magnitude comparison of two digit strings aligned to the same exponent.
int compare_abs(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    const int c = a.compare(b);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
}

std::string add_abs(const std::string& a, const std::string& b) {
    std::string out;
    int carry = 0;
    for (std::size_t i = 0; i < std::max(a.size(), b.size()) || carry; ++i) {
        const int da = i < a.size() ? a[a.size() - 1 - i] - '0' : 0;
        const int db = i < b.size() ? b[b.size() - 1 - i] - '0' : 0;
        const int s = da + db + carry;
        out += static_cast<char>('0' + s % 10);
        carry = s / 10;
    }
    std::reverse(out.begin(), out.end());
    return out;
}

std::string sub_abs(const std::string& a, const std::string& b) {   // a >= b
    std::string out;
    int borrow = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        int d = (a[a.size() - 1 - i] - '0') - borrow - (i < b.size() ? b[b.size() - 1 - i] - '0' : 0);
        borrow = d < 0;
        if (d < 0) d += 10;
        out += static_cast<char>('0' + d);
    }
    while (out.size() > 1 && out.back() == '0') out.pop_back();
    std::reverse(out.begin(), out.end());
    return out;
}

DdbNumber normalised(bool negative, std::string digits, long long exponent) {
    const std::size_t nz = digits.find_first_not_of('0');
    if (nz == std::string::npos) return DdbNumber{};
    digits.erase(0, nz);
    while (digits.size() > 1 && digits.back() == '0') { digits.pop_back(); ++exponent; }
    DdbNumber n;
    n.negative = negative;
    n.digits = digits;
    n.exponent = static_cast<int>(exponent);
    return n;
}

} // namespace

DdbNumber DdbNumber::plus(const DdbNumber& o) const {
    if (o.digits == "0") return *this;
    if (digits == "0") return o;
    const int e = std::min(exponent, o.exponent);
    // Both operands are checked numbers (|exponent| <= ~170), so the aligned strings stay small.
    const std::string a = digits + std::string(static_cast<std::size_t>(exponent - e), '0');
    const std::string b = o.digits + std::string(static_cast<std::size_t>(o.exponent - e), '0');
    if (negative == o.negative) return normalised(negative, add_abs(a, b), e);
    const int c = compare_abs(a, b);
    if (c == 0) return DdbNumber{};
    return c > 0 ? normalised(negative, sub_abs(a, b), e) : normalised(o.negative, sub_abs(b, a), e);
}

int DdbNumber::compare(const DdbNumber& o) const {
    const bool zero = digits == "0", ozero = o.digits == "0";
    if (zero && ozero) return 0;
    const int sign = zero ? 0 : negative ? -1 : 1;
    const int osign = ozero ? 0 : o.negative ? -1 : 1;
    if (sign != osign) return sign < osign ? -1 : 1;
    // Same sign, both non-zero: compare magnitudes by adjusted exponent, then digits.
    const long long adj = static_cast<long long>(digits.size()) + exponent;
    const long long oadj = static_cast<long long>(o.digits.size()) + o.exponent;
    int mag = 0;
    if (adj != oadj) mag = adj < oadj ? -1 : 1;
    else {
        const std::size_t n = std::max(digits.size(), o.digits.size());
        std::string a = digits, b = o.digits;
        a.resize(n, '0');
        b.resize(n, '0');
        mag = compare_abs(a, b);
    }
    return sign > 0 ? mag : -mag;
}

DdbNumber checked_number(const std::string& text) {
    // Wording: the service's NumberFormatException surfaces as this ValidationException text.
    auto n = DdbNumber::parse(text);
    if (!n) throw validation("A value provided cannot be converted into a number");
    if (n->digits == "0") return *n;
    if (n->digits.size() > 38) throw validation("Attempting to store more than 38 significant digits in a Number");
    // DynamoDB: positive magnitudes from 1E-130 to 9.9999999999999999999999999999999999999E+125.
    const long long adjusted = static_cast<long long>(n->digits.size()) - 1 + n->exponent;
    if (adjusted > 125) throw validation("Number overflow. Attempting to store a number with magnitude larger than supported range");
    if (adjusted < -130) throw validation("Number underflow. Attempting to store a number with magnitude smaller than supported range");
    return *n;
}

// [SECTION] AttributeValues

namespace {

const std::vector<std::string> kTypes = {"S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"};

const char* set_word(const std::string& type) { return type == "SS" ? "string" : type == "NS" ? "number" : "binary"; }

void validate_value_at(ojson& value, int depth) {
    if (depth > 32)                                  // DynamoDB allows 32 levels of nesting
        throw validation("Nesting Levels have exceeded supported limits");
    if (!value.is_object() || value.empty())
        throw validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    if (value.size() > 1)
        throw validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
    const std::string type = value.begin().key();
    ojson& v = value.begin().value();
    if (std::find(kTypes.begin(), kTypes.end(), type) == kTypes.end())
        throw AwsError("SerializationException", 400, "Start of structure or map found where not expected");
    if (type == "S" || type == "B") {
        if (!v.is_string()) throw AwsError("SerializationException", 400, "NUMBER_VALUE cannot be converted to String");
    } else if (type == "N") {
        if (!v.is_string()) throw AwsError("SerializationException", 400, "NUMBER_VALUE cannot be converted to String");
        v = checked_number(v.get<std::string>()).to_string();
    } else if (type == "BOOL") {
        if (!v.is_boolean()) throw AwsError("SerializationException", 400, "STRING_VALUE can not be converted to a Boolean");
    } else if (type == "NULL") {
        if (!v.is_boolean()) throw AwsError("SerializationException", 400, "STRING_VALUE can not be converted to a Boolean");
        if (!v.get<bool>()) throw validation("One or more parameter values were invalid: Null attribute value types must have the value of true");
    } else if (type == "M") {
        if (!v.is_object()) throw AwsError("SerializationException", 400, "Start of list found where not expected");
        for (auto& [k, inner] : v.items()) validate_value_at(inner, depth + 1);
    } else if (type == "L") {
        if (!v.is_array()) throw AwsError("SerializationException", 400, "Start of structure or map found where not expected");
        for (auto& inner : v) validate_value_at(inner, depth + 1);
    } else {                                        // SS / NS / BS
        if (!v.is_array()) throw AwsError("SerializationException", 400, "Start of structure or map found where not expected");
        // "An string set  may not be empty" (two spaces) is the service's own text.
        if (v.empty()) throw validation(std::string("One or more parameter values were invalid: An ") + set_word(type) + " set  may not be empty");
        std::vector<std::string> seen;
        for (auto& e : v) {
            if (!e.is_string()) throw AwsError("SerializationException", 400, "NUMBER_VALUE cannot be converted to String");
            if (type == "NS") e = checked_number(e.get<std::string>()).to_string();
            seen.push_back(e.get<std::string>());
        }
        std::vector<std::string> sorted = seen;
        std::sort(sorted.begin(), sorted.end());
        if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
            std::string list;
            for (const auto& s : seen) list += (list.empty() ? "" : ", ") + s;
            throw validation("One or more parameter values were invalid: Input collection [" + list + "] contains duplicates.");
        }
    }
}

} // namespace

std::string value_type(const ojson& value) {
    if (!value.is_object() || value.size() != 1) return "";
    return value.begin().key();
}

void validate_value(ojson& value) { validate_value_at(value, 0); }

void validate_item(ojson& item) {
    if (!item.is_object()) throw AwsError("SerializationException", 400, "Start of list found where not expected");
    for (auto& [name, v] : item.items()) validate_value_at(v, 1);
}

std::optional<int> compare_values(const ojson& a, const ojson& b) {
    const std::string ta = value_type(a), tb = value_type(b);
    if (ta != tb) return std::nullopt;
    if (ta == "N") {
        auto na = DdbNumber::parse(a["N"].get<std::string>()), nb = DdbNumber::parse(b["N"].get<std::string>());
        if (!na || !nb) return std::nullopt;
        return na->compare(*nb);
    }
    if (ta == "S" || ta == "B") {                   // UTF-8 bytes (S) / base64 text (B: same order for equal lengths only; enough here)
        const int c = a[ta].get<std::string>().compare(b[ta].get<std::string>());
        return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    return std::nullopt;
}

bool values_equal(const ojson& a, const ojson& b) {
    const std::string ta = value_type(a), tb = value_type(b);
    if (ta.empty() || ta != tb) return false;
    if (ta == "N") return compare_values(a, b) == 0;
    if (ta == "SS" || ta == "NS" || ta == "BS") {
        if (a[ta].size() != b[ta].size()) return false;
        for (const auto& x : a[ta]) {
            bool found = false;
            for (const auto& y : b[ta]) {
                if (ta == "NS" ? compare_values(ojson{{"N", x}}, ojson{{"N", y}}) == 0 : x == y) { found = true; break; }
            }
            if (!found) return false;
        }
        return true;
    }
    if (ta == "M") {
        if (a["M"].size() != b["M"].size()) return false;
        for (const auto& [k, v] : a["M"].items())
            if (!b["M"].contains(k) || !values_equal(v, b["M"][k])) return false;
        return true;
    }
    if (ta == "L") {
        if (a["L"].size() != b["L"].size()) return false;
        for (std::size_t i = 0; i < a["L"].size(); ++i) if (!values_equal(a["L"][i], b["L"][i])) return false;
        return true;
    }
    return a[ta] == b[ta];
}

namespace {

std::size_t value_size(const ojson& v) {
    const std::string t = value_type(v);
    if (t == "S" || t == "B") return v[t].get<std::string>().size();
    if (t == "N") return (v["N"].get<std::string>().size() + 1) / 2 + 1;
    if (t == "BOOL" || t == "NULL") return 1;
    std::size_t n = 3;
    if (t == "M") for (const auto& [k, inner] : v["M"].items()) n += k.size() + value_size(inner) + 1;
    else if (t == "L") for (const auto& inner : v["L"]) n += value_size(inner) + 1;
    else for (const auto& e : v[t]) n += e.get<std::string>().size();
    return n;
}

} // namespace

std::size_t item_size(const ojson& item) {
    std::size_t n = 0;
    for (const auto& [k, v] : item.items()) n += k.size() + value_size(v);
    return n;
}

std::string path_text(const DocPath& path) {
    std::string out;
    for (const auto& e : path) {
        if (e.index >= 0) out += "[" + std::to_string(e.index) + "]";
        else out += (out.empty() ? "" : ".") + e.name;
    }
    return out;
}

// [SECTION] Expression context

ExpressionContext::ExpressionContext(const ojson& names, const ojson& values)
    : names_(names.is_object() ? names : ojson()), values_(values.is_object() ? values : ojson()) {
    if (names.is_object() && names.empty()) throw validation("ExpressionAttributeNames must not be empty");
    if (values.is_object() && values.empty()) throw validation("ExpressionAttributeValues must not be empty");
    if (names_.is_object())
        for (const auto& [k, v] : names_.items()) {
            // 'ExpressionAttributeNames contains invalid key: Syntax error; key: "x"' (moto's copy of the text)
            if (k.size() < 2 || k[0] != '#') throw validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + k + "\"");
            if (!v.is_string()) throw AwsError("SerializationException", 400, "NUMBER_VALUE cannot be converted to String");
        }
    if (values_.is_object())
        for (auto& [k, v] : values_.items()) {
            if (k.size() < 2 || k[0] != ':') throw validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + k + "\"");
            try {
                validate_value(v);
            } catch (const AwsError& e) {
                if (e.code != "ValidationException") throw;
                // The service names the placeholder: "ExpressionAttributeValues contains invalid value: <why> for key :v".
                throw validation("ExpressionAttributeValues contains invalid value: " + std::string(e.what()) + " for key " + k);
            }
        }
}

std::string ExpressionContext::resolve_name(const std::string& ref, const std::string& label) {
    if (!names_.is_object() || !names_.contains(ref))
        throw validation("Invalid " + label + ": An expression attribute name used in the document path is not defined; attribute name: " + ref);
    used_names_.insert(ref);
    return names_[ref].get<std::string>();
}

const ojson& ExpressionContext::resolve_value(const std::string& ref, const std::string& label) {
    if (!values_.is_object() || !values_.contains(ref))
        throw validation("Invalid " + label + ": An expression attribute value used in expression is not defined; attribute value: " + ref);
    used_values_.insert(ref);
    return values_[ref];
}

void ExpressionContext::check_all_used() const {
    // "Value provided in ExpressionAttributeValues unused in expressions: keys: {:a, :b}"
    auto check = [](const ojson& given, const std::set<std::string>& used, const char* what) {
        if (!given.is_object()) return;
        std::vector<std::string> unused;
        for (const auto& [k, v] : given.items()) if (!used.count(k)) unused.push_back(k);
        if (unused.empty()) return;
        std::sort(unused.begin(), unused.end());
        std::string list;
        for (const auto& u : unused) list += (list.empty() ? "" : ", ") + u;
        throw validation(std::string("Value provided in ") + what + " unused in expressions: keys: {" + list + "}");
    };
    check(names_, used_names_, "ExpressionAttributeNames");
    check(values_, used_values_, "ExpressionAttributeValues");
}

// [SECTION] Tokens

namespace {

enum class Tok { Ident, NameRef, ValueRef, Number, Sym, End };

struct Token {
    Tok kind = Tok::End;
    std::string text;
    std::size_t begin = 0, end = 0;
};

// The reserved words of DynamoDB (docs: "Reserved words in DynamoDB", 573 words): an
// expression must alias them with #names.
const char* const kReserved =
    "ABORT ABSOLUTE ACTION ADD AFTER AGENT AGGREGATE ALL ALLOCATE ALTER ANALYZE AND ANY ARCHIVE ARE ARRAY AS ASC "
    "ASCII ASENSITIVE ASSERTION ASYMMETRIC AT ATOMIC ATTACH ATTRIBUTE AUTH AUTHORIZATION AUTHORIZE AUTO AVG BACK "
    "BACKUP BASE BATCH BEFORE BEGIN BETWEEN BIGINT BINARY BIT BLOB BLOCK BOOLEAN BOTH BREADTH BUCKET BULK BY BYTE "
    "CALL CALLED CALLING CAPACITY CASCADE CASCADED CASE CAST CATALOG CHAR CHARACTER CHECK CLASS CLOB CLOSE CLUSTER "
    "CLUSTERED CLUSTERING CLUSTERS COALESCE COLLATE COLLATION COLLECTION COLUMN COLUMNS COMBINE COMMENT COMMIT "
    "COMPACT COMPILE COMPRESS CONDITION CONFLICT CONNECT CONNECTION CONSISTENCY CONSISTENT CONSTRAINT CONSTRAINTS "
    "CONSTRUCTOR CONSUMED CONTINUE CONVERT COPY CORRESPONDING COUNT COUNTER CREATE CROSS CUBE CURRENT CURSOR CYCLE "
    "DATA DATABASE DATE DATETIME DAY DEALLOCATE DEC DECIMAL DECLARE DEFAULT DEFERRABLE DEFERRED DEFINE DEFINED "
    "DEFINITION DELETE DELIMITED DEPTH DEREF DESC DESCRIBE DESCRIPTOR DETACH DETERMINISTIC DIAGNOSTICS DIRECTORIES "
    "DISABLE DISCONNECT DISTINCT DISTRIBUTE DO DOMAIN DOUBLE DROP DUMP DURATION DYNAMIC EACH ELEMENT ELSE ELSEIF "
    "EMPTY ENABLE END EQUAL EQUALS ERROR ESCAPE ESCAPED EVAL EVALUATE EXCEEDED EXCEPT EXCEPTION EXCEPTIONS EXCLUSIVE "
    "EXEC EXECUTE EXISTS EXIT EXPLAIN EXPLODE EXPORT EXPRESSION EXTENDED EXTERNAL EXTRACT FAIL FALSE FAMILY FETCH "
    "FIELDS FILE FILTER FILTERING FINAL FINISH FIRST FIXED FLATTERN FLOAT FOR FORCE FOREIGN FORMAT FORWARD FOUND "
    "FREE FROM FULL FUNCTION FUNCTIONS GENERAL GENERATE GET GLOB GLOBAL GO GOTO GRANT GREATER GROUP GROUPING "
    "HANDLER HASH HAVE HAVING HEAP HIDDEN HOLD HOUR IDENTIFIED IDENTITY IF IGNORE IMMEDIATE IMPORT IN INCLUDING "
    "INCLUSIVE INCREMENT INCREMENTAL INDEX INDEXED INDEXES INDICATOR INFINITE INITIALLY INLINE INNER INNTER INOUT "
    "INPUT INSENSITIVE INSERT INSTEAD INT INTEGER INTERSECT INTERVAL INTO INVALIDATE IS ISOLATION ITEM ITEMS "
    "ITERATE JOIN KEY KEYS LAG LANGUAGE LARGE LAST LATERAL LEAD LEADING LEAVE LEFT LENGTH LESS LEVEL LIKE LIMIT "
    "LIMITED LINES LIST LOAD LOCAL LOCALTIME LOCALTIMESTAMP LOCATION LOCATOR LOCK LOCKS LOG LOGED LONG LOOP LOWER "
    "MAP MATCH MATERIALIZED MAX MAXLEN MEMBER MERGE METHOD METRICS MIN MINUS MINUTE MISSING MOD MODE MODIFIES "
    "MODIFY MODULE MONTH MULTI MULTISET NAME NAMES NATIONAL NATURAL NCHAR NCLOB NEW NEXT NO NONE NOT NULL NULLIF "
    "NUMBER NUMERIC OBJECT OF OFFLINE OFFSET OLD ON ONLINE ONLY OPAQUE OPEN OPERATOR OPTION OR ORDER ORDINALITY "
    "OTHER OTHERS OUT OUTER OUTPUT OVER OVERLAPS OVERRIDE OWNER PAD PARALLEL PARAMETER PARAMETERS PARTIAL PARTITION "
    "PARTITIONED PARTITIONS PATH PERCENT PERCENTILE PERMISSION PERMISSIONS PIPE PIPELINED PLAN POOL POSITION "
    "PRECISION PREPARE PRESERVE PRIMARY PRIOR PRIVATE PRIVILEGES PROCEDURE PROCESSED PROJECT PROJECTION PROPERTY "
    "PROVISIONING PUBLIC PUT QUERY QUIT QUORUM RAISE RANDOM RANGE RANK RAW READ READS REAL REBUILD RECORD RECURSIVE "
    "REDUCE REF REFERENCE REFERENCES REFERENCING REGEXP REGION REINDEX RELATIVE RELEASE REMAINDER RENAME REPEAT "
    "REPLACE REQUEST RESET RESIGNAL RESOURCE RESPONSE RESTORE RESTRICT RESULT RETURN RETURNING RETURNS REVERSE "
    "REVOKE RIGHT ROLE ROLES ROLLBACK ROLLUP ROUTINE ROW ROWS RULE RULES SAMPLE SATISFIES SAVE SAVEPOINT SCAN "
    "SCHEMA SCOPE SCROLL SEARCH SECOND SECTION SEGMENT SEGMENTS SELECT SELF SEMI SENSITIVE SEPARATE SEQUENCE "
    "SERIALIZABLE SESSION SET SETS SHARD SHARE SHARED SHORT SHOW SIGNAL SIMILAR SIZE SKEWED SMALLINT SNAPSHOT SOME "
    "SOURCE SPACE SPACES SPARSE SPECIFIC SPECIFICTYPE SPLIT SQL SQLCODE SQLERROR SQLEXCEPTION SQLSTATE SQLWARNING "
    "START STATE STATIC STATUS STORAGE STORE STORED STREAM STRING STRUCT STYLE SUB SUBMULTISET SUBPARTITION "
    "SUBSTRING SUBTYPE SUM SUPER SYMMETRIC SYNONYM SYSTEM TABLE TABLESAMPLE TEMP TEMPORARY TERMINATED TEXT THAN "
    "THEN THROUGHPUT TIME TIMESTAMP TIMEZONE TINYINT TO TOKEN TOTAL TOUCH TRAILING TRANSACTION TRANSFORM TRANSLATE "
    "TRANSLATION TREAT TRIGGER TRIM TRUE TRUNCATE TTL TUPLE TYPE UNDER UNDO UNION UNIQUE UNIT UNKNOWN UNLOGGED "
    "UNNEST UNPROCESSED UNSIGNED UNTIL UPDATE UPPER URL USAGE USE USER USERS USING UUID VACUUM VALUE VALUED VALUES "
    "VARCHAR VARIABLE VARIANCE VARINT VARYING VIEW VIEWS VIRTUAL VOID WAIT WHEN WHENEVER WHERE WHILE WINDOW WITH "
    "WITHIN WITHOUT WORK WRAPPED WRITE YEAR ZONE";

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

bool is_reserved(const std::string& word) {
    static const std::set<std::string> words = [] {
        std::set<std::string> out;
        std::string cur;
        for (const char* p = kReserved;; ++p) {
            if (*p == ' ' || *p == '\0') { if (!cur.empty()) out.insert(cur); cur.clear(); if (!*p) break; }
            else cur += *p;
        }
        return out;
    }();
    return words.count(upper(word)) > 0;
}

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

class Lexer {
public:
    Lexer(const std::string& text, const std::string& label) : text_(text), label_(label) {}

    std::vector<Token> run() {
        std::vector<Token> out;
        std::size_t i = 0;
        while (true) {
            while (i < text_.size() && std::isspace(static_cast<unsigned char>(text_[i]))) ++i;
            if (i >= text_.size()) break;
            Token t;
            t.begin = i;
            const char c = text_[i];
            if (ident_start(c)) {
                while (i < text_.size() && ident_char(text_[i])) ++i;
                t.kind = Tok::Ident;
            } else if (c == '#' || c == ':') {
                ++i;
                while (i < text_.size() && ident_char(text_[i])) ++i;
                if (i == t.begin + 1) bad(out, t.begin, 1);
                t.kind = c == '#' ? Tok::NameRef : Tok::ValueRef;
            } else if (std::isdigit(static_cast<unsigned char>(c))) {
                while (i < text_.size() && std::isdigit(static_cast<unsigned char>(text_[i]))) ++i;
                t.kind = Tok::Number;
            } else if ((c == '<' || c == '>') && i + 1 < text_.size() && (text_[i + 1] == '=' || (c == '<' && text_[i + 1] == '>'))) {
                i += 2;
                t.kind = Tok::Sym;
            } else if (std::string("=<>()[],.+-").find(c) != std::string::npos) {
                ++i;
                t.kind = Tok::Sym;
            } else {
                // One UTF-8 character, as the service shows it.
                std::size_t len = 1;
                const unsigned char u = static_cast<unsigned char>(c);
                if (u >= 0xF0) len = 4; else if (u >= 0xE0) len = 3; else if (u >= 0xC0) len = 2;
                bad(out, i, std::min(len, text_.size() - i));
            }
            t.end = i;
            t.text = text_.substr(t.begin, t.end - t.begin);
            out.push_back(t);
        }
        Token end;
        end.kind = Tok::End;
        end.text = "<EOF>";
        end.begin = end.end = text_.size();
        out.push_back(end);
        return out;
    }

private:
    [[noreturn]] void bad(const std::vector<Token>& before, std::size_t at, std::size_t len) {
        const std::string token = text_.substr(at, len);
        const std::size_t from = before.empty() ? at : before.back().begin;
        throw validation("Invalid " + label_ + ": Syntax error; token: \"" + token + "\", near: \"" +
                         text_.substr(from, at + len - from) + "\"");
    }
    const std::string& text_;
    std::string label_;
};

void check_text(const std::string& text, const std::string& label) {
    if (text.size() > kMaxExpressionBytes)
        throw validation("Invalid " + label + ": Expression size has exceeded the maximum allowed size; expression size: " +
                         std::to_string(text.size()));
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) throw validation("Invalid " + label + ": The expression can not be empty;");
}

} // namespace

// [SECTION] Expression nodes

struct ExprNode {
    enum Kind { Path, Value, Size, Compare, Between, In, And, Or, Not, Function, Paren, IfNotExists, ListAppend, Plus, Minus };
    Kind kind = Path;
    std::string op;                                 // comparator, function name, or a :value ref
    std::vector<std::string> raw_path;              // as written: "a", "#n", "[3]"
    DocPath path;                                   // resolved
    ojson value;                                    // resolved :value
    std::vector<int> kids;
};

namespace {

class Parser {
public:
    Parser(const std::string& text, const std::string& label, ExpressionContext& ctx, std::vector<ExprNode>& nodes)
        : text_(text), label_(label), ctx_(ctx), nodes_(nodes) {
        check_text(text, label);
        tokens_ = Lexer(text, label).run();
    }

    const Token& peek(std::size_t ahead = 0) const { return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)]; }
    bool at_sym(const char* s, std::size_t ahead = 0) const { return peek(ahead).kind == Tok::Sym && peek(ahead).text == s; }
    bool at_word(const char* w) const { return peek().kind == Tok::Ident && upper(peek().text) == w; }
    bool at_end() const { return peek().kind == Tok::End; }

    [[noreturn]] void syntax_error() const {
        const Token& t = peek();
        const std::size_t from = pos_ > 0 ? tokens_[pos_ - 1].begin : t.begin;
        const std::size_t to = t.kind == Tok::End ? (pos_ > 0 ? tokens_[pos_ - 1].end : 0) : t.end;
        throw validation("Invalid " + label_ + ": Syntax error; token: \"" + t.text + "\", near: \"" + text_.substr(from, to - from) + "\"");
    }
    [[noreturn]] void fail(const std::string& message) const { throw validation("Invalid " + label_ + ": " + message); }
    void expect_sym(const char* s) { if (!at_sym(s)) syntax_error(); ++pos_; }
    void expect_end() { if (!at_end()) syntax_error(); }

    void enter() {
        if (++depth_ > kMaxExpressionDepth)        // the simulator's bound (DynamoDB's own is only the 4 KB size)
            fail("The expression is nested more than " + std::to_string(kMaxExpressionDepth) + " levels deep");
    }
    void leave() { --depth_; }

    int add(ExprNode n) { nodes_.push_back(std::move(n)); return static_cast<int>(nodes_.size() - 1); }

    // path := (ident | #name) ( . (ident | #name) | [ number ] )*
    int parse_path() {
        ExprNode n;
        n.kind = ExprNode::Path;
        if (peek().kind != Tok::Ident && peek().kind != Tok::NameRef) syntax_error();
        n.raw_path.push_back(peek().text);
        ++pos_;
        while (true) {
            if (at_sym(".")) {
                ++pos_;
                if (peek().kind != Tok::Ident && peek().kind != Tok::NameRef) syntax_error();
                n.raw_path.push_back(peek().text);
                ++pos_;
            } else if (at_sym("[")) {
                ++pos_;
                if (peek().kind != Tok::Number) syntax_error();
                n.raw_path.push_back("[" + peek().text + "]");
                ++pos_;
                expect_sym("]");
            } else break;
        }
        return add(std::move(n));
    }

    int parse_value_ref() {
        ExprNode n;
        n.kind = ExprNode::Value;
        n.op = peek().text;
        ++pos_;
        return add(std::move(n));
    }

    // Function arguments: '(' operand (',' operand)* ')'.
    std::vector<int> parse_args(bool update) {
        expect_sym("(");
        std::vector<int> args;
        args.push_back(update ? parse_update_operand() : parse_operand());
        while (at_sym(",")) { ++pos_; args.push_back(update ? parse_update_operand() : parse_operand()); }
        expect_sym(")");
        return args;
    }

    void check_arity(const std::string& fn, const std::vector<int>& args, std::size_t n) {
        if (args.size() != n)
            fail("Incorrect number of operands for operator or function; operator or function: " + fn +
                 ", number of operands: " + std::to_string(args.size()));
    }
    void require_path(const std::string& fn, int arg) {
        if (nodes_[static_cast<std::size_t>(arg)].kind != ExprNode::Path)
            fail("Operator or function requires a document path; operator or function: " + fn);
    }

    // operand := path | :value | size(path)
    int parse_operand() {
        if (peek().kind == Tok::ValueRef) return parse_value_ref();
        if (peek().kind == Tok::Ident && at_sym("(", 1)) {
            const std::string fn = peek().text;
            if (fn != "size") {
                if (fn == "attribute_exists" || fn == "attribute_not_exists" || fn == "attribute_type" || fn == "begins_with" ||
                    fn == "contains")
                    fail("The function is not allowed to be used this way in an expression; function: " + fn);
                fail("Invalid function name; function: " + fn);
            }
            ++pos_;
            enter();
            ExprNode n;
            n.kind = ExprNode::Size;
            n.op = fn;
            n.kids = parse_args(false);
            check_arity(fn, n.kids, 1);
            require_path(fn, n.kids[0]);
            leave();
            return add(std::move(n));
        }
        return parse_path();
    }

    // condition := and (OR and)*      (n-ary: a long chain stays one node, so evaluation depth is the nesting depth)
    int parse_or() {
        const int first = parse_and();
        if (!at_word("OR")) return first;
        ExprNode n;
        n.kind = ExprNode::Or;
        n.kids.push_back(first);
        while (at_word("OR")) { ++pos_; n.kids.push_back(parse_and()); }
        return add(std::move(n));
    }

    int parse_and() {
        const int first = parse_not();
        if (!at_word("AND")) return first;
        ExprNode n;
        n.kind = ExprNode::And;
        n.kids.push_back(first);
        while (at_word("AND")) { ++pos_; n.kids.push_back(parse_not()); }
        return add(std::move(n));
    }

    int parse_not() {
        if (!at_word("NOT")) return parse_primary();
        ++pos_;
        enter();
        ExprNode n;
        n.kind = ExprNode::Not;
        n.kids.push_back(parse_not());
        leave();
        return add(std::move(n));
    }

    int parse_primary() {
        if (at_sym("(")) {
            ++pos_;
            enter();
            const int inner = parse_or();
            expect_sym(")");
            leave();
            if (nodes_[static_cast<std::size_t>(inner)].kind == ExprNode::Paren) fail("The expression has redundant parentheses;");
            ExprNode n;
            n.kind = ExprNode::Paren;
            n.kids.push_back(inner);
            return add(std::move(n));
        }
        if (peek().kind == Tok::Ident && at_sym("(", 1) && peek().text != "size") {
            const std::string fn = peek().text;
            static const std::set<std::string> known = {"attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains"};
            if (!known.count(fn)) fail("Invalid function name; function: " + fn);
            ++pos_;
            enter();
            ExprNode n;
            n.kind = ExprNode::Function;
            n.op = fn;
            n.kids = parse_args(false);
            leave();
            check_arity(fn, n.kids, fn == "attribute_exists" || fn == "attribute_not_exists" ? 1 : 2);
            require_path(fn, n.kids[0]);
            return add(std::move(n));
        }
        const int left = parse_operand();
        if (peek().kind == Tok::Sym && (peek().text == "=" || peek().text == "<>" || peek().text == "<" || peek().text == "<=" ||
                                        peek().text == ">" || peek().text == ">=")) {
            ExprNode n;
            n.kind = ExprNode::Compare;
            n.op = peek().text;
            ++pos_;
            n.kids = {left, parse_operand()};
            return add(std::move(n));
        }
        if (at_word("BETWEEN")) {
            ++pos_;
            ExprNode n;
            n.kind = ExprNode::Between;
            const int lo = parse_operand();
            if (!at_word("AND")) syntax_error();
            ++pos_;
            n.kids = {left, lo, parse_operand()};
            return add(std::move(n));
        }
        if (at_word("IN")) {
            ++pos_;
            ExprNode n;
            n.kind = ExprNode::In;
            n.kids.push_back(left);
            expect_sym("(");
            n.kids.push_back(parse_operand());
            while (at_sym(",")) { ++pos_; n.kids.push_back(parse_operand()); }
            expect_sym(")");
            if (n.kids.size() > 101) fail("The IN operator is provided with too many operands; number of operands: " + std::to_string(n.kids.size() - 1));
            return add(std::move(n));
        }
        syntax_error();
    }

    // Update operands: path | :value | if_not_exists(path, operand) | list_append(operand, operand)
    int parse_update_operand() {
        if (peek().kind == Tok::ValueRef) return parse_value_ref();
        if (peek().kind == Tok::Ident && at_sym("(", 1)) {
            const std::string fn = peek().text;
            if (fn != "if_not_exists" && fn != "list_append") fail("Invalid function name; function: " + fn);
            ++pos_;
            enter();
            ExprNode n;
            n.kind = fn == "if_not_exists" ? ExprNode::IfNotExists : ExprNode::ListAppend;
            n.op = fn;
            n.kids = parse_args(true);
            leave();
            check_arity(fn, n.kids, 2);
            if (n.kind == ExprNode::IfNotExists) require_path(fn, n.kids[0]);
            return add(std::move(n));
        }
        return parse_path();
    }

    // set value := operand [ (+|-) operand ]
    int parse_set_value() {
        const int left = parse_update_operand();
        if (at_sym("+") || at_sym("-")) {
            ExprNode n;
            n.kind = at_sym("+") ? ExprNode::Plus : ExprNode::Minus;
            n.op = peek().text;
            ++pos_;
            n.kids = {left, parse_update_operand()};
            return add(std::move(n));
        }
        return left;
    }

    std::size_t pos() const { return pos_; }
    void advance() { ++pos_; }

    // After a successful parse: reserved words, then #names and :values (the service reports
    // syntax errors first, then these).
    void resolve_all(std::size_t from_node) {
        for (std::size_t i = from_node; i < nodes_.size(); ++i)
            if (nodes_[i].kind == ExprNode::Path)
                for (const auto& raw : nodes_[i].raw_path)
                    if (raw[0] != '#' && raw[0] != '[' && is_reserved(raw)) fail("Attribute name is a reserved keyword; reserved keyword: " + raw);
        for (std::size_t i = from_node; i < nodes_.size(); ++i) {
            ExprNode& n = nodes_[i];
            if (n.kind == ExprNode::Path) {
                n.path.clear();
                for (const auto& raw : n.raw_path) {
                    PathElement e;
                    if (raw[0] == '[') {
                        const std::string digits = raw.substr(1, raw.size() - 2);
                        e.index = digits.size() > 9 ? 999999999 : std::stoll(digits);
                    } else if (raw[0] == '#') {
                        e.name = ctx_.resolve_name(raw, label_);
                    } else {
                        e.name = raw;
                    }
                    n.path.push_back(e);
                }
            } else if (n.kind == ExprNode::Value) {
                n.value = ctx_.resolve_value(n.op, label_);
            }
        }
    }

    const std::string& label() const { return label_; }

private:
    const std::string& text_;
    std::string label_;
    ExpressionContext& ctx_;
    std::vector<ExprNode>& nodes_;
    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
    int depth_ = 0;
};

// [SECTION] Evaluation

const ojson* lookup(const ojson* item, const DocPath& path) {
    if (!item || path.empty()) return nullptr;
    const ojson* cur = nullptr;
    for (std::size_t i = 0; i < path.size(); ++i) {
        const PathElement& e = path[i];
        if (i == 0) {
            if (e.index >= 0 || !item->contains(e.name)) return nullptr;
            cur = &(*item)[e.name];
            continue;
        }
        if (e.index >= 0) {
            if (value_type(*cur) != "L" || e.index >= static_cast<long long>((*cur)["L"].size())) return nullptr;
            cur = &(*cur)["L"][static_cast<std::size_t>(e.index)];
        } else {
            if (value_type(*cur) != "M" || !(*cur)["M"].contains(e.name)) return nullptr;
            cur = &(*cur)["M"][e.name];
        }
    }
    return cur;
}

// An operand's value: nullopt when the path is missing (or size() of an unsized value).
std::optional<ojson> operand_value(const std::vector<ExprNode>& nodes, int index, const ojson* item) {
    const ExprNode& n = nodes[static_cast<std::size_t>(index)];
    if (n.kind == ExprNode::Value) return n.value;
    if (n.kind == ExprNode::Path) {
        const ojson* v = lookup(item, n.path);
        if (!v) return std::nullopt;
        return *v;
    }
    if (n.kind == ExprNode::Size) {
        const ojson* v = lookup(item, nodes[static_cast<std::size_t>(n.kids[0])].path);
        if (!v) return std::nullopt;
        const std::string t = value_type(*v);
        std::size_t size = 0;
        if (t == "S") size = (*v)["S"].get<std::string>().size();
        else if (t == "B") size = (*v)["B"].get<std::string>().size() * 3 / 4;   // decoded bytes (approximately, from base64)
        else if (t == "M" || t == "L" || t == "SS" || t == "NS" || t == "BS") size = (*v)[t].size();
        else return std::nullopt;
        return ojson{{"N", std::to_string(size)}};
    }
    return std::nullopt;
}

bool eval(const std::vector<ExprNode>& nodes, int index, const ojson* item) {
    const ExprNode& n = nodes[static_cast<std::size_t>(index)];
    switch (n.kind) {
    case ExprNode::And:
        for (int k : n.kids) if (!eval(nodes, k, item)) return false;
        return true;
    case ExprNode::Or:
        for (int k : n.kids) if (eval(nodes, k, item)) return true;
        return false;
    case ExprNode::Not: return !eval(nodes, n.kids[0], item);
    case ExprNode::Paren: return eval(nodes, n.kids[0], item);
    case ExprNode::Compare: {
        const auto a = operand_value(nodes, n.kids[0], item), b = operand_value(nodes, n.kids[1], item);
        if (n.op == "<>") return !(a && b && values_equal(*a, *b));
        if (!a || !b) return false;
        if (n.op == "=") return values_equal(*a, *b);
        const auto c = compare_values(*a, *b);
        if (!c) return false;
        if (n.op == "<") return *c < 0;
        if (n.op == "<=") return *c <= 0;
        if (n.op == ">") return *c > 0;
        return *c >= 0;
    }
    case ExprNode::Between: {
        const auto x = operand_value(nodes, n.kids[0], item), lo = operand_value(nodes, n.kids[1], item),
                   hi = operand_value(nodes, n.kids[2], item);
        if (!x || !lo || !hi) return false;
        const auto a = compare_values(*lo, *x), b = compare_values(*x, *hi);
        return a && b && *a <= 0 && *b <= 0;
    }
    case ExprNode::In: {
        const auto x = operand_value(nodes, n.kids[0], item);
        if (!x) return false;
        for (std::size_t i = 1; i < n.kids.size(); ++i) {
            const auto y = operand_value(nodes, n.kids[i], item);
            if (y && values_equal(*x, *y)) return true;
        }
        return false;
    }
    case ExprNode::Function: {
        const ojson* target = lookup(item, nodes[static_cast<std::size_t>(n.kids[0])].path);
        if (n.op == "attribute_exists") return target != nullptr;
        if (n.op == "attribute_not_exists") return target == nullptr;
        const auto arg = operand_value(nodes, n.kids[1], item);
        if (!target || !arg) return false;
        const std::string t = value_type(*target);
        if (n.op == "attribute_type") return value_type(*arg) == "S" && (*arg)["S"] == t;
        if (n.op == "begins_with") {
            const std::string at = value_type(*arg);
            if (at != t || (t != "S" && t != "B")) return false;
            return (*target)[t].get<std::string>().rfind((*arg)[t].get<std::string>(), 0) == 0;
        }
        // contains: substring of S / B, element of a set or a list
        const std::string at = value_type(*arg);
        if ((t == "S" || t == "B") && at == t) return (*target)[t].get<std::string>().find((*arg)[t].get<std::string>()) != std::string::npos;
        if (t == "SS" && at == "S") { for (const auto& e : (*target)["SS"]) if (e == (*arg)["S"]) return true; return false; }
        if (t == "BS" && at == "B") { for (const auto& e : (*target)["BS"]) if (e == (*arg)["B"]) return true; return false; }
        if (t == "NS" && at == "N") { for (const auto& e : (*target)["NS"]) if (values_equal(ojson{{"N", e}}, *arg)) return true; return false; }
        if (t == "L") { for (const auto& e : (*target)["L"]) if (values_equal(e, *arg)) return true; return false; }
        return false;
    }
    default: return false;
    }
}

} // namespace

// [SECTION] Condition

Condition::Condition(const std::string& text, const std::string& label, ExpressionContext& ctx) {
    Parser p(text, label, ctx, nodes_);
    root_ = p.parse_or();
    p.expect_end();
    p.resolve_all(0);
}

Condition::~Condition() = default;
Condition::Condition(Condition&&) noexcept = default;

bool Condition::evaluate(const ojson* item) const { return eval(nodes_, root_, item); }

// [SECTION] Update

struct UpdateProgram::Action {
    enum Kind { Set, Remove, Add, Delete } kind = Set;
    int path = -1;                                  // node index of the target path
    int value = -1;                                 // node index of the value (Set: an expression; Add/Delete: a :value)
};

UpdateProgram::UpdateProgram(const std::string& text, ExpressionContext& ctx) {
    const std::string label = "UpdateExpression";
    Parser p(text, label, ctx, nodes_);
    std::set<std::string> seen;
    while (!p.at_end()) {
        std::string clause;
        for (const char* w : {"SET", "REMOVE", "ADD", "DELETE"}) if (p.at_word(w)) clause = w;
        if (clause.empty()) p.syntax_error();
        if (seen.count(clause)) p.fail("The \"" + clause + "\" section can only be used once in an update expression;");
        seen.insert(clause);
        p.advance();
        while (true) {
            Action a;
            a.kind = clause == "SET" ? Action::Set : clause == "REMOVE" ? Action::Remove : clause == "ADD" ? Action::Add : Action::Delete;
            a.path = p.parse_path();
            if (a.kind == Action::Set) {
                p.expect_sym("=");
                a.value = p.parse_set_value();
            } else if (a.kind != Action::Remove) {
                if (p.peek().kind != Tok::ValueRef) p.syntax_error();
                a.value = p.parse_value_ref();
            }
            actions_.push_back(a);
            if (!p.at_sym(",")) break;
            p.advance();
        }
    }
    p.resolve_all(0);
    // Overlapping document paths (a and a.b, or the same path twice) are refused up front.
    for (std::size_t i = 0; i < actions_.size(); ++i)
        for (std::size_t j = i + 1; j < actions_.size(); ++j) {
            const DocPath& a = nodes_[static_cast<std::size_t>(actions_[i].path)].path;
            const DocPath& b = nodes_[static_cast<std::size_t>(actions_[j].path)].path;
            const std::size_t n = std::min(a.size(), b.size());
            bool prefix = true;
            for (std::size_t k = 0; k < n && prefix; ++k) prefix = a[k].name == b[k].name && a[k].index == b[k].index;
            if (!prefix) continue;
            auto list = [](const DocPath& d) {
                std::string s;
                for (const auto& e : d) s += (s.empty() ? "" : ", ") + (e.index >= 0 ? "[" + std::to_string(e.index) + "]" : e.name);
                return s;
            };
            p.fail("Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [" + list(a) +
                   "], path two: [" + list(b) + "]");
        }
}

UpdateProgram::~UpdateProgram() = default;
UpdateProgram::UpdateProgram(UpdateProgram&&) noexcept = default;

namespace {

[[noreturn]] void missing_attribute() { throw validation("The provided expression refers to an attribute that does not exist in the item"); }
[[noreturn]] void bad_data_type() { throw validation("An operand in the update expression has an incorrect data type"); }

std::string human_type(const std::string& t) {
    static const std::map<std::string, std::string> names = {{"S", "STRING"}, {"N", "NUMBER"}, {"B", "BINARY"}, {"BOOL", "BOOLEAN"},
        {"NULL", "NULL"}, {"M", "MAP"}, {"L", "LIST"}, {"SS", "STRING_SET"}, {"NS", "NUMBER_SET"}, {"BS", "BINARY_SET"}};
    auto it = names.find(t);
    return it == names.end() ? t : it->second;
}

ojson update_value(const std::vector<ExprNode>& nodes, int index, const ojson& item) {
    const ExprNode& n = nodes[static_cast<std::size_t>(index)];
    switch (n.kind) {
    case ExprNode::Value: return n.value;
    case ExprNode::Path: {
        const ojson* v = lookup(&item, n.path);
        if (!v) missing_attribute();
        return *v;
    }
    case ExprNode::IfNotExists: {
        const ojson* v = lookup(&item, nodes[static_cast<std::size_t>(n.kids[0])].path);
        return v ? *v : update_value(nodes, n.kids[1], item);
    }
    case ExprNode::ListAppend: {
        ojson a = update_value(nodes, n.kids[0], item), b = update_value(nodes, n.kids[1], item);
        for (const ojson* x : {&a, &b})
            if (value_type(*x) != "L")
                throw validation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: " +
                                 human_type(value_type(*x)));
        for (const auto& e : b["L"]) a["L"].push_back(e);
        return a;
    }
    case ExprNode::Plus:
    case ExprNode::Minus: {
        const ojson a = update_value(nodes, n.kids[0], item), b = update_value(nodes, n.kids[1], item);
        for (const ojson* x : {&a, &b})
            if (value_type(*x) != "N")
                throw validation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: " + n.op +
                                 ", operand type: " + human_type(value_type(*x)));
        const DdbNumber x = checked_number(a["N"].get<std::string>()), y = checked_number(b["N"].get<std::string>());
        const DdbNumber r = n.kind == ExprNode::Plus ? x.plus(y) : x.plus(y.negated());
        return ojson{{"N", checked_number(r.to_string()).to_string()}};
    }
    default: bad_data_type();
    }
}

// The parent container of a path (creating nothing) and the last element; nullptr when the
// parent does not exist or is of the wrong kind.
ojson* parent_of(ojson& item, const DocPath& path) {
    if (path.size() == 1) return &item;
    const ojson* cur = lookup(&item, DocPath(path.begin(), path.end() - 1));
    return const_cast<ojson*>(cur);
}

void assign(ojson& item, const DocPath& path, const ojson& value) {
    ojson* parent = parent_of(item, path);
    const PathElement& last = path.back();
    if (path.size() == 1) { item[last.name] = value; return; }
    if (!parent) throw validation("The document path provided in the update expression is invalid for update");
    if (last.index >= 0) {
        if (value_type(*parent) != "L") throw validation("The document path provided in the update expression is invalid for update");
        ojson& list = (*parent)["L"];
        // SET beyond the end appends (DynamoDB adds the element at the end of the list).
        if (last.index >= static_cast<long long>(list.size())) list.push_back(value);
        else list[static_cast<std::size_t>(last.index)] = value;
    } else {
        if (value_type(*parent) != "M") throw validation("The document path provided in the update expression is invalid for update");
        (*parent)["M"][last.name] = value;
    }
}

void remove_path(ojson& item, const DocPath& path) {
    const PathElement& last = path.back();
    if (path.size() == 1) { item.erase(last.name); return; }
    ojson* parent = parent_of(item, path);
    if (!parent) throw validation("The document path provided in the update expression is invalid for update");
    if (last.index >= 0) {
        if (value_type(*parent) != "L") throw validation("The document path provided in the update expression is invalid for update");
        ojson& list = (*parent)["L"];
        if (last.index < static_cast<long long>(list.size())) list.erase(list.begin() + last.index);
    } else if (value_type(*parent) == "M") {
        (*parent)["M"].erase(last.name);
    } else {
        throw validation("The document path provided in the update expression is invalid for update");
    }
}

} // namespace

UpdateResult UpdateProgram::apply(ojson& item, const std::vector<std::string>& key_names) const {
    UpdateResult result;
    for (const auto& a : actions_) {
        const DocPath& path = nodes_[static_cast<std::size_t>(a.path)].path;
        if (path.size() == 1 && std::find(key_names.begin(), key_names.end(), path[0].name) != key_names.end())
            throw validation("One or more parameter values were invalid: Cannot update attribute " + path[0].name +
                             ". This attribute is part of the key");
        if (a.kind == Action::Add || a.kind == Action::Delete) {
            const ojson& v = nodes_[static_cast<std::size_t>(a.value)].value;
            const std::string t = value_type(v);
            const bool ok = a.kind == Action::Add ? (t == "N" || t == "SS" || t == "NS" || t == "BS") : (t == "SS" || t == "NS" || t == "BS");
            if (!ok)
                throw validation(std::string("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ") +
                                 (a.kind == Action::Add ? "ADD" : "DELETE") + ", operand type: " + human_type(t) +
                                 ", typeSet: " + (a.kind == Action::Add ? "ALLOWED_FOR_ADD_OPERAND" : "ALLOWED_FOR_DELETE_OPERAND"));
        }
    }
    // Every operand is read from the item as it was before the update.
    const ojson before = item;
    std::vector<ojson> values(actions_.size());
    for (std::size_t i = 0; i < actions_.size(); ++i)
        if (actions_[i].kind == Action::Set) values[i] = update_value(nodes_, actions_[i].value, before);
    for (std::size_t i = 0; i < actions_.size(); ++i) {
        const Action& a = actions_[i];
        const DocPath& path = nodes_[static_cast<std::size_t>(a.path)].path;
        if (std::find(result.updated_names.begin(), result.updated_names.end(), path[0].name) == result.updated_names.end())
            result.updated_names.push_back(path[0].name);
        switch (a.kind) {
        case Action::Set: assign(item, path, values[i]); break;
        case Action::Remove: remove_path(item, path); break;
        case Action::Add: {
            const ojson& v = nodes_[static_cast<std::size_t>(a.value)].value;
            const std::string t = value_type(v);
            const ojson* cur = lookup(&item, path);
            if (!cur) { assign(item, path, v); break; }
            if (value_type(*cur) != t) bad_data_type();
            if (t == "N") {
                const DdbNumber r = checked_number((*cur)["N"].get<std::string>()).plus(checked_number(v["N"].get<std::string>()));
                assign(item, path, ojson{{"N", checked_number(r.to_string()).to_string()}});
            } else {
                ojson merged = *cur;
                for (const auto& e : v[t]) {
                    bool present = false;
                    for (const auto& x : merged[t]) if (values_equal(ojson{{t.substr(0, 1), x}}, ojson{{t.substr(0, 1), e}})) present = true;
                    if (!present) merged[t].push_back(e);
                }
                assign(item, path, merged);
            }
            break;
        }
        case Action::Delete: {
            const ojson& v = nodes_[static_cast<std::size_t>(a.value)].value;
            const std::string t = value_type(v);
            const ojson* cur = lookup(&item, path);
            if (!cur) break;
            if (value_type(*cur) != t) bad_data_type();
            ojson kept = ojson{{t, ojson::array()}};
            for (const auto& x : (*cur)[t]) {
                bool drop = false;
                for (const auto& e : v[t]) if (values_equal(ojson{{t.substr(0, 1), x}}, ojson{{t.substr(0, 1), e}})) drop = true;
                if (!drop) kept[t].push_back(x);
            }
            if (kept[t].empty()) remove_path(item, path);       // a set may not be empty: the attribute goes
            else assign(item, path, kept);
            break;
        }
        }
    }
    return result;
}

// [SECTION] Projection

Projection::Projection(const std::string& text, ExpressionContext& ctx) {
    std::vector<ExprNode> nodes;
    Parser p(text, "ProjectionExpression", ctx, nodes);
    std::vector<int> roots;
    roots.push_back(p.parse_path());
    while (p.at_sym(",")) { p.advance(); roots.push_back(p.parse_path()); }
    p.expect_end();
    p.resolve_all(0);
    for (int r : roots) paths_.push_back(nodes[static_cast<std::size_t>(r)].path);
}

ojson Projection::apply(const ojson& item) const {
    ojson out = ojson::object();
    for (const auto& path : paths_) {
        const ojson* v = lookup(&item, path);
        if (!v) continue;
        if (path.size() == 1) { out[path[0].name] = *v; continue; }
        // Nested paths keep their containers (maps as maps, list elements compacted into a list).
        ojson* cur = &out;
        bool top = true;
        for (std::size_t i = 0; i + 1 < path.size(); ++i) {
            const PathElement& e = path[i];
            const PathElement& next = path[i + 1];
            const char* kind = next.index >= 0 ? "L" : "M";
            ojson* slot = nullptr;
            if (top) slot = &(*cur)[e.name];
            else if (e.index >= 0) { (*cur)["L"].push_back(ojson::object()); slot = &(*cur)["L"].back(); }
            else slot = &(*cur)["M"][e.name];
            if (!slot->is_object() || !slot->contains(kind)) *slot = ojson{{kind, next.index >= 0 ? ojson::array() : ojson::object()}};
            cur = slot;
            top = false;
        }
        const PathElement& last = path.back();
        if (last.index >= 0) (*cur)["L"].push_back(*v);
        else (*cur)["M"][last.name] = *v;
    }
    return out;
}

} // namespace invokelab::ddb
