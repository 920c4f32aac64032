#include "screenshot.h"

#include "specdither/png_io.h"

#include <unistd.h>

#include <filesystem>

namespace specdither::studio {

namespace {

uint32_t hostMemoryType(const StudioDevice& d, uint32_t typeBits) {
  VkPhysicalDeviceMemoryProperties props;
  vkGetPhysicalDeviceMemoryProperties(d.core->physicalDevice, &props);
  const VkMemoryPropertyFlags wanted = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
  for (uint32_t i = 0; i < props.memoryTypeCount; ++i)
    if ((typeBits & (1u << i)) && (props.memoryTypes[i].propertyFlags & wanted) == wanted) return i;
  checkVk(VK_ERROR_FEATURE_NOT_PRESENT);  // every Vulkan device has host-visible coherent memory
  return 0;
}

void createBuffer(const StudioDevice& d, VkExtent2D extent, VkFormat format, ScreenshotBuffer* shot) {
  VkBufferCreateInfo info = {VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  info.size = VkDeviceSize(extent.width) * extent.height * 4;
  info.usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT;
  checkVk(vkCreateBuffer(d.core->device, &info, nullptr, &shot->buffer));
  VkMemoryRequirements req;
  vkGetBufferMemoryRequirements(d.core->device, shot->buffer, &req);
  VkMemoryAllocateInfo alloc = {VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  alloc.allocationSize = req.size;
  alloc.memoryTypeIndex = hostMemoryType(d, req.memoryTypeBits);
  checkVk(vkAllocateMemory(d.core->device, &alloc, nullptr, &shot->memory));
  checkVk(vkBindBufferMemory(d.core->device, shot->buffer, shot->memory, 0));
  checkVk(vkMapMemory(d.core->device, shot->memory, 0, VK_WHOLE_SIZE, 0, &shot->mapped));
  shot->extent = extent;
  shot->format = format;
}

}  // namespace

bool checkScreenshotPath(const std::string& path, std::string* error) {
  namespace fs = std::filesystem;
  if (path.empty()) {
    *error = "--screenshot needs a file name";
    return false;
  }
  const fs::path p(path);
  std::error_code ec;
  if (fs::is_directory(p, ec)) {
    *error = "cannot write screenshot " + path + ": it is a folder";
    return false;
  }
  const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec)) {
    *error = "cannot write screenshot " + path + ": folder " + dir.string() + " does not exist";
    return false;
  }
  if (access(dir.c_str(), W_OK) != 0) {
    *error = "cannot write screenshot " + path + ": folder " + dir.string() + " is not writable";
    return false;
  }
  return true;
}

void recordSwapchainCopy(VkCommandBuffer cmd, const StudioDevice& d, const Swapchain& s, uint32_t image,
                         ScreenshotBuffer* shot) {
  if (shot->buffer && (shot->extent.width != s.extent.width || shot->extent.height != s.extent.height))
    destroyScreenshotBuffer(d, *shot);
  if (!shot->buffer) createBuffer(d, s.extent, s.format, shot);

  // The render pass's colour writes (it ended with the image in PRESENT_SRC) -> the transfer reads it.
  VkImageMemoryBarrier toCopy = {VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
  toCopy.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  toCopy.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
  toCopy.oldLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
  toCopy.newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  toCopy.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  toCopy.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  toCopy.image = s.images[image];
  toCopy.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0,
                       nullptr, 0, nullptr, 1, &toCopy);
  VkBufferImageCopy region = {};
  region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.imageExtent = {s.extent.width, s.extent.height, 1};
  vkCmdCopyImageToBuffer(cmd, s.images[image], VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, shot->buffer, 1, &region);
  // The copy's read finishes before the image goes back to the presentation layout (present waits on the
  // submit's semaphore, which covers everything here); the copied bytes -> the host after the fence.
  VkImageMemoryBarrier toPresent = toCopy;
  toPresent.srcAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
  toPresent.dstAccessMask = 0;
  toPresent.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  toPresent.newLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
  VkMemoryBarrier toHost = {VK_STRUCTURE_TYPE_MEMORY_BARRIER};
  toHost.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  toHost.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT,
                       VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT | VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &toHost, 0, nullptr, 1,
                       &toPresent);
  shot->recorded = true;
}

bool writeScreenshot(const ScreenshotBuffer& shot, const std::string& path, std::string* error) {
  if (!shot.recorded) {
    *error = "no frame was captured";
    return false;
  }
  PngImage image;
  image.width = shot.extent.width;
  image.height = shot.extent.height;
  image.channels = 3;
  image.bitDepth = 8;
  image.samples.resize(size_t(image.width) * image.height * 3);
  const uint8_t* src = static_cast<const uint8_t*>(shot.mapped);
  // B8G8R8A8 swapchains (the usual X11 format) store blue first.
  const bool bgra = shot.format == VK_FORMAT_B8G8R8A8_UNORM || shot.format == VK_FORMAT_B8G8R8A8_SRGB;
  for (size_t i = 0; i < size_t(image.width) * image.height; ++i) {
    image.samples[3 * i + 0] = src[4 * i + (bgra ? 2 : 0)];
    image.samples[3 * i + 1] = src[4 * i + 1];
    image.samples[3 * i + 2] = src[4 * i + (bgra ? 0 : 2)];
  }
  return writePng(path, image, error);
}

void destroyScreenshotBuffer(const StudioDevice& d, ScreenshotBuffer& shot) {
  if (shot.memory) vkFreeMemory(d.core->device, shot.memory, nullptr);  // unmaps implicitly
  if (shot.buffer) vkDestroyBuffer(d.core->device, shot.buffer, nullptr);
  shot = ScreenshotBuffer();
}

}  // namespace specdither::studio
