// specdither-studio: Setup / Frame / Present / Cleanup, in the shape of Dear ImGui's glfw_vulkan example.
// Setup creates the window, the Vulkan device (shared with the core through adoptContext), the swapchain, ImGui
// and the studio's state; every frame waits for the previous one, applies what the UI asked for, records the
// optimizer's steps, the view passes and ImGui into one command buffer, and presents; cleanup runs in reverse.
#include "display_pipeline.h"
#include "frame.h"
#include "imgui_layer.h"
#include "options.h"
#include "panels.h"
#include "preset_file.h"
#include "screenshot.h"
#include "studio_app.h"
#include "studio_device.h"
#include "swapchain.h"

#define GLFW_INCLUDE_NONE
#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_vulkan.h>
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

using namespace specdither;
using namespace specdither::studio;

namespace {

int fail(const std::string& message, int code = 1) {
  std::fprintf(stderr, "specdither-studio: %s\n", message.c_str());
  return code;
}

std::string gGlfwError;
void onGlfwError(int, const char* description) { gGlfwError = description ? description : ""; }

// Drag and drop: the first dropped file becomes the photo (loaded at the start of the next frame).
void onDrop(GLFWwindow* window, int count, const char** paths) {
  auto* studio = static_cast<Studio*>(glfwGetWindowUserPointer(window));
  if (studio && count > 0) {
    studio->loadPhotoPath = paths[0];
    std::snprintf(studio->photoPath, sizeof(studio->photoPath), "%s", paths[0]);
  }
}

// Everything that can be checked before a window opens: bad input fails fast, with one line.
struct StartupInput {
  StudioSettings settings;
  Photo photo;
  std::string imageFolder;
};

bool prepareInput(const StudioOptions& o, StartupInput* in, std::string* error) {
  if (!o.screenshot.empty() && !checkScreenshotPath(o.screenshot, error)) return false;
  PresetKind kind;
  parsePresetName(o.preset, &kind);
  in->settings = presetSettings(kind, o.width, o.height, o.seed);
  if (o.width < 4 || o.height < 4 || o.width > 4096 || o.height > 4096) {
    *error = "mask size must be 4 to 4096 per axis (got " + std::to_string(o.width) + "x" + std::to_string(o.height) + ")";
    return false;
  }
  if (!o.presetFile.empty() && !loadPresetFile(o.presetFile, in->settings, &in->settings, error)) return false;
  if (o.stepsPerFrame) {
    in->settings.autoBudget = false;
    in->settings.stepsPerFrame = o.stepsPerFrame;
  }
  in->settings.targetFps = o.targetFps;
  if (!o.imageDir.empty() && !std::filesystem::is_directory(o.imageDir)) {
    *error = "--image-dir " + o.imageDir + ": no such folder";
    return false;
  }
  const std::string path = startupPhotoPath(o.image, o.imageDir, &in->imageFolder);
  if (path.empty()) {
    if (!o.imageDir.empty()) {
      *error = "--image-dir " + o.imageDir + ": no PNG images in it";
      return false;
    }
    if (std::getenv("SPECDITHER_IMAGE_DIR"))
      std::fprintf(stderr, "specdither-studio: no PNG images in $SPECDITHER_IMAGE_DIR; showing the test chart\n");
    in->photo = testChartPhoto();
    return true;
  }
  return loadPhoto(path, &in->photo, error);
}

std::string noWindowMessage() {
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  std::string why = gGlfwError.empty() ? "GLFW could not initialise" : gGlfwError;
  if ((!display || !*display) && (!wayland || !*wayland))
    why = "no display (DISPLAY is not set)";
  return "cannot open a window: " + why +
         ". Run it in a desktop session or under xvfb-run, or use the headless `specdither generate`.";
}

struct FrameStats {
  std::vector<double> seconds;  // wall time of every frame
  uint64_t steps = 0;
};

nlohmann::json summaryOf(const Studio& s, const StudioDevice& device, const StudioOptions& o,
                         const FrameStats& stats) {
  // The first frames build pipelines and FFT plans: leave out the first 10% (at least 2) from the rates.
  const size_t skip = std::max<size_t>(2, stats.seconds.size() / 10);
  double total = 0;
  size_t counted = 0;
  for (size_t i = skip; i < stats.seconds.size(); ++i, ++counted) total += stats.seconds[i];
  nlohmann::json j;
  j["frames"] = stats.seconds.size();
  j["device"] = device.deviceName;
  j["preset"] = presetName(s.session.settings.preset);
  j["size"] = {s.session.settings.width, s.session.settings.height};
  j["steps"] = s.session.step;
  j["fps"] = counted && total > 0 ? counted / total : 0.0;
  j["frame_ms"] = counted ? 1000.0 * total / counted : 0.0;
  j["steps_per_second"] = s.session.stepsPerSecond;
  j["gpu_ms_per_step"] = s.session.gpuMsPerStep;
  j["photo"] = s.photo.label;
  if (!o.screenshot.empty()) j["screenshot"] = o.screenshot;
  auto rect = [](const ImVec4& r) { return std::vector<int>{int(r.x), int(r.y), int(r.z), int(r.w)}; };
  j["panels"] = {{"matrix", rect(s.rects.matrix)}, {"spectrum", rect(s.rects.spectrum)}, {"photo", rect(s.rects.photo)}};
  return j;
}

void recordRenderPass(VkCommandBuffer cmd, const Swapchain& swapchain, uint32_t image, DisplayPipeline& display) {
  VkClearValue clear = {};
  clear.color = {{kPanelBackground[0], kPanelBackground[1], kPanelBackground[2], kPanelBackground[3]}};
  VkRenderPassBeginInfo begin = {VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
  begin.renderPass = swapchain.renderPass;
  begin.framebuffer = swapchain.framebuffers[image];
  begin.renderArea.extent = swapchain.extent;
  begin.clearValueCount = 1;
  begin.pClearValues = &clear;
  vkCmdBeginRenderPass(cmd, &begin, VK_SUBPASS_CONTENTS_INLINE);
  display.commandBuffer = cmd;  // the view callbacks record into it from inside RenderDrawData
  ImGui_ImplVulkan_RenderDrawData(ImGui::GetDrawData(), cmd);
  vkCmdEndRenderPass(cmd);
}

}  // namespace

int main(int argc, char** argv) {
  StudioOptions options;
  int exitCode = 0;
  if (!parseStudioOptions(argc, argv, &options, &exitCode)) return exitCode;
  StartupInput input;
  std::string error;
  if (!prepareInput(options, &input, &error)) return fail(error);
  if (!options.savePreset.empty()) {
    if (!savePresetFile(options.savePreset, input.settings, &error)) return fail(error);
    std::fprintf(stderr, "specdither-studio: wrote %s\n", options.savePreset.c_str());
    return 0;
  }

  // ---- Setup ----
  glfwSetErrorCallback(onGlfwError);
  if (!glfwInit()) return fail(noWindowMessage(), 3);
  if (!glfwVulkanSupported()) {
    glfwTerminate();
    return fail("no Vulkan loader or driver found (install libvulkan1 and e.g. mesa-vulkan-drivers)", 4);
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  GLFWwindow* window =
      glfwCreateWindow(int(options.windowWidth), int(options.windowHeight), "specdither studio", nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    return fail("cannot create a window: " + gGlfwError, 3);
  }
  StudioDevice device;  // stays put: the validation callback holds its address
  DeviceOptions deviceOptions;
  deviceOptions.validate = options.validate;
  deviceOptions.device = options.device;
  if (!createStudioDevice(window, deviceOptions, &device, &error)) {
    glfwDestroyWindow(window);
    glfwTerminate();
    return fail(error, 4);
  }
  GpuContext* core = adoptContext(device.instance, device.physicalDevice, device.device, device.queue,
                                  device.queueFamily, vkGetInstanceProcAddr, &error);
  if (!core) {
    destroyStudioDevice(device);
    glfwDestroyWindow(window);
    glfwTerminate();
    return fail(error, 4);
  }
  int fbWidth = 0, fbHeight = 0;
  glfwGetFramebufferSize(window, &fbWidth, &fbHeight);
  Swapchain swapchain;
  createSwapchain(device, uint32_t(fbWidth), uint32_t(fbHeight), options.vsync, &swapchain);
  FrameResources frame;
  createFrameResources(device, &frame);
  ImGuiLayer imgui;
  createImGuiLayer(window, device, swapchain, &imgui);
  DisplayPipeline display;
  createDisplayPipeline(device, swapchain.renderPass, &display);

  auto studio = std::make_unique<Studio>();
  studio->device = &device;
  studio->core = core;
  studio->display = &display;
  studio->imageFolder = input.imageFolder;
  if (!input.imageFolder.empty()) studio->folderImages = listImages(input.imageFolder);
  parseCompareMode(options.compare, &studio->view.compare);
  studio->view.bits = options.bits;
  studio->view.luma = options.luma;
  studio->view.tiled = options.tiled;
  // Automated runs (--frames) take no mouse input: the pointer of a virtual display (Xvfb puts it in the
  // middle of the screen) would otherwise hover a widget and put a tooltip into the screenshot.
  if (options.frames) ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NoMouse;
  bool ok = initStudio(*studio, input.settings, input.photo, &error);
  if (ok && !options.screenshot.empty() && !swapchain.canCopy) {
    error = "this surface does not allow copying swapchain images, so --screenshot cannot work here";
    ok = false;
  }
  studio->session.playing = !options.paused;
  glfwSetWindowUserPointer(window, studio.get());
  glfwSetDropCallback(window, onDrop);

  // ---- Frame loop ----
  ScreenshotBuffer shot;
  FrameStats stats;
  bool recreate = false, captured = false;
  auto last = std::chrono::steady_clock::now();
  while (ok && !glfwWindowShouldClose(window)) {
    glfwPollEvents();
    glfwGetFramebufferSize(window, &fbWidth, &fbHeight);
    if (recreate || uint32_t(fbWidth) != swapchain.extent.width || uint32_t(fbHeight) != swapchain.extent.height) {
      checkVk(vkDeviceWaitIdle(device.device));
      frame.submitted = false;  // idle: nothing in flight, the fence is reset below before reuse
      checkVk(vkResetFences(device.device, 1, &frame.done));
      if (!createSwapchain(device, uint32_t(fbWidth), uint32_t(fbHeight), options.vsync, &swapchain)) {
        glfwWaitEvents();  // minimized: nothing to draw into
        continue;
      }
      ImGui_ImplVulkan_SetMinImageCount(swapchain.minImageCount);
      recreate = false;
    }

    // The previous frame completed: its readbacks are valid and the device is free for setup-time work.
    const bool hadFrame = frame.submitted;
    waitForFrame(device, frame);
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - last).count();
    last = now;
    if (hadFrame) {
      collectSessionFrame(studio->session, device, frame.timestamps, seconds);
      collectViewPasses(studio->views);
      stats.seconds.push_back(seconds);
      studio->fps = studio->fps <= 0 ? 1.0 / seconds : 0.9 * studio->fps + 0.1 / seconds;
    }
    if (captured) break;
    handleRequests(*studio);
    prepareSessionFrame(studio->session);
    const uint32_t steps = planSessionSteps(studio->session);

    beginDisplayFrame(display);
    beginImGuiFrame();
    if (!ImGui::GetIO().WantCaptureKeyboard && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space)))
      studio->session.playing = !studio->session.playing && !studio->session.finished;
    drawStudioUi(*studio);
    ImGui::Render();

