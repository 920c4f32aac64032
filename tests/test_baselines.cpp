// Baseline masks (baseline_masks.h): exact permutations at every size, Bayer's matrix, the void-and-cluster
// selection rules checked step by step against energies computed from scratch, and the void-and-cluster
// figures against C. Peters' published 64x64 mask.
#include "specdither/baseline_masks.h"
#include "gpu_test.h"
#include "specdither/mask_io.h"
#include "specdither/mask_metrics.h"

#include <algorithm>
#include <cmath>

using namespace specdither;

namespace {

std::vector<uint32_t> ranksFromValues(const Mask& mask) {
  // Values are (rank + 0.5) / N exactly (maskFromRanks), so the rank is recovered by arithmetic.
  std::vector<uint32_t> ranks;
  for (float v : mask.values) ranks.push_back(uint32_t(std::lround(double(v) * mask.pixelCount() - 0.5)));
  return ranks;
}

void expectRankNormalizedPermutation(const Mask& mask, const std::string& what) {
  const size_t n = mask.pixelCount();
  ASSERT_EQ(mask.values.size(), n) << what;
  EXPECT_TRUE(isExactPermutation(mask)) << what;
  std::vector<float> sorted = mask.values;
  std::sort(sorted.begin(), sorted.end());
  for (size_t r = 0; r < n; ++r) ASSERT_EQ(sorted[r], float((r + 0.5) / double(n))) << what << " rank " << r;
}

struct SizeCase {
  uint32_t width, height;
};

void PrintTo(const SizeCase& s, std::ostream* os) { *os << s.width << "x" << s.height; }

class BaselinePermutation : public ::testing::TestWithParam<SizeCase> {};

TEST_P(BaselinePermutation, EveryMethodGivesAnExactPermutation) {
  const SizeCase s = GetParam();
  for (BaselineMethod method : {BaselineMethod::White, BaselineMethod::VoidAndCluster, BaselineMethod::Lottes}) {
    std::string error;
    const Mask mask = generateBaseline(method, {s.width, s.height}, 7, 0, &error);
    const std::string what = std::string(baselineMethodName(method)) + " " + std::to_string(s.width) + "x" +
                             std::to_string(s.height);
    ASSERT_TRUE(error.empty()) << what << ": " << error;
    EXPECT_EQ(mask.shape.width, s.width);
    EXPECT_EQ(mask.shape.height, s.height);
    expectRankNormalizedPermutation(mask, what);
  }
}

INSTANTIATE_TEST_SUITE_P(Sizes, BaselinePermutation,
                         ::testing::Values(SizeCase{1, 1}, SizeCase{3, 2}, SizeCase{10, 10}, SizeCase{20, 20},
                                           SizeCase{64, 32}, SizeCase{32, 64}, SizeCase{40, 40}, SizeCase{7, 13},
                                           SizeCase{128, 128}));

TEST(Baselines, SameSeedSameMaskOtherSeedOtherMask) {
  for (BaselineMethod method : {BaselineMethod::White, BaselineMethod::VoidAndCluster, BaselineMethod::Lottes}) {
    std::string error;
    const Mask a = generateBaseline(method, {24, 16}, 1, 0, &error);
    const Mask b = generateBaseline(method, {24, 16}, 1, 0, &error);
    const Mask c = generateBaseline(method, {24, 16}, 2, 0, &error);
    EXPECT_EQ(a.values, b.values) << baselineMethodName(method);
    EXPECT_NE(a.values, c.values) << baselineMethodName(method);
  }
}

TEST(Baselines, BayerIsBayersMatrix) {
  std::string error;
  const Mask m4 = generateBaseline(BaselineMethod::Bayer, {4, 4}, 0, 0, &error);
  ASSERT_TRUE(error.empty()) << error;
  // Bayer (1973), 4x4 index matrix, row by row.
  const std::vector<uint32_t> expected = {0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5};
  EXPECT_EQ(ranksFromValues(m4), expected);

  // The recursion M_2n = [4 M_n, 4 M_n + 2; 4 M_n + 3, 4 M_n + 1] (quadrants of n x n), from 8x8 to 16x16.
  const std::vector<uint32_t> r8 = ranksFromValues(generateBaseline(BaselineMethod::Bayer, {8, 8}, 0, 0, &error));
  const std::vector<uint32_t> r16 = ranksFromValues(generateBaseline(BaselineMethod::Bayer, {16, 16}, 0, 0, &error));
  const uint32_t quadrant[2][2] = {{0, 2}, {3, 1}};  // [y / 8][x / 8]
  for (uint32_t y = 0; y < 16; ++y)
    for (uint32_t x = 0; x < 16; ++x)
      EXPECT_EQ(r16[y * 16 + x], 4 * r8[(y % 8) * 8 + x % 8] + quadrant[y / 8][x / 8]) << x << "," << y;
}

TEST(Baselines, BayerNonSquareTilesTheSquareMatrix) {
  std::string error;
  const Mask wide = generateBaseline(BaselineMethod::Bayer, {64, 32}, 0, 0, &error);
  ASSERT_TRUE(error.empty()) << error;
  expectRankNormalizedPermutation(wide, "bayer 64x32");
  const std::vector<uint32_t> r = ranksFromValues(wide);
  const std::vector<uint32_t> square = ranksFromValues(generateBaseline(BaselineMethod::Bayer, {32, 32}, 0, 0, &error));
  // The shared low bits give the most significant rank bits: each 32x32 half is Bayer's 32x32 pattern, and
  // the halves interleave level by level (rank = 2 * square rank + which half).
  for (uint32_t y = 0; y < 32; ++y)
    for (uint32_t x = 0; x < 64; ++x) EXPECT_EQ(r[y * 64 + x], 2 * square[y * 32 + x % 32] + x / 32);
  const Mask tall = generateBaseline(BaselineMethod::Bayer, {2, 8}, 0, 0, &error);
  ASSERT_TRUE(error.empty()) << error;
  expectRankNormalizedPermutation(tall, "bayer 2x8");
}

TEST(Baselines, UserErrorsAreOneLineMessages) {
  std::string error;
  Mask m = generateBaseline(BaselineMethod::Bayer, {10, 10}, 0, 0, &error);
  EXPECT_TRUE(m.values.empty());
  EXPECT_NE(error.find("power-of-two"), std::string::npos) << error;
  EXPECT_NE(error.find("10x10"), std::string::npos) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos);
  error.clear();
  m = generateBaseline(BaselineMethod::VoidAndCluster, {0, 8}, 0, 0, &error);
  EXPECT_TRUE(m.values.empty());
  EXPECT_FALSE(error.empty());
  error.clear();
  m = generateBaseline(BaselineMethod::White, {8192, 8192}, 0, 0, &error);
  EXPECT_TRUE(m.values.empty());
  EXPECT_NE(error.find("too large"), std::string::npos) << error;
}

