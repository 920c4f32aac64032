// generateMask: the one entry point behind `specdither generate` (and an engine's in-process call).
#include "specdither/generate.h"

#include "specdither/baseline_masks.h"
#include "specdither/colour_preset.h"
#include "specdither/stack_preset.h"
#include "specdither/swap_preset.h"
#include "timing/elapsed_seconds.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace specdither {

namespace {

bool isBaseline(const std::string& method) {
  BaselineMethod parsed;
  return parseBaselineMethod(method, &parsed);
}

// The methods that make stacks (docs/method.md §8): the preset, and the baselines of stacks.
bool makesStacks(const std::string& method) {
  return method == kPresetHvs || method == "white" || method == kStackGoldenRatio || method == kStackIndependent ||
         method == kStackStratified;
}

// The methods that make colour masks (docs/method.md §11).
bool makesColour(const std::string& method) {
  return method == kPresetHvs || method == "white" || method == kStackIndependent || method == kColourSameMask ||
         method == kColourInvertedGreen;
}

bool generateBaselineMask(const GenerateSettings& s, const GenerateProgressFn& progress, GenerateResult* result,
                          std::string* error) {
  BaselineMethod method;
  parseBaselineMethod(s.method, &method);
  const auto start = std::chrono::steady_clock::now();
  std::function<void(double)> report;
  if (progress)
    report = [&](double done) {
      GenerateProgress p;
      p.phase = baselineMethodName(method);
      p.fraction = done;
      p.seconds = secondsSince(start);
      progress(p);
    };
  if (s.shape.channels > 1) {  // white noise per plane; channel c is the planes c T .. (c + 1) T - 1
    const uint32_t channels = s.shape.channels, slices = s.shape.slices;
    const Mask planes = whiteNoiseStack({s.shape.width, s.shape.height, channels * slices}, s.seed);
    result->mask.shape = s.shape;
    result->mask.values.resize(s.shape.valueCount());
    const size_t n = s.shape.planeSize() * slices;
    for (uint32_t c = 0; c < channels; ++c)
      for (size_t i = 0; i < n; ++i) result->mask.values[i * channels + c] = planes.values[c * n + i];
  } else if (s.shape.slices > 1) {
    result->mask = whiteNoiseStack(s.shape, s.seed);
  } else {
    result->mask = generateBaseline(method, s.shape, s.seed, s.baselineSigma, error, report);
  }
  result->method = baselineMethodName(method);
  result->seconds = secondsSince(start);
  return !result->mask.values.empty();
}

// The swap progress in GenerateProgress's terms.
GenerateProgress swapProgressOf(const SwapProgress& p) {
  GenerateProgress g;
  switch (p.phase) {
    case SwapPhase::Start:
      g.phase = "choosing the start";
      g.fraction = p.startDone;
      g.detail = "void-and-cluster candidates";
      break;
    case SwapPhase::Reweighting:
    case SwapPhase::Passes: {
      // Re-weighting is a pause within the passes, not a phase of its own.
      g.phase = "passes";
      g.done = p.pass;
      g.total = p.passes;
      g.fraction = p.passes ? double(p.pass) / double(p.passes) : 1.0;
      char text[96];
      std::snprintf(text, sizeof text, "T %.3g  accepted %.1f%%", p.temperature, 100 * p.acceptedRate);
      g.detail = p.phase == SwapPhase::Reweighting ? "re-weighting the levels" : text;
      break;
    }
  }
  return g;
}

bool generateSwap(GpuContext* context, const GenerateSettings& s, const GenerateProgressFn& progress,
                  GenerateResult* result, std::string* error) {
  const SwapParams params = generateSwapParams(s);
  const auto start = std::chrono::steady_clock::now();
  SwapProgressFn report;
  if (progress)
    report = [&](const SwapProgress& p) {
      GenerateProgress g = swapProgressOf(p);
      g.seconds = secondsSince(start);
      progress(g);
      return true;
    };
  const MaskShape plane = {s.shape.width, s.shape.height};
  const MaskShape channelShape = {s.shape.width, s.shape.height, s.shape.slices};  // one channel of a colour mask
  if (s.shape.channels > 1 && (s.method == kColourSameMask || s.method == kColourInvertedGreen)) {
    const Mask one = runDefaultPreset(context, channelShape, params, report, error);
    if (!one.values.empty()) result->mask = colourFromOneMask(one, s.shape.channels, s.method == kColourInvertedGreen);
  } else if (s.shape.channels > 1) {
    ColourParams colour = s.colour;
    if (s.method == kStackIndependent) {
      colour.coupling = 0;
      colour.start = ColourStart::Independent;
    }
    ColourProgressFn colourReport;
    if (progress)
      colourReport = [&](uint32_t run, uint32_t runs, const SwapProgress& p) {
        GenerateProgress g = swapProgressOf(p);
        g.seconds = secondsSince(start);
        g.detail = "channel run " + std::to_string(run + 1) + " of " + std::to_string(runs) +
                   (g.detail.empty() ? "" : ": " + g.detail);
        progress(g);
        return true;
      };
    result->mask = runColourPreset(context, s.shape, params, colour, colourReport, error);
  } else if (s.method == kStackGoldenRatio) {
    result->mask = runDefaultPreset(context, plane, defaultSwapParams(plane, s.seed), report, error);
    if (!result->mask.values.empty()) result->mask = goldenRatioStack(result->mask, s.shape.slices);
  } else if (s.method == kStackStratified) {
    const Mask coarse = runDefaultPreset(context, plane, defaultSwapParams(plane, s.seed), report, error);
    if (coarse.values.empty()) return false;
    const uint64_t fineSeed = stackSliceSeed(s.seed, 1);
    const Mask fine = runDefaultPreset(context, plane, defaultSwapParams(plane, fineSeed), report, error);
    if (!fine.values.empty()) result->mask = stratifiedStack(coarse, fine, s.shape.slices);
  } else {
    result->mask = runDefaultPreset(context, s.shape, params, report, error);
  }
  result->method = s.method;
  result->steps = params.passes;
  result->seconds = secondsSince(start);
  return !result->mask.values.empty();
}

std::string lossText(const SpectralLoss& l) {
  // The names of the --json summary's loss object.
  char text[160];
  std::snprintf(text, sizeof text, "loss %.4g (uniformity %.3g histogram %.3g low_frequency %.3g)", l.total,
                l.uniformity, l.histogram, l.lowFrequency);
  return text;
}

bool generateSpectral(GpuContext* context, const GenerateSettings& s, const GenerateProgressFn& progress,
                      GenerateResult* result, std::string* error) {
  SpectralSetup setup;
  setup.shape = s.shape;
  setup.seed = s.seed;
  setup.histogram = s.histogram;
  SpectralPreset preset = wronski2020Preset();
  preset.params = s.spectralParams;
  preset.finetuneSteps = s.finetuneSteps;
  preset.finetuneLearningRate = s.finetuneLearningRate;
  if (s.steps >= 0) preset.steps = uint32_t(s.steps);
  std::function<void(const SpectralProgress&)> report;
  if (progress)
    report = [&](const SpectralProgress& p) {
      // The main phase and the fine-tune, each counted on its own.
      GenerateProgress g;
      const bool finetune = p.step > preset.steps;
      g.phase = finetune ? "fine-tune steps" : "steps";
      g.done = finetune ? p.step - preset.steps : p.step;
      g.total = finetune ? preset.finetuneSteps : preset.steps;
      g.fraction = g.total ? double(g.done) / double(g.total) : 1.0;
      g.seconds = p.seconds;
      g.detail = lossText(p.loss);
      progress(g);
    };
  if (!runSpectralPreset(context, setup, preset, report, &result->spectral, error)) return false;
  // The safeguard checked the last step's mask on the GPU; a non-finite mask is never a result, and its ranks
  // would look like a mask all the same.
  for (float v : result->spectral.mask.values)
    if (!std::isfinite(v)) return *error = "the optimized mask holds a non-finite value; nothing written", false;
  result->mask = rankNormalized(result->spectral.mask);
  result->method = kPresetWronski2020;
  result->finetuneSteps = std::min<uint64_t>(result->spectral.steps, preset.finetuneSteps);
  result->steps = result->spectral.steps - result->finetuneSteps;
  result->seconds = result->spectral.seconds;
  return true;
}

std::string checkSpectralParams(const SpectralLossParams& p) {
  const std::pair<const char*, float> numbers[] = {{"cutoff", p.cutoff},
                                                   {"uniformity weight", p.weightUniformity},
                                                   {"histogram weight", p.weightHistogram},
                                                   {"low-frequency weight", p.weightLowFrequency},
                                                   {"learning rate", p.update.learningRate},
                                                   {"momentum", p.update.momentum},
                                                   {"beta1", p.update.beta1},
                                                   {"beta2", p.update.beta2}};
  for (const auto& [name, value] : numbers)
    if (!std::isfinite(value) || value < 0) return std::string("the ") + name + " must be a finite number >= 0";
  if (p.cutoff <= 0) return "the cutoff must be > 0";
  return "";
}

}  // namespace

