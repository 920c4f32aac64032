// The window's swapchain, the render pass ImGui draws in, and one framebuffer per swapchain image. Recreated
// when the window is resized (or the surface says it is out of date).
#pragma once

#include "studio_device.h"

#include <vector>

namespace specdither::studio {

struct Swapchain {
  VkSwapchainKHR swapchain = VK_NULL_HANDLE;
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkExtent2D extent = {0, 0};
  uint32_t minImageCount = 2;
  bool canCopy = false;                      // images allow TRANSFER_SRC (screenshots)
  VkRenderPass renderPass = VK_NULL_HANDLE;  // survives recreation: the format does not change
  std::vector<VkImage> images;
  std::vector<VkImageView> views;
  std::vector<VkFramebuffer> framebuffers;
  std::vector<VkSemaphore> renderDone;  // per image: present waits on the one of the image it shows
};

// Creates (or, when swapchain->swapchain is set, recreates for the new size) the swapchain. vsync picks FIFO;
// without it MAILBOX or IMMEDIATE where the surface offers them. Returns false when the window has no area
// (minimized); the caller waits and tries again.
bool createSwapchain(const StudioDevice& device, uint32_t width, uint32_t height, bool vsync, Swapchain* swapchain);
void destroySwapchain(const StudioDevice& device, Swapchain& swapchain);

}  // namespace specdither::studio
