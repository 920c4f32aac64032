// Where the default preset starts (SwapParams::start): the best of several void-and-cluster masks (Ulichney 1993,
// baseline_masks.h) ranked by the objective the swap energy stands for and screened by their ramp error, or a
// random permutation.
#pragma once

#include "specdither/api.h"
#include "specdither/swap_optimizer.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace specdither {

// Void-and-cluster candidates of the VoidAndCluster start by size: clamp(2^18 / N, 1, 32) (N a slice's pixels),
// divided among the slices of a stack (at least 1 a slice). Small masks vary much from seed to seed (10x10:
// 0.7 dB at sigma 1.5) and cost microseconds each.
SPECDITHER_API uint32_t defaultStartCandidates(const MaskShape& shape);

// The ranks the preset starts from: for SwapStart::VoidAndCluster the best by swapStartScore of startCandidates
// (0: defaultStartCandidates) masks with seeds swapStartCandidateSeed(seed, k) (docs/method.md §3.7), among those whose
// 2-level ramp RMSE (mask_metrics.h) is at most the startRampQuantile quantile of the candidates' (the eye-model score
// alone picked starts whose ramp was worse than void-and-cluster's at some sizes); for SwapStart::Random
// shuffledRanks(N, seed). A stack (slices > 1) gets such a start for every slice, slice s from the seed
// stackSliceSeed(seed, s) (stack_preset.h), slice after slice in the result.
// Empty with *error (one line) for a shape void-and-cluster refuses (channels among them).
// progress (may be empty) receives the share of the selection done, in [0, 1], every few thousand ranks of each
// candidate and after each candidate's scoring.
SPECDITHER_API std::vector<uint32_t> chooseSwapStart(const MaskShape& shape, const SwapParams& params,
                                                     std::string* error,
                                                     const std::function<void(double)>& progress = {});

}  // namespace specdither
