// CPU double-precision reference of the spectral blue-noise loss and step (the same math as the GPU passes in
// spectral_optimizer.cpp, written independently of them): what the tests check the GPU against and what the
// benchmark races.
#pragma once

#include "specdither/api.h"
#include "specdither/spectral_optimizer.h"

#include <vector>

namespace specdither {

// Unweighted terms U, H, B of docs/method.md §2.2-2.4.
struct SpectralTerms {
  double uniformity = 0;
  double histogram = 0;
  double lowFrequency = 0;
};

// Evaluates U, H, B of mask m (row-major, a 2D single-channel shape; throws std::invalid_argument for another)
// against sorted targets, and, if gradient is non-null, dL/dm of L = scales[0] U + scales[1] H + scales[2] B
// (scales: weight times random factor of each term).
SpectralTerms cpuSpectralLoss(const std::vector<double>& m, const MaskShape& shape, double cutoff,
                              const std::vector<float>& targets, const double scales[3], std::vector<double>* gradient);

// The multipliers (a_U c1, a_H c2, a_B c3) of step `step`, exactly as the GPU draws them.
void spectralStepScales(const SpectralLossParams& params, uint64_t seed, uint64_t step, double scales[3]);

// A whole CPU optimizer mirroring the GPU one, for the benchmark and long-run comparisons.
struct CpuSpectralState {
  MaskShape shape;
  uint64_t seed = 1;
  uint64_t step = 0;
  std::vector<double> mask, firstMoment, secondMoment;
  std::vector<float> targets;
  uint32_t adamStep = 0;
};
// The same initial mask as the GPU's recordSpectralReset (same hash).
CpuSpectralState cpuSpectralInit(const SpectralSetup& setup);
SpectralTerms cpuSpectralStep(CpuSpectralState& state, const SpectralLossParams& params);

}  // namespace specdither
