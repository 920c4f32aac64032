#include "specdither/spectral_benchmark.h"

#include "specdither/fft_plan.h"
#include "specdither/spectral_optimizer.h"
#include "spectral/spectral_reference.h"
#include "spectral/spectral_internal.h"

#include <algorithm>
#include <chrono>
#include <vector>

namespace specdither {

namespace {

using Clock = std::chrono::steady_clock;

// Calls run(batch) with growing batches until one takes minSeconds; returns items per second of that batch.
template <typename F>
double measureRate(double minSeconds, uint32_t firstBatch, F&& run, uint32_t* items) {
  uint32_t batch = firstBatch;
  for (;;) {
    const Clock::time_point start = Clock::now();
    run(batch);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (seconds >= minSeconds || batch >= (1u << 24)) {
      *items = batch;
      return double(batch) / seconds;
    }
    const double scale = seconds > 0 ? minSeconds / seconds * 1.2 : 16.0;
    batch = uint32_t(std::min<double>(double(batch) * std::clamp(scale, 2.0, 16.0), double(1u << 24)));
  }
}

template <typename F>
double secondsOf(F&& run, uint32_t batch) {
  const Clock::time_point start = Clock::now();
  run(batch);
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

SpectralBenchResult benchmarkSpectralStep(GpuContext* c, const MaskShape& shape, double minSeconds) {
  const uint32_t width = shape.width, height = shape.height;
  SpectralBenchResult r;
  r.shape = shape;
  SpectralSetup setup;
  setup.shape = shape;
  std::string error;
  SpectralOptimizer* opt = createSpectralOptimizer(c, setup, wronski2020Preset().params, &error);
  GpuBuffer real = createBuffer(c, fftRealBufferBytes(width, height), MemoryKind::DeviceLocal);
  GpuBuffer spectrum = createBuffer(c, halfSpectrumBytes(width, height), MemoryKind::DeviceLocal);
  GpuBuffer gradient = createBuffer(c, fftRealBufferBytes(width, height), MemoryKind::DeviceLocal);
  FftPlan* forward = createFftPlan(c, width, height, FftDirection::Forward, real, spectrum, &error);
  FftPlan* inverse = createFftPlan(c, width, height, FftDirection::Inverse, gradient, spectrum, &error);
  if (opt && forward && inverse) {
    r.gpuMemoryBytes = spectralMemoryBytes(opt);
    auto gpuSteps = [&](uint32_t n) {
      submitAndWait(c, [&](VkCommandBuffer cmd) { recordSpectralSteps(cmd, opt, n); });
    };
    auto fftPairs = [&](uint32_t n) {
      submitAndWait(c, [&](VkCommandBuffer cmd) {
        for (uint32_t i = 0; i < n; ++i) {
          recordComputeBarrier(cmd);
          recordFft(cmd, forward);
          recordComputeBarrier(cmd);
          recordFft(cmd, inverse);
        }
      });
    };
    submitAndWait(c, [&](VkCommandBuffer cmd) {
      recordFillBuffer(cmd, real, 0);
      recordFillBuffer(cmd, gradient, 0);
    });
    gpuSteps(2);  // warm-up: first use of every pipeline, VkFFT's descriptor rewrite
    fftPairs(2);
    // Steps and FFT pairs in alternating batches, the median batch of each: the step is compared with its
    // FFTs, and on a shared machine the load drifts over both alike.
    const int rounds = 9;
    uint32_t stepBatch = 0, pairBatch = 0;
    measureRate(minSeconds / rounds, 4, gpuSteps, &stepBatch);
    measureRate(minSeconds / rounds, 4, fftPairs, &pairBatch);
    std::vector<double> stepRates, pairRates, costs;
    for (int round = 0; round < rounds; ++round) {
      stepRates.push_back(stepBatch / secondsOf(gpuSteps, stepBatch));
      pairRates.push_back(pairBatch / secondsOf(fftPairs, pairBatch));
      costs.push_back(pairRates.back() / stepRates.back());
    }
    r.gpuStepsPerSecond = median(stepRates);
    r.gpuFftPairsPerSecond = median(pairRates);
    r.stepCostInFftPairs = median(costs);
    r.gpuSteps = stepBatch * rounds;
  }
  destroySpectralOptimizer(opt);
  destroyFftPlan(forward);
  destroyFftPlan(inverse);
  destroyBuffer(c, real);
  destroyBuffer(c, spectrum);
  destroyBuffer(c, gradient);

  CpuSpectralState state = cpuSpectralInit(setup);
  const SpectralLossParams params = wronski2020Preset().params;
  r.cpuStepsPerSecond = measureRate(
      minSeconds, 1,
      [&](uint32_t n) {
        for (uint32_t i = 0; i < n; ++i) cpuSpectralStep(state, params);
      },
      &r.cpuSteps);
  return r;
}

}  // namespace specdither