std::string canonicalGenerateMethod(const std::string& method) {
  if (method == kPresetHvs || method == "default") return kPresetHvs;
  if (method == kPresetAnnealing || method == kPresetWronski2020 || method == kStackGoldenRatio ||
      method == kStackIndependent || method == kStackStratified || method == kColourSameMask ||
      method == kColourInvertedGreen)
    return method;
  BaselineMethod baseline;
  if (parseBaselineMethod(method, &baseline)) return baselineMethodName(baseline);
  return "";
}

SwapParams generateSwapParams(const GenerateSettings& s) {
  const std::string method = canonicalGenerateMethod(s.method);
  SwapParams params;
  // A colour mask's channels each run the scalar preset of their shape (2D, or a stack).
  const MaskShape channelShape = {s.shape.width, s.shape.height, s.shape.slices};
  if (s.swapParams)
    params = *s.swapParams;
  else if (method == kPresetAnnealing)
    params = swapAnnealingParams(s.seed, kSwapAnnealingPasses);
  else
    params = defaultSwapParams(channelShape, s.seed);
  params.seed = s.seed;
  // The independent stack has no temporal term; independent colour channels keep each stack's own.
  if (method == kStackIndependent && s.shape.channels == 1) params.temporalWeight = 0;
  if (s.steps >= 0) params.passes = uint32_t(std::clamp<int64_t>(s.steps, 1, UINT32_MAX));
  if (params.passes == 0)
    params.passes = method == kPresetAnnealing ? kSwapAnnealingPasses : defaultSwapPasses(channelShape);
  return params;
}

