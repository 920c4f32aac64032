#version 450
// Pass 2 of the spectral loss: g_k = dL/ds_k on the full grid, then, for every k of the half spectrum,
// G_k = (g_k + g_{-k}) / 2 * X_k / s_k written over X_k (one invocation per (kx, ky), 2D). G is Hermitian, so the C2R inverse FFT of the half
// spectrum gives dL/dm = Re(IDFT(g X / s)) exactly (the derivation is in app/core/spectral_optimizer.cpp).
#include "spectral_shared.h"
#include "random_hash.glsl"
#include "spectral_common.glsl"

layout(local_size_x = SD_GRID_X, local_size_y = SD_GRID_Y) in;
layout(std430, binding = 0) buffer Spectrum { vec2 spectrum[]; };
layout(std430, binding = 1) readonly buffer StencilA { vec2 magnitudeLaplacian[]; };
layout(std430, binding = 2) readonly buffer StencilB { vec2 differences[]; };
layout(push_constant) uniform Push { SpectralPush pc; };

// Index of (ky, kx) in [-1, H] x [-1, W] on the full grid.
uint at(int ky, int kx) { return uint(wrapIndex(ky, int(pc.height)) * int(pc.width) + wrapIndex(kx, int(pc.width))); }

// dL/ds at frequency (ky, kx) in (-H, H) x (-W, W), from U = (sum lap^2 + sum dY^2 + sum dX^2) / N and B = sum w^2 s^2 / N.
float magnitudeGradient(int ky, int kx, float scaleU, float scaleB) {
  ky = wrapIndex(ky, int(pc.height));
  kx = wrapIndex(kx, int(pc.width));
  float n = float(pc.width * pc.height);
  vec2 center = magnitudeLaplacian[at(ky, kx)];
  float lapNeighbours = magnitudeLaplacian[at(ky - 1, kx)].y + magnitudeLaplacian[at(ky + 1, kx)].y +
                        magnitudeLaplacian[at(ky, kx - 1)].y + magnitudeLaplacian[at(ky, kx + 1)].y;
  vec2 d = differences[at(ky, kx)];
  float dYNext = differences[at(ky + 1, kx)].x;
  float dXNext = differences[at(ky, kx + 1)].y;
  float dU = (0.4 * (-4.0 * center.y + lapNeighbours) + (d.x - dYNext) + (d.y - dXNext)) / n;
  float w = lowFrequencyWeight(ky, kx, pc.width, pc.height, pc.cutoff);
  float dB = 2.0 * w * w * center.x / n;
  return scaleU * dU + scaleB * dB;
}

void main() {
  uint halfW = pc.width / 2u + 1u;
  int kx = int(gl_GlobalInvocationID.x), ky = int(gl_GlobalInvocationID.y);
  if (kx >= int(halfW) || ky >= int(pc.height)) return;
  uint i = uint(ky) * halfW + uint(kx);
  vec3 c = termScales(pc.seedLow, pc.seedHigh, pc.step, pc.randomScaling);
  float scaleU = pc.weightUniformity * c.x, scaleB = pc.weightLowFrequency * c.z;
  float g = 0.5 * (magnitudeGradient(ky, kx, scaleU, scaleB) + magnitudeGradient(-ky, -kx, scaleU, scaleB));
  float s = magnitudeLaplacian[at(ky, kx)].x;
  // |X| = 0: the magnitude is not differentiable there; its subgradient 0 is what the article's autodiff uses.
  spectrum[i] = s > 1e-30 ? spectrum[i] * (g / s) : vec2(0.0);
}
