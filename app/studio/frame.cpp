#include "frame.h"

namespace specdither::studio {

void createFrameResources(const StudioDevice& d, FrameResources* f) {
  VkCommandPoolCreateInfo pool = {VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  pool.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pool.queueFamilyIndex = d.core->queueFamily;
  checkVk(vkCreateCommandPool(d.core->device, &pool, nullptr, &f->commandPool));
  VkCommandBufferAllocateInfo alloc = {VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  alloc.commandPool = f->commandPool;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  checkVk(vkAllocateCommandBuffers(d.core->device, &alloc, &f->commandBuffer));
  VkFenceCreateInfo fence = {VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  checkVk(vkCreateFence(d.core->device, &fence, nullptr, &f->done));
  VkSemaphoreCreateInfo sem = {VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
  checkVk(vkCreateSemaphore(d.core->device, &sem, nullptr, &f->imageAcquired));
  if (d.timestampPeriodNs > 0) {
    VkQueryPoolCreateInfo query = {VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
    query.queryType = VK_QUERY_TYPE_TIMESTAMP;
    query.queryCount = kMarkCount;
    checkVk(vkCreateQueryPool(d.core->device, &query, nullptr, &f->timestamps));
  }
}

void destroyFrameResources(const StudioDevice& d, FrameResources& f) {
  if (f.timestamps) vkDestroyQueryPool(d.core->device, f.timestamps, nullptr);
  if (f.imageAcquired) vkDestroySemaphore(d.core->device, f.imageAcquired, nullptr);
  if (f.done) vkDestroyFence(d.core->device, f.done, nullptr);
  if (f.commandPool) vkDestroyCommandPool(d.core->device, f.commandPool, nullptr);
  f = FrameResources();
}

void recordGpuMark(VkCommandBuffer cmd, FrameResources& f, GpuMark mark) {
  if (!f.timestamps) return;
  if (mark == kMarkStart) {
    vkCmdResetQueryPool(cmd, f.timestamps, 0, kMarkCount);
    f.marked = false;
  }
  // Start: before anything of this frame begins; the others: once everything recorded before them finished.
  vkCmdWriteTimestamp(cmd,
                      mark == kMarkStart ? VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT : VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT,
                      f.timestamps, mark);
  if (mark == kMarkRender) f.marked = true;
}

bool readGpuIntervals(const StudioDevice& d, const FrameResources& f, double intervalsMs[kMarkCount - 1]) {
  if (!f.timestamps || !f.marked) return false;
  uint64_t stamps[kMarkCount] = {};
  if (vkGetQueryPoolResults(d.core->device, f.timestamps, 0, kMarkCount, sizeof(stamps), stamps, sizeof(uint64_t),
                            VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT) != VK_SUCCESS)
    return false;
  const uint64_t mask = d.timestampValidBits >= 64 ? ~0ull : (1ull << d.timestampValidBits) - 1;
  for (uint32_t i = 0; i + 1 < kMarkCount; ++i)
    intervalsMs[i] = double((stamps[i + 1] - stamps[i]) & mask) * d.timestampPeriodNs * 1e-6;
  return true;
}

void waitForFrame(const StudioDevice& d, FrameResources& f) {
  if (!f.submitted) return;
  checkVk(vkWaitForFences(d.core->device, 1, &f.done, VK_TRUE, UINT64_MAX));
  checkVk(vkResetFences(d.core->device, 1, &f.done));
  f.submitted = false;
}

bool acquireImage(const StudioDevice& d, const Swapchain& s, FrameResources& f, uint32_t* image) {
  VkResult r = vkAcquireNextImageKHR(d.core->device, s.swapchain, UINT64_MAX, f.imageAcquired, VK_NULL_HANDLE, image);
  if (r == VK_ERROR_OUT_OF_DATE_KHR) return false;
  if (r != VK_SUBOPTIMAL_KHR) checkVk(r);  // suboptimal still signals the semaphore: draw, recreate after
  return true;
}

VkCommandBuffer beginFrameCommands(const StudioDevice& d, FrameResources& f) {
  checkVk(vkResetCommandBuffer(f.commandBuffer, 0));
  VkCommandBufferBeginInfo begin = {VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  checkVk(vkBeginCommandBuffer(f.commandBuffer, &begin));
  return f.commandBuffer;
}

bool submitAndPresent(const StudioDevice& d, const Swapchain& s, FrameResources& f, uint32_t image) {
  checkVk(vkEndCommandBuffer(f.commandBuffer));
  // The compute passes run before the render pass and do not touch the swapchain image, so only the colour
  // output waits for the presentation engine to release it.
  VkPipelineStageFlags waitStage = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  VkSubmitInfo submit = {VK_STRUCTURE_TYPE_SUBMIT_INFO};
  submit.waitSemaphoreCount = 1;
  submit.pWaitSemaphores = &f.imageAcquired;
  submit.pWaitDstStageMask = &waitStage;
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &f.commandBuffer;
  submit.signalSemaphoreCount = 1;
  submit.pSignalSemaphores = &s.renderDone[image];
  checkVk(vkQueueSubmit(d.core->queue, 1, &submit, f.done));
  f.submitted = true;

  VkPresentInfoKHR present = {VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
  present.waitSemaphoreCount = 1;
  present.pWaitSemaphores = &s.renderDone[image];
  present.swapchainCount = 1;
  present.pSwapchains = &s.swapchain;
  present.pImageIndices = &image;
  VkResult r = vkQueuePresentKHR(d.core->queue, &present);
  if (r == VK_ERROR_OUT_OF_DATE_KHR || r == VK_SUBOPTIMAL_KHR) return false;
  checkVk(r);
  return true;
}

}  // namespace specdither::studio
