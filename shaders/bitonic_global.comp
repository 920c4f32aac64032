#version 450
// One compare-exchange step of distance j >= SD_SORT_BLOCK within bitonic sequences of size k.
#include "bitonic_shared.h"
#include "bitonic_common.glsl"

layout(local_size_x = SD_SORT_GLOBAL_GROUP) in;
layout(std430, binding = 0) buffer Pairs { SortPair pairs[]; };
layout(push_constant) uniform Push { SortPush pc; };

void main() {
  uint t = gl_GlobalInvocationID.x;
  if (t >= pc.paddedCount / 2u) return;
  uint lo = lowerOfPair(t, pc.j);
  uint hi = lo + pc.j;
  bool ascending = (lo & pc.k) == 0u;
  SortPair a = pairs[lo], b = pairs[hi];
  bool exchange = pairLess(b, a) == ascending;
  pairs[lo] = exchange ? b : a;
  pairs[hi] = exchange ? a : b;
}
