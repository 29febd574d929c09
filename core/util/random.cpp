#include "util/random.h"

namespace invokelab {

std::uint64_t Rng::stream_seed(std::uint64_t world_seed, const std::string& name) {
    std::uint64_t h = 0xcbf29ce484222325ull;        // FNV-1a 64
    for (unsigned char c : name) { h ^= c; h *= 0x100000001b3ull; }
    std::uint64_t z = world_seed ^ h;
    z += 0x9e3779b97f4a7c15ull;                     // splitmix64 finaliser
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

double Rng::next_unit() {
    return static_cast<double>(next_u64() >> 11) * (1.0 / 9007199254740992.0);
}

std::uint64_t Rng::below(std::uint64_t n) {
    // Rejection sampling keeps the result exactly uniform.
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t x;
    do { x = next_u64(); } while (x >= limit);
    return x % n;
}

std::string Rng::hex(std::size_t chars) {
    std::string out;
    append_hex(out, chars);
    return out;
}

void Rng::append_hex(std::string& out, std::size_t chars) {
    // Each 64-bit draw gives 16 digits, least significant nibble first; a partial last draw
    // is still one whole draw (the same draws as before).
    static const char digits[] = "0123456789abcdef";
    const std::size_t start = out.size();
    out.resize(start + chars, '0');
    char* o = out.data() + start;
    for (std::size_t done = 0; done < chars;) {
        std::uint64_t x = next_u64();
        const std::size_t n = chars - done < 16 ? chars - done : 16;
        for (std::size_t i = 0; i < n; ++i, x >>= 4) o[done + i] = digits[x & 0xf];
        done += n;
    }
}

std::string Rng::alnum(std::size_t chars) {
    static const char* set = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string out;
    for (std::size_t i = 0; i < chars; ++i) out += set[below(36)];
    return out;
}

std::string Rng::uuid4() {
    // hex(32)'s digits (the same two draws), written straight into the 8-4-4-4-12 form: digit k
    // goes to kAt[k]; digit 12 is the version (4) and digit 16 the variant (8, 9, a or b from
    // its two low bits).
    static const char digits[] = "0123456789abcdef";
    static const char variant[] = "89ab";
    static constexpr unsigned char kAt[32] = {0,  1,  2,  3,  4,  5,  6,  7,  9,  10, 11, 12, 14, 15, 16, 17,
                                              19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35};
    std::string out(36, '-');
    char* o = out.data();
    std::uint64_t x = next_u64();
    for (int k = 0; k < 16; ++k, x >>= 4) o[kAt[k]] = digits[x & 0xf];
    x = next_u64();
    o[kAt[16]] = variant[x & 3];
    x >>= 4;
    for (int k = 17; k < 32; ++k, x >>= 4) o[kAt[k]] = digits[x & 0xf];
    o[kAt[12]] = '4';
    return out;
}

} // namespace invokelab
