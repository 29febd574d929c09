#include "util/tokenize.h"

namespace invokelab {

Tokenized tokenize(const std::string& line) {
    Tokenized out;
    std::string word;
    bool in_word = false;
    enum { Plain, Single, Double } mode = Plain;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (mode == Single) {
            if (c == '\'') mode = Plain; else word += c;
            continue;
        }
        if (mode == Double) {
            if (c == '"') { mode = Plain; continue; }
            if (c == '\\' && i + 1 < line.size()) {
                const char n = line[i + 1];
                if (n == '"' || n == '\\' || n == '$' || n == '`') { word += n; ++i; continue; }
                if (n == '\n') { ++i; continue; }
            }
            word += c;
            continue;
        }
        if (c == '\\') {
            if (i + 1 >= line.size()) { out.incomplete = true; break; }
            const char n = line[i + 1];
            ++i;
            if (n == '\n') continue;                // line continuation
            if (n == '\r' && i + 1 < line.size() && line[i + 1] == '\n') { ++i; continue; }
            word += n; in_word = true;
            continue;
        }
        if (c == '\'') { mode = Single; in_word = true; continue; }
        if (c == '"') { mode = Double; in_word = true; continue; }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (in_word) { out.words.push_back(word); word.clear(); in_word = false; }
            continue;
        }
        if (c == '#' && !in_word) break;            // comment to end of line
        word += c; in_word = true;
    }
    if (mode != Plain) { out.incomplete = true; out.error = mode == Single ? "unterminated single quote" : "unterminated double quote"; }
    else if (in_word) out.words.push_back(word);
    if (out.incomplete && out.error.empty()) out.error = "line ends with '\\'";
    return out;
}

} // namespace invokelab
