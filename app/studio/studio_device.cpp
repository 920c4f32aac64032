#include "studio_device.h"

#define GLFW_INCLUDE_NONE
#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace specdither::studio {

void checkVk(VkResult result) {
  if (result == VK_SUCCESS) return;
  std::fprintf(stderr, "specdither-studio: Vulkan call failed with %s\n", vkResultName(result));
  std::abort();
}

namespace {

// The queue family's timestamp bits and the device's tick, for the frame's GPU timings; and the push-descriptor
// entry point (an extension function: the loader exports only core ones).
void queryStudioNeeds(StudioDevice* d) {
  const GpuContext& c = *d->core;
  uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(c.physicalDevice, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(c.physicalDevice, &count, families.data());
  d->timestampValidBits = families[c.queueFamily].timestampValidBits;
  d->timestampPeriodNs = d->timestampValidBits ? c.properties.limits.timestampPeriod : 0;
  d->cmdPushDescriptorSet = reinterpret_cast<PFN_vkCmdPushDescriptorSetKHR>(
      vkGetDeviceProcAddr(c.device, "vkCmdPushDescriptorSetKHR"));
}

}  // namespace

bool createStudioDevice(GLFWwindow* window, const DeviceOptions& options, StudioDevice* d, std::string* error) {
  *d = StudioDevice();
  uint32_t glfwCount = 0;
  const char** glfwExtensions = glfwGetRequiredInstanceExtensions(&glfwCount);
  if (!glfwExtensions) {
    *error = "the window system offers no Vulkan surface extensions (is a Vulkan driver installed?)";
    return false;
  }
  ContextOptions context;
  context.validate = options.validate;
  context.device = options.device;
  context.quiet = true;  // the Controls panel names the device
  context.applicationName = "specdither-studio";
  context.instanceExtensions.assign(glfwExtensions, glfwExtensions + glfwCount);
  context.deviceExtensions = {VK_KHR_SWAPCHAIN_EXTENSION_NAME};
  context.queueFlags = VK_QUEUE_GRAPHICS_BIT | VK_QUEUE_COMPUTE_BIT;
  // Present support without a surface yet: the surface needs the instance, which createContext makes.
  context.acceptsQueueFamily = [](VkInstance instance, VkPhysicalDevice device, uint32_t family) {
    return glfwGetPhysicalDevicePresentationSupport(instance, device, family) == GLFW_TRUE;
  };
  context.queueNeed = "queue family with graphics, compute and present to this window";
  d->core = createContext(context, error);
  if (!d->core) return false;

  VkResult result = glfwCreateWindowSurface(d->core->instance, window, nullptr, &d->surface);
  if (result != VK_SUCCESS) {
    *error = std::string("cannot create a Vulkan surface for the window (") + vkResultName(result) + ")";
    destroyStudioDevice(*d);
    return false;
  }
  // The window system's answer above is for any window of the display; the surface's is for this one.
  VkBool32 present = VK_FALSE;
  checkVk(vkGetPhysicalDeviceSurfaceSupportKHR(d->core->physicalDevice, d->core->queueFamily, d->surface, &present));
  if (!present) {
    *error = d->core->deviceName + " cannot present to this window";
    destroyStudioDevice(*d);
    return false;
  }
  queryStudioNeeds(d);
  return true;
}

int destroyStudioDevice(StudioDevice& d) {
  if (d.surface) vkDestroySurfaceKHR(d.core->instance, d.surface, nullptr);
  const int errors = destroyContext(d.core);
  d = StudioDevice();
  return errors;
}

}  // namespace specdither::studio
