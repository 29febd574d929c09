// The browser's CodeRunner (python_runner.cpp): calls globalThis.invokeLabPython.run.
#pragma once
#include "lambda/code.h"

namespace invokelab::ui {

class BrowserPythonRunner : public CodeRunner {
public:
    CodeRunResult run(const CodeRunRequest& request) override;
};

} // namespace invokelab::ui
