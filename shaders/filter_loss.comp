#version 450
// The separable-filter loss terms (docs/method.md §6.2) of the current taps, reduced by one workgroup in a fixed
// order (thread t takes elements t, t + 256, ...; then a tree), so the result does not depend on scheduling:
//   loss[0] = mean((F - K)^2), loss[1] = mean(-min(F, 0)), loss[2] = mean([K == 0] |F|),
//   loss[3] = w_l2 loss[0] + w_nn loss[1] + w_z loss[2].
// Run once per batch of steps, not per step, so one workgroup is enough even at D = 512.
#include "filter_shared.h"

layout(local_size_x = SD_FILTER_LOSS_GROUP) in;
layout(std430, binding = 0) readonly buffer Params { float params[]; };
layout(std430, binding = 1) readonly buffer Target { float target[]; };
layout(std430, binding = 2) writeonly buffer Loss { float loss[]; };
layout(push_constant) uniform Push { FilterLossPush pc; };

shared vec3 partial[SD_FILTER_LOSS_GROUP];

void main() {
  uint t = gl_LocalInvocationID.x;
  uint H = pc.height, W = pc.width, R = pc.rank;
  uint bBase = R * H;
  vec3 sum = vec3(0.0);
  for (uint i = t; i < H * W; i += SD_FILTER_LOSS_GROUP) {
    uint y = i / W, x = i - y * W;
    float f = 0.0;
    for (uint s = 0; s < R; ++s) f += params[s * H + y] * params[bBase + s * W + x];
    float k = target[i];
    sum += vec3((f - k) * (f - k), max(-f, 0.0), k == 0.0 ? abs(f) : 0.0);
  }
  partial[t] = sum;
  barrier();
  for (uint stride = SD_FILTER_LOSS_GROUP / 2; stride > 0; stride >>= 1) {
    if (t < stride) partial[t] += partial[t + stride];
    barrier();
  }
  if (t == 0) {
    vec3 means = partial[0] * pc.invCount;
    loss[0] = means.x;
    loss[1] = means.y;
    loss[2] = means.z;
    loss[3] = pc.weightL2 * means.x + pc.weightNonneg * means.y + pc.weightZeros * means.z;
  }
}
