#version 450
// Sorts one block of min(SD_MERGE_BLOCK, paddedCount) pairs per workgroup: sorting networks on leaves, then
// merge rounds that alternate between the two halves of the buffer. The leaves read the values themselves
// (pair i = (values[i], i), +inf past pc.count): the arg-sort needs no packing pass.
#include "merge_sort_common.glsl"

layout(local_size_x = SD_MERGE_THREADS) in;
layout(std430, binding = 1) readonly buffer Values { float values[]; };

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
  uint block = min(uint(SD_MERGE_BLOCK), pc.paddedCount);
  uint base = gl_WorkGroupID.x * block;
  uint t = gl_LocalInvocationID.x;
  uint source = pc.sourceIsScratch != 0u ? pc.paddedCount : 0u;
  for (uint leaf = t; leaf < block / SD_MERGE_LEAF; leaf += SD_MERGE_THREADS) {
    uint first = base + leaf * SD_MERGE_LEAF;
    SortPair v[SD_MERGE_LEAF];
    for (uint e = 0u; e < SD_MERGE_LEAF; ++e) {
      uint i = first + e;
      v[e] = SortPair(uintBitsToFloat(0x7f800000u), i);
      if (i < pc.count) v[e].key = values[i];
    }
    sortLeaf(v);
    for (uint e = 0u; e < SD_MERGE_LEAF; ++e) storePair(source + first + e, v[e]);
  }
  for (uint width = SD_MERGE_LEAF; width < block; width <<= 1) {
    memoryBarrierBuffer();
    barrier();  // the previous round's outputs -> this round's merge-path searches
    for (uint chunk = t; chunk < block / SD_MERGE_CHUNK; chunk += SD_MERGE_THREADS)
      mergeRoundChunk(source, pc.paddedCount - source, base, width, chunk);
    source = pc.paddedCount - source;
  }
}
