#include "specdither/swap_preset.h"

#include "specdither/swap_schedule.h"
#include "swap/swap_internal.h"

#include <algorithm>
#include <cmath>

namespace specdither {

uint32_t defaultSwapPasses(const MaskShape& shape) {
  // From void-and-cluster the descent levels off after a few hundred to two thousand passes (sigma 1.5 error at
  // 40x40: 500 passes -13.96 dB, 2000 -14.04, 4000 -14.05; 256x256: 300 -13.99, 1000 -14.00), while a pass
  // costs ~N: 2^23 / N passes, within [500, 2000], keeps every size to seconds on lavapipe.
  const uint64_t n = std::max<uint64_t>(1, shape.planeSize());
  return uint32_t(std::clamp<uint64_t>((uint64_t(1) << 23) / n, 500, 2000));
}

SwapParams defaultSwapParams(const MaskShape& shape, uint64_t seed) {
  SwapParams p;
  p.passes = defaultSwapPasses(shape);
  p.seed = seed;
  return p;
}

SwapParams swapAnnealingParams(uint64_t seed, uint32_t passes) {
  SwapParams p;
  p.start = SwapStart::Random;
  p.startTemperature = 0.5;
  p.reweightInterval = 2000;
  p.passes = passes;
  p.seed = seed;
  return p;
}

void runSwapSchedule(SwapOptimizer* o, const SwapProgressFn& progress) {
  SwapParams params = swapParams(o);
  if (params.passes == 0) params.passes = defaultSwapPasses(swapEnergyModel(o).shape);
  SwapSchedule schedule = beginSwapSchedule(o, params);
  while (schedule.pass < params.passes) {
    prepareSwapBatch(o, &schedule, params);
    submitAndWait(swapContext(o), [&](VkCommandBuffer cmd) {
      recordSwapBatch(cmd, o, &schedule, params, std::max<uint32_t>(1, params.passesPerSubmit));
    });
    const SwapStats stats = takeSwapStats(o);
    if (progress) {
      SwapProgress info;
      info.pass = schedule.pass;
      info.passes = params.passes;
      info.temperature = schedule.lastTemperature;
      info.acceptedRate = stats.proposed ? double(stats.accepted) / double(stats.proposed) : 0;
      info.appliedRate = stats.proposed ? double(stats.applied) / double(stats.proposed) : 0;
      if (!progress(info)) return;
    }
  }
}

Mask runDefaultPreset(GpuContext* context, const MaskShape& shape, const SwapParams& params,
                      const SwapProgressFn& progress, std::string* error) {
  SwapParams resolved = params;
  if (resolved.passes == 0) resolved.passes = defaultSwapPasses(shape);
  SwapOptimizer* o = createSwapOptimizer(context, shape, resolved, error);
  if (!o) return Mask();
  const std::vector<uint32_t> start = chooseSwapStart(shape, resolved, error);
  if (start.empty()) {
    destroySwapOptimizer(o);
    return Mask();
  }
  setSwapRanks(o, start);
  runSwapSchedule(o, progress);
  Mask mask = readSwapMask(o);
  destroySwapOptimizer(o);
  return mask;
}

}  // namespace specdither
