// libFuzzer harness: the core functions behind the embed messages (web/js/embed.js calls the
// wasm exports of wasm/exports.cpp; this calls what those exports call, without the JS).
//
// Input: sections separated by lines that are exactly "%%". The first line of section 0 names
// the message: "load SEED" (embed `load`: lab reset --seed SEED, then the lines), "check"
// (a lesson step's check: il_check), "fact" (il_fact), "present SEED" (il_quiz_present),
// "grade SEED" (il_quiz_grade); the rest of section 0 is command lines run first (the world a
// lesson or scenario set up). Section 1 is the JSON argument (check / fact spec, quiz item),
// section 2 the answer (grade). JSON that does not parse is refused as the exports refuse it.
// Properties: nothing throws out of evaluate_check / evaluate_fact / quiz_present / quiz_grade
// (they answer {"error": …}); results dump as JSON; the world keeps the conservation property.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include "fuzz_util.h"
#include "learn/check.h"
#include "learn/facts.h"
#include "shell/quiz.h"

namespace {

std::string dump(const invokelab::ojson& j) { return j.dump(-1, ' ', false, invokelab::ojson::error_handler_t::replace); }

// As seed_arg in wasm/exports.cpp: a whole number from 0 to 2^53-1 (the page passes a double).
bool parse_seed(const std::string& word, std::uint64_t& seed) {
    if (word.empty() || word.size() > 16) return false;
    seed = 0;
    for (char c : word) {
        if (c < '0' || c > '9') return false;
        seed = seed * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return seed < 9007199254740992ULL;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace invokelab;
    using namespace invokelab::fuzz;
    if (size > 6000) return -1;
    const std::vector<std::string> sections = split_sections(std::string(reinterpret_cast<const char*>(data), size));
    const std::string& head = sections[0];
    const std::size_t nl = head.find('\n');
    const std::string first = head.substr(0, nl);
    const std::string setup = nl == std::string::npos ? std::string() : head.substr(nl + 1);
    const std::size_t space = first.find(' ');
    const std::string kind = first.substr(0, space);
    std::uint64_t seed = 1;
    if (space != std::string::npos && !parse_seed(first.substr(space + 1), seed)) return 0;   // the export refuses it
    auto json_arg = [&](std::size_t i) {
        return ojson::parse(i < sections.size() ? sections[i] : std::string(), nullptr, false);
    };

    Shell shell(1);
    if (kind == "load") run_line(shell, "lab reset --seed " + std::to_string(static_cast<std::int32_t>(seed)));   // Number(m.seed) | 0
    for (const std::string& line : split_commands(setup, 24)) run_line(shell, line);

    try {
        if (kind == "check" || kind == "fact") {
            const ojson spec = json_arg(1);
            if (spec.is_discarded()) return 0;
            for (std::size_t since : {std::size_t{0}, shell.world().trace.size() / 2}) {
                if (kind == "check") (void)dump(to_json(evaluate_check(shell.world(), spec, {since})));
                else {
                    const FactResult f = evaluate_fact(shell.world(), spec, {since});
                    (void)dump(ojson{{"value", f.value}, {"error", f.error}});
                }
            }
        } else if (kind == "present" || kind == "grade") {
            const ojson item = json_arg(1);
            if (item.is_discarded()) return 0;
            if (kind == "present") (void)dump(quiz_present(item, seed));
            else {
                const ojson answer = json_arg(2);
                if (answer.is_discarded()) return 0;
                (void)dump(quiz_grade(item, seed, answer));
            }
        }
    } catch (const std::exception& e) {
        fuzz_fail("exception escaped the " + kind + " path: " + e.what());
    }
    check_world(shell);
    return 0;
}
