#include "display_pipeline.h"

#include <algorithm>

namespace specdither::studio {

namespace {

const uint32_t kVertexSpirv[] =
#include "display.vert.inc"
    ;
const uint32_t kFragmentSpirv[] =
#include "display.frag.inc"
    ;

// Must match the push block of shaders/display.vert and display.frag.
struct DisplayPush {
  float rect[4];
  float uv[4];
  uint32_t width;
  uint32_t height;
};

VkShaderModule createModule(VkDevice device, const uint32_t* code, size_t bytes) {
  VkShaderModuleCreateInfo info = {VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
  info.codeSize = bytes;
  info.pCode = code;
  VkShaderModule module = VK_NULL_HANDLE;
  checkVk(vkCreateShaderModule(device, &info, nullptr, &module));
  return module;
}

void drawRequest(const ImDrawList*, const ImDrawCmd* command) {
  const auto* r = static_cast<const DisplayRequest*>(command->UserCallbackData);
  const DisplayPipeline& dp = *r->owner;
  const ImDrawData* drawData = ImGui::GetDrawData();
  const ImVec2 origin = drawData->DisplayPos, size = drawData->DisplaySize, scale = drawData->FramebufferScale;
  VkCommandBuffer cmd = dp.commandBuffer;

  // Clip to the window's clip rectangle, in framebuffer pixels, as the backend does for its own draws.
  const float fbWidth = size.x * scale.x, fbHeight = size.y * scale.y;
  const float x0 = std::max((command->ClipRect.x - origin.x) * scale.x, 0.0f);
  const float y0 = std::max((command->ClipRect.y - origin.y) * scale.y, 0.0f);
  const float x1 = std::min((command->ClipRect.z - origin.x) * scale.x, fbWidth);
  const float y1 = std::min((command->ClipRect.w - origin.y) * scale.y, fbHeight);
  if (x1 <= x0 || y1 <= y0) return;
  VkRect2D scissor = {{int32_t(x0), int32_t(y0)}, {uint32_t(x1 - x0), uint32_t(y1 - y0)}};
  VkViewport viewport = {0, 0, fbWidth, fbHeight, 0, 1};

  DisplayPush push = {};
  push.rect[0] = (r->p0.x - origin.x) / size.x * 2 - 1;
  push.rect[1] = (r->p0.y - origin.y) / size.y * 2 - 1;
  push.rect[2] = (r->p1.x - origin.x) / size.x * 2 - 1;
  push.rect[3] = (r->p1.y - origin.y) / size.y * 2 - 1;
  push.uv[0] = r->uv0.x;
  push.uv[1] = r->uv0.y;
  push.uv[2] = r->uv1.x;
  push.uv[3] = r->uv1.y;
  push.width = r->pixels.width;
  push.height = r->pixels.height;

  VkDescriptorBufferInfo bufferInfo = {r->pixels.buffer, 0, VK_WHOLE_SIZE};
  VkWriteDescriptorSet write = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
  write.dstBinding = 0;
  write.descriptorCount = 1;
  write.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
  write.pBufferInfo = &bufferInfo;

  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, dp.pipeline);
  dp.pushDescriptorSet(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, dp.layout, 0, 1, &write);
  vkCmdPushConstants(cmd, dp.layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(push), &push);
  vkCmdSetViewport(cmd, 0, 1, &viewport);
  vkCmdSetScissor(cmd, 0, 1, &scissor);
  vkCmdDraw(cmd, 6, 1, 0, 0);
}

}  // namespace

void createDisplayPipeline(const StudioDevice& d, VkRenderPass renderPass, DisplayPipeline* dp) {
  dp->pushDescriptorSet = d.cmdPushDescriptorSet;
  VkDescriptorSetLayoutBinding binding = {};
  binding.binding = 0;
  binding.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
  binding.descriptorCount = 1;
  binding.stageFlags = VK_SHADER_STAGE_FRAGMENT_BIT;
  VkDescriptorSetLayoutCreateInfo setInfo = {VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
  setInfo.flags = VK_DESCRIPTOR_SET_LAYOUT_CREATE_PUSH_DESCRIPTOR_BIT_KHR;
  setInfo.bindingCount = 1;
  setInfo.pBindings = &binding;
  checkVk(vkCreateDescriptorSetLayout(d.core->device, &setInfo, nullptr, &dp->setLayout));

  VkPushConstantRange range = {VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(DisplayPush)};
  VkPipelineLayoutCreateInfo layoutInfo = {VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  layoutInfo.setLayoutCount = 1;
  layoutInfo.pSetLayouts = &dp->setLayout;
  layoutInfo.pushConstantRangeCount = 1;
  layoutInfo.pPushConstantRanges = &range;
  checkVk(vkCreatePipelineLayout(d.core->device, &layoutInfo, nullptr, &dp->layout));

  VkShaderModule vertex = createModule(d.core->device, kVertexSpirv, sizeof(kVertexSpirv));
  VkShaderModule fragment = createModule(d.core->device, kFragmentSpirv, sizeof(kFragmentSpirv));
  VkPipelineShaderStageCreateInfo stages[2] = {{VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO},
                                               {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO}};
  stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
  stages[0].module = vertex;
  stages[0].pName = "main";
  stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
  stages[1].module = fragment;
  stages[1].pName = "main";

  VkPipelineVertexInputStateCreateInfo vertexInput = {VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};
  VkPipelineInputAssemblyStateCreateInfo assembly = {VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO};
  assembly.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
  VkPipelineViewportStateCreateInfo viewport = {VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO};
  viewport.viewportCount = 1;
  viewport.scissorCount = 1;
  VkPipelineRasterizationStateCreateInfo raster = {VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO};
  raster.polygonMode = VK_POLYGON_MODE_FILL;
  raster.cullMode = VK_CULL_MODE_NONE;
  raster.lineWidth = 1.0f;
  VkPipelineMultisampleStateCreateInfo multisample = {VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO};
  multisample.rasterizationSamples = VK_SAMPLE_COUNT_1_BIT;
  VkPipelineColorBlendAttachmentState blendAttachment = {};
  blendAttachment.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT | VK_COLOR_COMPONENT_B_BIT |
                                   VK_COLOR_COMPONENT_A_BIT;  // opaque: views replace what is under them
  VkPipelineColorBlendStateCreateInfo blend = {VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO};
  blend.attachmentCount = 1;
  blend.pAttachments = &blendAttachment;
  VkPipelineDepthStencilStateCreateInfo depth = {VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO};
  VkDynamicState dynamicStates[2] = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
  VkPipelineDynamicStateCreateInfo dynamic = {VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO};
  dynamic.dynamicStateCount = 2;
  dynamic.pDynamicStates = dynamicStates;

  VkGraphicsPipelineCreateInfo info = {VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO};
  info.stageCount = 2;
  info.pStages = stages;
  info.pVertexInputState = &vertexInput;
  info.pInputAssemblyState = &assembly;
  info.pViewportState = &viewport;
  info.pRasterizationState = &raster;
  info.pMultisampleState = &multisample;
  info.pDepthStencilState = &depth;
  info.pColorBlendState = &blend;
  info.pDynamicState = &dynamic;
  info.layout = dp->layout;
  info.renderPass = renderPass;
  info.subpass = 0;
  checkVk(vkCreateGraphicsPipelines(d.core->device, VK_NULL_HANDLE, 1, &info, nullptr, &dp->pipeline));
  vkDestroyShaderModule(d.core->device, vertex, nullptr);
  vkDestroyShaderModule(d.core->device, fragment, nullptr);
}

void destroyDisplayPipeline(const StudioDevice& d, DisplayPipeline& dp) {
  if (dp.pipeline) vkDestroyPipeline(d.core->device, dp.pipeline, nullptr);
  if (dp.layout) vkDestroyPipelineLayout(d.core->device, dp.layout, nullptr);
  if (dp.setLayout) vkDestroyDescriptorSetLayout(d.core->device, dp.setLayout, nullptr);
  dp = DisplayPipeline();
}

void beginDisplayFrame(DisplayPipeline& dp) { dp.requests.clear(); }

void addViewImage(DisplayPipeline& dp, const ViewPixels& pixels, ImVec2 p0, ImVec2 p1, ImVec2 uv0, ImVec2 uv1) {
  if (!pixels.buffer || pixels.width == 0 || pixels.height == 0) return;
  dp.requests.push_back({&dp, pixels, p0, p1, uv0, uv1});
  ImDrawList* list = ImGui::GetWindowDrawList();
  list->AddCallback(drawRequest, &dp.requests.back());
  list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

}  // namespace specdither::studio
