#include "util/zip.h"
#include <array>

namespace invokelab {
namespace {

constexpr std::uint32_t kLocalSig = 0x04034b50, kCentralSig = 0x02014b50, kEndSig = 0x06054b50;
constexpr std::uint16_t kDosDate19800101 = (0 << 9) | (1 << 5) | 1, kDosTimeMidnight = 0;
constexpr std::uint16_t kVersionNeeded = 10;               // 1.0: stored entries only
constexpr std::uint16_t kMadeByUnix20 = (3 << 8) | 20;     // host 3 = Unix, spec 2.0
constexpr std::uint32_t kUnixMode0644 = 0100644u << 16;    // regular file, rw-r--r--
constexpr std::uint16_t kFlagUtf8 = 0x0800;                // general purpose bit 11: UTF-8 names

void put16(std::string& out, std::uint16_t v) { out += static_cast<char>(v & 0xff); out += static_cast<char>(v >> 8); }
void put32(std::string& out, std::uint32_t v) { put16(out, v & 0xffff); put16(out, static_cast<std::uint16_t>(v >> 16)); }
std::uint16_t get16(const std::string& s, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) | (static_cast<unsigned char>(s[at + 1]) << 8));
}
std::uint32_t get32(const std::string& s, std::size_t at) {
    return static_cast<std::uint32_t>(get16(s, at)) | (static_cast<std::uint32_t>(get16(s, at + 2)) << 16);
}

const std::array<std::uint32_t, 256>& crc_table() {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t n = 0; n < 256; ++n) {
            std::uint32_t c = n;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    return table;
}

bool ascii(const std::string& s) {
    for (unsigned char c : s) if (c >= 0x80) return false;
    return true;
}

} // namespace

std::uint32_t crc32(const std::string& bytes) {
    std::uint32_t c = 0xffffffffu;
    for (unsigned char b : bytes) c = crc_table()[(c ^ b) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

std::string zip_write(const std::map<std::string, std::string>& files) {
    std::string out, central;
    for (const auto& [name, data] : files) {
        const std::uint32_t offset = static_cast<std::uint32_t>(out.size());
        const std::uint32_t crc = crc32(data), size = static_cast<std::uint32_t>(data.size());
        const std::uint16_t flags = ascii(name) ? 0 : kFlagUtf8;
        put32(out, kLocalSig); put16(out, kVersionNeeded); put16(out, flags); put16(out, 0);
        put16(out, kDosTimeMidnight); put16(out, kDosDate19800101);
        put32(out, crc); put32(out, size); put32(out, size);
        put16(out, static_cast<std::uint16_t>(name.size())); put16(out, 0);
        out += name;
        out += data;
        put32(central, kCentralSig); put16(central, kMadeByUnix20); put16(central, kVersionNeeded); put16(central, flags);
        put16(central, 0); put16(central, kDosTimeMidnight); put16(central, kDosDate19800101);
        put32(central, crc); put32(central, size); put32(central, size);
        put16(central, static_cast<std::uint16_t>(name.size())); put16(central, 0); put16(central, 0);
        put16(central, 0); put16(central, 0); put32(central, kUnixMode0644); put32(central, offset);
        central += name;
    }
    const std::uint32_t central_at = static_cast<std::uint32_t>(out.size());
    out += central;
    put32(out, kEndSig); put16(out, 0); put16(out, 0);
    put16(out, static_cast<std::uint16_t>(files.size())); put16(out, static_cast<std::uint16_t>(files.size()));
    put32(out, static_cast<std::uint32_t>(central.size())); put32(out, central_at); put16(out, 0);
    return out;
}

std::optional<std::map<std::string, std::string>> zip_read(const std::string& a, std::string& reason) {
    // The end-of-central-directory record: 22 bytes plus a comment of up to 65535 bytes.
    if (a.size() < 22) { reason = "too short to be a zip archive"; return std::nullopt; }
    std::size_t end = std::string::npos;
    const std::size_t lowest = a.size() > 22 + 65535 ? a.size() - 22 - 65535 : 0;
    for (std::size_t at = a.size() - 22 + 1; at-- > lowest;) {
        if (get32(a, at) == kEndSig && at + 22 + get16(a, at + 20) == a.size()) { end = at; break; }
    }
    if (end == std::string::npos) { reason = "no end of central directory record"; return std::nullopt; }
    const std::size_t count = get16(a, end + 10);
    std::size_t at = get32(a, end + 16);
    std::map<std::string, std::string> files;
    for (std::size_t i = 0; i < count; ++i) {
        if (at + 46 > end || get32(a, at) != kCentralSig) { reason = "bad central directory entry"; return std::nullopt; }
        const std::uint16_t method = get16(a, at + 10);
        const std::uint32_t crc = get32(a, at + 16), csize = get32(a, at + 20), usize = get32(a, at + 24);
        const std::size_t name_len = get16(a, at + 28), extra_len = get16(a, at + 30), comment_len = get16(a, at + 32);
        const std::size_t local = get32(a, at + 42);
        if (at + 46 + name_len > end) { reason = "bad central directory entry"; return std::nullopt; }
        const std::string name = a.substr(at + 46, name_len);
        at += 46 + name_len + extra_len + comment_len;
        if (local + 30 > a.size() || get32(a, local) != kLocalSig) { reason = "bad local header for " + name; return std::nullopt; }
        const std::size_t data_at = local + 30 + get16(a, local + 26) + get16(a, local + 28);
        if (!name.empty() && name.back() == '/') continue;     // a directory entry
        if (method != 0) { reason = name + ": compression method " + std::to_string(method) + " (only stored entries are read)"; return std::nullopt; }
        if (csize != usize || data_at + csize > a.size()) { reason = name + ": truncated"; return std::nullopt; }
        std::string data = a.substr(data_at, csize);
        if (crc32(data) != crc) { reason = name + ": CRC mismatch"; return std::nullopt; }
        files[name] = std::move(data);
    }
    return files;
}

} // namespace invokelab
