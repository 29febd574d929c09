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
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(chars);
    while (out.size() < chars) {
        std::uint64_t x = next_u64();
        for (int i = 0; i < 16 && out.size() < chars; ++i, x >>= 4) out += digits[x & 0xf];
    }
    return out;
}

std::string Rng::alnum(std::size_t chars) {
    static const char* set = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string out;
    for (std::size_t i = 0; i < chars; ++i) out += set[below(36)];
    return out;
}

std::string Rng::uuid4() {
    // hex(32)'s digits (the same draws), version 4 and the variant set, written straight into the
    // 8-4-4-4-12 form.
    static const char* digits = "0123456789abcdef";
    static const char* variant = "89ab";
    std::string out(36, '-');
    std::size_t k = 0;
    for (int word = 0; word < 2; ++word) {
        std::uint64_t x = next_u64();
        for (int i = 0; i < 16; ++i, ++k, x >>= 4) {
            unsigned d = static_cast<unsigned>(x & 0xf);
            char c = digits[d];
            if (k == 12) c = '4';
            else if (k == 16) c = variant[d & 3];
            out[k + (k >= 8) + (k >= 12) + (k >= 16) + (k >= 20)] = c;
        }
    }
    return out;
}

} // namespace invokelab
