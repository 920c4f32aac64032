// GPU implementation of the article's loss (see spectral_optimizer.h).
//
// Gradient through |FFT| (derived by hand; checked against finite differences in tests/test_spectral_loss):
// X_k = sum_p m_p e^{-i theta_kp}, s_k = |X_k|, g_k = dL/ds_k. Then
//   dL/dm_p = sum_k g_k Re(conj(X_k) e^{-i theta_kp}) / s_k = Re(IDFT_unnormalized(g X / s))_p,
// and Re(IDFT(A)) = IDFT of A's Hermitian part, (A_k + conj(A_{-k})) / 2 = (g_k + g_{-k}) / 2 * X_k / s_k,
// because X_{-k} = conj(X_k) for a real mask. That Hermitian G is what spectral_gradient.comp writes as a half
// spectrum, so one C2R inverse FFT yields the spectral part of the gradient.
#include "specdither/spectral_optimizer.h"

#include "sort/arg_sort.h"

#include "specdither/compute_kernel.h"
#include "specdither/fft_plan.h"
#include "gpu/random_hash.h"
#include "spectral_shared.h"
#include "spectral/spectral_internal.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace specdither {

struct SpectralOptimizer {
  GpuContext* context = nullptr;
  SpectralSetup setup;
  SpectralLossParams params;
  uint64_t step = 0;
  uint64_t lossStep = 0;

  GpuBuffer mask, spectralGradient, fullGradient, spectrum, gradientSpectrum, pairs, targets, spectralPartials,
      histogramPartials, loss;
  // The checkpoint (recordSpectralCheckpoint): copies of the mask and the moments, and the counters with them.
  GpuBuffer savedMask, savedFirstMoment, savedSecondMoment;
  bool hasCheckpoint = false;
  uint64_t savedStep = 0, savedLossStep = 0;
  uint32_t savedAdamStep = 0;
  FftPlan* forward = nullptr;  // mask -> spectrum
  FftPlan* inverse = nullptr;  // gradientSpectrum -> spectralGradient
  ComputeKernel init, reduce;
  // [0]: the pass of steps whose loss is not read; [1]: the same pass also summing the loss terms.
  ComputeKernel gradient[2];
  // The passes that end a step (shaders/histogram_term.glsl) by [FinishPass][variant], made on first use:
  // variants 0-2 update by that UpdateRule, 3 writes the full gradient instead.
  ComputeKernel finish[3][4];
  ArgSorter sorter;
  GradientUpdater updater;
};

