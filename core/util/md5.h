// Invoke Lab core: MD5 (RFC 1321) as 32 lowercase hex digits.
// SQS returns MD5OfMessageBody so clients can check what arrived; SNS and Logs use it
// to derive stable ids from a seed.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace invokelab {

std::string md5_hex(std::string_view bytes);

// The digest fed piece by piece (SQS's MD5OfMessageAttributes encodes each attribute as it
// goes, with no buffer of the whole encoding). Whole 64-byte blocks are digested straight from
// the input; only a partial block is copied.
class Md5 {
public:
    void update(const unsigned char* p, std::size_t n) {
        if (buffered_ + n < 64) {                   // a small piece that completes no block: copied inline
            std::memcpy(buffer_.data() + buffered_, p, n);
            buffered_ += n;
            length_ += n;
            return;
        }
        update_blocks(p, n);
    }
    void update(std::string_view bytes) { update(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()); }
    void update_u32_be(std::uint32_t n) {           // 4 bytes, most significant first
        const unsigned char bytes[4] = {static_cast<unsigned char>(n >> 24), static_cast<unsigned char>(n >> 16),
                                        static_cast<unsigned char>(n >> 8), static_cast<unsigned char>(n)};
        update(bytes, 4);
    }
    std::string hex() const;                        // the digest of everything fed so far (the state is kept)

private:
    void update_blocks(const unsigned char* p, std::size_t n);
    void block(const unsigned char* p);
    std::array<std::uint32_t, 4> state_{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    std::array<unsigned char, 64> buffer_{};
    std::size_t buffered_ = 0;
    std::uint64_t length_ = 0;
};

} // namespace invokelab
