// Subcommand registry: every cmd_*.cpp defines one static CommandRegistration, so adding a subcommand touches
// no other file. Each subcommand returns the process exit code; errors the user caused print one line
// ("specdither: ...") on stderr and return non-zero.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace specdither::cli {

// Adds the subcommand to app and returns the function that runs it after parsing.
using CommandSetup = std::function<std::function<int()>(CLI::App& app)>;

struct CommandRegistration {
  CommandRegistration(const char* name, CommandSetup setup);
};

// Prints "specdither: message" on stderr and returns 1: the one-line error of every user-caused failure.
int fail(const std::string& message);

}  // namespace specdither::cli
