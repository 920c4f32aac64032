#version 450
// Histogram term H = sum_r (sort(m)_r - t_r)^2 and its gradient: the pixel of rank r gets
// a_H c2 * 2 (sort(m)_r - t_r) (Wronski 2020: backpropagation through sorting is a scatter by rank).
// Per-workgroup partial sums of H on loss steps only.
#include "spectral_shared.h"
#include "random_hash.glsl"
#include "spectral_common.glsl"
#include "sort_pair.glsl"
#include "workgroup_sum.glsl"

layout(local_size_x = SD_SPECTRAL_GROUP) in;
layout(std430, binding = 0) readonly buffer Pairs { SortPair pairs[]; };
layout(std430, binding = 1) readonly buffer Targets { float targets[]; };
layout(std430, binding = 2) writeonly buffer Gradient { float gradient[]; };
layout(std430, binding = 3) writeonly buffer Partials { float partials[]; };
layout(push_constant) uniform Push { SpectralPush pc; };

void main() {
  uint r = gl_GlobalInvocationID.x;
  float contribution = 0.0;
  if (r < pc.width * pc.height) {
    vec3 c = termScales(pc.seedLow, pc.seedHigh, pc.step, pc.randomScaling);
    SortPair p = pairs[r];
    float d = p.key - targets[r];
    gradient[p.index] = pc.weightHistogram * c.y * 2.0 * d;
    contribution = d * d;
  }
  if (pc.computeLoss != 0u) {  // a push constant: uniform, so the barriers inside are allowed
    float sum = workgroupSum(vec2(contribution, 0.0)).x;
    if (gl_LocalInvocationIndex == 0u) partials[gl_WorkGroupID.x] = sum;
  }
}
