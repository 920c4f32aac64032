// docs/method.md §5's figures (mask_metrics.h) against a direct double-precision computation of each definition:
// naive O(N^2) DFTs, literal formulas, no FFT and no shortcuts. Then statistical and known-mask checks (white
// noise ~0 dB and leakage ~1, Bayer strongly negative) and the peer masks against docs/method.md §5.8's table.
#include "specdither/baseline_masks.h"
#include "gpu_test.h"
#include "specdither/mask_io.h"
#include "specdither/mask_metrics.h"

#include <cmath>
#include <complex>
#include <map>
#include <random>
#include <set>

using namespace specdither;

namespace {

using C = std::complex<double>;

// X(ky, kx) = sum f(y, x) e^{-2 pi i (ky y / H + kx x / W)}, the literal DFT (sign +1 for the inverse).
std::vector<C> naiveDft(const std::vector<C>& f, size_t w, size_t h, double sign = -1) {
  std::vector<C> out(w * h);
  for (size_t ky = 0; ky < h; ++ky)
    for (size_t kx = 0; kx < w; ++kx) {
      C sum = 0;
      for (size_t y = 0; y < h; ++y)
        for (size_t x = 0; x < w; ++x) {
          const double phase = sign * 2 * M_PI * (double(ky * y % h) / h + double(kx * x % w) / w);
          sum += f[y * w + x] * C(std::cos(phase), std::sin(phase));
        }
      out[ky * w + kx] = sum;
    }
  return out;
}

double fftfreq(size_t k, size_t n) { return 2 * k < n ? double(k) / n : double(k) / n - 1.0; }

// Everything docs/method.md §5 defines, computed the slow, literal way.
struct Reference {
  std::vector<double> periodogram, radialPower, anisotropyDb, leakage;
  std::map<double, std::vector<double>> hvsDb;  // sigma -> per level
  double ramp2 = 0, ramp4 = 0;
  size_t distinct = 0;
  double bucketDeviation = 0;
};

// The definitions' sharp edges, decided exactly: on small power-of-two masks bins fall right on them (8x8:
// rho(1, 1) = sqrt(2) / 8 = f_g / 2 at g = 1/8). rho^2 W^2 H^2 = kx^2 H^2 + ky^2 W^2 is an integer.
long long scaledRho2(size_t i, size_t w, size_t h) {
  const long long kx = std::min(i % w, w - i % w), ky = std::min(i / w, h - i / w);
  return kx * kx * (long long)(h * h) + ky * ky * (long long)(w * w);
}

// round(rho * s), halves to even: the first r with rho s < r + 1/2, i.e. 4 (rho s)^2 < (2r + 1)^2.
int exactRing(size_t i, size_t w, size_t h, size_t s) {
  const long long num = 4 * scaledRho2(i, w, h) * (long long)(s * s), den = (long long)(w * w * h * h);
  for (int r = 0;; ++r) {
    const long long edge = (2LL * r + 1) * (2LL * r + 1) * den;
    if (num < edge) return r;
    if (num == edge) return r % 2 == 0 ? r : r + 1;
  }
}

Reference reference(const Mask& mask) {
  const size_t w = mask.shape.width, h = mask.shape.height, n = w * h;
  Reference ref;
  // Mid-rank by counting: the values below, plus half of the other values equal to this one.
  std::vector<double> v(n);
  for (size_t i = 0; i < n; ++i) {
    double rank = 0;
    for (size_t j = 0; j < n; ++j)
      if (mask.values[j] < mask.values[i])
        rank += 1;
      else if (mask.values[j] == mask.values[i] && j != i)
        rank += 0.5;
    v[i] = (rank + 0.5) / n;
  }
  auto rho = [&](size_t i) { return std::hypot(fftfreq(i % w, w), fftfreq(i / w, h)); };

  double mean = 0, var = 0;
  for (double x : v) mean += x / n;
  for (double x : v) var += (x - mean) * (x - mean) / n;
  std::vector<C> centred(n);
  for (size_t i = 0; i < n; ++i) centred[i] = v[i] - mean;
  const std::vector<C> spectrum = naiveDft(centred, w, h);
  for (size_t i = 0; i < n; ++i) ref.periodogram.push_back(std::norm(spectrum[i]) / (n * var));

  std::map<int, std::vector<double>> rings;
  for (size_t i = 0; i < n; ++i) rings[exactRing(i, w, h, std::min(w, h))].push_back(ref.periodogram[i]);
  for (int r = 0; r <= rings.rbegin()->first; ++r) {
    const std::vector<double>& ring = rings[r];
    double mu = 0, m2 = 0;
    for (double p : ring) mu += p / ring.size();
    for (double p : ring) m2 += (p - mu) * (p - mu) / ring.size();
    ref.radialPower.push_back(mu);
    ref.anisotropyDb.push_back(mu > 1e-12 && m2 > 0 ? 10 * std::log10(m2 / (mu * mu)) : NAN);
  }

  for (int k = 1; k <= 15; ++k) {
    const double g = k / 16.0;
    std::vector<double> b(n);
    double gg = 0;
    for (size_t i = 0; i < n; ++i) gg += (b[i] = v[i] < g ? 1.0 : 0.0) / n;
    std::vector<C> e(n);
    for (size_t i = 0; i < n; ++i) e[i] = b[i] - gg;
    const std::vector<C> E = naiveDft(e, w, h);
    // 0 < rho < f_g / 2, f_g = sqrt(min(gg, 1 - gg)), gg = ones / N:  4 N rho^2 < min(ones, N - ones).
    const long long ones = std::llround(gg * n), minority = std::min<long long>(ones, n - ones);
    double leak = 0;
    int count = 0;
    for (size_t i = 0; i < n; ++i) {
      const long long r2 = scaledRho2(i, w, h);
      if (r2 > 0 && 4 * (long long)n * r2 < minority * (long long)(w * w * h * h))
        leak += std::norm(E[i]) / (n * gg * (1 - gg)), ++count;
    }
    ref.leakage.push_back(count ? leak / count : NAN);
    for (double sigma : {1.0, 1.5, 2.0}) {
      double mse = 0, gsum = 0;
      for (size_t i = 0; i < n; ++i) {
        const double G = std::exp(-2 * M_PI * M_PI * sigma * sigma * rho(i) * rho(i));
        mse += std::norm(G * E[i]) / (double(n) * n);
        if (i) gsum += G * G;
      }
      ref.hvsDb[sigma].push_back(10 * std::log10(mse / (gg * (1 - gg) * gsum / n)));
    }
  }

  // Ramp: 4 W x H, x = (i + 0.5) / (4 W), tiled mask, blurred by G_1.5 through the literal DFT and inverse.
  const size_t rw = 4 * w, rn = rw * h;
  for (int levels : {2, 4}) {
    std::vector<C> err(rn);
    for (size_t y = 0; y < h; ++y)
      for (size_t x = 0; x < rw; ++x) {
        const double ramp = (x + 0.5) / rw;
        const double q = std::clamp(std::floor(ramp * (levels - 1) + v[y * w + x % w]), 0.0, levels - 1.0);
        err[y * rw + x] = q / (levels - 1) - ramp;
      }
    std::vector<C> E = naiveDft(err, rw, h);
    for (size_t i = 0; i < rn; ++i) {
      const double r2 = std::pow(fftfreq(i % rw, rw), 2) + std::pow(fftfreq(i / rw, h), 2);
      E[i] *= std::exp(-2 * M_PI * M_PI * 1.5 * 1.5 * r2);
    }
    const std::vector<C> blurred = naiveDft(E, rw, h, +1);
    double sum = 0;
    for (const C& c : blurred) sum += std::pow(c.real() / rn, 2);
    (levels == 2 ? ref.ramp2 : ref.ramp4) = std::sqrt(sum / rn);
  }

  ref.distinct = std::set<float>(mask.values.begin(), mask.values.end()).size();
  std::vector<int> buckets(256, 0);
  for (float x : mask.values) ++buckets[std::min(255, int(std::floor(double(x) * 256)))];
  for (int c : buckets) ref.bucketDeviation = std::max(ref.bucketDeviation, std::fabs(c - n / 256.0));
  return ref;
}

// Random values; quantized to `steps` levels when steps > 0 (ties exercise the mid-ranks).
Mask randomMask(uint32_t w, uint32_t h, uint32_t seed, int steps = 0) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  Mask m;
  m.shape = {w, h};
  for (size_t i = 0; i < size_t(w) * h; ++i) {
    double x = u(rng);
    if (steps) x = std::floor(x * steps) / steps;
    m.values.push_back(float(x));
  }
  return m;
}

