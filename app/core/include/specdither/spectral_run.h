// Runs a whole spectral optimization (a preset: main phase, then the histogram-only finetune) on the GPU in
// batches of steps, one submit per batch, reporting progress between batches.
#pragma once

#include "specdither/api.h"
#include "specdither/spectral_optimizer.h"

#include <functional>

namespace specdither {

struct SpectralProgress {
  uint64_t step = 0;        // steps done so far (main phase + finetune)
  uint64_t totalSteps = 0;
  double seconds = 0;       // wall time since the start
  SpectralLoss loss;        // at the last step of the latest batch
};

struct SpectralRunResult {
  Mask mask;                // the raw optimized values (not yet rank-normalized)
  SpectralLoss finalLoss;   // last step of the main phase, article weights, c = 1
  SpectralLoss finetuneLoss;
  double seconds = 0;
  uint64_t steps = 0;
};

// progress may be empty. Returns false with *error for a bad setup (size out of range...).
SPECDITHER_API bool runSpectralPreset(GpuContext* context, const SpectralSetup& setup, const SpectralPreset& preset,
                                      const std::function<void(const SpectralProgress&)>& progress,
                                      SpectralRunResult* result, std::string* error);

}  // namespace specdither
