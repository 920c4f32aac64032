// A spectral preset's schedule (main phase, then the histogram-only finetune), step by step, for the CLI's
// run in one go and the studio's frame-by-frame stepping alike; and the whole run on the GPU in batches of
// steps, one submit per batch, reporting progress between batches, under the divergence safeguard
// (spectral_guard.h).
#pragma once

#include "specdither/api.h"
#include "specdither/spectral_optimizer.h"

#include <functional>

namespace specdither {

// The loss parameters step `step` (0-based) of the preset's schedule runs with: steps [0, preset.steps) run
// preset.params; the next preset.finetuneSteps the article's finish, the histogram term alone (a_U = a_B = 0,
// c2 still random when random scaling is on) with the same update rule at preset.finetuneLearningRate; steps
// past the schedule run preset.params again (the studio's single steps after a finished run).
SPECDITHER_API SpectralLossParams spectralScheduleParams(const SpectralPreset& preset, uint64_t step);
// Steps in the schedule: preset.steps + preset.finetuneSteps.
SPECDITHER_API uint64_t spectralScheduleLength(const SpectralPreset& preset);

// Records `count` steps of the schedule from where the optimizer stands (spectralStepCount), each with its
// spectralScheduleParams; whatever setSpectralLossParams set before is replaced, and the optimizer keeps the
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
  Mask mask;                // the raw optimized values (not yet rank-normalized), all finite
  SpectralLoss finalLoss;   // last step of the main phase, article weights, c = 1
  SpectralLoss finetuneLoss;
  double seconds = 0;
  uint64_t steps = 0;
  uint32_t rollbacks = 0;        // batches the safeguard rejected and ran again at half the step size
  float finalLearningRate = 0;   // the main phase's step size at the end (preset's, halved per rollback)
};

// The whole schedule on a new optimizer, guarded (spectral_guard.h). progress may be empty. Returns false with
// *error for a bad setup (size out of range...) or a run that diverged past the safeguard (the one line of
// describeSpectralDivergence, naming generate's options); then result->mask is empty.
SPECDITHER_API bool runSpectralPreset(GpuContext* context, const SpectralSetup& setup, const SpectralPreset& preset,
                                      const std::function<void(const SpectralProgress&)>& progress,
                                      SpectralRunResult* result, std::string* error);

}  // namespace specdither
