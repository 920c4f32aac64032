// Dear ImGui 1.86 on GLFW + Vulkan: context, backends, fonts and the studio's look. The Vulkan backend draws
// into the swapchain's render pass; view images go through display_pipeline.h.
#pragma once

#include "studio_device.h"
#include "swapchain.h"

struct GLFWwindow;
struct ImFont;

namespace specdither::studio {

struct ImGuiLayer {
  VkDescriptorPool descriptorPool = VK_NULL_HANDLE;  // the backend's font descriptor set
};

// Setup: context, style, fonts (DejaVu from the system when present, else ImGui's built-in font), both
// backends, and the font upload (one submit on the queue, waited for).
void createImGuiLayer(GLFWwindow* window, const StudioDevice& device, const Swapchain& swapchain, ImGuiLayer* layer);
void destroyImGuiLayer(const StudioDevice& device, ImGuiLayer& layer);

// The window background (the render pass clears to it; ImGui's window backgrounds are transparent).
constexpr float kPanelBackground[4] = {0.085f, 0.09f, 0.10f, 1.0f};

// Starts a UI frame (both backends, then ImGui::NewFrame).
void beginImGuiFrame();

// The monospace font for figures (or the default font when none was found).
ImFont* monospaceFont();

}  // namespace specdither::studio
