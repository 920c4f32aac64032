// The CPU double-precision reference of the swap stage (docs/method.md §3.2, §3.3): the pair form of the multi-level
// HVS energy against its direct definition, and the closed-form swap cost dE against the energy recomputed from
// scratch after the swap, on small masks (including ones where O is the whole torus); and the choice of start.
#include "specdither/baseline_masks.h"
#include "hvs/hvs_energy.h"
#include "specdither/hvs_levels.h"
#include "specdither/mask_metrics.h"
#include "specdither/swap_preset.h"
#include "specdither/swap_start_selection.h"
#include "swap/swap_internal.h"
#include "hvs/hvs_levels_internal.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <cmath>
#include <random>
#include <set>

using namespace specdither;

namespace {

struct Size {
  uint32_t width, height;
};
void PrintTo(const Size& s, std::ostream* os) { *os << s.width << "x" << s.height; }

// Positive weights of very different sizes per level, so that a wrong Phi index cannot hide.
std::vector<std::vector<double>> randomWeights(size_t sigmaCount, size_t n, std::mt19937& rng) {
  std::uniform_real_distribution<double> dist(0.1, 3.0);
  std::vector<std::vector<double>> w(sigmaCount, std::vector<double>(n + 1, 0.0));
  for (auto& ws : w)
    for (size_t t = 1; t < n; ++t) ws[t] = dist(rng) / double(n);
  return w;
}

// Pairs that exercise every special case of the closed form: neighbours (q inside p + O), far pixels, rank
// neighbours, and random ones.
std::vector<std::pair<uint32_t, uint32_t>> testPairs(uint32_t w, uint32_t h, std::mt19937& rng) {
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  std::uniform_int_distribution<uint32_t> pixel(0, w * h - 1);
  for (int k = 0; k < 40; ++k) {
    const uint32_t p = pixel(rng);
    pairs.push_back({p, pixel(rng)});
    pairs.push_back({p, torusIndex(int64_t(p % w) + 1, p / w, w, h)});
    pairs.push_back({p, torusIndex(p % w, int64_t(p / w) - 2, w, h)});
    pairs.push_back({p, torusIndex(int64_t(p % w) + w / 2, int64_t(p / w) + h / 2, w, h)});
  }
  return pairs;
}

class SwapEnergy : public ::testing::TestWithParam<Size> {};

}  // namespace

TEST(SwapEnergyKernel, AutocorrelationSumsToOneAndOffsetsAreClasses) {
  for (Size s : {Size{8, 8}, Size{12, 9}, Size{64, 32}}) {
    const std::vector<double> k = hvsAutocorrelation({s.width, s.height}, 1.5);
    double sum = 0;
    for (double v : k) sum += v;
    EXPECT_NEAR(sum, 1.0, 1e-12);
    for (uint32_t radius : {2u, 5u, 1000u}) {
      const std::vector<HvsOffset> o = hvsOffsets({s.width, s.height}, radius);
      std::set<uint32_t> classes;
      for (const HvsOffset& off : o) {
        const uint32_t c = torusIndex(off.dx, off.dy, s.width, s.height);
        EXPECT_NE(c, 0u);
        EXPECT_TRUE(classes.insert(c).second) << "offset class listed twice";
      }
      for (const HvsOffset& off : o)  // symmetric: -o is in O whenever o is
        EXPECT_TRUE(classes.count(torusIndex(-int64_t(off.dx), -int64_t(off.dy), s.width, s.height)));
      if (radius == 1000u) EXPECT_EQ(o.size(), size_t(s.width) * s.height - 1);
    }
  }
  EXPECT_EQ(hvsOffsetRadius(1.0, 3.0), 5u);
  EXPECT_EQ(hvsOffsetRadius(1.5, 3.0), 7u);
}

