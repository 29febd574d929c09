// Invoke Lab core: the Shell, the one way in for `aws …` and `lab …` command lines.
//
// The browser terminal, the native `invokelab` tool, the UI buttons (through the command
// they echo) and most tests run lines through Shell::run. The Shell owns the World;
// `lab reset` builds a new one.
//
// Index
//   Shell            run(line), world(), reset(seed), registries
//   HistoryLine      a line the Shell ran, with the virtual time it ran at
//   session_text     the learner's session as scenario text (core/learn/CONTRACT.md §2)
//   LabCommand       a `lab <name>` playground command
//   register_*       each module's command table (shell/*_commands.cpp)
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>
#include "shell/command.h"
#include "world/world.h"

namespace invokelab {

// One line run since the last reset: the clock when it started, and the line as typed
// (a multi-line command keeps its '\'-newline continuations).
struct HistoryLine {
    TimeMs at = 0;
    std::string line;
};

struct LabCommand {
    std::string usage;                              // "lab advance DURATION"
    std::string summary_en, summary_ko;
    std::function<CommandResult(Shell&, const std::vector<std::string>& args)> run;  // args after the name
};

class Shell {
public:
    explicit Shell(std::uint64_t seed = 1);
    World& world() { return *world_; }
    const World& world() const { return *world_; }
    CommandResult run(const std::string& line);     // one line (may hold '\'-newline continuations)
    void reset(std::uint64_t seed);                 // a new World; registries stay
    // The runner every World of this Shell uses for deployed code (lambda/code.h); kept across
    // resets and scenario loads. Not owned.
    void set_code_runner(CodeRunner* runner) { code_runner_ = runner; world_->set_code_runner(runner); }

    CommandRegistry& registry() { return registry_; }
    void add_lab(const std::string& name, LabCommand command) { lab_[name] = std::move(command); }
    // Another program of the terminal besides aws / lab / cat / help (e.g. redis-cli): it gets
    // every word of the line, the program name first.
    using Program = std::function<CommandResult(Shell&, const std::vector<std::string>& words)>;
    void add_program(const std::string& name, Program program) { programs_[name] = std::move(program); }
    const std::map<std::string, Program>& programs() const { return programs_; }
    const std::map<std::string, LabCommand>& lab_commands() const { return lab_; }

    // Lines run so far in this world (after the last reset), for share links and replays.
    // Lines that failed to tokenize or named an unknown program are not kept (they changed nothing).
    const std::vector<HistoryLine>& history() const { return history_; }
    // The session as scenario text: "# seed: S", "@T LINE" per history line, "# now: NOW".
    std::string session_text() const;
    // Adds a line to the history without running it: time travel reproduces a `lab advance`
    // by running the clock in pieces (shell/time_travel.cpp) and then records the line itself.
    void record_history(HistoryLine line) { history_.push_back(std::move(line)); }

    // Takes the world and its history out (the Shell gets a fresh world of `seed`) and puts
    // them back: load_scenario uses this to leave the world untouched when a replay fails.
    struct Saved { std::unique_ptr<World> world; std::vector<HistoryLine> history; };
    Saved take_world(std::uint64_t seed);
    void restore_world(Saved saved);
    // Time travel's checkpoint builder: a new World of `seed` (with this Shell's code runner)
    // outside the Shell, and a swap of the Shell's world and history with a held one.
    Saved new_world(std::uint64_t seed) const;
    void swap_world(Saved& other) { std::swap(world_, other.world); std::swap(history_, other.history); }

private:
    CommandResult run_aws(const std::vector<std::string>& words);
    void record_cli_error(int exit_code, const std::string& message);   // trace kind cli.error
    CommandResult run_lab(const std::vector<std::string>& words);
    CommandResult run_cat(const std::vector<std::string>& words);

    std::unique_ptr<World> world_;
    CodeRunner* code_runner_ = nullptr;
    CommandRegistry registry_;
    std::map<std::string, LabCommand> lab_;
    std::map<std::string, Program> programs_;
    std::vector<HistoryLine> history_;
    std::string aws_command_;                       // "lambda invoke" while run_aws works on it (for cli.error)
};

// Each module's commands (see the matching shell/*_commands.cpp).
void register_lab_commands(Shell& shell);           // advance, run, next, time, trace, reset, help
void register_lambda_commands(Shell& shell);        // aws lambda … and lab fail
void register_code_commands(Shell& shell);          // get-function, update-function-code, lab code (code_commands.cpp)
void register_duplicates_commands(Shell& shell);    // lab duplicates (duplicates_commands.cpp)
CommandResult run_zip(World& world, const std::vector<std::string>& words);   // `zip ARCHIVE FILE…`
void register_sqs_commands(Shell& shell);
void register_sns_commands(Shell& shell);
void register_iam_commands(Shell& shell);
void register_logs_commands(Shell& shell);
void register_dynamodb_commands(Shell& shell);     // aws dynamodb …
void register_kv_commands(Shell& shell);           // redis-cli …

} // namespace invokelab
