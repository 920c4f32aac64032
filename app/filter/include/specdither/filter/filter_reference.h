// CPU references for the separable filter study, in double precision: the loss of Wronski (2020) and its
// gradient, the optimization step (through cpuGradientUpdate, the same rule as the GPU), and the gamma blur.
// They define what the GPU must compute; tests compare the two with explicit tolerances.
//
//   F = sum_r a_r b_r^T,  N = width * height
//   L = w_l2 mean((F - K)^2) + w_nn mean(-min(F, 0)) + w_z mean([K == 0] |F|)
//   dL/dF = (2 w_l2 (F - K) - w_nn [F < 0] + w_z [K == 0] sign(F)) / N     (subgradient 0 at F = 0)
//   dL/da_r = dL/dF b_r,  dL/db_r = (dL/dF)^T a_r
#pragma once

#include "specdither/api.h"
#include "specdither/filter/filter_image.h"
#include "specdither/filter/filter_kernel.h"
#include "specdither/gradient_update.h"

#include <cstdint>
#include <vector>

namespace specdither {

struct FilterWeights {
  float l2 = 1.0f;      // w_l2
  float nonneg = 0.0f;  // w_nn: penalizes negative taps of F (ringing)
  float zeros = 0.0f;   // w_z: penalizes F where K is zero (the corners outside the disk)
};

// Unweighted means and the weighted total.
struct FilterLossTerms {
  double l2 = 0;      // mean((F - K)^2)
  double nonneg = 0;  // mean(-min(F, 0))
  double zeros = 0;   // mean([K == 0] |F|)
  double total = 0;   // w_l2 l2 + w_nn nonneg + w_z zeros
};

// The loss of filter against kernel; when gradient is non-null it receives dL/dparams (packed layout).
SPECDITHER_API FilterLossTerms cpuFilterLoss(const FilterKernel& kernel, const SeparableFilter& filter,
                                             const FilterWeights& weights, std::vector<double>* gradient);

// An optimizer on the CPU: the same steps as the GPU's, in double.
struct CpuFilterOptimizer {
  FilterKernel kernel;
  SeparableFilter filter;
  std::vector<double> gradient, firstMoment, secondMoment;
  uint32_t adamStep = 0;
};

SPECDITHER_API CpuFilterOptimizer makeCpuFilterOptimizer(const FilterKernel& kernel, const SeparableFilter& init);
// Runs count steps: gradient of the loss, then cpuGradientUpdate.
SPECDITHER_API void cpuFilterSteps(CpuFilterOptimizer& optimizer, const FilterWeights& weights,
                                   const UpdateSettings& update, uint32_t count);

// The blur both GPU paths compute, in double: every sample raised to gamma, correlated with the filter taps
// (kernelHeight x kernelWidth, row-major, centre ((w - 1) / 2, (h - 1) / 2), clamp-to-edge borders), times
// scale, then max(., 0)^(1/gamma) (at gamma 1 the signed sum is kept). Returns planar values.
SPECDITHER_API std::vector<double> cpuBlur(const FloatImage& image, const std::vector<double>& taps,
                                           uint32_t kernelWidth, uint32_t kernelHeight, double scale, double gamma);

}  // namespace specdither
