#include "specdither/swap_preset.h"

#include "specdither/stack_preset.h"
#include "specdither/swap_schedule.h"
#include "swap/swap_internal.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace specdither {

uint32_t defaultSwapPasses(const MaskShape& shape) {
  if (shape.slices > 1) return defaultStackPasses(shape);
  // From void-and-cluster the descent levels off after a few hundred to two thousand passes (sigma 1.5 error at
  // 40x40: 500 passes -13.96 dB, 2000 -14.04, 4000 -14.05; 256x256: 300 -13.99, 1000 -14.00), while a pass
  // costs ~N: 2^23 / N passes, within [500, 2000], keeps every size to seconds on lavapipe.
  const uint64_t n = std::max<uint64_t>(1, shape.planeSize());
  return uint32_t(std::clamp<uint64_t>((uint64_t(1) << 23) / n, 500, 2000));
}

SwapParams defaultSwapParams(const MaskShape& shape, uint64_t seed) {
  if (shape.slices > 1) return defaultStackParams(shape, seed);
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
  using Clock = std::chrono::steady_clock;
  SwapParams params = swapParams(o);
  if (params.passes == 0) params.passes = defaultSwapPasses(swapEnergyModel(o).shape);
  SwapProgress info;
  info.passes = params.passes;
  info.phase = SwapPhase::Reweighting;
  if (progress && !progress(info)) return;
  SwapSchedule schedule = beginSwapSchedule(o, params);
  // Batches of about a quarter second keep the progress live at every size; the first is small because it
  // also pays the pipelines' warm-up. passesPerSubmit caps them.
  const uint32_t maxBatch = std::max<uint32_t>(1, params.passesPerSubmit);
  uint32_t batch = std::min<uint32_t>(16, maxBatch);
  while (schedule.pass < params.passes) {
    if (swapBatchNeedsPreparation(schedule, params)) {
      info.pass = schedule.pass;
      info.phase = SwapPhase::Reweighting;
      if (progress && !progress(info)) return;
    }
    prepareSwapBatch(o, &schedule, params);
    const Clock::time_point start = Clock::now();
    uint32_t recorded = 0;
    submitAndWait(swapContext(o),
                  [&](VkCommandBuffer cmd) { recorded = recordSwapBatch(cmd, o, &schedule, params, batch); });
    const double perPass = std::chrono::duration<double>(Clock::now() - start).count() / std::max(1u, recorded);
    batch = uint32_t(std::clamp(0.25 / std::max(perPass, 1e-7), 1.0, double(maxBatch)));
    const SwapStats stats = takeSwapStats(o);
    if (progress) {
      info.phase = SwapPhase::Passes;
      info.pass = schedule.pass;
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
  std::function<void(double)> startProgress;
  if (progress)
    startProgress = [&](double done) {
      SwapProgress info;
      info.phase = SwapPhase::Start;
      info.startDone = done;
      info.passes = resolved.passes;
      progress(info);
    };
  const std::vector<uint32_t> ranks = chooseSwapStart(shape, resolved, error, startProgress);
  if (ranks.empty()) {
    destroySwapOptimizer(o);
    return Mask();
  }
  setSwapRanks(o, ranks);
  runSwapSchedule(o, progress);
  Mask mask = readSwapMask(o);
  destroySwapOptimizer(o);
  return mask;
}

}  // namespace specdither
