// GPU merge sort of (value, index) pairs, ascending by value then index: the arg-sort for CPU Vulkan
// implementations, where the bitonic sort's many barriers dominate (see shaders/merge_sort_shared.h). One
// dispatch has every invocation sort a run alone, then one dispatch per doubling of the run length merges
// the runs. On lavapipe every dispatch costs a hand-off to its thread pool (~40 us on a 2-core machine), so
// the runs are as long as balance allows: a 64x64 mask sorts in four dispatches, not nine.
#pragma once

#include "specdither/api.h"
#include "specdither/compute_kernel.h"
#include "merge_sort_shared.h"

#include <cstdint>

namespace specdither {

struct MergeSorter {
  ComputeKernel runs;
  ComputeKernel global;
  uint32_t maxRuns = 8;  // runs the first dispatch may split the pairs into: 4 per hardware thread and lane
};

MergeSorter createMergeSorter(GpuContext* context);
void destroyMergeSorter(GpuContext* context, MergeSorter& sorter);

// Writes the (values[i], i) pairs of values[0, count) into pairs, sorted (the contract of recordArgSort). The
// rounds use the second half of the pairs buffer (sortPairsBytes) as scratch.
void recordMergeArgSort(VkCommandBuffer cmd, const MergeSorter& sorter, const GpuBuffer& values, const GpuBuffer& pairs,
                        uint32_t count);

// The same sort up to its last merge round, whose push it returns (its results end un-barriered): a kernel
// that consumes the sorted pairs in rank order merges that round itself (mergeRoundChunk in
// shaders/merge_sort_common.glsl, pairs at binding 0) in mergeRoundInvocations(push) invocations.
gpu::MergePush recordMergeArgSortUntilLastRound(VkCommandBuffer cmd, const MergeSorter& sorter, const GpuBuffer& values,
                                                const GpuBuffer& pairs, uint32_t count);
uint32_t mergeRoundInvocations(const gpu::MergePush& round);

}  // namespace specdither
