// The body of swap_propose_<S>.comp, included with SD_SWAP_SIGMAS = S defined: a compile-time sigma count lets
// the compiler unroll the per-sigma loops and keep the sums in registers (a dynamic count spills them).
//
// One pass of the swap stage, part 1 (docs/method.md §3.5): every invocation proposes one pixel pair (p, q),
// evaluates the exact energy change dE of swapping their ranks against the pass' common state, decides by
// Metropolis and, when accepted, claims both pixels for itself (atomicMin of its index; swap_apply.comp keeps
// the winners). Random numbers are a pure function of (seed, pass, index), so a pass is reproducible.
//
// dE by the closed form of docs/method.md §3.3, rewritten for one gather per offset (every sigma's Phi in one
// row): let a be the pixel of the lower rank lo, b the one of rank hi. With D(y) = Phi(hi) - Phi(clamp(r_y, lo, hi))
// (= Phi(max(r_b, r_y)) - Phi(max(r_a, r_y)) for every r_y),
//   dE = 2 sum_sigma [ sum_{o in O} K(o) (Phi(clamp(r_{b+o})) - Phi(clamp(r_{a+o})))
//                      + K_O(a - b) (Phi(hi) - Phi(lo)) ]
// The Phi(hi) of both sides cancel; the a-side term at y = b vanishes by itself (D(b) = 0), and the last term
// removes the b-side term at y = a (D(a) = Phi(hi) - Phi(lo)) that the closed form excludes.
#include "swap_shared.h"
#include "random_hash_shared.h"

layout(local_size_x = SD_SWAP_GROUP_SIZE) in;
layout(std430, binding = 0) readonly buffer Ranks { uint ranks[]; };
// Wrapped copy of the pixels' Phi rows (Phi of their ranks): the gathers need no modulo and no second lookup.
layout(std430, binding = 1) readonly buffer Padded { SD_SWAP_PHI_ROW paddedPhi[]; };
layout(std430, binding = 2) readonly buffer Inverse { uint pixelOfRank[]; };
// Per offset of O: (linear offset in the padded copy, dx, dy, 0).
layout(std430, binding = 3) readonly buffer Offsets { ivec4 offsets[]; };
// K_sigma(o) for o in O: [o * S + s].
layout(std430, binding = 4) readonly buffer KernelO { float kernelO[]; };
// K_sigma over the box |dx| <= padX, |dy| <= padY, 0 outside O: [box index * S + s].
layout(std430, binding = 5) readonly buffer KernelBox { float kernelBox[]; };
// Phi_sigma(r), shifted by a constant: row r holds the S values of rank r (padded to a vec2 or vec4, the
// including file's SD_SWAP_PHI_ROW), one access for all sigmas: on lavapipe every gathered access is a per-lane
// loop, whatever its width. swap_refresh.comp copies the rows of the pixels' ranks into the padded copy.
layout(std430, binding = 6) readonly buffer PhiTable { SD_SWAP_PHI_ROW phiRows[]; };
// (p, q, dE bits, SD_SWAP_*) per proposal.
layout(std430, binding = 7) writeonly buffer Proposals { uvec4 proposals[]; };
layout(std430, binding = 8) buffer Claims { uint claims[]; };
layout(std430, binding = 9) buffer Stats { uint stats[]; };
// The temporal term (docs/method.md §8.2): per offset (dx, dy, weight bits, 0), and the fields Q of the ranks.
layout(std430, binding = 10) readonly buffer TemporalOffsets { ivec4 temporalOffsets[]; };
layout(std430, binding = 11) readonly buffer Fields { float fields[]; };
// A linear term sum_x r_x F(x), F per pixel of every slice, already scaled by the host (docs/method.md §11.2: the
// colour eye model's pairs with the other channels of a colour mask).
layout(std430, binding = 12) readonly buffer LinearField { float linearField[]; };
layout(push_constant) uniform Push { SwapProposePush pc; };

