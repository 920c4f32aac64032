#version 450
// Sorts one run of pc.runLength pairs per invocation, alone: sorting networks on its leaves, then sequential
// merges of its own runs, four at a time (0.95 -> 0.69 ms at 256x256 against two at a time), that alternate
// between the two halves of the buffer. No invocation reads what
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

// Whether head x of a run wins over head y of another: an exhausted run's head (live false) never wins.
bool wins(SortPair x, bool xLive, SortPair y, bool yLive) { return xLive && (!yLive || pairLess(x, y)); }

// Merges the four sorted runs at source + base + {0, 1, 2, 3} * width into 4 * width outputs at target + base:
// half the passes, loads and stores of merging pairs of runs, for a few more comparisons in registers (a
// tournament of the four heads). Branch-free with one load per output, as takeSmallerHead.
void mergeFourRuns(uint source, uint target, uint base, uint width) {
  uint a = source + base;
  uint n0 = 0u, n1 = 0u, n2 = 0u, n3 = 0u;  // pairs taken from each run
  SortPair h0 = loadPair(a), h1 = loadPair(a + width), h2 = loadPair(a + 2u * width), h3 = loadPair(a + 3u * width);
  for (uint k = 0u; k < 4u * width; k += 2u) {
    SortPair taken[2];
    for (uint t = 0u; t < 2u; ++t) {
      bool l0 = n0 < width, l1 = n1 < width, l2 = n2 < width, l3 = n3 < width;
      bool first01 = wins(h0, l0, h1, l1), first23 = wins(h2, l2, h3, l3);
      SortPair m01 = first01 ? h0 : h1, m23 = first23 ? h2 : h3;
      bool low = wins(m01, first01 ? l0 : l1, m23, first23 ? l2 : l3);
      taken[t] = low ? m01 : m23;
      uint run = low ? (first01 ? 0u : 1u) : (first23 ? 2u : 3u);
      n0 += run == 0u ? 1u : 0u;
      n1 += run == 1u ? 1u : 0u;
      n2 += run == 2u ? 1u : 0u;
      n3 += run == 3u ? 1u : 0u;
      uint count = run == 0u ? n0 : (run == 1u ? n1 : (run == 2u ? n2 : n3));
      SortPair next = loadPair(a + run * width + min(count, width - 1u));
      h0 = run == 0u ? next : h0;
      h1 = run == 1u ? next : h1;
      h2 = run == 2u ? next : h2;
      h3 = run == 3u ? next : h3;
    }
    storeTwoPairs(target + base + k, taken[0], taken[1]);
  }
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
  // Pairs of runs merged once when the doublings from leaf to run are odd in number, then fours.
  uint width = SD_MERGE_LEAF;
  if ((findMSB(runLength / width) & 1) != 0) {
    for (uint base = first; base < first + runLength; base += 2u * width)
      mergeChunk(source, pc.paddedCount - source, base, width, 0u, 2u * width);
    source = pc.paddedCount - source;
    width *= 2u;
  }
  for (; width < runLength; width *= 4u) {
    for (uint base = first; base < first + runLength; base += 4u * width)
      mergeFourRuns(source, pc.paddedCount - source, base, width);
    source = pc.paddedCount - source;
  }
}
