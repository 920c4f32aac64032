// The two baselines without an optimization: white noise and Bayer's ordered dither.
#include "baselines/baseline_methods.h"

#include <algorithm>

namespace specdither {

std::vector<uint32_t> randomPermutation(size_t n, std::mt19937_64& rng) {
  std::vector<uint32_t> p(n);
  for (size_t i = 0; i < n; ++i) p[i] = uint32_t(i);
  for (size_t i = n; i > 1; --i) {
    // Multiply-shift bounded draw (Lemire); its bias for i <= 2^26 is below 2^-38.
    const size_t j = size_t((unsigned __int128)rng() * i >> 64);
    std::swap(p[i - 1], p[j]);
  }
  return p;
}

std::vector<uint32_t> whiteNoiseRanks(const MaskShape& shape, uint64_t seed) {
  std::mt19937_64 rng(seed);
  return randomPermutation(shape.planeSize(), rng);
}

// Bayer (1973): the recursive matrix M_2n = [4M 4M+2; 4M+3 4M+1] puts the lowest position bits of (x, y) in
// the most significant rank bits, two per level: (x_l xor y_l, y_l). Levels past the short axis carry one bit
// of the long axis each, continuing the same low-bits-first order (baseline_masks.h).
std::vector<uint32_t> bayerRanks(const MaskShape& shape) {
  const uint32_t width = shape.width, height = shape.height;
  uint32_t bitsX = 0, bitsY = 0;
  while ((1u << bitsX) < width) ++bitsX;
  while ((1u << bitsY) < height) ++bitsY;
  const uint32_t levels = std::max(bitsX, bitsY);
  std::vector<uint32_t> ranks(size_t(width) * height);
  for (uint32_t y = 0; y < height; ++y)
    for (uint32_t x = 0; x < width; ++x) {
      uint32_t rank = 0;
      for (uint32_t l = 0; l < levels; ++l) {
        const uint32_t xb = (x >> l) & 1, yb = (y >> l) & 1;
        if (l < bitsX && l < bitsY)
          rank = (rank << 2) | ((xb ^ yb) << 1) | yb;
        else
          rank = (rank << 1) | (l < bitsX ? xb : yb);
      }
      ranks[size_t(y) * width + x] = rank;
    }
  return ranks;
}

}  // namespace specdither
