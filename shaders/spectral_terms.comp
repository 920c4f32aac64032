#version 450
// Pass 1 of the spectral loss: for every frequency (kx, ky) of the full grid (one invocation each, 2D),
// s = |X_k| (read from the half spectrum through Hermitian symmetry), the Laplacian of s over 5 and the
// backward differences of s over 2; on loss steps also per-workgroup partial sums of the uniformity and
// low-frequency terms.
#include "spectral_shared.h"
#include "random_hash.glsl"
#include "spectral_common.glsl"
#include "workgroup_sum.glsl"

layout(local_size_x = SD_GRID_X, local_size_y = SD_GRID_Y) in;
layout(std430, binding = 0) readonly buffer Spectrum { vec2 spectrum[]; };   // H x (W/2+1)
layout(std430, binding = 1) writeonly buffer StencilA { vec2 magnitudeLaplacian[]; };  // (s, lap)
layout(std430, binding = 2) writeonly buffer StencilB { vec2 differences[]; };  // (dY, dX)
layout(std430, binding = 3) writeonly buffer Partials { vec2 partials[]; };  // (sum lap^2+dY^2+dX^2, sum w^2 s^2)
layout(push_constant) uniform Push { SpectralPush pc; };

// |X| at (ky, kx) in [-1, H] x [-1, W].
float magnitudeAt(int ky, int kx) {
  int w = int(pc.width), h = int(pc.height), halfW = w / 2 + 1;
  ky = wrapIndex(ky, h);
  kx = wrapIndex(kx, w);
  if (kx < halfW) return length(spectrum[ky * halfW + kx]);
  return length(spectrum[wrapIndex(h - ky, h) * halfW + (w - kx)]);  // X_{-k} = conj(X_k) for real masks
}

void main() {
  int kx = int(gl_GlobalInvocationID.x), ky = int(gl_GlobalInvocationID.y);
  vec2 contribution = vec2(0.0);
  if (kx < int(pc.width) && ky < int(pc.height)) {
    float s = magnitudeAt(ky, kx);
    float north = magnitudeAt(ky - 1, kx), south = magnitudeAt(ky + 1, kx);
    float west = magnitudeAt(ky, kx - 1), east = magnitudeAt(ky, kx + 1);
    float lap = (-4.0 * s + north + south + west + east) / 5.0;
    float dY = (s - north) * 0.5;  // (s - roll(s, 1, axis 0)) / 2
    float dX = (s - west) * 0.5;   // (s - roll(s, 1, axis 1)) / 2
    uint i = uint(ky) * pc.width + uint(kx);
    magnitudeLaplacian[i] = vec2(s, lap);
    differences[i] = vec2(dY, dX);
    float w = lowFrequencyWeight(ky, kx, pc.width, pc.height, pc.cutoff);
    contribution = vec2(lap * lap + dY * dY + dX * dX, w * w * s * s);
  }
  if (pc.computeLoss != 0u) {  // a push constant: uniform, so the barriers inside are allowed
    vec2 sum = workgroupSum(contribution);
    if (gl_LocalInvocationIndex == 0u) partials[gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x] = sum;
  }
}
