#include "studio_device.h"

#include "specdither/context.h"

#define GLFW_INCLUDE_NONE
#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace specdither::studio {

void checkVk(VkResult result) {
  if (result == VK_SUCCESS) return;
  std::fprintf(stderr, "specdither-studio: Vulkan call failed with %s\n", vkResultName(result));
  std::abort();
}

namespace {

VKAPI_ATTR VkBool32 VKAPI_CALL onValidationMessage(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                                   VkDebugUtilsMessageTypeFlagsEXT,
                                                   const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  StudioDevice* device = static_cast<StudioDevice*>(user);
  if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) {
    device->validationErrors++;
    std::fprintf(stderr, "validation error: %s\n", data->pMessage);
  } else if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) {
    device->validationWarnings++;
    std::fprintf(stderr, "validation warning: %s\n", data->pMessage);
  }
  return VK_FALSE;
}

bool hasInstanceLayer(const char* name) {
  uint32_t count = 0;
  vkEnumerateInstanceLayerProperties(&count, nullptr);
  std::vector<VkLayerProperties> layers(count);
  vkEnumerateInstanceLayerProperties(&count, layers.data());
  for (const VkLayerProperties& layer : layers)
    if (std::strcmp(layer.layerName, name) == 0) return true;
  return false;
}

