// docs/method.md §5 on the CPU. Real inputs go through the complex FFT two at a time (Z = a + i b, then
// A(k) = (Z(k) + conj Z(-k)) / 2, B(k) = (Z(k) - conj Z(-k)) / 2i), which halves the 15 threshold-pattern
// transforms; every other step is a pass over the N frequencies.
#include "specdither/mask_metrics.h"

#include "fft/cpu_fft.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace specdither {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using u128 = unsigned __int128;

// Signed frequency of bin k on an axis of n bins (numpy's fftfreq).
double signedFrequency(size_t k, size_t n) { return (k <= (n - 1) / 2 ? double(k) : double(k) - double(n)) / n; }

// The frequency of every bin, row-major: rho^2 as a double (for the Gaussian) and exactly, as the integer
// rho^2 W^2 H^2 = kx^2 H^2 + ky^2 W^2 (kx, ky signed). The definitions have sharp edges (the ring rounding, the
// leakage disc rho < f_g / 2) and on power-of-two masks whole rings sit exactly on them: at 64x64, rho = 1/8 is
// f_g / 2 of g = 1/16. Deciding those in integers makes the figures independent of rounding.
struct FrequencyGrid {
  size_t w = 0, h = 0;
  std::vector<double> rho2;
  std::vector<uint64_t> scaled;  // rho^2 W^2 H^2 <= W^2 H^2 / 2: fits 64 bits up to 4096 x 4096 and beyond

  FrequencyGrid(size_t width, size_t height) : w(width), h(height), rho2(width * height), scaled(width * height) {
    for (size_t y = 0; y < h; ++y) {
      const uint64_t ky = std::min(y, h - y);
      for (size_t x = 0; x < w; ++x) {
        const uint64_t kx = std::min(x, w - x);
        scaled[y * w + x] = kx * kx * h * h + ky * ky * w * w;
        rho2[y * w + x] = double(scaled[y * w + x]) / (double(w) * w * double(h) * h);
      }
    }
  }
  u128 scaleSquared() const { return u128(w) * w * h * h; }

  // nearbyint(rho * s), half to even, exactly: (rho s)^2 = scaled s^2 / (W^2 H^2).
  size_t ring(size_t i, size_t s) const {
    const u128 num = u128(scaled[i]) * s * s, den = scaleSquared();
    size_t r = size_t(std::sqrt(double(num) / double(den)));
    while (u128(r + 1) * (r + 1) * den <= num) ++r;
    while (r > 0 && u128(r) * r * den > num) --r;
    const u128 twice = 4 * num, half = u128(2 * r + 1) * (2 * r + 1) * den;  // compare rho s with r + 1/2
    if (twice != half) return twice < half ? r : r + 1;
    return r % 2 == 0 ? r : r + 1;
  }

  // 0 < rho < f_g / 2 with f_g = sqrt(min(gg, 1 - gg)), gg = ones / N: 4 N rho^2 < min(ones, N - ones).
  bool insideLeakageDisc(size_t i, size_t ones) const {
    const size_t n = w * h, minority = std::min(ones, n - ones);
    return scaled[i] > 0 && 4 * u128(n) * scaled[i] < u128(minority) * scaleSquared();
  }
};

// Index of the bin -k (toroidal).
size_t mirrorIndex(size_t i, size_t w, size_t h) {
  const size_t y = i / w, x = i % w;
  return ((h - y) % h) * w + (w - x) % w;
}

// Splits the spectrum of a + i b into |A|^2 and |B|^2.
void splitPowers(const std::vector<Complex>& z, size_t w, size_t h, std::vector<double>* powerA,
                 std::vector<double>* powerB) {
  const size_t n = w * h;
  powerA->resize(n);
  powerB->resize(n);
  for (size_t i = 0; i < n; ++i) {
    const Complex zk = z[i], zm = std::conj(z[mirrorIndex(i, w, h)]);
    (*powerA)[i] = std::norm((zk + zm) * 0.5);
    (*powerB)[i] = std::norm((zk - zm) * 0.5);
  }
}

double meanIgnoringNaN(const std::vector<double>& values) {
  double sum = 0;
  size_t count = 0;
  for (double v : values)
    if (!std::isnan(v)) sum += v, ++count;
  return count ? sum / double(count) : kNaN;
}

