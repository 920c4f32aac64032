// Throughput of the separable filter optimizer (Wronski 2020; docs/method.md §6): optimization steps per second
// on the device and on the CPU double reference, in the same process, for the README's benchmark line.
#pragma once

#include "specdither/api.h"
#include "specdither/context.h"

#include <cstdint>

namespace specdither {

struct FilterBenchResult {
  uint32_t diameter = 0;
  uint32_t rank = 0;
  uint64_t gpuSteps = 0;
  double gpuSeconds = 0;
  double gpuStepsPerSecond = 0;
  uint64_t cpuSteps = 0;
  double cpuSeconds = 0;
  double cpuStepsPerSecond = 0;
};

// A disk of the given diameter, rank R, the article's weights mix (w_nn 0.5, w_z 0.3) and GD step 0.1, from
// the SVD. Each side runs batches (GPU: `stepsPerSubmit` steps per submit, loss read back per submit, as the
// CLI runs) after a warm-up batch, until `seconds` have passed.
SPECDITHER_API FilterBenchResult benchmarkFilterOptimizer(GpuContext* context, uint32_t diameter = 50,
                                                          uint32_t rank = 4, double seconds = 1.0,
                                                          uint32_t stepsPerSubmit = 1000);

}  // namespace specdither
