// Counter-based random numbers shared with the shaders (shaders/random_hash.glsl): a value is a pure function
// of (seed, a, b), so GPU passes and CPU references draw the same numbers without any generator state.
#pragma once

#include <cstdint>

namespace specdither {

inline uint32_t hashUint(uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352du;
  x ^= x >> 15;
  x *= 0x846ca68bu;
  x ^= x >> 16;
  return x;
}

inline uint32_t hashKey(uint64_t seed, uint32_t a, uint32_t b) {
  const uint32_t low = uint32_t(seed), high = uint32_t(seed >> 32);
  return hashUint(hashUint(hashUint(low ^ hashUint(high)) + a) ^ hashUint(b + 0x9e3779b9u));
}

inline float uniform01(uint32_t h) { return float(h >> 8) * (1.0f / 16777216.0f); }

}  // namespace specdither
