// The stratified stack (stack_preset.h, docs/method.md §8.7): every pixel one value per stratum, the strata placed
// by the coarse mask and ordered within by the fine one, exact permutations per slice; and what it is for: the error
// left after a whole period far below the golden-ratio animation's, because the fine mask is blue.
#include "test_files.h"

#include "specdither/baseline_masks.h"
#include "specdither/stack_preset.h"
#include "specdither/temporal_metrics.h"

#include <gtest/gtest.h>

#include <set>

using namespace specdither;

namespace {

uint32_t stratumOf(uint32_t rank, uint32_t slices, size_t n) { return uint32_t(uint64_t(rank) * slices / n); }

Mask voidAndCluster(uint32_t size, uint64_t seed) {
  std::string error;
  const Mask mask = generateBaseline(BaselineMethod::VoidAndCluster, {size, size}, seed, 1.5, &error);
  EXPECT_TRUE(error.empty()) << error;
  return mask;
}

}  // namespace

TEST(StratifiedStack, EveryPixelTakesEachStratumOnceInTheFineMasksOrder) {
  const uint32_t slices = 8;
  const Mask coarse = test::randomPermutationMask(16, 16, 1), fine = test::randomPermutationMask(16, 16, 2);
  const Mask stack = stratifiedStack(coarse, fine, slices);
  ASSERT_EQ(stack.shape, (MaskShape{16, 16, slices}));
  const size_t n = 256;
  const std::vector<uint32_t> coarseRanks = ranksOf(coarse), fineRanks = ranksOf(fine);
  std::vector<std::vector<uint32_t>> ranks;
  for (uint32_t t = 0; t < slices; ++t) {
    const Mask slice = maskSlice(stack, t);
    ASSERT_TRUE(isExactPermutation(slice)) << "slice " << t;
    ranks.push_back(ranksOf(slice));
  }
  // Frame 0 keeps the coarse mask's strata (offset 0); every frame moves all pixels by one offset.
  for (size_t i = 0; i < n; ++i) EXPECT_EQ(stratumOf(ranks[0][i], slices, n), stratumOf(coarseRanks[i], slices, n));
  for (size_t i = 0; i < n; ++i) {
    std::set<uint32_t> strata;
    for (uint32_t t = 0; t < slices; ++t) strata.insert(stratumOf(ranks[t][i], slices, n));
    EXPECT_EQ(strata.size(), slices) << "pixel " << i;
  }
  for (uint32_t t = 1; t < slices; ++t) {
    const uint32_t offset = (stratumOf(ranks[t][0], slices, n) + slices - stratumOf(coarseRanks[0], slices, n)) %
                            slices;
    for (size_t i = 0; i < n; ++i)
      EXPECT_EQ(stratumOf(ranks[t][i], slices, n), (stratumOf(coarseRanks[i], slices, n) + offset) % slices);
  }
  // Within a stratum of a slice, the fine mask's order.
  for (uint32_t t = 0; t < slices; ++t)
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j)
        if (stratumOf(ranks[t][i], slices, n) == stratumOf(ranks[t][j], slices, n))
          EXPECT_EQ(ranks[t][i] < ranks[t][j], fineRanks[i] < fineRanks[j]);
}

// When T does not divide W H the strata hold unequal counts: the slices stay exact permutations, each pixel's
// values spread as evenly as the exact case's.
TEST(StratifiedStack, SlicesStayPermutationsWhenTheStrataCannotBeEqual) {
  const Mask stack = stratifiedStack(test::randomPermutationMask(16, 12, 3), test::randomPermutationMask(16, 12, 4), 7);
  ASSERT_EQ(stack.shape, (MaskShape{16, 12, 7}));
  for (uint32_t t = 0; t < 7; ++t) EXPECT_TRUE(isExactPermutation(maskSlice(stack, t))) << t;
  TemporalMetricsOptions o;
  o.levels = 16;
  o.sliceHvsSigmas = {};
  EXPECT_LT(computeTemporalMetrics(stack, o).meanLargestGap, 1.5);  // white noise: ~ln 7 + 0.58 = 2.5
}

// The point of the construction: after a whole period each pixel is off by less than one stratum, and the pattern
// of that remainder is the fine mask's threshold pattern. A blue fine mask independent of the coarse one leaves a
// blue remainder; the golden-ratio animation, and the same construction with the coarse mask's own order within
// the strata, leave a white-ish one.
TEST(StratifiedStack, TheErrorAfterAWholePeriodIsFarBelowTheGoldenRatioAnimations) {
  const uint32_t slices = 16;
  const Mask coarse = voidAndCluster(64, 1), fine = voidAndCluster(64, 2);
  TemporalMetricsOptions o;
  o.levels = 64;
  o.sliceHvsSigmas = {};
  const TemporalMetrics stratified = computeTemporalMetrics(stratifiedStack(coarse, fine, slices), o);
  const TemporalMetrics ownOrder = computeTemporalMetrics(stratifiedStack(coarse, coarse, slices), o);
  const TemporalMetrics golden = computeTemporalMetrics(goldenRatioStack(coarse, slices), o);
  const double whole = stratified.meanDb[slices - 1];
  EXPECT_LT(whole, golden.meanDb[slices - 1] - 6) << golden.meanDb[slices - 1];
  EXPECT_LT(whole, ownOrder.meanDb[slices - 1] - 6) << ownOrder.meanDb[slices - 1];
  // At the strata's own levels c / T, slice 0 dithers exactly as the coarse mask (the golden-ratio animation's
  // slice 0): the fine mask orders values only within a stratum.
  o.levels = slices;
  EXPECT_NEAR(computeTemporalMetrics(stratifiedStack(coarse, fine, slices), o).meanDb[0],
              computeTemporalMetrics(goldenRatioStack(coarse, slices), o).meanDb[0], 1e-9);
}