void expectNear(double actual, double expected, double tolerance, const std::string& what) {
  if (std::isnan(expected)) {
    EXPECT_TRUE(std::isnan(actual)) << what;
    return;
  }
  EXPECT_NEAR(actual, expected, tolerance * std::max(1.0, std::fabs(expected))) << what;
}

struct SmallCase {
  uint32_t width, height, seed;
  int steps;
};

void PrintTo(const SmallCase& c, std::ostream* os) {
  *os << c.width << "x" << c.height << " seed " << c.seed << (c.steps ? " quantized" : "");
}

class MetricsVsDirect : public ::testing::TestWithParam<SmallCase> {};

TEST_P(MetricsVsDirect, EveryFigureMatchesTheDefinition) {
  const SmallCase c = GetParam();
  const Mask mask = randomMask(c.width, c.height, c.seed, c.steps);
  const MaskMetrics m = computeMaskMetrics(mask);
  const Reference ref = reference(mask);
  const double tol = 1e-9;
  ASSERT_EQ(m.periodogram.size(), ref.periodogram.size());
  for (size_t i = 0; i < ref.periodogram.size(); ++i) expectNear(m.periodogram[i], ref.periodogram[i], tol, "P");
  ASSERT_EQ(m.radialPower.size(), ref.radialPower.size());
  for (size_t r = 0; r < ref.radialPower.size(); ++r) {
    expectNear(m.radialPower[r], ref.radialPower[r], tol, "ring " + std::to_string(r));
    expectNear(m.anisotropyDb[r], ref.anisotropyDb[r], 1e-7, "anisotropy ring " + std::to_string(r));
  }
  ASSERT_EQ(m.levelLeakage.size(), 15u);
  double leakMean = 0;
  int defined = 0;
  for (size_t l = 0; l < 15; ++l) {
    expectNear(m.levelLeakage[l], ref.leakage[l], tol, "leakage level " + std::to_string(l));
    if (!std::isnan(ref.leakage[l])) leakMean += ref.leakage[l], ++defined;
  }
  expectNear(m.lowFrequencyLeakage, leakMean / defined, tol, "mean leakage");
  ASSERT_EQ(m.hvs.size(), 3u);
  for (const HvsFigure& f : m.hvs) {
    const std::vector<double>& levels = ref.hvsDb.at(f.sigma);
    double mean = 0;
    for (size_t l = 0; l < 15; ++l) {
      expectNear(f.levelDb[l], levels[l], tol, "HVS sigma " + std::to_string(f.sigma));
      mean += levels[l] / 15;
    }
    expectNear(f.meanDb, mean, tol, "HVS mean");
  }
  ASSERT_EQ(m.ramp.size(), 2u);
  EXPECT_EQ(m.ramp[0].levels, 2);
  EXPECT_EQ(m.ramp[1].levels, 4);
  expectNear(m.ramp[0].rmse, ref.ramp2, tol, "ramp 2 levels");
  expectNear(m.ramp[1].rmse, ref.ramp4, tol, "ramp 4 levels");
  EXPECT_EQ(m.rampWidth, 4 * c.width);
  EXPECT_EQ(m.distinctValues, ref.distinct);
  EXPECT_EQ(m.exactPermutation, ref.distinct == mask.pixelCount());
  EXPECT_DOUBLE_EQ(m.maxBucketDeviation, ref.bucketDeviation);
}

