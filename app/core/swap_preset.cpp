#include "swap_preset.h"

#include "hvs_levels.h"

#include <algorithm>
#include <cmath>

namespace specdither {

uint32_t defaultSwapPasses(uint32_t width, uint32_t height) {
  // From void-and-cluster the descent levels off after a few hundred to two thousand passes (sigma 1.5 error at
  // 40x40: 500 passes -13.96 dB, 2000 -14.04, 4000 -14.05; 256x256: 300 -13.99, 1000 -14.00), while a pass
  // costs ~N: 2^23 / N passes, within [500, 2000], keeps every size to seconds on lavapipe.
  const uint64_t n = std::max<uint64_t>(1, uint64_t(width) * height);
  return uint32_t(std::clamp<uint64_t>((uint64_t(1) << 23) / n, 500, 2000));
}

SwapParams defaultSwapParams(uint32_t width, uint32_t height, uint64_t seed) {
  SwapParams p;
  p.passes = defaultSwapPasses(width, height);
  p.seed = seed;
  return p;
}

SwapParams swapAnnealingParams(uint32_t width, uint32_t height, uint64_t seed, uint32_t passes) {
  SwapParams p;
  p.start = SwapStart::Random;
  p.startTemperature = 0.5;
  p.reweightInterval = 2000;
  p.passes = passes;
  p.seed = seed;
  (void)width;
  (void)height;
  return p;
}

double medianSwapDelta(SwapOptimizer* o) {
  submitAndWait(swapContext(o), [&](VkCommandBuffer cmd) { recordSwapEvaluation(cmd, o); });
  std::vector<double> deltas;
  for (const SwapProposal& p : readSwapProposals(o))
    if (p.p != p.q) deltas.push_back(std::fabs(double(p.delta)));
  if (deltas.empty()) return 0;
  std::nth_element(deltas.begin(), deltas.begin() + deltas.size() / 2, deltas.end());
  return deltas[deltas.size() / 2];
}

namespace {

void reweight(SwapOptimizer* o) {
  const SwapParams& p = swapParams(o);
  const HvsEnergyModel& m = swapEnergyModel(o);
  setSwapLevelWeights(o, hvsBalancedWeights(m.width, m.height, readSwapRanks(o), p.sigmas, p.sigmaWeights,
                                            p.measureLevels, p.uniformShare));
}

}  // namespace

void runSwapSchedule(SwapOptimizer* o, const SwapProgressFn& progress) {
  const SwapParams& p = swapParams(o);
  const HvsEnergyModel& model = swapEnergyModel(o);
  const uint64_t passes = p.passes ? p.passes : defaultSwapPasses(model.width, model.height);
  const double coolingPasses = std::max(1.0, p.coolingFraction * double(passes));
  reweight(o);
  double scale = p.startTemperature > 0 ? medianSwapDelta(o) : 0.0;
  std::vector<float> temperatures;
  for (uint64_t it = 0; it < passes;) {
    uint64_t end = std::min<uint64_t>(passes, it + std::max<uint32_t>(1, p.passesPerSubmit));
    if (p.reweightInterval) end = std::min<uint64_t>(end, (it / p.reweightInterval + 1) * p.reweightInterval);
    temperatures.clear();
    for (uint64_t k = it; k < end; ++k)
      temperatures.push_back(double(k) < coolingPasses
                                 ? float(p.startTemperature * scale * std::pow(p.endRatio, double(k) / coolingPasses))
                                 : 0.0f);
    submitAndWait(swapContext(o), [&](VkCommandBuffer cmd) {
      recordSwapPasses(cmd, o, uint32_t(temperatures.size()), temperatures.data());
    });
    it = end;
    const SwapStats stats = takeSwapStats(o);
    if (progress) {
      SwapProgress info;
      info.pass = it;
      info.passes = passes;
      info.temperature = temperatures.back();
      info.acceptedRate = stats.proposed ? double(stats.accepted) / double(stats.proposed) : 0;
      info.appliedRate = stats.proposed ? double(stats.applied) / double(stats.proposed) : 0;
      if (!progress(info)) return;
    }
    if (p.reweightInterval && it % p.reweightInterval == 0 && it < passes) {
      reweight(o);
      if (p.rescaleAtReweight && p.startTemperature > 0) scale = medianSwapDelta(o);
    }
  }
}

Mask runDefaultPreset(GpuContext* context, uint32_t width, uint32_t height, const SwapParams& params,
                      const SwapProgressFn& progress, std::string* error) {
  SwapParams resolved = params;
  if (resolved.passes == 0) resolved.passes = defaultSwapPasses(width, height);
  SwapOptimizer* o = createSwapOptimizer(context, width, height, resolved, error);
  if (!o) return Mask();
  const std::vector<uint32_t> start = chooseSwapStart(width, height, resolved, error);
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
