#version 450
// One pass of the vector swap stage, part 1 (docs/method.md §10): every invocation proposes one pixel pair (p, q),
// evaluates the exact change of FAST's energy E = sum_{i != j} F(i - j) K(v_i, v_j) (Donnelly et al. 2024) when
// the two pixels exchange their values, decides (greedy or Metropolis) and claims both pixels' columns (atomicMin
// of its index; vector_swap_apply.comp keeps the winners). A stack's claims are per column (x, y), not per pixel:
// the product filter couples a pixel most strongly to its own column in the other slices, and two swaps in one
// column within a pass would each be decided on a dE that the other invalidates (docs/method.md §10.5).
// With a = v_p, b = v_q and F symmetric,
//   dE = 2 sum_{o in O} F(o) ([p+o != q] (K(b, v_{p+o}) - K(a, v_{p+o})) + [q+o != p] (K(a, v_{q+o}) - K(b, v_{q+o})))
// O the nonzero torus offsets where F is nonzero, each listed once.
#include "vector_swap_shared.h"
#include "random_hash_shared.h"

layout(local_size_x = SD_VECTOR_SWAP_GROUP_SIZE) in;
layout(std430, binding = 0) readonly buffer Index { uint valueIndex[]; };  // pixel -> entry of the value table
layout(std430, binding = 1) readonly buffer Values { vec4 values[]; };     // the stratified sample of the domain
layout(std430, binding = 2) readonly buffer Offsets { ivec4 offsets[]; };  // (dx, dy, dt, 0) per offset of O
layout(std430, binding = 3) readonly buffer Filter { float filterO[]; };   // F(o) per offset of O
layout(std430, binding = 4) writeonly buffer Proposals { uvec4 proposals[]; };
layout(std430, binding = 5) buffer Claims { uint claims[]; };
layout(push_constant) uniform Push { VectorSwapProposePush pc; };
// Fixed per pipeline (vector_swap_optimizer.cpp): the domain's distance, SD_VECTOR_DISTANCE_*, and the power of
// K = -d^power (1: FAST's; docs/method.md §10.2). The propose loop evaluates four distances per offset, and
// lavapipe would run every domain's branch for each of them were these push constants.
layout(constant_id = 0) const uint SD_DISTANCE_KIND = SD_VECTOR_DISTANCE_EUCLIDEAN;
layout(constant_id = 1) const float SD_DISTANCE_POWER = 1.0;

uint wrapAdd(uint x, int d, uint n) {
  int v = int(x) + d;
  if (v < 0) v += int(n);
  if (v >= int(n)) v -= int(n);
  return uint(v);
}

float domainDistance(vec4 a, vec4 b) {
  if (SD_DISTANCE_KIND == SD_VECTOR_DISTANCE_CIRCLE) {
    float d = abs(a.x - b.x);
    return min(d, 1.0 - d);
  }
  float chord = length(a.xyz - b.xyz);
  // The angle of unit vectors as 2 atan(|a - b| / |a + b|): accurate everywhere, where acos(a . b) loses
  // precision near 0 and asin(|a - b| / 2) near pi.
  if (SD_DISTANCE_KIND == SD_VECTOR_DISTANCE_ANGLE) return 2.0 * atan(chord, length(a.xyz + b.xyz));
  if (SD_DISTANCE_KIND == SD_VECTOR_DISTANCE_ANGLE_CAPPED)
    return min(2.0 * atan(chord, length(a.xyz + b.xyz)), SD_HALF_PI);
  return chord;
}

// K = -d^power: a power below 1 (concave) makes spreading a set of values pay more than clustering them, where
// FAST's -d has flat directions (docs/method.md §10.2).
float distanceOf(vec4 a, vec4 b) {
  float d = domainDistance(a, b);
  if (SD_DISTANCE_POWER == 1.0) return d;
  if (SD_DISTANCE_POWER == 0.25) return sqrt(sqrt(d));  // the default power: two square roots cost less than a pow
  return pow(d, SD_DISTANCE_POWER);
}

void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i >= pc.proposalCount) return;
  // pixelCount is one slice's; p anywhere in the stack, q in p's slice (each slice stays a permutation).
  uint p = hashKey(pc.seedLow, pc.seedHigh, pc.pass, 4u * i) % (pc.pixelCount * pc.slices);
  uint slice = p / pc.pixelCount;
  p -= slice * pc.pixelCount;
  uint kindHash = hashKey(pc.seedLow, pc.seedHigh, pc.pass, 4u * i + 1u);
  uint partnerHash = hashKey(pc.seedLow, pc.seedHigh, pc.pass, 4u * i + 2u);
  uint q;
  if ((kindHash >> 8) < pc.randomThreshold) {
    q = partnerHash % pc.pixelCount;
  } else {
    uint side = 2u * pc.neighbourRadius + 1u;
    uint cells = side * side - 1u;
    uint c = partnerHash % cells;
    if (c >= cells / 2u) c += 1u;  // skip the centre
    int dx = int(c % side) - int(pc.neighbourRadius);
    int dy = int(c / side) - int(pc.neighbourRadius);
    q = wrapAdd(p / pc.width, dy, pc.height) * pc.width + wrapAdd(p % pc.width, dx, pc.width);
  }
  uint px = p % pc.width, py = p / pc.width, qx = q % pc.width, qy = q / pc.width;
  p += slice * pc.pixelCount;
  q += slice * pc.pixelCount;
  if (q == p) {
    proposals[i] = uvec4(p, q, floatBitsToUint(0.0), SD_VECTOR_SWAP_REJECTED);
    return;
  }
  vec4 a = values[valueIndex[p]], b = values[valueIndex[q]];
  float sum = 0.0;
  for (uint o = 0u; o < pc.offsetCount; ++o) {
    ivec4 off = offsets[o];
    uint base = wrapAdd(slice, off.z, pc.slices) * pc.pixelCount;
    uint np = base + wrapAdd(py, off.y, pc.height) * pc.width + wrapAdd(px, off.x, pc.width);
    uint nq = base + wrapAdd(qy, off.y, pc.height) * pc.width + wrapAdd(qx, off.x, pc.width);
    float term = 0.0;
    if (np != q) {
      vec4 v = values[valueIndex[np]];
      term += distanceOf(a, v) - distanceOf(b, v);  // K = -distance
    }
    if (nq != p) {
      vec4 v = values[valueIndex[nq]];
      term += distanceOf(b, v) - distanceOf(a, v);
    }
    sum += filterO[o] * term;
  }
  float dE = 2.0 * sum;

  uint state = SD_VECTOR_SWAP_REJECTED;
  if (pc.evaluateOnly == 0u) {
    bool accept = dE < 0.0;
    if (!accept && pc.temperature > 0.0) {
      float u = uniform01(hashKey(pc.seedLow, pc.seedHigh, pc.pass, 4u * i + 3u));
      accept = u < exp(-dE / pc.temperature);
    }
    if (accept) {
      state = SD_VECTOR_SWAP_ACCEPTED;
      atomicMin(claims[p % pc.pixelCount], i);
      atomicMin(claims[q % pc.pixelCount], i);
    }
  }
  proposals[i] = uvec4(p, q, floatBitsToUint(dE), state);
}
