// `specdither devices`: the Vulkan devices, with the indices --device accepts.
#include "command.h"
#include "specdither/context.h"

#include <cstdio>

namespace specdither::cli {

static CommandRegistration registration("devices", [](CLI::App& app) {
  app.add_subcommand("devices", "List the Vulkan devices (indices for --device)");
  return std::function<int()>([] {
    std::vector<std::string> names;
    std::string error;
    if (!listDevices(&names, &error)) return fail(error);
    for (size_t i = 0; i < names.size(); ++i) std::printf("%zu: %s\n", i, names[i].c_str());
    return 0;
  });
});

}  // namespace specdither::cli
