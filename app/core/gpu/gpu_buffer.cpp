#include "specdither/gpu_buffer.h"

#include <volk.h>

#include <cstring>

namespace specdither {

namespace {

uint32_t findMemoryType(GpuContext* c, uint32_t typeBits, VkMemoryPropertyFlags wanted) {
  VkPhysicalDeviceMemoryProperties props;
  vkGetPhysicalDeviceMemoryProperties(c->physicalDevice, &props);
  for (uint32_t i = 0; i < props.memoryTypeCount; ++i)
    if ((typeBits & (1u << i)) && (props.memoryTypes[i].propertyFlags & wanted) == wanted) return i;
  return UINT32_MAX;
}

}  // namespace

GpuBuffer createBuffer(GpuContext* c, VkDeviceSize size, MemoryKind kind) {
  GpuBuffer b;
  b.size = size;
  VkBufferCreateInfo info = {VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  info.size = size;
  info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  VK_CHECK(vkCreateBuffer(c->device, &info, nullptr, &b.buffer));
  VkMemoryRequirements req;
  vkGetBufferMemoryRequirements(c->device, b.buffer, &req);
  VkMemoryPropertyFlags wanted = kind == MemoryKind::DeviceLocal
                                     ? VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT
                                     : VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
  uint32_t type = findMemoryType(c, req.memoryTypeBits, wanted);
  if (type == UINT32_MAX) type = findMemoryType(c, req.memoryTypeBits, 0);
  VkMemoryAllocateInfo alloc = {VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  alloc.allocationSize = req.size;
  alloc.memoryTypeIndex = type;
  VK_CHECK(vkAllocateMemory(c->device, &alloc, nullptr, &b.memory));
  VK_CHECK(vkBindBufferMemory(c->device, b.buffer, b.memory, 0));
  if (kind == MemoryKind::HostVisible) VK_CHECK(vkMapMemory(c->device, b.memory, 0, size, 0, &b.mapped));
  return b;
}

void destroyBuffer(GpuContext* c, GpuBuffer& b) {
  if (b.buffer) vkDestroyBuffer(c->device, b.buffer, nullptr);
  if (b.memory) vkFreeMemory(c->device, b.memory, nullptr);  // unmaps implicitly
  b = GpuBuffer();
}

void uploadBuffer(GpuContext* c, const GpuBuffer& dst, const void* data, VkDeviceSize size) {
  GpuBuffer staging = createBuffer(c, size, MemoryKind::HostVisible);
  std::memcpy(staging.mapped, data, size_t(size));
  submitAndWait(c, [&](VkCommandBuffer cmd) { recordCopyBuffer(cmd, staging, dst, size); });
  destroyBuffer(c, staging);
}

void downloadBuffer(GpuContext* c, const GpuBuffer& src, void* data, VkDeviceSize size) {
  GpuBuffer staging = createBuffer(c, size, MemoryKind::HostVisible);
  submitAndWait(c, [&](VkCommandBuffer cmd) {
    recordComputeBarrier(cmd);
    recordCopyBuffer(cmd, src, staging, size);
    recordHostReadBarrier(cmd);
  });
  std::memcpy(data, staging.mapped, size_t(size));
  destroyBuffer(c, staging);
}

void recordFillBuffer(VkCommandBuffer cmd, const GpuBuffer& buffer, uint32_t value) {
  vkCmdFillBuffer(cmd, buffer.buffer, 0, VK_WHOLE_SIZE, value);
}

void recordCopyBuffer(VkCommandBuffer cmd, const GpuBuffer& src, const GpuBuffer& dst, VkDeviceSize size) {
  VkBufferCopy region = {0, 0, size};
  vkCmdCopyBuffer(cmd, src.buffer, dst.buffer, 1, &region);
}

void recordMemoryBarrier(VkCommandBuffer cmd, VkPipelineStageFlags srcStages, VkAccessFlags srcAccess,
                         VkPipelineStageFlags dstStages, VkAccessFlags dstAccess) {
  VkMemoryBarrier barrier = {VK_STRUCTURE_TYPE_MEMORY_BARRIER};
  barrier.srcAccessMask = srcAccess;
  barrier.dstAccessMask = dstAccess;
  vkCmdPipelineBarrier(cmd, srcStages, dstStages, 0, 1, &barrier, 0, nullptr, 0, nullptr);
}

void recordComputeBarrier(VkCommandBuffer cmd) {
  const VkPipelineStageFlags stages = VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
  recordMemoryBarrier(cmd, stages, VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT, stages,
                      VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_READ_BIT |
                          VK_ACCESS_TRANSFER_WRITE_BIT);
}

void recordHostReadBarrier(VkCommandBuffer cmd) {
  recordMemoryBarrier(cmd, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                      VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_HOST_BIT,
                      VK_ACCESS_HOST_READ_BIT);
}

}  // namespace specdither
