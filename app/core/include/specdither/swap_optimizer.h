// The swap stage of the default preset (docs/method.md §3) on the GPU: a parallel annealing of pixel-pair rank
// swaps on the exact multi-level eye-model energy (docs/method.md §3.2). The mask is a permutation (ranks 0 .. N-1) at
// all times. One pass, recorded into the caller's command buffer (three dispatches, no submit):
//   1. propose (swap_propose_<S>.comp): proposalsPerPixel * N pairs (p, q), p uniform, the partner q a random pixel,
//      the pixel of rank r_p + d (|d| <= rankWindow), or a neighbour within +-neighbourRadius; each dE evaluated
//      against the same state by gathers over O with precomputed K and Phi tables; Metropolis min(1, e^{-dE/T});
//      accepted proposals claim their two pixels (lowest index wins);
//   2. apply (swap_apply.comp): winners of both claims swap (see SwapConflictRule);
//   3. refresh (swap_refresh.comp): the padded rank copy for the gathers, claims released.
// The energy's level weights are set by the host (setSwapLevelWeights; swap_preset.h re-balances them from time
// to time), the temperature per pass by the caller.
#pragma once

#include "specdither/api.h"
#include "specdither/context.h"
#include "specdither/gpu_buffer.h"
#include "specdither/mask.h"
#include "specdither/temporal_filter.h"

#include <cstdint>
#include <string>
#include <vector>

namespace specdither {

enum class SwapConflictRule : uint32_t {
  // Applied swaps share no pixel. dE of two nearby swaps were computed against the same old state, so their joint
  // change differs a little from the sum; cheap, and what the numpy study used.
  DisjointPixels = 0,
  // Applied swaps lie outside each other's O-neighbourhoods: the joint change is exactly the sum of their dE
  // (never positive at T = 0). Fewer swaps per pass.
  DisjointNeighbourhoods = 1,
};

// Where the default preset starts (swap_preset.h).
enum class SwapStart : uint32_t {
  // Void-and-cluster (Ulichney 1993, baseline_masks.h) with a Gaussian of startSigma, then the swap stage
  // descends the HVS energy from there. VAC's greedy level-by-level construction reaches in milliseconds a
  // basin that the annealing from noise does not reach in tens of thousands of passes (64x64, sigma 1 / 1.5:
  // VAC 1.5 -9.4 / -13.7 dB; 20,000 annealing passes from noise -9.0 / -13.7; VAC 1.5 + 2000 passes -9.4 / -14.0).
  VoidAndCluster = 0,
  // A random permutation, annealed as in the numpy prototype (docs/method.md §3.8; startTemperature ~0.5, tens
  // of thousands of passes for its figures).
  Random = 1,
};

// Every knob of the default preset (start, energy, proposals, schedule), as the studio shows them.
struct SwapParams {
  SwapStart start = SwapStart::VoidAndCluster;
  double startSigma = 1.5;         // void-and-cluster's Gaussian (the usual 1.9 is ~1.3 dB worse at sigma 1)
  uint32_t startCandidates = 0;    // VAC seeds tried, the best by swapStartScore kept (swap_start_selection.h);
                                   // 0: by size
  uint32_t scoreLevels = 63;       // levels at which swapStartScore measures a candidate
  double startRampQuantile = 0.5;  // only candidates whose 2-level ramp RMSE is at most this quantile of
                                   // the candidates' compete on swapStartScore (1: all of them)
  // Energy (docs/method.md §3.2): sigmas of the eye model and their weights c_sigma.
  std::vector<double> sigmas = {1.0, 1.5};
  std::vector<double> sigmaWeights = {1.0, 2.0};
  double radiusInStd = 3.0;         // O = offsets within ceil(radiusInStd * sigma_max * sqrt 2) px
  uint32_t measureLevels = 31;      // reweighting: levels at which mse_sigma is measured
  double uniformShare = 0.0;        // reweighting: share of level-independent weights (hvs_levels.h)
  uint32_t reweightInterval = 250;  // passes between reweightings (swap_preset.h); 0 = only at the start
  // Proposals.
  double proposalsPerPixel = 0.25;  // proposals per pass / N
  double randomPartner = 0.10;      // share of partners drawn uniformly over the mask
  double rankPartner = 0.30;        // share of partners of a nearby rank; the rest are spatial neighbours
  uint32_t rankWindow = 256;
  uint32_t neighbourRadius = 3;
  SwapConflictRule conflictRule = SwapConflictRule::DisjointPixels;
  // Schedule (swap_preset.h): T = startTemperature * s * endRatio^(it / (coolingFraction * passes)) with s the
  // median |dE| of a batch of proposals, then T = 0 for the rest. startTemperature 0: greedy throughout.
  uint32_t passes = 0;  // 0: defaultSwapPasses(shape)
  double startTemperature = 0.0;
  double endRatio = 1e-3;
  double coolingFraction = 0.9;
  bool rescaleAtReweight = true;  // re-measure s after every reweighting (the weights change dE's scale)
  uint32_t passesPerSubmit = 250;
  uint64_t seed = 1;
  // Stacks (shape.slices > 1, docs/method.md §8): the renderer's temporal filter, the weight of the pairs across
  // slices against those within a slice (0: independent slices), and the levels L of the temporal term.
  TemporalFilter temporal;
  double temporalWeight = 1.0;
  uint32_t temporalLevels = 32;  // 2 to 256; the preset's: defaultTemporalLevels (stack_preset.h)
};

struct SwapStats {
  uint64_t proposed = 0;
  uint64_t accepted = 0;
  uint64_t applied = 0;
};

struct SwapOptimizer;

// What createSwapOptimizer refuses without a device: single-channel masks that pass checkMaskShape (mask.h) with
// 1 to 256 slices, up to 2^22 pixels a slice and 2^24 in all; 1 to 4 sigmas in (0, 64) with as many finite
// weights >= 0, not all 0; a start sigma in (0, 64); finite schedule, proposal and temporal knobs in their ranges
// (a temporal filter that fits the slices, weight in [0, 100], 2 to 64 levels). "" or the one-line reason.
SPECDITHER_API std::string checkSwapParams(const MaskShape& shape, const SwapParams& params);

// Refuses what checkSwapParams refuses and what the device cannot run (buffers past its storage range, on a CPU
// device gathers past its loop limit): nullptr with *error (one line). Starts with the identity permutation and
// uniform level weights.
SPECDITHER_API SwapOptimizer* createSwapOptimizer(GpuContext* context, const MaskShape& shape, const SwapParams& params,
                                                  std::string* error);
SPECDITHER_API void destroySwapOptimizer(SwapOptimizer* optimizer);

// Uploads a permutation (setup time; one submit). ranks must hold each of 0 .. N-1 once.
SPECDITHER_API void setSwapRanks(SwapOptimizer* optimizer, const std::vector<uint32_t>& ranks);

// Counters since the last call (read after the submit completed), then zeroes them.
SPECDITHER_API SwapStats takeSwapStats(SwapOptimizer* optimizer);

SPECDITHER_API std::vector<uint32_t> readSwapRanks(SwapOptimizer* optimizer);
// The ranks on the device (N uint32, row-major) for views that draw the mask without a download. Written by
// recorded passes; read it after them in the same or a later submit.
SPECDITHER_API const GpuBuffer& swapRanksBuffer(const SwapOptimizer* optimizer);
// The mask, values (rank + 0.5) / N: an exact permutation (docs/method.md §7.1).
SPECDITHER_API Mask readSwapMask(SwapOptimizer* optimizer);

}  // namespace specdither
