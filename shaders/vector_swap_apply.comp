#version 450
// One pass of the vector swap stage, part 2: an accepted proposal that won the claims of both its pixels' columns
// (the lowest proposal index claiming a column wins) exchanges their value indices, so applied swaps are
// column-disjoint and every slice always holds a permutation of the value table.
#include "vector_swap_shared.h"

layout(local_size_x = SD_VECTOR_SWAP_GROUP_SIZE) in;
layout(std430, binding = 0) buffer Index { uint valueIndex[]; };
layout(std430, binding = 1) buffer Proposals { uvec4 proposals[]; };
layout(std430, binding = 2) readonly buffer Claims { uint claims[]; };
layout(push_constant) uniform Push { VectorSwapApplyPush pc; };

void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i >= pc.proposalCount) return;
  uvec4 pr = proposals[i];
  if (pr.w != SD_VECTOR_SWAP_ACCEPTED) return;
  uint p = pr.x, q = pr.y;
  if (claims[p % pc.pixelCount] != i || claims[q % pc.pixelCount] != i) return;
  uint vp = valueIndex[p];
  valueIndex[p] = valueIndex[q];
  valueIndex[q] = vp;
  proposals[i].w = SD_VECTOR_SWAP_APPLIED;
}