TEST_P(SwapEnergy, PairFormEqualsDirectDefinitionOnWholeTorus) {
  const Size s = GetParam();
  const size_t n = size_t(s.width) * s.height;
  std::mt19937 rng(s.width * 7 + s.height);
  HvsEnergyModel m = createHvsEnergyModel({s.width, s.height}, {1.0, 1.5}, 1000);
  ASSERT_EQ(m.offsets.size(), n - 1);
  setHvsLevelWeights(m, randomWeights(2, n, rng));
  for (int k = 0; k < 3; ++k) {
    const std::vector<uint32_t> ranks = shuffledRanks(n, 100 + k);
    const double direct = hvsDirectEnergy(m, ranks);
    const double pair = hvsPairEnergy(m, ranks) + hvsEnergyConstant(m);
    EXPECT_NEAR(pair, direct, 1e-11 * std::fabs(direct)) << s.width << "x" << s.height;
  }
}

TEST_P(SwapEnergy, ClosedFormDeltaEqualsRecomputedEnergyOnWholeTorus) {
  const Size s = GetParam();
  const size_t n = size_t(s.width) * s.height;
  std::mt19937 rng(s.width * 11 + s.height);
  HvsEnergyModel m = createHvsEnergyModel({s.width, s.height}, {1.0, 1.5}, 1000);
  setHvsLevelWeights(m, randomWeights(2, n, rng));
  std::vector<uint32_t> ranks = shuffledRanks(n, 7);
  int checked = 0;
  for (auto [p, q] : testPairs(s.width, s.height, rng)) {
    if (++checked > 24) break;  // each direct energy costs N FFTs
    const double before = hvsDirectEnergy(m, ranks);
    const double delta = hvsSwapDelta(m, ranks, p, q);
    std::swap(ranks[p], ranks[q]);
    const double after = hvsDirectEnergy(m, ranks);
    EXPECT_NEAR(delta, after - before, 1e-10 * std::fabs(before)) << "swap " << p << " " << q;
  }
}

