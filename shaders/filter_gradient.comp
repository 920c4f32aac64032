#version 450
// Gradient of the separable-filter loss (docs/method.md §6.2) with respect to every 1D tap, one thread per tap:
//   dL/dF[y][x] = (2 w_l2 (F - K) - w_nn [F < 0] + w_z [K == 0] sign(F)) / N
//   dL/da_r[y] = sum_x dL/dF[y][x] b_r[x],   dL/db_r[x] = sum_y dL/dF[y][x] a_r[y]
// F is recomputed on the fly from the taps (R multiply-adds per element) rather than stored: that saves a
// dispatch and a barrier per step, which is what a small kernel's step costs on any device; the R-fold
// redundancy is R^2 N multiply-adds in all (~40k at D = 50, R = 4). min(F, 0) and |F| use the subgradient 0
// at F = 0, like the CPU reference.
#include "filter_shared.h"

layout(local_size_x = SD_FILTER_GRADIENT_GROUP) in;
layout(std430, binding = 0) readonly buffer Params { float params[]; };
layout(std430, binding = 1) readonly buffer Target { float target[]; };
layout(std430, binding = 2) writeonly buffer Grads { float grads[]; };
layout(push_constant) uniform Push { FilterLossPush pc; };

float lossDerivative(float f, float k) {
  float d = 2.0 * pc.weightL2 * (f - k);
  if (f < 0.0) d -= pc.weightNonneg;
  if (k == 0.0) d += pc.weightZeros * sign(f);
  return d;
}

void main() {
  uint p = gl_GlobalInvocationID.x;
  uint H = pc.height, W = pc.width, R = pc.rank;
  uint bBase = R * H;
  if (p >= R * (H + W)) return;
  float sum = 0.0;
  if (p < bBase) {
    uint r = p / H, y = p - r * H;
    for (uint x = 0; x < W; ++x) {
      float f = 0.0;
      for (uint s = 0; s < R; ++s) f += params[s * H + y] * params[bBase + s * W + x];
      sum += lossDerivative(f, target[y * W + x]) * params[bBase + r * W + x];
    }
  } else {
    uint q = p - bBase;
    uint r = q / W, x = q - r * W;
    for (uint y = 0; y < H; ++y) {
      float f = 0.0;
      for (uint s = 0; s < R; ++s) f += params[s * H + y] * params[bBase + s * W + x];
      sum += lossDerivative(f, target[y * W + x]) * params[r * H + y];
    }
  }
  grads[p] = sum * pc.invCount;
}
