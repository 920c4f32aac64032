#include "specdither/mask.h"

#include <algorithm>
#include <numeric>

namespace specdither {

std::vector<uint32_t> ranksOf(const Mask& mask) {
  const size_t n = mask.pixelCount();
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const float va = mask.values[a], vb = mask.values[b];
    return va < vb || (va == vb && a < b);
  });
  std::vector<uint32_t> ranks(n);
  for (size_t r = 0; r < n; ++r) ranks[order[r]] = uint32_t(r);
  return ranks;
}

Mask maskFromRanks(uint32_t width, uint32_t height, const std::vector<uint32_t>& ranks) {
  Mask out;
  out.width = width;
  out.height = height;
  out.values.resize(ranks.size());
  const double n = double(ranks.size());
  for (size_t i = 0; i < ranks.size(); ++i) out.values[i] = float((ranks[i] + 0.5) / n);
  return out;
}

Mask rankNormalized(const Mask& mask) { return maskFromRanks(mask.width, mask.height, ranksOf(mask)); }

bool isExactPermutation(const Mask& mask) {
  std::vector<float> sorted = mask.values;
  std::sort(sorted.begin(), sorted.end());
  return std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end();
}

}  // namespace specdither
