#version 450
// Pass 1 of the spectral loss: for every frequency k of the full grid, s = |X_k| (read from the half
// spectrum through Hermitian symmetry), the Laplacian of s over 5 and the backward differences of s over 2,
// plus per-workgroup partial sums of the uniformity and low-frequency terms.
#include "spectral_shared.h"
#include "random_hash.glsl"
#include "spectral_common.glsl"

layout(local_size_x = SD_SPECTRAL_GROUP) in;
layout(std430, binding = 0) readonly buffer Spectrum { vec2 spectrum[]; };   // H x (W/2+1)
layout(std430, binding = 1) writeonly buffer StencilA { vec2 magnitudeLaplacian[]; };  // (s, lap)
layout(std430, binding = 2) writeonly buffer StencilB { vec2 differences[]; };  // (dY, dX)
layout(std430, binding = 3) writeonly buffer Partials { vec2 partials[]; };  // (sum lap^2+dY^2+dX^2, sum w^2 s^2)
layout(push_constant) uniform Push { SpectralPush pc; };

shared vec2 reduction[SD_SPECTRAL_GROUP];

float magnitudeAt(int ky, int kx) {
  int w = int(pc.width), h = int(pc.height), halfW = w / 2 + 1;
  ky = wrapIndex(ky, h);
  kx = wrapIndex(kx, w);
  if (kx < halfW) return length(spectrum[ky * halfW + kx]);
  return length(spectrum[((h - ky) % h) * halfW + (w - kx)]);  // X_{-k} = conj(X_k) for real masks
}

void main() {
  uint i = gl_GlobalInvocationID.x;
  uint n = pc.width * pc.height;
  vec2 contribution = vec2(0.0);
  if (i < n) {
    int ky = int(i / pc.width), kx = int(i % pc.width);
    float s = magnitudeAt(ky, kx);
    float north = magnitudeAt(ky - 1, kx), south = magnitudeAt(ky + 1, kx);
    float west = magnitudeAt(ky, kx - 1), east = magnitudeAt(ky, kx + 1);
    float lap = (-4.0 * s + north + south + west + east) / 5.0;
    float dY = (s - north) * 0.5;  // (s - roll(s, 1, axis 0)) / 2
    float dX = (s - west) * 0.5;   // (s - roll(s, 1, axis 1)) / 2
    magnitudeLaplacian[i] = vec2(s, lap);
    differences[i] = vec2(dY, dX);
    float w = lowFrequencyWeight(ky, kx, pc.width, pc.height, pc.cutoff);
    contribution = vec2(lap * lap + dY * dY + dX * dX, w * w * s * s);
  }
  uint t = gl_LocalInvocationID.x;
  reduction[t] = contribution;
  barrier();
  for (uint stride = SD_SPECTRAL_GROUP / 2; stride > 0; stride >>= 1) {
    if (t < stride) reduction[t] += reduction[t + stride];
    barrier();
  }
  if (t == 0) partials[gl_WorkGroupID.x] = reduction[0];
}