// Square and not, powers of two and not, odd sizes (asymmetric fftfreq), and 8-bit ties.
INSTANTIATE_TEST_SUITE_P(Sizes, MetricsVsDirect,
                         ::testing::Values(SmallCase{8, 8, 1, 0}, SmallCase{12, 8, 2, 0}, SmallCase{7, 5, 3, 0},
                                           SmallCase{10, 10, 4, 0}, SmallCase{6, 11, 5, 0}, SmallCase{16, 12, 6, 16}));

TEST(MaskMetrics, SummaryListsEveryHeadlineFigure) {
  const Mask mask = randomMask(16, 16, 9);
  const MaskMetrics m = computeMaskMetrics(mask);
  std::map<std::string, double> figures;
  for (const MetricFigure& f : metricSummary(m)) figures[f.key] = f.value;
  EXPECT_EQ(figures.at("hvs_db_sigma_1"), m.hvs[0].meanDb);
  EXPECT_EQ(figures.at("hvs_db_sigma_1.5"), m.hvs[1].meanDb);
  EXPECT_EQ(figures.at("hvs_db_sigma_2"), m.hvs[2].meanDb);
  EXPECT_EQ(figures.at("lf_leakage"), m.lowFrequencyLeakage);
  EXPECT_EQ(figures.at("ramp_rmse_2_levels"), m.ramp[0].rmse);
  EXPECT_EQ(figures.at("ramp_rmse_4_levels"), m.ramp[1].rmse);
  EXPECT_EQ(figures.at("anisotropy_db"), m.meanAnisotropyDb);
  EXPECT_EQ(figures.at("distinct_values"), 256.0);
  EXPECT_EQ(formatFigure({"k", "l", -13.7449, 2}), "-13.74");
  EXPECT_EQ(formatFigure({"k", "l", 4096, 0}), "4096");
  EXPECT_EQ(formatFigure({"k", "l", NAN, 2}), "n/a");
}