namespace {

enum FinishPass : uint32_t {
  kMergeUpdate,          // the merge sort's last round, then each rank's pixel (steps whose loss is not read)
  kHistogramUpdate,      // a pass over the sorted pairs (after the bitonic sort)
  kHistogramUpdateLoss,  // the same, also summing H (steps whose loss is read)
};
constexpr uint32_t kWriteGradient = 3;

const ComputeKernel& finishKernel(SpectralOptimizer* o, FinishPass pass, uint32_t variant) {
  ComputeKernel& k = o->finish[pass][variant];
  if (!k.pipeline) {
    const char* names[] = {"merge_update", "histogram_update", "histogram_update_loss"};
    const uint32_t rule = variant == kWriteGradient ? 0 : variant, writeGradient = variant == kWriteGradient;
    const bool merge = pass == kMergeUpdate;  // no loss partials: bindings 0-6
    k = createSpecializedKernel(o->context, names[pass], merge ? 7 : 8,
                                merge ? sizeof(gpu::MergeUpdatePush) : sizeof(gpu::HistogramUpdatePush),
                                {rule, writeGradient}, merge ? SD_MERGE_THREADS : SD_SPECTRAL_GROUP);
  }
  return k;
}

uint32_t groupsOf(uint32_t threads, uint32_t group) { return (threads + group - 1) / group; }

// Invocations of the 2D spectral pass along ky: strips of SD_SPECTRAL_ROWS frequencies.
uint32_t stripsOf(uint32_t height) { return groupsOf(height, SD_SPECTRAL_ROWS); }

// Workgroups of the 2D spectral pass over the half spectrum (one partial loss sum each).
uint32_t gridGroups(const SpectralSetup& s) {
  return groupsOf(s.shape.width / 2 + 1, SD_GRID_X) * groupsOf(stripsOf(s.shape.height), SD_GRID_Y);
}

gpu::SpectralPush makePush(const SpectralOptimizer* o, uint64_t step) {
  gpu::SpectralPush p = {};
  p.width = o->setup.shape.width;
  p.height = o->setup.shape.height;
  p.seedLow = uint32_t(o->setup.seed);
  p.seedHigh = uint32_t(o->setup.seed >> 32);
  p.step = uint32_t(step);
  p.randomScaling = o->params.randomTermScaling ? 1 : 0;
  p.cutoff = o->params.cutoff;
  p.weightUniformity = o->params.weightUniformity;
  p.weightLowFrequency = o->params.weightLowFrequency;
  p.weightHistogram = o->params.weightHistogram;
  return p;
}

// One whole step (update true) or the full gradient into o->fullGradient without an update (false).
void recordStep(VkCommandBuffer cmd, SpectralOptimizer* o, bool computeLoss, bool update) {
  const uint32_t w = o->setup.shape.width, h = o->setup.shape.height, n = w * h;
  gpu::MergeUpdatePush push = {};
  push.histogram.spectral = makePush(o, o->step);
  if (update) push.histogram.update = nextUpdatePush(o->updater, o->params.update);
  const uint32_t variant = update ? uint32_t(o->params.update.rule) : kWriteGradient;
  recordComputeBarrier(cmd);  // the previous update (or reset/upload) wrote the mask -> FFT and sort read it
  recordFft(cmd, o->forward);
  recordComputeBarrier(cmd);  // spectrum written -> spectral gradient pass
  recordDispatch(cmd, o->gradient[computeLoss], {&o->spectrum, &o->gradientSpectrum, &o->spectralPartials},
                 push.histogram.spectral, w / 2 + 1, stripsOf(h));
  recordComputeBarrier(cmd);  // G written -> inverse FFT
  recordFft(cmd, o->inverse);
  GpuBuffer &pairs = o->pairs, &targets = o->targets, &mask = o->mask, &spectralGradient = o->spectralGradient;
  GpuBuffer &first = o->updater.firstMoment, &second = o->updater.secondMoment;
  if (o->sorter.algorithm == SortAlgorithm::Merge && !computeLoss) {
    push.merge = recordMergeArgSortUntilLastRound(cmd, o->sorter.merge, mask, pairs, n);
    recordComputeBarrier(cmd);  // spectral gradient and runs written -> last merge round, histogram term, update
    recordDispatch(cmd, finishKernel(o, kMergeUpdate, variant),
                   {&pairs, &targets, &spectralGradient, &mask, &first, &second, &o->fullGradient}, push,
                   mergeRoundInvocations(push.merge));
    return;
  }
  recordArgSort(cmd, o->sorter, mask, pairs, n);
  recordComputeBarrier(cmd);  // spectral gradient and sorted pairs written -> histogram term and update
  recordDispatch(cmd, finishKernel(o, computeLoss ? kHistogramUpdateLoss : kHistogramUpdate, variant),
                 {&pairs, &targets, &spectralGradient, &mask, &first, &second, &o->fullGradient, &o->histogramPartials},
                 push.histogram, n);
}

void recordLossReduction(VkCommandBuffer cmd, SpectralOptimizer* o) {
  const uint32_t n = uint32_t(o->setup.shape.planeSize());
  gpu::ReducePush push = {gridGroups(o->setup), groupsOf(n, SD_SPECTRAL_GROUP)};
  recordComputeBarrier(cmd);  // partial sums written -> reduction
  recordDispatch(cmd, o->reduce, {&o->spectralPartials, &o->histogramPartials, &o->loss}, push, SD_REDUCE_GROUP);
  recordHostReadBarrier(cmd);  // the loss record -> host read after the fence
}

}  // namespace

