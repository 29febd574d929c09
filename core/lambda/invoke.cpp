// Invoke: the front door (payload checks, function lookup) and the three invocation types.
#include <cctype>
#include <cstdio>
#include <stdexcept>
#include <utility>
#include "lambda/lambda.h"
#include "aws/errors.h"
#include "sim/env.h"
#include "util/json_text.h"

namespace invokelab {
namespace {

// Records where nlohmann's parser gave up; builds nothing.
struct ErrorPosition : nlohmann::json_sax<ojson> {
    bool failed = false;
    std::size_t byte = 0;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) override {
        failed = true;
        byte = position;
        return false;
    }
};

const char* kJacksonSource = "\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: ";

// Lambda's JSON parser is Jackson; the recorded message (reference §1.2) is for a bad UTF-8
// byte. The other wordings follow Jackson's usual messages (UNCONFIRMED for Lambda).
std::string parse_error_message(const std::string& payload) {
    std::size_t line = 1, column = 1;
    auto where = [&] { return kJacksonSource + std::to_string(line) + ", column: " + std::to_string(column) + "]"; };
    // Invalid UTF-8 first: Jackson decodes bytes before tokenising.
    for (std::size_t i = 0; i < payload.size();) {
        const auto b = static_cast<unsigned char>(payload[i]);
        int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
        bool ok = len > 0 && i + len <= payload.size();
        for (int k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(payload[i + k]) >> 6) == 2;
        if (!ok) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "0x%02x", b);
            column = i + 1;                         // 1-based position of the bad byte (UNCONFIRMED)
            return std::string("Invalid UTF-8 start byte ") + buf + where();
        }
        i += len;
    }
    // Find the offending token with nlohmann's parser position (its SAX parser: nothing is
    // built, so neither depth nor width costs more than a scan).
    ErrorPosition sax;
    ojson::sax_parse(payload, &sax);
    if (sax.failed) {
        std::size_t pos = sax.byte > 0 ? sax.byte - 1 : 0;
        if (pos >= payload.size()) {
            for (char c : payload) { if (c == '\n') { ++line; column = 1; } else ++column; }
            return "Unexpected end-of-input: expected close marker for Object" + where();
        }
        // Back up to the start of the token nlohmann stopped in.
        while (pos > 0 && std::isalnum(static_cast<unsigned char>(payload[pos - 1])) && std::isalnum(static_cast<unsigned char>(payload[pos]))) --pos;
        for (std::size_t k = 0; k < pos; ++k) { if (payload[k] == '\n') { ++line; column = 1; } else ++column; }
        if (std::isalpha(static_cast<unsigned char>(payload[pos]))) {
            std::size_t end = pos;
            while (end < payload.size() && std::isalnum(static_cast<unsigned char>(payload[end]))) ++end;
            column = column + (end - pos);
            return "Unrecognized token '" + payload.substr(pos, end - pos) +
                   "': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')" + where();
        }
        const unsigned char c = static_cast<unsigned char>(payload[pos]);
        ++column;
        return "Unexpected character ('" + std::string(1, static_cast<char>(c)) + "' (code " + std::to_string(c) +
               ")): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')" + where();
    }
    return "Unexpected input" + where();
}

} // namespace

