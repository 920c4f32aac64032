// Everything the user tunes in the studio, as plain data: the optimizer's knobs (saved and loaded as JSON
// presets, preset_file.h), the step budget, and the view options. Which changes restart the optimizer and
// which act on the next step is decided here, in one place.
#pragma once

#include "specdither/spectral_optimizer.h"
#include "specdither/swap_optimizer.h"

#include <cstdint>
#include <string>

namespace specdither::studio {

// The optimizers the studio drives (named after the core's presets).
enum class PresetKind : uint32_t {
  Default = 0,        // "hvs": void-and-cluster refined by swaps on the multi-level HVS energy (swap_preset.h)
  Wronski2020 = 1,    // the article's spectral + histogram loss by gradient descent (spectral_optimizer.h)
  SwapAnnealing = 2,  // docs/method.md §3.8: swaps annealed from a random permutation
};
// The core's names (generate.h): "hvs", "wronski2020", "annealing"; parsing also takes "default", hvs's old name.
const char* presetName(PresetKind kind);
bool usesSwapOptimizer(PresetKind kind);
bool parsePresetName(const std::string& name, PresetKind* kind);

struct SpectralSettings {
  SpectralLossParams loss;                 // live: acts on the next step
  HistogramShape histogram = HistogramShape::Uniform;  // restart
  bool runSchedule = true;                 // stop after `steps`, then the histogram-only fine-tune (the preset)
  uint32_t steps = 100000;
  uint32_t finetuneSteps = 10;
  float finetuneLearningRate = 0.1f;
};

// The core's preset (spectral_run.h) these settings describe: its schedule is the one the studio steps through.
SpectralPreset spectralPresetOf(const SpectralSettings& settings);

struct StudioSettings {
  PresetKind preset = PresetKind::Default;
  uint32_t width = 64;                     // restart
  uint32_t height = 64;                    // restart
  uint64_t seed = 1;                       // restart
  SpectralSettings spectral;
  SwapParams swap;                         // energy and proposals: restart; schedule fields: live
  // Step budget: steps (passes) recorded per frame.
  bool autoBudget = true;                  // fit the steps into the target frame time
  float targetFps = 30.0f;
  uint32_t stepsPerFrame = 8;              // when autoBudget is off

  MaskShape shape() const { return {width, height}; }  // the studio designs 2D single-channel masks
};

// The settings a preset starts from, at the given size and seed.
StudioSettings presetSettings(PresetKind kind, uint32_t width, uint32_t height, uint64_t seed);

// True when going from `running` to `wanted` needs a new optimizer (size, seed, preset, histogram shape, the
// swap stage's energy or proposals); false when setSpectralLossParams / the schedule can take the change live.
bool needsRestart(const StudioSettings& running, const StudioSettings& wanted);

// View options (not part of presets).
enum class CompareMode : int { None = 0, Source, White, Bayer, VoidAndCluster, Lottes, Count };
const char* compareModeName(CompareMode mode);

struct ViewSettings {
  bool tiled = false;             // matrix view: 2x2 tiles to check the seams
  bool showThreshold = false;     // matrix view: the binary pattern [v < threshold] instead of the values
  float threshold = 0.25f;
  float spectrumDbMin = -30.0f;   // periodogram range shown (white noise = 0 dB)
  float spectrumDbMax = 10.0f;
  int bits = 1;                   // dithered photo: 1, 2 or 3 bits per channel
  bool luma = false;              // dither luma only (gray) instead of R, G, B
  CompareMode compare = CompareMode::VoidAndCluster;
  float split = 0.5f;             // share of the 1:1 view dithered with the live mask
  int splitColumn = -1;           // the photo column where the comparison starts (set by the photo panel from
                                  // split and the visible crop; -1: split * photo width)
  int zoom = 4;                   // zoomed inset magnification
  // The photo pixels on screen (the 1:1 view and the inset's region), set by the photo panel each frame: the
  // dither pass covers only these. x0 > x1: the whole photo.
  int visible[4] = {1, 0, 0, 0};  // x0, y0, x1, y1
};

}  // namespace specdither::studio
