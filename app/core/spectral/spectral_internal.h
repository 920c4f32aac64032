// Private to the core (not installed, not exported): the parts of the spectral optimizer and its schedule that
// only the core and its tests call.
#pragma once

#include "specdither/spectral_optimizer.h"
#include "specdither/spectral_run.h"

#include <cstdint>
#include <vector>

namespace specdither {

// Re-initializes the mask to (rand - 0.5) * 2 from the setup's seed (or the given seed), zeroes the optimizer
// moments and the step counter. Records into cmd.
void recordSpectralReset(VkCommandBuffer cmd, SpectralOptimizer* optimizer, uint64_t seed);

// Uploads a given mask as the starting point (setup time; one submit).
void setSpectralMask(SpectralOptimizer* optimizer, const std::vector<float>& values);

uint64_t spectralStepCount(const SpectralOptimizer* optimizer);

// Diagnostics for tests and views: the full gradient dL/dm (spectral + histogram part) of the current mask at
// the current step's term scales, without updating. Also refreshes lastSpectralLoss for the current mask.
std::vector<float> readSpectralGradient(SpectralOptimizer* optimizer);

// Device memory held by the optimizer's buffers (FFT plans' internal buffers excluded).
uint64_t spectralMemoryBytes(const SpectralOptimizer* optimizer);

// The random term weights (c1, c2, c3) of a step: the same hash on the GPU and here.
void spectralTermScales(uint64_t seed, uint64_t step, float scales[3]);

// Target values t_i (sorted ascending) for N pixels.
std::vector<float> histogramTargets(HistogramShape shape, size_t count);

// The loss parameters step `step` (0-based) of the preset's schedule runs with: steps [0, preset.steps) run
// preset.params; the next preset.finetuneSteps the article's finish, the histogram term alone (a_U = a_B = 0,
// c2 still random when random scaling is on) with the same update rule at preset.finetuneLearningRate; steps
// past the schedule run preset.params again (the studio's single steps after a finished run).
SpectralLossParams spectralScheduleParams(const SpectralPreset& preset, uint64_t step);

}  // namespace specdither
