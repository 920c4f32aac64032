// Measuring a vector-valued mask (docs/method.md §10.3): how well each pixel's value, used as the one sample of a
// Monte Carlo estimate, integrates known functions once a renderer filters the estimates with a spatial
// Gaussian; and reading vector masks back from files of this tool and of others (EA's FAST PNGs).
#pragma once

#include "specdither/api.h"
#include "specdither/mask.h"
#include "specdither/vector_swap_optimizer.h"

#include <string>
#include <vector>

namespace specdither {

struct VectorIntegrationError {
  std::vector<std::string> integrands;  // what each figure integrates ("smooth step", "cosine lobe n=1", ...)
  std::vector<double> decibels;         // per integrand: 10 log10(filtered MSE / white noise's expected MSE)
  double meanDecibels = 0;              // their mean: lower is better, 0 dB = white noise
};

// values: one per pixel (row-major, width x height), in the optimizer's coordinates (VectorValue). For every
// integrand f of the domain (a fixed set, each with a rotation or offset drawn from a fixed seed so that none
// lines up with the sample's axes): e(x) = f(v_x) - I, I the exact mean of f over the domain; the error field is
// filtered by a toroidal Gaussian of std sigma (weights normalized to sum 1, truncated at 4 sigma), and its
// mean square is compared with the expectation for i.i.d. samples of the domain, Var(f) sum_d g(d)^2.
SPECDITHER_API VectorIntegrationError vectorIntegrationError(VectorDomain domain, uint32_t width, uint32_t height,
                                                             const std::vector<VectorValue>& values, double sigma);

// The joint periodogram of a vector mask's components (docs/method.md §10.3): P(k) = sum_c |DFT(x_c - mean_c)|^2 /
// (N sum_c var_c), x_c the mask's channel c (the exported components); white noise has E[P] = 1, sum_k P = N.
// Row-major H x W, k = (ky, kx) unshifted. Double precision, separable DFT (no size restriction).
SPECDITHER_API std::vector<double> vectorJointPeriodogram(const Mask& mask);
// Its radial average over rings round(rho min(H, W)) = i, i = 0 .. min(H, W)/2, rho = |f| in cycles/pixel
// (docs/method.md §5.3's rings).
SPECDITHER_API std::vector<double> radialAverage(const std::vector<double>& periodogram, uint32_t width,
                                                 uint32_t height);

// A mask's pixels as values of the domain: channels 2 (vec2, circle as a unit vec2) or 3 (unit vec3), unit
// vectors renormalized (integer files round them), the circle's vector turned into its angle. Throws
// std::invalid_argument when the mask has too few channels.
SPECDITHER_API std::vector<VectorValue> vectorValuesOf(const Mask& mask, VectorDomain domain);

// Reads a vector mask: .ktx2 (its specdither.encoding when present, else "(v+1)/2" for the unit-vector domains
// of UNORM files and "v" otherwise), .npy (float v), .png (levels / (2^bits - 1), then "(v+1)/2" undone for
// unit vectors; a gray PNG of a circle, or one with R = G = B everywhere, is read as the angle in turns, as FAST writes
// its circle masks). The mask gets vectorComponents(domain) channels holding v. False with *error (one line) otherwise.
SPECDITHER_API bool readVectorMask(const std::string& path, VectorDomain domain, Mask* out, std::string* error);

}  // namespace specdither
