#version 450
// Sums the per-workgroup partial losses of one step into the host-visible loss record
// (sum lap^2+dY^2+dX^2, sum w^2 s^2, sum (sort - t)^2, pixels left non-finite), in a fixed order so that
// results are reproducible.
#include "spectral_shared.h"

layout(local_size_x = SD_REDUCE_GROUP) in;
layout(std430, binding = 0) readonly buffer SpectralPartials { vec2 spectralPartials[]; };
layout(std430, binding = 1) readonly buffer HistogramPartials { vec2 histogramPartials[]; };
layout(std430, binding = 2) writeonly buffer Loss { float loss[]; };
layout(push_constant) uniform Push { ReducePush pc; };

shared vec4 reduction[SD_REDUCE_GROUP];

void main() {
  uint t = gl_LocalInvocationID.x;
  vec4 sum = vec4(0.0);
  for (uint i = t; i < pc.spectralPartials; i += SD_REDUCE_GROUP) sum.xy += spectralPartials[i];
  for (uint i = t; i < pc.histogramPartials; i += SD_REDUCE_GROUP) sum.zw += histogramPartials[i];
  reduction[t] = sum;
  barrier();
  for (uint stride = SD_REDUCE_GROUP / 2; stride > 0; stride >>= 1) {
    if (t < stride) reduction[t] += reduction[t + stride];
    barrier();
  }
  if (t == 0) {
    loss[0] = reduction[0].x;
    loss[1] = reduction[0].y;
    loss[2] = reduction[0].z;
    loss[3] = reduction[0].w;  // exact: counts up to 2^24 pixels
  }
}
