#include "specdither/swap_schedule.h"

#include "specdither/hvs_levels.h"
#include "swap/swap_internal.h"
#include "hvs/hvs_levels_internal.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace specdither {

namespace {

// A stack's slices share the weights measured on its first slice (docs/method.md §8.3).
void reweight(SwapOptimizer* o, const SwapParams& live) {
  const SwapParams& own = swapParams(o);
  const HvsEnergyModel& m = swapEnergyModel(o);
  std::vector<uint32_t> ranks = readSwapRanks(o);
  ranks.resize(m.pixelCount());
  setSwapLevelWeights(
      o, hvsBalancedWeights({m.shape, ranks}, own.sigmas, own.sigmaWeights, live.measureLevels, live.uniformShare));
}

bool atReweightPoint(const SwapParams& p, uint64_t pass) {
  return p.reweightInterval && pass > 0 && pass % p.reweightInterval == 0 && pass < p.passes;
}

}  // namespace

double medianSwapDelta(SwapOptimizer* o) {
  submitAndWait(swapContext(o), [&](VkCommandBuffer cmd) { recordSwapEvaluation(cmd, o); });
  std::vector<double> deltas;
  for (const SwapProposal& p : readSwapProposals(o))
    if (p.p != p.q) deltas.push_back(std::fabs(double(p.delta)));
  if (deltas.empty()) return 0;
  std::nth_element(deltas.begin(), deltas.begin() + deltas.size() / 2, deltas.end());
  return deltas[deltas.size() / 2];
}

SwapSchedule beginSwapSchedule(SwapOptimizer* o, const SwapParams& params) {
  SwapSchedule s;
  reweight(o, params);
  s.scale = params.startTemperature > 0 ? medianSwapDelta(o) : 0.0;
  return s;
}

bool swapBatchNeedsPreparation(const SwapSchedule& s, const SwapParams& params) {
  return atReweightPoint(params, s.pass) && s.preparedPass != s.pass;
}

void prepareSwapBatch(SwapOptimizer* o, SwapSchedule* s, const SwapParams& params) {
  if (!swapBatchNeedsPreparation(*s, params)) return;
  s->preparedPass = s->pass;
  reweight(o, params);
  if (params.rescaleAtReweight && params.startTemperature > 0) s->scale = medianSwapDelta(o);
}

uint32_t recordSwapBatch(VkCommandBuffer cmd, SwapOptimizer* o, SwapSchedule* s, const SwapParams& params,
                         uint32_t maxPasses) {
  uint64_t count = maxPasses;
  if (s->pass < params.passes) {
    count = std::min<uint64_t>(count, params.passes - s->pass);
    // The weights change at a re-weighting point, so a batch ends there.
    if (params.reweightInterval)
      count = std::min<uint64_t>(count, (s->pass / params.reweightInterval + 1) * params.reweightInterval - s->pass);
  }
  if (count == 0) return 0;
  const double coolingPasses = std::max(1.0, params.coolingFraction * double(params.passes));
  std::vector<float> temperatures;
  for (uint64_t k = s->pass; k < s->pass + count; ++k)
    temperatures.push_back(double(k) < coolingPasses ? float(params.startTemperature * s->scale *
                                                             std::pow(params.endRatio, double(k) / coolingPasses))
                                                     : 0.0f);
  recordSwapPasses(cmd, o, uint32_t(count), temperatures.data());
  s->pass += count;
  s->lastTemperature = temperatures.back();
  return uint32_t(count);
}

}  // namespace specdither
