// Invoke Lab core: base64 (RFC 4648): the standard padded form the AWS CLI uses for blobs, and
// base64url without padding (RFC 4648 §5) for share links.
#pragma once
#include <optional>
#include <string>

namespace invokelab {
std::string base64_encode(const std::string& bytes);
std::optional<std::string> base64_decode(const std::string& text);  // nullopt when not valid base64
std::string base64url_encode(const std::string& bytes);             // no padding
std::optional<std::string> base64url_decode(const std::string& text);   // nullopt on a foreign character or length % 4 == 1
int base64url_value(char c);                                        // 0..63, or -1 outside the alphabet
} // namespace invokelab
