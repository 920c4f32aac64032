#include "device_options.h"

#include "command.h"

namespace specdither::cli {

void addDeviceOptions(CLI::App* command, DeviceOptions& options) {
  command->add_option("--device", options.device, "Vulkan device: index or name substring (default: best)");
  command->add_flag("--validate", options.validate, "Enable the Vulkan validation layers; errors fail the run");
}

void refuseDeviceOptions(CLI::App* command) {
  const std::string name = command->get_name();
  const std::string why = name + " runs on the CPU: it uses no Vulkan device";
  command
      ->add_option_function<std::string>("--device",
                                         [why](const std::string&) { throw CLI::ValidationError("--device", why); })
      ->group("");
  command
      ->add_flag_function("--validate",
                          [why](int64_t) { throw CLI::ValidationError("--validate", why + ", nothing to validate"); })
      ->group("");
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
