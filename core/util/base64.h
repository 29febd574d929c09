// Invoke Lab core: base64 (RFC 4648, standard alphabet, padded), as the AWS CLI uses for blobs.
#pragma once
#include <optional>
#include <string>

namespace invokelab {
std::string base64_encode(const std::string& bytes);
std::optional<std::string> base64_decode(const std::string& text);  // nullopt when not valid base64
} // namespace invokelab
