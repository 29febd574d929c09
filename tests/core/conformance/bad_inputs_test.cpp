// The bad-input catalogue (issue 9, item 2): each row is one line a learner (or a hostile
// user) might type, with exactly what the CLI prints for it and its exit code, AND the proof
// that nothing else happened: after the line, a probe (sync and async invokes, an SQS send, an
// SNS publish, the clock run to idle) leaves the world — state, trace, request ids, message
// ids, environments — byte-identical to a run without the bad line. The only differences
// allowed are what AWS itself keeps of a refused call: the CLI's own error note (`cli.error`),
// a refused Invoke (`invoke.rejected` and its record, whose request id comes from a stream
// of its own, lambda/invoke.cpp) and a failed DynamoDB condition
// (`dynamodb.conditional-check-failed`: DynamoDB still charges the write and counts it in
// the table's ConditionalCheckFailedRequests metric; the item is untouched).
//
// Sources for the messages: botocore 1.43 validate.py (ParamValidation, exit 252) and the
// service models (botocore/data/<service>/…/service-2.json: min/max), the recorded AWS
// answers the other conformance suites cite (Lambda, SQS), awscli argprocess/argparse for the
// usage errors; the lab's own messages for `lab …`; for DynamoDB the messages LocalStack's
// snapshot tests recorded from AWS (core/services/dynamodb.cpp names them), for redis-cli
// Redis 7's error replies (core/services/kv.cpp) and redis-cli -e's exit status.
//
// INVOKELAB_PRINT_CATALOGUE=1 prints every row's actual output as C++ (to review a change).
#include <cstdlib>
#include <iostream>
#include <gtest/gtest.h>
#include "conformance_util.h"
#include "lambda_test_util.h"

using namespace invokelab;

namespace {

const std::string kQ = "https://sqs.ap-northeast-2.amazonaws.com/123456789012/q";
const std::string kTopic = "arn:aws:sns:ap-northeast-2:123456789012:t";
const std::string kDlq = "arn:aws:sqs:ap-northeast-2:123456789012:q";
const std::string kRaw = " --cli-binary-format raw-in-base64-out ";

const std::vector<std::string> kSetup = {
    "aws sqs create-queue --queue-name q",
    "aws sns create-topic --name t",
    "aws sns subscribe --topic-arn " + kTopic + " --protocol sqs --notification-endpoint " + kDlq,
    "aws iam create-role --role-name r --assume-role-policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[]}'",
    "aws lambda invoke --function-name demo-lambda out0.json",
    "aws dynamodb create-table --table-name points --attribute-definitions AttributeName=user_id,AttributeType=S "
    "--key-schema AttributeName=user_id,KeyType=HASH --billing-mode PAY_PER_REQUEST",
    "aws dynamodb put-item --table-name points --item '{\"user_id\": {\"S\": \"u1\"}, \"points\": {\"N\": \"100\"}}'",
    "redis-cli SET name alice",
};

const std::vector<std::string> kProbe = {
    "aws lambda invoke --function-name demo-lambda" + kRaw + "--payload '{\"probe\":1}' probe.json",
    "aws lambda invoke --function-name demo-lambda --invocation-type Event" + kRaw + "--payload '{\"probe\":2}' probe2.json",
    "aws sqs send-message --queue-url " + kQ + " --message-body probe",
    "aws sns publish --topic-arn " + kTopic + " --message probe",
    "lab run",
};

struct Row {
    std::string name;
    std::string line;
    std::string out, err;
    int exit_code;
};

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// Files some rows read (file://), written in every shell before the setup.
void write_files(Shell& sh) {
    auto& files = sh.world().files;
    files.write("big6.json", "\"" + std::string(6 * 1024 * 1024 + 100 - 1, 'x') + "\"");   // 6 291 557 bytes: one past the limit
    files.write("big1.json", "\"" + std::string(1024 * 1024 - 1, 'x') + "\"");             // 1 048 577 bytes
    files.write("deep.json", "{\"Version\":\"2012-10-17\",\"Statement\":" + nested(600) + "}");
    files.write("bigbody.txt", std::string(1024 * 1024 + 1, 'b'));
    files.write("latin1.txt", "caf\xe9");
}

// The state with what a refused call may leave removed: the `cli.error` / `invoke.rejected`
// trace entries (and the trace's running index), refused invocation records.
ojson comparable_state(const Shell& sh) {
    ojson state = sh.world().state_json();
    ojson trace = ojson::array();
    for (auto& e : state["trace"]) {
        if (e["kind"] == "cli.error" || e["kind"] == "invoke.rejected" || e["kind"] == "dynamodb.conditional-check-failed") continue;
        e.erase("i");
        trace.push_back(e);
    }
    state["trace"] = trace;
    // The trace's own count of what it keeps includes the refusal entries dropped above.
    if (state.contains("traceSummary")) state["traceSummary"].erase("kept");
    ojson invocations = ojson::array();
    for (auto& inv : state["lambda"]["invocations"])
        if (inv["state"] != "rejected") invocations.push_back(inv);
    state["lambda"]["invocations"] = invocations;
    return state;
}

std::string run_all(Shell& sh, const std::vector<std::string>& lines) {
    std::string transcript;
    for (const auto& l : lines) {
        const CommandResult r = sh.run(l);
        transcript += "$ " + l + "\n" + r.out + r.err + "[exit " + std::to_string(r.exit_code) + "]\n";
    }
    return transcript;
}

std::string cpp_literal(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') { out += '\\'; out += static_cast<char>(c); }
        else if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c < 0x20 || c >= 0x7f) { char b[8]; std::snprintf(b, sizeof b, "\\x%02x\"\"", c); out += b; }
        else out += static_cast<char>(c);
    }
    return out + "\"";
}

