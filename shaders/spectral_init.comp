#version 450
// The article's initial mask: (rand - 0.5) * 2, uniform in [-1, 1), keyed by (seed, pixel).
#include "spectral_shared.h"
#include "random_hash_shared.h"

layout(local_size_x = SD_SPECTRAL_GROUP) in;
layout(std430, binding = 0) writeonly buffer Mask { float mask[]; };
layout(push_constant) uniform Push { SpectralPush pc; };

void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i >= pc.width * pc.height) return;
  mask[i] = (uniform01(hashKey(pc.seedLow, pc.seedHigh, i, 0xffffffffu)) - 0.5) * 2.0;
}