void computeSpectrum(const std::vector<double>& v, const FrequencyGrid& grid, MaskMetrics* m) {
  const size_t w = m->width, h = m->height, n = w * h;
  double mean = 0;
  for (double x : v) mean += x;
  mean /= double(n);
  double var = 0;
  for (double x : v) var += (x - mean) * (x - mean);
  var /= double(n);
  std::vector<Complex> z(n);
  for (size_t i = 0; i < n; ++i) z[i] = v[i] - mean;
  fft2d(z, w, h, false);
  m->periodogram.resize(n);
  for (size_t i = 0; i < n; ++i) m->periodogram[i] = var > 0 ? std::norm(z[i]) / (double(n) * var) : 0.0;

  // Rings (Ulichney's radially averaged power spectrum and anisotropy).
  const double scale = double(std::min(w, h));
  std::vector<size_t> ringOf(n);
  size_t rings = 0;
  for (size_t i = 0; i < n; ++i) {
    ringOf[i] = grid.ring(i, std::min(w, h));
    rings = std::max(rings, ringOf[i] + 1);
  }
  std::vector<double> sum(rings, 0.0), sumSq(rings, 0.0);
  m->ringCount.assign(rings, 0);
  for (size_t i = 0; i < n; ++i) {
    sum[ringOf[i]] += m->periodogram[i];
    sumSq[ringOf[i]] += m->periodogram[i] * m->periodogram[i];
    ++m->ringCount[ringOf[i]];
  }
  m->ringFrequency.resize(rings);
  m->radialPower.resize(rings);
  m->anisotropyDb.resize(rings);
  for (size_t r = 0; r < rings; ++r) {
    m->ringFrequency[r] = double(r) / scale;
    const double count = m->ringCount[r];
    if (!count) {
      m->radialPower[r] = m->anisotropyDb[r] = kNaN;
      continue;
    }
    const double mu = sum[r] / count;
    const double variance = std::max(0.0, sumSq[r] / count - mu * mu);
    m->radialPower[r] = mu;
    // A ring with (numerically) no power has no defined anisotropy.
    m->anisotropyDb[r] = mu > 1e-12 && variance > 0 ? 10 * std::log10(variance / (mu * mu)) : kNaN;
  }
  std::vector<double> inner;
  for (size_t r = 1; r <= size_t(scale) / 2 && r < rings; ++r) inner.push_back(m->anisotropyDb[r]);
  m->meanAnisotropyDb = meanIgnoringNaN(inner);
}

// Leakage and HVS error of one threshold pattern with `ones` 1s, from its power |DFT(b - gg)|^2.
void scoreLevel(const std::vector<double>& power, size_t ones, const FrequencyGrid& grid,
                const std::vector<std::vector<double>>& gaussSq, const std::vector<double>& gaussSqSum, size_t level,
                MaskMetrics* m) {
  const size_t n = power.size();
  const double gg = double(ones) / double(n);
  const double norm = double(n) * gg * (1 - gg);
  if (ones == 0 || ones == n) {  // an all-0 or all-1 pattern (tiny masks): nothing to measure
    m->levelLeakage[level] = kNaN;
    for (HvsFigure& f : m->hvs) f.levelDb[level] = kNaN;
    return;
  }
  double leak = 0;
  size_t leakCount = 0;
  for (size_t i = 1; i < n; ++i)
    if (grid.insideLeakageDisc(i, ones)) leak += power[i] / norm, ++leakCount;
  m->levelLeakage[level] = leakCount ? leak / double(leakCount) : kNaN;
  for (size_t s = 0; s < m->hvs.size(); ++s) {
    // MSE_g / (gg (1 - gg) S / N) = sum_k G^2 P_g / S with S = sum_{k != 0} G^2.
    double e = 0;
    for (size_t i = 0; i < n; ++i) e += gaussSq[s][i] * power[i];
    m->hvs[s].levelDb[level] = 10 * std::log10(e / norm / gaussSqSum[s]);
  }
}