bool createInstance(const DeviceOptions& options, StudioDevice* d, std::string* error) {
  uint32_t glfwCount = 0;
  const char** glfwExtensions = glfwGetRequiredInstanceExtensions(&glfwCount);
  if (!glfwExtensions) {
    *error = "the window system offers no Vulkan surface extensions (is a Vulkan driver installed?)";
    return false;
  }
  std::vector<const char*> extensions(glfwExtensions, glfwExtensions + glfwCount);
  std::vector<const char*> layers;
  if (options.validate) {
    if (!hasInstanceLayer("VK_LAYER_KHRONOS_validation")) {
      *error = "--validate needs VK_LAYER_KHRONOS_validation (install vulkan-validationlayers)";
      return false;
    }
    layers.push_back("VK_LAYER_KHRONOS_validation");
    extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
  }
  VkApplicationInfo app = {VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = "specdither-studio";
  app.apiVersion = VK_API_VERSION_1_2;
  VkInstanceCreateInfo info = {VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  info.pApplicationInfo = &app;
  info.enabledLayerCount = uint32_t(layers.size());
  info.ppEnabledLayerNames = layers.data();
  info.enabledExtensionCount = uint32_t(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();
  VkResult result = vkCreateInstance(&info, nullptr, &d->instance);
  if (result != VK_SUCCESS) {
    *error = std::string("cannot create a Vulkan instance (") + vkResultName(result) +
             "); is a Vulkan driver installed (e.g. mesa-vulkan-drivers)?";
    return false;
  }
  if (options.validate) {
    VkDebugUtilsMessengerCreateInfoEXT messenger = {VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
    messenger.messageSeverity =
        VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT;
    messenger.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT;
    messenger.pfnUserCallback = onValidationMessage;
    messenger.pUserData = d;
    auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(d->instance, "vkCreateDebugUtilsMessengerEXT"));
    checkVk(create(d->instance, &messenger, nullptr, &d->messenger));
  }
  return true;
}

std::vector<const char*> deviceExtensions() {
  std::vector<const char*> extensions = requiredDeviceExtensions();
  extensions.push_back(VK_KHR_SWAPCHAIN_EXTENSION_NAME);
  return extensions;
}

// "" when the device can run the studio (with *family set), else what it lacks: vk-bootstrap style, so that
// "no usable device" comes with the reason per device.
std::string whatDeviceLacks(VkPhysicalDevice device, VkSurfaceKHR surface, uint32_t* family) {
  uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(device, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(device, &count, families.data());
  bool found = false;
  const VkQueueFlags needed = VK_QUEUE_GRAPHICS_BIT | VK_QUEUE_COMPUTE_BIT;
  for (uint32_t i = 0; i < count && !found; ++i) {
    VkBool32 present = VK_FALSE;
    vkGetPhysicalDeviceSurfaceSupportKHR(device, i, surface, &present);
    if ((families[i].queueFlags & needed) == needed && present) {
      *family = i;
      found = true;
    }
  }
  if (!found) return "no queue family with graphics, compute and present to this window";
  uint32_t extCount = 0;
  vkEnumerateDeviceExtensionProperties(device, nullptr, &extCount, nullptr);
  std::vector<VkExtensionProperties> available(extCount);
  vkEnumerateDeviceExtensionProperties(device, nullptr, &extCount, available.data());
  return missingDeviceExtension(available, deviceExtensions());
}

bool pickPhysicalDevice(const DeviceOptions& options, StudioDevice* d, std::string* error) {
  uint32_t count = 0;
  vkEnumeratePhysicalDevices(d->instance, &count, nullptr);
  std::vector<VkPhysicalDevice> devices(count);
  vkEnumeratePhysicalDevices(d->instance, &count, devices.data());
  if (devices.empty()) {
    *error = "no Vulkan device found (install a driver, e.g. mesa-vulkan-drivers for lavapipe)";
    return false;
  }
  std::string reasons;
  int bestScore = -1;
  for (size_t i = 0; i < devices.size(); ++i) {
    VkPhysicalDeviceProperties p;
    vkGetPhysicalDeviceProperties(devices[i], &p);
    if (!deviceMatches(options.device, i, p.deviceName)) continue;
    uint32_t family = 0;
    std::string lacks = whatDeviceLacks(devices[i], d->surface, &family);
    if (!lacks.empty()) {
      reasons += std::string(reasons.empty() ? "" : "; ") + p.deviceName + ": " + lacks;
      continue;
    }
    if (deviceTypePreference(p.deviceType) > bestScore) {
      bestScore = deviceTypePreference(p.deviceType);
      d->physicalDevice = devices[i];
      d->queueFamily = family;
      d->deviceName = p.deviceName;
      d->timestampPeriodNs = p.limits.timestampPeriod;
    }
  }
  if (d->physicalDevice) return true;
  if (!reasons.empty())
    *error = "no Vulkan device can run the studio: " + reasons;
  else
    *error = "no Vulkan device matches --device '" + options.device + "'";
  return false;
}

bool createLogicalDevice(StudioDevice* d, std::string* error) {
  float priority = 1.0f;
  VkDeviceQueueCreateInfo queue = {VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  queue.queueFamilyIndex = d->queueFamily;
  queue.queueCount = 1;
  queue.pQueuePriorities = &priority;
  std::vector<const char*> extensions = deviceExtensions();
  VkDeviceCreateInfo info = {VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  info.queueCreateInfoCount = 1;
  info.pQueueCreateInfos = &queue;
  info.enabledExtensionCount = uint32_t(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();
  VkResult result = vkCreateDevice(d->physicalDevice, &info, nullptr, &d->device);
  if (result != VK_SUCCESS) {
    *error = std::string("cannot create the Vulkan device (") + vkResultName(result) + ")";
    return false;
  }
  vkGetDeviceQueue(d->device, d->queueFamily, 0, &d->queue);
  uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(d->physicalDevice, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(d->physicalDevice, &count, families.data());
  d->timestampValidBits = families[d->queueFamily].timestampValidBits;
  if (d->timestampValidBits == 0) d->timestampPeriodNs = 0;
  // An extension entry point: the loader exports only core functions.
  d->cmdPushDescriptorSet = reinterpret_cast<PFN_vkCmdPushDescriptorSetKHR>(
      vkGetDeviceProcAddr(d->device, "vkCmdPushDescriptorSetKHR"));
  return true;
}

}  // namespace

bool createStudioDevice(GLFWwindow* window, const DeviceOptions& options, StudioDevice* d, std::string* error) {
  *d = StudioDevice();
  if (!createInstance(options, d, error)) {
    destroyStudioDevice(*d);
    return false;
  }
  VkResult result = glfwCreateWindowSurface(d->instance, window, nullptr, &d->surface);
  if (result != VK_SUCCESS) {
    *error = std::string("cannot create a Vulkan surface for the window (") + vkResultName(result) + ")";
    destroyStudioDevice(*d);
    return false;
  }
  if (!pickPhysicalDevice(options, d, error) || !createLogicalDevice(d, error)) {
    destroyStudioDevice(*d);
    return false;
  }
  return true;
}

void destroyStudioDevice(StudioDevice& d) {
  if (d.device) vkDestroyDevice(d.device, nullptr);
  if (d.surface) vkDestroySurfaceKHR(d.instance, d.surface, nullptr);
  // The messenger outlives the device so that objects leaked at vkDestroyDevice are reported and counted.
  if (d.messenger) {
    auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(d.instance, "vkDestroyDebugUtilsMessengerEXT"));
    destroy(d.instance, d.messenger, nullptr);
  }
  if (d.instance) vkDestroyInstance(d.instance, nullptr);
  const int errors = d.validationErrors, warnings = d.validationWarnings;
  d = StudioDevice();
  d.validationErrors = errors;
  d.validationWarnings = warnings;
}

}  // namespace specdither::studio
