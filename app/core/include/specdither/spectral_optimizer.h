// The blue-noise mask optimizer of Wronski (2020), "Optimizing blue noise dithering – backpropagation through
// Fourier transform and sorting", on the GPU. One step: forward R2C FFT of the mask (VkFFT), the spectral loss
// terms and their gradient in the frequency domain, inverse C2R FFT, an arg-sort of the mask (sort_algorithm.h:
// bitonic on GPUs, merge sort on CPU devices) for the histogram term with its gradient scattered back, random per-step
// term weights keyed by (seed, step), and the update (gradient descent / momentum / Adam). Everything is recorded into
// the caller's command buffer, so one submit carries any number of steps; loss terms are reduced on the GPU for the
// last step of each batch.
//
// The loss (docs/method.md §2), for an H x W mask m, N = H*W, s = |FFT2(m)| (unnormalized DFT):
//   B = sum_k w_k^2 s_k^2 / N,       w = max(c - u^2 - v^2, 0) / c, u, v = linspace(1, -1, .) on fftshift axes
//   U = (sum lap(s)^2 + sum gx(s)^2 + sum gy(s)^2) / N   (5-point Laplacian / 5, backward differences / 2)
//   H = sum_i (sort(m)_i - t_i)^2,   t = target quantiles (uniform: linspace(-1, 1, N))
//   L = a_U c1 U + a_H c2 H + a_B c3 B,  c ~ U(0,1) per step when random scaling is on, else c = 1.
#pragma once

#include "specdither/api.h"
#include "specdither/sort_algorithm.h"
#include "specdither/context.h"
#include "specdither/gpu_buffer.h"
#include "specdither/gradient_update.h"
#include "specdither/mask.h"

#include <cstdint>
#include <string>
#include <vector>

namespace specdither {

enum class HistogramShape : uint32_t { Uniform = 0, Triangular = 1, Gaussian = 2 };

// Knobs that may change between steps without restarting (the studio's sliders).
struct SpectralLossParams {
  float cutoff = 0.7f;              // c: the cone's squared radius, w = 0 from u^2 + v^2 = c on (u, v) in
                                    // Nyquist units (0.7: |f| = 0.84 Nyquist; docs/method.md §2.2)
  float weightUniformity = 0.01f;   // a_U
  float weightHistogram = 2.2f;     // a_H
  float weightLowFrequency = 0.1f;  // a_B
  bool randomTermScaling = true;    // the article's stochastic c1, c2, c3 ~ U(0,1)
  UpdateSettings update = {UpdateRule::GradientDescent, 0.7f};
};

// Fixed for an optimizer's life (changing them means a new optimizer).
struct SpectralSetup {
  MaskShape shape = {64, 64};  // 2D single-channel
  HistogramShape histogram = HistogramShape::Uniform;
  uint64_t seed = 1;
  SortAlgorithm sort = SortAlgorithm::Auto;  // the histogram term's arg-sort (sort_algorithm.h); results are identical
};

// Weighted loss terms (a_U U, a_H H, a_B B, with c = 1) and their sum, after step `step` (1-based).
struct SpectralLoss {
  uint64_t step = 0;
  double uniformity = 0;
  double histogram = 0;
  double lowFrequency = 0;
  double total = 0;
  // Pixels of the mask that are NaN or infinite once that step's update is done (counted on the GPU by the
  // pass that sums H, so only on the steps whose loss is read): with a finite total, the divergence check.
  uint32_t nonFiniteValues = 0;
};

struct SpectralOptimizer;

// 2D single-channel shapes that pass checkMaskShape (mask.h): 4 to 4096 per axis. Returns nullptr and sets
// *error (one line) for another shape.
SPECDITHER_API SpectralOptimizer* createSpectralOptimizer(GpuContext* context, const SpectralSetup& setup,
                                                          const SpectralLossParams& params, std::string* error);
SPECDITHER_API void destroySpectralOptimizer(SpectralOptimizer* optimizer);

// Takes effect from the next recorded step.
SPECDITHER_API void setSpectralLossParams(SpectralOptimizer* optimizer, const SpectralLossParams& params);

// Records `count` steps. The loss terms of the last of them are reduced on the GPU and copied to host-visible
// memory; read them with lastSpectralLoss once the submit has completed.
SPECDITHER_API void recordSpectralSteps(VkCommandBuffer cmd, SpectralOptimizer* optimizer, uint32_t count);
SPECDITHER_API SpectralLoss lastSpectralLoss(const SpectralOptimizer* optimizer);

// The current mask (downloads; one submit).
SPECDITHER_API Mask readSpectralMask(SpectralOptimizer* optimizer);
// The mask on the device (H*W floats, row-major), for views that draw it without a download.
SPECDITHER_API const GpuBuffer& spectralMaskBuffer(const SpectralOptimizer* optimizer);

// Whether the step of a mask of this shape runs faster on a CPU Vulkan device with every dispatch inline on
// the submitting thread (ContextOptions::inlineCpuDispatch): up to 128x128 pixels, where most of a step's ~10
// dispatches are one or a few workgroups and lavapipe's thread-pool hand-off costs more than the second core
// gives back. Measured on lavapipe, 2 cores (steps/s, inline vs pool): 16x16 13200 vs 2300, 64x64 2500 vs
// 1450, 128x128 590 vs 510-580, 192x192 175 vs 280.
SPECDITHER_API bool spectralStepPrefersInlineDispatch(const MaskShape& shape);

// The article's preset (docs/method.md §2.8): its loss weights, step 0.7, 100,000 steps, then 10 steps of the
// histogram term alone at step 0.1.
struct SpectralPreset {
  SpectralLossParams params;
  uint32_t steps = 100000;
  uint32_t finetuneSteps = 10;
  float finetuneLearningRate = 0.1f;
};
SPECDITHER_API SpectralPreset wronski2020Preset();

}  // namespace specdither
