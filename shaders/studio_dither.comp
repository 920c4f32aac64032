#version 450
// A photo dithered with a tiled threshold mask, optionally split against a second mask or the source.
#include "studio_shared.h"
#include "studio_common.glsl"

layout(local_size_x = SD_STUDIO_GROUP_X, local_size_y = SD_STUDIO_GROUP_Y) in;
layout(std430, binding = 0) readonly buffer Photo { uint photo[]; };
layout(std430, binding = 1) readonly buffer Mask { float mask[]; };
layout(std430, binding = 2) readonly buffer Compare { float compareMask[]; };
layout(std430, binding = 3) writeonly buffer Pixels { uint pixels[]; };
// The accumulation's weights, newest frame first (compareMode 3).
layout(std430, binding = 4) readonly buffer Weights { float weights[]; };
layout(push_constant) uniform Push { StudioDitherPush pc; };

vec3 quantize(vec3 x, float t) {
  float top = float(pc.levels - 1u);
  return clamp(floor(x * top + t), 0.0, top) / top;
}

// t = 1 would lift a black pixel to the next level: thresholds live in [0, 1).
float threshold(float t) { return clamp(t, 0.0, 0.99999); }

// The threshold of mask pixel m in slice s.
float sliceThreshold(uint m, uint s) {
  if (pc.stacked != 0u) return threshold(mask[s * pc.maskWidth * pc.maskHeight + m] * pc.maskScale + pc.maskOffset);
  float t = mask[m] * pc.maskScale + pc.maskOffset;
  return threshold(pc.slices > 1u ? fract(t + float(s) * pc.sliceStep) : t);
}

void main() {
  uvec2 p = gl_GlobalInvocationID.xy + uvec2(pc.originX, pc.originY);
  if (p.x >= pc.width || p.y >= pc.height) return;
  uint i = p.y * pc.width + p.x;
  vec3 source = unpackUnorm4x8(photo[i]).rgb;
  if (pc.luma != 0u) source = vec3(dot(source, vec3(0.2126, 0.7152, 0.0722)));
  bool right = pc.compareMode != 0u && p.x >= pc.splitX;
  if (right && pc.compareMode == 2u) {
    pixels[i] = packColor(source);
    return;
  }
  if (right && pc.compareMode == 1u) {
    uint m = wrapIndex(p.y, pc.compareHeight) * pc.compareWidth + wrapIndex(p.x, pc.compareWidth);
    pixels[i] = packColor(quantize(source, threshold(compareMask[m] * pc.compareScale + pc.compareOffset)));
    return;
  }
  uint m = wrapIndex(p.y, pc.maskHeight) * pc.maskWidth + wrapIndex(p.x, pc.maskWidth);
  if (!right) {
    pixels[i] = packColor(quantize(source, sliceThreshold(m, pc.slice)));
    return;
  }
  // The frames of slices slice, slice - 1, ... (the previous loop's before slice 0), averaged.
  vec3 sum = vec3(0.0);
  uint s = pc.slice;
  for (uint j = 0u; j < pc.weightCount; ++j) {
    sum += weights[j] * quantize(source, sliceThreshold(m, s));
    s = s == 0u ? pc.slices - 1u : s - 1u;
  }
  pixels[i] = packColor(sum);
}
