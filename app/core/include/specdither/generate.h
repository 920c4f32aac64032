// One call that makes a finished mask in-process: what `specdither generate` does, for programs that link the
// library (an engine's asset build, a test). The CLI is a shell over this function.
//
//   specdither::GpuContext* gpu = specdither::createContext({}, &error);
//   specdither::GenerateSettings settings;               // the default preset, 64x64, seed 1
//   specdither::GenerateResult result;
//   if (!specdither::generateMask(gpu, settings, {}, &result, &error)) ...;
//   specdither::writeMask(result.mask, "mask.ktx2", {}, &error);
//   specdither::destroyContext(gpu);
#pragma once

#include "specdither/api.h"
#include "specdither/context.h"
#include "specdither/mask.h"
#include "specdither/spectral_optimizer.h"
#include "specdither/spectral_run.h"
#include "specdither/swap_optimizer.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace specdither {

struct GenerateSettings {
  // "hvs": the default preset (void-and-cluster start + GPU swap descent on the eye-model energy);
  // "wronski2020": the article's loss by gradient descent; or a baseline: "vac", "bayer", "white", "lottes".
  std::string method = "hvs";
  MaskShape shape = {64, 64};  // 2D: every method makes single-slice, single-channel masks today
  uint64_t seed = 1;
  int64_t steps = -1;  // -1: the method's own (hvs: swap passes by size; wronski2020: 100,000 steps)
  // wronski2020 only: the loss weights, cutoff and update rule (wronski2020Preset().params by default).
  SpectralLossParams spectralParams = wronski2020Preset().params;
  HistogramShape histogram = HistogramShape::Uniform;
  // wronski2020 only: the histogram-only finish after the main steps (spectral_run.h).
  uint32_t finetuneSteps = wronski2020Preset().finetuneSteps;
  float finetuneLearningRate = wronski2020Preset().finetuneLearningRate;
  // hvs only: every knob of the swap run (swap_optimizer.h; a preset file's, preset_file.h); empty:
  // defaultSwapParams(shape, seed). Its seed is replaced by `seed`; steps >= 0 still sets the passes.
  std::optional<SwapParams> swapParams;
  double baselineSigma = 0;  // baselines: 0 = the method's default
};

struct GenerateProgress {
  uint64_t done = 0;  // steps or swap passes done
  uint64_t total = 0;
  double seconds = 0;  // since the start
  std::string detail;  // method-specific figures ("loss ...", "T ... accepted ...")
};
using GenerateProgressFn = std::function<void(const GenerateProgress&)>;

struct GenerateResult {
  Mask mask;           // finished: values (rank + 0.5) / N, an exact permutation (Bayer: its own levels)
  std::string method;  // the canonical name of what ran
  uint64_t steps = 0;  // steps or swap passes run (0 for the baselines)
  double seconds = 0;
  SpectralRunResult spectral;  // wronski2020 only: its loss figures
};

// Whether settings.method needs a GPU context (the baselines run on the CPU and accept a null context).
SPECDITHER_API bool generateNeedsGpu(const GenerateSettings& settings);
// Whether the context for this run is best created with ContextOptions::inlineCpuDispatch.
SPECDITHER_API bool generatePrefersInlineDispatch(const GenerateSettings& settings);

// Checks the settings without doing any work: "" or the one-line reason (unknown method, a shape out of range
// or not 2D...).
SPECDITHER_API std::string checkGenerateSettings(const GenerateSettings& settings);

// Makes the mask. progress (may be empty) is called between batches. Returns false with *error set to one line
// for settings the methods refuse.
SPECDITHER_API bool generateMask(GpuContext* context, const GenerateSettings& settings,
                                 const GenerateProgressFn& progress, GenerateResult* result, std::string* error);

}  // namespace specdither
