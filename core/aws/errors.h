// Invoke Lab core: the error a simulated AWS service returns.
//
// Service operations throw AwsError; the Shell turns it into the CLI's
// "An error occurred (Code) when calling the Operation operation: message" and exit 254.
#pragma once
#include <stdexcept>
#include <string>

namespace invokelab {

struct AwsError : std::runtime_error {
    std::string code;                               // e.g. ResourceNotFoundException
    int http_status;                                // e.g. 404
    std::string type;                               // "User" or "Service" (Lambda's Type field)
    AwsError(std::string code_, int status, const std::string& message, std::string type_ = "User")
        : std::runtime_error(message), code(std::move(code_)), http_status(status), type(std::move(type_)) {}
};

} // namespace invokelab