// White noise: E[P] = 1 everywhere, so HVS ~ 0 dB and leakage ~ 1; averaged over masks to tame the variance.
TEST(MaskMetrics, WhiteNoiseSitsAtZeroDecibels) {
  const int masks = 12;
  double hvs[3] = {0, 0, 0}, leakage = 0, ring = 0, ramp2 = 0;
  for (int s = 0; s < masks; ++s) {
    std::string error;
    const Mask mask = generateBaseline(BaselineMethod::White, {64, 64}, 100 + s, 0, &error);
    ASSERT_TRUE(error.empty()) << error;
    const MaskMetrics m = computeMaskMetrics(mask);
    for (int k = 0; k < 3; ++k) hvs[k] += m.hvs[k].meanDb / masks;
    leakage += m.lowFrequencyLeakage / masks;
    ring += m.radialPower[16] / masks;
    ramp2 += m.ramp[0].rmse / masks;
  }
  EXPECT_NEAR(hvs[0], 0.0, 0.2);
  EXPECT_NEAR(hvs[1], 0.0, 0.3);
  EXPECT_NEAR(hvs[2], 0.0, 0.5);
  EXPECT_NEAR(leakage, 1.0, 0.1);
  EXPECT_NEAR(ring, 1.0, 0.15);
  // White-noise ramp error: sqrt(mean x(1-x) * sum G^2 / N) ~ sqrt(1/6 / (4 pi 1.5^2)) = 0.0768.
  EXPECT_NEAR(ramp2, 0.0768, 0.003);
}

