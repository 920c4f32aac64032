// Storage buffers for the GPU stages. Device-local buffers hold the optimizer state; host-visible ones carry
// uploads, readbacks and the loss history.
#pragma once

#include "specdither/api.h"
#include "specdither/context.h"

namespace specdither {

struct GpuBuffer {
  VkBuffer buffer = VK_NULL_HANDLE;
  VkDeviceMemory memory = VK_NULL_HANDLE;
  VkDeviceSize size = 0;
  void* mapped = nullptr;  // non-null for host-visible buffers (persistently mapped, coherent)
};

enum class MemoryKind { DeviceLocal, HostVisible };

SPECDITHER_API GpuBuffer createBuffer(GpuContext* context, VkDeviceSize size, MemoryKind kind);
SPECDITHER_API void destroyBuffer(GpuContext* context, GpuBuffer& buffer);

// Setup-time transfers through a temporary staging buffer (one submit each). Not for the hot loop.
SPECDITHER_API void uploadBuffer(GpuContext* context, const GpuBuffer& dst, const void* data, VkDeviceSize size);
SPECDITHER_API void downloadBuffer(GpuContext* context, const GpuBuffer& src, void* data, VkDeviceSize size);

SPECDITHER_API void recordFillBuffer(VkCommandBuffer cmd, const GpuBuffer& buffer, uint32_t value);
SPECDITHER_API void recordCopyBuffer(VkCommandBuffer cmd, const GpuBuffer& src, const GpuBuffer& dst,
                                     VkDeviceSize size);

// Makes every shader/transfer write before it visible to every shader/transfer read and write after it. The
// stages of one optimization step form a chain, so one full barrier between dependent dispatches is what they
// need; host reads are covered by recordHostReadBarrier.
SPECDITHER_API void recordComputeBarrier(VkCommandBuffer cmd);
// A global memory barrier between the given stages and accesses (for what the two above do not cover, e.g.
// compute writes read by a fragment shader).
SPECDITHER_API void recordMemoryBarrier(VkCommandBuffer cmd, VkPipelineStageFlags srcStages, VkAccessFlags srcAccess,
                                        VkPipelineStageFlags dstStages, VkAccessFlags dstAccess);
SPECDITHER_API void recordHostReadBarrier(VkCommandBuffer cmd);

}  // namespace specdither