bool generateNeedsGpu(const GenerateSettings& settings) { return !isBaseline(settings.method); }

bool generatePrefersInlineDispatch(const GenerateSettings& settings) {
  return canonicalGenerateMethod(settings.method) == kPresetWronski2020 &&
         spectralStepPrefersInlineDispatch(settings.shape);
}

std::string checkGenerateSettings(const GenerateSettings& s) {
  const std::string method = canonicalGenerateMethod(s.method);
  if (method.empty())
    return "unknown method '" + s.method +
           "' (hvs, annealing, wronski2020, vac, bayer, white, lottes; stacks: golden-ratio, independent, stratified; "
           "colour: independent, same-mask, inverted-green)";
  const std::string shapeProblem = checkMaskShape(s.shape);
  if (!shapeProblem.empty()) return shapeProblem;
  if (s.steps > int64_t(UINT32_MAX)) return "steps must be at most " + std::to_string(UINT32_MAX);
  if (s.shape.slices > 256) return "stacks have 1 to 256 slices, not " + std::to_string(s.shape.slices);
  if (s.shape.channels != 1) {
    const std::string colourProblem = checkColourParams(s.shape, s.colour);
    if (!colourProblem.empty()) return colourProblem;
    if (!makesColour(method))
      return method +
             " makes single-channel masks; colour masks come from hvs, independent, same-mask, "
             "inverted-green and white";
    return method == "white" ? ""
                             : checkSwapParams({s.shape.width, s.shape.height, s.shape.slices}, generateSwapParams(s));
  }
  if (method == kColourSameMask || method == kColourInvertedGreen)
    return method + " makes colour masks: give the channels (2 to 4)";
  if (s.shape.slices > 1 && !makesStacks(method))
    return method + " makes 2D masks; stacks of slices come from hvs, white, golden-ratio, independent and stratified";
  if (s.shape.slices == 1 && (method == kStackGoldenRatio || method == kStackStratified))
    return method + " makes stacks: give the slices (2 to 256)";
  if (s.shape.slices == 1 && method == kStackIndependent)
    return method + " makes stacks or colour masks: give the slices (2 to 256) or the channels (2 to 4)";
  BaselineMethod baseline;
  if (parseBaselineMethod(method, &baseline)) {
    if (!std::isfinite(s.baselineSigma) || s.baselineSigma < 0) return "the sigma must be a finite number >= 0";
    return s.shape.slices > 1 ? "" : checkBaseline(baseline, s.shape);
  }
  if (method == kPresetWronski2020) return checkSpectralParams(s.spectralParams);
  return checkSwapParams(s.shape, generateSwapParams(s));
}

bool generateMask(GpuContext* context, const GenerateSettings& requested, const GenerateProgressFn& progress,
                  GenerateResult* result, std::string* error) {
  *result = GenerateResult();
  *error = checkGenerateSettings(requested);
  if (!error->empty()) return false;
  GenerateSettings settings = requested;
  settings.method = canonicalGenerateMethod(requested.method);
  if (isBaseline(settings.method)) return generateBaselineMask(settings, progress, result, error);
  if (!context) {
    *error = settings.method + " needs a Vulkan device";
    return false;
  }
  if (settings.method == kPresetWronski2020) return generateSpectral(context, settings, progress, result, error);
  return generateSwap(context, settings, progress, result, error);
}

}  // namespace specdither