const std::string kUsage = "usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\nTo see help text, you can run:\n\n"
                           "  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n\n";

[[maybe_unused]] std::string usage_error(const std::string& message) { return "\naws: [ERROR]: " + message + "\n\n" + kUsage; }
[[maybe_unused]] std::string param_error(const std::string& message) {
    return "\naws: [ERROR]: An error occurred (ParamValidation): Parameter validation failed:\n" + message + "\n";
}
[[maybe_unused]] std::string service(const std::string& op, const std::string& code, const std::string& message, bool typed = false) {
    return conformance::service_error(op, code, message, typed);
}
[[maybe_unused]] std::string plain(const std::string& message) { return "\naws: [ERROR]: " + message + "\n"; }

std::vector<Row> rows();

} // namespace

TEST(BadInputCatalogue, EveryRowAnswersAsAwsAndChangesNothing) {
    const bool print = std::getenv("INVOKELAB_PRINT_CATALOGUE") != nullptr;
    const std::vector<Row> all = rows();
    EXPECT_GE(all.size(), 50u);
    for (const Row& row : all) {
        SCOPED_TRACE(row.name);
        Shell with(7), without(7);
        for (Shell* sh : {&with, &without}) {
            write_files(*sh);
            run_all(*sh, kSetup);
        }
        const CommandResult r = with.run(row.line);
        if (print) {
            std::cout << "    {" << cpp_literal(row.name) << ", " << cpp_literal(row.line) << ",\n     " << cpp_literal(r.out) << ",\n     "
                      << cpp_literal(r.err) << ", " << r.exit_code << "},\n";
            continue;
        }
        EXPECT_EQ(r.out, row.out);
        EXPECT_EQ(r.err, row.err);
        EXPECT_EQ(r.exit_code, row.exit_code);
        EXPECT_NE(r.exit_code, 0) << "a bad input must be refused";
        // Nothing moved: the same state (but for what AWS keeps of a refused call)…
        EXPECT_EQ(comparable_state(with).dump(), comparable_state(without).dump()) << "state changed by: " << row.line;
        // …and every later draw (request ids, message ids, environments, durations) as without it.
        const std::string probe_with = run_all(with, kProbe), probe_without = run_all(without, kProbe);
        EXPECT_EQ(probe_with, probe_without);
        EXPECT_EQ(comparable_state(with).dump(), comparable_state(without).dump()) << "later draws changed by: " << row.line;
    }
}

namespace {

std::vector<Row> rows() {
    const std::string invoke = "aws lambda invoke --function-name demo-lambda";
    const std::string eic = "aws lambda put-function-event-invoke-config --function-name demo-lambda";
    const std::string ufc = "aws lambda update-function-configuration --function-name demo-lambda";
    const std::string send = "aws sqs send-message --queue-url " + kQ;
    const std::string receive = "aws sqs receive-message --queue-url " + kQ;
    const std::string policy = "aws iam put-role-policy --role-name r --policy-name p --policy-document ";
    return {
#include "bad_inputs_rows.inc"
    };
}

} // namespace
