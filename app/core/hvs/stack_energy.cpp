#include "hvs/stack_energy.h"

#include <algorithm>

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

std::vector<double> stackTemporalFields(const StackTemporalModel& m, const std::vector<uint32_t>& ranks, uint32_t first,
                                        uint32_t count) {
  const size_t n = m.pixelCount();
  const uint32_t t = m.slices, levels = m.levels;
  if (count == 0) count = t - first;
  std::vector<double> q(n * count * levels, 0.0);
  std::vector<double> c(t);
  std::vector<std::vector<uint32_t>> joining(levels);  // slices of a column joining at each level
  for (size_t y = 0; y < n; ++y) {
    for (auto& j : joining) j.clear();
    for (uint32_t s2 = 0; s2 < t; ++s2) {
      const uint32_t joinsAt = stackLevelOf(ranks[s2 * n + y], levels, n) + 1;
      if (joinsAt < levels) joining[joinsAt].push_back(s2);
    }
    std::fill(c.begin(), c.end(), 0.0);  // C_l(y, s) = sum_(s' on at level l, s' != s) R'(s - s')
    for (uint32_t l = 1; l < levels; ++l) {
      for (uint32_t s2 : joining[l])
        for (uint32_t s = 0; s < t; ++s)
          if (s != s2) c[s] += m.crossSlice[(s2 + t - s) % t];
      for (uint32_t s = 0; s < count; ++s) q[(s * n + y) * levels + l] = q[(s * n + y) * levels + l - 1] + c[first + s];
    }
  }
  return q;
}

double stackTemporalSwapDelta(const StackTemporalModel& m, const std::vector<double>& fields,
                              const std::vector<uint32_t>& ranks, uint32_t slice, uint32_t p, uint32_t q) {
  const size_t n = m.pixelCount(), base = size_t(slice) * n;
  const uint32_t rp = ranks[base + p], rq = ranks[base + q];
  const uint32_t a = rp < rq ? p : q, b = rp < rq ? q : p;
  const uint32_t lo = stackLevelOf(std::min(rp, rq), m.levels, n), hi = stackLevelOf(std::max(rp, rq), m.levels, n);
  if (lo == hi) return 0;
  double t = 0;
  for (size_t o = 0; o < m.offsets.size(); ++o) {
    const int64_t dx = m.offsets[o].dx, dy = m.offsets[o].dy;
    const size_t fa = (base + torusIndex(int64_t(a % m.width) + dx, int64_t(a / m.width) + dy, m.width, m.height)) *
                      m.levels;
    const size_t fb = (base + torusIndex(int64_t(b % m.width) + dx, int64_t(b / m.width) + dy, m.width, m.height)) *
                      m.levels;
    t += m.kernel[o] * ((fields[fb + hi] - fields[fb + lo]) - (fields[fa + hi] - fields[fa + lo]));
  }
  return 2 * t;
}

}  // namespace specdither
