// GPU merge sort of (value, index) pairs, ascending by value then index: the arg-sort for CPU Vulkan
// implementations, where the bitonic sort's many barriers dominate (see shaders/merge_sort_shared.h). One
// dispatch sorts blocks of 1024 pairs, then one dispatch per doubling of the run length merges the blocks.
#pragma once

#include "api.h"
#include "compute_kernel.h"

#include <cstdint>

namespace specdither {

struct MergeSorter {
  ComputeKernel block;
  ComputeKernel global;
};

SPECDITHER_API MergeSorter createMergeSorter(GpuContext* context);
SPECDITHER_API void destroyMergeSorter(GpuContext* context, MergeSorter& sorter);

// Writes the (values[i], i) pairs of values[0, count) into pairs, sorted (the contract of recordArgSort). The
// rounds use the second half of the pairs buffer (sortPairsBytes) as scratch.
SPECDITHER_API void recordMergeArgSort(VkCommandBuffer cmd, const MergeSorter& sorter, const GpuBuffer& values,
                                       const GpuBuffer& pairs, uint32_t count);

}  // namespace specdither
