// Merge sort of (key, index) pairs (app/core/merge_sort.cpp), the sort for CPU Vulkan devices. On lavapipe a
// workgroup runs on one CPU thread as SIMD-8 coroutines, and every barrier() switches all of them: a bitonic
// sort pays ~30 ns per compare-exchange, and any memory access is a per-lane scalar loop. Here invocations
// do long serial runs with few barriers and few memory accesses: each sorts SD_MERGE_LEAF pairs in registers
// with a sorting network, then every merge round has each invocation write SD_MERGE_CHUNK outputs found by a
// merge-path binary search. (Measured at 64x64: 0.45 ms against the bitonic sort's 5.2 ms of CPU time.)
#ifndef SPECDITHER_MERGE_SORT_SHARED_H
#define SPECDITHER_MERGE_SORT_SHARED_H
#include "gpu_types.h"

#define SD_MERGE_THREADS 64   // workgroup size of the global rounds
#define SD_MERGE_RUN_THREADS 8  // workgroup size of the run kernel: one SIMD-8 group of lavapipe on AVX2
#define SD_MERGE_LEAF 16      // pairs sorted by one invocation's sorting network before merging starts
#define SD_MERGE_CHUNK 32     // outputs one invocation merges per run pair (<= 2 * SD_MERGE_LEAF)

SD_BEGIN_NAMESPACE
struct MergePush {
  uint paddedCount;      // power of two >= SD_MERGE_LEAF
  uint count;            // real pairs; the leaves pad [count, paddedCount) with +inf keys
  uint runLength;        // run kernel: pairs one invocation sorts (a power of two, SD_MERGE_LEAF to paddedCount)
  uint width;            // global round: length of the two sorted runs merged into one
  uint sourceIsScratch;  // run kernel: leaves go to the scratch half; global round: it reads the scratch half
};
SD_END_NAMESPACE
#endif
