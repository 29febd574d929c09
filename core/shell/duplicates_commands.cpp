// Invoke Lab core: `lab duplicates`, at-least-once delivery on demand.
//
// AWS documents that the internal queue may deliver an asynchronous event more than once even
// when nothing failed (reference §2.5, [DG-ASYNC-ERR]); this setting makes that happen with a
// seeded probability so a learner can watch a non-idempotent handler do its work twice
// (lambda/async_queue.cpp maybe_duplicate; trace kind async.duplicated).
#include <cstdio>
#include <cstdlib>
#include "shell/shell.h"

namespace invokelab {
namespace {

const char* kUsage = "lab duplicates FUNCTION [off|rate P]";

CommandResult usage(const std::string& message) {
    return {"", std::string("usage: ") + kUsage + "\nlab: error: " + message + "\n", kExitUsage};
}

std::string describe(const FunctionConfig& f) {
    if (f.duplicate_rate <= 0) return f.name + ": duplicates off (each async event is delivered once unless it fails)\n";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", f.duplicate_rate);
    return f.name + ": duplicates rate " + buf + " (an async event is delivered a second time with probability " + buf + ")\n";
}

CommandResult lab_duplicates(Shell& sh, const std::vector<std::string>& a) {
    if (a.empty()) return usage("expected a FUNCTION name");
    World& w = sh.world();
    FunctionConfig* f = w.lambda.find_function(a[0]);
    if (!f) return usage("no function named '" + a[0] + "' (try: aws lambda list-functions)");
    if (a.size() == 1) return {describe(*f), "", kExitOk};
    double rate = 0;
    if (a.size() == 2 && a[1] == "off") {
        rate = 0;
    } else if (a.size() == 3 && a[1] == "rate") {
        char* end = nullptr;
        rate = std::strtod(a[2].c_str(), &end);
        if (a[2].empty() || *end || !(rate >= 0 && rate <= 1)) return usage("rate P: P must be a probability from 0 to 1 (e.g. 0.3)");
    } else {
        return usage("expected off or rate P");
    }
    f->duplicate_rate = rate;
    w.record("lab.duplicates", {}, ojson{{"function", f->name}, {"rate", rate}});
    return {describe(*f), "", kExitOk};
}

} // namespace

void register_duplicates_commands(Shell& shell) {
    shell.add_lab("duplicates", {kUsage, "Deliver async events twice now and then (at-least-once), seeded.",
                                 "비동기 이벤트를 가끔 두 번 전달합니다(최소 한 번 전달), 시드로 재현됩니다.", lab_duplicates});
}

} // namespace invokelab
