// Masks with repeated values (8-bit masks): the analysis ranks ties by their mid-rank (mask.h's doubledMidRanks,
// docs/method.md §5), so its figures depend on the values alone. A symmetry of the torus that reorders the
// pixels (a transpose, a flip) must leave every figure as it is; ranking ties by pixel index (ranksOf, which
// the exports and optimizers keep for a permutation) fails that. And Peters' 8-bit texture, his 16-bit one
// quantized, measures like it.
#include "specdither/baseline_masks.h"
#include "gpu_test.h"
#include "test_files.h"
#include "specdither/mask_io.h"
#include "specdither/mask_metrics.h"

#include <cmath>
#include <functional>

using namespace specdither;

namespace {

// 2 r + 1 for a permutation; ties share 2 * first + count, whatever their order.
TEST(MidRanks, TiesShareTheirMeanRank) {
  Mask mask;
  mask.shape = {3, 2};
  mask.values = {0.5f, 0.2f, 0.5f, 0.9f, 0.2f, 0.5f};
  // Sorted: 0.2 at ranks 0, 1 (mean 0.5); 0.5 at ranks 2, 3, 4 (mean 3); 0.9 at rank 5.
  EXPECT_EQ(doubledMidRanks(mask), (std::vector<uint32_t>{7, 2, 7, 11, 2, 7}));
  const Mask permutation = test::randomPermutationMask(8, 4, 3);
  const std::vector<uint32_t> ranks = ranksOf(permutation), doubled = doubledMidRanks(permutation);
  for (size_t i = 0; i < ranks.size(); ++i) EXPECT_EQ(doubled[i], 2 * ranks[i] + 1);
}

TEST(MidRanks, EachPlaneIsRankedOnItsOwn) {
  Mask mask;
  mask.shape = {2, 2, 1, 2};  // two channels, interleaved
  mask.values = {0.1f, 0.7f, 0.1f, 0.7f, 0.3f, 0.2f, 0.3f, 0.2f};
  // Channel 0: 0.1, 0.1, 0.3, 0.3 -> 2 * 0 + 2 and 2 * 2 + 2. Channel 1: 0.7, 0.7, 0.2, 0.2 -> 6 and 2.
  EXPECT_EQ(doubledMidRanks(mask), (std::vector<uint32_t>{2, 6, 2, 6, 6, 2, 6, 2}));
}

// A void-and-cluster mask quantized to `levels` equal values (levels divides N): many ties.
Mask quantizedMask(uint32_t size, uint32_t levels) {
  std::string error;
  Mask mask = generateBaseline(BaselineMethod::VoidAndCluster, {size, size}, 7, 0, &error);
  EXPECT_TRUE(error.empty()) << error;
  const std::vector<uint32_t> ranks = ranksOf(mask);
  const size_t n = mask.values.size();
  for (size_t i = 0; i < n; ++i) mask.values[i] = float((ranks[i] * levels / n) / double(levels - 1));
  return mask;
}

// The mask with its pixels moved: pixel (x, y) of the result is (fx(x, y), fy(x, y)) of the source.
Mask moved(const Mask& mask, const std::function<uint32_t(uint32_t, uint32_t)>& fx,
           const std::function<uint32_t(uint32_t, uint32_t)>& fy) {
  Mask out = mask;
  const uint32_t w = mask.shape.width;
  for (uint32_t y = 0; y < mask.shape.height; ++y)
    for (uint32_t x = 0; x < w; ++x) out.values[size_t(y) * w + x] = mask.values[size_t(fy(x, y)) * w + fx(x, y)];
  return out;
}

// Largest difference over the figures a reordering of the pixels by a symmetry of the torus keeps (the ramp
// runs along x, so only a vertical flip keeps it too).
double largestDifference(const MaskMetrics& a, const MaskMetrics& b, bool withRamp) {
  double d = std::fabs(a.meanAnisotropyDb - b.meanAnisotropyDb);
  d = std::max(d, std::fabs(a.lowFrequencyLeakage - b.lowFrequencyLeakage));
  for (size_t r = 1; r < a.radialPower.size(); ++r) {
    d = std::max(d, std::fabs(a.radialPower[r] - b.radialPower[r]));
    if (!std::isnan(a.anisotropyDb[r]) || !std::isnan(b.anisotropyDb[r]))
      d = std::max(d, std::fabs(a.anisotropyDb[r] - b.anisotropyDb[r]));
  }
  for (size_t s = 0; s < a.hvs.size(); ++s)
    for (size_t l = 0; l < a.hvs[s].levelDb.size(); ++l)
      d = std::max(d, std::fabs(a.hvs[s].levelDb[l] - b.hvs[s].levelDb[l]));
  if (withRamp)
    for (size_t i = 0; i < a.ramp.size(); ++i) d = std::max(d, std::fabs(a.ramp[i].rmse - b.ramp[i].rmse));
  return d;
}

TEST(MidRanks, FiguresDoNotDependOnThePixelOrder) {
  const uint32_t size = 32;
  auto same = [](uint32_t x, uint32_t) { return x; };
  auto sameY = [](uint32_t, uint32_t y) { return y; };
  auto flipX = [&](uint32_t x, uint32_t) { return size - 1 - x; };
  auto flipY = [&](uint32_t, uint32_t y) { return size - 1 - y; };
  auto transposeX = [](uint32_t, uint32_t y) { return y; };
  auto transposeY = [](uint32_t x, uint32_t) { return x; };
  for (uint32_t levels : {256u, 16u}) {  // an 8-bit mask (4 pixels a value), a 4-bit one (64)
    const Mask mask = quantizedMask(size, levels);
    const MaskMetrics m = computeMaskMetrics(mask);
    struct Case {
      const char* name;
      Mask mask;
      bool keepsRamp;
    };
    const Case cases[] = {{"vertical flip", moved(mask, same, flipY), true},
                          {"horizontal flip", moved(mask, flipX, sameY), false},
                          {"transpose", moved(mask, transposeX, transposeY), false}};
    for (const Case& c : cases) {
      EXPECT_LT(largestDifference(m, computeMaskMetrics(c.mask), c.keepsRamp), 1e-9) << c.name << ", " << levels;
      // Ties ranked by pixel index (the permutation ranksOf gives, analysed as such) break the symmetry: the
      // order of the raster within each tie adds structure that the flip or transpose moves.
      const double byIndex = largestDifference(computeMaskMetrics(rankNormalized(mask)),
                                               computeMaskMetrics(rankNormalized(c.mask)), c.keepsRamp);
      EXPECT_GT(byIndex, 0.01) << c.name << ", " << levels;
    }
  }
}

// Peters' 8-bit texture is his 16-bit one quantized (floor(rank * 256 / N)): the figures agree, except where the
// quantization's own noise (about 1.5e-5 of the power) rivals the mask's (the first rings); ties by index
// flipped the mean anisotropy's sign (-0.60 dB to +0.60 dB at 64x64).
TEST(MidRanks, PetersEightBitMeasuresLikeSixteenBit) {
  const std::string folder = test::sharedDataDir() + "/data/peers/peters_cc0";
  if (!test::fileExists(folder)) GTEST_SKIP() << "no peer masks at " << folder << " (shared data folder absent)";
  for (const char* size : {"32x32", "64x64", "128x128"}) {
    Mask high, low;
    std::string error;
    ASSERT_TRUE(readMask(folder + "/peters_" + size + "_HDR_L_0.png", &high, &error)) << error;
    ASSERT_TRUE(readMask(folder + "/peters_" + size + "_LDR_LLL1_0.png", &low, &error)) << error;
    const MaskMetrics a = computeMaskMetrics(high), b = computeMaskMetrics(low);
    // 256 values divide into the 16 levels, so every threshold pattern is the same one.
    for (size_t s = 0; s < a.hvs.size(); ++s) EXPECT_DOUBLE_EQ(a.hvs[s].meanDb, b.hvs[s].meanDb) << size;
    EXPECT_DOUBLE_EQ(a.lowFrequencyLeakage, b.lowFrequencyLeakage) << size;
    EXPECT_NEAR(a.ramp[0].rmse, b.ramp[0].rmse, 5e-4) << size;
    EXPECT_NEAR(a.meanAnisotropyDb, b.meanAnisotropyDb, 0.3) << size;
    for (size_t r = 1; r <= high.shape.width / 2; ++r)  // the rings the mean takes
      if (a.radialPower[r] > 0.01) EXPECT_NEAR(a.anisotropyDb[r], b.anisotropyDb[r], 0.2) << size << " ring " << r;
    const MaskMetrics byIndex = computeMaskMetrics(rankNormalized(low));
    EXPECT_GT(std::fabs(byIndex.meanAnisotropyDb - a.meanAnisotropyDb), 0.5) << size;
  }
}

}  // namespace
