// Vector stacks (docs/method.md §10.5): FAST's product filter over the torus of a stack's slices, and the CPU
// double reference of its energy.
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

}  // namespace specdither
