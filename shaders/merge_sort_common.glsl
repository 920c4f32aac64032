// Merging of sorted runs between the two halves of the pairs buffer (merge_sort_shared.h): the data at
// [0, paddedCount), scratch at [paddedCount, 2 paddedCount). One buffer, so a round's direction is an offset
// and not a branch (branches on lavapipe run both sides under a mask).
#include "merge_sort_shared.h"
#include "sort_pair.glsl"

// coherent: the block kernel's rounds read, after a barrier, what other invocations of its workgroup wrote.
// uvec2 and not SortPair: lavapipe loads a vector in one access but a struct member by member (measured: the
// whole sort ran 1.7x faster).
layout(std430, binding = 0) coherent buffer Pairs { uvec2 packedPairs[]; };
layout(push_constant) uniform Push { MergePush pc; };

SortPair loadPair(uint i) {
  uvec2 v = packedPairs[i];
  return SortPair(uintBitsToFloat(v.x), v.y);
}

void storePair(uint i, SortPair p) { packedPairs[i] = uvec2(floatBitsToUint(p.key), p.index); }

// Merge path (Odeh, Green, Mwassi, Shmueli, Birk 2012, "Merge Path - Parallel Merging Made Simple"): of the
// first d outputs of merging sorted runs A and B (each `width` long), this many come from A: the smallest i
// with A[i] > B[d - i - 1]. The predicate is monotone in i, so a binary search finds it.
uint mergePathSplit(uint a, uint b, uint width, uint d) {
  uint lo = d > width ? d - width : 0u;
  uint hi = min(d, width);
  while (lo < hi) {
    uint mid = (lo + hi) >> 1;
    if (pairLess(loadPair(b + d - mid - 1u), loadPair(a + mid))) {
      hi = mid;
    } else {
      lo = mid + 1u;
    }
  }
  return lo;
}

// Writes outputs [d, d + SD_MERGE_CHUNK) of the merge of A = [source + base, + width) and B = [source + base
// + width, + width) to target + base + d.
void mergeChunk(uint source, uint target, uint base, uint width, uint d) {
  uint a = source + base, b = a + width;
  uint i = mergePathSplit(a, b, width, d);
  uint j = d - i;
  SortPair x = loadPair(a + min(i, width - 1u));
  SortPair y = loadPair(b + min(j, width - 1u));
  for (uint k = 0u; k < SD_MERGE_CHUNK; ++k) {
    bool takeA = j >= width || (i < width && pairLess(x, y));
    storePair(target + base + d + k, takeA ? x : y);
    // Only the consumed side advances and is reloaded.
    if (takeA) {
      ++i;
      x = loadPair(a + min(i, width - 1u));
    } else {
      ++j;
      y = loadPair(b + min(j, width - 1u));
    }
  }
}

// Chunk number `chunk` of a round that merges runs of `width` within the block at `blockBase`.
void mergeRoundChunk(uint source, uint target, uint blockBase, uint width, uint chunk) {
  uint offset = chunk * SD_MERGE_CHUNK;
  uint runBase = offset & ~(2u * width - 1u);
  mergeChunk(source, target, blockBase + runBase, width, offset - runBase);
}
