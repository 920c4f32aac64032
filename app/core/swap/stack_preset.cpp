#include "specdither/stack_preset.h"

#include "gpu/random_hash.h"
#include "specdither/swap_start_selection.h"
#include "swap/swap_internal.h"

#include <algorithm>
#include <cmath>

namespace specdither {

uint32_t defaultStackPasses(const MaskShape& shape) {
  const uint64_t n = std::max<uint64_t>(1, shape.pixelCount());
  return uint32_t(std::clamp<uint64_t>((uint64_t(1) << 23) / n, 60, 2000));
}

SwapParams defaultStackParams(const MaskShape& shape, uint64_t seed) {
  SwapParams p = defaultSwapParams({shape.width, shape.height}, seed);
  p.passes = defaultStackPasses(shape);
  p.startCandidates = defaultStartCandidates(shape);
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
    for (float v : mask2D.values) stack.values.push_back(float(std::fmod(double(v) + t * 0.6180339887498949, 1.0)));
  return rankNormalized(stack);
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