uint wrapAdd(uint x, int d, uint n) {
  int v = int(x) + d;
  if (v < 0) v += int(n);
  if (v >= int(n)) v -= int(n);
  return uint(v);
}

uint paddedIndex(uint pixel) {
  return (pixel / pc.width + pc.padY) * pc.paddedWidth + pixel % pc.width + pc.padX;
}

// p and the result are pixels of one slice; base: the slice's first entry of the rank inverse.
uint choosePartner(uint p, uint rp, uint base, uint kindHash, uint partnerHash) {
  uint u = kindHash >> 8;
  if (u < pc.randomThreshold) return partnerHash % pc.pixelCount;
  if (u < pc.rankThreshold) {
    // d uniform in [-window, -1] U [1, window]; reflected at the ends of the rank range.
    int d = int(partnerHash % (2u * pc.rankWindow)) - int(pc.rankWindow);
    if (d >= 0) d += 1;
    int last = int(pc.pixelCount) - 1;
    int r = int(rp) + d;
    if (r < 0) r = -r;
    if (r > last) r = 2 * last - r;
    return pixelOfRank[base + uint(clamp(r, 0, last))];
  }
  uint side = 2u * pc.neighbourRadius + 1u;
  uint cells = side * side - 1u;
  uint c = partnerHash % cells;
  if (c >= cells / 2u) c += 1u;  // skip the centre
  int dx = int(c % side) - int(pc.neighbourRadius);
  int dy = int(c / side) - int(pc.neighbourRadius);
  return wrapAdd(p / pc.width, dy, pc.height) * pc.width + wrapAdd(p % pc.width, dx, pc.width);
}

