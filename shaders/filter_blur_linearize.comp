#version 450
// First stage of every blur: the display image (values in [0, 1]) raised to gamma, once, so that the rows
// pass and the exact pass read linear values.
#include "filter_shared.h"

layout(local_size_x = SD_FILTER_BLUR_GROUP_X, local_size_y = SD_FILTER_BLUR_GROUP_Y) in;
layout(std430, binding = 0) readonly buffer Source { float source[]; };
layout(std430, binding = 1) writeonly buffer Linear { float linear[]; };
layout(push_constant) uniform Push { FilterBlurPush pc; };

void main() {
  uint x = gl_GlobalInvocationID.x, row = gl_GlobalInvocationID.y;  // row = c * H + y
  if (x >= pc.imageWidth || row >= pc.imageHeight * pc.channels) return;
  uint i = row * pc.imageWidth + x;
  float v = source[i];
  linear[i] = pc.gamma == 1.0 ? v : pow(max(v, 0.0), pc.gamma);
}
