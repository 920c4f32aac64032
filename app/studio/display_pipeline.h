// Draws a packed-RGBA8 storage buffer (what the view passes write) inside ImGui windows. Dear ImGui 1.86's
// Vulkan backend binds only its font texture (no ImGui_ImplVulkan_AddTexture yet), so views are drawn by a
// draw-list callback: at that point in ImGui's command stream it binds this pipeline, pushes the buffer as a
// push descriptor, draws one rectangle with nearest-neighbour sampling (and toroidal wrap for tiled views),
// then asks the backend to restore its own state (ImDrawCallback_ResetRenderState).
#pragma once

#include "studio_device.h"
#include "view_pixels.h"

#include <imgui.h>

#include <deque>

namespace specdither::studio {

struct DisplayPipeline;

// One draw of this frame, referenced by its ImGui callback.
struct DisplayRequest {
  DisplayPipeline* owner;
  ViewPixels pixels;
  ImVec2 p0, p1, uv0, uv1;
};

struct DisplayPipeline {
  VkDescriptorSetLayout setLayout = VK_NULL_HANDLE;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  VkPipeline pipeline = VK_NULL_HANDLE;
  PFN_vkCmdPushDescriptorSetKHR pushDescriptorSet = nullptr;
  VkCommandBuffer commandBuffer = VK_NULL_HANDLE;  // the one ImGui is recording into (set by renderImGui)
  std::deque<DisplayRequest> requests;             // this frame's draws; a deque keeps the callback pointers stable
};

void createDisplayPipeline(const StudioDevice& device, VkRenderPass renderPass, DisplayPipeline* pipeline);
void destroyDisplayPipeline(const StudioDevice& device, DisplayPipeline& pipeline);

// Call once per frame before building the UI: forgets last frame's draw requests.
void beginDisplayFrame(DisplayPipeline& pipeline);

// Adds a draw of pixels to the current ImGui window's draw list at screen rectangle [p0, p1], showing image
// coordinates uv0..uv1 (1 = one image width/height; > 1 repeats the image). Call between ImGui's NewFrame and
// Render; the draw happens inside ImGui_ImplVulkan_RenderDrawData.
void addViewImage(DisplayPipeline& pipeline, const ViewPixels& pixels, ImVec2 p0, ImVec2 p1, ImVec2 uv0 = {0, 0},
                  ImVec2 uv1 = {1, 1});

}  // namespace specdither::studio
