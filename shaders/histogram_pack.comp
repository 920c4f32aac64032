#version 450
// (value, pixel) pairs of the mask for the histogram term's sort.
#include "spectral_shared.h"
#include "bitonic_common.glsl"

layout(local_size_x = SD_SPECTRAL_GROUP) in;
layout(std430, binding = 0) readonly buffer Mask { float mask[]; };
layout(std430, binding = 1) writeonly buffer Pairs { SortPair pairs[]; };
layout(push_constant) uniform Push { SpectralPush pc; };

void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i >= pc.width * pc.height) return;
  pairs[i] = SortPair(mask[i], i);
}
