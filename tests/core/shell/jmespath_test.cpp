// shell/jmespath: the JMESPath language of --query. Every expected value, compile error and
// runtime error below is what the jmespath package the AWS CLI bundles (1.1.0) answers for the same
// expression on the same document (jmespath.compile(q).search(doc); str() of its exceptions), so
// a learner's --query behaves and fails as it does in the real CLI.
#include <gtest/gtest.h>
#include "shell/jmespath.h"
#include "shell/shell.h"

using namespace invokelab;

namespace {

const char* kDoc = R"~({"Functions":[
  {"FunctionName":"demo-lambda","Runtime":"python3.12","MemorySize":128,"Timeout":3,"Tags":{"team":"lab"}},
  {"FunctionName":"order-api","Runtime":"nodejs20.x","MemorySize":512,"Timeout":30},
  {"FunctionName":"한글-fn","Runtime":"python3.12","MemorySize":256,"Timeout":10}]})~";

struct Case {
    const char* query;
    const char* result;          // compact JSON of the result, when it compiles and runs
    const char* compile_error;   // str() of the exception jmespath.compile raises
    const char* search_error;    // str() of the exception search raises
};

const Case kCases[] = {
    {R"~(Functions[].FunctionName)~", R"~(["demo-lambda","order-api","한글-fn"])~", "", ""},
    {R"~(Functions[?Runtime=='python3.12'].FunctionName)~", R"~(["demo-lambda","한글-fn"])~", "", ""},
    {R"~(Functions[?MemorySize > `200`].[FunctionName, MemorySize])~", R"~([["order-api",512],["한글-fn",256]])~", "", ""},
    {R"~(Functions[*].{name: FunctionName, mem: MemorySize})~", R"~([{"name":"demo-lambda","mem":128},{"name":"order-api","mem":512},{"name":"한글-fn","mem":256}])~", "", ""},
    {R"~(length(Functions))~", R"~(3)~", "", ""},
    {R"~(sort_by(Functions, &MemorySize)[-1].FunctionName)~", R"~("order-api")~", "", ""},
    {R"~(max_by(Functions, &Timeout).FunctionName)~", R"~("order-api")~", "", ""},
    {R"~(min_by(Functions, &FunctionName).Runtime)~", R"~("python3.12")~", "", ""},
    {R"~(Functions[0:2].FunctionName)~", R"~(["demo-lambda","order-api"])~", "", ""},
    {R"~(Functions[::-1].FunctionName)~", R"~(["한글-fn","order-api","demo-lambda"])~", "", ""},
    {R"~(Functions[-2:].MemorySize)~", R"~([512,256])~", "", ""},
    {R"~(sum(Functions[].MemorySize))~", R"~(896)~", "", ""},
    {R"~(avg(Functions[].MemorySize))~", R"~(298.6666666666667)~", "", ""},
    {R"~(join(', ', Functions[].FunctionName))~", R"~("demo-lambda, order-api, 한글-fn")~", "", ""},
    {R"~(Functions[?starts_with(FunctionName, 'demo')] | [0].Tags.team)~", R"~("lab")~", "", ""},
    {R"~(Functions[].Tags.team)~", R"~(["lab"])~", "", ""},
    {R"~(Functions[?!Tags].FunctionName)~", R"~(["order-api","한글-fn"])~", "", ""},
    {R"~(Functions[?Tags || MemorySize == `512`].FunctionName)~", R"~(["demo-lambda","order-api"])~", "", ""},
    {R"~(Functions[?Runtime == 'python3.12' && Timeout >= `10`].FunctionName)~", R"~(["한글-fn"])~", "", ""},
    {R"~(to_string(Functions[0].Tags))~", R"~("{\"team\":\"lab\"}")~", "", ""},
    {R"~(to_string(Functions[2].FunctionName))~", R"~("한글-fn")~", "", ""},
    {R"~(to_string(Functions[2]))~", R"~("{\"FunctionName\":\"\\ud55c\\uae00-fn\",\"Runtime\":\"python3.12\",\"MemorySize\":256,\"Timeout\":10}")~", "", ""},
    {R"~(keys(Functions[0]))~", R"~(["FunctionName","Runtime","MemorySize","Timeout","Tags"])~", "", ""},
    {R"~(values(Functions[0].Tags))~", R"~(["lab"])~", "", ""},
    {R"~(length(Functions[2].FunctionName))~", R"~(5)~", "", ""},
    {R"~(reverse(Functions[2].FunctionName))~", R"~("nf-글한")~", "", ""},
    {R"~(Functions[*].Tags.*)~", R"~([["lab"]])~", "", ""},
    {R"~(not_null(Missing, Functions[1].Timeout))~", R"~(30)~", "", ""},
    {R"~(merge(Functions[0].Tags, `{"env":"dev"}`))~", R"~({"team":"lab","env":"dev"})~", "", ""},
    {R"~(map(&MemorySize, Functions))~", R"~([128,512,256])~", "", ""},
    {R"~(type(Functions[0].MemorySize))~", R"~("number")~", "", ""},
    {R"~(to_number('12.5'))~", R"~(12.5)~", "", ""},
    {R"~(to_number('  42 '))~", R"~(42)~", "", ""},
    {R"~(contains(Functions[].Runtime, 'nodejs20.x'))~", R"~(true)~", "", ""},
    {R"~("Functions"[0]."FunctionName")~", R"~("demo-lambda")~", "", ""},
    {R"~(Functions[0].[FunctionName, Missing])~", R"~(["demo-lambda",null])~", "", ""},
    {R"~(Functions | length(@))~", R"~(3)~", "", ""},
    {R"~([ceil(`1.2`), floor(`-1.5`), abs(`-3`)])~", R"~([2,-2,3])~", "", ""},
    {R"~(min(Functions[].MemorySize))~", R"~(128)~", "", ""},
    {R"~(sort(Functions[].FunctionName))~", R"~(["demo-lambda","order-api","한글-fn"])~", "", ""},
    {R"~(Functions[].[FunctionName, Timeout][])~", R"~(["demo-lambda",3,"order-api",30,"한글-fn",10])~", "", ""},
    {R"~(Functions[0].Tags.team == 'lab')~", R"~(true)~", "", ""},
    {R"~(Functions[?MemorySize != `128`] | length(@))~", R"~(2)~", "", ""},
    {R"~(ends_with(Functions[1].FunctionName, '-api'))~", R"~(true)~", "", ""},
    {R"~(to_array(Functions[0].Timeout))~", R"~([3])~", "", ""},
    {R"~(`"literal"`)~", R"~("literal")~", "", ""},
    {R"~(`foo`)~", R"~("foo")~", "", ""},
    {R"~('it\'s')~", R"~("it's")~", "", ""},
    {R"~(Functions[1:3].MemorySize | sort(@) | [-1])~", R"~(512)~", "", ""},
    {R"~(*.Functions[0].FunctionName)~", R"~([])~", "", ""},
    {R"~(Functions[0].*)~", R"~(["demo-lambda","python3.12",128,3,{"team":"lab"}])~", "", ""},
    {R"~(Functions[)~", "", R"~(Invalid jmespath expression: Incomplete expression:
"Functions["
           ^)~", ""},
    {R"~(Functions[?x==])~", "", R"~(invalid token: Parse error at column 14, token "]" (RBRACKET), for expression:
"Functions[?x==]"
               ^)~", ""},
    {R"~(Functions.)~", "", R"~(Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: eof: Parse error at column 10, token "" (EOF), for expression:
"Functions."
           ^)~", ""},
    {R"~(Functions[?Name==' app.])~", "", R"~(Bad jmespath expression: Unclosed ' delimiter:
Functions[?Name==' app.]
                 ^)~", ""},
    {R"~(a = b)~", "", R"~(Bad jmespath expression: Unknown token '=':
a = b
  ^)~", ""},
    {R"~(foo bar)~", "", R"~(Unexpected token: bar: Parse error at column 4, token "bar" (UNQUOTED_IDENTIFIER), for expression:
"foo bar"
     ^)~", ""},
    {R"~(Functions.1)~", "", R"~(Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: number: Parse error at column 10, token "1" (NUMBER), for expression:
"Functions.1"
           ^)~", ""},
    {R"~(length(Functions, `1`))~", "", "", R"~(Expected 1 argument for function length(), received 2)~"},
    {R"~(length(`1`))~", "", "", R"~(In function length(), invalid type for value: 1, expected one of: ['string', 'array', 'object'], received: "number")~"},
    {R"~(sum(Functions[].FunctionName))~", "", "", R"~(In function sum(), invalid type for value: demo-lambda, expected one of: ['array-number'], received: "str")~"},
    {R"~(nope(@))~", "", "", R"~(Unknown function: nope())~"},
    {R"~(a.한)~", "", R"~(Bad jmespath expression: Unknown token 한:
a.한
  ^)~", ""},
    {R"~(Functions[?MemorySize > 'a'])~", "", "", R"~('>' not supported between instances of 'int' and 'str')~"},
    {R"~(Functions[0:2:0])~", "", "", R"~(slice step cannot be zero)~"},
    {R"~("a"(@))~", "", R"~(Quoted identifier not allowed for function names.: Parse error at column 0, token "(" (LPAREN), for expression:
""a"(@)"
 ^)~", ""},
    {R"~(Functions[*)~", "", R"~(Invalid jmespath expression: Incomplete expression:
"Functions[*"
            ^)~", ""},
    {R"~({a: b c: d})~", R"~({"a":null,"c":null})~", "", ""},
    {R"~(foo[1:2:3:4])~", "", R"~(syntax error: Parse error at column 9, token ":" (COLON), for expression:
"foo[1:2:3:4]"
          ^)~", ""},
    {R"~(Functions[?Timeout > `5`)~", "", R"~(Invalid jmespath expression: Incomplete expression:
"Functions[?Timeout > `5`"
                         ^)~", ""},
    {R"~(`[1,2`)~", R"~("[1,2")~", "", ""},
    {R"~(-)~", "", R"~(Bad jmespath expression: Unknown token '-':
-
^)~", ""},
    {R"~(max_by(Functions, &Tags))~", "", "", R"~(In function max_by(), invalid type for value: {'team': 'lab'}, expected one of: ['number', 'string'], received: "object")~"},
    {R"~(sort_by(Functions, &Tags))~", "", "", R"~(In function sort_by(), invalid type for value: {'FunctionName': 'demo-lambda', 'Runtime': 'python3.12', 'MemorySize': 128, 'Timeout': 3, 'Tags': {'team': 'lab'}}, expected one of: ['string', 'number'], received: "object")~"},
    {R"~(contains('abc', `1`))~", "", "", R"~('in <string>' requires string as left operand, not int)~"},
    {R"~(@.@)~", "", R"~(Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: current: Parse error at column 2, token "@" (CURRENT), for expression:
"@.@"
   ^)~", ""},
    {R"~(!)~", "", R"~(Invalid jmespath expression: Incomplete expression:
"!"
  ^)~", ""},
    {R"~(Functions[0].Tags.team.[a)~", "", R"~(Invalid jmespath expression: Incomplete expression:
"Functions[0].Tags.team.[a"
                          ^)~", ""},
    {R"~(a.(b))~", "", R"~(Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: lparen: Parse error at column 2, token "(" (LPAREN), for expression:
"a.(b)"
   ^)~", ""},
    {R"~(not_null())~", "", "", R"~(Expected at least 1 argument for function not_null(), received 0)~"},
    {R"~(Functions[*][].Timeout)~", R"~([3,30,10])~", "", ""},
    {R"~(Functions[].Tags[])~", R"~([{"team":"lab"}])~", "", ""},
    {R"~(`[[1,[2]],3]`[])~", R"~([1,[2],3])~", "", ""},
    {R"~(Functions[?Timeout < `10`] || 'none')~", R"~([{"FunctionName":"demo-lambda","Runtime":"python3.12","MemorySize":128,"Timeout":3,"Tags":{"team":"lab"}}])~", "", ""},
    {R"~([Functions[0].Timeout, Functions[1].Timeout] | max(@))~", R"~(30)~", "", ""},
    {R"~({first: Functions[0].FunctionName, "count": length(Functions)})~", R"~({"first":"demo-lambda","count":3})~", "", ""},
    {R"~(Functions[0].Tags.team.length(@))~", R"~(3)~", "", ""},
};

} // namespace

TEST(JmesPath, AnswersAsTheCliPackageDoes) {
    const ojson doc = ojson::parse(kDoc);
    for (const Case& c : kCases) {
        SCOPED_TRACE(c.query);
        std::string compile_error;
        const auto e = jmespath::Expression::compile(c.query, compile_error);
        EXPECT_EQ(compile_error, c.compile_error);
        EXPECT_EQ(e.valid(), std::string(c.compile_error).empty());
        if (!e.valid()) continue;
        std::string search_error;
        const ojson result = e.search(doc, search_error);
        EXPECT_EQ(search_error, c.search_error);
        if (search_error.empty()) EXPECT_EQ(result.dump(), c.result);
        else EXPECT_TRUE(result.is_null());
    }
}

TEST(JmesPath, AnExpressionArgumentWhereAValueBelongsIsATypeError) {
    std::string err;
    const auto e = jmespath::Expression::compile("abs(&a)", err);
    ASSERT_TRUE(e.valid());
    e.search(ojson::object(), err);
    // The package prints the object's address here; the rest of the message is the same.
    EXPECT_EQ(err, "In function abs(), invalid type for value: <jmespath.visitor._Expression object>, expected one of: "
                   "['number'], received: \"expref\"");
}

TEST(JmesPath, DeepNestingIsRefusedNotACrash) {
    std::string err;
    const auto e = jmespath::Expression::compile(std::string(100000, '(') + "a" + std::string(100000, ')'), err);
    EXPECT_FALSE(e.valid());
    EXPECT_EQ(err, "maximum recursion depth exceeded");
    const auto ok = jmespath::Expression::compile(std::string(100, '(') + "a" + std::string(100, ')'), err);
    EXPECT_TRUE(ok.valid());
}

TEST(JmesPathInShell, ProjectionsAndFiltersOnAResponse) {
    Shell sh;
    ASSERT_EQ(sh.run("aws lambda list-functions --query 'Functions[].FunctionName'").out, "[\n    \"demo-lambda\"\n]\n");
    EXPECT_EQ(sh.run("aws lambda list-functions --query 'Functions[?Timeout > `2`].[FunctionName, Timeout]' --output text").out,
              "demo-lambda\t3\n");
    EXPECT_EQ(sh.run("aws lambda list-functions --query 'Functions[?Timeout > `3`].FunctionName'").out, "[]\n");
    EXPECT_EQ(sh.run("aws lambda list-functions --query 'Functions[].FunctionName | [0]'").out, "\"demo-lambda\"\n");
    EXPECT_EQ(sh.run("aws lambda list-functions --query 'length(Functions)'").out, "1\n");
}

TEST(JmesPathInShell, ABadQueryStopsTheCommandBeforeAnythingIsSent) {
    Shell sh;
    const auto before = sh.run("aws sqs list-queues").out;
    const auto r = sh.run("aws sqs create-queue --queue-name q1 --query 'QueueUrl['");
    EXPECT_EQ(r.exit_code, 255);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "\naws: [ERROR]: Bad value for --query QueueUrl[: Invalid jmespath expression: Incomplete expression:\n"
                     "\"QueueUrl[\"\n          ^\n");
    EXPECT_EQ(sh.run("aws sqs list-queues").out, before);      // no queue was created
    const auto empty = sh.run("aws sqs list-queues --query ''");
    EXPECT_EQ(empty.exit_code, 255);
    EXPECT_EQ(empty.err, "\naws: [ERROR]: Bad value for --query : Invalid JMESPath expression: cannot be empty.\n");
}

TEST(JmesPathInShell, AFunctionErrorComesAfterTheCall) {
    Shell sh;
    const auto r = sh.run("aws sqs create-queue --queue-name q2 --query 'length(`1`)'");
    EXPECT_EQ(r.exit_code, 255);
    EXPECT_EQ(r.err, "\naws: [ERROR]: In function length(), invalid type for value: 1, expected one of: ['string', 'array', "
                     "'object'], received: \"number\"\n");
    EXPECT_EQ(sh.run("aws sqs get-queue-url --queue-name q2 --query 'ends_with(QueueUrl, `\"/q2\"`)'").out, "true\n");
}
