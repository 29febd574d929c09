// Invoke Lab core: a minimal, deterministic ZIP archive (PKWARE APPNOTE 6.3.x).
//
// Index
//   crc32        CRC-32 (ISO 3309, the ZIP checksum)
//   zip_write    files -> archive: "stored" entries (method 0), in path order, every timestamp
//                1980-01-01 00:00 (the DOS epoch), Unix mode 0644: same files => same bytes,
//                so CodeSha256 is reproducible natively and in WASM
//   zip_read     archive -> files; accepts stored entries only (what zip_write and `zip -0`
//                produce). Anything else (not a zip, truncated, compressed, bad CRC) gives
//                nullopt and a reason; Lambda answers such an upload with
//                InvalidParameterValueException "Could not unzip uploaded file. Please check
//                your file, then try to upload again." (LocalStack lambda_/provider.py
//                store_lambda_archive, which mirrors AWS's message)
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace invokelab {

std::uint32_t crc32(const std::string& bytes);
std::string zip_write(const std::map<std::string, std::string>& files);
std::optional<std::map<std::string, std::string>> zip_read(const std::string& archive, std::string& reason);

} // namespace invokelab
