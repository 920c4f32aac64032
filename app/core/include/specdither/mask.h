// A dither mask (threshold matrix): float32 values, row-major (index = y * width + x), toroidal.
// Designed so that channels and a third (time/slice) dimension can be added later as extra fields with
// defaults of 1; today every mask is a single-channel 2D grid.
#pragma once

#include "specdither/api.h"

#include <cstdint>
#include <string>
#include <vector>

namespace specdither {

struct Mask {
  uint32_t width = 0;
  uint32_t height = 0;
  std::vector<float> values;  // width * height

  size_t pixelCount() const { return size_t(width) * height; }
};

// Rank of every pixel (0 .. N-1) by ascending value; ties broken by pixel index so the result is deterministic.
SPECDITHER_API std::vector<uint32_t> ranksOf(const Mask& mask);

// The finished mask: every value replaced by (rank + 0.5) / N (docs/method.md §7.1), an exact uniform histogram.
SPECDITHER_API Mask rankNormalized(const Mask& mask);

// Builds a mask from ranks (0 .. N-1, a permutation): value = (rank + 0.5) / N.
SPECDITHER_API Mask maskFromRanks(uint32_t width, uint32_t height, const std::vector<uint32_t>& ranks);

// True when the ranks of the mask's values form a permutation with no ties (all values distinct).
SPECDITHER_API bool isExactPermutation(const Mask& mask);

}  // namespace specdither
