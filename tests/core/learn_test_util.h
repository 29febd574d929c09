// Shared helpers for the learn_*_test.cpp suites: compare long texts by their first differing
// line (not a 16 KB dump), and run lines in a Shell.
#pragma once
#include <sstream>
#include <string>
#include <vector>
#include <gtest/gtest.h>
#include "golden_util.h"
#include "shell/shell.h"

namespace invokelab::testing {

// first_difference (golden_util.h): "" when equal, else the first differing line.
#define EXPECT_SAME_TEXT(expected, actual) EXPECT_EQ(::invokelab::testing::first_difference((expected), (actual)), "")

inline void run_lines(Shell& sh, const std::vector<std::string>& lines) {
    for (const auto& l : lines) sh.run(l);
}

} // namespace invokelab::testing
