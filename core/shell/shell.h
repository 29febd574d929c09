// Invoke Lab core: the Shell, the one way in for `aws …` and `lab …` command lines.
//
// The browser terminal, the native `invokelab` tool, the UI buttons (through the command
// they echo) and most tests run lines through Shell::run. The Shell owns the World;
// `lab reset` builds a new one.
//
// Index
//   Shell            run(line), world(), reset(seed), registries
//   LabCommand       a `lab <name>` playground command
//   register_*       each module's command table (shell/*_commands.cpp)
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>
#include "shell/command.h"
#include "sim/world.h"

namespace invokelab {

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

    CommandRegistry& registry() { return registry_; }
    void add_lab(const std::string& name, LabCommand command) { lab_[name] = std::move(command); }
    const std::map<std::string, LabCommand>& lab_commands() const { return lab_; }

    // Lines run so far in this world (after the last reset), for "save scenario" and replays.
    const std::vector<std::string>& history() const { return history_; }

private:
    CommandResult run_aws(const std::vector<std::string>& words);
    CommandResult run_lab(const std::vector<std::string>& words);
    CommandResult run_cat(const std::vector<std::string>& words);

    std::unique_ptr<World> world_;
    CommandRegistry registry_;
    std::map<std::string, LabCommand> lab_;
    std::vector<std::string> history_;
};

// Each module's commands (see the matching shell/*_commands.cpp).
void register_lab_commands(Shell& shell);           // advance, run, next, time, trace, reset, help
void register_lambda_commands(Shell& shell);        // aws lambda … and lab fail
void register_sqs_commands(Shell& shell);
void register_sns_commands(Shell& shell);
void register_iam_commands(Shell& shell);
void register_logs_commands(Shell& shell);

} // namespace invokelab
