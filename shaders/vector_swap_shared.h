// The vector swap stage (vector_swap_optimizer.h, docs/method.md §10): workgroup size and push constants shared
// by shaders/vector_swap_*.comp and the C++ side.
#ifndef SPECDITHER_VECTOR_SWAP_SHARED_H
#define SPECDITHER_VECTOR_SWAP_SHARED_H
#include "gpu_types.h"

#define SD_VECTOR_SWAP_GROUP_SIZE 64

// The distance K = -d(v_i, v_j) of a value domain (VectorDomain in vector_swap_optimizer.h): the propose shader's
// specialization constant 0 (a pipeline per domain: on lavapipe a branch on a push constant runs every side).
#define SD_VECTOR_DISTANCE_EUCLIDEAN 0u  // |a - b| (the unit square, FAST's vector2)
#define SD_VECTOR_DISTANCE_CIRCLE 1u     // toroidal |a.x - b.x| of the angle in turns (FAST's circle)
#define SD_VECTOR_DISTANCE_ANGLE 2u      // great-circle angle of unit vectors
// The angle capped at pi/2, as FAST's sphere space computes it (acos of the dot product clamped to [0, 1]):
// only near directions repel. On the whole sphere it integrates far better than the plain angle (docs/method.md
// §10.2: -5.5 against -2.0 dB at 64x64); on the cosine hemisphere the plain angle is better.
#define SD_VECTOR_DISTANCE_ANGLE_CAPPED 3u
#define SD_HALF_PI 1.5707963267948966

// proposals[i].w
#define SD_VECTOR_SWAP_REJECTED 0u
#define SD_VECTOR_SWAP_ACCEPTED 1u
#define SD_VECTOR_SWAP_APPLIED 2u

SD_BEGIN_NAMESPACE
struct VectorSwapProposePush {
  uint width;
  uint height;
  uint pixelCount;
  uint proposalCount;
  uint offsetCount;
  uint seedLow;
  uint seedHigh;
  uint pass;
  uint randomThreshold;  // 24-bit uniform u < randomThreshold: any pixel as partner, else a neighbour
  uint neighbourRadius;
  float temperature;  // <= 0: greedy (only dE < 0)
  uint evaluateOnly;
  uint slices;  // a stack of slices (docs/method.md §10.5): swaps stay within a slice, offsets reach across
};

struct VectorSwapApplyPush {
  uint proposalCount;
  uint pixelCount;  // one slice's: the claims are per column (x, y) of the stack
};
SD_END_NAMESPACE
#endif
