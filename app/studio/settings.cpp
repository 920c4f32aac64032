#include "settings.h"

#include "specdither/swap_fields.h"

namespace specdither::studio {

StudioSettings presetSettings(PresetKind kind, uint32_t width, uint32_t height, uint64_t seed, uint32_t slices) {
  StudioSettings s;
  static_cast<PresetSettings&>(s) = presetDefaults(kind, width, height, seed, slices);
  return s;
}

std::string checkStudioStack(const StudioSettings& s) {
  if (s.slices > 1 && s.preset != PresetKind::Hvs)
    return std::string("stacks (") + std::to_string(s.slices) + " slices) come from the hvs preset, not " +
           presetName(s.preset);
  return "";
}

bool needsRestart(const StudioSettings& a, const StudioSettings& b) {
  if (a.preset != b.preset || a.width != b.width || a.height != b.height || a.slices != b.slices || a.seed != b.seed)
    return true;
  if (!usesSwapOptimizer(a.preset)) return a.spectral.histogram != b.spectral.histogram;
  for (const SwapField& field : swapFields())
    if (swapGroupRestarts(field.group) && !swapFieldEqual(field, a.swap, b.swap)) return true;
  return false;
}

const char* compareModeName(CompareMode mode) {
  switch (mode) {
    case CompareMode::None: return "none";
    case CompareMode::Source: return "source (undithered)";
    case CompareMode::White: return "white noise";
    case CompareMode::Bayer: return "Bayer";
    case CompareMode::VoidAndCluster: return "void-and-cluster";
    case CompareMode::Lottes: return "Lottes";
    case CompareMode::Accumulated: return "accumulated frames";
    case CompareMode::OneMaskForRgb: return "one mask for R, G, B";
    case CompareMode::IndependentChannels: return "independent channels";
    default: return "?";
  }
}

}  // namespace specdither::studio
