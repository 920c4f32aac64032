// The "Separable filter" tab: Wronski's (2020) separable filter optimizer (app/core/filter_optimizer.h) live,
// in the same loop as the mask: a budget of steps recorded into each frame's command buffer while playing, the
// loss terms, sliders for the weights (applied at once), the current filter F = sum a_r b_r^T with its
// negative part in red, and the photo blurred with F next to the exact 2D blur with the target disk.
// Nothing is created until the tab is first opened.
#pragma once

#include "display_pipeline.h"

#include "specdither/filter/filter_blur.h"
#include "specdither/filter/filter_optimizer.h"

#include <chrono>
#include <string>
#include <vector>

namespace specdither::studio {

struct Studio;

struct FilterTab {
  bool active = false;  // the tab is shown (set by the UI)
  bool playing = true;
  int diameter = 50, rank = 4;  // what the sliders show; a change rebuilds at the next frame
  int stepsPerFrame = 50;       // the most steps a frame records
  bool autoSteps = true;        // fit the steps to ~30 frames per second (lavapipe: a few steps a frame)
  int budget = 4;               // the steps this frame records
  std::chrono::steady_clock::time_point lastPrepare;
  // Live weights and step size. Starts from the CLI's mix (w_nn 0.5, w_z 0.3): with both at 0 the SVD start is
  // already optimal and nothing would move.
  FilterOptimizerParams params = [] {
    FilterOptimizerParams p;
    p.weights.nonneg = 0.5f;
    p.weights.zeros = 0.3f;
    return p;
  }();
  bool reset = false;  // request: back to the SVD start

  // Built state.
  int builtDiameter = 0, builtRank = 0;
  std::string builtPhoto;
  FilterOptimizer* optimizer = nullptr;
  FilterBlur* blur = nullptr;
  GpuBuffer sepTarget, exactTarget;                // device-local blurred images
  GpuBuffer filterPixels, sepPixels, exactPixels;  // host-visible RGBA8 for the display pipeline
  uint32_t blurWidth = 0, blurHeight = 0;
  std::string error;

  // Work recorded into the last frame, collected after its fence.
  bool recordedSteps = false, recordedExact = false, recordedSep = false;
  bool exactDue = false, sepDue = false, filterDue = false;
  std::chrono::steady_clock::time_point lastSep, lastFilterRead;

  // Figures.
  FilterLossTerms loss;
  uint64_t steps = 0;
  std::vector<float> history[4];  // l2, nonneg, zeros, total (log10) per collected frame
  double filterMin = 0, filterMax = 0;
};

// Start of a frame, after the previous one completed: builds on first use or after a diameter/rank/photo
// change, collects last frame's loss and blurs, refreshes the filter image. Device free.
void prepareFilterTab(Studio& studio);
// Records this frame's steps and blurs (after the mask optimizer's steps).
void recordFilterTab(VkCommandBuffer cmd, Studio& studio);
// The tab's windows (layout below the tab strip, from y = top).
void drawFilterTab(Studio& studio, float top);
void destroyFilterTab(Studio& studio);

}  // namespace specdither::studio
