#include "background_jobs.h"

#include "specdither/stack_preset.h"
#include "specdither/temporal_metrics.h"

#include "specdither/hvs_levels.h"
#include "swap_start.h"

#include <chrono>
#include <cstdio>
#include <exception>

namespace specdither::studio {

const std::vector<double>& qualitySigmas() {
  static const std::vector<double> sigmas = {1.0, 1.5};
  return sigmas;
}

BackgroundJobs::BackgroundJobs() : thread_([this] { run(); }) {}

BackgroundJobs::~BackgroundJobs() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
    baselineJobs_.clear();
    qualityJob_ = nullptr;
  }
  wake_.notify_all();
  thread_.join();
}

void BackgroundJobs::requestBaseline(BaselineMethod method, const MaskShape& shape, uint64_t seed) {
  std::lock_guard<std::mutex> lock(mutex_);
  baselineJobs_.push_back([this, method, shape, seed] {
    BaselineResult r;
    r.method = method;
    r.width = shape.width;
    r.height = shape.height;
    r.seed = seed;
    r.mask = generateBaseline(method, shape, seed, 0.0, &r.error);
    if (!r.mask.values.empty()) r.hvsDb = hvsErrorDb({shape, ranksOf(r.mask)}, qualitySigmas());
    std::lock_guard<std::mutex> done(mutex_);
    baselines_.push_back(std::move(r));
  });
  wake_.notify_one();
}

void BackgroundJobs::requestSwapStart(uint64_t token, const MaskShape& shape, const SwapParams& params) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Ahead of the comparison masks: the optimizer waits for it.
  baselineJobs_.push_front([this, token, shape, params] {
    SwapStartResult r;
    r.token = token;
    r.ranks = chooseSwapStart(shape, params, &r.error);
    std::lock_guard<std::mutex> done(mutex_);
    swapStarts_.push_back(std::move(r));
  });
  wake_.notify_one();
}

ConvergenceResult measureConvergence(uint64_t key, const Mask& shown, bool withGoldenReference) {
  // A colour stack's figures are its first channel's, as the spectrum shows the first channel.
  const Mask stack = shown.shape.channels > 1 ? maskChannel(shown, 0) : shown;
  TemporalMetricsOptions options;
  options.levels = 64;
  options.sliceHvsSigmas = {};
  ConvergenceResult r;
  r.key = key;
  TemporalMetrics m = computeTemporalMetrics(stack, options);
  r.meanDb = std::move(m.meanDb);
  r.emaDb = std::move(m.emaDb);
  if (withGoldenReference) {
    m = computeTemporalMetrics(goldenRatioStack(maskSlice(stack, 0), stack.shape.slices), options);
    r.goldenMeanDb = std::move(m.meanDb);
    r.goldenEmaDb = std::move(m.emaDb);
  }
  return r;
}

void BackgroundJobs::requestConvergence(uint64_t key, Mask stack, bool withGoldenReference) {
  std::lock_guard<std::mutex> lock(mutex_);
  baselineJobs_.push_back([this, key, stack = std::move(stack), withGoldenReference] {
    ConvergenceResult r = measureConvergence(key, stack, withGoldenReference);
    std::lock_guard<std::mutex> done(mutex_);
    convergences_.push_back(std::move(r));
  });
  wake_.notify_one();
}

std::vector<ConvergenceResult> BackgroundJobs::takeConvergences() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<ConvergenceResult> out = std::move(convergences_);
  convergences_.clear();
  return out;
}

std::vector<SwapStartResult> BackgroundJobs::takeSwapStarts() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<SwapStartResult> out = std::move(swapStarts_);
  swapStarts_.clear();
  return out;
}

void BackgroundJobs::requestQuality(uint64_t step, RankGrid grid) {
  std::lock_guard<std::mutex> lock(mutex_);
  qualityJob_ = [this, step, grid = std::move(grid)] {
    const auto start = std::chrono::steady_clock::now();
    QualityResult r;
    r.step = step;
    r.width = grid.shape.width;
    r.height = grid.shape.height;
    // A stack's figure is its slices' mean (docs/method.md §8.4).
    const size_t plane = grid.shape.planeSize();
    const MaskShape planeShape = {grid.shape.width, grid.shape.height};
    for (uint32_t slice = 0; slice < grid.shape.slices; ++slice) {
      const RankGrid one = {planeShape, {grid.ranks.begin() + slice * plane, grid.ranks.begin() + (slice + 1) * plane}};
      const std::vector<double> db = hvsErrorDb(one, qualitySigmas());
      r.hvsDb.resize(db.size());
      for (size_t k = 0; k < db.size(); ++k) r.hvsDb[k] += db[k] / grid.shape.slices;
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::lock_guard<std::mutex> done(mutex_);
    quality_ = std::move(r);
  };
  wake_.notify_one();
}

bool BackgroundJobs::qualityBusy() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return qualityRunning_ || qualityJob_;
}

std::vector<BaselineResult> BackgroundJobs::takeBaselines() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<BaselineResult> out = std::move(baselines_);
  baselines_.clear();
  return out;
}

std::optional<QualityResult> BackgroundJobs::takeQuality() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::optional<QualityResult> out = std::move(quality_);
  quality_.reset();
  return out;
}

void BackgroundJobs::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stop_ || !baselineJobs_.empty() || qualityJob_; });
    if (stop_) return;
    std::function<void()> job;
    // Comparison masks first: the user is waiting for them to appear; quality figures refresh continually.
    if (!baselineJobs_.empty()) {
      job = std::move(baselineJobs_.front());
      baselineJobs_.pop_front();
    } else {
      job = std::move(qualityJob_);
      qualityJob_ = nullptr;
      qualityRunning_ = true;
    }
    lock.unlock();
    // A job that throws is a bug in what it was asked (e.g. a figure of a shape it does not take): one line, and
    // the worker goes on; an escaping exception would end the studio.
    try {
      job();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "specdither-studio: a background measurement failed: %s\n", e.what());
    }
    lock.lock();
    qualityRunning_ = false;
  }
}

}  // namespace specdither::studio
