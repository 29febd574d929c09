// Invoke Lab core (learn): share links, the session text as base64url (CONTRACT.md §2).
//
// Index
//   encode_share_fragment   UTF-8 text -> base64url (RFC 4648 §5, no padding)
//   decode_share_fragment   fragment -> text, or a Message saying what is wrong
//   kMaxShareFragmentChars  24 000
//
// The page hands the part after "#s=" to the core as it is, so decoding must refuse any
// string calmly (it is fuzzed): too long, a character outside the alphabet, an impossible
// length, bytes that are not UTF-8.
#pragma once
#include <string>
#include "learn/message.h"

namespace invokelab {

inline constexpr std::size_t kMaxShareFragmentChars = 24'000;

std::string encode_share_fragment(const std::string& text);

struct ShareDecode {
    bool ok = false;
    std::string text;                               // the scenario text when ok
    Message error;
};
// Accepts the fragment with or without a leading "#s=" / "s=".
ShareDecode decode_share_fragment(const std::string& fragment);

} // namespace invokelab
