#version 450
// The live mask as gray pixels, or one of its threshold patterns (the display pipeline zooms and tiles it).
#include "studio_shared.h"
#include "studio_common.glsl"

layout(local_size_x = SD_STUDIO_GROUP_X, local_size_y = SD_STUDIO_GROUP_Y) in;
layout(std430, binding = 0) readonly buffer Mask { float mask[]; };
layout(std430, binding = 1) writeonly buffer Pixels { uint pixels[]; };
layout(push_constant) uniform Push { StudioMaskViewPush pc; };

void main() {
  uvec2 p = gl_GlobalInvocationID.xy;
  if (p.x >= pc.width || p.y >= pc.height) return;
  uint i = p.y * pc.width + p.x;
  uint c = pc.channels, base = pc.planeOffset + i * c;
  vec3 v = c == 1u ? vec3(mask[base])
                   : vec3(mask[base], mask[base + 1u], c > 2u ? mask[base + 2u] : 0.0);
  v = v * pc.scale + pc.offset;
  if (pc.cycle != 0u) v = fract(v);
  if (pc.threshold > 0.0) v = vec3(lessThan(v, vec3(pc.threshold)));
  if (c == 2u) v.b = 0.0;
  pixels[i] = packColor(v);
}
