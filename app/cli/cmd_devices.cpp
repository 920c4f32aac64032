// `specdither devices`: the Vulkan devices, with the indices --device accepts. With --device or --validate it
// also opens the device those options choose (as every GPU command would) and says which it is.
#include "command.h"
#include "device_options.h"

#include <cstdio>

namespace specdither::cli {

static CommandRegistration registration("devices", [](CLI::App& app) {
  auto options = std::make_shared<DeviceOptions>();
  CLI::App* cmd = app.add_subcommand("devices", "List the Vulkan devices (indices for --device)");
  addDeviceOptions(cmd, *options);
  CLI::Option* device = cmd->get_option("--device");
  CLI::Option* validate = cmd->get_option("--validate");
  return std::function<int()>([options, device, validate] {
    std::vector<std::string> names;
    std::string error;
    if (!listDevices(&names, &error)) return fail(error);
    for (size_t i = 0; i < names.size(); ++i) std::printf("%zu: %s\n", i, names[i].c_str());
    if (device->count() == 0 && validate->count() == 0) return 0;
    DeviceOptions quiet = *options;
    quiet.quiet = true;
    GpuContext* context = openContext(quiet);
    if (!context) return 1;
    // An index names its device; otherwise the first device of the chosen one's name (twins look alike).
    const std::string& wanted = options->device;
    const bool index = !wanted.empty() && wanted.find_first_not_of("0123456789") == std::string::npos;
    for (size_t i = 0; i < names.size(); ++i)
      if (index ? std::to_string(i) == wanted : names[i] == context->deviceName) {
        std::printf("chosen: %zu: %s%s\n", i, names[i].c_str(), options->validate ? " (validation layers on)" : "");
        break;
      }
    return closeContext(context);
  });
});

}  // namespace specdither::cli
