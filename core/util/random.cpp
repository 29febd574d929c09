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
    std::string h = hex(32);
    h[12] = '4';
    static const char* variant = "89ab";
    h[16] = variant[(h[16] >= 'a' ? h[16] - 'a' + 10 : h[16] - '0') & 3];
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20, 12);
}

} // namespace invokelab
