// Arg-sort on the GPU: the (value, index) pairs of a float array, ascending by value then index, by either of the
// algorithms of specdither/sort_algorithm.h (why two: there; the merge sort's design: shaders/merge_sort_shared.h).
#pragma once

#include "specdither/sort_algorithm.h"
#include "sort/bitonic_sort.h"
#include "sort/merge_sort.h"

#include <cstdint>

namespace specdither {

// Pairs a sort may touch for count real pairs: the power of two at or above count, at least 16.
uint32_t sortPaddedCount(uint32_t count);
// Bytes of a pairs buffer for count pairs: the padded pairs and as many again of scratch for the merge sort.
inline VkDeviceSize sortPairsBytes(uint32_t count) { return VkDeviceSize(sortPaddedCount(count)) * 16; }

struct ArgSorter {
  SortAlgorithm algorithm = SortAlgorithm::Bitonic;  // never Auto once created
  BitonicSorter bitonic;
  MergeSorter merge;
};

ArgSorter createArgSorter(GpuContext* context, SortAlgorithm algorithm = SortAlgorithm::Auto);
void destroyArgSorter(GpuContext* context, ArgSorter& sorter);

// Writes pairs[r] = (values[i], i) of rank r for r < count into a buffer of sortPairsBytes(count) (the caller
// barriers what wrote the values before; the results end un-barriered). Pairs [count, sortPaddedCount(count))
// end as (+inf, index) padding.
void recordArgSort(VkCommandBuffer cmd, const ArgSorter& sorter, const GpuBuffer& values, const GpuBuffer& pairs,
                   uint32_t count);

}  // namespace specdither
