#include "specdither/context.h"

#include <volk.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace specdither {

const char* vkResultName(VkResult result) {
  switch (result) {
    // clang-format off: one row of names per line reads better than one name per line
#define NAME(r) \
  case r: return #r;
    NAME(VK_SUCCESS)
    NAME(VK_NOT_READY)
    NAME(VK_TIMEOUT) NAME(VK_EVENT_SET) NAME(VK_EVENT_RESET) NAME(VK_INCOMPLETE) NAME(VK_ERROR_OUT_OF_HOST_MEMORY)
        NAME(VK_ERROR_OUT_OF_DEVICE_MEMORY) NAME(VK_ERROR_INITIALIZATION_FAILED) NAME(VK_ERROR_DEVICE_LOST)
            NAME(VK_ERROR_MEMORY_MAP_FAILED) NAME(VK_ERROR_LAYER_NOT_PRESENT) NAME(VK_ERROR_EXTENSION_NOT_PRESENT)
                NAME(VK_ERROR_FEATURE_NOT_PRESENT) NAME(VK_ERROR_INCOMPATIBLE_DRIVER) NAME(VK_ERROR_TOO_MANY_OBJECTS)
                    NAME(VK_ERROR_FORMAT_NOT_SUPPORTED) NAME(VK_ERROR_FRAGMENTED_POOL) NAME(VK_ERROR_UNKNOWN)
                        NAME(VK_ERROR_OUT_OF_POOL_MEMORY) NAME(VK_ERROR_SURFACE_LOST_KHR) NAME(VK_ERROR_OUT_OF_DATE_KHR)
                            NAME(VK_SUBOPTIMAL_KHR)
#undef NAME
        // clang-format on
        default : return "VK_RESULT_UNKNOWN";
  }
}

void vkFail(VkResult result, const char* expr, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: Vulkan call failed with %s: %s\n", file, line, vkResultName(result), expr);
  std::abort();
}

namespace {

// The device extensions the core's passes need, then the host's.
std::vector<std::string> deviceExtensionsFor(const ContextOptions& options) {
  std::vector<std::string> extensions = {VK_KHR_PUSH_DESCRIPTOR_EXTENSION_NAME};
  extensions.insert(extensions.end(), options.deviceExtensions.begin(), options.deviceExtensions.end());
  return extensions;
}

std::vector<const char*> pointersTo(const std::vector<std::string>& names) {
  std::vector<const char*> pointers;
  for (const std::string& name : names) pointers.push_back(name.c_str());
  return pointers;
}

VKAPI_ATTR VkBool32 VKAPI_CALL onValidationMessage(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                                   VkDebugUtilsMessageTypeFlagsEXT,
                                                   const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  GpuContext* context = static_cast<GpuContext*>(user);
  if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) {
    if (context->validationErrors++ == 0) context->firstValidationError = data->pMessage;
    std::fprintf(stderr, "validation error: %s\n", data->pMessage);
  } else if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) {
    context->validationWarnings++;
    std::fprintf(stderr, "validation warning: %s\n", data->pMessage);
  }
  return VK_FALSE;
}

bool initializeLoader(std::string* error) {
  static bool loaded = false;
  if (loaded) return true;
  if (volkInitialize() != VK_SUCCESS) {
    *error = "no Vulkan loader found (install libvulkan1 and a driver, e.g. mesa-vulkan-drivers)";
    return false;
  }
  loaded = true;
  return true;
}

bool hasLayer(const char* name) {
  uint32_t count = 0;
  vkEnumerateInstanceLayerProperties(&count, nullptr);
  std::vector<VkLayerProperties> layers(count);
  vkEnumerateInstanceLayerProperties(&count, layers.data());
  for (const VkLayerProperties& l : layers)
    if (std::strcmp(l.layerName, name) == 0) return true;
  return false;
}