PendingInvoke LambdaService::begin_invoke(const std::string& function, const std::string& payload, InvocationType type,
                                          const std::string& region, bool tail_log) {
    // The request id is drawn once the request is accepted: a refused request takes its id from
    // a stream of its own, so a bad call leaves every later id and draw as it would have been.
    std::string request_id;
    PendingInvoke call;
    call.tail_log = tail_log;
    try {
        if (payload.size() > kSyncPayloadLimit)
            throw AwsError("RequestEntityTooLargeException", 413,
                           "Request must be smaller than " + std::to_string(kSyncPayloadLimit) + " bytes for the InvokeFunction operation");
        FunctionConfig& f = require_function(function, region, true);
        if (type == InvocationType::Event && payload.size() > kAsyncPayloadLimit)
            // Pre-2025 wording with the current limit (UNCONFIRMED, reference §2.2).
            throw AwsError("RequestEntityTooLargeException", 413,
                           std::to_string(payload.size()) + " byte payload is too large for the Event invocation type (limit " +
                               std::to_string(kAsyncPayloadLimit) + " bytes)");
        // Validated once here, without building anything (util/json_text.h: any depth or width).
        if (!payload.empty() && !payload_valid(payload))
            throw AwsError("InvalidRequestContentException", 400,
                           "Could not parse request body into json: Could not parse payload into json: " + parse_error_message(payload));
        request_id = rng().uuid4();
        if (type == InvocationType::DryRun) {
            accept(f.name, request_id, type, 204, payload, InvocationState::Succeeded).finished_at = env_.now();
            call.invocation = invocations_.size() - 1;
            env_.record("invoke.dryrun", request_id, ojson{{"function", f.name}, {"status", 204}});
            call.answered.status_code = 204;
            call.answered.request_id = request_id;
            call.answered.executed_version.clear();
            return call;
        }
        if (type == InvocationType::Event) {
            // Moved: nothing below can throw the AwsError whose handler would read it.
            call.answered = invoke_async(f, payload, std::move(request_id));
            call.invocation = invocations_.size() - 1;
            return call;
        }
        accept(f.name, request_id, type, 200, payload, InvocationState::Running);
        call.invocation = invocations_.size() - 1;
        call.sync = true;
        call.attempt_ended = std::make_shared<bool>(false);
        // The response waits for the attempt's end; the caller runs the clock until then.
        begin_attempt(call.invocation, [ended = call.attempt_ended](std::size_t) { *ended = true; });
        return call;
    } catch (const AwsError& e) {
        if (request_id.empty()) request_id = env_.stream("lambda.rejected").uuid4();
        InvocationRecord& r = accept(function, request_id, type, e.http_status,
                                     payload.size() > 4096 ? payload.substr(0, 4096) : payload,   // keep the state small
                                     InvocationState::Rejected);
        r.finished_at = env_.now();
        env_.record("invoke.rejected", request_id,
                    ojson{{"function", function}, {"invocationType", to_string(type)}, {"status", e.http_status}, {"code", e.code}});
        throw;
    }
}

bool LambdaService::payload_valid(const std::string& payload) {
    // Equal payloads in a row (a client sending the same event again) are checked once.
    const bool cacheable = payload.size() <= kValidPayloadCacheBytes;
    if (cacheable && valid_payload_known_ && payload == last_valid_payload_) return true;
    if (!json_valid(payload)) return false;
    if (cacheable) {
        last_valid_payload_.assign(payload);
        valid_payload_known_ = true;
    }
    return true;
}

InvocationRecord& LambdaService::accept(const std::string& function, std::string request_id, InvocationType type,
                                        int status_code, const std::string& payload, InvocationState state) {
    InvocationRecord r;
    r.request_id = std::move(request_id);
    r.function = function;
    r.invocation_type = type;
    r.accepted_at = env_.now();
    r.status_code = status_code;
    r.payload = payload;
    r.state = state;
    invocations_.push_back(std::move(r));
    return invocations_.back();                     // stays valid (InvocationList is a deque)
}

InvokeResult LambdaService::finish_invoke(PendingInvoke&& call) {
    if (!call.sync) return std::move(call.answered);   // an Event / DryRun answer, handed over as it is
    return finish_invoke(std::as_const(call));
}

InvokeResult LambdaService::finish_invoke(const PendingInvoke& call) {
    if (!call.sync) return call.answered;
    if (!call.done())
        throw std::logic_error("finish_invoke: the synchronous attempt has not ended (drive the scheduler until done())");
    InvocationRecord& r = invocations_[call.invocation];
    r.state = r.function_error.empty() ? InvocationState::Succeeded : InvocationState::Failed;
    r.finished_at = env_.now();
    if (r.function_error.empty()) env_.record_of("invoke.sync", r.request_id, "function", r.function, "status", 200);
    else env_.record_of("invoke.sync", r.request_id, "function", r.function, "status", 200, "functionError", r.function_error);
    InvokeResult out;
    out.status_code = 200;
    out.function_error = r.function_error;
    out.payload = r.response;
    out.request_id = r.request_id;
    if (call.tail_log) {
        const std::string& log = r.log_tail;
        out.log_tail = log.size() > kLogTailBytes ? log.substr(log.size() - kLogTailBytes) : log;
    }
    return out;
}

} // namespace invokelab
