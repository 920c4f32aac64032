#include "sort/bitonic_sort.h"

#include "bitonic_shared.h"
#include "sort/arg_sort.h"

namespace specdither {

BitonicSorter createBitonicSorter(GpuContext* c) {
  BitonicSorter s;
  s.pack = createKernel(c, "bitonic_pack", 2, sizeof(gpu::SortPush), SD_SORT_GLOBAL_GROUP);
  s.local = createKernel(c, "bitonic_local", 1, sizeof(gpu::SortPush), SD_SORT_THREADS);
  s.global = createKernel(c, "bitonic_global", 1, sizeof(gpu::SortPush), SD_SORT_GLOBAL_GROUP);
  return s;
}

void destroyBitonicSorter(GpuContext* c, BitonicSorter& s) {
  destroyKernel(c, s.pack);
  destroyKernel(c, s.local);
  destroyKernel(c, s.global);
}

void recordBitonicArgSort(VkCommandBuffer cmd, const BitonicSorter& s, const GpuBuffer& values, const GpuBuffer& pairs,
                          uint32_t count) {
  const uint32_t padded = sortPaddedCount(count);  // the padding arg_sort.h promises, as the merge sort pads
  const uint32_t block = padded < SD_SORT_BLOCK ? padded : SD_SORT_BLOCK;
  const uint32_t blocks = padded / block;
  gpu::SortPush push = {padded, count, 0, 0};
  recordDispatch(cmd, s.pack, {&pairs, &values}, push, padded);
  recordComputeBarrier(cmd);  // pairs written -> read by the block sort
  recordDispatch(cmd, s.local, {&pairs}, push, blocks * SD_SORT_THREADS);
  for (uint32_t k = 2 * block; k <= padded; k <<= 1) {
    for (uint32_t j = k / 2; j >= block; j >>= 1) {
      recordComputeBarrier(cmd);  // previous compare-exchange pass -> this one
      push.k = k;
      push.j = j;
      recordDispatch(cmd, s.global, {&pairs}, push, padded / 2);
    }
    recordComputeBarrier(cmd);  // last global pass of size k -> the in-block distances of the merge
    push.k = k;
    push.j = 1;
    recordDispatch(cmd, s.local, {&pairs}, push, blocks * SD_SORT_THREADS);
  }
}

}  // namespace specdither
