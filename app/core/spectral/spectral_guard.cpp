// The divergence safeguard of spectral runs (see spectral_guard.h, docs/method.md §2.10).
#include "specdither/spectral_guard.h"
#include "spectral/spectral_internal.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace specdither {

namespace {

// A reference loss weighted as `now` weighs the terms: 0 (no comparison) when there is none, when a term that
// weighed 0 then (its value unknown) weighs something now, or when the cutoff (what B sums) changed; the
// studio's sliders and the schedule's finetune change the weights.
double referenceUnder(const WeightedSpectralLoss& reference, const SpectralLossParams& now) {
  if (!reference.valid || reference.params.cutoff != now.cutoff) return 0;
  const SpectralLoss& good = reference.loss;
  const SpectralLossParams& then = reference.params;
  double total = 0;
  const struct {
    double value;
    float then, now;
  } terms[] = {{good.uniformity, then.weightUniformity, now.weightUniformity},
               {good.histogram, then.weightHistogram, now.weightHistogram},
               {good.lowFrequency, then.weightLowFrequency, now.weightLowFrequency}};
  for (const auto& t : terms) {
    if (t.now == 0) continue;
    if (t.then == 0) return 0;
    total += t.value * (double(t.now) / double(t.then));
  }
  return total;
}

SpectralPreset scaledPreset(const SpectralPreset& preset, float scale) {
  SpectralPreset scaled = preset;
  scaled.params.update.learningRate *= scale;
  scaled.finetuneLearningRate *= scale;
  return scaled;
}

std::string withThousands(uint64_t value) {
  std::string digits = std::to_string(value), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// Figures to 3 digits; settings as given (%g); suggestions to 2 digits.
std::string number(double value, const char* format = "%.3g") {
  char text[32];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

std::string knob(const SpectralKnobNames& names, const char* name, double value) {
  return std::string(name) + names.assign + number(value, "%g");
}

std::string suggestion(const SpectralKnobNames& names, const char* name, double value) {
  return std::string(name) + names.assign + number(value, "%.2g");
}

// What happened, where.
std::string eventOf(const SpectralDivergence& d) {
  const SpectralLoss& l = d.loss;
  std::string what;
  if (std::isnan(l.total))
    what = "the loss became NaN";
  else if (std::isinf(l.total))
    what = "the loss became infinite";
  else if (l.nonFiniteValues > 0)
    what = "the mask got " + withThousands(l.nonFiniteValues) + " non-finite values";
  else if (d.aboveStart)
    what = "the loss climbed to " + number(l.total) + " from the random start's " + number(d.reference);
  else
    what = "the loss jumped from " + number(d.reference) + " to " + number(l.total);
  what += " at step " + withThousands(d.step);
  if (d.rollbacks > 0)
    what += " (" + std::to_string(d.rollbacks) + (d.rollbacks == 1 ? " rollback" : " rollbacks") +
            ", step size down to " + number(d.learningRate) + ")";
  return what;
}

// The knob most likely at fault, with a value to try.
std::string causeOf(const SpectralDivergence& d, const SpectralKnobNames& names) {
  const UpdateSettings& u = d.params.update;
  const SpectralLossParams defaults = wronski2020Preset().params;
  const float recommended = recommendedLearningRate(u);
  const std::string rule = std::string(names.rule) + names.assign + names.ruleNames[uint32_t(u.rule) % 3];
  const double stepFactor = u.learningRate / recommended;
  if (u.rule != UpdateRule::GradientDescent && u.learningRate == defaults.update.learningRate && stepFactor > 1)
    return "the step size (" + knob(names, names.learningRate, u.learningRate) + ", the article's for " +
           names.ruleNames[0] + ") is too large for " + rule + "; try " +
           suggestion(names, names.learningRate, recommended);
  const struct {
    const char* what;
    const char* name;
    float value, preset;
  } weights[] = {{"uniformity", names.weightUniformity, d.params.weightUniformity, defaults.weightUniformity},
                 {"histogram", names.weightHistogram, d.params.weightHistogram, defaults.weightHistogram},
                 {"low-frequency", names.weightLowFrequency, d.params.weightLowFrequency, defaults.weightLowFrequency}};
  int worst = -1;
  double worstFactor = stepFactor;
  for (int i = 0; i < 3; ++i) {
    const double factor = weights[i].value / weights[i].preset;
    if (factor > worstFactor) worst = i, worstFactor = factor;
  }
  if (worstFactor <= 1)
    return "these settings diverge even with the step size halved; try a smaller step, " +
           suggestion(names, names.learningRate, std::min(u.learningRate, d.learningRate) / 2);
  if (worst < 0)
    return "the step size (" + knob(names, names.learningRate, u.learningRate) + ") is too large for " + rule +
           "; try " + suggestion(names, names.learningRate, recommended);
  const auto& w = weights[worst];
  return std::string("the ") + w.what + " weight (" + knob(names, w.name, w.value) + ", " + number(worstFactor) +
         "x the preset's " + number(w.preset, "%g") + ") is too large for the step size (" +
         knob(names, names.learningRate, u.learningRate) + "); try " + suggestion(names, w.name, w.preset) + " or " +
         suggestion(names, names.learningRate, u.learningRate / worstFactor);
}

}  // namespace

void beginSpectralGuard(SpectralGuard* g, GpuContext* context, SpectralOptimizer* o, const SpectralPreset& preset) {
  const SpectralGuardSettings settings = g->settings;
  *g = SpectralGuard();
  g->settings = settings;
  g->preset = preset;
  setSpectralLossParams(o, spectralScheduleParams(preset, spectralStepCount(o)));
  submitAndWait(context, [&](VkCommandBuffer cmd) { recordSpectralLossOfMask(cmd, o); });
  // A start that is not finite is no reference: the batches are then judged on their own.
  g->start = {spectralLossIsFinite(lastSpectralLoss(o)), lastSpectralLoss(o), spectralLossParams(o)};
  g->lastGood = g->start;
}

uint64_t guardedStepCount(const SpectralGuard& g, const SpectralOptimizer* o) {
  return g.restorePending ? spectralCheckpointStep(o) : spectralStepCount(o);
}

uint32_t recordGuardedScheduleSteps(VkCommandBuffer cmd, SpectralOptimizer* o, const SpectralPreset& preset,
                                    SpectralGuard* g, uint32_t count, uint64_t untilStep) {
  if (g->diverged) return 0;
  if (g->restorePending) {
    recordSpectralRestore(cmd, o);
    g->restorePending = false;
  } else {
    recordSpectralCheckpoint(cmd, o);
  }
  g->preset = preset;
  const uint64_t at = spectralStepCount(o);
  const uint32_t steps = at < untilStep ? uint32_t(std::min<uint64_t>(count, untilStep - at)) : 0;
  recordSpectralScheduleSteps(cmd, o, scaledPreset(preset, g->learningRateScale), steps);
  return steps;
}

SpectralVerdict judgeSpectralBatch(SpectralGuard* g, const SpectralOptimizer* o) {
  const SpectralLoss loss = lastSpectralLoss(o);
  const SpectralLossParams& weights = spectralLossParams(o);
  const double lastGood = referenceUnder(g->lastGood, weights), start = referenceUnder(g->start, weights);
  const bool finite = spectralLossIsFinite(loss);
  const bool jumped = finite && lastGood > 0 && loss.total > g->settings.jumpFactor * lastGood;
  const bool aboveStart = finite && !jumped && start > 0 && loss.total > g->settings.climbFactor * start;
  if (finite && !jumped && !aboveStart) {
    g->lastGood = {true, loss, weights};
    return SpectralVerdict::Accepted;
  }
  SpectralDivergence& d = g->divergence;
  d.step = loss.step;
  d.loss = loss;
  d.aboveStart = aboveStart;
  d.reference = aboveStart ? start : lastGood;  // the message names the start's own loss
  d.params = g->preset.params;
  d.rollbacks = g->rollbacks;
  d.learningRate = g->preset.params.update.learningRate * g->learningRateScale;
  if (g->rollbacks >= g->settings.maxRollbacks) {
    g->diverged = true;
    return SpectralVerdict::Diverged;
  }
  ++g->rollbacks;
  g->learningRateScale *= 0.5f;
  g->restorePending = true;
  return SpectralVerdict::RolledBack;
}

void recordReturnToLastGood(VkCommandBuffer cmd, SpectralOptimizer* o, SpectralGuard* g) {
  recordSpectralRestore(cmd, o);
  g->restorePending = false;
  g->diverged = false;
  g->rollbacks = 0;
  g->learningRateScale = 1;
}

std::string describeSpectralDivergence(const SpectralDivergence& d, const SpectralKnobNames& names) {
  return eventOf(d) + ": " + causeOf(d, names);
}

float recommendedLearningRate(const UpdateSettings& u) {
  switch (u.rule) {
    case UpdateRule::GradientDescent: return wronski2020Preset().params.update.learningRate;
    case UpdateRule::Momentum:  // heavy ball: an effective step lr / (1 - momentum)
      return 0.2f * std::max(1.0f - u.momentum, 1e-3f) / 0.1f;
    case UpdateRule::Adam: return 0.05f;
  }
  return 0;
}

}  // namespace specdither
