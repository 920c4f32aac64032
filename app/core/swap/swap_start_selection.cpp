#include "specdither/swap_start_selection.h"

#include "specdither/baseline_masks.h"
#include "specdither/hvs_levels.h"
#include "specdither/mask_metrics.h"
#include "specdither/stack_preset.h"
#include "gpu/random_hash.h"
#include "swap/swap_internal.h"
#include "hvs/hvs_levels_internal.h"

#include <algorithm>
#include <cmath>

namespace specdither {

std::vector<uint32_t> shuffledRanks(size_t count, uint64_t seed) {
  std::vector<uint32_t> ranks(count);
  for (size_t i = 0; i < count; ++i) ranks[i] = uint32_t(i);
  for (size_t i = count; i > 1; --i) {
    const uint32_t j = uint32_t(uint64_t(hashKey(seed, 0x5eedu, uint32_t(i))) * i >> 32);
    std::swap(ranks[i - 1], ranks[j]);
  }
  return ranks;
}

uint32_t defaultStartCandidates(const MaskShape& shape) {
  const uint64_t n = shape.planeSize();
  const uint32_t perPlane = uint32_t(std::clamp<uint64_t>((uint64_t(1) << 18) / std::max<uint64_t>(n, 1), 1, 32));
  // A stack divides the 2D preset's candidates among its slices (each slice's start costs as much as a 2D one).
  return std::max<uint32_t>(1, perPlane / std::max<uint32_t>(1, shape.slices));
}

double swapStartScore(const RankGrid& grid, const SwapParams& p) {
  // Levels spread evenly over (0, 1), scored the way the energy weighs them: (1 - u) * mean dB + u * dB of the
  // mean error (u = uniformShare), both relative to white noise. The energy spans all N - 1 levels; 63 estimate
  // its mean finely enough to rank candidates that differ by hundredths of a dB (31 did not).
  const size_t n = grid.shape.planeSize();
  std::vector<uint32_t> levels;
  for (uint32_t j = 0; j < p.scoreLevels; ++j) {
    const double t = std::round(double(n) * (j + 1) / (p.scoreLevels + 1));
    levels.push_back(uint32_t(std::clamp(t, 1.0, double(n - 1))));
  }
  const std::vector<std::vector<double>> mse = hvsLevelMse(grid, p.sigmas, levels);
  double score = 0, total = 0;
  for (size_t s = 0; s < p.sigmas.size(); ++s) {
    double meanDb = 0, meanMse = 0, meanWhite = 0;
    for (size_t j = 0; j < levels.size(); ++j) {
      const double g = double(levels[j]) / double(n);
      meanDb += 10 * std::log10(mse[s][j] / (g * (1 - g))) / double(levels.size());
      meanMse += mse[s][j];
      meanWhite += g * (1 - g);
    }
    // Both relative to a white pattern of the same means (the white-noise gain, a per-sigma constant, is left
    // out: it shifts every candidate alike).
    const double value = (1 - p.uniformShare) * meanDb + p.uniformShare * 10 * std::log10(meanMse / meanWhite);
    score += p.sigmaWeights[s] * value;
    total += p.sigmaWeights[s];
  }
  return score / total;
}

namespace {

// The 2-level ramp RMSE of docs/method.md §5.6 (mask_metrics.h).
double rampRmse(const RankGrid& grid) {
  MetricsOptions rampOnly;
  rampOnly.hvsSigmas = {};
  rampOnly.rampLevels = {2};
  return computeMaskMetrics(maskFromRanks(grid), rampOnly).ramp[0].rmse;
}

// The best of `candidates` void-and-cluster masks (seeds swapStartCandidateSeed(seed, k)) by swapStartScore among those
// whose ramp RMSE is within the startRampQuantile of the candidates'. Empty with *error when the size is refused.
std::vector<uint32_t> bestVoidAndClusterStart(const MaskShape& shape, const SwapParams& p, std::string* error,
                                              const std::function<void(double)>& progress) {
  const uint32_t candidates = p.startCandidates ? p.startCandidates : defaultStartCandidates(shape);
  struct Candidate {
    RankGrid grid;
    double score = 0, ramp = 0;
  };
  std::vector<Candidate> pool;
  for (uint32_t k = 0; k < candidates; ++k) {
    std::function<void(double)> candidateProgress;
    if (progress) candidateProgress = [&](double done) { progress((k + done) / candidates); };
    const Mask mask = generateBaseline(BaselineMethod::VoidAndCluster, shape, swapStartCandidateSeed(p.seed, k),
                                       p.startSigma, error, candidateProgress);
    if (mask.values.empty()) return {};
    Candidate c;
    c.grid = {shape, ranksOf(mask)};
    if (candidates > 1) {
      c.score = swapStartScore(c.grid, p);
      c.ramp = p.startRampQuantile < 1 ? rampRmse(c.grid) : 0.0;
    }
    pool.push_back(std::move(c));
    if (progress) progress(double(k + 1) / candidates);
  }
  std::vector<double> ramps;
  for (const Candidate& c : pool) ramps.push_back(c.ramp);
  std::sort(ramps.begin(), ramps.end());
  const double rampLimit = ramps[size_t(std::floor(std::clamp(p.startRampQuantile, 0.0, 1.0) * (ramps.size() - 1)))];
  const Candidate* best = nullptr;
  for (const Candidate& c : pool)
    if (c.ramp <= rampLimit && (!best || c.score < best->score)) best = &c;
  return best->grid.ranks;
}

}  // namespace

uint64_t swapStartCandidateSeed(uint64_t seed, uint32_t k) {
  return uint64_t(hashKey(seed, 0xca0d1da7u, k)) << 32 | hashKey(seed, 0xca0d1da8u, k);
}

std::vector<uint32_t> chooseSwapStart(const MaskShape& shape, const SwapParams& params, std::string* error,
                                      const std::function<void(double)>& progress) {
  const MaskShape plane = {shape.width, shape.height};
  const std::string refusal = shape.channels != 1 ? check2DShape(shape, "the swap start") : checkMaskShape(shape);
  if (!refusal.empty()) {
    if (error) *error = refusal;
    return {};
  }
  // Every slice of a stack starts from its own 2D start (docs/method.md §8.3), slice 0 from the seed's own, so
  // that a one-slice shape starts as the 2D preset does.
  SwapParams sliceParams = params;
  if (sliceParams.startCandidates == 0) sliceParams.startCandidates = defaultStartCandidates(shape);
  std::vector<uint32_t> ranks;
  ranks.reserve(shape.pixelCount());
  for (uint32_t s = 0; s < shape.slices; ++s) {
    sliceParams.seed = stackSliceSeed(params.seed, s);
    std::function<void(double)> sliceProgress;
    if (progress) sliceProgress = [&](double done) { progress((s + done) / shape.slices); };
    const std::vector<uint32_t> start = params.start == SwapStart::Random
                                            ? shuffledRanks(plane.planeSize(), sliceParams.seed)
                                            : bestVoidAndClusterStart(plane, sliceParams, error, sliceProgress);
    if (start.empty()) return {};
    ranks.insert(ranks.end(), start.begin(), start.end());
  }
  return ranks;
}

}  // namespace specdither
