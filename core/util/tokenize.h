// Invoke Lab core: splitting a command line into words the way a POSIX shell does.
//
// Single quotes keep everything literally; double quotes keep spaces and allow \" \\ \$ \`;
// a backslash outside quotes escapes the next character; backslash-newline joins lines
// (so the multi-line `aws lambda invoke \` commands of the study notes paste as they are);
// '#' at the start of a word starts a comment.
#pragma once
#include <string>
#include <vector>

namespace invokelab {

struct Tokenized {
    std::vector<std::string> words;
    std::string error;                              // non-empty: "unterminated quote" etc.
    bool incomplete = false;                        // ends inside quotes or with a trailing '\'
};

Tokenized tokenize(const std::string& line);

} // namespace invokelab
