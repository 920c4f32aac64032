// The colour eye model of colour masks (docs/method.md §11.1): each channel of a colour mask dithers one colour
// channel, and a person sees the dithered error through an opponent space, luma sharper than chroma. YCoCg:
//   Y = R/4 + G/2 + B/4,   Co = R/2 - B/2,   Cg = -R/4 + G/2 - B/4,
// each axis through a Gaussian low-pass of its own (hvs_kernel.h's G_sigma): luma sigma 1 px as the scalar
// figures, chroma sigma 2 px (the eye resolves chroma at about half the frequency of luma).
// Channel roles by count: 2 = R, G (an RG texture); 3 = R, G, B; 4 = R, G, B and A, alpha outside the eye model.
#pragma once

#include "specdither/api.h"
#include "specdither/mask.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace specdither {

struct ColourEyeModel {
  double lumaSigma = 1.0;
  double chromaSigma = 2.0;
};

constexpr uint32_t kColourAxes = 3;  // Y, Co, Cg

// M[a][c]: the weight of channel c in opponent axis a (0 for channels outside the eye model).
SPECDITHER_API std::array<std::array<double, 4>, kColourAxes> colourOpponentMatrix(uint32_t channels);

// The sigma of axis a's Gaussian.
SPECDITHER_API double colourAxisSigma(const ColourEyeModel& eye, uint32_t axis);

// The pairs across channels of the colour energy (docs/method.md §11.2), for channel c with the others fixed: the
// field F with sum_x r_c(x) F(x) + const = the cross-channel energy's part that involves channel c,
//   F(x) = -(2 / N^2) sum_(c' != c) sum_a M[a][c] M[a][c'] (K_a * u_c')(x),   u_c' = (N - 1)/2 - r_c',
// K_a the autocorrelation of axis a's Gaussian on the torus (hvs_kernel.h), in the units of the 2D energy with
// uniform level weights 1/N. planeRanks: one rank plane (a permutation of the W x H pixels) per channel; an empty
// plane is a channel not made yet, left out. Double precision, by FFT.
SPECDITHER_API std::vector<double> colourChannelField(const ColourEyeModel& eye, const MaskShape& plane,
                                                      uint32_t channel,
                                                      const std::vector<std::vector<uint32_t>>& planeRanks);

}  // namespace specdither
