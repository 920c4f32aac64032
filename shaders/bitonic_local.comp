#version 450
// Sorts whole blocks (pc.j == 0: every k from 2 to the block size) or finishes a merge of sequence size
// pc.k > block (pc.j != 0: distances block/2 .. 1), in shared memory.
#include "bitonic_shared.h"
#include "bitonic_common.glsl"

layout(local_size_x = SD_SORT_THREADS) in;
layout(std430, binding = 0) buffer Pairs { SortPair pairs[]; };
layout(push_constant) uniform Push { SortPush pc; };

shared SortPair block[SD_SORT_BLOCK];

void compareExchange(uint lo, uint hi, uint k, uint base) {
  bool ascending = ((base + lo) & k) == 0u;
  SortPair a = block[lo], b = block[hi];
  bool exchange = pairLess(b, a) == ascending;
  block[lo] = exchange ? b : a;
  block[hi] = exchange ? a : b;
}

void main() {
  uint n = min(uint(SD_SORT_BLOCK), pc.paddedCount);
  uint base = gl_WorkGroupID.x * n;
  uint t = gl_LocalInvocationID.x;
  for (uint e = t; e < n; e += SD_SORT_THREADS) block[e] = pairs[base + e];
  barrier();
  uint kFirst = pc.j == 0u ? 2u : pc.k;
  uint kLast = pc.j == 0u ? n : pc.k;
  for (uint k = kFirst; k <= kLast; k <<= 1) {
    for (uint j = min(k, n) >> 1; j > 0u; j >>= 1) {
      if (j >= SD_SORT_CHUNK) {
        for (uint p = t; p < n / 2u; p += SD_SORT_THREADS) {
          uint lo = lowerOfPair(p, j);
          compareExchange(lo, lo + j, k, base);
        }
        barrier();
      } else {
        // Both elements of every pair lie in this thread's own chunk.
        uint chunk = t * SD_SORT_CHUNK;
        for (uint q = 0u; q < SD_SORT_CHUNK / 2u; ++q) {
          uint lo = chunk + lowerOfPair(q, j);
          if (lo + j < n) compareExchange(lo, lo + j, k, base);
        }
        if (j == 1u) barrier();  // the chunk results -> the next sequence size's cross-chunk distances
      }
    }
  }
  for (uint e = t; e < n; e += SD_SORT_THREADS) pairs[base + e] = block[e];
}
