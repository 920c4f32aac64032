// specdither-studio: Setup / Frame / Present / Cleanup, in the shape of Dear ImGui's glfw_vulkan example.
// Setup creates the window, the Vulkan device (the core's context, created for the window), the swapchain, ImGui
// and the studio's state; every frame waits for the previous one, applies what the UI asked for, records the
// optimizer's steps, the view passes and ImGui into one command buffer, and presents; Cleanup runs in reverse.
#include "display_pipeline.h"
#include "frame.h"
#include "imgui_layer.h"
#include "options.h"
#include "temporal_view.h"
#include "panels.h"
#include "preset_file.h"
#include "run_stats.h"
#include "screenshot.h"
#include "startup.h"
#include "studio_app.h"
#include "studio_device.h"
#include "swapchain.h"

#include "specdither/escaped_exception.h"

#define GLFW_INCLUDE_NONE
#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_vulkan.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

using namespace specdither;
using namespace specdither::studio;

namespace {

// Exit codes: 1 bad input or a failed run, 2 usage (options.cpp), 3 no window, 4 no usable Vulkan device.
constexpr int kExitFailed = 1, kExitNoWindow = 3, kExitNoDevice = 4;

int fail(const std::string& message, int code = kExitFailed) {
  std::fprintf(stderr, "specdither-studio: %s\n", message.c_str());
  return code;
}

std::string gGlfwError;
void onGlfwError(int, const char* description) { gGlfwError = description ? description : ""; }

std::string noWindowMessage() {
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  std::string why = gGlfwError.empty() ? "GLFW could not initialise" : gGlfwError;
  if ((!display || !*display) && (!wayland || !*wayland)) why = "no display (DISPLAY is not set)";
  return "cannot open a window: " + why +
         ". Run it in a desktop session or under xvfb-run, or use the headless `specdither generate`.";
}

// Drag and drop: the first dropped file becomes the photo (loaded at the start of the next frame).
void onDrop(GLFWwindow* window, int count, const char** paths) {
  auto* studio = static_cast<Studio*>(glfwGetWindowUserPointer(window));
  if (studio && count > 0) {
    studio->loadPhotoPath = paths[0];
    std::snprintf(studio->photoPath, sizeof(studio->photoPath), "%s", paths[0]);
  }
}

// Everything Setup creates; Cleanup destroys it in reverse order.
struct App {
  GLFWwindow* window = nullptr;
  bool glfw = false;
  StudioDevice device;       // owns the core's context
  int validationErrors = 0;  // over the device's whole life, known after Cleanup
  Swapchain swapchain;
  FrameResources frame;
  ImGuiLayer imgui;
  bool imguiReady = false;
  DisplayPipeline display;
  std::unique_ptr<Studio> studio;
  ScreenshotBuffer shot;

