// The end of a step for the pixel of rank r: the histogram term H = sum_r (sort(m)_r - t_r)^2, whose gradient
// at the pixel of rank r is a_H c2 * 2 (sort(m)_r - t_r) (Wronski 2020: backpropagation through sorting is a
// scatter by rank), plus that pixel's spectral gradient, then the pixel's update. Every pixel has exactly one
// rank, so the scattered updates never collide, and the pair's key is the pixel's current value (the sort
// read the mask after the last update). Shared by the pass over the sorted pairs (histogram_update.glsl) and
// the merge sort's last round that consumes its outputs in rank order (merge_update.comp): on lavapipe each
// dispatch costs a thread-pool hand-off and every memory access a per-lane loop. The including shader binds
// the sorted pairs at binding 0.
#include "spectral_shared.h"
#include "random_hash_shared.h"
#include "spectral_common.glsl"

layout(std430, binding = 1) readonly buffer Targets { float targets[]; };
layout(std430, binding = 2) readonly buffer SpectralGradient { float spectralGradient[]; };
layout(std430, binding = 3) buffer Mask { float mask[]; };
layout(std430, binding = 4) buffer First { float firstMoment[]; };
layout(std430, binding = 5) buffer Second { float secondMoment[]; };
layout(std430, binding = 6) writeonly buffer Gradient { float gradient[]; };  // written instead of updating
#include "gradient_update.glsl"

// 1: write the full gradient dL/dm instead of updating (diagnostics); fixed per pipeline, as the update rule.
layout(constant_id = 1) const uint SD_WRITE_GRADIENT = 0u;

// The histogram term's factor a_H * c2 * 2 of a step.
float histogramGradientScale(SpectralPush s) {
  return s.weightHistogram * termScales(s.seedLow, s.seedHigh, s.step, s.randomScaling).y * 2.0;
}

// Whether v is NaN or infinite, by its exponent bits: isnan/isinf may be folded away by compilers that assume
// finite math, a bit test may not.
bool nonFinite(float v) { return (floatBitsToUint(v) & 0x7f800000u) == 0x7f800000u; }

// Finishes the pixel of rank r whose current value is key; returns its share (key - t_r)^2 of H and 1 when the
// pixel's mask value after this pass (updated, or unchanged when the gradient is written) is not finite: the
// loss read-back's divergence check (spectral_optimizer.h, SpectralLoss::nonFiniteValues).
vec2 finishRank(HistogramUpdatePush p, float gradientScale, uint r, float key, uint pixel) {
  float d = key - targets[r];
  float g = spectralGradient[pixel] + gradientScale * d;
  float value = key;
  if (SD_WRITE_GRADIENT != 0u) {
    gradient[pixel] = g;
  } else {
    value = updatedParameter(p.update, pixel, key, g);
    mask[pixel] = value;
  }
  return vec2(d * d, nonFinite(value) ? 1.0 : 0.0);
}