VkInstance createInstance(const ContextOptions& options, std::string* error) {
  VkApplicationInfo app = {VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = options.applicationName.c_str();
  app.apiVersion = VK_API_VERSION_1_2;
  std::vector<const char*> layers, extensions = pointersTo(options.instanceExtensions);
  if (options.validate) {
    if (!hasLayer("VK_LAYER_KHRONOS_validation")) {
      *error = "validation requested but VK_LAYER_KHRONOS_validation is not installed (vulkan-validationlayers)";
      return VK_NULL_HANDLE;
    }
    layers.push_back("VK_LAYER_KHRONOS_validation");
    extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
  }
  VkInstanceCreateInfo info = {VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  info.pApplicationInfo = &app;
  info.enabledLayerCount = uint32_t(layers.size());
  info.ppEnabledLayerNames = layers.data();
  info.enabledExtensionCount = uint32_t(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();
  VkInstance instance = VK_NULL_HANDLE;
  VkResult result = vkCreateInstance(&info, nullptr, &instance);
  if (result != VK_SUCCESS) {
    *error = std::string("cannot create a Vulkan instance (") + vkResultName(result) + ")";
    return VK_NULL_HANDLE;
  }
  volkLoadInstanceOnly(instance);
  return instance;
}

std::vector<VkPhysicalDevice> enumerateDevices(VkInstance instance) {
  uint32_t count = 0;
  vkEnumeratePhysicalDevices(instance, &count, nullptr);
  std::vector<VkPhysicalDevice> devices(count);
  vkEnumeratePhysicalDevices(instance, &count, devices.data());
  return devices;
}

// "" when every extension in `wanted` is among those a device offers, else "no <the first missing one>".
std::string missingDeviceExtension(const std::vector<VkExtensionProperties>& available,
                                   const std::vector<std::string>& wanted) {
  for (const std::string& name : wanted) {
    bool has = false;
    for (const VkExtensionProperties& e : available) has = has || name == e.extensionName;
    if (!has) return "no " + name;
  }
  return "";
}

// Returns "" when the device can run the core and the host (with *family set to the first family that serves
// both), else what it lacks (vk-bootstrap style: say why).
std::string whatDeviceLacks(VkInstance instance, VkPhysicalDevice device, const ContextOptions& options,
                            uint32_t* family) {
  uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(device, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(device, &count, families.data());
  bool found = false;
  for (uint32_t i = 0; i < count && !found; ++i)
    if ((families[i].queueFlags & options.queueFlags) == options.queueFlags &&
        (!options.acceptsQueueFamily || options.acceptsQueueFamily(instance, device, i))) {
      *family = i;
      found = true;
    }
  if (!found) return "no " + options.queueNeed;
  uint32_t extCount = 0;
  vkEnumerateDeviceExtensionProperties(device, nullptr, &extCount, nullptr);
  std::vector<VkExtensionProperties> exts(extCount);
  vkEnumerateDeviceExtensionProperties(device, nullptr, &extCount, exts.data());
  return missingDeviceExtension(exts, deviceExtensionsFor(options));
}

// Whether device number `index` named `name` is the one `wanted` asks for ("" = any, an index, or a name
// substring).
bool deviceMatches(const std::string& wanted, size_t index, const char* name) {
  if (wanted.empty()) return true;
  char* end = nullptr;
  const long wantedIndex = std::strtol(wanted.c_str(), &end, 10);
  if (end && *end == '\0') return long(index) == wantedIndex;
  return std::strstr(name, wanted.c_str()) != nullptr;
}

// How much a device type is preferred when several qualify (discrete > integrated > virtual > CPU).
int deviceTypePreference(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 4;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 3;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return 1;
    default: return 0;
  }
}

void finishContext(GpuContext* c) {
  vkGetPhysicalDeviceProperties(c->physicalDevice, &c->properties);
  c->deviceName = c->properties.deviceName;
  VkCommandPoolCreateInfo pool = {VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  pool.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pool.queueFamilyIndex = c->queueFamily;
  VK_CHECK(vkCreateCommandPool(c->device, &pool, nullptr, &c->commandPool));
  VkFenceCreateInfo fence = {VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  VK_CHECK(vkCreateFence(c->device, &fence, nullptr, &c->fence));
}

}  // namespace

bool listDevices(std::vector<std::string>* names, std::string* error) {
  if (!initializeLoader(error)) return false;
  VkInstance instance = createInstance(ContextOptions(), error);
  if (!instance) return false;
  for (VkPhysicalDevice d : enumerateDevices(instance)) {
    VkPhysicalDeviceProperties p;
    vkGetPhysicalDeviceProperties(d, &p);
    names->push_back(p.deviceName);
  }
  vkDestroyInstance(instance, nullptr);
  if (names->empty()) {
    *error = "no Vulkan device found (install a driver, e.g. mesa-vulkan-drivers for lavapipe)";
    return false;
  }
  return true;
}

namespace {

// LP_NUM_THREADS=0 from construction to destruction when inline is asked for and the user did not set the
// variable: lavapipe reads it when it creates its device (the pipe screen with its thread pool), and later
// contexts of the process get the driver's default again.
class InlineCpuDispatchScope {
 public:
  explicit InlineCpuDispatchScope(bool wanted) : set_(wanted && !std::getenv(kVariable)) {
    if (set_) setenv(kVariable, "0", 1);
  }
  ~InlineCpuDispatchScope() {
    if (set_) unsetenv(kVariable);
  }
  InlineCpuDispatchScope(const InlineCpuDispatchScope&) = delete;
  InlineCpuDispatchScope& operator=(const InlineCpuDispatchScope&) = delete;
  static bool inEffect() {
    const char* value = std::getenv(kVariable);
    return value && std::strcmp(value, "0") == 0;
  }

 private:
  static constexpr const char* kVariable = "LP_NUM_THREADS";
  bool set_;
};

}  // namespace

GpuContext* createContext(const ContextOptions& options, std::string* error) {
  if (!initializeLoader(error)) return nullptr;
  InlineCpuDispatchScope inlineScope(options.inlineCpuDispatch);
  GpuContext* c = new GpuContext();
  c->instance = createInstance(options, error);
  if (!c->instance) {
    delete c;
    return nullptr;
  }
  if (options.validate) {
    VkDebugUtilsMessengerCreateInfoEXT info = {VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
    info.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT |
                           VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT;
    info.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT;
    info.pfnUserCallback = onValidationMessage;
    info.pUserData = c;
    VK_CHECK(vkCreateDebugUtilsMessengerEXT(c->instance, &info, nullptr, &c->messenger));
  }

  std::vector<VkPhysicalDevice> devices = enumerateDevices(c->instance);
  std::string reasons;
  int bestScore = -1;
  for (size_t i = 0; i < devices.size(); ++i) {
    VkPhysicalDeviceProperties p;
    vkGetPhysicalDeviceProperties(devices[i], &p);
    if (!deviceMatches(options.device, i, p.deviceName)) continue;
    uint32_t family = 0;
    std::string lacks = whatDeviceLacks(c->instance, devices[i], options, &family);
    if (!lacks.empty()) {
      reasons += std::string(reasons.empty() ? "" : "; ") + p.deviceName + ": " + lacks;
      continue;
    }
    if (deviceTypePreference(p.deviceType) > bestScore) {
      bestScore = deviceTypePreference(p.deviceType);
      c->physicalDevice = devices[i];
      c->queueFamily = family;
    }
  }
  if (!c->physicalDevice) {
    if (devices.empty())
      *error = "no Vulkan device found (install a driver, e.g. mesa-vulkan-drivers for lavapipe)";
    else if (!reasons.empty())
      *error = "no usable Vulkan device: " + reasons;
    else
      *error = "no Vulkan device matches --device '" + options.device + "' (see `specdither devices`)";
    destroyContext(c);
    return nullptr;
  }

  float priority = 1.0f;
  VkDeviceQueueCreateInfo queue = {VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  queue.queueFamilyIndex = c->queueFamily;
  queue.queueCount = 1;
  queue.pQueuePriorities = &priority;
  const std::vector<std::string> extensionNames = deviceExtensionsFor(options);
  const std::vector<const char*> extensions = pointersTo(extensionNames);
  VkDeviceCreateInfo info = {VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  info.queueCreateInfoCount = 1;
  info.pQueueCreateInfos = &queue;
  info.enabledExtensionCount = uint32_t(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();
  VkResult result = vkCreateDevice(c->physicalDevice, &info, nullptr, &c->device);
  if (result != VK_SUCCESS) {
    *error = std::string("cannot create the Vulkan device (") + vkResultName(result) + ")";
    destroyContext(c);
    return nullptr;
  }
  volkLoadDevice(c->device);
  vkGetDeviceQueue(c->device, c->queueFamily, 0, &c->queue);
  finishContext(c);
  c->inlineCpuDispatch = c->properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU && InlineCpuDispatchScope::inEffect();
  if (!options.quiet)
    std::fprintf(stderr, "device: %s%s\n", c->deviceName.c_str(),
                 c->inlineCpuDispatch ? " (dispatches inline on the submitting thread)" : "");
  return c;
}

bool loopsFitDevice(const GpuContext* c, uint64_t iterations) {
  return c->properties.deviceType != VK_PHYSICAL_DEVICE_TYPE_CPU || iterations <= kCpuDeviceLoopBudget;
}

const char* cpuDeviceLoopLimitNote() {
  return "is beyond CPU Vulkan (lavapipe ends a shader's loops after 65535 iterations)";
}

int destroyContext(GpuContext* c) {
  if (!c) return 0;
  if (c->device) {
    vkDeviceWaitIdle(c->device);
    if (c->fence) vkDestroyFence(c->device, c->fence, nullptr);
    if (c->commandPool) vkDestroyCommandPool(c->device, c->commandPool, nullptr);
  }
  if (c->device) vkDestroyDevice(c->device, nullptr);
  // The messenger outlives the device so that leaks reported at vkDestroyDevice are counted.
  if (c->messenger) vkDestroyDebugUtilsMessengerEXT(c->instance, c->messenger, nullptr);
  if (c->instance) vkDestroyInstance(c->instance, nullptr);
  int errors = c->validationErrors;
  delete c;
  return errors;
}

VkCommandBuffer beginOneShot(GpuContext* c) {
  VkCommandBufferAllocateInfo alloc = {VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  alloc.commandPool = c->commandPool;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  VK_CHECK(vkAllocateCommandBuffers(c->device, &alloc, &cmd));
  VkCommandBufferBeginInfo begin = {VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VK_CHECK(vkBeginCommandBuffer(cmd, &begin));
  return cmd;
}

void endOneShotAndWait(GpuContext* c, VkCommandBuffer cmd) {
  VK_CHECK(vkEndCommandBuffer(cmd));
  VkSubmitInfo submit = {VK_STRUCTURE_TYPE_SUBMIT_INFO};
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;
  VK_CHECK(vkQueueSubmit(c->queue, 1, &submit, c->fence));
  VK_CHECK(vkWaitForFences(c->device, 1, &c->fence, VK_TRUE, UINT64_MAX));
  // The fence rests unsignaled: VkFFT submits with it at plan time and expects it so.
  VK_CHECK(vkResetFences(c->device, 1, &c->fence));
  vkFreeCommandBuffers(c->device, c->commandPool, 1, &cmd);
}

}  // namespace specdither
