// GPU bitonic sort of (key, index) pairs against std::sort with the same order (key, then index).
#include "bitonic_sort.h"
#include "gpu_test.h"

#include <algorithm>
#include <random>

using namespace specdither;

namespace {

struct Pair {
  float key;
  uint32_t index;
};

class BitonicSortTest : public test::GpuTest, public ::testing::WithParamInterface<uint32_t> {};

TEST_P(BitonicSortTest, MatchesStdSortWithTies) {
  const uint32_t count = GetParam();
  std::mt19937 rng(count);
  // Few distinct keys so that ties are everywhere; negative, zero and positive values.
  std::uniform_int_distribution<int> dist(-20, 20);
  std::vector<Pair> pairs(nextPowerOfTwo(count), Pair{-12345.f, 0xdeadbeef});  // garbage in the padding
  for (uint32_t i = 0; i < count; ++i) pairs[i] = {float(dist(rng)) * 0.25f, i};
  std::shuffle(pairs.begin(), pairs.begin() + count, rng);

  GpuBuffer buffer = createBuffer(context, sortPairsBytes(count), MemoryKind::DeviceLocal);
  uploadBuffer(context, buffer, pairs.data(), pairs.size() * sizeof(Pair));
  BitonicSorter sorter = createBitonicSorter(context);
  submitAndWait(context, [&](VkCommandBuffer cmd) { recordBitonicSort(cmd, sorter, buffer, count); });
  std::vector<Pair> gpu(pairs.size());
  downloadBuffer(context, buffer, gpu.data(), gpu.size() * sizeof(Pair));
  destroyBitonicSorter(context, sorter);
  destroyBuffer(context, buffer);

  std::vector<Pair> expected(pairs.begin(), pairs.begin() + count);
  std::sort(expected.begin(), expected.end(),
            [](const Pair& a, const Pair& b) { return a.key < b.key || (a.key == b.key && a.index < b.index); });
  for (uint32_t i = 0; i < count; ++i) {
    ASSERT_EQ(gpu[i].key, expected[i].key) << "at " << i << " of " << count;
    ASSERT_EQ(gpu[i].index, expected[i].index) << "at " << i << " of " << count;
  }
}

INSTANTIATE_TEST_SUITE_P(Counts, BitonicSortTest,
                         ::testing::Values(1u, 2u, 7u, 100u, 1000u, 1024u, 1025u, 3000u, 4096u, 9409u, 70000u));

}  // namespace
