#version 450
// The temporal term's update, part 1 (docs/method.md §8.3): per pixel column, which slices' ranks the last pass
// changed (one bit per slice), so that part 2 touches only the columns that moved.
#include "swap_shared.h"

layout(local_size_x = SD_SWAP_GROUP_SIZE) in;
layout(std430, binding = 0) readonly buffer Ranks { uint ranks[]; };
layout(std430, binding = 1) readonly buffer RanksBefore { uint ranksBefore[]; };
layout(std430, binding = 2) writeonly buffer Changed { uint changed[]; };
layout(push_constant) uniform Push { SwapTemporalPush pc; };

void main() {
  uint y = gl_GlobalInvocationID.x;
  if (y >= pc.pixelCount) return;
  for (uint w = 0u; w < pc.words; ++w) {
    uint bits = 0u;
    for (uint k = 0u; k < 32u && w * 32u + k < pc.slices; ++k) {
      uint i = (w * 32u + k) * pc.pixelCount + y;
      if (ranks[i] != ranksBefore[i]) bits |= 1u << k;
    }
    changed[y * pc.words + w] = bits;
  }
}
