// Measuring a vector-valued mask (docs/method.md §10.3): how well each pixel's value, used as the one sample of a
// Monte Carlo estimate, integrates known functions once a renderer filters the estimates with a spatial
// Gaussian, in one frame and, for a stack, accumulated over frames. Reading them: vector_mask_io.h.
#pragma once

#include "specdither/api.h"
#include "specdither/mask.h"
#include "specdither/vector_swap_optimizer.h"

#include <functional>
#include <string>
#include <vector>

namespace specdither {

// The functions a vector mask integrates (a fixed set per domain, each with a rotation or offset drawn from a
// fixed seed so that none lines up with the sample's axes): the square two smooth steps and two Gaussian bumps, the
// circle, sphere and hemisphere cosine lobes of exponents 1, 4 and 16. mean and variance: over the domain's
// distribution (by a dense stratified sample of 2^20 values).
struct VectorIntegrand {
  std::string name;
  std::function<double(const VectorValue&)> f;
  double mean = 0, variance = 0;
};
SPECDITHER_API std::vector<VectorIntegrand> vectorIntegrands(VectorDomain domain);

struct VectorIntegrationError {
  std::vector<std::string> integrands;  // what each figure integrates ("smooth step", "cosine lobe n=1", ...)
  std::vector<double> decibels;         // per integrand: 10 log10(filtered MSE / white noise's expected MSE)
  double meanDecibels = 0;              // their mean: lower is better, 0 dB = white noise
};

// values: one per pixel (row-major, width x height), in the optimizer's coordinates (VectorValue). For every
// integrand f of the domain: e(x) = f(v_x) - I, I the mean of f over the domain; the error field is
// filtered by a toroidal Gaussian of std sigma (weights normalized to sum 1, truncated at 4 sigma), and its
// mean square is compared with the expectation for i.i.d. samples of the domain, Var(f) sum_d g(d)^2.
SPECDITHER_API VectorIntegrationError vectorIntegrationError(VectorDomain domain, uint32_t width, uint32_t height,
                                                             const std::vector<VectorValue>& values, double sigma);

// A stack's figures (docs/method.md §10.5): frame k (k = 1 .. T) samples slice k - 1. Every slice's mean figure
// as vectorIntegrationError's, their mean and worst (highest); and the convergence, index k - 1: the estimate
// accumulated over frames 1 .. k by a plain mean, or by TAA's exponential moving average (A_1 = frame 1, A_k =
// alpha f_k + (1 - alpha) A_(k-1)), filtered, its MSE against white noise accumulated the same way (i.i.d. values
// every frame: Var(f) sum g^2 sum_t a_t^2, a_t the frames' weights), dB averaged over the integrands.
struct VectorStackIntegrationError {
  std::vector<double> sliceDecibels;
  double meanSliceDecibels = 0, worstSliceDecibels = 0;
  std::vector<double> meanOfFramesDecibels, emaDecibels;
};
// values: shape.pixelCount() values, slice-major (mask.h's layout). Throws std::invalid_argument on a wrong count
// or alpha outside (0, 1].
SPECDITHER_API VectorStackIntegrationError vectorStackIntegrationError(VectorDomain domain, const MaskShape& shape,
                                                                       const std::vector<VectorValue>& values,
                                                                       double sigma, double emaAlpha = 0.1);

// The joint periodogram of a vector mask's components (docs/method.md §10.3): P(k) = sum_c |DFT(x_c - mean_c)|^2 /
// (N sum_c var_c), x_c the mask's channel c (the exported components); white noise has E[P] = 1, sum_k P = N.
// Row-major H x W, k = (ky, kx) unshifted. Double precision, separable DFT (no size restriction).
SPECDITHER_API std::vector<double> vectorJointPeriodogram(const Mask& mask);
// Its radial average over rings round(rho min(H, W)) = i, i = 0 .. min(H, W)/2, rho = |f| in cycles/pixel
// (docs/method.md §5.3's rings).
SPECDITHER_API std::vector<double> radialAverage(const std::vector<double>& periodogram, uint32_t width,
                                                 uint32_t height);

// A mask's (or a stack's) pixels as values of the domain, slice-major: channels 2 (vec2, circle as a unit vec2) or 3
// (unit vec3), unit vectors renormalized (integer files round them), the circle's vector turned into its angle. Throws
// std::invalid_argument when the mask has too few channels.
SPECDITHER_API std::vector<VectorValue> vectorValuesOf(const Mask& mask, VectorDomain domain);

}  // namespace specdither
