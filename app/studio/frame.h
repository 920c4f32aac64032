// Per-frame Vulkan objects and the Frame / Present steps of the loop. One frame is in flight at a time: the
// core's loss readback (lastSpectralLoss) and the studio's readbacks (spectrum, timestamps) live in single
// host-visible buffers, and on lavapipe the "GPU" shares the CPU cores anyway, so a second frame in flight
// would buy little and cost a race.
#pragma once

#include "studio_device.h"
#include "swapchain.h"

namespace specdither::studio {

struct FrameResources {
  VkCommandPool commandPool = VK_NULL_HANDLE;
  VkCommandBuffer commandBuffer = VK_NULL_HANDLE;
  VkFence done = VK_NULL_HANDLE;  // signaled when the frame's submit completed
  VkSemaphore imageAcquired = VK_NULL_HANDLE;
  VkQueryPool timestamps = VK_NULL_HANDLE;  // one query per GpuMark; null when the queue has no timestamps
  bool marked = false;                      // this frame wrote every mark
  bool submitted = false;
};

// GPU timestamps at the boundaries of a frame's work: the intervals between them are the GPU time of the
// optimizer's steps, of the view passes, and of the render pass (ImGui and the views' images).
enum GpuMark : uint32_t { kMarkStart, kMarkSteps, kMarkViews, kMarkRender, kMarkCount };

// Records a timestamp (kMarkStart first: it also resets the queries). No-op without timestamps.
void recordGpuMark(VkCommandBuffer cmd, FrameResources& frame, GpuMark mark);

// After the frame's fence: the three intervals in milliseconds. False when the frame was not timed.
bool readGpuIntervals(const StudioDevice& device, const FrameResources& frame, double intervalsMs[kMarkCount - 1]);

void createFrameResources(const StudioDevice& device, FrameResources* frame);
void destroyFrameResources(const StudioDevice& device, FrameResources& frame);

// Waits until the last submitted frame completed (its readbacks are then valid).
void waitForFrame(const StudioDevice& device, FrameResources& frame);

// Acquires the next swapchain image. Returns false when the swapchain is out of date (recreate, then retry).
bool acquireImage(const StudioDevice& device, const Swapchain& swapchain, FrameResources& frame, uint32_t* image);

// Resets and begins the frame's command buffer.
VkCommandBuffer beginFrameCommands(const StudioDevice& device, FrameResources& frame);

// Ends, submits (waiting for the acquired image, signalling the image's render-done semaphore) and presents.
// Returns false when the swapchain has become out of date or suboptimal.
bool submitAndPresent(const StudioDevice& device, const Swapchain& swapchain, FrameResources& frame, uint32_t image);

}  // namespace specdither::studio
