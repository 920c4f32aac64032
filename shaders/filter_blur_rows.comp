#version 450
// Horizontal passes of a separable blur: for each rank r of the chunk, the linear image correlated with b_r
// along x (clamp-to-edge), into its own plane of the intermediate buffer. Taps outer, ranks inner, so each
// image sample is read once per chunk rather than once per rank.
//   tmp[k][c][y][x] = sum_j b_{rankBegin+k}[j] lin[c][y][x + j - (Kw - 1) / 2]
#include "filter_shared.h"

layout(local_size_x = SD_FILTER_BLUR_GROUP_X, local_size_y = SD_FILTER_BLUR_GROUP_Y) in;
layout(std430, binding = 0) readonly buffer Linear { float linear[]; };
layout(std430, binding = 1) readonly buffer Params { float params[]; };
layout(std430, binding = 2) writeonly buffer Temp { float temp[]; };
layout(push_constant) uniform Push { FilterBlurPush pc; };

#include "filter_blur_common.glsl"

void main() {
  uint x = gl_GlobalInvocationID.x, row = gl_GlobalInvocationID.y;  // row = c * H + y
  if (x >= pc.imageWidth || row >= pc.imageHeight * pc.channels) return;
  uint c = row / pc.imageHeight, y = row - c * pc.imageHeight;
  uint bBase = pc.rank * pc.kernelHeight;
  int center = (int(pc.kernelWidth) - 1) / 2;
  float acc[SD_FILTER_BLUR_MAX_CHUNK];
  for (uint k = 0; k < SD_FILTER_BLUR_MAX_CHUNK; ++k) acc[k] = 0.0;
  for (uint j = 0; j < pc.kernelWidth; ++j) {
    float v = linear[pixelIndex(c, int(y), int(x) + int(j) - center)];
    for (uint k = 0; k < pc.rankCount; ++k) acc[k] += params[bBase + (pc.rankBegin + k) * pc.kernelWidth + j] * v;
  }
  uint plane = pc.imageWidth * pc.imageHeight * pc.channels;
  for (uint k = 0; k < pc.rankCount; ++k) temp[k * plane + row * pc.imageWidth + x] = acc[k];
}
