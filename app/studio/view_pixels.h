// What a view pass writes and the display pipeline draws (display_pipeline.h), without the window's headers.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>

namespace specdither::studio {

// A CPU-side handle of a view's pixels: width x height packed RGBA8 (R in the low byte), in a storage buffer.
struct ViewPixels {
  VkBuffer buffer = VK_NULL_HANDLE;
  uint32_t width = 0;
  uint32_t height = 0;
};

}  // namespace specdither::studio
