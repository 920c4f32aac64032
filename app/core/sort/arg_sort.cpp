#include "sort/arg_sort.h"

#include "merge_sort_shared.h"

namespace specdither {

uint32_t sortPaddedCount(uint32_t count) {
  uint32_t p = SD_MERGE_CHUNK;
  while (p < count) p <<= 1;
  return p;
}

SortAlgorithm resolveSortAlgorithm(const GpuContext* c, SortAlgorithm requested) {
  if (requested != SortAlgorithm::Auto) return requested;
  return c->properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU ? SortAlgorithm::Merge : SortAlgorithm::Bitonic;
}

const char* sortAlgorithmName(SortAlgorithm algorithm) {
  switch (algorithm) {
    case SortAlgorithm::Auto: return "auto";
    case SortAlgorithm::Bitonic: return "bitonic";
    case SortAlgorithm::Merge: return "merge";
  }
  return "?";
}

ArgSorter createArgSorter(GpuContext* c, SortAlgorithm algorithm) {
  ArgSorter s;
  s.algorithm = resolveSortAlgorithm(c, algorithm);
  if (s.algorithm == SortAlgorithm::Merge) {
    s.merge = createMergeSorter(c);
  } else {
    s.bitonic = createBitonicSorter(c);
  }
  return s;
}

void destroyArgSorter(GpuContext* c, ArgSorter& s) {
  if (s.algorithm == SortAlgorithm::Merge) {
    destroyMergeSorter(c, s.merge);
  } else {
    destroyBitonicSorter(c, s.bitonic);
  }
}

void recordArgSort(VkCommandBuffer cmd, const ArgSorter& s, const GpuBuffer& values, const GpuBuffer& pairs,
                   uint32_t count) {
  if (s.algorithm == SortAlgorithm::Merge) {
    recordMergeArgSort(cmd, s.merge, values, pairs, count);
  } else {
    recordBitonicArgSort(cmd, s.bitonic, values, pairs, count);
  }
}

}  // namespace specdither
