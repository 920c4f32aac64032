// Bitonic sort of (key, index) pairs (app/core/bitonic_sort.cpp). A workgroup of SD_SORT_THREADS sorts or
// merges a block of SD_SORT_BLOCK pairs in shared memory (8 KiB: within lavapipe's 32 KiB); steps whose
// compare distance spans blocks run as one global pass each. Each thread owns a chunk of SD_SORT_CHUNK
// neighbouring pairs: compare distances below the chunk size stay inside one thread and need no barrier.
// (Measured on lavapipe: 128, 256 or 512 threads per block cost the same; there the time goes into the
// compare-exchanges themselves, ~30 ns each, not into barriers.)
#ifndef SPECDITHER_BITONIC_SHARED_H
#define SPECDITHER_BITONIC_SHARED_H
#include "gpu_types.h"

#define SD_SORT_THREADS 128
#define SD_SORT_CHUNK 8
#define SD_SORT_BLOCK (SD_SORT_THREADS * SD_SORT_CHUNK)
#define SD_SORT_GLOBAL_GROUP 256

SD_BEGIN_NAMESPACE
struct SortPush {
  uint paddedCount;  // power of two
  uint count;        // real pairs; [count, paddedCount) are padding
  uint k;            // bitonic sequence size of this pass
  uint j;            // compare distance (global pass) / 0: local sort of whole blocks, else local merge
};
SD_END_NAMESPACE
#endif