SpectralOptimizer* createSpectralOptimizer(GpuContext* c, const SpectralSetup& setup, const SpectralLossParams& params,
                                           std::string* error) {
  std::string refusal = check2DShape(setup.shape, "the spectral optimizer");
  if (refusal.empty()) refusal = checkMaskShape(setup.shape);
  if (!refusal.empty()) {
    *error = refusal;
    return nullptr;
  }
  SpectralOptimizer* o = new SpectralOptimizer();
  o->context = c;
  o->setup = setup;
  o->params = params;
  const uint32_t w = setup.shape.width, h = setup.shape.height, n = w * h;
  o->mask = createBuffer(c, fftRealBufferBytes(w, h), MemoryKind::DeviceLocal);
  o->spectralGradient = createBuffer(c, fftRealBufferBytes(w, h), MemoryKind::DeviceLocal);
  o->fullGradient = createBuffer(c, VkDeviceSize(n) * 4, MemoryKind::DeviceLocal);
  o->spectrum = createBuffer(c, halfSpectrumBytes(w, h), MemoryKind::DeviceLocal);
  o->gradientSpectrum = createBuffer(c, halfSpectrumBytes(w, h), MemoryKind::DeviceLocal);
  o->pairs = createBuffer(c, sortPairsBytes(n), MemoryKind::DeviceLocal);
  o->targets = createBuffer(c, VkDeviceSize(n) * 4, MemoryKind::DeviceLocal);
  o->spectralPartials = createBuffer(c, VkDeviceSize(gridGroups(setup)) * 8, MemoryKind::DeviceLocal);
  // Per workgroup: (H, non-finite pixels).
  o->histogramPartials = createBuffer(c, VkDeviceSize(groupsOf(n, SD_SPECTRAL_GROUP)) * 8, MemoryKind::DeviceLocal);
  o->loss = createBuffer(c, 16, MemoryKind::HostVisible);
  o->forward = createFftPlan(c, w, h, FftDirection::Forward, o->mask, o->spectrum, error);
  if (o->forward)
    o->inverse = createFftPlan(c, w, h, FftDirection::Inverse, o->spectralGradient, o->gradientSpectrum, error);
  if (!o->inverse) {
    destroySpectralOptimizer(o);
    return nullptr;
  }
  const uint32_t pushSize = sizeof(gpu::SpectralPush);
  o->init = createKernel(c, "spectral_init", 1, pushSize, SD_SPECTRAL_GROUP);
  o->sorter = createArgSorter(c, setup.sort);
  for (int loss = 0; loss < 2; ++loss)
    o->gradient[loss] = createKernel(c, loss ? "spectral_gradient_loss" : "spectral_gradient", 3, pushSize, SD_GRID_X,
                                     SD_GRID_Y);
  o->reduce = createKernel(c, "loss_reduce", 3, sizeof(gpu::ReducePush), SD_REDUCE_GROUP);
  o->updater = createGradientUpdater(c, n, false);
  std::vector<float> targets = histogramTargets(setup.histogram, n);
  uploadBuffer(c, o->targets, targets.data(), targets.size() * 4);
  submitAndWait(c, [&](VkCommandBuffer cmd) {
    // Clear what no pass writes before its first read: the padding of the FFT buffers is never read, but
    // keeping every byte defined makes runs bit-reproducible.
    recordFillBuffer(cmd, o->mask, 0);
    recordFillBuffer(cmd, o->spectralGradient, 0);
    recordComputeBarrier(cmd);
    recordSpectralReset(cmd, o, setup.seed);
  });
  return o;
}

void destroySpectralOptimizer(SpectralOptimizer* o) {
  if (!o) return;
  GpuContext* c = o->context;
  destroyFftPlan(o->forward);
  destroyFftPlan(o->inverse);
  for (ComputeKernel* k : {&o->init, &o->reduce, &o->gradient[0], &o->gradient[1]}) destroyKernel(c, *k);
  for (auto& variants : o->finish)
    for (ComputeKernel& k : variants) destroyKernel(c, k);
  destroyArgSorter(c, o->sorter);
  destroyGradientUpdater(c, o->updater);
  for (GpuBuffer* b : {&o->mask, &o->spectralGradient, &o->fullGradient, &o->spectrum, &o->gradientSpectrum, &o->pairs,
                       &o->targets, &o->spectralPartials, &o->histogramPartials, &o->loss, &o->savedMask,
                       &o->savedFirstMoment, &o->savedSecondMoment})
    destroyBuffer(c, *b);
  delete o;
}

