// The exact multi-level dither energy of docs/method.md §3.2, in double precision on the CPU: the reference the
// GPU swap stage (swap_optimizer.h) is checked against.
//
// A mask is a permutation r (rank r_x of pixel x, 0 .. N-1); its threshold pattern at level t (t pixels on) is
// b_t = [r < t]. With level weights w_{sigma,t} (t = 1 .. N-1) and the eye model K_sigma of hvs_kernel.h:
//   E(r) = sum_sigma sum_t w_{sigma,t} || G_sigma * (b_t - t/N) ||^2                          (direct)
//        = sum_sigma sum_{x != y} K_sigma(x - y) Phi_sigma(max(r_x, r_y)) + const              (pair form)
//   Phi_sigma(r) = sum_{t > r} w_{sigma,t},  const = sum_sigma sum_t w_{sigma,t} (t K_sigma(0) - t^2 / N)
// (pixels x and y are both on at level t iff t > max(r_x, r_y); the diagonal x = y adds the rank-independent
// t K(0); sum_o K(o) = 1 turns the mean terms into -t^2/N).
//
// The model truncates K to the offset set O (hvs_kernel.h): the pair form then sums over y - x in O. Swapping
// the ranks of pixels p and q changes the truncated energy by (method.md §3.3)
//   dE = 2 sum_sigma sum_{o in O} K_sigma(o) (D(p+o)[p+o != q] - D(q+o)[q+o != p]),
//   D(y) = Phi_sigma(max(r_q, r_y)) - Phi_sigma(max(r_p, r_y)),
// a few hundred terms, no FFT. When O is the whole torus, the truncated model is the exact one.
#pragma once

#include "specdither/api.h"
#include "hvs/hvs_kernel.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace specdither {

struct HvsEnergyModel {
  MaskShape shape;  // 2D single-channel
  std::vector<double> sigmas;
  std::vector<HvsOffset> offsets;                 // O, shared by every sigma (radius of the largest sigma)
  std::vector<std::vector<double>> kernel;        // per sigma: K over the whole torus (N entries)
  std::vector<std::vector<double>> kernelInO;     // per sigma: K on the classes of O, 0 elsewhere (and at 0)
  std::vector<std::vector<double>> levelWeights;  // per sigma: w_t for t = 0 .. N (w_0 = w_N = 0: no error there)
  std::vector<std::vector<double>> phi;           // per sigma: Phi(r) = sum_{t > r} w_t for r = 0 .. N-1

  size_t pixelCount() const { return shape.planeSize(); }
};

// A model with uniform weights w_t = 1/N for 0 < t < N. radius: the gather radius in pixels (hvsOffsetRadius
// of the largest sigma; any radius >= the half-diagonal gives the exact, untruncated energy). Throws
// std::invalid_argument for a shape with slices or channels.
HvsEnergyModel createHvsEnergyModel(const MaskShape& shape, const std::vector<double>& sigmas, uint32_t radius);

// Sets w (per sigma, N + 1 entries, t = 0 .. N; entries 0 and N are ignored and stored as 0) and Phi.
void setHvsLevelWeights(HvsEnergyModel& model, const std::vector<std::vector<double>>& weights);

// Truncated pair form sum_sigma sum_x sum_{o in O} K(o) Phi(max(r_x, r_{x+o})), without the constant.
double hvsPairEnergy(const HvsEnergyModel& model, const std::vector<uint32_t>& ranks);

// The direct definition sum_sigma sum_t w_t ||G * (b_t - t/N)||^2 with the untruncated K (one FFT per level).
double hvsDirectEnergy(const HvsEnergyModel& model, const std::vector<uint32_t>& ranks);

// The constant that links the two when O is the whole torus: direct = pair + constant.
double hvsEnergyConstant(const HvsEnergyModel& model);

// dE of swapping the ranks of pixels p and q (closed form above, literal transcription). 0 when p == q.
double hvsSwapDelta(const HvsEnergyModel& model, const std::vector<uint32_t>& ranks, uint32_t p, uint32_t q);

}  // namespace specdither
