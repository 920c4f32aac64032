#version 450
// Normalizes whichever mask the running optimizer keeps into the float mask every view reads (and the studio's
// FFT transforms), so the views do not depend on the preset.
#include "studio_shared.h"

layout(local_size_x = SD_STUDIO_GROUP_X, local_size_y = SD_STUDIO_GROUP_Y) in;
layout(std430, binding = 0) readonly buffer Source { uint source[]; };
layout(std430, binding = 1) writeonly buffer ViewMask { float viewMask[]; };
layout(push_constant) uniform Push { StudioMaskSourcePush pc; };

void main() {
  uvec2 p = gl_GlobalInvocationID.xy;
  if (p.x >= pc.width || p.y >= pc.height) return;
  uint i = p.y * pc.width + p.x;
  uint x = source[pc.sourceOffset + i * pc.sourceStride];
  viewMask[i] = pc.ranks != 0u ? (float(x) + 0.5) / float(pc.planeSize) : uintBitsToFloat(x) * pc.scale + pc.offset;
}
