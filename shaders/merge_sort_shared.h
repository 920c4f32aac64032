// Merge sort of (key, index) pairs (app/core/merge_sort.cpp), the sort for CPU Vulkan devices. On lavapipe a
// workgroup runs on one CPU thread as SIMD-8 coroutines: a bitonic sort pays ~30 ns per compare-exchange in
// barriers, any memory access is a per-lane scalar loop, and a shader that holds a barrier at all runs ~2x
// slower. So no kernel here has a barrier, and invocations do long serial runs with few memory accesses: the
// run kernel has each invocation sort a run alone (SD_MERGE_LEAF pairs at a time with a sorting network in
// registers, then sequential merges), and every global round has each invocation write up to SD_MERGE_CHUNK
// outputs found by a merge-path binary search. (Measured at 64x64: ~0.25 ms against the bitonic sort's 5.2 ms.)
#ifndef SPECDITHER_MERGE_SORT_SHARED_H
#define SPECDITHER_MERGE_SORT_SHARED_H
#include "gpu_types.h"

#define SD_MERGE_THREADS 64   // workgroup size of the global rounds
#define SD_MERGE_RUN_THREADS 8  // workgroup size of the run kernel: one SIMD-8 group of lavapipe on AVX2
#define SD_MERGE_LEAF 16      // pairs sorted by one invocation's sorting network before merging starts
#define SD_MERGE_CHUNK 256    // outputs one invocation of a global round merges (fewer when runs are shorter)
// Longest run one invocation of the run kernel sorts. Lavapipe (gallivm) ends every loop of an invocation
// silently once 65535 iterations of all its loops together have run (LP_MAX_TGSI_LOOP_ITERATIONS): a run of
// 32768 pairs takes ~100k and came out unsorted. 8192 takes ~21k.
#define SD_MERGE_MAX_RUN 8192

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
