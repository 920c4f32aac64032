// The schedule of a swap run (docs/method.md §3.6), driven a batch at a time. Between batches the host
// re-balances the level weights (w_{sigma,t} = c_sigma / mse_sigma(t/N), hvs_levels.h) every reweightInterval
// passes and re-measures the temperature scale s (median |dE| of a batch of proposals); pass k runs at
// T = startTemperature * s * endRatio^(k / (coolingFraction * passes)), and at T = 0 after the cooling.
// runSwapSchedule (swap_preset.h) runs it whole; the studio spreads it over frames with live settings.
#pragma once

#include "specdither/api.h"
#include "specdither/swap_optimizer.h"

#include <cstdint>

namespace specdither {

struct SwapSchedule {
  uint64_t pass = 0;          // passes recorded so far
  double scale = 0;           // s, the temperature unit (0 when the run is greedy)
  float lastTemperature = 0;  // T of the last pass recorded
  uint64_t preparedPass = 0;  // the re-weighting point whose host phase has run
};

// In every call, params are the live settings (the optimizer's own sigmas and their weights stay fixed); their
// passes must be resolved (non-zero).

// Starts a schedule from the optimizer's current ranks: balances the level weights and measures s (submits and
// waits).
SPECDITHER_API SwapSchedule beginSwapSchedule(SwapOptimizer* optimizer, const SwapParams& params);

// Whether the next prepareSwapBatch has host work to do (the run stands at a re-weighting point not yet prepared).
SPECDITHER_API bool swapBatchNeedsPreparation(const SwapSchedule& schedule, const SwapParams& params);

// The host phase due before the next batch when the run stands at a re-weighting point (once per point):
// re-balances the level weights and re-measures s. It reads the ranks (submits and waits), so the batches
// recorded before must have been submitted.
SPECDITHER_API void prepareSwapBatch(SwapOptimizer* optimizer, SwapSchedule* schedule, const SwapParams& params);

// Records the next batch: at most maxPasses passes, ending at the run's end or at the next re-weighting point;
// past the run's end, greedy passes without limit. Returns the passes recorded.
SPECDITHER_API uint32_t recordSwapBatch(VkCommandBuffer cmd, SwapOptimizer* optimizer, SwapSchedule* schedule,
                                        const SwapParams& params, uint32_t maxPasses);

}  // namespace specdither
