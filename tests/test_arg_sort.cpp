// Both GPU arg-sorts (bitonic and merge) against std::sort of (value, index) in the same order.
#include "sort/arg_sort.h"
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

class ArgSortTest : public test::GpuTest, public ::testing::WithParamInterface<std::tuple<SortAlgorithm, uint32_t>> {};

// Sorts `count` values with few distinct values (ties everywhere; negative, zero and positive) and checks the
// pairs against std::sort and the padding.
void expectSortsLikeStdSort(GpuContext* context, const ArgSorter& sorter, uint32_t count) {
  std::mt19937 rng(count);
  std::uniform_int_distribution<int> dist(-20, 20);
  std::vector<float> values(count);
  for (float& v : values) v = float(dist(rng)) * 0.25f;

  GpuBuffer valueBuffer = createBuffer(context, VkDeviceSize(count) * 4, MemoryKind::DeviceLocal);
  GpuBuffer pairBuffer = createBuffer(context, sortPairsBytes(count), MemoryKind::DeviceLocal);
  uploadBuffer(context, valueBuffer, values.data(), values.size() * 4);
  // Garbage where the sort writes, to show that the pairs and padding are all its own.
  std::vector<Pair> pairs(sortPairsBytes(count) / sizeof(Pair), Pair{-12345.f, 0xdeadbeef});
  uploadBuffer(context, pairBuffer, pairs.data(), pairs.size() * sizeof(Pair));
  submitAndWait(context, [&](VkCommandBuffer cmd) { recordArgSort(cmd, sorter, valueBuffer, pairBuffer, count); });
  downloadBuffer(context, pairBuffer, pairs.data(), pairs.size() * sizeof(Pair));
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

TEST_P(ArgSortTest, MatchesStdSortWithTiesAndPads) {
  const SortAlgorithm algorithm = std::get<0>(GetParam());
  ArgSorter sorter = createArgSorter(context, algorithm);
  ASSERT_EQ(sorter.algorithm, algorithm);
  expectSortsLikeStdSort(context, sorter, std::get<1>(GetParam()));
  destroyArgSorter(context, sorter);
}

// Up to 256 one padded block; 9409 (97x97) and 70000: padding and several global rounds of the merge sort.
INSTANTIATE_TEST_SUITE_P(Counts, ArgSortTest,
                         ::testing::Combine(::testing::Values(SortAlgorithm::Bitonic, SortAlgorithm::Merge),
                                            ::testing::Values(1u, 2u, 7u, 100u, 1000u, 1024u, 1025u, 3000u, 4096u,
                                                              9409u, 70000u)));

// The merge sort's split into runs depends on the machine's thread count (MergeSorter::maxRuns): every split,
// so that runs of odd and even numbers of doublings from the leaves (a pair merge before the four-way merges
// or not) and every count of global rounds are covered on any machine.
TEST_F(ArgSortTest, MergeSortMatchesStdSortAtEveryRunSplit) {
  ArgSorter sorter = createArgSorter(context, SortAlgorithm::Merge);
  for (uint32_t maxRuns : {8u, 16u, 32u, 64u, 128u, 256u}) {
    sorter.merge.maxRuns = maxRuns;
    for (uint32_t count : {3000u, 4096u, 70000u, 200000u}) {
      SCOPED_TRACE("maxRuns " + std::to_string(maxRuns) + ", count " + std::to_string(count));
      expectSortsLikeStdSort(context, sorter, count);
    }
  }
  destroyArgSorter(context, sorter);
}

TEST_F(ArgSortTest, AutoPicksMergeOnCpuDevicesAndBitonicElsewhere) {
  const bool cpu = context->properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
  EXPECT_EQ(resolveSortAlgorithm(context, SortAlgorithm::Auto), cpu ? SortAlgorithm::Merge : SortAlgorithm::Bitonic);
  EXPECT_EQ(resolveSortAlgorithm(context, SortAlgorithm::Bitonic), SortAlgorithm::Bitonic);
}

}  // namespace
