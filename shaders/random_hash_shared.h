// Counter-based random numbers, one definition for the shaders and the C++ core (app/core/random_hash.h): a
// value is a pure function of (seed, a, b), so GPU passes and CPU references draw the same numbers without any
// generator state (a step's random term scales, the initial mask, the swap proposals).
#ifndef SPECDITHER_RANDOM_HASH_SHARED_H
#define SPECDITHER_RANDOM_HASH_SHARED_H
#include "gpu_types.h"

#ifdef __cplusplus
#define SD_INLINE inline
#else
#define SD_INLINE
#endif

SD_BEGIN_NAMESPACE
SD_INLINE uint hashUint(uint x) {
  x ^= x >> 16;
  x *= 0x7feb352du;
  x ^= x >> 15;
  x *= 0x846ca68bu;
  x ^= x >> 16;
  return x;
}

// The 64-bit seed as its low and high words.
SD_INLINE uint hashKey(uint seedLow, uint seedHigh, uint a, uint b) {
  return hashUint(hashUint(hashUint(seedLow ^ hashUint(seedHigh)) + a) ^ hashUint(b + 0x9e3779b9u));
}

// Uniform in [0, 1) with 24 random bits.
SD_INLINE float uniform01(uint h) { return float(h >> 8) * (1.0f / 16777216.0f); }
SD_END_NAMESPACE

#endif
