// Counter-based random numbers: the same integer hash as app/core/random_hash.h, so a step's random term
// scales (and the initial mask) are identical on the GPU and in the CPU reference.
uint hashUint(uint x) {
  x ^= x >> 16;
  x *= 0x7feb352du;
  x ^= x >> 15;
  x *= 0x846ca68bu;
  x ^= x >> 16;
  return x;
}

uint hashKey(uint seedLow, uint seedHigh, uint a, uint b) {
  return hashUint(hashUint(hashUint(seedLow ^ hashUint(seedHigh)) + a) ^ hashUint(b + 0x9e3779b9u));
}

// Uniform in [0, 1) with 24 random bits.
float uniform01(uint h) { return float(h >> 8) * (1.0 / 16777216.0); }
