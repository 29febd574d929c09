// Invoke Lab core: MD5 (RFC 1321) as 32 lowercase hex digits.
// SQS returns MD5OfMessageBody so clients can check what arrived; SNS and Logs use it
// to derive stable ids from a seed.
#pragma once
#include <string>

namespace invokelab {

std::string md5_hex(const std::string& bytes);

} // namespace invokelab
