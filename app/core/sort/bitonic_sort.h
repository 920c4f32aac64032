// GPU bitonic sort (Batcher 1968) of (value, index) pairs, ascending by value then index: the arg-sort for
// GPUs behind arg_sort.h. Any count: the pairs are padded to sortPaddedCount(count) with +inf keys.
#pragma once

#include "specdither/api.h"
#include "specdither/compute_kernel.h"

#include <cstdint>

namespace specdither {

struct BitonicSorter {
  ComputeKernel pack;
  ComputeKernel local;
  ComputeKernel global;
};

BitonicSorter createBitonicSorter(GpuContext* context);
void destroyBitonicSorter(GpuContext* context, BitonicSorter& sorter);

// Writes the (values[i], i) pairs of values[0, count) into pairs, sorted (the contract of recordArgSort).
void recordBitonicArgSort(VkCommandBuffer cmd, const BitonicSorter& sorter, const GpuBuffer& values,
                          const GpuBuffer& pairs, uint32_t count);

}  // namespace specdither
