#include "hvs/stack_energy.h"

namespace specdither {

double stackTemporalEnergy(const StackTemporalModel& m, const std::vector<uint32_t>& ranks) {
  const size_t n = m.pixelCount();
  double energy = 0;
  for (uint32_t s = 0; s < m.slices; ++s)
    for (uint32_t s2 = 0; s2 < m.slices; ++s2) {
      const double r = m.crossSlice[(s2 + m.slices - s) % m.slices];
      if (s == s2 || r == 0) continue;
      for (size_t x = 0; x < n; ++x) {
        const uint32_t lx = stackLevelOf(ranks[s * n + x], m.levels, n);
        for (size_t o = 0; o < m.offsets.size(); ++o) {
          const int64_t px = int64_t(x % m.width) + m.offsets[o].dx, py = int64_t(x / m.width) + m.offsets[o].dy;
          const uint32_t y = torusIndex(px, py, m.width, m.height);
          const uint32_t ly = stackLevelOf(ranks[s2 * n + y], m.levels, n);
          // Both on at the levels l > max(lx, ly), l <= L - 1.
          const uint32_t both = m.levels - 1 - std::max(lx, ly);
          energy += m.kernel[o] * r * both;
        }
      }
    }
  return energy;
}

std::vector<double> stackTemporalFields(const StackTemporalModel& m, const std::vector<uint32_t>& ranks) {
  const size_t n = m.pixelCount();
  const uint32_t t = m.slices, levels = m.levels;
  std::vector<double> q(n * t * levels, 0.0);
  std::vector<double> c(t);
  std::vector<std::vector<uint32_t>> joining(levels);  // slices of a column joining at each level
  for (size_t y = 0; y < n; ++y) {
    for (auto& j : joining) j.clear();
    for (uint32_t s2 = 0; s2 < t; ++s2) {
      const uint32_t first = stackLevelOf(ranks[s2 * n + y], levels, n) + 1;
      if (first < levels) joining[first].push_back(s2);
    }
    std::fill(c.begin(), c.end(), 0.0);  // C_l(y, s) = sum_(s' on at level l, s' != s) R'(s - s')
    for (uint32_t l = 1; l < levels; ++l) {
      for (uint32_t s2 : joining[l])
        for (uint32_t s = 0; s < t; ++s)
          if (s != s2) c[s] += m.crossSlice[(s2 + t - s) % t];
      for (uint32_t s = 0; s < t; ++s) q[(s * n + y) * levels + l] = q[(s * n + y) * levels + l - 1] + c[s];
    }
  }
  return q;
}

}  // namespace specdither
