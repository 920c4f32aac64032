// Separable filter study (Wronski 2020, "Using JAX, numpy, and optimization techniques to improve separable
// image filters"; docs/method.md §6): the target kernel K and its rank-R separable model F = sum_r a_r b_r^T.
//
// Units. K is stored with a peak of 1 (a 0/1 disk) and the loss is evaluated in those units: the three terms
// scale differently with K (L2 quadratically, the two penalties linearly), so their balance at the article's
// weights (w_nn up to 1.5, w_z up to 0.8, step 0.1) depends on it. With a sum-normalized K (values ~5e-4 at
// D = 50) the L2 gradient is ~2000 times weaker relative to the penalties: measured at w_nn 1.5, w_z 0.8, the
// L2 error then grows 4.4x over the SVD's instead of 1.3x. Images are blurred with F / sum(K) (unit DC gain)
// and exports are scaled the same way (filterExportScale); `--target-scale sum` in the CLI gives the other units.
#pragma once

#include "specdither/api.h"

#include <cstdint>
#include <string>
#include <vector>

namespace specdither {

// Accepted sizes (each side) and ranks: the SVD is dense, O(n^3) (0.15 s at 512, filter_svd.h).
constexpr uint32_t kFilterMinSize = 3;
constexpr uint32_t kFilterMaxSize = 512;

struct FilterKernel {
  uint32_t width = 0;
  uint32_t height = 0;
  std::vector<double> values;  // row-major (index y * width + x), peak 1

  size_t count() const { return size_t(width) * height; }
};

// Rank-R separable model. The packed parameter vector is also the GPU layout (shaders/filter_shared.h):
// a_0 .. a_{R-1} (height taps each, the vertical filters), then b_0 .. b_{R-1} (width taps each, horizontal).
struct SeparableFilter {
  uint32_t rank = 0;
  uint32_t width = 0;
  uint32_t height = 0;
  std::vector<double> params;  // rank * (height + width)

  double* vertical(uint32_t r) { return params.data() + size_t(r) * height; }
  const double* vertical(uint32_t r) const { return params.data() + size_t(r) * height; }
  double* horizontal(uint32_t r) { return params.data() + size_t(rank) * height + size_t(r) * width; }
  const double* horizontal(uint32_t r) const { return params.data() + size_t(rank) * height + size_t(r) * width; }
};

// A disk of the given diameter on a diameter x diameter grid: pixel (x, y) is 1 when its centre lies within
// diameter / 2 of the grid's centre, else 0. Diameter in [kFilterMinSize, kFilterMaxSize]; returns an empty
// kernel otherwise.
SPECDITHER_API FilterKernel makeDiskKernel(uint32_t diameter);

// A user kernel from a grayscale PNG (color: the mean of R, G, B; alpha ignored), scaled to a peak of 1. Zero
// pixels are the "outside" of the zeros term. Returns false and sets *error (one line) for an unreadable
// file, a size outside [kFilterMinSize, kFilterMaxSize] or an all-zero image.
SPECDITHER_API bool loadKernelPng(const std::string& path, FilterKernel* out, std::string* error);

// "" when a rank-R model of a width x height kernel is allowed, else the one-line reason.
SPECDITHER_API std::string checkFilterShape(uint32_t width, uint32_t height, uint32_t rank);

// F = sum_r a_r b_r^T, row-major, height x width.
SPECDITHER_API std::vector<double> reconstructFilter(const SeparableFilter& filter);

// 1 / sum(K): the factor that gives the blur unit DC gain. Applied to F as a whole (so each exported 1D filter
// carries its square root).
SPECDITHER_API double filterExportScale(const FilterKernel& kernel);

// Float copies for the GPU (the packed layout above).
SPECDITHER_API std::vector<float> filterParamsAsFloat(const SeparableFilter& filter);
SPECDITHER_API SeparableFilter filterFromFloat(uint32_t rank, uint32_t width, uint32_t height,
                                               const std::vector<float>& params);

}  // namespace specdither
