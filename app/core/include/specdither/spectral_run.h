// A spectral preset's schedule (main phase, then the histogram-only finetune), step by step, for the CLI's
// run in one go and the studio's frame-by-frame stepping alike; and the whole run on the GPU in batches of
// steps, one submit per batch, reporting progress between batches.
#pragma once

#include "specdither/api.h"
#include "specdither/spectral_optimizer.h"

#include <functional>

namespace specdither {

// Steps in the schedule: preset.steps + preset.finetuneSteps.
SPECDITHER_API uint64_t spectralScheduleLength(const SpectralPreset& preset);

// Records `count` steps of the schedule from where the optimizer stands (its step count), each with the
// schedule's parameters for that step (the main phase's, then the finetune's: histogram term only, at
// finetuneLearningRate, with the same update rule); whatever setSpectralLossParams set before is replaced, and the optimizer keeps the
// parameters of the last recorded step (lastSpectralLoss weights its terms with them). Batches of any sizes
// record the same steps as one batch of their sum.
SPECDITHER_API void recordSpectralScheduleSteps(VkCommandBuffer cmd, SpectralOptimizer* optimizer,
                                                const SpectralPreset& preset, uint32_t count);

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

// The whole schedule on a new optimizer. progress may be empty. Returns false with *error for a bad setup (size
// out of range...).
SPECDITHER_API bool runSpectralPreset(GpuContext* context, const SpectralSetup& setup, const SpectralPreset& preset,
                                      const std::function<void(const SpectralProgress&)>& progress,
                                      SpectralRunResult* result, std::string* error);

}  // namespace specdither
