// generateMask: the one entry point behind `specdither generate` (and an engine's in-process call).
#include "specdither/generate.h"

#include "specdither/baseline_masks.h"
#include "specdither/swap_preset.h"

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

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool generateBaselineMask(const GenerateSettings& s, GenerateResult* result, std::string* error) {
  BaselineMethod method;
  parseBaselineMethod(s.method, &method);
  const auto start = std::chrono::steady_clock::now();
  result->mask = generateBaseline(method, s.shape, s.seed, s.baselineSigma, error);
  result->method = baselineMethodName(method);
  result->seconds = secondsSince(start);
  return !result->mask.values.empty();
}

bool generateHvs(GpuContext* context, const GenerateSettings& s, const GenerateProgressFn& progress,
                 GenerateResult* result, std::string* error) {
  SwapParams params = s.swapParams ? *s.swapParams : defaultSwapParams(s.shape, s.seed);
  params.seed = s.seed;
  if (params.passes == 0) params.passes = defaultSwapPasses(s.shape);
  if (s.steps >= 0) params.passes = uint32_t(std::max<int64_t>(s.steps, 1));
  const auto start = std::chrono::steady_clock::now();
  result->mask = runDefaultPreset(
      context, s.shape, params,
      [&](const SwapProgress& p) {
        if (progress) {
          char text[96];
          std::snprintf(text, sizeof text, "T %.3g  accepted %.1f%%", p.temperature, 100 * p.acceptedRate);
          progress({p.pass, p.passes, secondsSince(start), text});
        }
        return true;
      },
      error);
  result->method = "hvs";
  result->steps = params.passes;
  result->seconds = secondsSince(start);
  return !result->mask.values.empty();
}

std::string lossText(const SpectralLoss& l) {
  char text[160];
  std::snprintf(text, sizeof text, "loss %.4g (U %.3g H %.3g B %.3g)", l.total, l.uniformity, l.histogram,
                l.lowFrequency);
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
    report = [&](const SpectralProgress& p) { progress({p.step, p.totalSteps, p.seconds, lossText(p.loss)}); };
  if (!runSpectralPreset(context, setup, preset, report, &result->spectral, error)) return false;
  // The safeguard checked the last step's mask on the GPU; a non-finite mask is never a result, and its ranks
  // would look like a mask all the same.
  for (float v : result->spectral.mask.values)
    if (!std::isfinite(v)) return *error = "the optimized mask holds a non-finite value; nothing written", false;
  result->mask = rankNormalized(result->spectral.mask);
  result->method = "wronski2020";
  result->steps = result->spectral.steps;
  result->seconds = result->spectral.seconds;
  return true;
}

}  // namespace

bool generateNeedsGpu(const GenerateSettings& settings) { return !isBaseline(settings.method); }

bool generatePrefersInlineDispatch(const GenerateSettings& settings) {
  return settings.method == "wronski2020" && spectralStepPrefersInlineDispatch(settings.shape);
}

std::string checkGenerateSettings(const GenerateSettings& s) {
  if (s.method != "hvs" && s.method != "wronski2020" && !isBaseline(s.method))
    return "unknown method '" + s.method + "' (hvs, wronski2020, vac, bayer, white, lottes)";
  const std::string shapeProblem = checkMaskShape(s.shape);
  if (!shapeProblem.empty()) return shapeProblem;
  return check2DShape(s.shape, "generate");
}

bool generateMask(GpuContext* context, const GenerateSettings& settings, const GenerateProgressFn& progress,
                  GenerateResult* result, std::string* error) {
  *result = GenerateResult();
  *error = checkGenerateSettings(settings);
  if (!error->empty()) return false;
  if (isBaseline(settings.method)) return generateBaselineMask(settings, result, error);
  if (!context) {
    *error = settings.method + " needs a Vulkan device";
    return false;
  }
  return settings.method == "wronski2020" ? generateSpectral(context, settings, progress, result, error)
                                          : generateHvs(context, settings, progress, result, error);
}

}  // namespace specdither