void main() {
  uint local = gl_GlobalInvocationID.x;
  if (local >= pc.proposalCount) return;
  uint i = pc.proposalBase + local;
  // A pixel of any slice of the chunk; a 2D mask is the one-slice case (the same numbers as before stacks
  // existed), one chunk of a stack the same as before chunks existed.
  uint global = hashKey(pc.seedLow, pc.seedHigh, pc.pass, 4u * i) % (pc.pixelCount * pc.sliceCount);
  uint slice = pc.sliceBegin + global / pc.pixelCount;
  uint base = slice * pc.pixelCount;
  uint p = global % pc.pixelCount;
  uint kindHash = hashKey(pc.seedLow, pc.seedHigh, pc.pass, 4u * i + 1u);
  uint partnerHash = hashKey(pc.seedLow, pc.seedHigh, pc.pass, 4u * i + 2u);
  uint rp = ranks[base + p];
  uint q = choosePartner(p, rp, base, kindHash, partnerHash);
  if (q == p) {
    proposals[i] = uvec4(base + p, base + q, floatBitsToUint(0.0), SD_SWAP_REJECTED);
    return;
  }
  uint rq = ranks[base + q];
  uint lo = min(rp, rq), hi = max(rp, rq);
  uint a = rp < rq ? p : q;
  uint b = rp < rq ? q : p;
  uint padA = paddedIndex(a) + slice * pc.paddedPlane, padB = paddedIndex(b) + slice * pc.paddedPlane;

  const uint S = SD_SWAP_SIGMAS;
  // Phi is non-increasing in the rank (a suffix sum of non-negative level weights, float rounding keeps the
  // order), so Phi(clamp(r, lo, hi)) = clamp(Phi(r), Phi(hi), Phi(lo)), the same floats: one gather of a
  // pixel's Phi row instead of its rank and then the row.
  SD_SWAP_PHI_ROW phiLo = phiRows[lo], phiHi = phiRows[hi];
  float acc[S];
  for (uint s = 0u; s < S; ++s) acc[s] = 0.0;
  for (uint o = 0u; o < pc.offsetCount; ++o) {
    int off = offsets[o].x;
    SD_SWAP_PHI_ROW d = clamp(paddedPhi[uint(int(padB) + off)], phiHi, phiLo) -
                        clamp(paddedPhi[uint(int(padA) + off)], phiHi, phiLo);
    for (uint s = 0u; s < S; ++s) acc[s] += kernelO[o * S + s] * d[s];
  }
  uint ax = a % pc.width, ay = a / pc.width, bx = b % pc.width, by = b / pc.width;
  // K_O(a - b) through the shortest representative of a - b (as hvsOffsets lists O): in (-W/2, W/2].
  int dx = int(wrapAdd(ax, -int(bx), pc.width)), dy = int(wrapAdd(ay, -int(by), pc.height));
  if (dx > int(pc.width / 2u)) dx -= int(pc.width);
  if (dy > int(pc.height / 2u)) dy -= int(pc.height);
  bool inBox = abs(dx) <= int(pc.padX) && abs(dy) <= int(pc.padY);
  uint box = uint((dy + int(pc.padY)) * int(2u * pc.padX + 1u) + dx + int(pc.padX)) * S;
  float dE = 0.0;
  SD_SWAP_PHI_ROW span = phiHi - phiLo;
  for (uint s = 0u; s < S; ++s) dE += acc[s] + (inBox ? kernelBox[box + s] : 0.0) * span[s];
  dE *= 2.0;
  // The temporal term: the pairs with the pixels of the other slices, through the fields Q (docs/method.md §8.2):
  // dE_t = 2 sum_o K_t(o) [(Q(b+o, L(hi)) - Q(b+o, L(lo))) - (Q(a+o, L(hi)) - Q(a+o, L(lo)))].
  uint levelLo = lo * pc.levels / pc.pixelCount, levelHi = hi * pc.levels / pc.pixelCount;
  if (pc.temporalOffsetCount > 0u && levelLo != levelHi) {
    float t = 0.0;
    uint chunkBase = base - pc.sliceBegin * pc.pixelCount;  // the slice's first pixel in the bound fields chunk
    for (uint o = 0u; o < pc.temporalOffsetCount; ++o) {
      ivec4 off = temporalOffsets[o];
      uint fa = (chunkBase + wrapAdd(ay, off.y, pc.height) * pc.width + wrapAdd(ax, off.x, pc.width)) * pc.levels;
      uint fb = (chunkBase + wrapAdd(by, off.y, pc.height) * pc.width + wrapAdd(bx, off.x, pc.width)) * pc.levels;
      t += intBitsToFloat(off.z) * ((fields[fb + levelHi] - fields[fb + levelLo]) - (fields[fa + levelHi] - fields[fa + levelLo]));
    }
    dE += 2.0 * t;
  }
  // a takes rank hi and b rank lo: dE_lin = (hi - lo) (F(a) - F(b)). Swaps never interact through it.
  if (pc.linearField != 0u) dE += float(hi - lo) * (linearField[base + a] - linearField[base + b]);

  uint state = SD_SWAP_REJECTED;
  if (pc.evaluateOnly == 0u) {
    bool accept = dE < 0.0;
    if (!accept && pc.temperature > 0.0) {
      float u = uniform01(hashKey(pc.seedLow, pc.seedHigh, pc.pass, 4u * i + 3u));
      accept = u < exp(-dE / pc.temperature);
    }
    if (accept) {
      state = SD_SWAP_ACCEPTED;
      atomicAdd(stats[SD_SWAP_STAT_ACCEPTED], 1u);
      // With a temporal term, a swap claims its two pixel columns through every slice: swaps in other slices of
      // the same column would change each other's dE through the fields (computed before the pass), and with
      // ~T/2 proposals a column they would move together blindly. Within a slice, pixels as in 2D.
      uint claimBase = pc.temporalOffsetCount > 0u ? 0u : base;
      atomicMin(claims[claimBase + p], i);
      atomicMin(claims[claimBase + q], i);
    }
  }
  proposals[i] = uvec4(base + p, base + q, floatBitsToUint(dE), state);
}
