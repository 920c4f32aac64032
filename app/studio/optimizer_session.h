// The optimizer the studio is running, whichever preset: creation and restarts, live parameter changes, the
// preset's schedule driven frame by frame (steps recorded into the frame's command buffer, never a blocking
// run), the per-frame step budget, GPU timing from timestamp queries, and the history the plots show.
#pragma once

#include "settings.h"
#include "studio_device.h"

#include "specdither/gpu_buffer.h"
#include "specdither/spectral_guard.h"
#include "specdither/swap_schedule.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace specdither::studio {

// One point of the loss curves per frame that ran steps. Spectral: the weighted terms and their sum. Swap:
// values[0] = temperature, [1] = accepted share, [2] = applied share of the proposals.
struct HistoryPoint {
  uint64_t step = 0;
  float values[4] = {0, 0, 0, 0};
};

struct OptimizerSession {
  GpuContext* context = nullptr;
  StudioSettings settings;  // what runs (live fields follow the UI)
  SpectralOptimizer* spectral = nullptr;
  SwapOptimizer* swap = nullptr;

  bool playing = true;
  uint32_t pendingSingleSteps = 0;  // the Step button
  bool finished = false;            // the preset's schedule completed (pauses)
  uint64_t step = 0;                // steps (spectral) or passes (swap) done
  uint64_t totalSteps = 0;          // of the schedule; 0 = open-ended

  // Swap start: computed on the worker thread (swap_start.h); no passes until it arrived.
  bool awaitingStart = false;
  uint64_t token = 0;  // unique per startSession, to match the worker's answer

  // Spectral runs: the core's divergence safeguard (spectral_guard.h), one batch per frame. When it gives up,
  // the run pauses and `divergence` says why, until restoreLastGoodMask (or a restart).
  SpectralGuard guard;
  std::string divergence;

  // Swap schedule state (mirrors runSwapSchedule in swap_preset.cpp, one batch per frame).
  SwapSchedule swapSchedule;  // where the swap run stands: passes, temperature unit s, last T

  // Changes whenever the mask the views read changes (steps recorded, ranks uploaded, a restart), so that the
  // views can skip their passes when nothing moved.
  uint64_t viewVersion = 0;

  // This frame.
  uint32_t stepsThisFrame = 0;

  // Measurements.
  double gpuMsPerStep = 0;  // smoothed, from timestamps
  double stepsPerSecond = 0;
  double frameMs = 0;  // smoothed wall time of a whole frame
  uint64_t stepsInWindow = 0;
  std::chrono::steady_clock::time_point windowStart;
  std::vector<HistoryPoint> history;
  uint32_t historyStride = 1;  // frames per kept point (doubles when the history is thinned)
  uint32_t framesSinceKept = 0;
  SpectralLoss lastLoss;
};

// Creates the optimizer for settings (destroying any previous one; the device must be idle). On a user-caused
// failure (size out of range, parameters the core refuses) returns false with *error and leaves no optimizer.
bool startSession(OptimizerSession* session, GpuContext* context, const StudioSettings& settings, std::string* error);
void stopSession(OptimizerSession& session);

// Hands a swap session its start ranks (swap_start.h): uploads them, balances the level weights, measures the
// temperature scale. Device idle.
void provideSwapStart(OptimizerSession& session, const std::vector<uint32_t>& ranks);

// Applies new settings: restarts when needsRestart says so (device idle), else updates the live parameters.
bool updateSession(OptimizerSession& session, const StudioSettings& wanted, std::string* error);

// Re-initializes the mask from the seed (restarts the schedule, clears the history). Device idle.
bool resetSession(OptimizerSession& session, std::string* error);

// Steps to record this frame: 0 when paused, finished (plus pending single steps) or diverged, else the budget:
// fixed, or fitted into the target frame time from the measured per-step GPU time and the rest of the frame.
uint32_t planSessionSteps(const OptimizerSession& session);

// Host-side schedule work due before this frame's steps (swap: level re-weighting, temperature scale; may
// submit and wait). Call after the previous frame completed.
void prepareSessionFrame(OptimizerSession& session);

// Records `steps` steps into the frame's command buffer.
void recordSessionSteps(VkCommandBuffer cmd, OptimizerSession& session, uint32_t steps);

// After the frame's fence: reads the loss / swap statistics, updates timings (stepsGpuMs: the steps' GPU time
// from timestamps, < 0 when unknown) and history. A spectral frame is judged by the safeguard: a rejected one
// adds no history and the next frame starts again from its start at half the step size; a diverged run pauses
// with `divergence` set.
void collectSessionFrame(OptimizerSession& session, double stepsGpuMs, double frameSeconds);

// The current mask as the views read it: a float buffer (spectral, values ~[-1, 1] mapped by scale/offset) or a
// rank buffer (swap, value = (rank + 0.5) / N).
struct MaskSource {
  const GpuBuffer* buffer = nullptr;
  bool ranks = false;
  float scale = 1, offset = 0;
  uint32_t width = 0, height = 0;
  uint32_t slices = 1;    // > 1: a spatiotemporal mask, `slices` planes of width x height (ranks per plane)
  uint32_t channels = 1;  // > 1: values per pixel, interleaved (mask.h's layout)
};
MaskSource sessionMaskSource(const OptimizerSession& session);

// Whether the mask in the buffers is one the run accepted: false while a rejected frame's mask waits for its
// rollback and after the run diverged (then it may hold NaN, or a loss orders of magnitude off).
bool sessionMaskIsGood(const OptimizerSession& session);

// After a divergence: back to the last mask the safeguard accepted, with its optimizer state; the run stays
// paused (change the knob named in `divergence`, then play). Device idle.
void restoreLastGoodMask(OptimizerSession& session);

// The current mask, finished for export (values (rank + 0.5) / N); a spectral mask holding a non-finite value
// comes back as it is, for writeMask to refuse. Downloads (one submit).
Mask readSessionMask(OptimizerSession& session);
// Its ranks (for the quality figures). Downloads (one submit).
std::vector<uint32_t> readSessionRanks(OptimizerSession& session);

}  // namespace specdither::studio
