// The default preset: a whole swap-annealing run (DESIGN.md §2.3 (b)) from a random permutation to a finished,
// exactly uniform mask. Submits batches of passes (swap_optimizer.h) and handles the phases between them:
// re-balancing the level weights (w_{sigma,t} = c_sigma / mse_sigma(t/N), hvs_levels.h) every
// reweightInterval passes, measuring the temperature scale s (median |dE| of a batch of proposals), and the
// cooling T = startTemperature * s * endRatio^(it / (coolingFraction * P)), T = 0 for the last passes.
#pragma once

#include "api.h"
#include "context.h"
#include "mask.h"
#include "swap_optimizer.h"

#include <functional>
#include <string>

namespace specdither {

// Passes of the default preset by size, tuned so that 64x64 runs in ~10 s and 256x256 in ~2 min on lavapipe on
// two CPU cores while beating void-and-cluster (the README's table).
SPECDITHER_API uint32_t defaultSwapPasses(uint32_t width, uint32_t height);

// SwapParams() with passes resolved for the size and the given seed.
SPECDITHER_API SwapParams defaultSwapParams(uint32_t width, uint32_t height, uint64_t seed);

struct SwapProgress {
  uint64_t pass = 0;          // passes done
  uint64_t passes = 0;        // passes in the run
  double temperature = 0;     // at the last pass done
  double acceptedRate = 0;    // accepted / proposed over the last batch
  double appliedRate = 0;     // applied / proposed over the last batch
};
// Called after every batch; return false to stop early (the mask so far is returned).
using SwapProgressFn = std::function<bool(const SwapProgress&)>;

// The random permutation the preset starts from (Fisher-Yates on the counter-based hash of random_hash.h).
SPECDITHER_API std::vector<uint32_t> shuffledRanks(size_t count, uint64_t seed);

// Runs the preset: returns the mask (values (rank + 0.5) / N, an exact permutation), or an empty mask (width 0)
// with *error set for parameters the optimizer refuses. progress may be empty.
SPECDITHER_API Mask runDefaultPreset(GpuContext* context, uint32_t width, uint32_t height, const SwapParams& params,
                                     const SwapProgressFn& progress, std::string* error);

// The schedule alone, on an optimizer the caller owns (its params; passes must be resolved, non-zero), from its
// current ranks: the studio runs it to watch the ranks between batches through progress.
SPECDITHER_API void runSwapSchedule(SwapOptimizer* optimizer, const SwapProgressFn& progress);

}  // namespace specdither
