// Helpers of the spectral loss passes. Frequencies are addressed on the full H x W grid in unshifted order
// (index ky * W + kx); the article's rolls are cyclic, so they act the same on the shifted and unshifted grid.

// v in [-n, 2n) wrapped into [0, n). No integer division: it does not vectorize on CPU devices (lavapipe
// scalarizes it, and a few per pixel made these passes cost more than the FFTs).
int wrapIndex(int v, int n) { return v < 0 ? v + n : (v >= n ? v - n : v); }

// The low-frequency weight w = max(c - u^2 - v^2, 0) / c with u, v = linspace(1, -1, n) along the
// fftshift-ed axes (Wronski 2020). fftshift moves frequency k to position (k + n/2) mod n.
float lowFrequencyWeight(int ky, int kx, uint width, uint height, float cutoff) {
  int iy = wrapIndex(ky + int(height / 2u), int(height));
  int ix = wrapIndex(kx + int(width / 2u), int(width));
  float u = 1.0 - 2.0 * float(iy) / float(height - 1u);
  float v = 1.0 - 2.0 * float(ix) / float(width - 1u);
  return max(cutoff - u * u - v * v, 0.0) / cutoff;
}

// Term scales c1 (uniformity), c2 (histogram), c3 (low frequency) of a step.
vec3 termScales(uint seedLow, uint seedHigh, uint step, uint randomScaling) {
  if (randomScaling == 0u) return vec3(1.0);
  return vec3(uniform01(hashKey(seedLow, seedHigh, step, 0u)), uniform01(hashKey(seedLow, seedHigh, step, 1u)),
              uniform01(hashKey(seedLow, seedHigh, step, 2u)));
}
