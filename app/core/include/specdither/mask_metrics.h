// The figures of merit of a dither mask, exactly as docs/method.md §5 defines them. Everything is toroidal (the mask
// tiles) and computed on the CPU in double precision with FFTW: a 256x256 analysis takes a fraction of
// a second, 1024x1024 a few seconds.
//
// Conventions (method.md §5.1): v = (rank + 0.5) / N, ranks by value with tied values sharing their mean rank
// (mask.h's doubledMidRanks), so an 8-bit mask with repeated values is analysed on its values, not on an order
// of its pixels; ties stay whole in every threshold pattern. Frequencies
// fy = ky / H, fx = kx / W signed as numpy's fftfreq, rho = |f| in cycles per pixel. The eye model is a
// Gaussian of std sigma pixels: G_sigma(k) = exp(-2 pi^2 sigma^2 rho^2), its continuous Fourier transform.
//
// Choices the definitions leave open, fixed here:
// - Ring of a frequency: nearbyint(rho * min(H, W)) (round half to even, as numpy's round). This rounding
//   and the leakage disc (rho < f_g / 2) are decided exactly in integers: on power-of-two masks whole rings
//   fall exactly on their edges.
// - Mean anisotropy: the mean over rings 1 .. floor(min(H, W) / 2) of the per-ring anisotropy in dB, skipping
//   rings whose mean power is ~0 (periodic masks such as Bayer's leave whole rings empty).
// - HVS error of a sigma: the mean over the 15 levels of the per-level dB value.
// - LF leakage: mean over the levels that have at least one frequency with 0 < rho < f_g / 2.
// - Ramp: Wr x H pixels with Wr = 4 W (four tiles across), x = (i + 0.5) / Wr at column i, blurred
//   toroidally by G_sigma, sigma = 1.5 (in y the ramp is the mask repeated; in x the error is ~0 at both ends,
//   so wrapping adds nothing). Four tiles is what reproduces method.md §5.8's ramp column (e.g. Peters 16x16
//   0.019, 64x64 0.0162, Bayer 64x64 0.018); wider ramps flatten the size dependence.
// - 8-bit buckets: min(255, floor(value * 256)) of the raw (not rank-normalized) values, which must be in
//   [0, 1]; deviation = max |count - N / 256|.
#pragma once

#include "specdither/api.h"
#include "specdither/mask.h"

#include <string>
#include <vector>

namespace specdither {

struct MetricsOptions {
  std::vector<double> hvsSigmas = {1.0, 1.5, 2.0};
  double rampBlurSigma = 1.5;
  std::vector<int> rampLevels = {2, 4};
  uint32_t rampWidth = 0;        // 0: 4 W; otherwise should be a multiple of W (the ramp then tiles the mask)
  uint32_t levelDivisions = 16;  // threshold levels g = k / levelDivisions, k = 1 .. levelDivisions - 1
};

// HVS flat-gray error for one eye-model sigma.
struct HvsFigure {
  double sigma = 0;
  double meanDb = 0;            // mean of levelDb
  std::vector<double> levelDb;  // one per threshold level
};

struct RampFigure {
  int levels = 0;   // L
  double rmse = 0;  // RMSE of G_sigma * (y - x)
};

struct MaskMetrics {
  uint32_t width = 0, height = 0;

  // Periodogram P(k) = |DFT(v - mean)|^2 / (N var(v)), unshifted (index ky * W + kx); E[P] = 1 for white noise.
  std::vector<double> periodogram;
  // Radially averaged power spectrum: ring i holds the frequencies with nearbyint(rho * min(H, W)) = i.
  std::vector<double> ringFrequency;  // i / min(H, W), cycles per pixel
  std::vector<uint32_t> ringCount;    // frequencies in the ring
  std::vector<double> radialPower;    // mean P over the ring
  std::vector<double> anisotropyDb;   // 10 log10(var(P over ring) / mean^2); NaN where undefined
  double meanAnisotropyDb = 0;

  // Threshold patterns b = [v < g].
  std::vector<double> levels;        // g
  std::vector<double> coverage;      // gg = mean(b)
  std::vector<double> levelLeakage;  // mean P_g over 0 < rho < f_g / 2; NaN when that disc holds no frequency
  double lowFrequencyLeakage = 0;    // mean of levelLeakage (defined levels)
  std::vector<HvsFigure> hvs;        // one per MetricsOptions::hvsSigmas

  std::vector<RampFigure> ramp;  // one per MetricsOptions::rampLevels
  double rampBlurSigma = 0;
  uint32_t rampWidth = 0;

  // Histogram of the raw values.
  uint32_t distinctValues = 0;
  double maxBucketDeviation = 0;  // 8-bit buckets
  bool exactPermutation = false;  // N distinct values
};

// Computes every figure. The mask must be non-empty and 2D single-channel (throws std::invalid_argument, mask.h's
// require2DShape, for slices or channels: callers taking user input check2DShape first); values are expected in
// [0, 1] (only the histogram figures use them directly, everything else uses the ranks).
SPECDITHER_API MaskMetrics computeMaskMetrics(const Mask& mask, const MetricsOptions& options = {});

// A headline figure for tables (CLI, report, README): a stable key for JSON, a label for people.
struct MetricFigure {
  std::string key;    // e.g. "hvs_db_sigma_1.5"
  std::string label;  // e.g. "HVS error σ=1.5 (dB)"
  double value = 0;
  int decimals = 3;  // for printing
};

// The summary row of a mask: HVS error per sigma, LF leakage, ramp RMSE per L, mean anisotropy, histogram.
SPECDITHER_API std::vector<MetricFigure> metricSummary(const MaskMetrics& metrics);

// Formats a figure with its decimals ("-13.74", "0.2103", "4096").
SPECDITHER_API std::string formatFigure(const MetricFigure& figure);

}  // namespace specdither
