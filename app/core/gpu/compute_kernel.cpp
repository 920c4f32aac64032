#include "specdither/compute_kernel.h"

#include "gpu/shader_registry.h"

#include <volk.h>

#include <cassert>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace specdither {

namespace {

ComputeKernel buildKernel(GpuContext* c, const char* shaderName, uint32_t bindingCount, uint32_t pushSize,
                          const std::vector<uint32_t>& constants, uint32_t localX, uint32_t localY, uint32_t localZ) {
  const ShaderCode* code = findShader(shaderName);
  if (!code) {
    std::fprintf(stderr, "internal error: shader '%s' is not embedded in the library\n", shaderName);
    std::abort();
  }
  ComputeKernel k;
  k.bindingCount = bindingCount;
  k.pushSize = pushSize;
  k.localSize[0] = localX;
  k.localSize[1] = localY;
  k.localSize[2] = localZ;

  std::vector<VkDescriptorSetLayoutBinding> bindings(bindingCount);
  for (uint32_t i = 0; i < bindingCount; ++i) {
    bindings[i].binding = i;
    bindings[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    bindings[i].descriptorCount = 1;
    bindings[i].stageFlags = VK_SHADER_STAGE_COMPUTE_BIT;
  }
  VkDescriptorSetLayoutCreateInfo setInfo = {VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
  setInfo.flags = VK_DESCRIPTOR_SET_LAYOUT_CREATE_PUSH_DESCRIPTOR_BIT_KHR;
  setInfo.bindingCount = bindingCount;
  setInfo.pBindings = bindings.data();
  VK_CHECK(vkCreateDescriptorSetLayout(c->device, &setInfo, nullptr, &k.setLayout));

  VkPushConstantRange range = {VK_SHADER_STAGE_COMPUTE_BIT, 0, pushSize};
  VkPipelineLayoutCreateInfo layoutInfo = {VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  layoutInfo.setLayoutCount = 1;
  layoutInfo.pSetLayouts = &k.setLayout;
  layoutInfo.pushConstantRangeCount = pushSize ? 1 : 0;
  layoutInfo.pPushConstantRanges = &range;
  VK_CHECK(vkCreatePipelineLayout(c->device, &layoutInfo, nullptr, &k.layout));

  VkShaderModuleCreateInfo moduleInfo = {VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
  moduleInfo.codeSize = code->wordCount * 4;
  moduleInfo.pCode = code->words;
  VkShaderModule module = VK_NULL_HANDLE;
  VK_CHECK(vkCreateShaderModule(c->device, &moduleInfo, nullptr, &module));

  VkComputePipelineCreateInfo info = {VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
  info.stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  info.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
  info.stage.module = module;
  info.stage.pName = "main";
  std::vector<VkSpecializationMapEntry> entries(constants.size());
  for (uint32_t i = 0; i < entries.size(); ++i) entries[i] = {i, i * 4, 4};
  VkSpecializationInfo specialization = {uint32_t(entries.size()), entries.data(), constants.size() * 4,
                                         constants.data()};
  if (!constants.empty()) info.stage.pSpecializationInfo = &specialization;
  info.layout = k.layout;
  VK_CHECK(vkCreateComputePipelines(c->device, VK_NULL_HANDLE, 1, &info, nullptr, &k.pipeline));
  vkDestroyShaderModule(c->device, module, nullptr);
  return k;
}

}  // namespace

ComputeKernel createKernel(GpuContext* c, const char* shaderName, uint32_t bindingCount, uint32_t pushSize,
                           uint32_t localX, uint32_t localY, uint32_t localZ) {
  return buildKernel(c, shaderName, bindingCount, pushSize, {}, localX, localY, localZ);
}

ComputeKernel createSpecializedKernel(GpuContext* c, const char* shaderName, uint32_t bindingCount, uint32_t pushSize,
                                      std::initializer_list<uint32_t> constants, uint32_t localX) {
  return buildKernel(c, shaderName, bindingCount, pushSize, constants, localX, 1, 1);
}

void destroyKernel(GpuContext* c, ComputeKernel& k) {
  if (k.pipeline) vkDestroyPipeline(c->device, k.pipeline, nullptr);
  if (k.layout) vkDestroyPipelineLayout(c->device, k.layout, nullptr);
  if (k.setLayout) vkDestroyDescriptorSetLayout(c->device, k.setLayout, nullptr);
  k = ComputeKernel();
}

void recordDispatch(VkCommandBuffer cmd, const ComputeKernel& k, std::initializer_list<const GpuBuffer*> buffers,
                    const void* push, uint32_t pushSize, uint32_t threadsX, uint32_t threadsY, uint32_t threadsZ) {
  if (pushSize != k.pushSize || buffers.size() != k.bindingCount) {
    std::fprintf(stderr, "internal error: dispatch with %u bytes/%zu buffers for a kernel of %u bytes/%u buffers\n",
                 pushSize, buffers.size(), k.pushSize, k.bindingCount);
    std::abort();
  }
  VkDescriptorBufferInfo infos[16];
  VkWriteDescriptorSet writes[16];
  uint32_t i = 0;
  for (const GpuBuffer* b : buffers) {
    infos[i] = {b->buffer, 0, VK_WHOLE_SIZE};
    writes[i] = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    writes[i].dstBinding = i;
    writes[i].descriptorCount = 1;
    writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    writes[i].pBufferInfo = &infos[i];
    ++i;
  }
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, k.pipeline);
  if (i) vkCmdPushDescriptorSetKHR(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, k.layout, 0, i, writes);
  if (pushSize) vkCmdPushConstants(cmd, k.layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, pushSize, push);
  vkCmdDispatch(cmd, (threadsX + k.localSize[0] - 1) / k.localSize[0], (threadsY + k.localSize[1] - 1) / k.localSize[1],
                (threadsZ + k.localSize[2] - 1) / k.localSize[2]);
}

}  // namespace specdither
