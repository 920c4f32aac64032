// Per-level perceptual error of a mask given by its ranks (CPU, double, one FFT per level): the flat-gray HVS
// error of docs/method.md §5.5 and the level weights of the swap stage's reweighting (§3.4: w_{sigma,t} =
// c_sigma / mse_sigma(t/N), so that minimizing the energy minimizes the mean error in dB).
#pragma once

#include "specdither/api.h"
#include "specdither/mask.h"

#include <cstdint>
#include <vector>

namespace specdither {

// docs/method.md §5.5: mean over g = 1/16 .. 15/16 of 10 log10(MSE_g / (gg (1 - gg) sum_{k != 0} G(k)^2 / N)), the
// pattern b = [v < g] with v = (rank + 0.5) / N, gg its mean. dB relative to white noise; lower is better.
// One value per sigma. divisions: the levels are g = k / divisions, k = 1 .. divisions - 1 (§5.4: 16).
SPECDITHER_API std::vector<double> hvsErrorDb(const RankGrid& grid, const std::vector<double>& sigmas,
                                              uint32_t divisions = 16);

}  // namespace specdither
