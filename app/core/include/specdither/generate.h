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
#include "specdither/colour_preset.h"
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

// The names every interface (CLI, JSON summaries, studio, README) gives the optimized presets.
constexpr const char* kPresetHvs = "hvs";                  // void-and-cluster start + swap descent (default)
constexpr const char* kPresetAnnealing = "annealing";      // swaps annealed from a random permutation
constexpr const char* kPresetWronski2020 = "wronski2020";  // the article's loss by gradient descent
// Baselines of stacks (docs/method.md §8.5), for shapes with slices: the default 2D mask animated by golden-ratio
// offsets (what engines do today), and independent default-preset slices (the stack preset without its temporal
// term). `white` with slices: white noise in space and time. Stratified (§8.7): two default 2D masks built into a
// stack whose every pixel takes one value in each of the T strata (for renderers that average whole periods).
constexpr const char* kStackGoldenRatio = "golden-ratio";
constexpr const char* kStackIndependent = "independent";
constexpr const char* kStackStratified = "stratified";

struct GenerateSettings {
  // kPresetHvs (the default preset: void-and-cluster start + GPU swap descent on the eye-model energy,
  // docs/method.md §3), kPresetAnnealing (the swaps annealed from noise, §3.8), kPresetWronski2020 (the
  // article's loss by gradient descent, §2), or a baseline (§4): "vac", "bayer", "white", "lottes". Older names
  // are accepted (canonicalGenerateMethod): "default" for hvs, "void-and-cluster" for vac.
  std::string method = kPresetHvs;
  // slices > 1 (up to 256): a spatiotemporal stack, from hvs (the stack preset, docs/method.md §8, its temporal
  // filter and weight in swapParams), white, golden-ratio, independent or stratified. channels 2 to 4 (no slices): a
  // colour mask (colour_preset.h, docs/method.md §11), from hvs (joint, with `colour`), independent, same-mask,
  // inverted-green or white.
  MaskShape shape = {64, 64};
  uint64_t seed = 1;
  // -1: the method's own. wronski2020: steps of the main phase (default 100,000), after which the preset's
  // histogram-only fine-tune adds its 10 steps (§2.8); hvs / annealing: swap passes (hvs: by size,
  // defaultSwapPasses; annealing: kSwapAnnealingPasses); 0 passes run 1.
  int64_t steps = -1;
  // wronski2020 only: the loss weights, cutoff and update rule (wronski2020Preset().params by default).
  SpectralLossParams spectralParams = wronski2020Preset().params;
  HistogramShape histogram = HistogramShape::Uniform;
  // wronski2020 only: the histogram-only finish after the main steps (spectral_run.h).
  uint32_t finetuneSteps = wronski2020Preset().finetuneSteps;
  float finetuneLearningRate = wronski2020Preset().finetuneLearningRate;
  // hvs / annealing only: every knob of the swap run to use instead of the preset's (start from
  // generateSwapParams; a preset file's, preset_file.h). Its seed is replaced by seed, and its passes by steps when
  // steps >= 0 (passes 0: the preset's count).
  std::optional<SwapParams> swapParams;
  double baselineSigma = 0;  // baselines: 0 = the method's default
  ColourParams colour;       // colour masks from hvs: the coupling across channels, the sweeps, the eye model
};

struct GenerateProgress {
  // What runs: "choosing the start" (the swap presets' start), "passes" (with "re-weighting the levels" as the
  // detail during the schedule's host phases), "steps", "fine-tune steps", or a baseline's name.
  std::string phase;
  double fraction = 0;  // of the phase done, in [0, 1]
  uint64_t done = 0;    // steps or passes of the phase done, of total (both 0 for a phase without a count)
  uint64_t total = 0;
  double seconds = 0;  // since generateMask began
  std::string detail;  // method-specific figures ("loss ...", "T ... accepted ...")
};
using GenerateProgressFn = std::function<void(const GenerateProgress&)>;

struct GenerateResult {
  Mask mask;                   // finished: values (rank + 0.5) / N, an exact permutation (Bayer: its own levels)
  std::string method;          // the canonical name of what ran
  uint64_t steps = 0;          // steps of the main phase (wronski2020) or swap passes run (0 for the baselines)
  uint64_t finetuneSteps = 0;  // wronski2020: the fine-tune steps run after them (§2.8)
  double seconds = 0;
  SpectralRunResult spectral;  // wronski2020 only: its loss figures
};

// The canonical name of a method or preset (see GenerateSettings::method), "" for an unknown one.
SPECDITHER_API std::string canonicalGenerateMethod(const std::string& method);

// The swap knobs an hvs or annealing run of these settings uses: settings.swapParams or the preset's
// (defaultSwapParams / swapAnnealingParams), with settings.seed and the passes resolved (never 0).
SPECDITHER_API SwapParams generateSwapParams(const GenerateSettings& settings);

// Whether settings.method needs a GPU context (the baselines run on the CPU and accept a null context).
SPECDITHER_API bool generateNeedsGpu(const GenerateSettings& settings);
// Whether the context for this run is best created with ContextOptions::inlineCpuDispatch.
SPECDITHER_API bool generatePrefersInlineDispatch(const GenerateSettings& settings);

// Checks the settings without doing any work: "" or the one-line reason (unknown method, a shape out of range
// or not 2D, a shape the baseline refuses, steps past 2^32 - 1, loss parameters that are not finite numbers >= 0,
// swap knobs checkSwapParams refuses). What only the device can tell (its buffer limits) is left to generateMask.
SPECDITHER_API std::string checkGenerateSettings(const GenerateSettings& settings);

// Makes the mask. progress (may be empty) is called at every phase and between batches, at least twice a second
// on any device (batches are sized for it). Returns false with *error set to one line
// for settings the methods refuse.
SPECDITHER_API bool generateMask(GpuContext* context, const GenerateSettings& settings,
                                 const GenerateProgressFn& progress, GenerateResult* result, std::string* error);

}  // namespace specdither
