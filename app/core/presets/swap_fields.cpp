// The swap knobs table (swap_fields.h).
#include "specdither/swap_fields.h"

namespace specdither {

bool swapGroupRestarts(SwapFieldGroup group) { return group != SwapFieldGroup::Schedule; }

namespace {

const SwapChoice kStart = {
    [](const SwapParams& p) { return uint32_t(p.start); },
    [](SwapParams& p, uint32_t v) { p.start = SwapStart(v); },
    {"void-and-cluster", "random"},
    {"void-and-cluster", "random permutation"},
};

const SwapChoice kConflictRule = {
    [](const SwapParams& p) { return uint32_t(p.conflictRule); },
    [](SwapParams& p, uint32_t v) { p.conflictRule = SwapConflictRule(v); },
    {"disjoint-pixels", "disjoint-neighbourhoods"},
    {"disjoint pixels", "disjoint neighbourhoods"},
};

SwapField ranged(const char* key, const char* label, SwapFieldGroup group, double min, double max, double sliderMin,
                 double sliderMax, const char* tooltip) {
  SwapField f{key, label, group};
  f.min = min;
  f.max = max;
  f.sliderMin = sliderMin;
  f.sliderMax = sliderMax;
  f.tooltip = tooltip;
  return f;
}

SwapField real(const char* key, const char* label, SwapFieldGroup group, double SwapParams::*member, double min,
               double max, double sliderMin, double sliderMax, const char* format, const char* tooltip = nullptr) {
  SwapField f = ranged(key, label, group, min, max, sliderMin, sliderMax, tooltip);
  f.real = member;
  f.format = format;
  return f;
}

SwapField count(const char* key, const char* label, SwapFieldGroup group, uint32_t SwapParams::*member, double min,
                double max, double sliderMin, double sliderMax, const char* tooltip = nullptr) {
  SwapField f = ranged(key, label, group, min, max, sliderMin, sliderMax, tooltip);
  f.count = member;
  return f;
}

SwapField typedCount(const char* key, const char* label, SwapFieldGroup group, uint32_t SwapParams::*member, double min,
                     double max, int step, const char* tooltip = nullptr) {
  SwapField f = count(key, label, group, member, min, max, 0, 0, tooltip);
  f.inputStep = step;
  return f;
}

SwapField flag(const char* key, const char* label, SwapFieldGroup group, bool SwapParams::*member) {
  SwapField f{key, label, group};
  f.flag = member;
  return f;
}

SwapField list(const char* key, const char* label, SwapFieldGroup group, std::vector<double> SwapParams::*member) {
  SwapField f{key, label, group};
  f.list = member;
  return f;
}

SwapField choice(const char* key, const char* label, SwapFieldGroup group, const SwapChoice* choice) {
  SwapField f{key, label, group};
  f.choice = choice;
  return f;
}

SwapField temporalFilter(const char* key, const char* label, SwapFieldGroup group, const char* tooltip) {
  SwapField f{key, label, group};
  f.filter = &SwapParams::temporal;
  f.stackOnly = true;
  f.tooltip = tooltip;
  return f;
}

SwapField stackOnly(SwapField f) {
  f.stackOnly = true;
  return f;
}

std::vector<SwapField> makeSwapFields() {
  using G = SwapFieldGroup;
  SwapField startSigma = real("start_sigma", "V&c sigma", G::Start, &SwapParams::startSigma, 0.3, 8, 0.5, 3.0, "%.2f");
  startSigma.voidAndClusterOnly = true;
  SwapField candidates = count(
      "start_candidates", "Candidates", G::Start, &SwapParams::startCandidates, 0, 1024, 0, 64,
      "Void-and-cluster masks tried (seeds seed, seed + 1, ...); the best by the energy's score starts. "
      "auto: 2^18 / N, 1 to 32.");
  candidates.zeroText = "auto";
  candidates.voidAndClusterOnly = true;
  SwapField quantile = real(
      "start_ramp_quantile", "Ramp quantile", G::Start, &SwapParams::startRampQuantile, 0, 1, 0, 1, "%.2f",
      "Only candidates whose 2-level ramp RMSE is at most this quantile of the candidates' compete on the "
      "score (1: all of them).");
  quantile.voidAndClusterOnly = true;
  SwapField endRatio = real("end_ratio", "End ratio", G::Schedule, &SwapParams::endRatio, 1e-12, 1, 1e-6, 1, "%.1e");
  endRatio.logarithmic = true;
  return {
      choice("start", "Start", G::Start, &kStart),
      startSigma,
      candidates,
      quantile,
      list("sigmas", "eye-model sigmas and their weights c_sigma", G::Energy, &SwapParams::sigmas),
      list("sigma_weights", nullptr, G::Energy, &SwapParams::sigmaWeights),
      real("radius_in_std", "Gather radius", G::Energy, &SwapParams::radiusInStd, 0.5, 8, 1, 6, "%.1f std",
           "Offsets within ceil(radius * sigma_max * sqrt 2) px enter each swap's dE."),
      temporalFilter("temporal", "Temporal filter", G::Energy,
                     "How the renderer accumulates the frames dithered with successive slices (docs/method.md §8.1): "
                     "ema:ALPHA (TAA), mean:K (the last K frames), gauss:S."),
      stackOnly(real("temporal_weight", "Temporal weight", G::Energy, &SwapParams::temporalWeight, 0, 100, 0, 10,
                     "%.2f",
                     "Weight of the pairs across slices against those within a slice (1: equal; 0: independent "
                     "slices). More trades single frames for long sums (docs/method.md §8.2).")),
      stackOnly(count("temporal_levels", "Temporal levels", G::Energy, &SwapParams::temporalLevels, 2, 256, 2, 256,
                      "Gray levels L of the term across slices (docs/method.md §8.2).")),
      real("proposals_per_pixel", "Per pixel", G::Proposals, &SwapParams::proposalsPerPixel, 1e-6, 1, 0.01, 1, "%.3f"),
      real("random_partner", "Random partner", G::Proposals, &SwapParams::randomPartner, 0, 1, 0, 1, "%.2f"),
      real("rank_partner", "Rank partner", G::Proposals, &SwapParams::rankPartner, 0, 1, 0, 1, "%.2f"),
      count("rank_window", "Rank window", G::Proposals, &SwapParams::rankWindow, 1, 1u << 24, 1, 4096),
      count("neighbour_radius", "Neighbour radius", G::Proposals, &SwapParams::neighbourRadius, 1, 64, 1, 16),
      choice("conflict_rule", "Conflicts", G::Proposals, &kConflictRule),
      typedCount("passes", "Passes", G::Schedule, &SwapParams::passes, 1, 100000000, 500),
      real("start_temperature", "Start T", G::Schedule, &SwapParams::startTemperature, 0, 1e6, 0, 4, "%.3f",
           "T = start * s * end^(pass / (cooling * passes)), s = the median |dE| of a batch; then T = 0."),
      endRatio,
      real("cooling_fraction", "Cooling share", G::Schedule, &SwapParams::coolingFraction, 0, 1, 0, 1, "%.2f"),
      typedCount("reweight_interval", "Re-weight", G::Schedule, &SwapParams::reweightInterval, 0, 100000000, 100,
                 "Passes between re-balancings of the level weights w = c / mse(t/N) (0: only at the start).\n"
                 "Takes effect at the next multiple."),
      flag("rescale_at_reweight", "Rescale T at re-weighting", G::Schedule, &SwapParams::rescaleAtReweight),
      real("uniform_share", "Uniform share", G::Schedule, &SwapParams::uniformShare, 0, 1, 0, 1, "%.2f",
           "Share of level-independent weights in the re-weighting: 0 minimizes the mean error in dB over the "
           "levels, 1 the mean error itself."),
      count("measure_levels", nullptr, G::Schedule, &SwapParams::measureLevels, 3, 255, 0, 0),
  };
}

}  // namespace

const std::vector<SwapField>& swapFields() {
  static const std::vector<SwapField> fields = makeSwapFields();
  return fields;
}

bool swapFieldEqual(const SwapField& f, const SwapParams& a, const SwapParams& b) {
  if (f.real) return a.*f.real == b.*f.real;
  if (f.count) return a.*f.count == b.*f.count;
  if (f.flag) return a.*f.flag == b.*f.flag;
  if (f.list) return a.*f.list == b.*f.list;
  if (f.filter) return (a.*f.filter).kind == (b.*f.filter).kind && (a.*f.filter).parameter == (b.*f.filter).parameter;
  return f.choice->get(a) == f.choice->get(b);
}

}  // namespace specdither
