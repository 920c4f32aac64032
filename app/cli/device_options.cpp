#include "device_options.h"

#include "command.h"

namespace specdither::cli {

void addDeviceOptions(CLI::App* command, DeviceOptions& options) {
  command->add_option("--device", options.device, "Vulkan device: index or name substring (default: best)");
  command->add_flag("--validate", options.validate, "Enable the Vulkan validation layers; errors fail the run");
}

GpuContext* openContext(const DeviceOptions& options, bool inlineCpuDispatch) {
  ContextOptions context;
  context.inlineCpuDispatch = inlineCpuDispatch;
  context.device = options.device;
  context.validate = options.validate;
  context.quiet = options.quiet;
  std::string error;
  GpuContext* c = createContext(context, &error);
  if (!c) fail(error);
  return c;
}

int closeContext(GpuContext* context) {
  const int errors = destroyContext(context);
  if (errors > 0) return fail(std::to_string(errors) + " Vulkan validation error(s) were reported (see above)");
  return 0;
}

}  // namespace specdither::cli
