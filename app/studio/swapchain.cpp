#include "swapchain.h"

#include <algorithm>

namespace specdither::studio {

namespace {

VkSurfaceFormatKHR pickFormat(const StudioDevice& d) {
  uint32_t count = 0;
  vkGetPhysicalDeviceSurfaceFormatsKHR(d.core->physicalDevice, d.surface, &count, nullptr);
  std::vector<VkSurfaceFormatKHR> formats(count);
  vkGetPhysicalDeviceSurfaceFormatsKHR(d.core->physicalDevice, d.surface, &count, formats.data());
  // UNORM, not SRGB: ImGui's colours and the views' pixels are already display-encoded, and a dithered pixel
  // must reach the screen (and the screenshot) with exactly the value the dither pass computed.
  for (VkFormat wanted : {VK_FORMAT_B8G8R8A8_UNORM, VK_FORMAT_R8G8B8A8_UNORM})
    for (const VkSurfaceFormatKHR& f : formats)
      if (f.format == wanted && f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR) return f;
  return formats.empty() ? VkSurfaceFormatKHR{VK_FORMAT_B8G8R8A8_UNORM, VK_COLOR_SPACE_SRGB_NONLINEAR_KHR} : formats[0];
}

VkPresentModeKHR pickPresentMode(const StudioDevice& d, bool vsync) {
  if (vsync) return VK_PRESENT_MODE_FIFO_KHR;  // always supported
  uint32_t count = 0;
  vkGetPhysicalDeviceSurfacePresentModesKHR(d.core->physicalDevice, d.surface, &count, nullptr);
  std::vector<VkPresentModeKHR> modes(count);
  vkGetPhysicalDeviceSurfacePresentModesKHR(d.core->physicalDevice, d.surface, &count, modes.data());
  for (VkPresentModeKHR wanted : {VK_PRESENT_MODE_MAILBOX_KHR, VK_PRESENT_MODE_IMMEDIATE_KHR})
    if (std::find(modes.begin(), modes.end(), wanted) != modes.end()) return wanted;
  return VK_PRESENT_MODE_FIFO_KHR;
}

VkRenderPass createRenderPass(VkDevice device, VkFormat format) {
  VkAttachmentDescription color = {};
  color.format = format;
  color.samples = VK_SAMPLE_COUNT_1_BIT;
  color.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  color.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  color.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  color.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  color.finalLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
  VkAttachmentReference ref = {0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  VkSubpassDescription subpass = {};
  subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
  subpass.colorAttachmentCount = 1;
  subpass.pColorAttachments = &ref;
  // The acquire semaphore is waited at COLOR_ATTACHMENT_OUTPUT: the layout transition and the clear must wait
  // for the presentation engine to release the image too, so they are ordered after that stage.
  VkSubpassDependency acquire = {};
  acquire.srcSubpass = VK_SUBPASS_EXTERNAL;
  acquire.dstSubpass = 0;
  acquire.srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  acquire.dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  acquire.srcAccessMask = 0;
  acquire.dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  VkRenderPassCreateInfo info = {VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO};
  info.attachmentCount = 1;
  info.pAttachments = &color;
  info.subpassCount = 1;
  info.pSubpasses = &subpass;
  info.dependencyCount = 1;
  info.pDependencies = &acquire;
  VkRenderPass pass = VK_NULL_HANDLE;
  checkVk(vkCreateRenderPass(device, &info, nullptr, &pass));
  return pass;
}

void destroyImageResources(const StudioDevice& d, Swapchain& s) {
  for (VkFramebuffer f : s.framebuffers) vkDestroyFramebuffer(d.core->device, f, nullptr);
  for (VkImageView v : s.views) vkDestroyImageView(d.core->device, v, nullptr);
  for (VkSemaphore sem : s.renderDone) vkDestroySemaphore(d.core->device, sem, nullptr);
  s.framebuffers.clear();
  s.views.clear();
  s.renderDone.clear();
  s.images.clear();
}

}  // namespace

bool createSwapchain(const StudioDevice& d, uint32_t width, uint32_t height, bool vsync, Swapchain* s) {
  VkSurfaceCapabilitiesKHR caps;
  checkVk(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(d.core->physicalDevice, d.surface, &caps));
  VkExtent2D extent = caps.currentExtent;
  if (extent.width == UINT32_MAX) {
    extent.width = std::clamp(width, caps.minImageExtent.width, caps.maxImageExtent.width);
    extent.height = std::clamp(height, caps.minImageExtent.height, caps.maxImageExtent.height);
  }
  if (extent.width == 0 || extent.height == 0) return false;

  const VkSurfaceFormatKHR format = pickFormat(d);
  if (!s->renderPass) {
    s->format = format.format;
    s->renderPass = createRenderPass(d.core->device, s->format);
  }
  uint32_t imageCount = std::max(caps.minImageCount + 1, 2u);
  if (caps.maxImageCount) imageCount = std::min(imageCount, caps.maxImageCount);
  s->canCopy = (caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_SRC_BIT) != 0;

  VkSwapchainCreateInfoKHR info = {VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR};
  info.surface = d.surface;
  info.minImageCount = imageCount;
  info.imageFormat = s->format;
  info.imageColorSpace = format.colorSpace;
  info.imageExtent = extent;
  info.imageArrayLayers = 1;
  info.imageUsage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | (s->canCopy ? VK_IMAGE_USAGE_TRANSFER_SRC_BIT : 0);
  info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.preTransform = caps.currentTransform;
  info.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
  if (!(caps.supportedCompositeAlpha & VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR))
    info.compositeAlpha = VkCompositeAlphaFlagBitsKHR(caps.supportedCompositeAlpha & -caps.supportedCompositeAlpha);
  info.presentMode = pickPresentMode(d, vsync);
  info.clipped = VK_TRUE;
  info.oldSwapchain = s->swapchain;
  VkSwapchainKHR created = VK_NULL_HANDLE;
  checkVk(vkCreateSwapchainKHR(d.core->device, &info, nullptr, &created));
  if (s->swapchain) {
    destroyImageResources(d, *s);
    vkDestroySwapchainKHR(d.core->device, s->swapchain, nullptr);
  }
  s->swapchain = created;
  s->extent = extent;
  s->minImageCount = imageCount;

  uint32_t count = 0;
  vkGetSwapchainImagesKHR(d.core->device, s->swapchain, &count, nullptr);
  s->images.resize(count);
  vkGetSwapchainImagesKHR(d.core->device, s->swapchain, &count, s->images.data());
  for (VkImage image : s->images) {
    VkImageViewCreateInfo view = {VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    view.image = image;
    view.viewType = VK_IMAGE_VIEW_TYPE_2D;
    view.format = s->format;
    view.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    VkImageView v = VK_NULL_HANDLE;
    checkVk(vkCreateImageView(d.core->device, &view, nullptr, &v));
    s->views.push_back(v);
    VkFramebufferCreateInfo fb = {VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO};
    fb.renderPass = s->renderPass;
    fb.attachmentCount = 1;
    fb.pAttachments = &v;
    fb.width = extent.width;
    fb.height = extent.height;
    fb.layers = 1;
    VkFramebuffer f = VK_NULL_HANDLE;
    checkVk(vkCreateFramebuffer(d.core->device, &fb, nullptr, &f));
    s->framebuffers.push_back(f);
    VkSemaphoreCreateInfo sem = {VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
    VkSemaphore done = VK_NULL_HANDLE;
    checkVk(vkCreateSemaphore(d.core->device, &sem, nullptr, &done));
    s->renderDone.push_back(done);
  }
  return true;
}

void destroySwapchain(const StudioDevice& d, Swapchain& s) {
  destroyImageResources(d, s);
  if (s.swapchain) vkDestroySwapchainKHR(d.core->device, s.swapchain, nullptr);
  if (s.renderPass) vkDestroyRenderPass(d.core->device, s.renderPass, nullptr);
  s = Swapchain();
}

}  // namespace specdither::studio