void setSpectralLossParams(SpectralOptimizer* o, const SpectralLossParams& params) { o->params = params; }

const SpectralLossParams& spectralLossParams(const SpectralOptimizer* o) { return o->params; }

void recordSpectralReset(VkCommandBuffer cmd, SpectralOptimizer* o, uint64_t seed) {
  o->setup.seed = seed;
  o->step = 0;
  o->lossStep = 0;
  o->hasCheckpoint = false;  // a restore must not bring back the run before the reset
  gpu::SpectralPush push = makePush(o, 0);
  recordComputeBarrier(cmd);  // earlier passes may still read the mask
  recordDispatch(cmd, o->init, {&o->mask}, push, uint32_t(o->setup.shape.planeSize()));
  recordResetMoments(cmd, o->updater);
}

void setSpectralMask(SpectralOptimizer* o, const std::vector<float>& values) {
  uploadBuffer(o->context, o->mask, values.data(), values.size() * 4);
}

void recordSpectralSteps(VkCommandBuffer cmd, SpectralOptimizer* o, uint32_t count) {
  for (uint32_t i = 0; i < count; ++i) {
    const bool lossStep = i + 1 == count;  // the loss is read after the batch: only its last step sums it
    recordStep(cmd, o, lossStep, true);
    if (lossStep) {
      recordLossReduction(cmd, o);
      o->lossStep = o->step + 1;
    }
    ++o->step;
  }
}

SpectralLoss lastSpectralLoss(const SpectralOptimizer* o) {
  const float* raw = static_cast<const float*>(o->loss.mapped);
  const double n = double(o->setup.shape.planeSize());
  SpectralLoss l;
  l.step = o->lossStep;
  l.uniformity = o->params.weightUniformity * raw[0] / n;
  l.lowFrequency = o->params.weightLowFrequency * raw[1] / n;
  l.histogram = o->params.weightHistogram * raw[2];
  l.total = l.uniformity + l.lowFrequency + l.histogram;
  l.nonFiniteValues = uint32_t(raw[3]);
  return l;
}

bool spectralLossIsFinite(const SpectralLoss& l) {
  return l.nonFiniteValues == 0 && std::isfinite(l.uniformity) && std::isfinite(l.histogram) &&
         std::isfinite(l.lowFrequency) && std::isfinite(l.total);
}

void recordSpectralLossOfMask(VkCommandBuffer cmd, SpectralOptimizer* o) {
  recordStep(cmd, o, true, false);
  recordLossReduction(cmd, o);
  o->lossStep = o->step;
}

void recordSpectralCheckpoint(VkCommandBuffer cmd, SpectralOptimizer* o) {
  if (!o->savedMask.buffer) {
    o->savedMask = createBuffer(o->context, o->mask.size, MemoryKind::DeviceLocal);
    o->savedFirstMoment = createBuffer(o->context, o->updater.firstMoment.size, MemoryKind::DeviceLocal);
    o->savedSecondMoment = createBuffer(o->context, o->updater.secondMoment.size, MemoryKind::DeviceLocal);
  }
  recordComputeBarrier(cmd);  // the last step wrote the mask and moments -> copies read them
  recordCopyBuffer(cmd, o->mask, o->savedMask, o->mask.size);
  recordCopyBuffer(cmd, o->updater.firstMoment, o->savedFirstMoment, o->updater.firstMoment.size);
  recordCopyBuffer(cmd, o->updater.secondMoment, o->savedSecondMoment, o->updater.secondMoment.size);
  o->hasCheckpoint = true;
  o->savedStep = o->step;
  o->savedLossStep = o->lossStep;
  o->savedAdamStep = o->updater.adamStep;
}

