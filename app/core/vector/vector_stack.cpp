// Vector stacks (docs/method.md §10.5): FAST's product filter over the torus of a stack's slices, its taps, and the
// CPU double references of the energy and of one swap's change (a 2D mask is a stack of one slice).
#include "specdither/vector_swap_optimizer.h"

#include <cmath>

namespace specdither {

namespace {
// R(tau) / R(0) below this is left out of F (the EMA's tail): the swap's gather stays short.
constexpr double kTemporalCutoff = 1e-3;
}  // namespace

std::vector<double> vectorStackFilterTable(uint32_t width, uint32_t height, uint32_t slices, double sigma,
                                           double radiusInStd, const TemporalFilter& temporal, double temporalWeight) {
  const std::vector<double> spatial = vectorFilterTable(width, height, sigma, radiusInStd);
  if (slices <= 1) return spatial;
  const std::vector<double> r = temporalAutocorrelation(temporal, slices);
  // R'(tau) = R(tau) / sum_(tau' != 0) R(tau') over the slices kept: with weight 1 the pairs across all other
  // slices together weigh as much as the pairs within a slice, for any filter and T (the scalar stacks' rule,
  // docs/method.md §8.2; FAST's raw R(tau) / R(0) weighs them ~18 times as much at EMA 0.1).
  auto kept = [&](uint32_t t) { return t == 0 || r[t] / r[0] >= kTemporalCutoff; };
  double across = 0;
  for (uint32_t t = 1; t < slices; ++t)
    if (kept(t)) across += r[t];
  const size_t plane = size_t(width) * height;
  std::vector<double> table(plane * slices, 0.0);
  for (uint32_t t = 0; t < slices; ++t) {
    if (!kept(t)) continue;
    const double weight = t == 0 ? 1.0 : temporalWeight * r[t] / across;
    for (size_t i = 0; i < plane; ++i) table[t * plane + i] = spatial[i] * weight;
  }
  return table;
}

double vectorStackEnergy(VectorDomain domain, uint32_t width, uint32_t height, uint32_t slices,
                         const std::vector<double>& filter, const std::vector<VectorValue>& values,
                         double distancePower) {
  const size_t plane = size_t(width) * height, count = plane * slices;
  double energy = 0;
  for (size_t i = 0; i < count; ++i)
    for (size_t j = 0; j < count; ++j) {
      if (i == j) continue;
      const size_t ti = i / plane, tj = j / plane;
      const size_t yi = (i % plane) / width, xi = i % width, yj = (j % plane) / width, xj = j % width;
      const double f = filter[((tj + slices - ti) % slices) * plane + ((yj + height - yi) % height) * width +
                              (xj + width - xi) % width];
      if (f != 0) energy -= f * vectorDistance(domain, values[i], values[j], distancePower);
    }
  return energy;
}

std::vector<VectorFilterTap> vectorFilterTaps(uint32_t width, uint32_t height, uint32_t slices,
                                              const std::vector<double>& filter) {
  std::vector<VectorFilterTap> taps;
  for (uint32_t t = 0; t < slices; ++t)
    for (uint32_t y = 0; y < height; ++y)
      for (uint32_t x = 0; x < width; ++x) {
        const double f = filter[(size_t(t) * height + y) * width + x];
        if ((x == 0 && y == 0 && t == 0) || f == 0) continue;
        VectorFilterTap tap;
        tap.dx = x > width / 2 ? int32_t(x) - int32_t(width) : int32_t(x);
        tap.dy = y > height / 2 ? int32_t(y) - int32_t(height) : int32_t(y);
        tap.dt = t > slices / 2 ? int32_t(t) - int32_t(slices) : int32_t(t);
        tap.weight = f;
        taps.push_back(tap);
      }
  return taps;
}

double vectorSwapDelta(VectorDomain domain, uint32_t width, uint32_t height, uint32_t slices,
                       const std::vector<VectorFilterTap>& taps, const std::vector<VectorValue>& values, uint32_t p,
                       uint32_t q, double distancePower) {
  const size_t plane = size_t(width) * height;
  auto shifted = [&](uint32_t i, const VectorFilterTap& o) {
    const int64_t t = int64_t(i / plane), y = int64_t((i % plane) / width), x = int64_t(i % width);
    auto wrap = [](int64_t v, int64_t n) { return ((v % n) + n) % n; };
    return uint32_t((wrap(t + o.dt, slices) * height + wrap(y + o.dy, height)) * width + wrap(x + o.dx, width));
  };
  auto k = [&](const VectorValue& a, const VectorValue& b) { return -vectorDistance(domain, a, b, distancePower); };
  const VectorValue &a = values[p], &b = values[q];
  double sum = 0;
  for (const VectorFilterTap& o : taps) {
    const uint32_t np = shifted(p, o), nq = shifted(q, o);
    if (np != q) sum += o.weight * (k(b, values[np]) - k(a, values[np]));
    if (nq != p) sum += o.weight * (k(a, values[nq]) - k(b, values[nq]));
  }
  return 2 * sum;
}

}  // namespace specdither
