// Colour masks (docs/method.md §11): C = 2 to 4 channels, each an exact permutation and a blue mask by itself (the
// default preset's energy), arranged so that the error a person sees in colour (colour_model.h) is lower than with
// independent channels. The preset starts from the arrangement that minimizes the colour energy's pairs across
// channels (R = v, G = 1 - v, B = v: §11.3); optional sweeps of joint swap passes then move every channel against
// the others, the pairs entering each channel's swap stage as a linear term (colour_model.h's field). Also the
// fixed relations between channels that engines build from one mask.
#pragma once

#include "specdither/api.h"
#include "specdither/colour_model.h"
#include "specdither/context.h"
#include "specdither/mask.h"
#include "specdither/swap_preset.h"

#include <cstdint>
#include <functional>
#include <string>

namespace specdither {

// Baselines of colour masks (GenerateSettings::method), all from the default preset's mask of the seed: the same
// mask in every channel, and R = B = v with G = 1 - v (green against magenta: the luma errors of G and of R + B
// cancel where the levels match). `independent` (one default-preset mask per channel, the way Peters' RGBA
// textures are made) is the preset with coupling 0.
constexpr const char* kColourSameMask = "same-mask";
constexpr const char* kColourInvertedGreen = "inverted-green";

// Where the channels start (docs/method.md §11.3).
enum class ColourStart : uint32_t {
  // Each channel from its own void-and-cluster start and the default preset's passes, channel after channel, each
  // with the field of the channels before it.
  Independent = 0,
  // Channel 0 is the default preset's mask v, G starts as 1 - v and B as v (the inverted-green relation); alpha
  // as in Independent. The refining sweeps then move every channel against the others.
  InvertedGreen = 1,
};

struct ColourParams {
  ColourStart start = ColourStart::InvertedGreen;
  // Weight of the pairs across channels against the channels' own energy (0: independent channels).
  double coupling = 1.0;
  // Sweeps after the start in which every channel is refined against all the others (passes / 4 greedy passes
  // each). 0 by default: from the inverted-green start they measured no gain (docs/method.md §11.3 shows why).
  uint32_t refineSweeps = 0;
  ColourEyeModel eye;
};

// "" or the one-line reason: 2 to 4 channels, a finite coupling in [0, 100], at most 8 refining sweeps (none for a
// stack), eye-model sigmas in (0, 64).
SPECDITHER_API std::string checkColourParams(const MaskShape& shape, const ColourParams& params);

// Swap runs of a colour preset: one per channel not derived from channel 0 (the inverted-green start derives G and
// B), plus C per refining sweep when coupling > 0.
SPECDITHER_API uint32_t colourPresetRuns(const MaskShape& shape, const ColourParams& params);

// Called as SwapProgressFn within each swap run `run` (0 .. runs - 1); return false to stop early.
using ColourProgressFn = std::function<bool(uint32_t run, uint32_t runs, const SwapProgress&)>;

// The preset: channel 0 is the default preset's mask of the seed (params); with the InvertedGreen start G and B are
// derived from it, other channels (alpha; every channel with the Independent start) start from the void-and-cluster
// start of stackSliceSeed(seed, c) and run the default preset's schedule with the field of the channels before them.
// Then each refining sweep runs passes / 4 greedy passes per channel against all the others. Returns the mask
// (values (rank + 0.5) / N per channel), or an empty mask with *error for what checkColourParams or the optimizer
// refuse.
SPECDITHER_API Mask runColourPreset(GpuContext* context, const MaskShape& shape, const SwapParams& params,
                                    const ColourParams& colour, const ColourProgressFn& progress, std::string* error);

// A fixed relation of one single-channel mask or stack (values in (0, 1)) into `channels` channels: the same values
// in each, or (invertGreen) 1 - v in the second channel; re-ranked so that every plane stays an exact permutation.
SPECDITHER_API Mask colourFromOneMask(const Mask& scalar, uint32_t channels, bool invertGreen);

}  // namespace specdither
