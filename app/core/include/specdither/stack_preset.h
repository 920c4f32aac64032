// Spatiotemporal stacks (docs/method.md §8): W x H x T masks, slice `frame % T` used each frame. The preset is
// runDefaultPreset (swap_preset.h) on a shape with slices: the swap stage on every slice at once, with the temporal
// term for the renderer's filter (swap_optimizer.h), from void-and-cluster starts; its knobs are here, and the
// baselines that engines use today.
#pragma once

#include "specdither/api.h"
#include "specdither/context.h"
#include "specdither/mask.h"
#include "specdither/swap_preset.h"

#include <string>

namespace specdither {

// The stack preset's temporal weight by size, T / 8 within [1, 8], and its proposals per pass (docs/method.md §8.3).
// Measured at 128x128x64, EMA 0.1, 128 temporal levels: w = 1 / 3 / 5 / 8 / 10 (240 passes of N T 0.06 proposals)
// gave E(64) 0.0043 / 0.0039 / 0.0038 / 0.0037 / 0.0037 and E(1) 0.0194 / 0.0197 / 0.0200 / 0.0207 / 0.0212; w = 8
// with 480 passes E(64) 0.0035, E(8) 0.0101, slices -9.2 dB (FAST's file: 0.0037, 0.0128, -6.2 dB). At 64x64x16
// w = 8 cost the slices 0.6 dB and E(8) 10%; w = 2 gave the lowest E(8). Fewer proposals a pass cost a third of
// the time for the same figures in the same time.
SPECDITHER_API double defaultStackTemporalWeight(const MaskShape& shape);
constexpr double kStackProposalsPerPixel = 0.06;

// Passes of the stack preset by size: 360 up to 2^20 pixels in the stack (128x128x64: ~3.5 minutes on lavapipe),
// fewer above, 360 * 2^20 / (N T) down to 60 (a pass costs ~N T).
SPECDITHER_API uint32_t defaultStackPasses(const MaskShape& shape);

// The levels L of the preset's temporal term by size: 128, halved (down to 32) until the fields, L floats per pixel
// of the stack, take at most 512 MiB (128x128x64: 128). Finer levels let the term see more of each pixel's order
// in time (docs/method.md §8.3: at 128x128x64, 128 levels instead of 32 lower every mean of k frames).
SPECDITHER_API uint32_t defaultTemporalLevels(const MaskShape& shape);

// The preset's knobs for a stack: defaultSwapParams with the stack's passes, one void-and-cluster candidate per
// slice for every T slices the 2D preset would try (at least 1), the temporal term (ema:0.1 by default) with its
// weight and levels (defaultTemporalLevels), and the proposals above.
SPECDITHER_API SwapParams defaultStackParams(const MaskShape& shape, uint64_t seed);

// The seed of slice s of a stack of seed `seed` (independent slices, starts and white noise).
SPECDITHER_API uint64_t stackSliceSeed(uint64_t seed, uint32_t slice);

// The step of the golden-ratio sequence, (sqrt 5 - 1) / 2: frame t's offset is frac(t * kGoldenRatioStep).
constexpr double kGoldenRatioStep = 0.6180339887498949;

// The golden-ratio animation of a 2D mask, what engines do with one blue-noise texture today: slice t holds
// frac(v + t * 0.618034), re-ranked into an exact permutation per slice.
SPECDITHER_API Mask goldenRatioStack(const Mask& mask2D, uint32_t slices);

// The stratified stack (docs/method.md §8.7), for a renderer that averages whole periods: slice t holds
//   v_t = ((floor(T c) + o_t) mod T + f) / T,  o_t = the rank of frac(t * 0.618034) among t = 0 .. T-1,
// re-ranked into an exact permutation per slice (c and f by their ranks, floor(T r_c / N): exact integers), c and
// f two independent 2D masks of one size. Every pixel's T values fall one
// in each stratum [j / T, (j + 1) / T) (exactly when T divides W H); the coarse mask c places the strata in space
// (each slice a cyclic band of c, as in the golden-ratio animation), the fine mask f orders the values within a
// stratum, so that what remains after a whole period, [f < fraction of the stratum], is itself blue noise.
SPECDITHER_API Mask stratifiedStack(const Mask& coarse2D, const Mask& fine2D, uint32_t slices);

// White noise in space and time: an independent random permutation per slice.
SPECDITHER_API Mask whiteNoiseStack(const MaskShape& shape, uint64_t seed);

}  // namespace specdither
