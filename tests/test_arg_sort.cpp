// Both GPU arg-sorts (bitonic and merge) against std::sort of (value, index) in the same order.
#include "arg_sort.h"
#include "gpu_test.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <tuple>

using namespace specdither;

namespace {

struct Pair {
  float key;
  uint32_t index;
};

class ArgSortTest : public test::GpuTest,
                    public ::testing::WithParamInterface<std::tuple<SortAlgorithm, uint32_t>> {};

TEST_P(ArgSortTest, MatchesStdSortWithTiesAndPads) {
  const SortAlgorithm algorithm = std::get<0>(GetParam());
  const uint32_t count = std::get<1>(GetParam());
  std::mt19937 rng(count);
  // Few distinct values so that ties are everywhere; negative, zero and positive values.
  std::uniform_int_distribution<int> dist(-20, 20);
  std::vector<float> values(count);
  for (float& v : values) v = float(dist(rng)) * 0.25f;

  GpuBuffer valueBuffer = createBuffer(context, VkDeviceSize(count) * 4, MemoryKind::DeviceLocal);
  GpuBuffer pairBuffer = createBuffer(context, sortPairsBytes(count), MemoryKind::DeviceLocal);
  uploadBuffer(context, valueBuffer, values.data(), values.size() * 4);
  // Garbage where the sort writes, to show that the pairs and padding are all its own.
  std::vector<Pair> pairs(sortPairsBytes(count) / sizeof(Pair), Pair{-12345.f, 0xdeadbeef});
  uploadBuffer(context, pairBuffer, pairs.data(), pairs.size() * sizeof(Pair));
  ArgSorter sorter = createArgSorter(context, algorithm);
  ASSERT_EQ(sorter.algorithm, algorithm);
  submitAndWait(context, [&](VkCommandBuffer cmd) { recordArgSort(cmd, sorter, valueBuffer, pairBuffer, count); });
  downloadBuffer(context, pairBuffer, pairs.data(), pairs.size() * sizeof(Pair));
  destroyArgSorter(context, sorter);
  destroyBuffer(context, valueBuffer);
  destroyBuffer(context, pairBuffer);

  std::vector<Pair> expected(count);
  for (uint32_t i = 0; i < count; ++i) expected[i] = {values[i], i};
  std::sort(expected.begin(), expected.end(),
            [](const Pair& a, const Pair& b) { return a.key < b.key || (a.key == b.key && a.index < b.index); });
  for (uint32_t i = 0; i < count; ++i) {
    ASSERT_EQ(pairs[i].key, expected[i].key) << "at " << i << " of " << count;
    ASSERT_EQ(pairs[i].index, expected[i].index) << "at " << i << " of " << count;
  }
  for (uint32_t i = count; i < sortPaddedCount(count); ++i) EXPECT_TRUE(std::isinf(pairs[i].key)) << "padding at " << i;
}

// 1024 and 4096: one and four merge-sort blocks; 9409 (97x97) and 70000: padding and several global rounds.
INSTANTIATE_TEST_SUITE_P(Counts, ArgSortTest,
                         ::testing::Combine(::testing::Values(SortAlgorithm::Bitonic, SortAlgorithm::Merge),
                                            ::testing::Values(1u, 2u, 7u, 100u, 1000u, 1024u, 1025u, 3000u, 4096u,
                                                              9409u, 70000u)));

TEST_F(ArgSortTest, AutoPicksMergeOnCpuDevicesAndBitonicElsewhere) {
  const bool cpu = context->properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
  EXPECT_EQ(resolveSortAlgorithm(context, SortAlgorithm::Auto), cpu ? SortAlgorithm::Merge : SortAlgorithm::Bitonic);
  EXPECT_EQ(resolveSortAlgorithm(context, SortAlgorithm::Bitonic), SortAlgorithm::Bitonic);
}

}  // namespace
