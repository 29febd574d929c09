// Invoke Lab core: seeded random generators (the world's setup generator and one stream per
// service, see sim/env.h).
//
// std::mt19937_64's raw output is specified by the standard, so it is the same under g++
// and Emscripten's clang; the std:: distributions are not, so every draw below is built
// from raw 64-bit outputs by hand.
#pragma once
#include <cstdint>
#include <random>
#include <string>

namespace invokelab {

class Rng {
public:
    explicit Rng(std::uint64_t seed = 1) : engine_(seed) {}
    // The seed of a named stream: splitmix64 over the world seed and FNV-1a of the name, so
    // each stream is independent of the others and the same on every platform.
    static std::uint64_t stream_seed(std::uint64_t world_seed, const std::string& name);

    std::uint64_t next_u64() { return engine_(); }
    double next_unit();                             // uniform in [0, 1) with 53 random bits
    std::uint64_t below(std::uint64_t n);           // uniform in [0, n), n > 0
    std::string uuid4();                            // lowercase 8-4-4-4-12, version 4, variant 10
    std::string hex(std::size_t chars);             // lowercase hex digits
    void append_hex(std::string& out, std::size_t chars);   // the same digits (the same draws), appended to out
    std::string alnum(std::size_t chars);           // lowercase letters and digits

private:
    std::mt19937_64 engine_;
};

} // namespace invokelab
