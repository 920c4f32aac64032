// The separable filter study as one call (Wronski 2020, "Using JAX, numpy, and optimization techniques to
// improve separable image filters"; docs/method.md §6): SVD initialization, gradient descent on the GPU for one
// weight setting or the article's 3 x 3 sweep of (w_nn, w_z), and the blurs that show the result: the exact 2D
// kernel, the SVD's R separable passes and each optimized filter's, all with the article's gamma. The CLI and
// the benchmark are thin drivers over this; the studio drives the pieces (filter_optimizer.h, filter_blur.h).
#pragma once

#include "specdither/api.h"
#include "specdither/context.h"
#include "specdither/filter/filter_blur.h"
#include "specdither/filter/filter_kernel.h"
#include "specdither/filter/filter_optimizer.h"
#include "specdither/filter/filter_reference.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace specdither {

struct FilterStudySettings {
  FilterKernel kernel;                                  // the target (makeDiskKernel(50) in the article)
  uint32_t rank = 4;                                    // R
  uint32_t steps = 5000;                                // the article's count
  FilterOptimizerParams params;                         // weights (single run) and update rule
  bool sweep = false;                                   // the article's grid instead of params.weights' nonneg / zeros
  std::vector<float> sweepNonneg = {0.0f, 0.5f, 1.5f};  // grid rows
  std::vector<float> sweepZeros = {0.0f, 0.3f, 0.8f};   // grid columns
  FloatImage image;                                     // the picture to blur; empty: no blurs
  float gamma = kArticleGamma;
  uint32_t stepsPerSubmit = 1000;
};

// One optimized filter.
struct FilterRun {
  FilterWeights weights;
  SeparableFilter filter;    // peak-1 units (filter_kernel.h)
  FilterLossTerms svdLoss;   // the SVD start under these weights (CPU, double)
  FilterLossTerms loss;      // after the steps (GPU, float)
  FilterLossTerms cpuCheck;  // the final filter's loss recomputed on the CPU in double
  ImageError blurError;      // its separable blur against the exact 2D blur
  FloatImage blurred;
  double seconds = 0;  // optimization time
};

struct FilterStudyResult {
  SeparableFilter svd;
  std::vector<double> singularValues;  // all of them, descending
  FloatImage exactBlur;
  FloatImage svdBlur;
  ImageError svdBlurError;
  std::vector<FilterRun> runs;  // one, or the grid row-major (nonneg outer, zeros inner)
  double exactBlurSeconds = 0;
  double seconds = 0;
};

// Called after every submitted batch of steps.
using FilterProgress =
    std::function<void(uint32_t run, uint32_t runCount, uint64_t step, uint64_t steps, const FilterLossTerms& loss)>;

// Returns false and sets *error (one line) for a bad shape or an image the device cannot hold.
SPECDITHER_API bool runFilterStudy(GpuContext* context, const FilterStudySettings& settings,
                                   const FilterProgress& progress, FilterStudyResult* result, std::string* error);

}  // namespace specdither
