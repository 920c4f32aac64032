#include "imgui_layer.h"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_vulkan.h>
#include <imgui.h>

#include <sys/stat.h>

#include <algorithm>

namespace specdither::studio {

namespace {

ImFont* gMonospace = nullptr;

bool fileExists(const char* path) {
  struct stat st;
  return stat(path, &st) == 0;
}

// A dark, low-chroma theme: the views carry the colour (spectrum, photo); the chrome should not compete.
void applyStyle() {
  ImGuiStyle& style = ImGui::GetStyle();
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 0.0f;
  style.FrameRounding = 3.0f;
  style.GrabRounding = 3.0f;
  style.ScrollbarRounding = 3.0f;
  style.TabRounding = 3.0f;
  style.WindowBorderSize = 1.0f;
  style.FrameBorderSize = 0.0f;
  style.WindowPadding = ImVec2(8, 8);
  style.FramePadding = ImVec2(6, 3);
  style.ItemSpacing = ImVec2(6, 5);
  style.ItemInnerSpacing = ImVec2(5, 4);
  style.IndentSpacing = 12.0f;
  // Slider values are drawn over the grab: a narrow, half-transparent grab keeps the digits it passes readable.
  style.GrabMinSize = 5.0f;
  style.WindowTitleAlign = ImVec2(0.0f, 0.5f);
  ImVec4* c = style.Colors;
  const ImVec4 accent(0.96f, 0.62f, 0.25f, 1.0f);  // the inferno colormap's orange
  // Transparent: the panels tile the whole window, so the render pass's clear colour (kPanelBackground) is
  // their background, and ImGui skips drawing one textured, blended full-screen layer, which on lavapipe costs
  // about as much as everything else it draws.
  c[ImGuiCol_WindowBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);
  c[ImGuiCol_ChildBg] = ImVec4(0.07f, 0.075f, 0.085f, 1.0f);
  c[ImGuiCol_PopupBg] = ImVec4(0.10f, 0.105f, 0.12f, 0.98f);
  c[ImGuiCol_Border] = ImVec4(0.20f, 0.21f, 0.24f, 1.0f);
  c[ImGuiCol_TitleBg] = ImVec4(0.11f, 0.115f, 0.13f, 1.0f);
  c[ImGuiCol_TitleBgActive] = ImVec4(0.14f, 0.15f, 0.17f, 1.0f);
  c[ImGuiCol_TitleBgCollapsed] = c[ImGuiCol_TitleBg];
  c[ImGuiCol_FrameBg] = ImVec4(0.15f, 0.16f, 0.18f, 1.0f);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.20f, 0.21f, 0.24f, 1.0f);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.24f, 0.25f, 0.29f, 1.0f);
  c[ImGuiCol_Button] = ImVec4(0.18f, 0.19f, 0.22f, 1.0f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.26f, 0.27f, 0.31f, 1.0f);
  c[ImGuiCol_ButtonActive] = ImVec4(0.32f, 0.33f, 0.38f, 1.0f);
  c[ImGuiCol_Header] = ImVec4(0.17f, 0.18f, 0.21f, 1.0f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.24f, 0.25f, 0.29f, 1.0f);
  c[ImGuiCol_HeaderActive] = ImVec4(0.29f, 0.30f, 0.35f, 1.0f);
  c[ImGuiCol_CheckMark] = accent;
  c[ImGuiCol_SliderGrab] = ImVec4(0.80f, 0.52f, 0.22f, 0.55f);
  c[ImGuiCol_SliderGrabActive] = ImVec4(0.96f, 0.62f, 0.25f, 0.75f);
  c[ImGuiCol_PlotLines] = accent;
  c[ImGuiCol_PlotLinesHovered] = ImVec4(1.0f, 0.85f, 0.45f, 1.0f);
  c[ImGuiCol_PlotHistogram] = accent;
  c[ImGuiCol_Separator] = c[ImGuiCol_Border];
  c[ImGuiCol_Tab] = c[ImGuiCol_Button];
  c[ImGuiCol_TabHovered] = c[ImGuiCol_ButtonHovered];
  c[ImGuiCol_TabActive] = ImVec4(0.30f, 0.24f, 0.17f, 1.0f);
  c[ImGuiCol_TextSelectedBg] = ImVec4(0.96f, 0.62f, 0.25f, 0.35f);
  c[ImGuiCol_Text] = ImVec4(0.88f, 0.89f, 0.91f, 1.0f);
  c[ImGuiCol_TextDisabled] = ImVec4(0.50f, 0.52f, 0.56f, 1.0f);
}

