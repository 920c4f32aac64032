// Everything the user tunes in the studio, as plain data: the optimizer's knobs and the step budget (saved and
// loaded as preset files, preset_file.h), and the view options. Which changes restart the optimizer and
// which act on the next step is decided here, in one place.
#pragma once

#include "specdither/preset.h"

#include <cstdint>
#include <string>

namespace specdither::studio {

// The optimizer's knobs are the core's preset (preset.h: hvs, wronski2020 or annealing, size, seed, the spectral
// and swap knobs; saved and loaded as preset files, preset_file.h); the studio adds its step budget.
struct StudioSettings : PresetSettings {
  // Step budget: steps (passes) recorded per frame.
  bool autoBudget = true;  // fit the steps into the target frame time
  float targetFps = 30.0f;
  uint32_t stepsPerFrame = 8;  // when autoBudget is off
};

// The settings a preset starts from, at the given size, seed and slice count (presetDefaults), with the default
// budget.
StudioSettings presetSettings(PresetKind kind, uint32_t width, uint32_t height, uint64_t seed, uint32_t slices = 1);

// "" or the one-line reason the studio cannot run these settings' stack: stacks (slices > 1) come from hvs.
std::string checkStudioStack(const StudioSettings& settings);

// True when going from `running` to `wanted` needs a new optimizer (size, seed, preset, histogram shape, the
// swap stage's energy or proposals); false when setSpectralLossParams / the schedule can take the change live.
bool needsRestart(const StudioSettings& running, const StudioSettings& wanted);

// View options (not part of presets).
// Accumulated: the right side shows the live mask's frames averaged over time (TemporalView), the left side the
// current frame. For colour: OneMaskForRgb dithers R, G and B with the mask's first channel (what one scalar mask
// does); IndependentChannels with three void-and-cluster masks of different seeds (how RGBA blue-noise textures
// are usually made).
enum class CompareMode : int {
  None = 0,
  Source,
  White,
  Bayer,
  VoidAndCluster,
  Lottes,
  Accumulated,
  OneMaskForRgb,
  IndependentChannels,
  Count
};
const char* compareModeName(CompareMode mode);

// How a renderer averages frames dithered with successive slices (TAA: an exponential moving average; a path
// tracer: a plain mean of the last k frames).
enum class AccumulateMode : int { Ema = 0, Mean = 1 };

// The mask over time (temporal_view.h): slice `frame` of `slices` is shown and dithers the photo. A 2D mask is
// animated the way engines animate one today, slice s = frac(v + s * golden ratio); a mask with slices (a
// spatiotemporal stack) shows its own.
struct TemporalView {
  int slices = 1;  // 1: no animation
  int frame = 0;   // the slice shown, 0 .. slices - 1
  bool play = false;
  float framesPerSecond = 30.0f;  // playback speed
  double pending = 0;             // playback: seconds not yet turned into frames
  AccumulateMode accumulate = AccumulateMode::Ema;
  float emaAlpha = 0.1f;  // EMA: weight of the newest frame
  int meanFrames = 8;     // mean: frames averaged
};

struct ViewSettings {
  bool tiled = false;          // matrix view: 2x2 tiles to check the seams
  bool showThreshold = false;  // matrix view: the binary pattern [v < threshold] instead of the values
  float threshold = 0.25f;
  float spectrumDbMin = -30.0f;  // periodogram range shown (white noise = 0 dB)
  float spectrumDbMax = 10.0f;
  int bits = 1;       // dithered photo: 1, 2 or 3 bits per channel
  bool luma = false;  // dither luma only (gray) instead of R, G, B
  // A single-channel mask dithers G with 1 - v: the colour preset's arrangement (R = v, G = 1 - v, B = v,
  // docs/method.md §11.3), beside "one mask for R, G, B" on the other side of the split.
  bool invertedGreen = false;
  CompareMode compare = CompareMode::VoidAndCluster;
  float split = 0.5f;    // share of the 1:1 view dithered with the live mask
  int splitColumn = -1;  // the photo column where the comparison starts (set by the photo panel from
                         // split and the visible crop; -1: split * photo width)
  int zoom = 4;          // zoomed inset magnification
  // The photo pixels on screen (the 1:1 view and the inset's region), set by the photo panel each frame: the
  // dither pass covers only these. x0 > x1: the whole photo.
  int visible[4] = {1, 0, 0, 0};  // x0, y0, x1, y1
  TemporalView time;
};

}  // namespace specdither::studio