TEST(MaskMetrics, BayerIsStronglyNegativeAndAnisotropic) {
  std::string error;
  const Mask mask = generateBaseline(BaselineMethod::Bayer, {64, 64}, 0, 0, &error);
  ASSERT_TRUE(error.empty()) << error;
  const MaskMetrics m = computeMaskMetrics(mask);
  // docs/method.md §5.8: Bayer 64 is -18 dB at sigma 1 and -43 dB at sigma 1.5, leakage 0.065.
  EXPECT_NEAR(m.hvs[0].meanDb, -18.0, 0.5);
  EXPECT_NEAR(m.hvs[1].meanDb, -43.0, 1.0);
  EXPECT_NEAR(m.lowFrequencyLeakage, 0.065, 0.005);
  EXPECT_GT(m.meanAnisotropyDb, 5.0);
  EXPECT_TRUE(m.exactPermutation);
  EXPECT_EQ(m.maxBucketDeviation, 0.0);
}

TEST(MaskMetrics, HistogramOfAnEightBitMask) {
  // 32x32 = 1024 values over 256 buckets: 4 each when every bucket is hit exactly, here one value moved.
  Mask mask;
  mask.shape = {32, 32};
  for (int i = 0; i < 1024; ++i) mask.values.push_back(float((i % 256) / 255.0));
  MaskMetrics m = computeMaskMetrics(mask);
  EXPECT_EQ(m.distinctValues, 256u);
  EXPECT_FALSE(m.exactPermutation);
  EXPECT_EQ(m.maxBucketDeviation, 0.0);
  mask.values[5] = mask.values[6];
  m = computeMaskMetrics(mask);
  EXPECT_EQ(m.maxBucketDeviation, 1.0);
}

// The peer masks against docs/method.md §5.8's table, measured there with an independent implementation.
struct PeerRow {
  const char* file;
  double hvs1, hvs15, leakLow, leakHigh, ramp;
};

TEST(MaskMetrics, PeerMasksLandOnTheDesignTable) {
  const std::string peers = test::sharedDataDir() + "/data/peers";
  if (!test::fileExists(peers)) GTEST_SKIP() << "no peer masks at " << peers << " (shared data folder absent)";
  const PeerRow rows[] = {
      {"peters_cc0/peters_16x16_HDR_L_0.png", -7.2, -13.1, 0.19, 0.30, 0.020},
      {"peters_cc0/peters_32x32_HDR_L_0.png", -7.9, -13.7, 0.19, 0.26, 0.017},
      {"peters_cc0/peters_64x64_HDR_L_0.png", -7.9, -13.7, 0.21, 0.25, 0.016},
      {"peters_cc0/peters_128x128_HDR_L_0.png", -8.0, -13.8, 0.21, 0.25, 0.016},
      {"peters_cc0/peters_256x256_HDR_L_0.png", -8.0, -13.8, 0.21, 0.25, 0.016},
      {"fast_ea/fast_128x128_real_uniform_gauss_0.7.png", -9.1, -11.9, 0.11, 0.13, 0.020},
      {"fast_ea/fast_128x128_real_uniform_gauss_1.0.png", -8.3, -12.6, 0.17, 0.19, 0.018},
      {"fast_ea/fast_128x128_real_uniform_binomial_3.png", -8.8, -12.3, 0.13, 0.15, 0.019},
  };
  for (const PeerRow& row : rows) {
    const std::string path = peers + "/" + row.file;
    Mask mask;
    std::string error;
    ASSERT_TRUE(readMask(path, &mask, &error)) << error;
    const MaskMetrics m = computeMaskMetrics(mask);
    // The table prints one decimal (dB) and 3 decimals (ramp): allow its rounding plus a little.
    EXPECT_NEAR(m.hvs[0].meanDb, row.hvs1, 0.1) << row.file;
    EXPECT_NEAR(m.hvs[1].meanDb, row.hvs15, 0.1) << row.file;
    EXPECT_GE(m.lowFrequencyLeakage, row.leakLow) << row.file;
    EXPECT_LE(m.lowFrequencyLeakage, row.leakHigh) << row.file;
    EXPECT_NEAR(m.ramp[0].rmse, row.ramp, 0.0015) << row.file;
  }
}

}  // namespace
