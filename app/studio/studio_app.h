// The studio's state between frames and the work the UI asks for. The panels (panels.h) edit settings and
// set requests; handleRequests applies them at the start of the next frame, when the previous frame has
// completed, so that restarts, uploads and exports never race the GPU.
#pragma once

#include "background_jobs.h"
#include "display_pipeline.h"
#include "filter_tab.h"
#include "mask_viewer.h"
#include "optimizer_session.h"
#include "photo.h"
#include "settings.h"
#include "view_passes.h"

#include <array>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace specdither::studio {

struct StatusMessage {
  std::string text;
  bool error = false;
  void set(const std::string& t, bool isError) {
    text = t;
    error = isError;
  }
};

// Screen rectangles (x0, y0, x1, y1) of the three views' images in the last frame, for the --frames summary
// that the test reads to know where to look in the screenshot.
struct PanelRects {
  ImVec4 matrix = {0, 0, 0, 0};
  ImVec4 spectrum = {0, 0, 0, 0};
  ImVec4 photo = {0, 0, 0, 0};
  ImVec4 filter = {0, 0, 0, 0};  // the "Separable filter" tab: F, the separable and the exact blur
  ImVec4 separable = {0, 0, 0, 0};
  ImVec4 exact = {0, 0, 0, 0};
};

struct QualityPoint {
  uint64_t step = 0;
  std::vector<double> hvsDb;
};

struct Studio {
  const StudioDevice* device = nullptr;
  GpuContext* core = nullptr;

  StudioSettings wanted;  // what the controls show; applied to the session on change
  ViewSettings view;
  OptimizerSession session;
  ViewPasses views;
  DisplayPipeline* display = nullptr;
  Photo photo;
  std::string imageFolder;
  std::vector<std::string> folderImages;

  BackgroundJobs jobs;
  using BaselineKey = std::tuple<int, uint32_t, uint32_t, uint64_t>;  // method, width, height, seed
  std::map<BaselineKey, BaselineResult> baselines;
  std::set<BaselineKey> baselinesRequested;
  std::tuple<int, uint32_t, uint32_t> shownCompare = {-1, 0, 0};  // compare mode, width, height
  bool synchronousStart = false;  // compute a swap run's start on this thread (automated runs: deterministic)
  uint64_t requestedStartToken = 0;
  std::vector<QualityPoint> quality;  // live HVS figures of the running mask over the run
  // The convergence of the stack shown (a file's, or the golden-ratio animation of the live mask), its key
  // (convergenceKey) and when it was last asked for.
  ConvergenceResult convergence;
  uint64_t requestedConvergenceKey = 0;
  std::chrono::steady_clock::time_point lastConvergenceRequest;
  std::chrono::steady_clock::time_point lastQualityRequest;
  double qualityInterval = 1.0;  // seconds between measurements: >= 1 s and >= 4x their cost
  uint64_t lastQualityStep = UINT64_MAX;

  // Requests from the UI, handled by handleRequests.
  bool applySettings = false;
  bool reset = false;
  bool exportMask = false;
  bool restoreLastGood = false;  // "Back to the last good mask" after a divergence
  bool savePreset = false;
  bool loadPreset = false;
  std::string loadPhotoPath;  // "" = none; "<test chart>" = the generated chart
  std::string openMaskPath;   // "" = none: a mask file to show instead of the optimizer's (mask_viewer.h)
  bool closeViewer = false;   // back to the optimizer's mask

  // Text fields and their outcomes.
  char exportPath[512] = "";
  int exportFormat = 0;  // index into exportFormats()
  char presetPath[512] = "specdither-preset.json";
  char photoPath[512] = "";
  char viewPath[512] = "";
  StatusMessage sessionMessage, exportMessage, presetMessage, photoMessage, viewMessage;
  MaskViewer viewer;

  // Photo view navigation: the photo pixel at the 1:1 view's top-left corner, the zoomed inset's centre.
  ImVec2 photoPan = {0, 0};
  ImVec2 focus = {-1, -1};
  bool focusLocked = false;

  // Tabs: 0 "Dither mask", 1 "Separable filter" (filter_tab.h). selectTab: a tab to switch to (-1: none).
  int tab = 0;
  int selectTab = -1;
  FilterTab filter;

  PanelRects rects;
  double fps = 0;
  double gpuViewsMs = 0, gpuRenderMs = 0;  // smoothed GPU time of the view passes and the render pass
  uint64_t frameIndex = 0;
};

struct ExportFormat {
  const char* label;
  const char* extension;
  int bits;  // 0: auto (the smallest exact format)
};
const std::vector<ExportFormat>& exportFormats();

// Setup after the device and core exist: starts the session, sizes the views, loads the startup photo.
// Returns false with *error for a user-caused failure (bad size, unreadable --image).
bool initStudio(Studio& studio, const StudioSettings& settings, const Photo& photo, std::string* error);
void shutdownStudio(Studio& studio);

// Start of a frame, after the previous one completed: applies the UI's requests, takes finished background
// results (comparison masks, quality figures), posts new quality measurements.
void handleRequests(Studio& studio);

// Exports the current mask to studio.exportPath in exportFormats()[studio.exportFormat] (as the Export button);
// the outcome goes to exportMessage. Returns false on failure. Device idle.
bool exportCurrentMask(Studio& studio);

// Loads a photo (path, or "<test chart>") and uploads it; errors go to photoMessage. Device idle.
bool switchPhoto(Studio& studio, const std::string& path);

// Shows a mask file in the views instead of the optimizer's mask (pausing the optimizer); errors go to
// viewMessage. Device idle. showMask: the same for a mask already read (readViewableMask).
bool openMaskFile(Studio& studio, const std::string& path);
bool showMask(Studio& studio, const Mask& mask, const std::string& path);

// Why the comparison the view asks for is not shown yet: "" when it is (or none is asked for), "computing..."
// while the worker makes it, or the method's refusal (Bayer: powers of two only).
std::string compareStatus(const Studio& studio);

// The comparison masks this frame needs (the one shown, void-and-cluster for the figures).
void requestBaselines(Studio& studio);

// What the views show: the viewed mask file while one is open, else the optimizer's mask; and its version for
// the views' change tracking (the two kinds never share a number).
MaskSource shownMaskSource(const Studio& studio);

// What the convergence figures are about (0: no stack shown): the viewed file, the live stack, or the live 2D
// mask's animation. Live keys grow with the mask's version and have the top bit clear; a file's has it set.
uint64_t convergenceKey(const Studio& studio);
// The stack those figures measure (downloads the live mask).
Mask convergenceStack(Studio& studio);
// Measures them here and now, unless they are current (automated runs: the summary's figures are the last frame's).
void measureConvergenceNow(Studio& studio);
uint64_t shownMaskVersion(const Studio& studio);

}  // namespace specdither::studio