// doubled: the mask's doubledMidRanks (2 r + 1 for a permutation), so v = doubled / 2N.
void computeThresholdFigures(const std::vector<uint32_t>& doubled, const FrequencyGrid& grid,
                             const MetricsOptions& options, MaskMetrics* m) {
  const size_t n = doubled.size();
  const size_t count = options.levelDivisions > 1 ? options.levelDivisions - 1 : 0;
  m->levels.resize(count);
  m->coverage.resize(count);
  m->levelLeakage.assign(count, kNaN);
  std::vector<std::vector<double>> gaussSq;
  std::vector<double> gaussSqSum;
  for (double sigma : options.hvsSigmas) {
    std::vector<double> g2(n);
    double s = 0;
    for (size_t i = 0; i < n; ++i) {
      g2[i] = std::exp(-4 * M_PI * M_PI * sigma * sigma * grid.rho2[i]);  // G^2
      if (i) s += g2[i];
    }
    gaussSq.push_back(std::move(g2));
    gaussSqSum.push_back(s);
    HvsFigure f;
    f.sigma = sigma;
    f.levelDb.assign(count, kNaN);
    m->hvs.push_back(f);
  }
  // b = [v < g] with v = c / 2N (c = 2 r + 1 for a permutation) and g = k / D: in integers, D c < 2 k N.
  const uint64_t divisions = options.levelDivisions;
  auto isOne = [&](size_t l, uint32_t c) { return divisions * uint64_t(c) < 2 * (l + 1) * uint64_t(n); };
  std::vector<size_t> ones(count, 0);
  for (size_t l = 0; l < count; ++l) {
    m->levels[l] = double(l + 1) / double(divisions);
    for (uint32_t c : doubled) ones[l] += isOne(l, c) ? 1 : 0;
    m->coverage[l] = double(ones[l]) / double(n);
  }
  auto centredPattern = [&](size_t l, size_t i) { return (isOne(l, doubled[i]) ? 1.0 : 0.0) - m->coverage[l]; };
  std::vector<Complex> z(n);
  std::vector<double> powerA, powerB;
  for (size_t l = 0; l < count; l += 2) {
    const bool pair = l + 1 < count;
    for (size_t i = 0; i < n; ++i) z[i] = Complex(centredPattern(l, i), pair ? centredPattern(l + 1, i) : 0.0);
    fft2d(z, m->width, m->height, false);
    splitPowers(z, m->width, m->height, &powerA, &powerB);
    scoreLevel(powerA, ones[l], grid, gaussSq, gaussSqSum, l, m);
    if (pair) scoreLevel(powerB, ones[l + 1], grid, gaussSq, gaussSqSum, l + 1, m);
  }
  m->lowFrequencyLeakage = meanIgnoringNaN(m->levelLeakage);
  for (HvsFigure& f : m->hvs) f.meanDb = meanIgnoringNaN(f.levelDb);
}

// Dithers a horizontal 0..1 ramp with the tiled mask to L levels and measures the blurred error.
void computeRamp(const std::vector<double>& v, const MetricsOptions& options, MaskMetrics* m) {
  const size_t w = m->width, h = m->height;
  const size_t rw = options.rampWidth ? options.rampWidth : 4 * w;
  m->rampWidth = uint32_t(rw);
  m->rampBlurSigma = options.rampBlurSigma;
  const size_t n = rw * h;
  // G is real and even, so blurring a + i b by one complex product blurs a and b separately.
  std::vector<double> gauss(n);
  for (size_t y = 0; y < h; ++y) {
    const double fy = signedFrequency(y, h);
    for (size_t x = 0; x < rw; ++x) {
      const double fx = signedFrequency(x, rw);
      gauss[y * rw + x] = std::exp(-2 * M_PI * M_PI * options.rampBlurSigma * options.rampBlurSigma *
                                   (fx * fx + fy * fy));
    }
  }
  auto ditherError = [&](int levels, size_t x, size_t y) {
    const double ramp = (double(x) + 0.5) / double(rw);
    const double steps = double(levels - 1);
    const double q = std::clamp(std::floor(ramp * steps + v[y * w + x % w]), 0.0, steps) / steps;
    return q - ramp;
  };
  std::vector<Complex> z(n);
  for (size_t p = 0; p < options.rampLevels.size(); p += 2) {
    const int la = options.rampLevels[p];
    const int lb = p + 1 < options.rampLevels.size() ? options.rampLevels[p + 1] : 0;
    for (size_t y = 0; y < h; ++y)
      for (size_t x = 0; x < rw; ++x) z[y * rw + x] = Complex(ditherError(la, x, y), lb ? ditherError(lb, x, y) : 0.0);
    fft2d(z, rw, h, false);
    for (size_t i = 0; i < n; ++i) z[i] *= gauss[i] / double(n);
    fft2d(z, rw, h, true);
    double sa = 0, sb = 0;
    for (const Complex& c : z) sa += c.real() * c.real(), sb += c.imag() * c.imag();
    m->ramp.push_back({la, std::sqrt(sa / double(n))});
    if (lb) m->ramp.push_back({lb, std::sqrt(sb / double(n))});
  }
}

