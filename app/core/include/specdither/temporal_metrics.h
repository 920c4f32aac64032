// The figures of merit of a spatiotemporal mask (a stack of T slices, slice `frame % T` used each frame), exactly
// as docs/method.md §8.4 defines them; CPU, double precision. A stack is good when every slice is a good 2D mask
// and the frames average out fast under the accumulation a renderer applies (TAA's exponential moving average,
// or a plain mean of k frames).
//
// Conventions (method.md §8.4): per slice, v = (mid-rank + 0.5) / N as the 2D analysis (§5.1); flat grays at the
// levels g_c = c / L, c = 1 .. L - 1, pattern b = [v < g] (an 8-bit mask then covers exactly c/256 of its pixels at
// L = 256); frame k (k = 1 .. T) is slice k - 1; the spatial filter is a Gaussian of std sigma pixels, sampled to
// a radius of floor(4 sigma + 0.5) pixels and normalized, applied toroidally (scipy's gaussian_filter, mode wrap,
// which EA's published figures use).
#pragma once

#include "specdither/api.h"
#include "specdither/mask.h"

#include <cstdint>
#include <vector>

namespace specdither {

struct TemporalMetricsOptions {
  double sigma = 1.3435;  // the spatial Gaussian of EA's E(k) (FAST, Donnelly et al. 2024)
  double emaAlpha = 0.1;  // TAA's exponential moving average
  uint32_t levels = 256;  // L
  std::vector<double> sliceHvsSigmas = {1.0, 1.5};
};

struct TemporalMetrics {
  MaskShape shape;
  bool slicesArePermutations = false;  // every slice holds N distinct values

  // Every slice's 2D HVS error (§5.5) at each of sliceHvsSigmas, dB against white noise: [slice][sigma], and the
  // mean and the worst (highest) over slices per sigma.
  std::vector<std::vector<double>> sliceHvsDb;
  std::vector<double> meanSliceHvsDb, worstSliceHvsDb;

  // Convergence, k = 1 .. T (index k - 1). A_k: the EMA of the filtered frames (A_1 = frame 1, A_k = alpha F_k +
  // (1 - alpha) A_(k-1)); M_k: their plain mean. Var: the variance over pixels.
  std::vector<double> eaError;  // E(k) = sqrt(sum_c Var(A_k at g_c) / L): EA's published figure
  std::vector<double> emaDb;    // 10 log10 of sum_c Var(A_k) over the same for white noise (expected value)
  std::vector<double> meanDb;   // the same for M_k

  // The temporal power spectrum: per pixel the DFT over the T frames of v - 1/2, |X_f|^2 averaged over pixels
  // and divided by T var(v) (white noise = 1), f = 0 .. T/2; and its mean over 1 <= f <= max(1, T/8).
  std::vector<double> temporalPower;
  double lowFrequencyTemporalPower = 0;
  // How evenly each pixel's T values spread: its largest circular gap between sorted values, times T (1 when
  // they sit exactly one per stratum of width 1/T; about ln T + 0.58 for white noise), mean over pixels.
  double meanLargestGap = 0;
};

// Measures a stack (slices >= 1, one channel; values in [0, 1]). Throws std::invalid_argument for channels or
// an empty mask (callers taking user input check first).
SPECDITHER_API TemporalMetrics computeTemporalMetrics(const Mask& stack, const TemporalMetricsOptions& options = {});

// The Gaussian of the convergence figures: 2 r + 1 taps, r = floor(4 sigma + 0.5), normalized to sum 1.
SPECDITHER_API std::vector<double> convergenceGaussian(double sigma);

// The expected value of sum_c Var over pixels of the filtered pattern of a white-noise frame (i.i.d. values):
// sum_c g_c (1 - g_c) (sum G^2 - 1/N), G the 2D kernel above wrapped onto the W x H torus.
SPECDITHER_API double whiteFrameVariance(const MaskShape& shape, const TemporalMetricsOptions& options);

}  // namespace specdither
