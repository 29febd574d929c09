// Golden files: compare a produced text with tests/golden/…, or rewrite it with
// INVOKELAB_UPDATE_GOLDEN=1. On a mismatch the failure names the first differing line (number,
// expected, actual) instead of dumping both texts, so a 16 KB trace diff reads in one glance.
#pragma once
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#include <gtest/gtest.h>

namespace invokelab::testing {

inline std::string golden_source_path(const std::string& relative) { return std::string(INVOKELAB_SOURCE_DIR) + "/" + relative; }

inline bool read_file_text(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in.good()) return false;
    std::stringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

inline std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t nl = text.find('\n', start);
        if (nl == std::string::npos) { lines.push_back(text.substr(start)); break; }
        lines.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

// "" when equal; otherwise "line N:\n  expected: …\n  actual:   …" (lines cut at 240 bytes).
inline std::string first_difference(const std::string& expected, const std::string& actual) {
    if (expected == actual) return "";
    const std::vector<std::string> e = split_lines(expected), a = split_lines(actual);
    auto cut = [](const std::string& s) { return s.size() > 240 ? s.substr(0, 240) + "…" : s; };
    std::size_t i = 0;
    while (i < e.size() && i < a.size() && e[i] == a[i]) ++i;
    const std::string el = i < e.size() ? cut(e[i]) : std::string("<end of file>");
    const std::string al = i < a.size() ? cut(a[i]) : std::string("<end of file>");
    std::string out = "line " + std::to_string(i + 1) + ":\n  expected: " + el + "\n  actual:   " + al;
    if (el == al) out += "\n  (the lines match; the texts differ in the final newline)";
    return out + "\n  (" + std::to_string(e.size()) + " expected lines, " + std::to_string(a.size()) + " actual)";
}

// Compares `actual` with the golden file; with INVOKELAB_UPDATE_GOLDEN=1 rewrites it instead.
inline void expect_golden_text(const std::string& relative, const std::string& actual) {
    const std::string path = golden_source_path(relative);
    const char* update = std::getenv("INVOKELAB_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        std::ofstream(path, std::ios::binary) << actual;
        return;
    }
    std::string expected;
    if (!read_file_text(path, expected)) {
        ADD_FAILURE() << "missing golden file " << relative << " (run with INVOKELAB_UPDATE_GOLDEN=1 to create it)";
        return;
    }
    const std::string diff = first_difference(expected, actual);
    if (!diff.empty())
        ADD_FAILURE() << "golden file " << relative << " differs at " << diff
                      << "\n  (review, then regenerate with INVOKELAB_UPDATE_GOLDEN=1 and read the git diff)";
}

} // namespace invokelab::testing
