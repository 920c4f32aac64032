#include "specdither/spectral_run.h"
#include "spectral/spectral_internal.h"

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace specdither {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Runs `steps` steps in batches sized so that one batch takes about a quarter second (progress stays live,
// command buffers stay small), starting small because the first batch also pays pipeline warm-up.
SpectralLoss runPhase(GpuContext* context, SpectralOptimizer* optimizer, const SpectralPreset& preset,
                      uint64_t steps, uint64_t doneBefore, uint64_t total, Clock::time_point start,
                      const std::function<void(const SpectralProgress&)>& progress) {
  uint64_t batch = 16;
  uint64_t done = 0;
  SpectralLoss loss;
  while (done < steps) {
    const uint64_t count = std::min(batch, steps - done);
    const Clock::time_point batchStart = Clock::now();
    submitAndWait(context,
                  [&](VkCommandBuffer cmd) { recordSpectralScheduleSteps(cmd, optimizer, preset, uint32_t(count)); });
    const double batchSeconds = secondsSince(batchStart);
    done += count;
    loss = lastSpectralLoss(optimizer);
    if (progress) progress({doneBefore + done, total, secondsSince(start), loss});
    const double perStep = batchSeconds / double(count);
    batch = std::clamp<uint64_t>(uint64_t(0.25 / std::max(perStep, 1e-7)), 1, 2000);
  }
  return loss;
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

uint64_t spectralScheduleLength(const SpectralPreset& preset) {
  return uint64_t(preset.steps) + preset.finetuneSteps;
}

void recordSpectralScheduleSteps(VkCommandBuffer cmd, SpectralOptimizer* optimizer, const SpectralPreset& preset,
                                 uint32_t count) {
  while (count > 0) {
    // The steps up to the next phase boundary share their parameters.
    const uint64_t step = spectralStepCount(optimizer);
    const uint64_t boundary = step < preset.steps                        ? preset.steps
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
  const uint64_t total = spectralScheduleLength(preset);
  // Two phases so that the main phase's last loss is kept (weighted with its parameters).
  result->finalLoss = runPhase(context, optimizer, preset, preset.steps, 0, total, start, progress);
  result->finetuneLoss =
      runPhase(context, optimizer, preset, preset.finetuneSteps, preset.steps, total, start, progress);
  result->mask = readSpectralMask(optimizer);
  result->seconds = secondsSince(start);
  result->steps = spectralStepCount(optimizer);
  destroySpectralOptimizer(optimizer);
  return true;
}

}  // namespace specdither
