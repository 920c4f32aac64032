// A preset as plain data: which optimizer (hvs, wronski2020, annealing), the mask's size and seed, and every
// knob of both optimizers (the spectral loss and its schedule, the swap run's SwapParams). The studio tunes one
// live; preset files (preset_file.h) save and load it; generateSettingsOf turns it into what generateMask runs.
#pragma once

#include "specdither/api.h"
#include "specdither/generate.h"
#include "specdither/mask.h"
#include "specdither/spectral_optimizer.h"
#include "specdither/spectral_run.h"
#include "specdither/swap_optimizer.h"

#include <cstdint>
#include <string>

namespace specdither {

// The optimizers a preset names (after the core's runs).
enum class PresetKind : uint32_t {
  Hvs = 0,            // void-and-cluster refined by swaps on the multi-level HVS energy (swap_preset.h)
  Wronski2020 = 1,    // the article's spectral + histogram loss by gradient descent (spectral_run.h)
  SwapAnnealing = 2,  // docs/method.md §3.8: swaps annealed from a random permutation
};
// "hvs", "wronski2020", "annealing".
SPECDITHER_API const char* presetName(PresetKind kind);
// Accepts the names above and "default" (the studio's name for hvs until version 0.1: old files keep loading).
// Returns false, *kind untouched, for any other name.
SPECDITHER_API bool parsePresetName(const std::string& name, PresetKind* kind);
// Whether the preset runs the swap optimizer (hvs, annealing) rather than the spectral one.
SPECDITHER_API bool usesSwapOptimizer(PresetKind kind);

// The spectral optimizer's knobs: the loss (acts on the next step) and the schedule.
struct SpectralPresetSettings {
  SpectralLossParams loss = wronski2020Preset().params;
  HistogramShape histogram = HistogramShape::Uniform;  // fixed for an optimizer's life
  bool runSchedule = true;  // stop after `steps`, then the histogram-only fine-tune; false: open-ended (a UI)
  uint32_t steps = 100000;
  uint32_t finetuneSteps = 10;
  float finetuneLearningRate = 0.1f;
};
// The core's schedule (spectral_run.h) these settings describe.
SPECDITHER_API SpectralPreset spectralPresetOf(const SpectralPresetSettings& settings);

struct PresetSettings {
  SPECDITHER_API PresetSettings();  // presetDefaults(PresetKind::Hvs, 64, 64, 1)

  PresetKind preset = PresetKind::Hvs;
  uint32_t width = 64;
  uint32_t height = 64;
  uint64_t seed = 1;
  // > 1: a spatiotemporal stack of that many slices (hvs only, stack_preset.h; its temporal knobs are swap's).
  uint32_t slices = 1;
  SpectralPresetSettings spectral;  // wronski2020
  SwapParams swap;                  // hvs, annealing (swap.seed is ignored: the run uses `seed`)

  MaskShape shape() const { return {width, height, slices}; }  // single-channel masks
};

// The settings a preset starts from at this size, seed and slice count: the article's loss and schedule
// (wronski2020Preset()), and defaultSwapParams (hvs; of a stack, defaultStackParams) or swapAnnealingParams with
// 60,000 passes (annealing).
SPECDITHER_API PresetSettings presetDefaults(PresetKind kind, uint32_t width, uint32_t height, uint64_t seed,
                                             uint32_t slices = 1);

// What generateMask runs for the preset: hvs and annealing become methods of their own names with
// settings.swap (its seed set to the preset's), wronski2020 the spectral run with the loss, histogram and schedule (an
// open-ended schedule, runSchedule false, runs `steps` steps without the fine-tune).
SPECDITHER_API GenerateSettings generateSettingsOf(const PresetSettings& preset);

}  // namespace specdither
