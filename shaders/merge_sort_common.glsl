// Merging of sorted runs between the two halves of the pairs buffer (merge_sort_shared.h): the data at
// [0, paddedCount), scratch at [paddedCount, 2 paddedCount). One buffer, so a round's direction is an offset
// and not a branch (branches on lavapipe run both sides under a mask).
#include "merge_sort_shared.h"
#include "sort_pair.glsl"

// uvec2 and not SortPair: lavapipe loads a vector in one access but a struct member by member (measured: the
// whole sort ran 1.7x faster). The uvec4 view of the same buffer stores two pairs in one access.
layout(std430, binding = 0) buffer Pairs { uvec2 packedPairs[]; };
layout(std430, binding = 0) buffer PairDuos { uvec4 packedDuos[]; };

// What a merge does with its outputs p and q at positions (position, position + 1) of the merged array (even
// position): the sort's kernels store them into the half at `target`; the spectral step's last round
// (merge_update.comp) consumes them in rank order instead. The including kernel defines it.
void takeMergedPairs(uint target, uint position, SortPair p, SortPair q);

SortPair loadPair(uint i) {
  uvec2 v = packedPairs[i];
  return SortPair(uintBitsToFloat(v.x), v.y);
}

// Pairs i and i + 1 (i even).
void storeTwoPairs(uint i, SortPair p, SortPair q) {
  packedDuos[i >> 1] = uvec4(floatBitsToUint(p.key), p.index, floatBitsToUint(q.key), q.index);
}

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

// One output of merging runs A = [a, a + width) and B = [b, b + width) whose heads are A[i] = x and B[j] = y:
// the smaller head, whose side then advances and reloads. Branch-free, one load per output: lavapipe runs both
// sides of a divergent branch, and every load is a per-lane loop.
SortPair takeSmallerHead(uint a, uint b, uint width, inout uint i, inout uint j, inout SortPair x, inout SortPair y) {
  bool takeA = j >= width || (i < width && pairLess(x, y));
  SortPair taken = takeA ? x : y;
  i += takeA ? 1u : 0u;
  j += takeA ? 0u : 1u;
  SortPair next = loadPair(takeA ? a + min(i, width - 1u) : b + min(j, width - 1u));
  x = takeA ? next : x;
  y = takeA ? y : next;
  return taken;
}

// Hands outputs [d, d + count) of the merge of A = [source + base, + width) and B = [source + base + width,
// + width) to takeMergedPairs at positions base + d onwards (d and count even), two at a time.
void mergeChunk(uint source, uint target, uint base, uint width, uint d, uint count) {
  uint a = source + base, b = a + width;
  uint i = mergePathSplit(a, b, width, d);
  uint j = d - i;
  SortPair x = loadPair(a + min(i, width - 1u));
  SortPair y = loadPair(b + min(j, width - 1u));
  for (uint k = 0u; k < count; k += 2u) {
    SortPair first = takeSmallerHead(a, b, width, i, j, x, y);
    SortPair second = takeSmallerHead(a, b, width, i, j, x, y);
    takeMergedPairs(target, base + d + k, first, second);
  }
}

// Invocation `invocation`'s share of a global merge round with push m: `outputs` consecutive outputs (a
// merged run holds 2 * width of them); the longer the chunk, the fewer merge-path searches per output.
void mergeRoundChunk(MergePush m, uint invocation) {
  uint outputs = min(uint(SD_MERGE_CHUNK), 2u * m.width);
  uint offset = invocation * outputs;
  if (offset >= m.paddedCount) return;
  uint source = m.sourceIsScratch != 0u ? m.paddedCount : 0u;
  uint runBase = offset & ~(2u * m.width - 1u);
  mergeChunk(source, m.paddedCount - source, runBase, m.width, offset - runBase, outputs);
}
