// Timothy Lottes' high-pass-and-rank blue noise (described in his 2016 posts and in B. Wronski, "Dithering part
// two: golden ratio sequence, blue noise and highpass-and-remap", 2016): start from white noise, then repeat
//   v <- v - G_sigma * v      (a high-pass filter: remove the toroidal Gaussian blur)
//   v <- (rank(v) + 0.5) / N  (remap the histogram back to uniform)
// 32 rounds at sigma 1.0: measured at 64x64, the figures settle after ~8 rounds (HVS error -3.0 dB at sigma 1
// and 1.5, LF leakage 0.55) and stay there; sigma 0.5 diverges with many rounds (the high-pass then amplifies
// the checkerboard), sigma >= 2 converges more slowly to a similar level. It is a weak dither baseline (close
// to the article's loss, docs/method.md §2.9) because it shapes the continuous spectrum, not the thresholded
// patterns. The blur is done by the FFT (exp(-2 pi^2 sigma^2 rho^2) on the torus), so any W x H tiles.
#include "baselines/baseline_methods.h"

#include "fft/cpu_fft.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace specdither {

namespace {

constexpr int kRounds = 32;

double signedFrequency(size_t k, size_t n) { return (k <= (n - 1) / 2 ? double(k) : double(k) - double(n)) / n; }

}  // namespace

std::vector<uint32_t> lottesRanks(const MaskShape& shape, uint64_t seed, double sigma,
                                  const std::function<void(double)>& progress) {
  const size_t w = shape.width, h = shape.height, n = w * h;
  std::mt19937_64 rng(seed);
  std::vector<uint32_t> ranks = randomPermutation(n, rng);
  if (n == 1) return ranks;
  // 1 - G: the high-pass response, with the 1/N of the inverse transform folded in.
  std::vector<double> highPass(n);
  for (size_t y = 0; y < h; ++y)
    for (size_t x = 0; x < w; ++x) {
      const double fx = signedFrequency(x, w), fy = signedFrequency(y, h);
      highPass[y * w + x] = (1 - std::exp(-2 * M_PI * M_PI * sigma * sigma * (fx * fx + fy * fy))) / double(n);
    }
  std::vector<Complex> z(n);
  std::vector<uint32_t> order(n);
  for (int round = 0; round < kRounds; ++round) {
    for (size_t i = 0; i < n; ++i) z[i] = (ranks[i] + 0.5) / double(n);
    fft2d(z, w, h, false);
    for (size_t i = 0; i < n; ++i) z[i] *= highPass[i];
    fft2d(z, w, h, true);
    // Ranked in double (ties by index): float values this close would tie.
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      return z[a].real() < z[b].real() || (z[a].real() == z[b].real() && a < b);
    });
    for (size_t r = 0; r < n; ++r) ranks[order[r]] = uint32_t(r);
    if (progress) progress(double(round + 1) / kRounds);
  }
  return ranks;
}

}  // namespace specdither
