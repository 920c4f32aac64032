// The studio's Vulkan device: the core's context (createContext, asked for the window system's surface
// extensions, the swapchain and a queue family that draws, computes and presents to the window), so that the
// optimizer, the view passes and ImGui share one VkDevice and one queue; plus the window's surface and what the
// studio's own passes need. The studio calls Vulkan through the loader, the core through its private volk: the
// same handles serve both.
#pragma once

#include "specdither/context.h"

#include <vulkan/vulkan.h>

#include <string>

struct GLFWwindow;

namespace specdither::studio {

struct DeviceOptions {
  bool validate = false;  // VK_LAYER_KHRONOS_validation; every error-severity message is counted
  std::string device;     // "" = best (discrete > integrated > virtual > CPU); an index or a name substring
};

// Ownership: `core` owns the instance, device, queue and validation messenger (read them from it, destroy none
// of them); the StudioDevice owns `core` and the surface, and destroyStudioDevice destroys both.
struct StudioDevice {
  GpuContext* core = nullptr;
  VkSurfaceKHR surface = VK_NULL_HANDLE;
  float timestampPeriodNs = 0;  // 0: the queue has no timestamps
  uint32_t timestampValidBits = 0;
  PFN_vkCmdPushDescriptorSetKHR cmdPushDescriptorSet = nullptr;
};

// Creates the core's context for window and the window's surface. On a user-visible failure (no Vulkan, no
// device that can present to the window, no match for options.device, validation layers missing) returns false
// and sets *error to one line that says why; whatever was created is destroyed again.
bool createStudioDevice(GLFWwindow* window, const DeviceOptions& options, StudioDevice* out, std::string* error);
// Destroys the surface, then the context. Returns the validation errors seen over the device's whole life
// (objects leaked at its destruction included).
int destroyStudioDevice(StudioDevice& device);

// The ImGui backend's and the studio's check for VK calls that can only fail through a bug: aborts with the
// VkResult's name.
void checkVk(VkResult result);

}  // namespace specdither::studio
