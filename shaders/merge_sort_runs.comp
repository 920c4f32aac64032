#version 450
// Sorts one run of pc.runLength pairs per invocation, alone: sorting networks on its leaves, then sequential
// merges of its own runs that alternate between the two halves of the buffer. No invocation reads what
// another wrote, so there is no barrier: on lavapipe a kernel with barriers runs as coroutines, and merge
// rounds inside one ran ~2x slower than the same rounds without (measured). The leaves read the values
// themselves (pair i = (values[i], i), +inf past pc.count): the arg-sort needs no packing pass.
#include "merge_sort_common.glsl"

layout(local_size_x = SD_MERGE_RUN_THREADS) in;
layout(std430, binding = 1) readonly buffer Values { float values[]; };
layout(std430, binding = 1) readonly buffer ValueQuads { vec4 valueQuads[]; };
layout(push_constant) uniform Push { MergePush pc; };

void takeMergedPairs(uint target, uint position, SortPair p, SortPair q) { storeTwoPairs(target + position, p, q); }

void compareExchange(inout SortPair x, inout SortPair y) {
  bool swap = pairLess(y, x);
  SortPair low = swap ? y : x;
  y = swap ? x : y;
  x = low;
}

// Batcher's odd-even merge sort network for 16 inputs (63 comparators; Knuth, TAOCP vol. 3, 5.3.4). Fixed
// indices keep the leaf in registers, where lavapipe is fast; its memory accesses are per-lane scalar loops.
void sortLeaf(inout SortPair v[SD_MERGE_LEAF]) {
  compareExchange(v[0], v[1]); compareExchange(v[2], v[3]); compareExchange(v[0], v[2]); compareExchange(v[1], v[3]);
  compareExchange(v[1], v[2]); compareExchange(v[4], v[5]); compareExchange(v[6], v[7]); compareExchange(v[4], v[6]);
  compareExchange(v[5], v[7]); compareExchange(v[5], v[6]); compareExchange(v[0], v[4]); compareExchange(v[2], v[6]);
  compareExchange(v[2], v[4]); compareExchange(v[1], v[5]); compareExchange(v[3], v[7]); compareExchange(v[3], v[5]);
  compareExchange(v[1], v[2]); compareExchange(v[3], v[4]); compareExchange(v[5], v[6]); compareExchange(v[8], v[9]);
  compareExchange(v[10], v[11]); compareExchange(v[8], v[10]); compareExchange(v[9], v[11]);
  compareExchange(v[9], v[10]); compareExchange(v[12], v[13]); compareExchange(v[14], v[15]);
  compareExchange(v[12], v[14]); compareExchange(v[13], v[15]); compareExchange(v[13], v[14]);
  compareExchange(v[8], v[12]); compareExchange(v[10], v[14]); compareExchange(v[10], v[12]);
  compareExchange(v[9], v[13]); compareExchange(v[11], v[15]); compareExchange(v[11], v[13]);
  compareExchange(v[9], v[10]); compareExchange(v[11], v[12]); compareExchange(v[13], v[14]);
  compareExchange(v[0], v[8]); compareExchange(v[4], v[12]); compareExchange(v[4], v[8]);
  compareExchange(v[2], v[10]); compareExchange(v[6], v[14]); compareExchange(v[6], v[10]);
  compareExchange(v[2], v[4]); compareExchange(v[6], v[8]); compareExchange(v[10], v[12]);
  compareExchange(v[1], v[9]); compareExchange(v[5], v[13]); compareExchange(v[5], v[9]);
  compareExchange(v[3], v[11]); compareExchange(v[7], v[15]); compareExchange(v[7], v[11]);
  compareExchange(v[3], v[5]); compareExchange(v[7], v[9]); compareExchange(v[11], v[13]);
  compareExchange(v[1], v[2]); compareExchange(v[3], v[4]); compareExchange(v[5], v[6]); compareExchange(v[7], v[8]);
  compareExchange(v[9], v[10]); compareExchange(v[11], v[12]); compareExchange(v[13], v[14]);
}

void main() {
  uint runLength = pc.runLength;
  uint first = gl_GlobalInvocationID.x * runLength;
  if (first >= pc.paddedCount) return;
  uint source = pc.sourceIsScratch != 0u ? pc.paddedCount : 0u;
  for (uint leaf = first; leaf < first + runLength; leaf += SD_MERGE_LEAF) {
    SortPair v[SD_MERGE_LEAF];
    if (leaf + SD_MERGE_LEAF <= pc.count) {  // whole leaves read four values per access
      for (uint e = 0u; e < SD_MERGE_LEAF; e += 4u) {
        vec4 four = valueQuads[(leaf + e) >> 2];
        for (uint q = 0u; q < 4u; ++q) v[e + q] = SortPair(four[q], leaf + e + q);
      }
    } else {
      for (uint e = 0u; e < SD_MERGE_LEAF; ++e) {
        uint i = leaf + e;
        v[e] = SortPair(i < pc.count ? values[i] : uintBitsToFloat(0x7f800000u), i);
      }
    }
    sortLeaf(v);
    for (uint e = 0u; e < SD_MERGE_LEAF; e += 2u) storeTwoPairs(source + leaf + e, v[e], v[e + 1u]);
  }
  for (uint width = SD_MERGE_LEAF; width < runLength; width <<= 1) {
    for (uint base = first; base < first + runLength; base += 2u * width)
      mergeChunk(source, pc.paddedCount - source, base, width, 0u, 2u * width);
    source = pc.paddedCount - source;
  }
}
