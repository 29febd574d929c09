// Invoke Lab core: UTF-8 well-formedness, the one definition every decoder of outside text uses
// (JSON text, the CLI's argument check, scenario files and share links).
#pragma once
#include <cstddef>
#include <string_view>

namespace invokelab {

// The length (1..4) of the well-formed UTF-8 sequence that starts at text[i], or 0 when the bytes
// there are not one: the table of well-formed byte sequences in Unicode 15, section 3.9 (table 3-7),
// i.e. RFC 3629 — no overlong forms, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF, and
// no sequence cut off by the end of the text.
inline std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) return 1;
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;              // the range of the second byte
    if (b >= 0xC2 && b <= 0xDF) len = 2;
    else if (b == 0xE0) { len = 3; lo = 0xA0; }
    else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) len = 3;
    else if (b == 0xED) { len = 3; hi = 0x9F; }
    else if (b == 0xF0) { len = 4; lo = 0x90; }
    else if (b >= 0xF1 && b <= 0xF3) len = 4;
    else if (b == 0xF4) { len = 4; hi = 0x8F; }
    else return 0;
    if (i + len > text.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto c = static_cast<unsigned char>(text[i + k]);
        if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return 0;
    }
    return len;
}

inline bool is_valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t len = utf8_sequence_length(text, i);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

} // namespace invokelab
