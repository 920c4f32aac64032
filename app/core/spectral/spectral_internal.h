// Private to the core (not installed, not exported): the parts of the spectral optimizer and its schedule that
// only the core and its tests call.
#pragma once

#include "specdither/spectral_optimizer.h"
#include "specdither/spectral_run.h"

#include <cstdint>
#include <vector>

namespace specdither {

// Re-initializes the mask to (rand - 0.5) * 2 from the setup's seed (or the given seed), zeroes the optimizer
// moments and the step counter, and drops the checkpoint (below). Records into cmd.
void recordSpectralReset(VkCommandBuffer cmd, SpectralOptimizer* optimizer, uint64_t seed);

// Uploads a given mask as the starting point (setup time; one submit).
void setSpectralMask(SpectralOptimizer* optimizer, const std::vector<float>& values);

uint64_t spectralStepCount(const SpectralOptimizer* optimizer);

// The parameters of the last recorded step (or the last set): lastSpectralLoss weights its terms with them.
const SpectralLossParams& spectralLossParams(const SpectralOptimizer* optimizer);

// Whether the loss terms and the mask they were read with are all finite (docs/method.md §2.10).
bool spectralLossIsFinite(const SpectralLoss& loss);

// Records the loss of the current mask at the current step's parameters without a step (the mask and the step
// counter stay as they are); lastSpectralLoss reads it once the submit has completed (its step: the steps done).
void recordSpectralLossOfMask(VkCommandBuffer cmd, SpectralOptimizer* optimizer);

// A checkpoint of the run, kept on the GPU (docs/method.md §2.10): the mask, the update rule's moments and the
// step counters. recordSpectralCheckpoint records the copies (the buffers are made on first use: three more
// mask-sized buffers); recordSpectralRestore records the copies back and rewinds the step counters at once, so
// that the steps recorded after it continue from the checkpoint. Restoring without a checkpoint does nothing.
void recordSpectralCheckpoint(VkCommandBuffer cmd, SpectralOptimizer* optimizer);
void recordSpectralRestore(VkCommandBuffer cmd, SpectralOptimizer* optimizer);
// Steps done at the checkpoint (0 when none was taken).
uint64_t spectralCheckpointStep(const SpectralOptimizer* optimizer);

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
