// The safeguard of a spectral run against divergence (docs/method.md §2.10), for the CLI's run in one go
// (runSpectralPreset) and the studio's frame-by-frame stepping alike. Each batch of steps starts with a
// checkpoint of the optimizer's state on the GPU (spectral_optimizer.h); at each loss read-back the batch is
// judged: a loss or mask with a non-finite value, a loss above jumpFactor times the last good one, or a loss
// above climbFactor times the start's (a descent that climbed well past the random mask it began from) rejects
// it, and the next batch first rolls back to the checkpoint and runs at half the step size. After maxRollbacks
// rejections the run gives up with a one-line diagnosis naming the step and the knob most likely at fault. A run
// that never trips it records exactly the steps it would record unguarded (same masks, bit for bit).
//
//   SpectralGuard guard;
//   beginSpectralGuard(&guard, context, optimizer, preset);          // the start's loss: the first reference
//   loop: submit recordGuardedScheduleSteps(cmd, optimizer, preset, &guard, batch, end);
//         switch (judgeSpectralBatch(&guard, optimizer)) ...           // after the fence
#pragma once

#include "specdither/api.h"
#include "specdither/spectral_optimizer.h"
#include "specdither/spectral_run.h"

#include <cstdint>
#include <string>

namespace specdither {

struct SpectralGuardSettings {
  double jumpFactor = 1e3;    // a read-back loss above this times the last good loss is rejected
  double climbFactor = 10;    // ... and one above this times the start's (the first steps may rise a little)
  uint32_t maxRollbacks = 8;  // rejections (each halving the step size) before the run gives up
};

enum class SpectralVerdict { Accepted, RolledBack, Diverged };

// A loss with the parameters that weighted its terms (the guard's references).
struct WeightedSpectralLoss {
  bool valid = false;
  SpectralLoss loss;
  SpectralLossParams params;
};

// The last rejected batch: what went wrong, where, and with which settings.
struct SpectralDivergence {
  uint64_t step = 0;          // steps done at the rejected read-back
  SpectralLoss loss;          // the rejected loss (non-finite, non-finite mask values, a jump or a climb)
  bool aboveStart = false;    // finite and no jump, but above climbFactor times the start's loss
  double reference = 0;       // the loss it jumped from, or the start's, weighted as the rejected loss is
  SpectralLossParams params;  // the run's own main-phase parameters (the step size before any halving)
  uint32_t rollbacks = 0;     // rollbacks done before this rejection
  float learningRate = 0;     // the step size the rejected batch ran at
};

struct SpectralGuard {
  SpectralGuardSettings settings;
  uint32_t rollbacks = 0;         // rejected batches rolled back so far
  float learningRateScale = 1;    // 0.5^rollbacks, applied to every step size of the schedule
  bool restorePending = false;    // the next recordGuardedScheduleSteps rolls back to the checkpoint first
  bool diverged = false;          // gave up: recordGuardedScheduleSteps records nothing more
  SpectralDivergence divergence;  // the last rejection (valid once rollbacks > 0 or diverged)
  // Internal: the references (the start's loss, the last accepted one) and the schedule last recorded.
  WeightedSpectralLoss start, lastGood;
  SpectralPreset preset;
};

// Starts guarding the optimizer's run of preset from where it stands (clears *guard, keeping its settings):
// measures the loss of the current mask, the start's, as the first reference (one submit; the mask, the
// moments and the step counter are untouched).
SPECDITHER_API void beginSpectralGuard(SpectralGuard* guard, GpuContext* context, SpectralOptimizer* optimizer,
                                       const SpectralPreset& preset);

// The step the optimizer stands at, counting a pending rollback as done (the checkpoint's step).
SPECDITHER_API uint64_t guardedStepCount(const SpectralGuard& guard, const SpectralOptimizer* optimizer);

// Records one batch: the pending rollback, else a checkpoint; then min(count, untilStep - guardedStepCount)
// steps of the schedule (recordSpectralScheduleSteps) with every step size scaled by learningRateScale. Returns
// the steps recorded: 0 once the guard gave up.
SPECDITHER_API uint32_t recordGuardedScheduleSteps(VkCommandBuffer cmd, SpectralOptimizer* optimizer,
                                                   const SpectralPreset& preset, SpectralGuard* guard, uint32_t count,
                                                   uint64_t untilStep);

// After the batch's submit completed: judges lastSpectralLoss. Accepted: it becomes the reference. RolledBack:
// the step size is halved and the next batch restarts from the checkpoint. Diverged: maxRollbacks were spent;
// guard->divergence says why (describeSpectralDivergence), and the checkpoint still holds the last good state
// (recordSpectralRestore brings it back).
SPECDITHER_API SpectralVerdict judgeSpectralBatch(SpectralGuard* guard, const SpectralOptimizer* optimizer);

// After the guard gave up: records the rollback to the last good state and lets the run go on (the rollback
// count and step-size scale start over, for settings the user has just changed).
SPECDITHER_API void recordReturnToLastGood(VkCommandBuffer cmd, SpectralOptimizer* optimizer, SpectralGuard* guard);

// How a diagnosis names the knobs: `specdither generate`'s options by default ("--lr 100"), or a UI's labels.
struct SpectralKnobNames {
  const char* learningRate = "--lr";
  const char* rule = "--optimizer";
  const char* ruleNames[3] = {"gd", "momentum", "adam"};  // by UpdateRule
  const char* weightUniformity = "--w-uniform";
  const char* weightHistogram = "--w-hist";
  const char* weightLowFrequency = "--w-low";
  const char* assign = " ";  // between a knob's name and its value
};

// One line: what happened at which step, and the knob most likely at fault with a value to try, e.g. "the loss
// became NaN at step 1,250 (8 rollbacks, step size down to 0.39): the step size (--lr 100) is too large for
// --optimizer gd; try --lr 0.7". The knob: the article's step with momentum or Adam, else whichever of the step
// size (against the rule's recommended step) and the three weights (against the preset's) is furthest above.
SPECDITHER_API std::string describeSpectralDivergence(const SpectralDivergence& divergence,
                                                      const SpectralKnobNames& names = SpectralKnobNames());

// The step size a rule is recommended at with the preset's weights (docs/method.md §2.10): gd 0.7 (the
// article's), momentum 0.2 at momentum 0.9 (scaled by (1 - momentum) / 0.1 for another), Adam 0.05.
SPECDITHER_API float recommendedLearningRate(const UpdateSettings& update);

}  // namespace specdither
