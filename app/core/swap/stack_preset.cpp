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
  p.startCandidates = std::max<uint32_t>(1, defaultStartCandidates({shape.width, shape.height}) / shape.slices);
  return p;
}

uint64_t stackSliceSeed(uint64_t seed, uint32_t slice) {
  return slice == 0 ? seed : uint64_t(hashKey(seed, 0x511ce5u, slice)) << 32 | hashKey(seed, 0x511ce6u, slice);
}

Mask runStackPreset(GpuContext* context, const MaskShape& shape, const SwapParams& params,
                    const SwapProgressFn& progress, std::string* error) {
  SwapParams resolved = params;
  if (resolved.passes == 0) resolved.passes = defaultStackPasses(shape);
  SwapOptimizer* o = createSwapOptimizer(context, shape, resolved, error);
  if (!o) return Mask();
  // Every slice starts from its own void-and-cluster mask (slice 0 from the seed's own: a one-slice stack is the
  // 2D preset's start).
  std::vector<uint32_t> ranks;
  for (uint32_t s = 0; s < shape.slices; ++s) {
    SwapParams sliceParams = resolved;
    sliceParams.seed = stackSliceSeed(resolved.seed, s);
    std::function<void(double)> sliceProgress;
    if (progress)
      sliceProgress = [&](double done) {
        SwapProgress info;
        info.phase = SwapPhase::Start;
        info.startDone = (s + done) / shape.slices;
        info.passes = resolved.passes;
        progress(info);
      };
    const std::vector<uint32_t> start = chooseSwapStart({shape.width, shape.height}, sliceParams, error, sliceProgress);
    if (start.empty()) {
      destroySwapOptimizer(o);
      return Mask();
    }
    ranks.insert(ranks.end(), start.begin(), start.end());
  }
  setSwapRanks(o, ranks);
  runSwapSchedule(o, progress);
  Mask mask = readSwapMask(o);
  destroySwapOptimizer(o);
  return mask;
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
