// The spectral loss and its gradient in one pass over the half spectrum (one invocation per (kx, ky), 2D).
// With s = |X| on the full grid, the article's terms are U = sum (lap^2 + dY^2 + dX^2) / N (lap the 5-point
// Laplacian of s over 5, dY and dX its backward differences over 2) and B = sum w^2 s^2 / N. This pass
// computes g_k = dL/ds_k and writes G_k = (g_k + g_{-k}) / 2 * X_k / s_k to a buffer of its own (other
// invocations still read X_k); G is Hermitian, so the C2R inverse FFT gives dL/dm = Re(IDFT(g X / s))
// (derivation in app/core/spectral_optimizer.cpp).
// dU/ds_k needs s on the diamond of radius 2 around k, and because s_{-k} = s_k (the mask is real) the same
// 13 magnitudes give dU/ds_{-k} = dU/ds_k; only B's weight differs between k and -k. One pass with 14 loads
// per frequency instead of a stencil pass and a gradient pass: on lavapipe every memory access is a per-lane
// loop and every dispatch a thread-pool hand-off. With SD_LOSS_SUMS (spectral_gradient_loss.comp, for the
// steps whose loss is read) also per-workgroup partial sums of both terms over the full grid: each frequency
// adds its own share and, when -k is not in the half spectrum, -k's. Two kernels and not a flag: on lavapipe
// a shader that holds barriers runs as coroutines, and that made this pass ~40% slower even where the
// barriers were skipped (measured).
#include "spectral_shared.h"
#include "random_hash_shared.h"
#include "spectral_common.glsl"
#ifdef SD_LOSS_SUMS
#include "workgroup_sum.glsl"
#endif

layout(local_size_x = SD_GRID_X, local_size_y = SD_GRID_Y) in;
layout(std430, binding = 0) readonly buffer Spectrum { vec2 spectrum[]; };  // H x (W/2+1)
layout(std430, binding = 1) writeonly buffer GradientSpectrum { vec2 gradientSpectrum[]; };
layout(std430, binding = 2) writeonly buffer Partials { vec2 partials[]; };  // (sum lap^2+dY^2+dX^2, sum w^2 s^2)
layout(push_constant) uniform Push { SpectralPush pc; };

// |X| at (ky + dy, kx + dx) for |dy|, |dx| <= 2, read from the half spectrum through X_{-k} = conj(X_k).
// Branch-free with one load: lavapipe would run both sides of a branch.
float magnitudeAt(int ky, int kx, int dy, int dx) {
  int w = int(pc.width), h = int(pc.height), halfW = w / 2 + 1;
  int y = wrapIndex(ky + dy, h), x = wrapIndex(kx + dx, w);
  bool direct = x < halfW;
  return length(spectrum[(direct ? y : wrapIndex(h - y, h)) * halfW + (direct ? x : w - x)]);
}

void main() {
  int kx = int(gl_GlobalInvocationID.x), ky = int(gl_GlobalInvocationID.y);
  bool inside = kx < int(pc.width / 2u + 1u) && ky < int(pc.height);
  vec2 contribution = vec2(0.0);
  if (inside) {
    uint i = uint(ky) * (pc.width / 2u + 1u) + uint(kx);
    vec2 x = spectrum[i];
    float s = length(x);
    float north = magnitudeAt(ky, kx, -1, 0), south = magnitudeAt(ky, kx, 1, 0);
    float west = magnitudeAt(ky, kx, 0, -1), east = magnitudeAt(ky, kx, 0, 1);
    float lap = (-4.0 * s + north + south + west + east) / 5.0;
    float lapNorth = (-4.0 * north + magnitudeAt(ky, kx, -2, 0) + s + magnitudeAt(ky, kx, -1, -1) +
                      magnitudeAt(ky, kx, -1, 1)) / 5.0;
    float lapSouth = (-4.0 * south + s + magnitudeAt(ky, kx, 2, 0) + magnitudeAt(ky, kx, 1, -1) +
                      magnitudeAt(ky, kx, 1, 1)) / 5.0;
    float lapWest = (-4.0 * west + magnitudeAt(ky, kx, -1, -1) + magnitudeAt(ky, kx, 1, -1) +
                     magnitudeAt(ky, kx, 0, -2) + s) / 5.0;
    float lapEast = (-4.0 * east + magnitudeAt(ky, kx, -1, 1) + magnitudeAt(ky, kx, 1, 1) + s +
                     magnitudeAt(ky, kx, 0, 2)) / 5.0;
    float n = float(pc.width * pc.height);
    // dU/ds_k: 2/5 (-4 lap_k + sum of the neighbours' lap) from the Laplacian term, dY_k - dY_{k+y} and
    // dX_k - dX_{k+x} from the difference terms.
    float dU = (0.4 * (-4.0 * lap + lapNorth + lapSouth + lapWest + lapEast) + (2.0 * s - north - south) * 0.5 +
                (2.0 * s - west - east) * 0.5) / n;
    float weight = lowFrequencyWeight(ky, kx, pc.width, pc.height, pc.cutoff);
    float mirrorWeight = lowFrequencyWeight(-ky, -kx, pc.width, pc.height, pc.cutoff);
    vec3 c = termScales(pc.seedLow, pc.seedHigh, pc.step, pc.randomScaling);
    float g = pc.weightUniformity * c.x * dU +
              pc.weightLowFrequency * c.z * (weight * weight + mirrorWeight * mirrorWeight) * s / n;
    // |X| = 0: the magnitude is not differentiable there; its subgradient 0 is what the article's autodiff uses.
    gradientSpectrum[i] = s > 1e-30 ? x * (g / s) : vec2(0.0);
#ifdef SD_LOSS_SUMS
    // dY_k = (s_k - s_{k-y}) / 2 and dY_{-k} = (s_{-k} - s_{-k-y}) / 2 = (s_k - s_{k+y}) / 2; lap_{-k} = lap_k.
    contribution = vec2(lap * lap + 0.25 * ((s - north) * (s - north) + (s - west) * (s - west)),
                        weight * weight * s * s);
    bool mirrorElsewhere = kx == 0 || 2 * kx == int(pc.width);  // -k is in the half spectrum
    if (!mirrorElsewhere)
      contribution += vec2(lap * lap + 0.25 * ((s - south) * (s - south) + (s - east) * (s - east)),
                           mirrorWeight * mirrorWeight * s * s);
#endif
  }
#ifdef SD_LOSS_SUMS
  vec2 sum = workgroupSum(contribution);
  if (gl_LocalInvocationIndex == 0u) partials[gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x] = sum;
#endif
}
