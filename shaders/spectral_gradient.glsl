// The spectral loss and its gradient in one pass over the half spectrum (one invocation per strip of
// SD_SPECTRAL_ROWS frequencies (kx, ky..ky + rows - 1), 2D).
// With s = |X| on the full grid, the article's terms are U = sum (lap^2 + dY^2 + dX^2) / N (lap the 5-point
// Laplacian of s over 5, dY and dX its backward differences over 2) and B = sum w^2 s^2 / N. This pass
// computes g_k = dL/ds_k and writes G_k = (g_k + g_{-k}) / 2 * X_k / s_k to a buffer of its own (other
// invocations still read X_k); G is Hermitian, so the C2R inverse FFT gives dL/dm = Re(IDFT(g X / s))
// (derivation in app/core/spectral_optimizer.cpp).
// dU/ds_k needs s on the diamond of radius 2 around k, and because s_{-k} = s_k (the mask is real) the same
// 13 magnitudes give dU/ds_{-k} = dU/ds_k; only B's weight differs between k and -k. One pass instead of a
// stencil pass and a gradient pass, over strips whose diamonds share their loads (6 per frequency instead of
// 13 at 8 rows; the pass ran ~2x faster at 256x256 and 1024x1024): on lavapipe every memory access is a
// per-lane loop and every dispatch a thread-pool hand-off. With SD_LOSS_SUMS (spectral_gradient_loss.comp,
// for the steps whose loss is read) also per-workgroup partial sums of both terms over the full grid: each
// frequency adds its own share and, when -k is not in the half spectrum, -k's. Two kernels and not a flag: on lavapipe
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

// X at row y (on the grid) and column kx + dx for |dx| <= 2, read from the half spectrum through
// X_{-k} = conj(X_k). Branch-free with one load: lavapipe would run both sides of a branch.
vec2 spectrumAt(int y, int kx, int dx) {
  int w = int(pc.width), h = int(pc.height), halfW = w / 2 + 1;
  int x = wrapIndex(kx + dx, w);
  bool direct = x < halfW;
  vec2 v = spectrum[(direct ? y : wrapIndex(h - y, h)) * halfW + (direct ? x : w - x)];
  return direct ? v : vec2(v.x, -v.y);
}

void main() {
  const int rows = SD_SPECTRAL_ROWS;
  int kx = int(gl_GlobalInvocationID.x), ky0 = int(gl_GlobalInvocationID.y) * rows;
  int h = int(pc.height), halfW = int(pc.width / 2u + 1u);
  vec2 contribution = vec2(0.0);
  if (kx < halfW && ky0 < h) {
    // Rows ky0 - 2 .. ky0 + rows + 1 wrapped onto the grid one step at a time: the strip may be taller than
    // the grid.
    int rowOf[rows + 4];
    int y = wrapIndex(ky0 - 2, h);
    for (int j = 0; j < rows + 4; ++j) {
      rowOf[j] = y;
      y = y + 1 == h ? 0 : y + 1;
    }
    // The strip's diamonds of radius 2 by column dx: column 0 spans rows [-2, rows + 1] of the strip,
    // columns +-1 [-1, rows], columns +-2 [0, rows - 1] (5 rows + 8 loads for the strip instead of 13 per
    // frequency).
    vec2 x[rows];
    float c0[rows + 4], west1[rows + 2], east1[rows + 2], west2[rows], east2[rows];
    for (int j = 0; j < rows + 4; ++j) {
      vec2 v = spectrumAt(rowOf[j], kx, 0);
      if (j >= 2 && j < rows + 2) x[j - 2] = v;
      c0[j] = length(v);
    }
    for (int j = 0; j < rows + 2; ++j) {
      west1[j] = length(spectrumAt(rowOf[j + 1], kx, -1));
      east1[j] = length(spectrumAt(rowOf[j + 1], kx, 1));
    }
    for (int j = 0; j < rows; ++j) {
      west2[j] = length(spectrumAt(rowOf[j + 2], kx, -2));
      east2[j] = length(spectrumAt(rowOf[j + 2], kx, 2));
    }
    float n = float(pc.width * pc.height);
    vec3 c = termScales(pc.seedLow, pc.seedHigh, pc.step, pc.randomScaling);
    bool mirrorElsewhere = kx == 0 || 2 * kx == int(pc.width);  // -k is in the half spectrum
    for (int r = 0; r < rows; ++r) {
      int ky = ky0 + r;
      float s = c0[r + 2], north = c0[r + 1], south = c0[r + 3], west = west1[r + 1], east = east1[r + 1];
      float lap = (-4.0 * s + north + south + west + east) / 5.0;
      float lapNorth = (-4.0 * north + c0[r] + s + west1[r] + east1[r]) / 5.0;
      float lapSouth = (-4.0 * south + s + c0[r + 4] + west1[r + 2] + east1[r + 2]) / 5.0;
      float lapWest = (-4.0 * west + west1[r] + west1[r + 2] + west2[r] + s) / 5.0;
      float lapEast = (-4.0 * east + east1[r] + east1[r + 2] + s + east2[r]) / 5.0;
      // dU/ds_k: 2/5 (-4 lap_k + sum of the neighbours' lap) from the Laplacian term, dY_k - dY_{k+y} and
      // dX_k - dX_{k+x} from the difference terms.
      float dU = (0.4 * (-4.0 * lap + lapNorth + lapSouth + lapWest + lapEast) + (2.0 * s - north - south) * 0.5 +
                  (2.0 * s - west - east) * 0.5) / n;
      float weight = lowFrequencyWeight(ky, kx, pc.width, pc.height, pc.cutoff);
      float mirrorWeight = lowFrequencyWeight(-ky, -kx, pc.width, pc.height, pc.cutoff);
      float g = pc.weightUniformity * c.x * dU +
                pc.weightLowFrequency * c.z * (weight * weight + mirrorWeight * mirrorWeight) * s / n;
      // The strip's last rows may lie past the grid: computed from wrapped loads, not written.
      if (ky >= h) break;
      // |X| = 0: the magnitude is not differentiable there; its subgradient 0 is what the article's autodiff
      // uses.
      gradientSpectrum[uint(ky) * uint(halfW) + uint(kx)] = s > 1e-30 ? x[r] * (g / s) : vec2(0.0);
#ifdef SD_LOSS_SUMS
      // dY_k = (s_k - s_{k-y}) / 2 and dY_{-k} = (s_{-k} - s_{-k-y}) / 2 = (s_k - s_{k+y}) / 2; lap_{-k} = lap_k.
      contribution += vec2(lap * lap + 0.25 * ((s - north) * (s - north) + (s - west) * (s - west)),
                           weight * weight * s * s);
      if (!mirrorElsewhere)
        contribution += vec2(lap * lap + 0.25 * ((s - south) * (s - south) + (s - east) * (s - east)),
                             mirrorWeight * mirrorWeight * s * s);
#endif
    }
  }
#ifdef SD_LOSS_SUMS
  vec2 sum = workgroupSum(contribution);
  if (gl_LocalInvocationIndex == 0u) partials[gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x] = sum;
#endif
}