    uint32_t image = 0;
    if (!acquireImage(device, swapchain, frame, &image)) {
      recreate = true;
      continue;
    }
    VkCommandBuffer cmd = beginFrameCommands(device, frame);
    recordSessionSteps(cmd, studio->session, steps, frame.timestamps);
    recordViewPasses(cmd, studio->views, sessionMaskSource(studio->session), studio->session.viewVersion,
                     studio->view);
    recordRenderPass(cmd, swapchain, image, display);
    const bool capture = options.frames && studio->frameIndex + 1 == options.frames && !options.screenshot.empty();
    if (capture) recordSwapchainCopy(cmd, device, swapchain, image, &shot);
    if (!submitAndPresent(device, swapchain, frame, image)) recreate = true;
    ++studio->frameIndex;
    if (options.frames && studio->frameIndex >= options.frames) captured = true;  // collect it, then stop
  }

  // ---- Cleanup (reverse order of setup) ----
  checkVk(vkDeviceWaitIdle(device.device));
  int status = ok ? 0 : 1;
  if (!ok) fail(error);
  if (ok && !options.screenshot.empty()) {
    if (!writeScreenshot(shot, options.screenshot, &error)) status = fail(error);
  }
  if (ok && !options.exportPath.empty()) {
    std::snprintf(studio->exportPath, sizeof(studio->exportPath), "%s", options.exportPath.c_str());
    studio->exportFormat = 0;  // the extension picks the container; PNG: the smallest exact depth
    if (!exportCurrentMask(*studio)) status = fail(studio->exportMessage.text);
  }
  nlohmann::json summary;
  if (ok && options.frames) summary = summaryOf(*studio, device, options, stats);
  shutdownStudio(*studio);
  destroyScreenshotBuffer(device, shot);
  destroyDisplayPipeline(device, display);
  destroyImGuiLayer(device, imgui);
  destroyFrameResources(device, frame);
  destroySwapchain(device, swapchain);
  destroyContext(core);
  glfwSetWindowUserPointer(window, nullptr);
  destroyStudioDevice(device);  // leaks, if any, are reported (and counted) here
  glfwDestroyWindow(window);
  glfwTerminate();
  if (!summary.is_null()) {
    summary["validation_errors"] = device.validationErrors;
    std::printf("%s\n", summary.dump().c_str());
  }
  if (options.validate && device.validationErrors > 0) {
    std::fprintf(stderr, "specdither-studio: %d validation error(s)\n", device.validationErrors);
    if (status == 0) status = 1;
  }
  return status;
}
