// Invoke Lab core: SHA-256 (FIPS 180-4).
// Lambda reports a code package's CodeSha256 as base64(SHA-256(zip bytes)) [BOTO lambda
// FunctionConfiguration.CodeSha256: "The SHA256 hash of the function's deployment package"].
#pragma once
#include <string>

namespace invokelab {

std::string sha256_bytes(const std::string& bytes);  // the 32-byte digest
std::string sha256_hex(const std::string& bytes);    // 64 lowercase hex digits

} // namespace invokelab
