// Screenshots of the studio's own swapchain image (what the window shows, pixel for pixel): the image is copied
// to a host-visible buffer after the render pass and before present, then written as an RGB PNG.
#pragma once

#include "studio_device.h"
#include "swapchain.h"

#include <string>

namespace specdither::studio {

struct ScreenshotBuffer {
  VkBuffer buffer = VK_NULL_HANDLE;
  VkDeviceMemory memory = VK_NULL_HANDLE;
  void* mapped = nullptr;
  VkExtent2D extent = {0, 0};
  VkFormat format = VK_FORMAT_UNDEFINED;
  bool recorded = false;
};

// Checks, before any frame is drawn, that path can be written (its folder exists and is writable), so that a
// bad path fails at once with a clear message instead of after N frames.
bool checkScreenshotPath(const std::string& path, std::string* error);

// Records the copy of swapchain image `image` (in PRESENT_SRC layout after the render pass) into a buffer sized
// for the swapchain, and returns it to PRESENT_SRC. Allocates the buffer on first use.
void recordSwapchainCopy(VkCommandBuffer cmd, const StudioDevice& device, const Swapchain& swapchain, uint32_t image,
                         ScreenshotBuffer* shot);

// After the frame's fence: converts BGRA/RGBA to RGB and writes the PNG (atomically).
bool writeScreenshot(const ScreenshotBuffer& shot, const std::string& path, std::string* error);

void destroyScreenshotBuffer(const StudioDevice& device, ScreenshotBuffer& shot);

}  // namespace specdither::studio
