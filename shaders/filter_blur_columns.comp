#version 450
// Vertical passes of a separable blur, summed over the ranks of the chunk: each horizontal result correlated
// with its a_r along y (clamp-to-edge), times the filter scale; added to the sum of earlier chunks when
// `accumulate`; the last chunk applies the inverse gamma (`finalize`). The output holds linear sums between
// chunks, so no further buffer is needed.
//   out[c][y][x] (+)= scale * sum_k sum_i a_{rankBegin+k}[i] tmp[k][c][y + i - (Kh - 1) / 2][x]
#include "filter_shared.h"

layout(local_size_x = SD_FILTER_BLUR_GROUP_X, local_size_y = SD_FILTER_BLUR_GROUP_Y) in;
layout(std430, binding = 0) readonly buffer Temp { float temp[]; };
layout(std430, binding = 1) readonly buffer Params { float params[]; };
layout(std430, binding = 2) buffer Output { float outputs[]; };
layout(push_constant) uniform Push { FilterBlurPush pc; };

#include "filter_blur_common.glsl"

void main() {
  uint x = gl_GlobalInvocationID.x, row = gl_GlobalInvocationID.y;  // row = c * H + y
  if (x >= pc.imageWidth || row >= pc.imageHeight * pc.channels) return;
  uint c = row / pc.imageHeight, y = row - c * pc.imageHeight;
  int center = (int(pc.kernelHeight) - 1) / 2;
  uint plane = pc.imageWidth * pc.imageHeight * pc.channels;
  float sum = 0.0;
  for (uint k = 0; k < pc.rankCount; ++k) {
    uint aBase = (pc.rankBegin + k) * pc.kernelHeight;
    for (uint i = 0; i < pc.kernelHeight; ++i)
      sum += params[aBase + i] * temp[k * plane + pixelIndex(c, int(y) + int(i) - center, int(x))];
  }
  uint o = row * pc.imageWidth + x;
  float total = pc.scale * sum + (pc.accumulate != 0u ? outputs[o] : 0.0);
  outputs[o] = pc.finalize != 0u ? finalizeValue(total) : total;
}