void loadFonts() {
  ImGuiIO& io = ImGui::GetIO();
  const char* sans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  const char* mono = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
  // Latin plus the Greek letters the labels use (sigma).
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2013, 0x2014, 0x2190, 0x2193, 0};
  if (fileExists(sans))
    io.Fonts->AddFontFromFileTTF(sans, 14.0f, nullptr, ranges);
  else
    io.Fonts->AddFontDefault();
  gMonospace = fileExists(mono) ? io.Fonts->AddFontFromFileTTF(mono, 13.0f, nullptr, ranges) : io.Fonts->Fonts[0];
}

void uploadFonts(const StudioDevice& d) {
  VkCommandPoolCreateInfo poolInfo = {VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  poolInfo.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
  poolInfo.queueFamilyIndex = d.core->queueFamily;
  VkCommandPool pool = VK_NULL_HANDLE;
  checkVk(vkCreateCommandPool(d.core->device, &poolInfo, nullptr, &pool));
  VkCommandBufferAllocateInfo alloc = {VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  alloc.commandPool = pool;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  checkVk(vkAllocateCommandBuffers(d.core->device, &alloc, &cmd));
  VkCommandBufferBeginInfo begin = {VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  checkVk(vkBeginCommandBuffer(cmd, &begin));
  ImGui_ImplVulkan_CreateFontsTexture(cmd);
  checkVk(vkEndCommandBuffer(cmd));
  VkSubmitInfo submit = {VK_STRUCTURE_TYPE_SUBMIT_INFO};
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;
  checkVk(vkQueueSubmit(d.core->queue, 1, &submit, VK_NULL_HANDLE));
  checkVk(vkQueueWaitIdle(d.core->queue));
  ImGui_ImplVulkan_DestroyFontUploadObjects();
  vkDestroyCommandPool(d.core->device, pool, nullptr);
}

}  // namespace

void createImGuiLayer(GLFWwindow* window, const StudioDevice& d, const Swapchain& swapchain, ImGuiLayer* layer) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is computed from the window size every frame; nothing to remember
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  applyStyle();
  loadFonts();

  VkDescriptorPoolSize size = {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 4};
  VkDescriptorPoolCreateInfo poolInfo = {VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  poolInfo.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
  poolInfo.maxSets = 4;
  poolInfo.poolSizeCount = 1;
  poolInfo.pPoolSizes = &size;
  checkVk(vkCreateDescriptorPool(d.core->device, &poolInfo, nullptr, &layer->descriptorPool));

  ImGui_ImplGlfw_InitForVulkan(window, true);
  ImGui_ImplVulkan_InitInfo info = {};
  info.Instance = d.core->instance;
  info.PhysicalDevice = d.core->physicalDevice;
  info.Device = d.core->device;
  info.QueueFamily = d.core->queueFamily;
  info.Queue = d.core->queue;
  info.DescriptorPool = layer->descriptorPool;
  info.Subpass = 0;
  info.MinImageCount = std::max<uint32_t>(swapchain.minImageCount, 2);
  info.ImageCount = std::max<uint32_t>(uint32_t(swapchain.images.size()), info.MinImageCount);
  info.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
  info.CheckVkResultFn = checkVk;
  ImGui_ImplVulkan_Init(&info, swapchain.renderPass);
  uploadFonts(d);
}

void destroyImGuiLayer(const StudioDevice& d, ImGuiLayer& layer) {
  ImGui_ImplVulkan_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  if (layer.descriptorPool) vkDestroyDescriptorPool(d.core->device, layer.descriptorPool, nullptr);
  layer = ImGuiLayer();
  gMonospace = nullptr;
}

void beginImGuiFrame() {
  ImGui_ImplVulkan_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

ImFont* monospaceFont() { return gMonospace; }

}  // namespace specdither::studio
