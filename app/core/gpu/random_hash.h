// Counter-based random numbers shared with the shaders (shaders/random_hash_shared.h holds the one definition):
// a value is a pure function of (seed, a, b), so GPU passes and CPU references draw the same numbers without
// any generator state.
#pragma once

#include "random_hash_shared.h"

#include <cstdint>

namespace specdither {

using gpu::hashUint;
using gpu::uniform01;

inline uint32_t hashKey(uint64_t seed, uint32_t a, uint32_t b) {
  return gpu::hashKey(uint32_t(seed), uint32_t(seed >> 32), a, b);
}

}  // namespace specdither
