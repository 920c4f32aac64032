#include "settings.h"

#include "specdither/generate.h"
#include "specdither/swap_preset.h"

namespace specdither::studio {

const char* presetName(PresetKind kind) {
  switch (kind) {
    case PresetKind::Wronski2020: return kPresetWronski2020;
    case PresetKind::SwapAnnealing: return kPresetAnnealing;
    default: return kPresetHvs;
  }
}

bool parsePresetName(const std::string& name, PresetKind* kind) {
  // The core's names (the old "default" for hvs included).
  const std::string canonical = canonicalGenerateMethod(name);
  if (canonical == kPresetHvs) *kind = PresetKind::Default;
  else if (canonical == kPresetWronski2020) *kind = PresetKind::Wronski2020;
  else if (canonical == kPresetAnnealing) *kind = PresetKind::SwapAnnealing;
  else return false;
  return true;
}

bool usesSwapOptimizer(PresetKind kind) { return kind != PresetKind::Wronski2020; }

StudioSettings presetSettings(PresetKind kind, uint32_t width, uint32_t height, uint64_t seed) {
  StudioSettings s;
  s.preset = kind;
  s.width = width;
  s.height = height;
  s.seed = seed;
  const SpectralPreset article = wronski2020Preset();
  s.spectral.loss = article.params;
  s.spectral.steps = article.steps;
  s.spectral.finetuneSteps = article.finetuneSteps;
  s.spectral.finetuneLearningRate = article.finetuneLearningRate;
  // The prototype's figures took 60,000 passes at 64x64 (docs/method.md §3.8).
  s.swap = kind == PresetKind::SwapAnnealing ? swapAnnealingParams(seed, kSwapAnnealingPasses)
                                             : defaultSwapParams(s.shape(), seed);
  return s;
}

SpectralPreset spectralPresetOf(const SpectralSettings& settings) {
  SpectralPreset preset;
  preset.params = settings.loss;
  preset.steps = settings.steps;
  preset.finetuneSteps = settings.finetuneSteps;
  preset.finetuneLearningRate = settings.finetuneLearningRate;
  return preset;
}

bool needsRestart(const StudioSettings& a, const StudioSettings& b) {
  if (a.preset != b.preset || a.width != b.width || a.height != b.height || a.seed != b.seed) return true;
  if (!usesSwapOptimizer(a.preset)) return a.spectral.histogram != b.spectral.histogram;
  // The swap optimizer builds its energy model and proposal buffers at creation.
  const SwapParams& x = a.swap;
  const SwapParams& y = b.swap;
  return x.start != y.start || x.startSigma != y.startSigma || x.startCandidates != y.startCandidates ||
         x.startRampQuantile != y.startRampQuantile ||
         x.sigmas != y.sigmas || x.sigmaWeights != y.sigmaWeights || x.radiusInStd != y.radiusInStd ||
         x.proposalsPerPixel != y.proposalsPerPixel || x.randomPartner != y.randomPartner ||
         x.rankPartner != y.rankPartner || x.rankWindow != y.rankWindow || x.neighbourRadius != y.neighbourRadius ||
         x.conflictRule != y.conflictRule;
}

const char* compareModeName(CompareMode mode) {
  switch (mode) {
    case CompareMode::None: return "none";
    case CompareMode::Source: return "source (undithered)";
    case CompareMode::White: return "white noise";
    case CompareMode::Bayer: return "Bayer";
    case CompareMode::VoidAndCluster: return "void-and-cluster";
    case CompareMode::Lottes: return "Lottes";
    default: return "?";
  }
}

}  // namespace specdither::studio