void recordSpectralRestore(VkCommandBuffer cmd, SpectralOptimizer* o) {
  if (!o->hasCheckpoint) return;
  recordComputeBarrier(cmd);  // earlier passes may still read or write the mask and moments
  recordCopyBuffer(cmd, o->savedMask, o->mask, o->mask.size);
  recordCopyBuffer(cmd, o->savedFirstMoment, o->updater.firstMoment, o->updater.firstMoment.size);
  recordCopyBuffer(cmd, o->savedSecondMoment, o->updater.secondMoment, o->updater.secondMoment.size);
  recordComputeBarrier(cmd);  // restored -> the next passes (and the caller's views) read them
  o->step = o->savedStep;
  o->lossStep = o->savedLossStep;
  o->updater.adamStep = o->savedAdamStep;
}

uint64_t spectralCheckpointStep(const SpectralOptimizer* o) { return o->hasCheckpoint ? o->savedStep : 0; }

uint64_t spectralStepCount(const SpectralOptimizer* o) { return o->step; }

uint64_t spectralMemoryBytes(const SpectralOptimizer* o) {
  uint64_t bytes = o->updater.firstMoment.size + o->updater.secondMoment.size;
  for (const GpuBuffer* b : {&o->mask, &o->spectralGradient, &o->fullGradient, &o->spectrum, &o->gradientSpectrum,
                             &o->pairs, &o->targets, &o->spectralPartials, &o->histogramPartials, &o->loss,
                             &o->savedMask, &o->savedFirstMoment, &o->savedSecondMoment})
    bytes += b->size;
  return bytes;
}

bool spectralStepPrefersInlineDispatch(const MaskShape& shape) { return shape.valueCount() <= 128 * 128; }

Mask readSpectralMask(SpectralOptimizer* o) {
  Mask m;
  m.shape = o->setup.shape;
  m.values.resize(m.pixelCount());
  downloadBuffer(o->context, o->mask, m.values.data(), m.values.size() * 4);
  return m;
}

std::vector<float> readSpectralGradient(SpectralOptimizer* o) {
  submitAndWait(o->context, [&](VkCommandBuffer cmd) { recordSpectralLossOfMask(cmd, o); });
  std::vector<float> gradient(uint32_t(o->setup.shape.planeSize()));
  downloadBuffer(o->context, o->fullGradient, gradient.data(), gradient.size() * 4);
  return gradient;
}

const GpuBuffer& spectralMaskBuffer(const SpectralOptimizer* o) { return o->mask; }
SpectralPreset wronski2020Preset() { return SpectralPreset(); }

void spectralTermScales(uint64_t seed, uint64_t step, float scales[3]) {
  for (uint32_t j = 0; j < 3; ++j) scales[j] = uniform01(hashKey(seed, uint32_t(step), j));
}

namespace {

// Inverse of the standard normal CDF by Newton's method on erfc (double precision is plenty for targets).
double normalQuantile(double q) {
  double x = 0;
  for (int it = 0; it < 100; ++it) {
    const double cdf = 0.5 * std::erfc(-x / std::sqrt(2.0));
    const double pdf = std::exp(-0.5 * x * x) / std::sqrt(2 * M_PI);
    const double dx = (cdf - q) / std::max(pdf, 1e-300);
    x -= std::max(-1.0, std::min(1.0, dx));
    if (std::abs(dx) < 1e-14) break;
  }
  return x;
}

}  // namespace

std::vector<float> histogramTargets(HistogramShape shape, size_t count) {
  std::vector<float> t(count);
  for (size_t i = 0; i < count; ++i) {
    const double q = count > 1 ? double(i) / double(count - 1) : 0.5;  // linspace(0, 1, N)
    double x = 0;
    switch (shape) {
      case HistogramShape::Uniform:  // the article's linspace(-1, 1, N)
        x = 2 * q - 1;
        break;
      case HistogramShape::Triangular:  // density peaking at 0 on [-1, 1]: quantiles of the tent
        x = q < 0.5 ? -1 + std::sqrt(2 * q) : 1 - std::sqrt(2 * (1 - q));
        break;
      case HistogramShape::Gaussian: {  // N(0, 1/3^2) at mid-quantiles (the tails would be infinite)
        const double mid = (double(i) + 0.5) / double(count);
        x = normalQuantile(mid) / 3.0;
        break;
      }
    }
    t[i] = float(x);
  }
  return t;
}

}  // namespace specdither
