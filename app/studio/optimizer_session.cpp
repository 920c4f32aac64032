#include "optimizer_session.h"

#include "specdither/spectral_run.h"
#include "specdither/swap_preset.h"
#include "specdither/swap_schedule.h"

#include <algorithm>
#include <cmath>

namespace specdither::studio {

namespace {

constexpr size_t kHistoryLimit = 4096;

uint64_t scheduleLength(const StudioSettings& s) {
  if (usesSwapOptimizer(s.preset)) return s.swap.passes;
  return s.spectral.runSchedule ? spectralScheduleLength(spectralPresetOf(s.spectral)) : 0;
}

// What a spectral session runs: the preset's schedule, or (open-ended) every step on the knobs as they are.
SpectralPreset sessionPreset(const SpectralPresetSettings& sp) {
  if (sp.runSchedule) return spectralPresetOf(sp);
  SpectralPreset open;
  open.params = sp.loss;
  open.steps = 0;  // steps past the schedule run preset.params
  open.finetuneSteps = 0;
  return open;
}

// How the diagnosis of a diverged run names the knobs: as the Controls panel labels them.
SpectralKnobNames studioKnobNames() {
  SpectralKnobNames names;
  names.learningRate = "Step size";
  names.rule = "Rule";
  names.ruleNames[0] = "gradient descent";
  names.ruleNames[1] = "momentum";
  names.ruleNames[2] = "Adam";
  names.weightUniformity = "Uniformity a_U";
  names.weightHistogram = "Histogram a_H";
  names.weightLowFrequency = "Low freq. a_B";
  names.assign = " = ";
  return names;
}

// Versions never repeat across restarts, so a view can compare them with what it last drew.
uint64_t nextViewVersion() {
  static uint64_t version = 0;
  return ++version;
}

void clearMeasurements(OptimizerSession& s) {
  s.viewVersion = nextViewVersion();
  s.history.clear();
  s.historyStride = 1;
  s.framesSinceKept = 0;
  s.step = 0;
  s.finished = false;
  s.stepsThisFrame = 0;
  s.lastLoss = SpectralLoss();
  s.divergence.clear();
  s.stepsInWindow = 0;
  s.windowStart = std::chrono::steady_clock::now();
  // Another optimizer or size: last run's speed says nothing about this one (and would mislead the budget).
  s.stepsPerSecond = 0;
  s.gpuMsPerStep = 0;
}

}  // namespace

void stopSession(OptimizerSession& s) {
  destroySpectralOptimizer(s.spectral);
  destroySwapOptimizer(s.swap);
  s.spectral = nullptr;
  s.swap = nullptr;
}

bool startSession(OptimizerSession* s, GpuContext* context, const StudioSettings& settings, std::string* error) {
  stopSession(*s);
  s->context = context;
  StudioSettings resolved = settings;
  *error = checkMaskShape(settings.shape());
  if (error->empty()) *error = checkStudioStack(settings);
  if (!error->empty()) return false;
  if (!usesSwapOptimizer(settings.preset)) {
    SpectralSetup setup;
    setup.shape = settings.shape();
    setup.histogram = settings.spectral.histogram;
    setup.seed = settings.seed;
    s->spectral = createSpectralOptimizer(context, setup, settings.spectral.loss, error);
    if (!s->spectral) return false;
    beginSpectralGuard(&s->guard, context, s->spectral, sessionPreset(settings.spectral));
  } else {
    resolved.swap.seed = settings.seed;
    if (resolved.swap.passes == 0) resolved.swap.passes = defaultSwapPasses(settings.shape());
    s->swap = createSwapOptimizer(context, settings.shape(), resolved.swap, error);
    if (!s->swap) return false;
    s->awaitingStart = true;
  }
  static uint64_t tokens = 0;
  s->token = ++tokens;
  s->settings = resolved;
  s->totalSteps = scheduleLength(resolved);
  clearMeasurements(*s);
  return true;
}

void provideSwapStart(OptimizerSession& s, const std::vector<uint32_t>& ranks) {
  if (!s.swap || !s.awaitingStart) return;
  setSwapRanks(s.swap, ranks);
  s.swapSchedule = beginSwapSchedule(s.swap, s.settings.swap);
  s.awaitingStart = false;
  s.viewVersion = nextViewVersion();
}

bool updateSession(OptimizerSession& s, const StudioSettings& wanted, std::string* error) {
  if (needsRestart(s.settings, wanted)) return startSession(&s, s.context, wanted, error);
  StudioSettings next = wanted;
  next.swap.seed = s.settings.swap.seed;
  if (next.swap.passes == 0) next.swap.passes = s.settings.swap.passes;
  s.settings = next;
  if (s.spectral) setSpectralLossParams(s.spectral, next.spectral.loss);
  s.totalSteps = scheduleLength(next);
  // A longer schedule resumes a finished run; a shorter one ends it at the next collect.
  if (s.finished && (s.totalSteps == 0 || s.step < s.totalSteps)) s.finished = false;
  return true;
}

bool resetSession(OptimizerSession& s, std::string* error) {
  const bool playing = s.playing;
  const bool ok = startSession(&s, s.context, s.settings, error);
  s.playing = playing;
  return ok;
}

uint32_t planSessionSteps(const OptimizerSession& s) {
  if ((!s.spectral && !s.swap) || s.awaitingStart || !s.divergence.empty()) return 0;
  if (!s.playing || s.finished) return s.pendingSingleSteps;
  if (!s.settings.autoBudget) return std::max<uint32_t>(1, s.settings.stepsPerFrame);
  // Fit the steps into the target frame time: what the rest of the frame costs (UI, views, present) is the
  // measured frame time minus the steps' GPU time; the steps get the remainder, with 15% headroom. When the rest
  // alone already misses the target (a loaded machine), the steps still get a quarter of the frame, so the
  // optimizer slows down with the UI instead of stopping. Growth is limited to 2x per frame so that one noisy
  // measurement cannot make a frame very long.
  const double targetMs = 1000.0 / std::max(1.0f, s.settings.targetFps);
  if (s.gpuMsPerStep <= 0) return 1;
  const double overheadMs = std::max(0.0, s.frameMs - s.stepsThisFrame * s.gpuMsPerStep);
  const double budgetMs = std::max((targetMs - overheadMs) * 0.85, overheadMs * 0.25);
  const double fit = budgetMs / s.gpuMsPerStep;
  const double limit = 2.0 * std::max<uint32_t>(1, s.stepsThisFrame) + 1;
  return uint32_t(std::clamp(std::min(fit, limit), 1.0, 4096.0));
}

void prepareSessionFrame(OptimizerSession& s) {
  if (!s.swap || s.awaitingStart) return;
  prepareSwapBatch(s.swap, &s.swapSchedule, s.settings.swap);  // last frame's passes were submitted
}

void recordSessionSteps(VkCommandBuffer cmd, OptimizerSession& s, uint32_t steps) {
  s.stepsThisFrame = 0;
  s.pendingSingleSteps = 0;
  if ((!s.spectral && !s.swap) || s.awaitingStart) return;
  // A rejected frame's rollback is recorded first (even with no steps: paused right after it) and rewinds the
  // step count.
  const bool rollback = s.spectral && s.guard.restorePending;
  if (steps == 0 && !rollback) return;
  uint32_t recorded = 0;
  if (s.spectral) {
    // The core's schedule under its safeguard, the CLI's own; a frame stops at the schedule's end (single steps
    // go on past it).
    const SpectralPresetSettings& sp = s.settings.spectral;
    const uint64_t until = sp.runSchedule && s.step < s.totalSteps ? s.totalSteps : UINT64_MAX;
    recorded = recordGuardedScheduleSteps(cmd, s.spectral, sessionPreset(sp), &s.guard, steps, until);
    s.step = guardedStepCount(s.guard, s.spectral);
    if (rollback) s.viewVersion = nextViewVersion();
  } else {
    recorded = recordSwapBatch(cmd, s.swap, &s.swapSchedule, s.settings.swap, steps);
    s.step += recorded;
  }
  s.stepsThisFrame = recorded;
  if (recorded) s.viewVersion = nextViewVersion();  // the views read the mask (or the ranks) in place
}

void collectSessionFrame(OptimizerSession& s, double stepsGpuMs, double frameSeconds) {
  const double ms = frameSeconds * 1000.0;
  s.frameMs = s.frameMs <= 0 ? ms : 0.8 * s.frameMs + 0.2 * ms;
  if (stepsGpuMs >= 0 && s.stepsThisFrame > 0) {
    const double stepMs = stepsGpuMs / s.stepsThisFrame;
    s.gpuMsPerStep = s.gpuMsPerStep <= 0 ? stepMs : 0.7 * s.gpuMsPerStep + 0.3 * stepMs;
  }
  s.stepsInWindow += s.stepsThisFrame;
  const auto now = std::chrono::steady_clock::now();
  const double window = std::chrono::duration<double>(now - s.windowStart).count();
  if (window >= 0.5) {
    s.stepsPerSecond = s.stepsInWindow / window;
    s.stepsInWindow = 0;
    s.windowStart = now;
  }
  bool keep = s.stepsThisFrame > 0;
  if (keep && s.spectral) {
    const SpectralVerdict verdict = judgeSpectralBatch(&s.guard, s.spectral);
    keep = verdict == SpectralVerdict::Accepted;
    s.step = guardedStepCount(s.guard, s.spectral);
    if (verdict == SpectralVerdict::Diverged) {
      s.divergence = describeSpectralDivergence(s.guard.divergence, studioKnobNames());
      s.playing = false;
    }
  }
  if (keep) {
    HistoryPoint point;
    point.step = s.step;
    if (s.spectral) {
      s.lastLoss = lastSpectralLoss(s.spectral);
      point.values[0] = float(s.lastLoss.total);
      point.values[1] = float(s.lastLoss.uniformity);
      point.values[2] = float(s.lastLoss.histogram);
      point.values[3] = float(s.lastLoss.lowFrequency);
    } else {
      const SwapStats stats = takeSwapStats(s.swap);
      point.values[0] = s.swapSchedule.lastTemperature;
      point.values[1] = stats.proposed ? float(double(stats.accepted) / stats.proposed) : 0.0f;
      point.values[2] = stats.proposed ? float(double(stats.applied) / stats.proposed) : 0.0f;
    }
    if (++s.framesSinceKept >= s.historyStride) {
      s.framesSinceKept = 0;
      s.history.push_back(point);
      if (s.history.size() >= kHistoryLimit) {
        // Thin to every other point: the curve keeps the whole run at a coarser resolution.
        for (size_t i = 0; i < s.history.size() / 2; ++i) s.history[i] = s.history[2 * i + 1];
        s.history.resize(s.history.size() / 2);
        s.historyStride *= 2;
      }
    }
  }
  if (s.totalSteps && s.step >= s.totalSteps && !s.finished) {
    s.finished = true;
    s.playing = false;
  }
}

MaskSource sessionMaskSource(const OptimizerSession& s) {
  MaskSource m;
  m.width = s.settings.width;
  m.height = s.settings.height;
  m.slices = s.settings.slices;
  if (s.spectral) {
    // The article's mask lives in [-1, 1] (its histogram target is linspace(-1, 1, N)).
    m.buffer = &spectralMaskBuffer(s.spectral);
    m.scale = 0.5f;
    m.offset = 0.5f;
  } else if (s.swap) {
    m.buffer = &swapRanksBuffer(s.swap);
    m.ranks = true;
  }
  return m;
}

bool sessionMaskIsGood(const OptimizerSession& s) {
  return !s.spectral || (!s.guard.restorePending && s.divergence.empty());
}

void restoreLastGoodMask(OptimizerSession& s) {
  if (!s.spectral || s.divergence.empty()) return;
  submitAndWait(s.context, [&](VkCommandBuffer cmd) { recordReturnToLastGood(cmd, s.spectral, &s.guard); });
  s.step = guardedStepCount(s.guard, s.spectral);
  s.divergence.clear();
  s.finished = s.totalSteps && s.step >= s.totalSteps;
  s.viewVersion = nextViewVersion();
}

Mask readSessionMask(OptimizerSession& s) {
  if (s.spectral) {
    Mask raw = readSpectralMask(s.spectral);
    for (float v : raw.values)
      if (!std::isfinite(v)) return raw;  // its ranks would look like a mask: let writeMask refuse it
    return rankNormalized(raw);
  }
  if (s.swap) return readSwapMask(s.swap);
  return Mask();
}

std::vector<uint32_t> readSessionRanks(OptimizerSession& s) {
  if (s.spectral) return ranksOf(readSpectralMask(s.spectral));
  if (s.swap) return readSwapRanks(s.swap);
  return {};
}

}  // namespace specdither::studio
