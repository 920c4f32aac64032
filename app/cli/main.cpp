#include "command.h"

#include "specdither/escaped_exception.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

namespace specdither::cli {

namespace {
std::vector<std::pair<std::string, CommandSetup>>& registry() {
  static std::vector<std::pair<std::string, CommandSetup>> commands;
  return commands;
}
}  // namespace

CommandRegistration::CommandRegistration(const char* name, CommandSetup setup) {
  registry().emplace_back(name, std::move(setup));
}

int fail(const std::string& message) {
  std::fprintf(stderr, "specdither: %s\n", message.c_str());
  return 1;
}

}  // namespace specdither::cli

int main(int argc, char** argv) {
  using namespace specdither::cli;
  CLI::App app{"specdither: blue-noise dither matrices optimized on the GPU (Vulkan)"};
  app.set_version_flag("--version", std::string("specdither ") + SPECDITHER_VERSION_STRING);
  app.require_subcommand(1);
  auto& commands = registry();
  std::sort(commands.begin(), commands.end(), [](auto& a, auto& b) { return a.first < b.first; });
  std::map<std::string, std::function<int()>> runners;
  for (auto& [name, setup] : commands) runners[name] = setup(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One line, not CLI11's multi-line usage dump.
    std::string what = e.what();
    return fail(what.empty() ? "invalid arguments (see --help)" : what + " (see --help)");
  }
  // Whatever escapes a command (out of memory on a huge request, a bug) ends as one line and exit 1, never as
  // std::terminate's abort.
  try {
    for (CLI::App* sub : app.get_subcommands()) return runners[sub->get_name()]();
  } catch (...) {
    return fail(specdither::escapedExceptionLine());
  }
  return fail("no subcommand given (see --help)");
}
