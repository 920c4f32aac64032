#include "swap_start.h"

#include "baseline_masks.h"
#include "mask.h"
#include "swap_preset.h"

namespace specdither::studio {

namespace {

uint32_t candidatesOf(uint32_t width, uint32_t height, const SwapParams& p) {
  return p.startCandidates ? p.startCandidates : defaultStartCandidates(width, height);
}

}  // namespace

std::vector<uint32_t> swapStartRanks(uint32_t width, uint32_t height, const SwapParams& p, std::string* error) {
  if (p.start == SwapStart::Random) return shuffledRanks(size_t(width) * height, p.seed);
  const uint32_t candidates = candidatesOf(width, height, p);
  std::vector<uint32_t> best;
  double bestScore = 0;
  for (uint32_t k = 0; k < candidates; ++k) {
    const Mask mask = generateBaseline(BaselineMethod::VoidAndCluster, width, height, p.seed + k, p.startSigma, error);
    if (mask.width == 0) return {};
    std::vector<uint32_t> ranks = ranksOf(mask);
    const double score = candidates > 1 ? swapStartScore(width, height, ranks, p) : 0.0;
    if (best.empty() || score < bestScore) {
      best = std::move(ranks);
      bestScore = score;
    }
  }
  return best;
}

std::string describeSwapStart(uint32_t width, uint32_t height, const SwapParams& p) {
  if (p.start == SwapStart::Random) return "random start";
  const uint32_t n = candidatesOf(width, height, p);
  return "void-and-cluster start (" + std::to_string(n) + (n == 1 ? " candidate)" : " candidates)");
}

}  // namespace specdither::studio
