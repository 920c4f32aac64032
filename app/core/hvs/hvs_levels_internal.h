// Private to the core (not installed, not exported): the parts of hvs_levels.h that only the core and its
// tests call.
#pragma once

#include "specdither/hvs_levels.h"

namespace specdither {

// mse_sigma(t) = ||G_sigma * (b_t - t/N)||^2 / N with b_t = [rank < t], for each sigma and each level count t
// in `levels` (0 <= t <= N). Result[s][i] for sigmas[s], levels[i]. Every function here takes the ranks of a 2D
// single-channel mask and throws std::invalid_argument (mask.h's require2DShape) for another shape.
std::vector<std::vector<double>> hvsLevelMse(const RankGrid& grid, const std::vector<double>& sigmas,
                                             const std::vector<uint32_t>& levels);

// Level weights for the swap energy, per sigma, N + 1 entries (t = 0 .. N, the ends 0):
//   w_{sigma,t} = c_sigma / (N mse_sigma(t)),
// mse measured at `levelCount` levels t_j = round(N (j + 1) / (levelCount + 1)) and interpolated in between as
// mse(t) = g (1 - g) rho(g), g = t/N, with log rho linear in g (rho: the error relative to a white pattern of
// the same mean, constant beyond the first and last measured level). The 1/N makes each level's term ~ c_sigma.
// uniformShare u in [0, 1] blends in level-independent weights of the same total:
//   w_{sigma,t} = c_sigma / N * ((1 - u) / mse_sigma(t) + u / mean_t mse_sigma(t)),
// the u part minimizing the plain mean squared error over all gray levels (what a dithered ramp shows) rather
// than the mean in dB (which favours the light and dark ends).
std::vector<std::vector<double>> hvsBalancedWeights(const RankGrid& grid, const std::vector<double>& sigmas,
                                                    const std::vector<double>& sigmaWeights, uint32_t levelCount,
                                                    double uniformShare = 0.0);

}  // namespace specdither
