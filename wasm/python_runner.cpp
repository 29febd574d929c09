// The browser's CodeRunner: hands each attempt of a function with deployed code to the page's
// Python runtime (MicroPython, loaded by web/), synchronously:
//   globalThis.invokeLabPython.run(requestJson) -> resultJson
// Shapes: wasm/README.md "Python handlers" (lambda/code.h builds and parses them). When the
// runtime is missing or not ready, or throws, the attempt fails with Runtime.Unavailable and a
// message saying why; the tab never crashes.
#include <cstdlib>
#include <emscripten.h>
#include "python_runner.h"

namespace invokelab::ui {
namespace {

// Returns a malloc'd UTF-8 string (freed by the caller).
EM_JS(char*, il_python_run, (const char* request_json), {
    var out;
    try {
        var py = globalThis['invokeLabPython'];
        if (!py || typeof py['run'] !== 'function') {
            out = JSON.stringify({status: 'error', errorType: 'Runtime.Unavailable',
                                  errorMessage: 'The Python runtime is not loaded yet (open the code editor or deploy first)',
                                  stackTrace: [], logs: [], durationMs: 0});
        } else if (typeof py['isReady'] === 'function' && !py['isReady']()) {
            out = JSON.stringify({status: 'error', errorType: 'Runtime.Unavailable',
                                  errorMessage: 'The Python runtime is still loading', stackTrace: [], logs: [], durationMs: 0});
        } else {
            out = py['run'](UTF8ToString(request_json));
            if (typeof out !== 'string') out = JSON.stringify(out);
        }
    } catch (e) {
        out = JSON.stringify({status: 'error', errorType: 'Runtime.Unavailable',
                              errorMessage: 'The Python runtime failed: ' + String(e && e.message || e),
                              stackTrace: [], logs: [], durationMs: 0});
    }
    var n = lengthBytesUTF8(out) + 1;
    var p = _malloc(n);
    stringToUTF8(out, p, n);
    return p;
});

} // namespace

CodeRunResult BrowserPythonRunner::run(const CodeRunRequest& request) {
    const std::string json = request.to_json();
    char* raw = il_python_run(json.c_str());
    const std::string answer = raw ? raw : "";
    std::free(raw);
    return parse_code_run_result(answer);
}

} // namespace invokelab::ui
