// specdither-studio's command line.
#pragma once

#include "settings.h"

#include <cstdint>
#include <string>

namespace specdither::studio {

struct StudioOptions {
  // Automation: run N frames, write a screenshot of the last one, print a JSON summary, exit.
  uint32_t frames = 0;  // 0: run until the window is closed
  std::string screenshot;
  std::string exportPath;  // after the frames: export the mask (as the Export button does)
  std::string savePreset;  // write the effective settings as a JSON preset and exit (no window)
  // The photo.
  std::string image;
  std::string imageDir;
  // The mask and the optimizer.
  std::string preset = "hvs";
  uint32_t width = 64, height = 64;
  uint64_t seed = 1;
  std::string presetFile;      // JSON preset to start from
  int stack = 1;               // > 1: optimize a spatiotemporal stack of that many slices (hvs)
  std::string temporal;        // the stack's temporal filter ("" = the preset's, ema:0.1)
  double temporalWeight = -1;  // the stack's temporal weight (< 0 = the preset's, 1)
  std::string openMask;        // a mask file to show instead of the optimizer's (mask_viewer.h)
  uint32_t stepsPerFrame = 0;  // 0: fit the steps to the target frame rate
  float targetFps = 30.0f;
  bool paused = false;
  // Views.
  int bits = 1;
  bool luma = false;
  bool invertedGreen = false;
  bool tiled = false;
  std::string compare = "vac";  // or "accumulated": the frames of the animation averaged (--accumulate)
  int slices = 1;               // the mask animated over this many slices (temporal_view.h)
  int slice = 0;                // the slice shown
  bool play = false;
  std::string accumulate = "ema:0.1";
  float split = 0.5f;                       // share of the 1:1 view dithered with the live mask
  int pan[2] = {0, 0};                      // photo pixel at the 1:1 view's top-left corner
  int focus[2] = {-1, -1};                  // photo pixel the zoomed inset centres on (held); -1: the view's centre
  std::string tab = "mask";                 // the tab shown at start: mask or filter
  int filterDiameter = 50, filterRank = 4;  // the separable filter tab's disk and rank
  // Window and device.
  uint32_t windowWidth = 1280, windowHeight = 720;
  uint32_t resizeWidth = 0, resizeHeight = 0;  // --resize-to: resize the window halfway through --frames
  bool vsync = true;
  bool validate = false;
  std::string device;
};

// Parses argv. Returns false when the program should exit with *exitCode (0 after --help / --version, 2 after
// a usage error, with one line on stderr).
bool parseStudioOptions(int argc, char** argv, StudioOptions* options, int* exitCode);

// "none", "source", "white", "bayer", "vac", "lottes", "accumulated", "one-mask", "independent".
bool parseCompareMode(const std::string& name, CompareMode* mode);

}  // namespace specdither::studio
