// The Vulkan context shared by every GPU stage: instance, device, one compute queue, a command pool, created and
// destroyed here. A host that draws with the same device (the studio) asks createContext for what it needs
// besides (its window system's extensions, a queue that can present) and uses the context's handles through
// its own loader; the context owns them all.
#pragma once

#include "specdither/api.h"

#include <vulkan/vulkan.h>

#include <functional>
#include <string>
#include <vector>

namespace specdither {

struct ContextOptions {
  bool validate = false;  // enable VK_LAYER_KHRONOS_validation and count its error messages
  std::string device;     // "" = best (discrete > integrated > virtual > CPU); an index or a name substring
  bool quiet = false;     // do not print the chosen device's name on stderr
  // CPU Vulkan (lavapipe): run every dispatch on the submitting thread instead of handing it to the driver's
  // thread pool, by creating the device with LP_NUM_THREADS=0 unless the user set LP_NUM_THREADS. For jobs of
  // many dispatches of one or a few workgroups, where the hand-off (~40 us each on 2 cores) costs more than
  // the other cores give back (spectralStepPrefersInlineDispatch). Other drivers ignore the variable.
  bool inlineCpuDispatch = false;

  // What a host needs of the same instance and device (the studio: its window's surface extensions, the
  // swapchain, a queue family that draws and presents as well as computes).
  std::string applicationName = "specdither";
  std::vector<std::string> instanceExtensions;     // besides VK_EXT_debug_utils when validating
  std::vector<std::string> deviceExtensions;       // besides the core's own (VK_KHR_push_descriptor)
  VkQueueFlags queueFlags = VK_QUEUE_COMPUTE_BIT;  // the queue's family has all of these
  // When set, a queue family must also pass this test (e.g. glfwGetPhysicalDevicePresentationSupport).
  std::function<bool(VkInstance instance, VkPhysicalDevice device, uint32_t queueFamily)> acceptsQueueFamily;
  std::string queueNeed = "compute queue";  // what the queue must offer, for "<device>: no <queueNeed>" errors
};

// The context owns every handle in it: destroyContext destroys them, a host that uses them must not.
struct GpuContext {
  VkInstance instance = VK_NULL_HANDLE;
  VkPhysicalDevice physicalDevice = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  VkQueue queue = VK_NULL_HANDLE;
  uint32_t queueFamily = 0;
  VkCommandPool commandPool = VK_NULL_HANDLE;
  VkFence fence = VK_NULL_HANDLE;  // one-shot submits (uploads, VkFFT plans); unsignaled between uses
  VkDebugUtilsMessengerEXT messenger = VK_NULL_HANDLE;
  VkPhysicalDeviceProperties properties = {};
  std::string deviceName;
  bool inlineCpuDispatch = false;  // a CPU device created with LP_NUM_THREADS=0 (by the option or the user)
  int validationErrors = 0;        // messages of error severity seen by the messenger
  int validationWarnings = 0;
  std::string firstValidationError;
};

// Names of all Vulkan devices, in enumeration order (for --device and `specdither devices`). Returns false and
// sets *error when no Vulkan loader or device exists.
SPECDITHER_API bool listDevices(std::vector<std::string>* names, std::string* error);

// Creates a context on the best device that has all the options ask for (discrete > integrated > virtual > CPU,
// among those options.device names: "" = any, an index, or a name substring). On a user-caused failure (no
// Vulkan, no device, no match for options.device, every device lacks something, a missing validation layer or
// instance extension) returns nullptr and sets *error to one line that says why.
SPECDITHER_API GpuContext* createContext(const ContextOptions& options, std::string* error);

// Lavapipe (a CPU device) ends an invocation's loops silently once they have run 65535 iterations in all
// (gallivm's LP_MAX_TGSI_LOOP_ITERATIONS), and its results are then wrong without any error. The iterations a
// pass may count on per invocation there, with a margin for the loops its count leaves out.
constexpr uint64_t kCpuDeviceLoopBudget = 65000;
// Whether an invocation that runs `iterations` loop iterations in all gives correct results on this device:
// always on GPUs, within kCpuDeviceLoopBudget on CPU devices. Where a pass's loops grow with the user's input,
// its stage refuses what does not fit, with a line built on cpuDeviceLoopLimitNote.
SPECDITHER_API bool loopsFitDevice(const GpuContext* context, uint64_t iterations);
// "is beyond CPU Vulkan (lavapipe ends a shader's loops after 65535 iterations)": the common part of those lines.
SPECDITHER_API const char* cpuDeviceLoopLimitNote();

// Destroys what the context created. Returns the number of validation errors seen over its whole life,
// teardown included (leaked objects are reported when the device is destroyed).
SPECDITHER_API int destroyContext(GpuContext* context);

// Records with record(cmd) into a fresh primary command buffer, submits it and waits. For drivers (CLI, tests,
// setup uploads); the GPU stages themselves only record into the caller's command buffer.
template <typename F>
void submitAndWait(GpuContext* context, F&& record);

SPECDITHER_API VkCommandBuffer beginOneShot(GpuContext* context);
SPECDITHER_API void endOneShotAndWait(GpuContext* context, VkCommandBuffer cmd);

template <typename F>
void submitAndWait(GpuContext* context, F&& record) {
  VkCommandBuffer cmd = beginOneShot(context);
  record(cmd);
  endOneShotAndWait(context, cmd);
}

// Aborts with file, line and the VkResult's name: VK errors that mean a bug, in Release too.
[[noreturn]] SPECDITHER_API void vkFail(VkResult result, const char* expr, const char* file, int line);
SPECDITHER_API const char* vkResultName(VkResult result);

#define VK_CHECK(expr)                                                                                     \
  do {                                                                                                     \
    VkResult vk_check_result_ = (expr);                                                                    \
    if (vk_check_result_ != VK_SUCCESS) ::specdither::vkFail(vk_check_result_, #expr, __FILE__, __LINE__); \
  } while (0)

}  // namespace specdither