void computeHistogram(const Mask& mask, MaskMetrics* m) {
  const size_t n = mask.pixelCount();
  std::vector<float> sorted = mask.values;
  std::sort(sorted.begin(), sorted.end());
  m->distinctValues = uint32_t(std::unique(sorted.begin(), sorted.end()) - sorted.begin());
  m->exactPermutation = m->distinctValues == n;
  std::vector<size_t> buckets(256, 0);
  for (float value : mask.values) {
    const double b = std::floor(double(value) * 256.0);
    ++buckets[size_t(std::clamp(b, 0.0, 255.0))];
  }
  const double expected = double(n) / 256.0;
  m->maxBucketDeviation = 0;
  for (size_t c : buckets) m->maxBucketDeviation = std::max(m->maxBucketDeviation, std::fabs(double(c) - expected));
}

}  // namespace

MaskMetrics computeMaskMetrics(const Mask& mask, const MetricsOptions& options) {
  require2DShape(mask.shape, "mask analysis");
  MaskMetrics m;
  m.width = mask.shape.width;
  m.height = mask.shape.height;
  const size_t w = mask.shape.width, h = mask.shape.height, n = mask.pixelCount();
  if (n == 0 || mask.values.size() != n) return m;
  // Mid-ranks (ties share their mean rank): the figures of a mask with repeated values, such as an 8-bit one,
  // do not depend on the order of its pixels. For a permutation, v = (rank + 0.5) / N bit for bit.
  const std::vector<uint32_t> doubled = doubledMidRanks(mask);
  std::vector<double> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = doubled[i] / (2.0 * double(n));
  const FrequencyGrid grid(w, h);
  computeSpectrum(v, grid, &m);
  computeThresholdFigures(doubled, grid, options, &m);
  computeRamp(v, options, &m);
  computeHistogram(mask, &m);
  return m;
}

std::vector<MetricFigure> metricSummary(const MaskMetrics& m) {
  std::vector<MetricFigure> out;
  char key[64], label[96];
  for (const HvsFigure& f : m.hvs) {
    std::snprintf(key, sizeof key, "hvs_db_sigma_%g", f.sigma);
    std::snprintf(label, sizeof label, "HVS error σ=%g (dB)", f.sigma);
    out.push_back({key, label, f.meanDb, 2});
  }
  out.push_back({"lf_leakage", "LF leakage", m.lowFrequencyLeakage, 3});
  for (const RampFigure& r : m.ramp) {
    std::snprintf(key, sizeof key, "ramp_rmse_%d_levels", r.levels);
    std::snprintf(label, sizeof label, "ramp RMSE, %d levels (σ=%g)", r.levels, m.rampBlurSigma);
    out.push_back({key, label, r.rmse, 4});
  }
  out.push_back({"anisotropy_db", "mean anisotropy (dB)", m.meanAnisotropyDb, 2});
  out.push_back({"distinct_values", "distinct values", double(m.distinctValues), 0});
  out.push_back({"max_bucket_deviation", "max 8-bit bucket deviation", m.maxBucketDeviation, 2});
  return out;
}

std::string formatFigure(const MetricFigure& figure) {
  if (std::isnan(figure.value)) return "n/a";
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", figure.decimals, figure.value);
  return text;
}

}  // namespace specdither