TEST_P(SwapEnergy, ClosedFormDeltaEqualsRecomputedTruncatedEnergy) {
  const Size s = GetParam();
  const size_t n = size_t(s.width) * s.height;
  std::mt19937 rng(s.width * 13 + s.height);
  // sigma 1.0 alone: radius 5 leaves part of these tori outside O, so the truncation itself is exercised.
  for (auto sigmas : {std::vector<double>{1.0}, std::vector<double>{1.0, 1.5}}) {
    const double sigmaMax = sigmas.back();
    HvsEnergyModel m = createHvsEnergyModel({s.width, s.height}, sigmas, hvsOffsetRadius(sigmaMax, 3.0));
    std::vector<uint32_t> ranks = shuffledRanks(n, 3);
    // Balanced weights, as the preset uses them: ~1/(g(1-g)) spans orders of magnitude across levels.
    std::vector<double> c(sigmas.size(), 1.0);
    setHvsLevelWeights(m, hvsBalancedWeights({{s.width, s.height}, ranks}, sigmas, c, 31));
    for (auto [p, q] : testPairs(s.width, s.height, rng)) {
      const double before = hvsPairEnergy(m, ranks);
      const double delta = hvsSwapDelta(m, ranks, p, q);
      std::swap(ranks[p], ranks[q]);
      const double after = hvsPairEnergy(m, ranks);
      EXPECT_NEAR(delta, after - before, 1e-11 * std::fabs(before)) << "swap " << p << " " << q;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Sizes, SwapEnergy, ::testing::Values(Size{8, 8}, Size{10, 10}, Size{12, 9}),
                         [](const auto& info) {
                           return std::to_string(info.param.width) + "x" + std::to_string(info.param.height);
                         });

TEST(SwapEnergyLevels, WhiteNoiseIsZeroDecibels) {
  // A random permutation is white noise: 0 dB on average (docs/method.md §5.5); one 128x128 draw lands within
  // ~0.1 dB.
  const std::vector<double> db = hvsErrorDb({{128, 128}, shuffledRanks(128 * 128, 5)}, {1.0, 1.5, 2.0});
  for (double v : db) EXPECT_NEAR(v, 0.0, 0.25);
}

TEST(SwapEnergyLevels, BalancedWeightsEqualizeMeasuredLevels) {
  // At a measured level the weighted error w_t * N * mse(t) is exactly c_sigma.
  const uint32_t w = 24, h = 20;
  const size_t n = size_t(w) * h;
  const std::vector<uint32_t> ranks = shuffledRanks(n, 9);
  const std::vector<double> sigmas = {1.0, 2.0}, c = {1.0, 2.0};
  const auto weights = hvsBalancedWeights({{w, h}, ranks}, sigmas, c, 31);
  const uint32_t t = uint32_t(std::round(double(n) * 16 / 32));
  const auto mse = hvsLevelMse({{w, h}, ranks}, sigmas, {t});
  for (size_t s = 0; s < sigmas.size(); ++s) {
    EXPECT_NEAR(weights[s][t] * double(n) * mse[s][0], c[s], 1e-9);
    EXPECT_EQ(weights[s][0], 0.0);
    EXPECT_EQ(weights[s][n], 0.0);
    for (size_t k = 1; k < n; ++k) EXPECT_GT(weights[s][k], 0.0);
  }
}

// The start is the best-scoring void-and-cluster candidate among those whose 2-level ramp RMSE is within the
// quantile: recomputed here candidate by candidate, with quantiles that exclude more and more of them.
TEST(SwapStart, BestScoreAmongCandidatesWithinTheRampQuantile) {
  const uint32_t w = 16, h = 12, candidates = 9;
  SwapParams p = defaultSwapParams({w, h}, 3);
  p.startCandidates = candidates;
  std::vector<std::vector<uint32_t>> ranks;
  std::vector<double> scores, ramps;
  std::string error;
  for (uint32_t k = 0; k < candidates; ++k) {
    const Mask vac = generateBaseline(BaselineMethod::VoidAndCluster, {w, h}, swapStartCandidateSeed(p.seed, k),
                                      p.startSigma, &error);
    ranks.push_back(ranksOf(vac));
    scores.push_back(swapStartScore({{w, h}, ranks.back()}, p));
    MetricsOptions rampOnly;
    rampOnly.rampLevels = {2};
    ramps.push_back(computeMaskMetrics(maskFromRanks({{w, h}, ranks.back()}), rampOnly).ramp[0].rmse);
  }
  std::vector<double> sortedRamps = ramps;
  std::sort(sortedRamps.begin(), sortedRamps.end());
  std::set<std::vector<uint32_t>> chosen;
  for (double quantile : {1.0, 0.5, 0.0}) {
    const double limit = sortedRamps[size_t(quantile * (candidates - 1))];
    size_t expected = candidates;
    for (size_t k = 0; k < candidates; ++k)
      if (ramps[k] <= limit && (expected == candidates || scores[k] < scores[expected])) expected = k;
    p.startRampQuantile = quantile;
    const std::vector<uint32_t> start = chooseSwapStart({w, h}, p, &error);
    EXPECT_EQ(start, ranks[expected]) << "quantile " << quantile;
    chosen.insert(start);
  }
  EXPECT_GT(chosen.size(), 1u) << "the quantiles should pick different starts for this seed";
}

// Different seeds give unrelated starts (independent channels, slices, runs): the rank correlation of the starts
// of seeds 1, 2 and 3 is near 0 (it was above 0.9 when seed s tried the candidates s, s + 1, ...).
TEST(SwapStart, NeighbouringSeedsGiveUnrelatedStarts) {
  const MaskShape shape = {32, 32};
  std::vector<std::vector<uint32_t>> starts;
  std::string error;
  for (uint64_t seed : {1, 2, 3}) starts.push_back(chooseSwapStart(shape, defaultSwapParams(shape, seed), &error));
  const double n = double(shape.planeSize()), mean = (n - 1) / 2;
  for (size_t a = 0; a < starts.size(); ++a)
    for (size_t b = a + 1; b < starts.size(); ++b) {
      ASSERT_EQ(starts[a].size(), shape.planeSize()) << error;
      double covariance = 0, variance = 0;
      for (size_t i = 0; i < starts[a].size(); ++i) {
        covariance += (starts[a][i] - mean) * (starts[b][i] - mean);
        variance += (starts[a][i] - mean) * (starts[a][i] - mean);
      }
      EXPECT_LT(std::fabs(covariance / variance), 0.2) << "seeds " << a + 1 << " and " << b + 1;
    }
}
