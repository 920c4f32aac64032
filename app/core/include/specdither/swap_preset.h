// The default preset: a whole swap run (docs/method.md §3.8) from a start mask (void-and-cluster, or a random
// permutation: swap_start_selection.h) to a finished, exactly uniform mask, submitting the batches of its
// schedule (swap_schedule.h) one after the other.
#pragma once

#include "specdither/api.h"
#include "specdither/context.h"
#include "specdither/mask.h"
#include "specdither/swap_optimizer.h"
#include "specdither/swap_start_selection.h"

#include <functional>
#include <string>

namespace specdither {

// Passes of the default preset by size (where the descent from void-and-cluster levels off).
SPECDITHER_API uint32_t defaultSwapPasses(const MaskShape& shape);

// The default preset: void-and-cluster (sigma 1.5) refined by greedy swap passes on the sigma {1, 1.5} energy.
SPECDITHER_API SwapParams defaultSwapParams(const MaskShape& shape, uint64_t seed);

// The numpy prototype's recipe (docs/method.md §3.8), for comparison: from a random permutation, T from 0.5 s
// down by 1e-3 over 90% of the passes, reweighting every 2000 passes (its figures took 60,000 passes at 64x64).
SPECDITHER_API SwapParams swapAnnealingParams(uint64_t seed, uint32_t passes);

struct SwapProgress {
  uint64_t pass = 0;        // passes done
  uint64_t passes = 0;      // passes in the run
  double temperature = 0;   // at the last pass done
  double acceptedRate = 0;  // accepted / proposed over the last batch
  double appliedRate = 0;   // applied / proposed over the last batch
};
// Called after every batch; return false to stop early (the mask so far is returned).
using SwapProgressFn = std::function<bool(const SwapProgress&)>;

// Runs the preset: returns the mask (values (rank + 0.5) / N, an exact permutation), or an empty mask (no
// values) with *error set for a shape or parameters the optimizer refuses. progress may be empty.
SPECDITHER_API Mask runDefaultPreset(GpuContext* context, const MaskShape& shape, const SwapParams& params,
                                     const SwapProgressFn& progress, std::string* error);

// The schedule alone, on an optimizer the caller owns (its params; passes 0 = defaultSwapPasses), from its
// current ranks: the studio runs it to watch the ranks between batches through progress.
SPECDITHER_API void runSwapSchedule(SwapOptimizer* optimizer, const SwapProgressFn& progress);

}  // namespace specdither
