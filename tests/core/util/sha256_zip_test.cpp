// SHA-256 (FIPS 180-4 / NIST CAVS vectors), CRC-32 (the ISO 3309 check value) and the ZIP
// writer/reader behind update-function-code.
#include <gtest/gtest.h>
#include "util/base64.h"
#include "util/sha256.h"
#include "util/zip.h"

using namespace invokelab;

TEST(Sha256, NistVectors) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(sha256_hex(std::string(1'000'000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    // 55 and 56 bytes: the padding boundary (one block vs two).
    EXPECT_EQ(sha256_hex(std::string(55, 'a')), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    EXPECT_EQ(sha256_hex(std::string(56, 'a')), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
}

TEST(Sha256, CodeSha256OfAnEmptyPackageIsTheKnownValue) {
    // The CodeSha256 Lambda reports for zero bytes (seen in public GetFunction transcripts).
    EXPECT_EQ(base64_encode(sha256_bytes("")), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
}

TEST(Crc32, CheckValue) {
    EXPECT_EQ(crc32("123456789"), 0xCBF43926u);
    EXPECT_EQ(crc32(""), 0u);
}

TEST(Zip, WriteIsDeterministicAndReadsBack) {
    const std::map<std::string, std::string> files = {{"lambda_function.py", "x = 1\n"}, {"util/helpers.py", "y = '한'\n"}};
    const std::string a = zip_write(files);
    EXPECT_EQ(a, zip_write(files));
    // 2 local headers (30 + name + data), 2 central entries (46 + name), the end record (22).
    EXPECT_EQ(a.size(), (30 + 18 + 6) + (30 + 15 + 10) + (46 + 18) + (46 + 15) + 22u);
    EXPECT_EQ(a.substr(0, 4), std::string("PK\x03\x04", 4));
    std::string reason;
    auto back = zip_read(a, reason);
    ASSERT_TRUE(back) << reason;
    EXPECT_EQ(*back, files);
}

TEST(Zip, ReadsAStoredArchiveWrittenByPythonZipfile) {
    // python3 zipfile.ZipFile(ZIP_STORED).writestr(ZipInfo('lambda_function.py', (1980,1,1,0,0,0)), 'x = 1\n')
    const std::string py(
        "\x50\x4b\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x21\x00\x3b\x89\xf6\x8b\x06\x00\x00\x00\x06\x00\x00\x00\x12\x00\x00\x00"
        "lambda_function.pyx = 1\n"
        "\x50\x4b\x01\x02\x14\x03\x14\x00\x00\x00\x00\x00\x00\x00\x21\x00\x3b\x89\xf6\x8b\x06\x00\x00\x00\x06\x00\x00\x00\x12\x00"
        "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x01\x00\x00\x00\x00lambda_function.py"
        "\x50\x4b\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00\x40\x00\x00\x00\x36\x00\x00\x00\x00\x00",
        140);
    std::string reason;
    auto files = zip_read(py, reason);
    ASSERT_TRUE(files) << reason;
    EXPECT_EQ(*files, (std::map<std::string, std::string>{{"lambda_function.py", "x = 1\n"}}));
    // Same entry, same CRC (0x8bf6893b) as ours.
    EXPECT_EQ(crc32("x = 1\n"), 0x8bf6893bu);
}

TEST(Zip, RefusesWhatItCannotRead) {
    std::string reason;
    EXPECT_FALSE(zip_read("def lambda_handler(event, context):\n    return 1\n", reason));
    EXPECT_EQ(reason, "no end of central directory record");
    EXPECT_FALSE(zip_read("PK", reason));
    EXPECT_EQ(reason, "too short to be a zip archive");
    std::string z = zip_write({{"a.py", "abc"}});
    z[30 + 4] = 'X';                                // corrupt the data: CRC no longer matches
    EXPECT_FALSE(zip_read(z, reason));
    EXPECT_EQ(reason, "a.py: CRC mismatch");
    std::string deflated = zip_write({{"a.py", "abc"}});
    deflated[8] = 8;                                // local header: method 8 (deflate)
    deflated[30 + 4 + 3 + 10] = 8;                  // central entry: method 8
    EXPECT_FALSE(zip_read(deflated, reason));
    EXPECT_EQ(reason, "a.py: compression method 8 (only stored entries are read)");
}
