#version 450
// The bitonic arg-sort's input: pairs[i] = (values[i], i) for i < count, and (+inf, i) up to paddedCount so
// that padding sorts to the end.
#include "bitonic_shared.h"
#include "bitonic_common.glsl"

layout(local_size_x = SD_SORT_GLOBAL_GROUP) in;
layout(std430, binding = 0) writeonly buffer Pairs { SortPair pairs[]; };
layout(std430, binding = 1) readonly buffer Values { float values[]; };
layout(push_constant) uniform Push { SortPush pc; };

void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i >= pc.paddedCount) return;
  float key = uintBitsToFloat(0x7f800000u);
  if (i < pc.count) key = values[i];
  pairs[i] = SortPair(key, i);
}
