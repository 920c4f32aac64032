// Arg-sort on the GPU: the (value, index) pairs of a float array, ascending by value then index. The histogram
// term's sort (Wronski 2020: the gradient of a sort is a scatter by rank). Two algorithms with one contract:
// the bitonic sort (Batcher 1968) for GPUs, and a merge sort for CPU Vulkan implementations such as lavapipe,
// where it is ~10x faster because it needs few workgroup barriers (see shaders/merge_sort_shared.h).
#pragma once

#include "specdither/api.h"
#include "specdither/bitonic_sort.h"
#include "specdither/merge_sort.h"

#include <cstdint>

namespace specdither {

enum class SortAlgorithm { Auto, Bitonic, Merge };  // Auto: Merge on CPU devices, Bitonic elsewhere

// Pairs a sort may touch for count real pairs: the power of two at or above count, at least 16.
SPECDITHER_API uint32_t sortPaddedCount(uint32_t count);
// Bytes of a pairs buffer for count pairs: the padded pairs and as many again of scratch for the merge sort.
inline VkDeviceSize sortPairsBytes(uint32_t count) { return VkDeviceSize(sortPaddedCount(count)) * 16; }

struct ArgSorter {
  SortAlgorithm algorithm = SortAlgorithm::Bitonic;  // never Auto once created
  BitonicSorter bitonic;
  MergeSorter merge;
};

SPECDITHER_API SortAlgorithm resolveSortAlgorithm(const GpuContext* context, SortAlgorithm requested);
SPECDITHER_API const char* sortAlgorithmName(SortAlgorithm algorithm);
SPECDITHER_API ArgSorter createArgSorter(GpuContext* context, SortAlgorithm algorithm = SortAlgorithm::Auto);
SPECDITHER_API void destroyArgSorter(GpuContext* context, ArgSorter& sorter);

// Writes pairs[r] = (values[i], i) of rank r for r < count into a buffer of sortPairsBytes(count) (the caller
// barriers what wrote the values before; the results end un-barriered). Pairs [count, sortPaddedCount(count))
// end as (+inf, index) padding.
SPECDITHER_API void recordArgSort(VkCommandBuffer cmd, const ArgSorter& sorter, const GpuBuffer& values,
                                  const GpuBuffer& pairs, uint32_t count);

}  // namespace specdither
