// GPU bitonic sort (Batcher 1968) of (float key, uint index) pairs, ascending by key then index. Used for the
// histogram term of the blue-noise loss (Wronski 2020: the gradient of a sort is a scatter by rank). Any
// count: the pairs buffer holds nextPowerOfTwo(count) entries and the sorter pads the tail with +inf keys.
#pragma once

#include "api.h"
#include "compute_kernel.h"

#include <cstdint>

namespace specdither {

struct BitonicSorter {
  ComputeKernel pad;
  ComputeKernel local;
  ComputeKernel global;
};

SPECDITHER_API uint32_t nextPowerOfTwo(uint32_t n);
// Bytes of a pairs buffer for count pairs.
inline VkDeviceSize sortPairsBytes(uint32_t count) { return VkDeviceSize(nextPowerOfTwo(count)) * 8; }

SPECDITHER_API BitonicSorter createBitonicSorter(GpuContext* context);
SPECDITHER_API void destroyBitonicSorter(GpuContext* context, BitonicSorter& sorter);

// Sorts pairs[0, count) in place (the caller orders what wrote the pairs before with a barrier; the sort ends
// with its results written, un-barriered). Afterwards pairs[count, padded) hold +inf padding.
SPECDITHER_API void recordBitonicSort(VkCommandBuffer cmd, const BitonicSorter& sorter, const GpuBuffer& pairs,
                                      uint32_t count);

}  // namespace specdither