TEST(Baselines, MethodNamesRoundTrip) {
  for (BaselineMethod method :
       {BaselineMethod::White, BaselineMethod::Bayer, BaselineMethod::VoidAndCluster, BaselineMethod::Lottes}) {
    BaselineMethod parsed;
    ASSERT_TRUE(parseBaselineMethod(baselineMethodName(method), &parsed));
    EXPECT_EQ(parsed, method);
  }
  BaselineMethod parsed;
  EXPECT_TRUE(parseBaselineMethod("void-and-cluster", &parsed));
  EXPECT_EQ(parsed, BaselineMethod::VoidAndCluster);
  EXPECT_FALSE(parseBaselineMethod("optimize", &parsed));
  EXPECT_EQ(defaultBaselineSigma(BaselineMethod::VoidAndCluster), 1.9);
}

// Ulichney's rules, checked on the finished ranks with energies recomputed from scratch: the exact toroidal
// Gaussian (summed over all periodic images), no truncation, no incremental updates.
class VoidAndClusterRules : public ::testing::TestWithParam<SizeCase> {};

TEST_P(VoidAndClusterRules, EveryRankIsTheTightestClusterOrLargestVoid) {
  const SizeCase s = GetParam();
  const uint32_t w = s.width, h = s.height;
  const size_t n = size_t(w) * h;
  const double sigma = 1.9;
  std::string error;
  const Mask mask = generateBaseline(BaselineMethod::VoidAndCluster, {w, h}, 3, sigma, &error);
  ASSERT_TRUE(error.empty()) << error;
  const std::vector<uint32_t> ranks = ranksFromValues(mask);
  std::vector<uint32_t> pixelOfRank(n);
  for (size_t p = 0; p < n; ++p) pixelOfRank[ranks[p]] = uint32_t(p);

  // K(dx, dy) = sum over images of exp(-|d|^2 / (2 sigma^2)).
  std::vector<double> kernel(n, 0.0);
  for (uint32_t dy = 0; dy < h; ++dy)
    for (uint32_t dx = 0; dx < w; ++dx)
      for (int a = -40; a <= 40; ++a)
        for (int b = -40; b <= 40; ++b) {
          const double x = double(dx) + a * double(w), y = double(dy) + b * double(h);
          if (std::fabs(x) > 40 || std::fabs(y) > 40) continue;
          kernel[dy * w + dx] += std::exp(-(x * x + y * y) / (2 * sigma * sigma));
        }
  auto energies = [&](const std::vector<uint8_t>& ones) {
    std::vector<double> e(n, 0.0);
    for (size_t q = 0; q < n; ++q) {
      if (!ones[q]) continue;
      for (size_t p = 0; p < n; ++p) {
        const uint32_t dx = (p % w + w - q % w) % w, dy = (p / w + h - q / w) % h;
        e[p] += kernel[dy * w + dx];
      }
    }
    return e;
  };
  // Energies of the candidates within this of the best are ties (the kernel is truncated at 1e-6 there).
  const double tie = 1e-4;
  const size_t m = std::max<size_t>(1, n / 10);

  // Phases 2 and 3: the pixel of rank r is a largest void (lowest energy 0) of the pattern {rank < r}.
  for (size_t r = m; r < n; ++r) {
    std::vector<uint8_t> ones(n, 0);
    for (size_t k = 0; k < r; ++k) ones[pixelOfRank[k]] = 1;
    const std::vector<double> e = energies(ones);
    double best = INFINITY;
    for (size_t p = 0; p < n; ++p)
      if (!ones[p]) best = std::min(best, e[p]);
    ASSERT_LE(e[pixelOfRank[r]], best + tie) << "rank " << r << " is not a largest void";
  }
  // Phase 1: the pixel of rank r is a tightest cluster (highest energy 1) of the pattern {rank <= r}.
  for (size_t r = 0; r < m; ++r) {
    std::vector<uint8_t> ones(n, 0);
    for (size_t k = 0; k <= r; ++k) ones[pixelOfRank[k]] = 1;
    const std::vector<double> e = energies(ones);
    double best = -INFINITY;
    for (size_t p = 0; p < n; ++p)
      if (ones[p]) best = std::max(best, e[p]);
    ASSERT_GE(e[pixelOfRank[r]], best - tie) << "rank " << r << " is not a tightest cluster";
  }
  // The initial pattern {rank < m} is stable: removing a tightest cluster leaves a void where it was.
  std::vector<uint8_t> ones(n, 0);
  for (size_t k = 0; k < m; ++k) ones[pixelOfRank[k]] = 1;
  std::vector<double> e = energies(ones);
  size_t cluster = n;
  for (size_t p = 0; p < n; ++p)
    if (ones[p] && (cluster == n || e[p] > e[cluster])) cluster = p;
  ones[cluster] = 0;
  e = energies(ones);
  double best = INFINITY;
  for (size_t p = 0; p < n; ++p)
    if (!ones[p]) best = std::min(best, e[p]);
  EXPECT_LE(e[cluster], best + tie) << "the initial binary pattern is not stable";
}

