#version 450
// Fills [count, paddedCount) with +infinity keys so that padding sorts to the end.
#include "bitonic_shared.h"
#include "bitonic_common.glsl"

layout(local_size_x = SD_SORT_GLOBAL_GROUP) in;
layout(std430, binding = 0) writeonly buffer Pairs { SortPair pairs[]; };
layout(push_constant) uniform Push { SortPush pc; };

void main() {
  uint i = pc.count + gl_GlobalInvocationID.x;
  if (i >= pc.paddedCount) return;
  pairs[i] = SortPair(uintBitsToFloat(0x7f800000u), i);
}
