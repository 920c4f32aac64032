// The swap stage (swap_optimizer.h, docs/method.md §3.5): workgroup sizes and push constants shared by
// shaders/swap_*.comp and the C++ side.
#ifndef SPECDITHER_SWAP_SHARED_H
#define SPECDITHER_SWAP_SHARED_H
#include "gpu_types.h"

#define SD_SWAP_GROUP_SIZE 64
#define SD_SWAP_MAX_SIGMAS 4

// proposals[i].w: what became of proposal i in its pass.
#define SD_SWAP_REJECTED 0u
#define SD_SWAP_ACCEPTED 1u   // Metropolis said yes, but a conflicting proposal won
#define SD_SWAP_APPLIED 2u

// stats[]: running counters (wrapping uint32; the host reads differences).
#define SD_SWAP_STAT_ACCEPTED 0
#define SD_SWAP_STAT_APPLIED 1
#define SD_SWAP_STAT_COUNT 4

SD_BEGIN_NAMESPACE
struct SwapProposePush {
  uint width;
  uint height;
  uint paddedWidth;       // the padded rank image: (width + 2 padX) x (height + 2 padY), wrapped copies
  uint padX;
  uint padY;
  uint pixelCount;
  uint proposalCount;
  uint offsetCount;       // |O|
  uint seedLow;
  uint seedHigh;
  uint pass;              // keys the random numbers of this pass
  uint randomThreshold;   // partner kind from a 24-bit uniform u: u < randomThreshold: any pixel,
  uint rankThreshold;     //   u < rankThreshold: the pixel of rank r_p + d, else a neighbour
  uint rankWindow;        // |d| <= rankWindow, d != 0
  uint neighbourRadius;   // neighbour within +-neighbourRadius on each axis
  float temperature;      // Metropolis temperature; <= 0 accepts only dE < 0
  uint evaluateOnly;      // 1: record proposals and dE, decide nothing (tests, the schedule's dE scale)
  // A stack of slices (docs/method.md §8.2): pixels p of every slice are proposed, partners in p's slice; the
  // ranks, their inverse and the padded rows hold the slices one after another.
  uint slices;
  uint paddedPlane;       // paddedWidth * paddedHeight
  uint temporalOffsetCount;  // 0: no temporal term
  uint levels;            // L of the temporal term's fields
  uint linearField;       // 1: add the linear term sum_x r_x F(x) of binding 12 (docs/method.md §11.2)
  // The temporal fields come in chunks of whole slices (one storage binding each, docs/method.md §8.3): one
  // dispatch per chunk proposes pixels of slices sliceBegin .. sliceBegin + sliceCount - 1 only, its proposals
  // numbered from proposalBase (their entries in Proposals and their claims). One chunk: 0, T, 0.
  uint sliceBegin;
  uint sliceCount;
  uint proposalBase;
};

// The temporal term's fields (swap_temporal_fields.comp): one invocation per (slice s, pixel y) updates
// Q[(s N + y) L + lambda] for the columns whose ranks changed since the last update.
struct SwapTemporalPush {
  uint pixelCount;        // N, pixels of a slice
  uint slices;            // T
  uint levels;            // L
  uint words;             // uints of the changed-slice bits per pixel: ceil(T / 32)
  uint sliceBegin;        // the fields chunk bound: slices sliceBegin .. sliceBegin + sliceCount - 1
  uint sliceCount;
};

struct SwapApplyPush {
  uint width;
  uint height;
  uint proposalCount;
  uint offsetCount;
  uint conflictRule;      // 0: pixel-disjoint swaps; 1: swaps whose O-neighbourhoods do not touch
  uint pixelCount;        // N, pixels of a slice
  uint columnClaims;      // 1: claims per pixel column of the stack (see swap_propose.glsl)
};

struct SwapRefreshPush {
  uint width;
  uint height;
  uint paddedWidth;
  uint paddedHeight;
  uint padX;
  uint padY;
  uint pixelCount;
  uint phiStride;  // floats per Phi row (swapPhiStride)
  uint slices;
};
SD_END_NAMESPACE
#endif
