#version 450
// One pass of the swap stage, part 2: an accepted proposal is applied when it won the claims of both its pixels
// (the lowest proposal index claiming a pixel wins), so applied swaps are pixel-disjoint and the ranks stay an
// exact permutation. With conflictRule 1 it must also see no lower-index claim anywhere in the O-neighbourhoods
// of its pixels: then no two applied swaps interact through K, the energy changes by exactly the sum of their
// dE, and at T = 0 it never rises. Rule 0 applies more swaps per pass, at the price of slightly stale dE.
#include "swap_shared.h"

layout(local_size_x = SD_SWAP_GROUP_SIZE) in;
layout(std430, binding = 0) buffer Ranks { uint ranks[]; };
layout(std430, binding = 1) buffer Inverse { uint pixelOfRank[]; };
layout(std430, binding = 2) buffer Proposals { uvec4 proposals[]; };
layout(std430, binding = 3) readonly buffer Claims { uint claims[]; };
layout(std430, binding = 4) readonly buffer Offsets { ivec4 offsets[]; };  // (padded linear offset, dx, dy, 0)
layout(std430, binding = 5) buffer Stats { uint stats[]; };
layout(push_constant) uniform Push { SwapApplyPush pc; };

uint wrapAdd(uint x, int d, uint n) {
  int v = int(x) + d;
  if (v < 0) v += int(n);
  if (v >= int(n)) v -= int(n);
  return uint(v);
}

// pixel: a global index (slice * N + pixel of the slice); the neighbourhood lies in its slice.
// The claim slot of a pixel (a global index): its own, or its column's (columnClaims).
uint claimOf(uint pixel) { return pc.columnClaims != 0u ? pixel % pc.pixelCount : pixel; }

bool neighbourhoodFree(uint pixel, uint i) {
  uint base = pixel / pc.pixelCount * pc.pixelCount;
  uint claimBase = pc.columnClaims != 0u ? 0u : base;
  uint x = (pixel - base) % pc.width, y = (pixel - base) / pc.width;
  for (uint o = 0u; o < pc.offsetCount; ++o) {
    ivec4 off = offsets[o];
    if (claims[claimBase + wrapAdd(y, off.z, pc.height) * pc.width + wrapAdd(x, off.y, pc.width)] < i) return false;
  }
  return true;
}

void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i >= pc.proposalCount) return;
  uvec4 pr = proposals[i];
  if (pr.w != SD_SWAP_ACCEPTED) return;
  uint p = pr.x, q = pr.y;
  if (claims[claimOf(p)] != i || claims[claimOf(q)] != i) return;
  if (pc.conflictRule == 1u && !(neighbourhoodFree(p, i) && neighbourhoodFree(q, i))) return;
  // Winners own p and q outright: no other invocation reads or writes these ranks in this dispatch.
  uint rp = ranks[p], rq = ranks[q];
  uint base = p / pc.pixelCount * pc.pixelCount;  // the slice of both (its inverse holds pixels of the slice)
  ranks[p] = rq;
  ranks[q] = rp;
  pixelOfRank[base + rq] = p - base;
  pixelOfRank[base + rp] = q - base;
  proposals[i].w = SD_SWAP_APPLIED;
  atomicAdd(stats[SD_SWAP_STAT_APPLIED], 1u);
}
