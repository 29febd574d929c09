// invokelab: the Invoke Lab Shell on a terminal.
//
//   invokelab                 read lines from stdin (a script, or interactively with a prompt)
//   invokelab -c 'LINE'       run one line
//   invokelab --seed N ...    start from seed N (default 1)
//   invokelab --scenario FILE load a scenario file first (core/learn/CONTRACT.md §2), then
//                             read stdin (or -c) as usual; a bad scenario exits 2 with its message
// Lines ending in '\' continue on the next line; '#' starts a comment. The exit code is
// that of the last command run.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unistd.h>
#include "shell/scenario.h"
#include "shell/shell.h"
#include "util/tokenize.h"

namespace {

int run_line(invokelab::Shell& shell, const std::string& line) {
    const invokelab::CommandResult r = shell.run(line);
    std::fwrite(r.out.data(), 1, r.out.size(), stdout);
    std::fflush(stdout);
    std::fwrite(r.err.data(), 1, r.err.size(), stderr);
    std::fflush(stderr);
    return r.exit_code;
}

int usage() {
    std::fprintf(stderr, "usage: invokelab [--seed N] [--scenario FILE] [-c LINE]\n");
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    std::uint64_t seed = 1;
    std::string one_line, scenario_file;
    bool have_line = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--seed" && i + 1 < argc) {
            char* end = nullptr;
            seed = std::strtoull(argv[++i], &end, 10);
            if (!end || *end) return usage();
        } else if (a == "--scenario" && i + 1 < argc) {
            scenario_file = argv[++i];
        } else if (a == "-c" && i + 1 < argc) {
            one_line = argv[++i];
            have_line = true;
        } else if (a == "-h" || a == "--help") {
            std::printf("invokelab: run AWS CLI (aws lambda|sqs|sns|iam|logs) and lab commands against a simulated account.\n"
                        "usage: invokelab [--seed N] [--scenario FILE] [-c LINE]   (lines from stdin when -c is absent; try 'lab help')\n");
            return 0;
        } else {
            return usage();
        }
    }
    invokelab::Shell shell(seed);
    if (!scenario_file.empty()) {
        std::ifstream in(scenario_file, std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "invokelab: cannot read scenario file %s\n", scenario_file.c_str());
            return 2;
        }
        std::stringstream text;
        text << in.rdbuf();
        const invokelab::ScenarioLoad load = invokelab::load_scenario_text(shell, text.str());
        if (!load.ok) {
            std::fprintf(stderr, "invokelab: %s: %s\n", scenario_file.c_str(), load.error.en.c_str());
            return 2;
        }
    }
    if (have_line) return run_line(shell, one_line);

    const bool interactive = isatty(STDIN_FILENO);
    int last = 0;
    std::string pending, line;
    if (interactive) std::fputs("invokelab> ", stdout);
    while (std::getline(std::cin, line)) {
        while (!line.empty() && line.back() == '\r') line.pop_back();   // as parse_scenario: every trailing '\r'
        pending += line;
        // Keep reading while the command is unfinished (trailing '\' or an open quote).
        if (invokelab::tokenize(pending).incomplete) {
            pending += '\n';
            if (interactive) std::fputs("> ", stdout);
            continue;
        }
        last = run_line(shell, pending);
        pending.clear();
        if (interactive) std::fputs("invokelab> ", stdout);
    }
    if (!pending.empty()) last = run_line(shell, pending);
    return last;
}
