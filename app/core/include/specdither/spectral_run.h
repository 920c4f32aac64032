// A spectral preset's schedule (main phase, then the histogram-only finetune), step by step, for the CLI's
// run in one go and the studio's frame-by-frame stepping alike; and the whole run on the GPU in batches of
// steps, one submit per batch, reporting progress between batches, under the divergence safeguard
// (spectral_guard.h).
#pragma once

#include "specdither/api.h"
#include "specdither/spectral_optimizer.h"

#include <functional>

namespace specdither {

// Steps in the schedule: preset.steps + preset.finetuneSteps.
SPECDITHER_API uint64_t spectralScheduleLength(const SpectralPreset& preset);

// Records `count` steps of the schedule from where the optimizer stands (its step count), each with the
// schedule's parameters for that step (the main phase's, then the finetune's: histogram term only, at
// finetuneLearningRate, with the same update rule); whatever setSpectralLossParams set before is replaced, and the
// optimizer keeps the parameters of the last recorded step (lastSpectralLoss weights its terms with them). Batches of
// any sizes record the same steps as one batch of their sum.
SPECDITHER_API void recordSpectralScheduleSteps(VkCommandBuffer cmd, SpectralOptimizer* optimizer,
                                                const SpectralPreset& preset, uint32_t count);

struct SpectralProgress {
  uint64_t step = 0;  // steps done so far (main phase + finetune)
  uint64_t totalSteps = 0;
  double seconds = 0;  // wall time since the start
  SpectralLoss loss;   // at the last step of the latest batch
};

struct SpectralRunResult {
  Mask mask;               // the raw optimized values (not yet rank-normalized), all finite
  SpectralLoss finalLoss;  // last step of the main phase, article weights, c = 1
  SpectralLoss finetuneLoss;
  double seconds = 0;
  uint64_t steps = 0;
  uint32_t rollbacks = 0;       // batches the safeguard rejected and ran again at half the step size
  float finalLearningRate = 0;  // the main phase's step size at the end (preset's, halved per rollback)
};

// The whole schedule on a new optimizer, guarded (spectral_guard.h). progress may be empty. Returns false with
// *error for a bad setup (size out of range...) or a run that diverged past the safeguard (the one line of
// describeSpectralDivergence, naming generate's options); then result->mask is empty.
SPECDITHER_API bool runSpectralPreset(GpuContext* context, const SpectralSetup& setup, const SpectralPreset& preset,
                                      const std::function<void(const SpectralProgress&)>& progress,
                                      SpectralRunResult* result, std::string* error);

}  // namespace specdither
