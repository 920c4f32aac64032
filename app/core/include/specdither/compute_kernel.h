// A compute pipeline built from an embedded shader, with its storage buffers bound by push descriptors
// (binding i = buffers[i]) and a push-constant block. Dispatch helpers take thread counts, not group counts.
#pragma once

#include "specdither/api.h"
#include "specdither/context.h"
#include "specdither/gpu_buffer.h"

#include <initializer_list>

namespace specdither {

struct ComputeKernel {
  VkDescriptorSetLayout setLayout = VK_NULL_HANDLE;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  VkPipeline pipeline = VK_NULL_HANDLE;
  uint32_t bindingCount = 0;
  uint32_t pushSize = 0;
  uint32_t localSize[3] = {1, 1, 1};  // the shader's workgroup size, given at creation
};

// shaderName: a shaders/*.comp file name. localSize must match the shader's local_size (taken from the shared
// header shaders/specdither_shared.h). Aborts if the shader was not built (a bug, not a user error).
SPECDITHER_API ComputeKernel createKernel(GpuContext* context, const char* shaderName, uint32_t bindingCount,
                                          uint32_t pushSize, uint32_t localX, uint32_t localY = 1, uint32_t localZ = 1);
// The same with the shader's specialization constants constant_id = i set to constants[i] (32-bit each): a
// choice fixed per pipeline instead of a branch on a push constant. On lavapipe a branch runs both sides under
// a mask, memory accesses included, even when every lane takes the same side.
SPECDITHER_API ComputeKernel createSpecializedKernel(GpuContext* context, const char* shaderName, uint32_t bindingCount,
                                                     uint32_t pushSize, std::initializer_list<uint32_t> constants,
                                                     uint32_t localX);
SPECDITHER_API void destroyKernel(GpuContext* context, ComputeKernel& kernel);

// Binds buffers and push constants and dispatches ceil(threads / localSize) workgroups per axis.
// pushSize must equal the kernel's push-constant size.
SPECDITHER_API void recordDispatch(VkCommandBuffer cmd, const ComputeKernel& kernel,
                                   std::initializer_list<const GpuBuffer*> buffers, const void* push, uint32_t pushSize,
                                   uint32_t threadsX, uint32_t threadsY = 1, uint32_t threadsZ = 1);

template <typename Push>
void recordDispatch(VkCommandBuffer cmd, const ComputeKernel& kernel, std::initializer_list<const GpuBuffer*> buffers,
                    const Push& push, uint32_t threadsX, uint32_t threadsY = 1, uint32_t threadsZ = 1) {
  recordDispatch(cmd, kernel, buffers, &push, uint32_t(sizeof(Push)), threadsX, threadsY, threadsZ);
}

}  // namespace specdither
