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

vec3 quantize(vec3 x, vec3 t) {
  float top = float(pc.levels - 1u);
  return clamp(floor(x * top + t), vec3(0.0), vec3(top)) / top;
}

// t = 1 would lift a black pixel to the next level: thresholds live in [0, 1).
vec3 threshold(vec3 t) { return clamp(t, vec3(0.0), vec3(0.99999)); }

// The thresholds of colour channels R, G, B from a buffer of `channels` values per pixel at `base`.
vec3 channelValues(uint base, uint channels, bool firstOnly) {
  if (channels == 1u || firstOnly) return vec3(mask[base]);
  return vec3(mask[base], mask[base + 1u], mask[base + (channels > 2u ? 2u : 0u)]);
}

// The thresholds of mask pixel m in slice s.
vec3 sliceThresholds(uint m, uint s, bool firstOnly) {
  uint own = pc.maskSlices > 1u ? s : 0u;
  vec3 t = channelValues((own * pc.maskWidth * pc.maskHeight + m) * pc.channels, pc.channels, firstOnly);
  t = t * pc.maskScale + pc.maskOffset;
  if (pc.maskSlices == 1u && pc.slices > 1u) t = fract(t + float(s) * pc.sliceStep);
  // The colour preset's arrangement of one mask (docs/method.md §11.3); firstOnly is "one mask for R, G, B".
  if (pc.invertGreen != 0u && pc.channels == 1u && !firstOnly) t.g = 1.0 - t.g;
  return threshold(t);
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
    uint c = pc.compareChannels, base = m * c;
    vec3 t = c == 1u ? vec3(compareMask[base])
                     : vec3(compareMask[base], compareMask[base + 1u], compareMask[base + (c > 2u ? 2u : 0u)]);
    pixels[i] = packColor(quantize(source, threshold(t * pc.compareScale + pc.compareOffset)));
    return;
  }
  uint m = wrapIndex(p.y, pc.maskHeight) * pc.maskWidth + wrapIndex(p.x, pc.maskWidth);
  if (!right || pc.compareMode == 4u) {
    pixels[i] = packColor(quantize(source, sliceThresholds(m, pc.slice, right)));
    return;
  }
  // The frames of slices slice, slice - 1, ... (the previous loop's before slice 0), averaged.
  vec3 sum = vec3(0.0);
  uint s = pc.slice;
  for (uint j = 0u; j < pc.weightCount; ++j) {
    sum += weights[j] * quantize(source, sliceThresholds(m, s, false));
    s = s == 0u ? pc.slices - 1u : s - 1u;
  }
  pixels[i] = packColor(sum);
}
