#include "specdither/temporal_metrics.h"

#include "specdither/mask_metrics.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numeric>
#include <stdexcept>

namespace specdither {

namespace {

// v = (mid-rank + 0.5) / N of every value, slice by slice (doubledMidRanks is per plane).
std::vector<double> analysedValues(const Mask& stack) {
  const std::vector<uint32_t> doubled = doubledMidRanks(stack);
  const double n = double(stack.shape.planeSize());
  std::vector<double> v(doubled.size());
  for (size_t i = 0; i < v.size(); ++i) v[i] = doubled[i] / (2 * n);
  return v;
}

// The 2D kernel wrapped onto the torus: (dx, dy, weight) with dx, dy in [0, W), [0, H).
struct Tap {
  uint32_t dx, dy;
  double weight;
};
std::vector<Tap> wrappedKernel(const MaskShape& shape, double sigma) {
  const std::vector<double> g = convergenceGaussian(sigma);
  const int r = int(g.size() / 2);
  std::vector<double> grid(shape.planeSize(), 0.0);
  for (int y = -r; y <= r; ++y)
    for (int x = -r; x <= r; ++x) {
      const uint32_t wx = uint32_t(((x % int(shape.width)) + int(shape.width)) % int(shape.width));
      const uint32_t wy = uint32_t(((y % int(shape.height)) + int(shape.height)) % int(shape.height));
      grid[size_t(wy) * shape.width + wx] += g[size_t(x + r)] * g[size_t(y + r)];
    }
  std::vector<Tap> taps;
  for (uint32_t y = 0; y < shape.height; ++y)
    for (uint32_t x = 0; x < shape.width; ++x)
      if (grid[size_t(y) * shape.width + x] != 0) taps.push_back({x, y, grid[size_t(y) * shape.width + x]});
  return taps;
}

double populationVariance(const std::vector<double>& x, double scale) {
  double sum = 0, squares = 0;
  for (double v : x) {
    sum += v;
    squares += v * v;
  }
  const double n = double(x.size()), mean = sum / n;
  return std::max(0.0, (squares / n - mean * mean)) * scale * scale;
}

// E(k), the EMA and the mean figures (method.md §8.4). The filtered frames F_k of level c + 1 are those of level c
// plus the kernel at the pixels whose value lies in [g_c, g_(c+1)): each pixel enters each slice's frame once, so
// all levels cost what one level would by direct filtering, plus the per-level EMA and variances.
void convergence(const Mask& stack, const std::vector<double>& v, const TemporalMetricsOptions& o,
                 TemporalMetrics* out) {
  const MaskShape& s = stack.shape;
  const uint32_t w = s.width, h = s.height, frames = s.slices;
  const size_t n = s.planeSize();
  const std::vector<Tap> taps = wrappedKernel(s, o.sigma);
  std::vector<std::vector<size_t>> order(frames);  // pixels of each slice by value
  for (uint32_t k = 0; k < frames; ++k) {
    order[k].resize(n);
    std::iota(order[k].begin(), order[k].end(), size_t(0));
    const double* vk = &v[k * n];
    std::stable_sort(order[k].begin(), order[k].end(), [&](size_t a, size_t b) { return vk[a] < vk[b]; });
  }
  std::vector<std::vector<double>> filtered(frames, std::vector<double>(n, 0.0));
  std::vector<size_t> entered(frames, 0);
  std::vector<double> emaSum(frames, 0.0), meanSum(frames, 0.0), ema(n), mean(n);
  const double alpha = o.emaAlpha;
  for (uint32_t c = 1; c < o.levels; ++c) {
    const double g = double(c) / o.levels;
    for (uint32_t k = 0; k < frames; ++k) {
      const double* vk = &v[k * n];
      std::vector<double>& f = filtered[k];
      for (; entered[k] < n && vk[order[k][entered[k]]] < g; ++entered[k]) {
        const size_t p = order[k][entered[k]];
        const uint32_t px = uint32_t(p % w), py = uint32_t(p / w);
        for (const Tap& t : taps) {
          const uint32_t x = px + t.dx >= w ? px + t.dx - w : px + t.dx;
          const uint32_t y = py + t.dy >= h ? py + t.dy - h : py + t.dy;
          f[size_t(y) * w + x] += t.weight;
        }
      }
    }
    ema = filtered[0];
    mean = filtered[0];
    emaSum[0] += populationVariance(ema, 1.0);
    meanSum[0] += populationVariance(mean, 1.0);
    for (uint32_t k = 1; k < frames; ++k) {
      const std::vector<double>& f = filtered[k];
      for (size_t i = 0; i < n; ++i) {
        ema[i] = alpha * f[i] + (1 - alpha) * ema[i];
        mean[i] += f[i];
      }
      emaSum[k] += populationVariance(ema, 1.0);
      meanSum[k] += populationVariance(mean, 1.0 / (k + 1));
    }
  }
  // White noise: independent frames, each of expected variance whiteFrameVariance; the EMA's weights are
  // (1 - alpha)^(k-1) for frame 1 and alpha (1 - alpha)^(k-j) for frame j > 1.
  const double white = whiteFrameVariance(s, o);
  double emaWeights = 1;  // sum of squared EMA weights after k frames
  for (uint32_t k = 0; k < frames; ++k) {
    if (k > 0) emaWeights = (1 - alpha) * (1 - alpha) * emaWeights + alpha * alpha;
    out->eaError.push_back(std::sqrt(emaSum[k] / o.levels));
    out->emaDb.push_back(10 * std::log10(emaSum[k] / (white * emaWeights)));
    out->meanDb.push_back(10 * std::log10(meanSum[k] / (white / (k + 1))));
  }
}

// Per-pixel temporal periodogram and largest gap (method.md §8.4).
void temporalSpread(const Mask& stack, const std::vector<double>& v, TemporalMetrics* out) {
  const size_t n = stack.shape.planeSize();
  const uint32_t frames = stack.shape.slices;
  const uint32_t half = frames / 2;
  std::vector<std::complex<double>> twiddle(frames);
  for (uint32_t j = 0; j < frames; ++j) twiddle[j] = std::polar(1.0, -2 * M_PI * j / frames);
  std::vector<double> power(half + 1, 0.0), column(frames);
  double gapSum = 0, valueSum = 0, valueSquares = 0;
  for (size_t p = 0; p < n; ++p) {
    for (uint32_t k = 0; k < frames; ++k) {
      column[k] = v[k * n + p];
      valueSum += column[k];
      valueSquares += column[k] * column[k];
    }
    for (uint32_t f = 0; f <= half; ++f) {
      std::complex<double> x = 0;
      for (uint32_t k = 0; k < frames; ++k) x += (column[k] - 0.5) * twiddle[(size_t(f) * k) % frames];
      power[f] += std::norm(x);
    }
    std::sort(column.begin(), column.end());
    double gap = column.front() + 1 - column.back();  // around the circle
    for (uint32_t k = 1; k < frames; ++k) gap = std::max(gap, column[k] - column[k - 1]);
    gapSum += gap * frames;
  }
  const double count = double(n) * frames;
  const double variance = valueSquares / count - (valueSum / count) * (valueSum / count);
  for (double& x : power) x /= double(n) * frames * variance;
  out->temporalPower = power;
  const uint32_t lowEnd = std::max(1u, frames / 8);
  double low = 0;
  for (uint32_t f = 1; f <= std::min(lowEnd, half); ++f) low += power[f];
  out->lowFrequencyTemporalPower = half >= 1 ? low / std::min(lowEnd, half) : 0.0;
  out->meanLargestGap = gapSum / double(n);
}

}  // namespace

std::vector<double> convergenceGaussian(double sigma) {
  const int r = int(std::floor(4 * sigma + 0.5));
  std::vector<double> g(size_t(2 * r + 1));
  double sum = 0;
  for (int x = -r; x <= r; ++x) sum += g[size_t(x + r)] = std::exp(-0.5 * x * x / (sigma * sigma));
  for (double& x : g) x /= sum;
  return g;
}

double whiteFrameVariance(const MaskShape& shape, const TemporalMetricsOptions& o) {
  double squares = 0;
  for (const Tap& t : wrappedKernel(shape, o.sigma)) squares += t.weight * t.weight;
  const double n = double(shape.planeSize());
  double levels = 0;
  for (uint32_t c = 1; c < o.levels; ++c) {
    const double g = double(c) / o.levels;
    levels += g * (1 - g);
  }
  // A uniformly random permutation per frame: exactly g N pixels on, so the variance over pixels of the filtered
  // pattern has expected value g (1 - g) (N sum G^2 - 1) / (N - 1).
  return levels * (n * squares - 1) / (n - 1);
}

TemporalMetrics computeTemporalMetrics(const Mask& stack, const TemporalMetricsOptions& o) {
  if (stack.values.empty() || stack.shape.channels != 1)
    throw std::invalid_argument("the temporal metrics take a non-empty single-channel stack, not " +
                                toString(stack.shape));
  TemporalMetrics out;
  out.shape = stack.shape;
  out.slicesArePermutations = isExactPermutation(stack);
  MetricsOptions sliceOptions;
  sliceOptions.hvsSigmas = o.sliceHvsSigmas;
  sliceOptions.rampLevels = {};
  out.meanSliceHvsDb.assign(o.sliceHvsSigmas.size(), 0.0);
  out.worstSliceHvsDb.assign(o.sliceHvsSigmas.size(), -INFINITY);
  for (uint32_t k = 0; k < stack.shape.slices; ++k) {
    const MaskMetrics m = computeMaskMetrics(maskSlice(stack, k), sliceOptions);
    std::vector<double> db;
    for (size_t j = 0; j < m.hvs.size(); ++j) {
      db.push_back(m.hvs[j].meanDb);
      out.meanSliceHvsDb[j] += m.hvs[j].meanDb / stack.shape.slices;
      out.worstSliceHvsDb[j] = std::max(out.worstSliceHvsDb[j], m.hvs[j].meanDb);
    }
    out.sliceHvsDb.push_back(db);
  }
  const std::vector<double> v = analysedValues(stack);
  convergence(stack, v, o, &out);
  temporalSpread(stack, v, &out);
  return out;
}

}  // namespace specdither
