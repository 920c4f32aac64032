#include "specdither/stack_preset.h"

#include "gpu/random_hash.h"
#include "specdither/swap_start_selection.h"
#include "swap/swap_internal.h"

#include <algorithm>
#include <cmath>

namespace specdither {

uint32_t defaultStackPasses(const MaskShape& shape) {
  const uint64_t n = std::max<uint64_t>(1, shape.pixelCount());
  return uint32_t(std::clamp<uint64_t>((uint64_t(360) << 20) / n, 60, 360));
}

double defaultStackTemporalWeight(const MaskShape& shape) { return std::clamp(shape.slices / 8.0, 1.0, 8.0); }

uint32_t defaultTemporalLevels(const MaskShape& shape) {
  uint32_t levels = 128;
  while (levels > 32 && uint64_t(shape.pixelCount()) * levels * 4 > (uint64_t(1) << 29)) levels /= 2;
  return levels;
}

SwapParams defaultStackParams(const MaskShape& shape, uint64_t seed) {
  SwapParams p = defaultSwapParams({shape.width, shape.height}, seed);
  p.passes = defaultStackPasses(shape);
  p.startCandidates = defaultStartCandidates(shape);
  p.temporalLevels = defaultTemporalLevels(shape);
  p.temporalWeight = defaultStackTemporalWeight(shape);
  p.proposalsPerPixel = kStackProposalsPerPixel;
  return p;
}

uint64_t stackSliceSeed(uint64_t seed, uint32_t slice) {
  return slice == 0 ? seed : uint64_t(hashKey(seed, 0x511ce5u, slice)) << 32 | hashKey(seed, 0x511ce6u, slice);
}

Mask goldenRatioStack(const Mask& mask2D, uint32_t slices) {
  Mask stack;
  stack.shape = {mask2D.shape.width, mask2D.shape.height, slices};
  stack.values.reserve(stack.shape.valueCount());
  for (uint32_t t = 0; t < slices; ++t)
    for (float v : mask2D.values) stack.values.push_back(float(std::fmod(double(v) + t * kGoldenRatioStep, 1.0)));
  return rankNormalized(stack);
}

Mask stratifiedStack(const Mask& coarse2D, const Mask& fine2D, uint32_t slices) {
  // The strata in the order of the golden-ratio sequence: any run of consecutive frames visits strata spread
  // over the whole range, as TAA's window needs; the whole period visits each once.
  std::vector<uint32_t> frames(slices), offset(slices);
  for (uint32_t t = 0; t < slices; ++t) frames[t] = t;
  const auto golden = [](uint32_t t) { return std::fmod(t * kGoldenRatioStep, 1.0); };
  std::sort(frames.begin(), frames.end(), [&](uint32_t a, uint32_t b) { return golden(a) < golden(b); });
  for (uint32_t k = 0; k < slices; ++k) offset[frames[k]] = k;
  // Exact integer keys (stratum, rank of f): a slice's ranks are their order.
  const size_t n = coarse2D.shape.planeSize();
  const std::vector<uint32_t> coarseRanks = ranksOf(coarse2D), fineRanks = ranksOf(fine2D);
  RankGrid grid{{coarse2D.shape.width, coarse2D.shape.height, slices}, {}};
  grid.ranks.reserve(grid.shape.valueCount());
  std::vector<uint64_t> keys(n);
  std::vector<uint32_t> order(n);
  for (uint32_t t = 0; t < slices; ++t) {
    for (size_t i = 0; i < n; ++i) {
      const uint64_t stratum = (uint64_t(coarseRanks[i]) * slices / n + offset[t]) % slices;
      keys[i] = stratum * n + fineRanks[i];
      order[i] = uint32_t(i);
    }
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
    std::vector<uint32_t> ranks(n);
    for (size_t r = 0; r < n; ++r) ranks[order[r]] = uint32_t(r);
    grid.ranks.insert(grid.ranks.end(), ranks.begin(), ranks.end());
  }
  return maskFromRanks(grid);
}

Mask whiteNoiseStack(const MaskShape& shape, uint64_t seed) {
  std::vector<uint32_t> ranks;
  for (uint32_t s = 0; s < shape.slices; ++s) {
    const std::vector<uint32_t> r = shuffledRanks(shape.planeSize(), stackSliceSeed(seed, s));
    ranks.insert(ranks.end(), r.begin(), r.end());
  }
  return maskFromRanks({shape, ranks});
}

}  // namespace specdither
