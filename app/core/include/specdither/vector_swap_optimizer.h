// Vector-valued masks for sampling (docs/method.md §10): every pixel holds one value of a stratified sample of a
// domain (a point of the unit square, an angle, a unit vector on the sphere or the cosine-weighted hemisphere),
// and GPU swaps permute the values across pixels to lower FAST's energy (Donnelly et al. 2024, "FAST: Filter-
// Adapted Spatio-Temporal Sampling for Real-Time Rendering"):
//   E = sum_{i != j} F(i - j) K(v_i, v_j),  K = -distance in the domain,
// F = the autocorrelation of the Gaussian filter the renderer applies (a Gaussian of sigma sqrt 2 up to a
// constant), over the torus. The values never change, only their places: the mask is a permutation of the
// initial sample.
#pragma once

#include "specdither/api.h"
#include "specdither/context.h"
#include "specdither/mask.h"
#include "specdither/temporal_filter.h"

#include <cstdint>
#include <string>
#include <vector>

namespace specdither {

enum class VectorDomain {
  Square,            // vec2 in [0, 1)^2, Euclidean distance (FAST's vector2)
  Circle,            // an angle, stored as turns in [0, 1), toroidal distance; exported as the unit vec2
  Sphere,            // unit vec3, uniform on the sphere, great-circle angle capped at pi/2 (as FAST computes it)
  HemisphereCosine,  // unit vec3 with z >= 0, cosine-weighted, great-circle angle (FAST's sphere space)
};

// "vec2", "circle", "sphere", "hemisphere-cosine": the names of --values. parseVectorDomain returns false for
// any other name.
SPECDITHER_API const char* vectorDomainName(VectorDomain domain);
SPECDITHER_API bool parseVectorDomain(const std::string& name, VectorDomain* domain);
// Components of an exported value: 2 (square, circle) or 3 (sphere, hemisphere).
SPECDITHER_API uint32_t vectorComponents(VectorDomain domain);

// The optimizer's coordinates of one value: (x, y) for the square, (turns) for the circle, (x, y, z) for unit
// vectors; unused components 0.
struct VectorValue {
  float c[4] = {0, 0, 0, 0};
};

// A deterministic stratified sample of `count` values (docs/method.md §10.1): the square a golden-ratio lattice
// ((i + 1/2)/n, frac(i phi)), the circle the angles (i + 1/2)/n, the sphere a spherical Fibonacci set, the
// hemisphere a Fibonacci disk lifted by Malley's method (cosine-weighted).
SPECDITHER_API std::vector<VectorValue> stratifiedVectorSample(VectorDomain domain, size_t count);
// The exported components of a value (the unit vector for the circle).
SPECDITHER_API void exportedComponents(VectorDomain domain, const VectorValue& value, float* out);

// The distance of K = -distance^power (double precision, the CPU reference of the GPU's float version).
SPECDITHER_API double vectorDistance(VectorDomain domain, const VectorValue& a, const VectorValue& b,
                                     double power = 1.0);

// F over the torus: filter[dy * width + dx] = sum over the periodic images within radius of
// exp(-|d|^2 / (4 sigma^2)), the autocorrelation of a Gaussian of std sigma (up to a constant), truncated at
// radius = ceil(radiusInStd * sigma sqrt 2).
SPECDITHER_API std::vector<double> vectorFilterTable(uint32_t width, uint32_t height, double sigma, double radiusInStd);

// F over the torus of a stack, filter[(t * height + dy) * width + dx] (slices 1: vectorFilterTable).
SPECDITHER_API std::vector<double> vectorStackFilterTable(uint32_t width, uint32_t height, uint32_t slices,
                                                          double sigma, double radiusInStd,
                                                          const TemporalFilter& temporal, double temporalWeight);
// E over a stack (double, O((T N)^2)): pairs within and across slices, values[(t * height + y) * width + x].
SPECDITHER_API double vectorStackEnergy(VectorDomain domain, uint32_t width, uint32_t height, uint32_t slices,
                                        const std::vector<double>& filter, const std::vector<VectorValue>& values,
                                        double distancePower = 1.0);

// One nonzero entry of F at a toroidal offset (dx, dy, dt) other than zero, each offset class once (as its
// shortest representative): the set O the swap stage gathers over.
struct VectorFilterTap {
  int32_t dx = 0, dy = 0, dt = 0;
  double weight = 0;
};
SPECDITHER_API std::vector<VectorFilterTap> vectorFilterTaps(uint32_t width, uint32_t height, uint32_t slices,
                                                            const std::vector<double>& filter);

// dE of swapping the values of pixels p and q (stack indices, the same slice) in double precision, over the taps:
//   dE = 2 sum_(o in O) F(o) ([p+o != q] (K(v_q, v_(p+o)) - K(v_p, v_(p+o)))
//                            + [q+o != p] (K(v_p, v_(q+o)) - K(v_q, v_(q+o))))
// with K = -distance^power (docs/method.md §10.2): the CPU reference of one GPU proposal, O(|O|) instead of the
// whole energy's O((T N)^2).
SPECDITHER_API double vectorSwapDelta(VectorDomain domain, uint32_t width, uint32_t height, uint32_t slices,
                                      const std::vector<VectorFilterTap>& taps, const std::vector<VectorValue>& values,
                                      uint32_t p, uint32_t q, double distancePower = 1.0);

// The whole energy E (double, O(N^2)): the CPU reference of the swap stage. values[pixel].
SPECDITHER_API double vectorEnergy(VectorDomain domain, uint32_t width, uint32_t height,
                                   const std::vector<double>& filter, const std::vector<VectorValue>& values,
                                   double distancePower = 1.0);

struct VectorSwapParams {
  VectorDomain domain = VectorDomain::Square;
  double sigma = 1.0;        // the renderer's Gaussian filter (FAST's "gauss 1.0")
  // K = -distance^distancePower: 1 is FAST's; below 1 a concave K that favours spreading values over clustering
  // them (docs/method.md §10.2; defaultVectorSwapParams picks it per domain).
  double distancePower = 1.0;
  double radiusInStd = 3.0;  // F truncated at ceil(radiusInStd * sigma sqrt 2) pixels
  double proposalsPerPixel = 0.25;  // proposals per pass / N (N: one slice's pixels, for stacks too)
  // The share of partners drawn anywhere; the rest are neighbours (the CLI's: defaultVectorSwapParams).
  double randomPartner = 0.3;
  uint32_t neighbourRadius = 3;
  uint32_t passes = 4000;
  double startTemperature = 0.0;  // Metropolis temperature in units of the median |dE| at the start, cooled to 0
  // Coarse to fine (docs/method.md §10.2): when > 0, the first startShare of the passes run on the filter of
  // sigma startSigma (a wider Gaussian settles the low frequencies in fewer passes), the rest on sigma.
  double startSigma = 0.0;
  double startShare = 0.5;
  // A stack of slices (shape.slices > 1, docs/method.md §10.5): F is the product of the spatial F and the
  // temporal filter's autocorrelation on the torus of the slices, normalized as the scalar stacks' (§8.2): the
  // slice at distance tau weighs temporalWeight R(tau) / sum_(tau' != 0) R(tau'), so that with weight 1 the
  // pairs across all other slices together weigh as much as those within a slice; slices where R(tau) / R(0) <
  // 1e-3 are left out. Swaps stay within a slice, at most one per column (x, y) of the stack in a pass.
  TemporalFilter temporal;
  double temporalWeight = 1.0;  // defaultVectorSwapParams: the stack preset's T / 8 within [1, 8]
  uint64_t seed = 1;
};

// What `generate --values` runs by default (docs/method.md §10.2, measured at 128x128 against FAST's files): the
// struct's defaults (4000 passes, N/4 proposals, 30% far partners), except for vec2 and the cosine hemisphere,
// whose low frequencies need a longer descent: N/2 proposals, 60% far partners, 2^28 / N passes within
// [4000, 16000] (16000 up to 128x128; a pass costs ~N; N T pixels of a stack). The same schedule made the sphere
// and the circle worse. A stack's pass proposes N p swaps spread over its N T pixels (§10.5), each gathering T
// slices' offsets: the passes above cost a stack what they cost a 2D mask. A stack's temporal weight is the
// scalar stack preset's, T / 8 within [1, 8] (§10.5).
SPECDITHER_API VectorSwapParams defaultVectorSwapParams(VectorDomain domain, const MaskShape& shape);

// "" when the shape (one channel: the vector's components are not mask channels; slices a stack whose temporal
// filter fits them) and the parameters fit.
SPECDITHER_API std::string checkVectorSwapParams(const MaskShape& shape, const VectorSwapParams& params);

struct VectorSwapOptimizer;
// nullptr with *error set when checkVectorSwapParams refuses. Starts from the sample in a random order.
SPECDITHER_API VectorSwapOptimizer* createVectorSwapOptimizer(GpuContext* context, const MaskShape& shape,
                                                              const VectorSwapParams& params, std::string* error);
SPECDITHER_API void destroyVectorSwapOptimizer(VectorSwapOptimizer* optimizer);

// The value table (the stratified sample) and the pixels' indices into it.
SPECDITHER_API const std::vector<VectorValue>& vectorSwapValues(const VectorSwapOptimizer* optimizer);
SPECDITHER_API const std::vector<double>& vectorSwapFilter(const VectorSwapOptimizer* optimizer);
SPECDITHER_API std::vector<uint32_t> readVectorSwapIndices(VectorSwapOptimizer* optimizer);
SPECDITHER_API void setVectorSwapIndices(VectorSwapOptimizer* optimizer, const std::vector<uint32_t>& indices);

// Records `count` passes (propose, apply, claims released) into cmd, at the given temperature (absolute dE
// units; 0 greedy).
SPECDITHER_API void recordVectorSwapPasses(VkCommandBuffer cmd, VectorSwapOptimizer* optimizer, uint32_t count,
                                           float temperature);
// Records one pass of proposals evaluated against the current state without deciding anything (tests).
SPECDITHER_API void recordVectorSwapEvaluation(VkCommandBuffer cmd, VectorSwapOptimizer* optimizer);
struct VectorSwapProposal {
  uint32_t p, q;
  float delta;
  uint32_t state;
};
SPECDITHER_API std::vector<VectorSwapProposal> readVectorSwapProposals(VectorSwapOptimizer* optimizer);

// The whole run: params.passes passes (cooled from startTemperature to greedy over the first 80%), then the
// mask: shape {width, height, 1, vectorComponents} with the exported components of each pixel's value (the
// optimizer's own representation, not an encoding: unit vectors in [-1, 1]).
// slices > 1: a stack {width, height, slices, components} (§10.5).
SPECDITHER_API Mask runVectorSwap(GpuContext* context, uint32_t width, uint32_t height, const VectorSwapParams& params,
                                  uint32_t slices = 1);

}  // namespace specdither
