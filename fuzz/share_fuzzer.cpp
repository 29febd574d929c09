// libFuzzer harness: what a share link brings in, the part after "#s=" (core/learn/share.h).
//
// The input is the fragment as the page hands it to the core. Properties: decoding never
// throws; a decoded text is valid UTF-8 and encodes back to a fragment that decodes to the same
// text; loading the fragment into a Shell either succeeds or leaves the old world untouched
// (same trace size, same session text), and a loaded world keeps the conservation property.
// The input also goes the other way: as text (when non-empty, valid UTF-8 and small enough),
// encode then decode must give it back.
#include <cstddef>
#include <cstdint>
#include <string>
#include "fuzz_util.h"
#include "learn/scenario.h"
#include "learn/share.h"
#include "shell/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace invokelab;
    using namespace invokelab::fuzz;
    if (size > 40'000) return -1;
    const std::string input(reinterpret_cast<const char*>(data), size);

    const ShareDecode d = decode_share_fragment(input);
    if (d.ok) {
        if (!is_valid_utf8(d.text)) fuzz_fail("decoded share text is not UTF-8");
        const ShareDecode again = decode_share_fragment(encode_share_fragment(d.text));
        if (!again.ok || again.text != d.text) fuzz_fail("share fragment does not survive decode -> encode -> decode");
    } else if (d.error.en.empty() || d.error.ko.empty()) {
        fuzz_fail("a refused share fragment has no message in both languages");
    }
    if (!input.empty() && is_valid_utf8(input) && input.size() <= 16'000) {   // an empty link is refused
        const ShareDecode round = decode_share_fragment(encode_share_fragment(input));
        if (!round.ok || round.text != input) fuzz_fail("encode -> decode changed the text");
    }

    Shell shell(1);
    run_line(shell, "lab fail demo-lambda always");
    run_line(shell, "aws lambda invoke --function-name demo-lambda --invocation-type Event --payload e30= r.json");
    const std::size_t trace_before = shell.world().trace.size();
    const std::string session_before = shell.session_text();
    ScenarioLoad load;
    try {
        load = load_share_fragment(shell, input);
    } catch (const std::exception& e) {
        fuzz_fail(std::string("exception escaped load_share_fragment: ") + e.what());
    }
    if (!load.ok && (shell.world().trace.size() != trace_before || shell.session_text() != session_before))
        fuzz_fail("a refused share link changed the world");
    check_world(shell);
    return 0;
}
