// CPU work that must not stall the frame loop runs on one worker thread: the comparison masks (the baselines;
// void-and-cluster at 256x256 takes seconds) and the live quality figures of the mask (HVS error in dB, one FFT
// per level). The frame loop posts jobs and polls for results; nothing here touches Vulkan.
#pragma once

#include "specdither/baseline_masks.h"
#include "specdither/mask.h"
#include "specdither/swap_optimizer.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace specdither::studio {

struct BaselineResult {
  BaselineMethod method;
  uint32_t width = 0, height = 0;
  uint64_t seed = 1;
  Mask mask;  // empty with error set when the method refuses the size (Bayer: powers of two)
  std::string error;
  std::vector<double> hvsDb;  // HVS error at the quality sigmas, for the comparison figures
};

struct QualityResult {
  uint64_t step = 0;
  uint32_t width = 0, height = 0;
  std::vector<double> hvsDb;  // at qualitySigmas(); of a stack, the mean over its slices
  double seconds = 0;         // what the measurement cost (the caller spaces requests by it)
};

// The convergence of a stack shown (temporal_metrics.h, at 64 levels to keep the worker light), beside the
// golden-ratio animation of its slice 0 (what engines do with one 2D mask of that quality; stack_preset.h).
struct ConvergenceResult {
  uint64_t key = 0;                  // what the caller asked about
  std::vector<double> meanDb;        // mean of the first k frames, dB against white noise, k = 1 .. T
  std::vector<double> emaDb;         // EMA 0.1 after k frames
  std::vector<double> goldenMeanDb;  // the same of the golden-ratio animation (empty: not asked for)
  std::vector<double> goldenEmaDb;
};

// Measures it (CPU work; the worker's job, or the caller's where it must be deterministic); of a colour stack, its
// first channel's.
ConvergenceResult measureConvergence(uint64_t key, const Mask& stack, bool withGoldenReference);

struct SwapStartResult {
  uint64_t token = 0;           // identifies the session that asked
  std::vector<uint32_t> ranks;  // empty with error set on failure
  std::string error;
};

// The eye-model sigmas of the live figures (docs/method.md §5.5; the README reports 1 and 1.5).
const std::vector<double>& qualitySigmas();

class BackgroundJobs {
 public:
  BackgroundJobs();
  ~BackgroundJobs();  // finishes the job in progress, drops the queued ones

  void requestBaseline(BaselineMethod method, const MaskShape& shape, uint64_t seed);
  // Measures a mask given by its ranks. Only the newest request is kept (older ones are dropped).
  void requestQuality(uint64_t step, RankGrid grid);
  bool qualityBusy() const;
  // The start ranks of a swap run (swap_start.h).
  void requestSwapStart(uint64_t token, const MaskShape& shape, const SwapParams& params);

  // Measures a stack's convergence (queued behind the comparison masks; the caller spaces its requests).
  void requestConvergence(uint64_t key, Mask stack, bool withGoldenReference);
  std::vector<ConvergenceResult> takeConvergences();

  std::vector<BaselineResult> takeBaselines();
  std::optional<QualityResult> takeQuality();
  std::vector<SwapStartResult> takeSwapStarts();

 private:
  void run();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool qualityRunning_ = false;
  std::deque<std::function<void()>> baselineJobs_;
  std::function<void()> qualityJob_;
  std::vector<BaselineResult> baselines_;
  std::vector<SwapStartResult> swapStarts_;
  std::vector<ConvergenceResult> convergences_;
  std::optional<QualityResult> quality_;
  std::thread thread_;
};

}  // namespace specdither::studio
