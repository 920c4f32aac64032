#include "merge_sort.h"

#include "merge_sort_shared.h"
#include "arg_sort.h"

namespace specdither {

namespace {

uint32_t log2OfPowerOfTwo(uint32_t n) {
  uint32_t log = 0;
  while ((1u << log) < n) ++log;
  return log;
}

}  // namespace

MergeSorter createMergeSorter(GpuContext* c) {
  MergeSorter s;
  s.block = createKernel(c, "merge_sort_block", 2, sizeof(gpu::MergePush), SD_MERGE_THREADS);
  s.global = createKernel(c, "merge_sort_global", 1, sizeof(gpu::MergePush), SD_MERGE_THREADS);
  return s;
}

void destroyMergeSorter(GpuContext* c, MergeSorter& s) {
  destroyKernel(c, s.block);
  destroyKernel(c, s.global);
}

void recordMergeArgSort(VkCommandBuffer cmd, const MergeSorter& s, const GpuBuffer& values, const GpuBuffer& pairs,
                        uint32_t count) {
  const uint32_t padded = sortPaddedCount(count);
  const uint32_t block = padded < SD_MERGE_BLOCK ? padded : SD_MERGE_BLOCK;
  // Every round moves the data to the other half, so the leaves start in the half from which the last round
  // lands in the first one.
  const uint32_t blockRounds = log2OfPowerOfTwo(block / SD_MERGE_LEAF);
  const uint32_t globalRounds = log2OfPowerOfTwo(padded / block);
  const bool leavesInScratch = (blockRounds + globalRounds) % 2 == 1;
  gpu::MergePush push = {padded, count, 0, leavesInScratch ? 1u : 0u};
  recordDispatch(cmd, s.block, {&pairs, &values}, push, padded / block * SD_MERGE_THREADS);
  bool inScratch = globalRounds % 2 == 1;  // where the block kernel leaves the sorted blocks
  for (uint32_t width = block; width < padded; width <<= 1) {
    recordComputeBarrier(cmd);  // the previous round's runs -> this round's merges
    push.width = width;
    push.sourceIsScratch = inScratch ? 1u : 0u;
    recordDispatch(cmd, s.global, {&pairs}, push, padded / SD_MERGE_CHUNK);
    inScratch = !inScratch;
  }
}

}  // namespace specdither
