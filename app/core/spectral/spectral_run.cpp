#include "specdither/spectral_run.h"
#include "spectral/spectral_internal.h"

#include "specdither/spectral_guard.h"
#include "timing/elapsed_seconds.h"

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace specdither {

namespace {

using Clock = std::chrono::steady_clock;

// Runs the schedule up to step `end` in batches sized so that one batch takes about a quarter second (progress
// stays live, command buffers stay small), starting small because the first batch also pays pipeline warm-up.
// A rejected batch runs again from its start (the guard halved the step size). Returns false once the guard
// gave up.
bool runPhase(GpuContext* context, SpectralOptimizer* optimizer, const SpectralPreset& preset, SpectralGuard* guard,
              uint64_t end, Clock::time_point start, const std::function<void(const SpectralProgress&)>& progress,
              SpectralLoss* loss) {
  uint64_t batch = 16;
  while (guardedStepCount(*guard, optimizer) < end) {
    uint32_t count = 0;
    const Clock::time_point batchStart = Clock::now();
    submitAndWait(context, [&](VkCommandBuffer cmd) {
      count = recordGuardedScheduleSteps(cmd, optimizer, preset, guard, uint32_t(batch), end);
    });
    const double batchSeconds = secondsSince(batchStart);
    const SpectralVerdict verdict = judgeSpectralBatch(guard, optimizer);
    if (verdict == SpectralVerdict::Diverged) return false;
    if (verdict == SpectralVerdict::Accepted) {
      *loss = lastSpectralLoss(optimizer);
      if (progress)
        progress({spectralStepCount(optimizer), spectralScheduleLength(preset), secondsSince(start), *loss});
    }
    const double perStep = batchSeconds / double(std::max<uint32_t>(count, 1));
    batch = std::clamp<uint64_t>(uint64_t(0.25 / std::max(perStep, 1e-7)), 1, 2000);
  }
  return true;
}

}  // namespace

SpectralLossParams spectralScheduleParams(const SpectralPreset& preset, uint64_t step) {
  if (step < preset.steps || step >= spectralScheduleLength(preset)) return preset.params;
  SpectralLossParams finetune = preset.params;
  finetune.weightUniformity = 0;
  finetune.weightLowFrequency = 0;
  finetune.update.learningRate = preset.finetuneLearningRate;
  return finetune;
}

uint64_t spectralScheduleLength(const SpectralPreset& preset) { return uint64_t(preset.steps) + preset.finetuneSteps; }

void recordSpectralScheduleSteps(VkCommandBuffer cmd, SpectralOptimizer* optimizer, const SpectralPreset& preset,
                                 uint32_t count) {
  while (count > 0) {
    // The steps up to the next phase boundary share their parameters.
    const uint64_t step = spectralStepCount(optimizer);
    const uint64_t boundary = step < preset.steps                     ? preset.steps
                              : step < spectralScheduleLength(preset) ? spectralScheduleLength(preset)
                                                                      : UINT64_MAX;
    const uint32_t run = uint32_t(std::min<uint64_t>(count, boundary - step));
    setSpectralLossParams(optimizer, spectralScheduleParams(preset, step));
    recordSpectralSteps(cmd, optimizer, run);
    count -= run;
  }
}

bool runSpectralPreset(GpuContext* context, const SpectralSetup& setup, const SpectralPreset& preset,
                       const std::function<void(const SpectralProgress&)>& progress, SpectralRunResult* result,
                       std::string* error) {
  SpectralOptimizer* optimizer = createSpectralOptimizer(context, setup, preset.params, error);
  if (!optimizer) return false;
  const Clock::time_point start = Clock::now();
  SpectralGuard guard;
  beginSpectralGuard(&guard, context, optimizer, preset);
  // Two phases so that the main phase's last loss is kept (weighted with its parameters).
  const bool finished = runPhase(context, optimizer, preset, &guard, preset.steps, start, progress,
                                 &result->finalLoss) &&
                        runPhase(context, optimizer, preset, &guard, spectralScheduleLength(preset), start, progress,
                                 &result->finetuneLoss);
  result->rollbacks = guard.rollbacks;
  result->finalLearningRate = preset.params.update.learningRate * guard.learningRateScale;
  result->seconds = secondsSince(start);
  result->steps = spectralStepCount(optimizer);
  if (finished) result->mask = readSpectralMask(optimizer);
  destroySpectralOptimizer(optimizer);
  if (!finished) *error = describeSpectralDivergence(guard.divergence);
  return finished;
}

}  // namespace specdither
