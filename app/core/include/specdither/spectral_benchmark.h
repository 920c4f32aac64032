// Speed of the spectral step (the wronski2020 preset's) on the GPU and of the CPU double reference of the same
// step, measured in one process; plus the cost of the step's two FFTs alone, the floor the step is compared to.
#pragma once

#include "specdither/api.h"
#include "specdither/context.h"
#include "specdither/mask.h"

#include <cstdint>

namespace specdither {

struct SpectralBenchResult {
  MaskShape shape;
  double gpuStepsPerSecond = 0;
  double gpuFftPairsPerSecond = 0;  // forward R2C + inverse C2R, with the barriers the step has between them
  double stepCostInFftPairs = 0;    // a step's time over an FFT pair's, the median of adjacent batches' ratios
  double cpuStepsPerSecond = 0;     // CPU double reference (spectral_reference.h), one core
  uint64_t gpuMemoryBytes = 0;      // device memory of the optimizer's buffers
  uint32_t gpuSteps = 0, cpuSteps = 0;
};

// Runs each measurement for about minSeconds (after a warm-up batch); the GPU step and the FFT pair in
// alternating batches, each rate the median batch, their ratio the median of each step batch's against the
// pair batch right after it (on a shared machine the load drifts between batches, less within a pair of them).
// The shape must be one createSpectralOptimizer accepts (2D single-channel, 4 to 4096 per side).
SPECDITHER_API SpectralBenchResult benchmarkSpectralStep(GpuContext* context, const MaskShape& shape,
                                                         double minSeconds);

}  // namespace specdither
