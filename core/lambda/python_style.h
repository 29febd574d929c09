// Invoke Lab core: Python-flavoured text, so handler output looks like the python3.12 runtime's.
//
// Index
//   python_repr        print(event) of a JSON value: {'key1': 'value1'}, True/False/None
//   python_json_dumps  json.dumps(obj) with its default separators ", " / ": " and ensure_ascii
//   python_runtime_json the runtime's encoding of a result or error payload (no ensure_ascii)
//   python_runtime_error_json  the same for an object of strings and string lists, written directly
//   python_str_literal a string as Python source would quote it in a traceback line
#pragma once
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>
#include "sim/trace.h"

namespace invokelab {

std::string python_repr(const ojson& value);
std::string python_json_dumps(const ojson& value);
// What the python3.12 runtime sends for a handler's result or error: json.dumps' separators
// without ensure_ascii (awslambdaric lambda_runtime_marshaller.py), so "한" stays "한".
std::string python_runtime_json(const ojson& value);
// python_runtime_json of an object whose members are strings or lists of strings (the error
// object of every failed attempt), written straight into the text: the same bytes as building
// the ojson and rendering it, without the tree.
struct RuntimeJsonMember {
    std::string_view key;
    std::string_view text;                          // the member's string, unless `list` is set
    const std::vector<std::string>* list = nullptr; // a list of strings ([] when empty)
};
std::string python_runtime_error_json(std::initializer_list<RuntimeJsonMember> members);
void append_python_runtime_string(std::string& out, std::string_view text);   // one of its strings, appended
std::string python_str_literal(const std::string& text);   // "..." with Python escapes

} // namespace invokelab
