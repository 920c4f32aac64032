#include "specdither/spectral_run.h"

#include <algorithm>
#include <chrono>

namespace specdither {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Runs `steps` steps in batches sized so that one batch takes about a quarter second (progress stays live,
// command buffers stay small), starting small because the first batch also pays pipeline warm-up.
SpectralLoss runPhase(GpuContext* context, SpectralOptimizer* optimizer, uint64_t steps, uint64_t doneBefore,
                      uint64_t total, Clock::time_point start,
                      const std::function<void(const SpectralProgress&)>& progress) {
  uint64_t batch = 16;
  uint64_t done = 0;
  SpectralLoss loss;
  while (done < steps) {
    const uint64_t count = std::min(batch, steps - done);
    const Clock::time_point batchStart = Clock::now();
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordSpectralSteps(cmd, optimizer, uint32_t(count)); });
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

bool runSpectralPreset(GpuContext* context, const SpectralSetup& setup, const SpectralPreset& preset,
                       const std::function<void(const SpectralProgress&)>& progress, SpectralRunResult* result,
                       std::string* error) {
  SpectralOptimizer* optimizer = createSpectralOptimizer(context, setup, preset.params, error);
  if (!optimizer) return false;
  const Clock::time_point start = Clock::now();
  const uint64_t total = uint64_t(preset.steps) + preset.finetuneSteps;
  result->finalLoss = runPhase(context, optimizer, preset.steps, 0, total, start, progress);
  // The article's finish: the histogram term alone (c1 = c3 = 0, c2 random), smaller steps.
  SpectralLossParams finetune = preset.params;
  finetune.weightUniformity = 0;
  finetune.weightLowFrequency = 0;
  finetune.update.learningRate = preset.finetuneLearningRate;
  setSpectralLossParams(optimizer, finetune);
  result->finetuneLoss = runPhase(context, optimizer, preset.finetuneSteps, preset.steps, total, start, progress);
  result->mask = readSpectralMask(optimizer);
  result->seconds = secondsSince(start);
  result->steps = spectralStepCount(optimizer);
  destroySpectralOptimizer(optimizer);
  return true;
}

}  // namespace specdither