  // Frame loop state.
  RunStats stats;
  bool recreate = false, captured = false, resized = false;
  std::chrono::steady_clock::time_point lastFrame = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point lastViewRefresh;
};

// ---- Setup ----
// Returns 0, or the exit code after printing why.
int setup(App& app, const StudioOptions& options, const StartupInput& input) {
  std::string error;
  glfwSetErrorCallback(onGlfwError);
  if (!glfwInit()) return fail(noWindowMessage(), kExitNoWindow);
  app.glfw = true;
  if (!glfwVulkanSupported())
    return fail("no Vulkan loader or driver found (install libvulkan1 and e.g. mesa-vulkan-drivers)", kExitNoDevice);
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  app.window = glfwCreateWindow(int(options.windowWidth), int(options.windowHeight), "specdither studio", nullptr,
                                nullptr);
  if (!app.window) return fail("cannot create a window: " + gGlfwError, kExitNoWindow);

  DeviceOptions deviceOptions;
  deviceOptions.validate = options.validate;
  deviceOptions.device = options.device;
  if (!createStudioDevice(app.window, deviceOptions, &app.device, &error)) return fail(error, kExitNoDevice);

  int width = 0, height = 0;
  glfwGetFramebufferSize(app.window, &width, &height);
  createSwapchain(app.device, uint32_t(width), uint32_t(height), options.vsync, &app.swapchain);
  if (!options.screenshot.empty() && !app.swapchain.canCopy)
    return fail("this surface does not allow copying swapchain images, so --screenshot cannot work here");
  createFrameResources(app.device, &app.frame);
  createImGuiLayer(app.window, app.device, app.swapchain, &app.imgui);
  app.imguiReady = true;
  // Automated runs (--frames) start with the pointer in the window's corner: a virtual display (Xvfb) puts it in
  // the middle of the screen, where it would hover a widget and put a tooltip into the screenshot.
  if (options.frames) glfwSetCursorPos(app.window, 0, 0);
  createDisplayPipeline(app.device, app.swapchain.renderPass, &app.display);

  app.studio = std::make_unique<Studio>();
  Studio& s = *app.studio;
  s.device = &app.device;
  s.core = app.device.core;
  s.display = &app.display;
  s.imageFolder = input.imageFolder;
  if (!input.imageFolder.empty()) s.folderImages = listImages(input.imageFolder);
  parseCompareMode(options.compare, &s.view.compare);
  s.view.bits = options.bits;
  s.view.luma = options.luma;
  s.view.invertedGreen = options.invertedGreen;
  s.view.tiled = options.tiled;
  s.view.split = options.split;
  s.view.time.slices = options.slices;
  s.view.time.frame = options.slice;
  s.view.time.play = options.play;
  parseAccumulation(options.accumulate, &s.view.time);
  s.synchronousStart = options.frames > 0;  // automated runs are deterministic: the swap start before frame 1
  if (!initStudio(s, input.settings, input.photo, &error)) return fail(error);
  s.session.playing = !options.paused;
  if (!input.viewedMask.values.empty() && !showMask(s, input.viewedMask, options.openMask))
    return fail(s.viewMessage.text);
  s.filter.playing = !options.paused;
  s.filter.diameter = options.filterDiameter;
  s.filter.rank = options.filterRank;
  if (options.tab == "filter") s.selectTab = 1;
  s.photoPan = ImVec2(float(options.pan[0]), float(options.pan[1]));
  if (options.focus[0] >= 0) {
    s.focus = ImVec2(float(options.focus[0]), float(options.focus[1]));
    s.focusLocked = true;
  }
  glfwSetWindowUserPointer(app.window, &s);
  glfwSetDropCallback(app.window, onDrop);
  return 0;
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

// Re-creates the swapchain for the window's size. Returns false while the window has no area (minimized).
bool resizeSwapchain(App& app, const StudioOptions& options) {
  int width = 0, height = 0;
  glfwGetFramebufferSize(app.window, &width, &height);
  if (!app.recreate && uint32_t(width) == app.swapchain.extent.width && uint32_t(height) == app.swapchain.extent.height)
    return true;
  // Idle: the old images and framebuffers are no longer in use; the last frame's readbacks are dropped.
  checkVk(vkDeviceWaitIdle(app.device.core->device));
  if (app.frame.submitted) checkVk(vkResetFences(app.device.core->device, 1, &app.frame.done));
  app.frame.submitted = false;
  if (!createSwapchain(app.device, uint32_t(width), uint32_t(height), options.vsync, &app.swapchain)) return false;
  ImGui_ImplVulkan_SetMinImageCount(app.swapchain.minImageCount);
  app.recreate = false;
  return true;
}

// After the previous frame's fence: its timings, loss, statistics and spectrum.
void collectFrame(App& app, double seconds) {
  Studio& s = *app.studio;
  double gpu[kMarkCount - 1] = {-1, -1, -1};
  readGpuIntervals(app.device, app.frame, gpu);
  collectSessionFrame(s.session, gpu[0], seconds);
  s.gpuViewsMs = gpu[1] < 0 ? 0 : 0.8 * s.gpuViewsMs + 0.2 * gpu[1];
  s.gpuRenderMs = gpu[2] < 0 ? 0 : 0.8 * s.gpuRenderMs + 0.2 * gpu[2];
  for (int i = 0; i < 3; ++i) app.stats.gpu[i] += std::max(gpu[i], 0.0);
  collectViewPasses(s.views);
  app.stats.seconds.push_back(seconds);
  s.fps = s.fps <= 0 ? 1.0 / seconds : 0.9 * s.fps + 0.1 / seconds;
}

// ---- Frame + Present ----
// One iteration of the loop. Returns false when the run is over.
bool frame(App& app, const StudioOptions& options) {
  Studio& s = *app.studio;
  if (options.resizeWidth && !app.resized && s.frameIndex == options.frames / 2) {
    glfwSetWindowSize(app.window, int(options.resizeWidth), int(options.resizeHeight));
    app.resized = true;
  }
  glfwPollEvents();
  if (!resizeSwapchain(app, options)) {
    glfwWaitEvents();  // minimized: nothing to draw into
    return true;
  }

  // The previous frame completed: its readbacks are valid and the device is free for setup-time work.
  const bool hadFrame = app.frame.submitted;
  app.stats.mark = std::chrono::steady_clock::now();
  waitForFrame(app.device, app.frame);
  app.stats.lap(kWait);
  const auto now = std::chrono::steady_clock::now();
  const double seconds = std::chrono::duration<double>(now - app.lastFrame).count();
  app.lastFrame = now;
  if (hadFrame) collectFrame(app, seconds);
  if (app.captured) return false;
  handleRequests(s);
  advanceAnimation(&s.view.time, seconds);
  prepareFilterTab(s);
  prepareSessionFrame(s.session);
  // The mask optimizer rests while the separable filter tab is shown (the two would share the frame's budget).
  const uint32_t steps = s.filter.active ? 0 : planSessionSteps(s.session);
  app.stats.lap(kHost);

  beginDisplayFrame(app.display);
  beginImGuiFrame();
  if (!ImGui::GetIO().WantCaptureKeyboard && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space)))
    s.session.playing = !s.session.playing && !s.session.finished;
  drawStudioUi(s);
  ImGui::Render();
  app.stats.lap(kUi);

