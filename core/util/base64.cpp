#include "util/base64.h"

namespace invokelab {
namespace {
const char* kStandard = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const char* kUrl = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// The two alphabets differ only in their last two characters.
int value_in(char c, char c62, char c63) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == c62) return 62;
    if (c == c63) return 63;
    return -1;
}
int value_of(char c) { return value_in(c, '+', '/'); }

std::string encode(const std::string& bytes, const char* alphabet, bool pad) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = (unsigned char)bytes[i] << 16 | (unsigned char)bytes[i + 1] << 8 | (unsigned char)bytes[i + 2];
        out += alphabet[v >> 18 & 63]; out += alphabet[v >> 12 & 63]; out += alphabet[v >> 6 & 63]; out += alphabet[v & 63];
    }
    if (i + 1 == bytes.size()) {
        const unsigned v = (unsigned char)bytes[i] << 16;
        out += alphabet[v >> 18 & 63]; out += alphabet[v >> 12 & 63];
        if (pad) out += "==";
    } else if (i + 2 == bytes.size()) {
        const unsigned v = (unsigned char)bytes[i] << 16 | (unsigned char)bytes[i + 1] << 8;
        out += alphabet[v >> 18 & 63]; out += alphabet[v >> 12 & 63]; out += alphabet[v >> 6 & 63];
        if (pad) out += '=';
    }
    return out;
}
} // namespace

std::string base64_encode(const std::string& bytes) { return encode(bytes, kStandard, true); }
std::string base64url_encode(const std::string& bytes) { return encode(bytes, kUrl, false); }
int base64url_value(char c) { return value_in(c, '-', '_'); }

std::optional<std::string> base64url_decode(const std::string& text) {
    if (text.size() % 4 == 1) return std::nullopt;       // no whole byte fits in one leftover character
    std::string out;
    out.reserve(text.size() * 3 / 4);
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        const int v = base64url_value(c);
        if (v < 0) return std::nullopt;
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    return out;
}

std::optional<std::string> base64_decode(const std::string& text) {
    // Like Python's base64.b64decode(validate=True), which the CLI uses: length a multiple
    // of 4, only alphabet characters, padding only at the end.
    if (text.size() % 4 != 0) return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < text.size(); i += 4) {
        int v[4];
        int pad = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = text[i + k];
            if (c == '=') {
                if (i + 4 != text.size() || k < 2) return std::nullopt;
                v[k] = 0; ++pad;
            } else {
                if (pad) return std::nullopt;
                v[k] = value_of(c);
                if (v[k] < 0) return std::nullopt;
            }
        }
        const unsigned n = v[0] << 18 | v[1] << 12 | v[2] << 6 | v[3];
        out += static_cast<char>(n >> 16 & 255);
        if (pad < 2) out += static_cast<char>(n >> 8 & 255);
        if (pad < 1) out += static_cast<char>(n & 255);
    }
    return out;
}
} // namespace invokelab
