// Invoke Lab core: MD5 (RFC 1321). SQS's MD5OfMessageAttributes encoding lives in services/sqs.cpp.
#include <algorithm>
#include <cstring>
#include <utility>
#include "util/md5.h"

namespace invokelab {
namespace {

constexpr std::uint32_t rotl(std::uint32_t x, int c) { return (x << c) | (x >> (32 - c)); }
constexpr std::uint32_t K[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};
constexpr int R[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                       5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                       4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                       6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
// The message word each step reads: i, 5i+1, 3i+5, 7i (mod 16) in the four rounds.
constexpr std::uint8_t G[64] = {0, 1, 2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
                                1, 6, 11, 0,  5,  10, 15, 4,  9,  14, 3,  8,  13, 2,  7,  12,
                                5, 8, 11, 14, 1,  4,  7,  10, 13, 0,  3,  6,  9,  12, 15, 2,
                                0, 7, 14, 5,  12, 3,  10, 1,  8,  15, 6,  13, 4,  11, 2,  9};

// One step with its constants known at compile time (the 64 steps are expanded in block()).
template <int I>
inline void step(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c, std::uint32_t& d, const std::uint32_t* M) {
    std::uint32_t f;
    if constexpr (I < 16) f = (b & c) | (~b & d);
    else if constexpr (I < 32) f = (d & b) | (~d & c);
    else if constexpr (I < 48) f = b ^ c ^ d;
    else f = c ^ (b | ~d);
    const std::uint32_t tmp = d;
    d = c;
    c = b;
    b = b + rotl(a + f + K[I] + M[G[I]], R[I]);
    a = tmp;
}
template <std::size_t... I>
inline void steps(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c, std::uint32_t& d, const std::uint32_t* M,
                  std::index_sequence<I...>) {
    (step<static_cast<int>(I)>(a, b, c, d, M), ...);
}

} // namespace

void Md5::block(const unsigned char* p) {
    std::uint32_t M[16];
    for (int i = 0; i < 16; ++i)
        M[i] = std::uint32_t(p[i * 4]) | std::uint32_t(p[i * 4 + 1]) << 8 | std::uint32_t(p[i * 4 + 2]) << 16 | std::uint32_t(p[i * 4 + 3]) << 24;
    std::uint32_t a = state_[0], b = state_[1], c = state_[2], d = state_[3];
    steps(a, b, c, d, M, std::make_index_sequence<64>{});
    state_[0] += a; state_[1] += b; state_[2] += c; state_[3] += d;
}

void Md5::update_blocks(const unsigned char* p, std::size_t n) {
    length_ += n;
    if (buffered_ > 0) {
        const std::size_t take = std::min(n, 64 - buffered_);
        std::memcpy(buffer_.data() + buffered_, p, take);
        buffered_ += take;
        p += take;
        n -= take;
        if (buffered_ < 64) return;
        block(buffer_.data());
        buffered_ = 0;
    }
    for (; n >= 64; p += 64, n -= 64) block(p);
    if (n > 0) std::memcpy(buffer_.data(), p, n);
    buffered_ = n;
}

std::string Md5::hex() const {
    // Padding on a copy (0x80, zeros to 56 mod 64, the bit length little-endian), so more may
    // be fed afterwards; nothing allocated but the answer.
    Md5 m = *this;
    const std::uint64_t bits = length_ * 8;
    unsigned char pad[72] = {0x80};
    const std::size_t rem = (buffered_ + 1) % 64;
    const std::size_t zeros = rem <= 56 ? 56 - rem : 120 - rem;
    for (int i = 0; i < 8; ++i) pad[1 + zeros + static_cast<std::size_t>(i)] = static_cast<unsigned char>((bits >> (8 * i)) & 0xff);
    m.update(pad, 1 + zeros + 8);
    static const char digits[] = "0123456789abcdef";   // lower-case hex, as printf's %02x
    std::string out(32, '0');
    for (int i = 0; i < 4; ++i)
        for (int b = 0; b < 4; ++b) {
            const unsigned byte = (m.state_[i] >> (8 * b)) & 0xffu;
            out[static_cast<std::size_t>(i * 8 + b * 2)] = digits[byte >> 4];
            out[static_cast<std::size_t>(i * 8 + b * 2 + 1)] = digits[byte & 0xf];
        }
    return out;
}

std::string md5_hex(std::string_view bytes) {
    Md5 m;
    m.update(bytes);
    return m.hex();
}

} // namespace invokelab
