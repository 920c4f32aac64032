#include "sort/merge_sort.h"

#include "sort/arg_sort.h"

#include <algorithm>
#include <thread>

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
  s.maxRuns = 4 * SD_MERGE_RUN_THREADS * std::max(1u, std::thread::hardware_concurrency());
  s.runs = createKernel(c, "merge_sort_runs", 2, sizeof(gpu::MergePush), SD_MERGE_RUN_THREADS);
  s.global = createKernel(c, "merge_sort_global", 1, sizeof(gpu::MergePush), SD_MERGE_THREADS);
  return s;
}

void destroyMergeSorter(GpuContext* c, MergeSorter& s) {
  destroyKernel(c, s.runs);
  destroyKernel(c, s.global);
}

uint32_t mergeRoundInvocations(const gpu::MergePush& round) {
  return round.paddedCount / std::min<uint32_t>(SD_MERGE_CHUNK, 2 * round.width);
}

gpu::MergePush recordMergeArgSortUntilLastRound(VkCommandBuffer cmd, const MergeSorter& s, const GpuBuffer& values,
                                                const GpuBuffer& pairs, uint32_t count) {
  const uint32_t padded = sortPaddedCount(count);
  // Runs as long as possible, for each doubling past them costs a dispatch, yet at least one SIMD group of
  // them, and 4 per device thread (x 8 lanes) for balance while they stay >= 1024 pairs, and none longer than
  // SD_MERGE_MAX_RUN. So there are always runs to merge: a last round exists.
  uint32_t runs = SD_MERGE_RUN_THREADS;
  while ((runs < s.maxRuns && padded / runs > 1024) || padded / runs > SD_MERGE_MAX_RUN) runs *= 2;
  const uint32_t runLength = padded / runs;
  // Every pass moves the data to the other half, so the leaves start in the half from which the last round
  // lands in the first one. The run kernel merges fours of runs (and once pairs when the doublings from leaf to
  // run are odd in number); every global round merges pairs.
  const uint32_t runDoublings = log2OfPowerOfTwo(runLength / SD_MERGE_LEAF);
  const uint32_t globalRounds = log2OfPowerOfTwo(runs);
  const uint32_t passes = (runDoublings + 1) / 2 + globalRounds;
  gpu::MergePush push = {padded, count, runLength, 0, passes % 2 == 1 ? 1u : 0u};
  recordDispatch(cmd, s.runs, {&pairs, &values}, push, runs);
  bool inScratch = globalRounds % 2 == 1;  // where the run kernel leaves the sorted runs
  for (uint32_t width = runLength;; width <<= 1) {
    push.width = width;
    push.sourceIsScratch = inScratch ? 1u : 0u;
    if (2 * width == padded) return push;
    recordComputeBarrier(cmd);  // the previous round's runs -> this round's merges
    recordDispatch(cmd, s.global, {&pairs}, push, mergeRoundInvocations(push));
    inScratch = !inScratch;
  }
}

void recordMergeArgSort(VkCommandBuffer cmd, const MergeSorter& s, const GpuBuffer& values, const GpuBuffer& pairs,
                        uint32_t count) {
  const gpu::MergePush last = recordMergeArgSortUntilLastRound(cmd, s, values, pairs, count);
  recordComputeBarrier(cmd);  // the previous round's runs -> the last merge
  recordDispatch(cmd, s.global, {&pairs}, last, mergeRoundInvocations(last));
}

}  // namespace specdither
