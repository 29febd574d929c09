// Shared helpers for the learn_*_test.cpp suites: compare long texts by their first differing
// line (not a 16 KB dump), and run lines in a Shell.
#pragma once
#include <sstream>
#include <string>
#include <vector>
#include <gtest/gtest.h>
#include "shell/shell.h"

namespace invokelab::testing {

// Empty when equal; otherwise "line N: expected «…» got «…»" for the first line that differs.
inline std::string first_difference(const std::string& expected, const std::string& actual) {
    if (expected == actual) return {};
    std::istringstream e(expected), a(actual);
    std::string le, la;
    for (int n = 1;; ++n) {
        const bool he = static_cast<bool>(std::getline(e, le)), ha = static_cast<bool>(std::getline(a, la));
        if (!he && !ha) return "texts differ only in a final newline";
        if (!he || !ha || le != la)
            return "line " + std::to_string(n) + ": expected «" + (he ? le.substr(0, 300) : "<end>") + "» got «" +
                   (ha ? la.substr(0, 300) : "<end>") + "»";
    }
}

#define EXPECT_SAME_TEXT(expected, actual) EXPECT_EQ(::invokelab::testing::first_difference((expected), (actual)), "")

inline void run_lines(Shell& sh, const std::vector<std::string>& lines) {
    for (const auto& l : lines) sh.run(l);
}

} // namespace invokelab::testing
