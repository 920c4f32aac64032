// Presets as data (preset.h): names, defaults, and what generateMask runs for one.
#include "specdither/preset.h"

#include "specdither/swap_preset.h"

namespace specdither {

const char* presetName(PresetKind kind) {
  switch (kind) {
    case PresetKind::Wronski2020: return kPresetWronski2020;
    case PresetKind::SwapAnnealing: return kPresetAnnealing;
    default: return kPresetHvs;
  }
}

bool parsePresetName(const std::string& name, PresetKind* kind) {
  const std::string canonical = canonicalGenerateMethod(name);  // "default" is hvs
  if (canonical == kPresetHvs)
    *kind = PresetKind::Hvs;
  else if (canonical == kPresetWronski2020)
    *kind = PresetKind::Wronski2020;
  else if (canonical == kPresetAnnealing)
    *kind = PresetKind::SwapAnnealing;
  else
    return false;
  return true;
}

bool usesSwapOptimizer(PresetKind kind) { return kind != PresetKind::Wronski2020; }

SpectralPreset spectralPresetOf(const SpectralPresetSettings& settings) {
  SpectralPreset preset;
  preset.params = settings.loss;
  preset.steps = settings.steps;
  preset.finetuneSteps = settings.finetuneSteps;
  preset.finetuneLearningRate = settings.finetuneLearningRate;
  return preset;
}

PresetSettings::PresetSettings() : swap(defaultSwapParams(shape(), seed)) {}

PresetSettings presetDefaults(PresetKind kind, uint32_t width, uint32_t height, uint64_t seed, uint32_t slices) {
  PresetSettings p;
  p.preset = kind;
  p.width = width;
  p.height = height;
  p.seed = seed;
  p.slices = slices;
  const SpectralPreset article = wronski2020Preset();
  p.spectral.loss = article.params;
  p.spectral.steps = article.steps;
  p.spectral.finetuneSteps = article.finetuneSteps;
  p.spectral.finetuneLearningRate = article.finetuneLearningRate;
  // The prototype's figures took 60,000 passes at 64x64 (docs/method.md §3.8).
  p.swap = kind == PresetKind::SwapAnnealing ? swapAnnealingParams(seed, kSwapAnnealingPasses)
                                             : defaultSwapParams(p.shape(), seed);
  return p;
}

GenerateSettings generateSettingsOf(const PresetSettings& p) {
  GenerateSettings g;
  g.shape = p.shape();
  g.seed = p.seed;
  if (usesSwapOptimizer(p.preset)) {
    g.method = presetName(p.preset);  // hvs or annealing: the summaries name what ran
    g.swapParams = p.swap;
    g.swapParams->seed = p.seed;
    return g;
  }
  g.method = kPresetWronski2020;
  g.spectralParams = p.spectral.loss;
  g.histogram = p.spectral.histogram;
  g.steps = p.spectral.steps;
  g.finetuneSteps = p.spectral.runSchedule ? p.spectral.finetuneSteps : 0;
  g.finetuneLearningRate = p.spectral.finetuneLearningRate;
  return g;
}

}  // namespace specdither
