// The spatiotemporal figures (specdither/temporal_metrics.h, docs/method.md §8.4) against a direct evaluation of
// their definitions in double precision, their white-noise normalization, EA's published figures for EA's own
// FAST mask, and the atlas reader.
#include "gpu_test.h"
#include "test_files.h"

#include "specdither/mask_io.h"
#include "specdither/png_io.h"
#include "specdither/temporal_metrics.h"

#include <cmath>
#include <complex>
#include <fstream>
#include <numeric>

using namespace specdither;

namespace {

Mask randomStack(uint32_t w, uint32_t h, uint32_t slices, uint32_t seed) {
  Mask stack;
  stack.shape = {w, h, slices};
  for (uint32_t k = 0; k < slices; ++k) {
    const Mask slice = test::randomPermutationMask(w, h, seed + k);
    stack.values.insert(stack.values.end(), slice.values.begin(), slice.values.end());
  }
  return stack;
}

// The definitions, literally: every level, every frame filtered by a direct toroidal convolution.
void directConvergence(const Mask& stack, const TemporalMetricsOptions& o, std::vector<double>* ea,
                       std::vector<double>* emaVar, std::vector<double>* meanVar) {
  const uint32_t w = stack.shape.width, h = stack.shape.height, frames = stack.shape.slices;
  const size_t n = size_t(w) * h;
  const std::vector<double> g = convergenceGaussian(o.sigma);
  const int r = int(g.size() / 2);
  ea->assign(frames, 0.0);
  emaVar->assign(frames, 0.0);
  meanVar->assign(frames, 0.0);
  auto variance = [&](const std::vector<double>& x) {
    double mean = 0, sq = 0;
    for (double v : x) mean += v / n;
    for (double v : x) sq += (v - mean) * (v - mean) / n;
    return sq;
  };
  for (uint32_t c = 1; c < o.levels; ++c) {
    const double level = double(c) / o.levels;
    std::vector<double> ema(n), sum(n, 0.0);
    for (uint32_t k = 0; k < frames; ++k) {
      std::vector<double> filtered(n, 0.0);
      for (uint32_t y = 0; y < h; ++y)
        for (uint32_t x = 0; x < w; ++x)
          for (int dy = -r; dy <= r; ++dy)
            for (int dx = -r; dx <= r; ++dx) {
              const uint32_t sx = uint32_t(((int(x) - dx) % int(w) + int(w)) % int(w));
              const uint32_t sy = uint32_t(((int(y) - dy) % int(h) + int(h)) % int(h));
              // The values are distinct (a permutation per slice): v = (rank + 0.5) / N is the value itself.
              const bool on = stack.values[k * n + sy * w + sx] < level;
              filtered[y * w + x] += on ? g[size_t(dx + r)] * g[size_t(dy + r)] : 0.0;
            }
      for (size_t i = 0; i < n; ++i) {
        ema[i] = k == 0 ? filtered[i] : o.emaAlpha * filtered[i] + (1 - o.emaAlpha) * ema[i];
        sum[i] += filtered[i];
      }
      std::vector<double> mean(n);
      for (size_t i = 0; i < n; ++i) mean[i] = sum[i] / (k + 1);
      (*emaVar)[k] += variance(ema);
      (*meanVar)[k] += variance(mean);
    }
  }
  for (uint32_t k = 0; k < frames; ++k) (*ea)[k] = std::sqrt((*emaVar)[k] / o.levels);
}

TEST(TemporalMetrics, ConvergenceEqualsTheDirectDefinition) {
  for (const MaskShape shape : {MaskShape{12, 10, 5}, MaskShape{8, 16, 3}}) {
    const Mask stack = rankNormalized(randomStack(shape.width, shape.height, shape.slices, 3));
    TemporalMetricsOptions o;
    o.sigma = 1.1;
    o.emaAlpha = 0.3;
    o.levels = 16;
    const TemporalMetrics m = computeTemporalMetrics(stack, o);
    std::vector<double> ea, emaVar, meanVar;
    directConvergence(stack, o, &ea, &emaVar, &meanVar);
    const double white = whiteFrameVariance(stack.shape, o);
    double weights = 1;
    for (uint32_t k = 0; k < shape.slices; ++k) {
      if (k > 0) weights = (1 - o.emaAlpha) * (1 - o.emaAlpha) * weights + o.emaAlpha * o.emaAlpha;
      EXPECT_NEAR(m.eaError[k], ea[k], 1e-12) << toString(shape) << " k " << k + 1;
      EXPECT_NEAR(m.emaDb[k], 10 * std::log10(emaVar[k] / (white * weights)), 1e-9);
      EXPECT_NEAR(m.meanDb[k], 10 * std::log10(meanVar[k] / (white / (k + 1))), 1e-9);
    }
  }
}

TEST(TemporalMetrics, SpectrumAndGapsEqualTheirDefinitions) {
  const Mask stack = rankNormalized(randomStack(6, 5, 7, 9));
  const TemporalMetrics m = computeTemporalMetrics(stack, {});
  const size_t n = 30;
  const uint32_t frames = 7;
  double total = 0, squares = 0;
  for (float v : stack.values) {
    total += v;
    squares += double(v) * v;
  }
  const double variance = squares / stack.values.size() - std::pow(total / stack.values.size(), 2);
  ASSERT_EQ(m.temporalPower.size(), 4u);
  double gaps = 0;
  for (uint32_t f = 0; f <= 3; ++f) {
    double power = 0;
    for (size_t p = 0; p < n; ++p) {
      std::complex<double> x = 0;
      for (uint32_t k = 0; k < frames; ++k)
        x += (stack.values[k * n + p] - 0.5) * std::polar(1.0, -2 * M_PI * f * k / 7);
      power += std::norm(x);
    }
    EXPECT_NEAR(m.temporalPower[f], power / (n * frames * variance), 1e-6) << f;  // float values here
  }
  for (size_t p = 0; p < n; ++p) {
    std::vector<double> column;
    for (uint32_t k = 0; k < frames; ++k) column.push_back(stack.values[k * n + p]);
    std::sort(column.begin(), column.end());
    double gap = column[0] + 1 - column.back();
    for (size_t k = 1; k < column.size(); ++k) gap = std::max(gap, column[k] - column[k - 1]);
    gaps += gap * frames / n;
  }
  EXPECT_NEAR(m.meanLargestGap, gaps, 1e-6);
  EXPECT_NEAR(m.lowFrequencyTemporalPower, m.temporalPower[1], 1e-12);  // 1 <= f <= max(1, 7 / 8)
  EXPECT_TRUE(m.slicesArePermutations);
}

// White noise in space and time measures 0 dB at every k (the normalization is its expected value), and a
// golden-ratio animation is far more even in time than white noise.
TEST(TemporalMetrics, WhiteNoiseIsZeroDecibelsAndGoldenRatioSpreadsEvenly) {
  TemporalMetricsOptions o;
  o.levels = 32;
  // One draw: the figures scatter by ~0.15 dB (one 128x128 frame at k = 1), far less than any structure moves them.
  const Mask white = randomStack(128, 128, 16, 100);
  const TemporalMetrics m = computeTemporalMetrics(white, o);
  for (uint32_t k = 0; k < 16; ++k) {
    EXPECT_NEAR(m.emaDb[k], 0.0, 0.4) << "k " << k + 1;
    EXPECT_NEAR(m.meanDb[k], 0.0, 0.4) << "k " << k + 1;
  }
  EXPECT_NEAR(m.temporalPower[3], 1.0, 0.05);
  EXPECT_GT(m.meanLargestGap, 2.5);  // ~ ln 16 + 0.58 = 3.3

  Mask golden;
  golden.shape = {128, 128, 16};
  const Mask base = test::randomPermutationMask(128, 128, 5);
  for (uint32_t t = 0; t < 16; ++t)
    for (float v : base.values) golden.values.push_back(float(std::fmod(v + t * 0.6180339887498949, 1.0)));
  const TemporalMetrics g = computeTemporalMetrics(golden, o);
  EXPECT_LT(g.meanLargestGap, 2.0);
  EXPECT_LT(g.lowFrequencyTemporalPower, 0.5 * m.lowFrequencyTemporalPower);
  EXPECT_LT(g.meanDb[7], m.meanDb[7] - 3);  // the mean of 8 frames converges faster than white noise's
}

// EA's own figure for EA's own FAST mask (an atlas of 64 slices of 128x128): E(k) as published with their
// evaluation script (random thresholds per frame, hence the tolerance).
TEST(TemporalMetrics, ReproducesEasPublishedFiguresForFast) {
  const std::string folder = test::sharedDataDir() + "/data/peers/fast_ea/temporal/";
  const std::string file = folder + "fast_128x128x64_real_gauss1.3435_ema0.1_product.png";
  if (!test::fileExists(file)) GTEST_SKIP() << file << " is absent (the shared peer data is not beside the checkout)";
  Mask stack;
  std::string error;
  MaskReadOptions atlas;
  atlas.atlasSlices = 64;
  ASSERT_TRUE(readMask(file, &stack, &error, atlas)) << error;
  ASSERT_EQ(stack.shape, (MaskShape{128, 128, 64}));
  std::ifstream csv(folder + "fast_128x128x64_real_gauss1.3435_ema0.1_product_published_E.csv");
  std::vector<double> published;
  for (double x; csv >> x;) published.push_back(x);
  ASSERT_EQ(published.size(), 64u);
  const TemporalMetrics m = computeTemporalMetrics(stack, {});
  for (uint32_t k : {1u, 2u, 8u}) EXPECT_NEAR(m.eaError[k - 1], published[k - 1], 0.01 * published[k - 1]) << k;
  for (uint32_t k : {16u, 32u, 64u}) EXPECT_NEAR(m.eaError[k - 1], published[k - 1], 0.04 * published[k - 1]) << k;
}

TEST(TemporalMetrics, AtlasesReadAsStacksAndBadOnesAreRefused) {
  const std::string dir = test::makeTempDir();
  const Mask stack = rankNormalized(randomStack(8, 4, 4, 1));  // 32 values per slice, 8-bit exact
  PngImage atlas;
  atlas.width = 8;
  atlas.height = 16;
  atlas.channels = 1;
  atlas.bitDepth = 8;
  for (float v : stack.values) atlas.samples.push_back(uint16_t(std::floor(v * 256)));
  std::string error;
  ASSERT_TRUE(writePng(dir + "/atlas.png", atlas, &error)) << error;
  Mask read;
  MaskReadOptions options;
  options.atlasSlices = 4;
  ASSERT_TRUE(readMask(dir + "/atlas.png", &read, &error, options)) << error;
  EXPECT_EQ(read.shape, (MaskShape{8, 4, 4}));
  EXPECT_EQ(rankNormalized(read).values, stack.values);
  options.atlasSlices = 3;
  EXPECT_FALSE(readMask(dir + "/atlas.png", &read, &error, options));
  EXPECT_NE(error.find("divisible by 3"), std::string::npos) << error;
}

}  // namespace