  uint32_t image = 0;
  if (!acquireImage(app.device, app.swapchain, app.frame, &image)) {
    app.recreate = true;
    return true;
  }
  app.stats.lap(kAcquire);
  VkCommandBuffer cmd = beginFrameCommands(app.device, app.frame);
  recordGpuMark(cmd, app.frame, kMarkStart);
  recordSessionSteps(cmd, s.session, steps);
  recordFilterTab(cmd, s);
  recordGpuMark(cmd, app.frame, kMarkSteps);
  // A changing mask refreshes the views at most as often as keeps their GPU time near a fifth of the frames
  // (every frame at 64x64; at 256x256 on lavapipe every other one or so); a still one at once.
  const auto viewNow = std::chrono::steady_clock::now();
  const bool viewsDue = !s.session.playing || s.session.finished ||
                        std::chrono::duration<double, std::milli>(viewNow - app.lastViewRefresh).count() >=
                            4.0 * s.gpuViewsMs;
  const uint64_t drawn = s.views.drawnVersion;
  recordViewPasses(cmd, s.views, shownMaskSource(s), viewsDue ? shownMaskVersion(s) : drawn, s.view);
  if (s.views.drawnVersion != drawn) app.lastViewRefresh = viewNow;
  recordGpuMark(cmd, app.frame, kMarkViews);
  recordRenderPass(cmd, app.swapchain, image, app.display);
  recordGpuMark(cmd, app.frame, kMarkRender);
  if (options.frames && s.frameIndex + 1 == options.frames && !options.screenshot.empty())
    recordSwapchainCopy(cmd, app.device, app.swapchain, image, &app.shot);
  if (!submitAndPresent(app.device, app.swapchain, app.frame, image)) app.recreate = true;
  app.stats.lap(kPresent);
  ++s.frameIndex;
  // The last frame of --frames is collected (fence, readbacks) at the top of the next iteration, then the loop ends.
  if (options.frames && s.frameIndex >= options.frames) app.captured = true;
  return true;
}

