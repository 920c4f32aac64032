// The colour flat-field error of a colour mask (docs/method.md §11.4): flat colours of a grid over the colour cube,
// each channel dithered with its own channel of the mask to 2^bits levels, the error seen through the colour eye
// model (colour_model.h), in dB against independent white noise per channel. Lower is better; white noise is 0 dB.
//
// Grid: n levels per channel at j / (n - 1) (the cube's corners included), every combination (n^C' colours over
// the C' channels the eye sees).
// Channel c at level g dithers to q = clamp(floor(g s + v), 0, s) / s, s = 2^bits - 1 (the project's convention,
// as the ramp and the studio), error e = q - g. For axis a of the opponent space, o_a = sum_c M[a][c] e_c and
//   MSE = sum_a (1/N^2) sum_(k != 0) |G_a(k)|^2 |O_a(k)|^2,
// averaged over the grid; a white mask's expectation is sum_a sum_c M[a][c]^2 mean_g var(e_c) S_a / N,
// S_a = sum_(k != 0) |G_a(k)|^2. The mean over a product grid splits into each channel's mean |E(k)|^2 and the
// products of the channels' mean spectra, so the cost is n FFTs per channel, not n^C.
#pragma once

#include "specdither/api.h"
#include "specdither/colour_model.h"
#include "specdither/mask.h"

#include <cstdint>
#include <vector>

namespace specdither {

struct ColourFlatFieldOptions {
  uint32_t gridLevels = 16;
  std::vector<int> bits = {1, 2};
  ColourEyeModel eye;
};

struct ColourFlatField {
  int bits = 1;
  double totalDb = 0;   // all three axes, dB vs white
  double lumaDb = 0;    // Y alone
  double chromaDb = 0;  // Co and Cg together
};

// One entry per options.bits. Throws std::invalid_argument for a mask that is not 2D with 2 to 4 channels (callers
// that take user input check first), and for a grid without error at a bit depth (every j / (n - 1) a level of
// 2^bits - 1 steps, e.g. n = 4 at 2 bits).
SPECDITHER_API std::vector<ColourFlatField> colourFlatFieldError(const Mask& mask,
                                                                 const ColourFlatFieldOptions& options = {});

// The same error after a renderer's temporal accumulation of a colour stack (docs/method.md §11.4): for each set of
// frame weights w, the flat colours dithered with slices 0, 1, ... and averaged as sum_t w[t] e_t (e.g. each slice
// alone, the mean of the first k frames, or an EMA), in dB against independent white noise per channel and frame
// (whose variance the accumulation scales by sum_t w[t]^2). Returns, per weight set, one entry per options.bits.
// Throws std::invalid_argument as colourFlatFieldError does, and for a weight set empty or longer than the slices.
SPECDITHER_API std::vector<std::vector<ColourFlatField>> colourAccumulatedError(
    const Mask& mask, const std::vector<std::vector<double>>& frameWeights, const ColourFlatFieldOptions& options = {});

}  // namespace specdither
