// The studio's Vulkan instance and device: created here (with the window system's surface extensions and the
// swapchain), then handed to the core with adoptContext so that the optimizer, the view passes and ImGui share
// one VkDevice and one queue.
#pragma once

#include <vulkan/vulkan.h>

#include <string>

struct GLFWwindow;

namespace specdither::studio {

struct DeviceOptions {
  bool validate = false;   // VK_LAYER_KHRONOS_validation; every error-severity message is counted
  std::string device;      // "" = best (discrete > integrated > virtual > CPU); an index or a name substring
};

struct StudioDevice {
  VkInstance instance = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger = VK_NULL_HANDLE;
  VkSurfaceKHR surface = VK_NULL_HANDLE;
  VkPhysicalDevice physicalDevice = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  VkQueue queue = VK_NULL_HANDLE;
  uint32_t queueFamily = 0;     // graphics + compute + present on the window's surface
  std::string deviceName;
  float timestampPeriodNs = 0;  // 0: the queue has no timestamps
  uint32_t timestampValidBits = 0;
  PFN_vkCmdPushDescriptorSetKHR cmdPushDescriptorSet = nullptr;
  int validationErrors = 0;
  int validationWarnings = 0;
};

// Creates instance, surface for window, and device. On a user-visible failure (no Vulkan, no device that can
// present to the window, no match for options.device, validation layers missing) returns false and sets
// *error to one line that says why; whatever was created is destroyed again.
bool createStudioDevice(GLFWwindow* window, const DeviceOptions& options, StudioDevice* out, std::string* error);
void destroyStudioDevice(StudioDevice& device);

// The ImGui backend's and the studio's check for VK calls that can only fail through a bug: aborts with the
// VkResult's name.
void checkVk(VkResult result);

}  // namespace specdither::studio
