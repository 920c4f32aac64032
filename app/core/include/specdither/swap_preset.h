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

// Passes of the default preset by size (where the descent from void-and-cluster levels off); of a stack,
// defaultStackPasses (stack_preset.h).
SPECDITHER_API uint32_t defaultSwapPasses(const MaskShape& shape);

// The default preset: void-and-cluster (sigma 1.5) refined by greedy swap passes on the sigma {1, 1.5} energy; of
// a stack, defaultStackParams (stack_preset.h).
SPECDITHER_API SwapParams defaultSwapParams(const MaskShape& shape, uint64_t seed);

// The numpy prototype's recipe (docs/method.md §3.8), for comparison: from a random permutation, T from 0.5 s
// down by 1e-3 over 90% of the passes, reweighting every 2000 passes (its figures took 60,000 passes at 64x64).
SPECDITHER_API SwapParams swapAnnealingParams(uint64_t seed, uint32_t passes);

// The passes of the annealing preset (swapAnnealingParams) when the caller names none: the prototype's 60,000
// (docs/method.md §3.8), at every size.
constexpr uint32_t kSwapAnnealingPasses = 60000;

enum class SwapPhase {
  Start,        // choosing the start (runDefaultPreset only): startDone is the share done
  Reweighting,  // the host phase at a re-weighting point is about to run (reads the ranks, measures the levels)
  Passes,       // a batch of passes has completed
};

struct SwapProgress {
  SwapPhase phase = SwapPhase::Passes;
  double startDone = 0;     // Start: share of the start selection done, in [0, 1]
  uint64_t pass = 0;        // passes done
  uint64_t passes = 0;      // passes in the run
  double temperature = 0;   // Passes: at the last pass done
  double acceptedRate = 0;  // Passes: accepted / proposed over the last batch
  double appliedRate = 0;   // Passes: applied / proposed over the last batch
};
// Called during the start selection, before each re-weighting and after every batch of passes; batches are sized
// to take about a quarter second (the passes and the mask do not depend on the batching). Return false to stop
// early (the mask so far is returned; the start selection runs to its end).
using SwapProgressFn = std::function<bool(const SwapProgress&)>;

// Runs the preset: returns the mask (values (rank + 0.5) / N, an exact permutation), or an empty mask (no
// values) with *error set for a shape or parameters the optimizer refuses (before any work: the optimizer is
// created before the start is chosen). progress may be empty. A shape with slices is a spatiotemporal stack
// (stack_preset.h): a start per slice, then the passes on the whole stack; every slice an exact permutation.
SPECDITHER_API Mask runDefaultPreset(GpuContext* context, const MaskShape& shape, const SwapParams& params,
                                     const SwapProgressFn& progress, std::string* error);

// The schedule alone, on an optimizer the caller owns (its params; passes 0 = defaultSwapPasses), from its
// current ranks: the studio runs it to watch the ranks between batches through progress.
SPECDITHER_API void runSwapSchedule(SwapOptimizer* optimizer, const SwapProgressFn& progress);

}  // namespace specdither
