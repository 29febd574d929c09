// util/utf8.h: the one UTF-8 check behind JSON text, the CLI's argument check, scenarios and share links.
#include <gtest/gtest.h>
#include <string>
#include "util/utf8.h"

using namespace invokelab;

TEST(Utf8, SequenceLengthsAtTheEdgesOfTheWellFormedTable) {
    EXPECT_EQ(utf8_sequence_length("a", 0), 1u);
    EXPECT_EQ(utf8_sequence_length("\xC2\x80", 0), 2u);          // U+0080, the first two-byte character
    EXPECT_EQ(utf8_sequence_length("\xEC\x95\x88", 0), 3u);      // 안
    EXPECT_EQ(utf8_sequence_length("\xF0\x9F\x98\x80", 0), 4u);  // U+1F600
    EXPECT_EQ(utf8_sequence_length("\xF4\x8F\xBF\xBF", 0), 4u);  // U+10FFFF, the last code point
    EXPECT_EQ(utf8_sequence_length("\xC1\xBF", 0), 0u);          // overlong U+007F
    EXPECT_EQ(utf8_sequence_length("\xE0\x9F\xBF", 0), 0u);      // overlong U+07FF
    EXPECT_EQ(utf8_sequence_length("\xF0\x8F\xBF\xBF", 0), 0u);  // overlong U+FFFF
    EXPECT_EQ(utf8_sequence_length("\xED\xA0\x80", 0), 0u);      // U+D800, a surrogate
    EXPECT_EQ(utf8_sequence_length("\xED\x9F\xBF", 0), 3u);      // U+D7FF, just below them
    EXPECT_EQ(utf8_sequence_length("\xF4\x90\x80\x80", 0), 0u);  // U+110000
    EXPECT_EQ(utf8_sequence_length("\xF5\x80\x80\x80", 0), 0u);
    EXPECT_EQ(utf8_sequence_length("\x80", 0), 0u);              // a continuation byte alone
    EXPECT_EQ(utf8_sequence_length("\xFF", 0), 0u);
    EXPECT_EQ(utf8_sequence_length("x\xEC\x95", 1), 0u);         // cut off by the end of the text
    EXPECT_EQ(utf8_sequence_length("\xEC\x41\x88", 0), 0u);      // second byte not a continuation
}

TEST(Utf8, WholeTexts) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("lab fail demo-lambda always # 실패 😀"));
    EXPECT_FALSE(is_valid_utf8(std::string("ok\xC0\xAF", 4)));
    EXPECT_FALSE(is_valid_utf8("# seed: 1\n\xff\xfe\n"));
    EXPECT_FALSE(is_valid_utf8("\xF0\x9F\x98"));
}