// After the frames of an automated run: the screenshot and the export. Returns false when one failed.
bool finishRun(App& app, const StudioOptions& options) {
  std::string error;
  bool ok = true;
  if (!options.screenshot.empty() && !writeScreenshot(app.shot, options.screenshot, &error)) {
    fail(error);
    ok = false;
  }
  if (!options.exportPath.empty()) {
    Studio& s = *app.studio;
    std::snprintf(s.exportPath, sizeof(s.exportPath), "%s", options.exportPath.c_str());
    s.exportFormat = 0;  // the extension picks the container; PNG: the smallest exact depth
    if (!exportCurrentMask(s)) {
      fail(s.exportMessage.text);
      ok = false;
    }
  }
  return ok;
}

// ---- Cleanup ---- (reverse order of Setup; each step skips what Setup did not reach)
void cleanup(App& app) {
  if (app.device.core) checkVk(vkDeviceWaitIdle(app.device.core->device));
  if (app.studio) shutdownStudio(*app.studio);
  if (app.window) glfwSetWindowUserPointer(app.window, nullptr);
  app.studio.reset();  // joins the worker thread
  if (app.device.core) {
    destroyScreenshotBuffer(app.device, app.shot);
    destroyDisplayPipeline(app.device, app.display);
    if (app.imguiReady) destroyImGuiLayer(app.device, app.imgui);
    destroyFrameResources(app.device, app.frame);
    destroySwapchain(app.device, app.swapchain);
  }
  app.validationErrors = destroyStudioDevice(app.device);  // leaks, if any, are reported (and counted) here
  if (app.window) glfwDestroyWindow(app.window);
  if (app.glfw) glfwTerminate();
}

int runStudio(int argc, char** argv) {
  StudioOptions options;
  int exitCode = 0;
  if (!parseStudioOptions(argc, argv, &options, &exitCode)) return exitCode;
  StartupInput input;
  std::string error;
  if (!prepareStartup(options, &input, &error)) return fail(error);
  if (!options.savePreset.empty()) {
    if (!savePresetFile(options.savePreset, input.settings, &error)) return fail(error);
    std::fprintf(stderr, "specdither-studio: wrote %s\n", options.savePreset.c_str());
    return 0;
  }

  auto app = std::make_unique<App>();
  int status = setup(*app, options, input);
  nlohmann::json summary;
  if (status == 0) {
    while (!glfwWindowShouldClose(app->window) && frame(*app, options)) {}
    checkVk(vkDeviceWaitIdle(app->device.core->device));
    if (!finishRun(*app, options)) status = kExitFailed;
    if (options.frames) {
      measureConvergenceNow(*app->studio);  // the last frame's figures, whatever the worker had time for
      summary = runSummary(*app->studio, app->device, options.screenshot, app->stats);
    }
  }
  cleanup(*app);
  if (!summary.is_null()) {
    summary["validation_errors"] = app->validationErrors;
    std::printf("%s\n", summary.dump().c_str());
  }
  if (options.validate && app->validationErrors > 0) {
    std::fprintf(stderr, "specdither-studio: %d validation error(s)\n", app->validationErrors);
    if (status == 0) status = kExitFailed;
  }
  return status;
}

}  // namespace

// Whatever escapes (out of memory, a bug) ends as one line and exit 1, never as std::terminate's abort.
int main(int argc, char** argv) {
  try {
    return runStudio(argc, argv);
  } catch (...) {
    return fail(specdither::escapedExceptionLine());
  }
}