INSTANTIATE_TEST_SUITE_P(Sizes, VoidAndClusterRules,
                         ::testing::Values(SizeCase{10, 10}, SizeCase{20, 20}, SizeCase{16, 8}, SizeCase{7, 13},
                                           SizeCase{24, 24}));

// docs/method.md §5.8: void-and-cluster written from the paper lands on Peters' masks (also void-and-cluster, sigma
// 1.9). Several seeds, so one lucky mask does not pass for the method.
TEST(Baselines, VoidAndClusterMatchesPeters64) {
  const std::string path = test::sharedDataDir() + "/data/peers/peters_cc0/peters_64x64_HDR_L_0.png";
  if (!test::fileExists(path)) GTEST_SKIP() << "no Peters mask at " << path << " (shared data folder absent)";
  Mask peters;
  std::string error;
  ASSERT_TRUE(readMask(path, &peters, &error)) << error;
  const MaskMetrics reference = computeMaskMetrics(peters);
  for (uint64_t seed : {1, 2, 3}) {
    const Mask vac = generateBaseline(BaselineMethod::VoidAndCluster, {64, 64}, seed, 0, &error);
    ASSERT_TRUE(error.empty()) << error;
    const MaskMetrics m = computeMaskMetrics(vac);
    for (size_t s = 0; s < m.hvs.size(); ++s)
      EXPECT_NEAR(m.hvs[s].meanDb, reference.hvs[s].meanDb, 0.3) << "sigma " << m.hvs[s].sigma << " seed " << seed;
    EXPECT_NEAR(m.lowFrequencyLeakage, reference.lowFrequencyLeakage, 0.05) << "seed " << seed;
    EXPECT_NEAR(m.ramp[0].rmse, reference.ramp[0].rmse, 0.001) << "seed " << seed;
  }
}

// Sanity of the other baselines' quality: Lottes' high-pass-and-rank is blue but weak, white is ~0 dB.
TEST(Baselines, LottesIsBetterThanWhiteAndWorseThanVoidAndCluster) {
  std::string error;
  const MaskMetrics lottes = computeMaskMetrics(generateBaseline(BaselineMethod::Lottes, {64, 64}, 1, 0, &error));
  const MaskMetrics vac = computeMaskMetrics(generateBaseline(BaselineMethod::VoidAndCluster, {64, 64}, 1, 0, &error));
  EXPECT_LT(lottes.hvs[1].meanDb, -2.0);
  EXPECT_GT(lottes.hvs[1].meanDb, vac.hvs[1].meanDb);
  EXPECT_LT(lottes.lowFrequencyLeakage, 0.8);
}

}  // namespace
