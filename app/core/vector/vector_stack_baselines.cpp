// The baselines of vector stacks (vector_stack_baselines.h).
#include "specdither/vector_stack_baselines.h"

#include "specdither/vector_metrics.h"

#include <cmath>
#include <random>
#include <stdexcept>

namespace specdither {

namespace {

double frac(double x) { return x - std::floor(x); }

Mask maskOfValues(VectorDomain domain, const MaskShape& shape, const std::vector<VectorValue>& values) {
  const uint32_t components = vectorComponents(domain);
  Mask mask;
  mask.shape = {shape.width, shape.height, shape.slices, components};
  mask.values.resize(mask.shape.valueCount());
  for (size_t i = 0; i < values.size(); ++i) exportedComponents(domain, values[i], &mask.values[i * components]);
  return mask;
}

}  // namespace

Mask whiteVectorMask(VectorDomain domain, const MaskShape& shape, uint64_t seed) {
  const std::vector<VectorValue> sample = stratifiedVectorSample(domain, shape.planeSize());
  std::mt19937_64 random(seed);
  std::vector<VectorValue> values;
  values.reserve(shape.pixelCount());
  for (uint32_t t = 0; t < shape.slices; ++t) {
    std::vector<VectorValue> slice = sample;
    for (size_t i = slice.size(); i > 1; --i) std::swap(slice[i - 1], slice[size_t(random() % i)]);
    values.insert(values.end(), slice.begin(), slice.end());
  }
  return maskOfValues(domain, shape, values);
}

std::string checkGoldenRatioVectorDomain(VectorDomain domain) {
  if (domain == VectorDomain::Square || domain == VectorDomain::Circle) return "";
  return std::string("the golden-ratio animation shifts values on a torus: vec2 and circle have one, ") +
         vectorDomainName(domain) + " does not";
}

Mask goldenRatioVectorStack(const Mask& mask2D, VectorDomain domain, uint32_t slices) {
  const std::string refusal = checkGoldenRatioVectorDomain(domain);
  if (!refusal.empty()) throw std::invalid_argument(refusal);
  if (mask2D.shape.slices != 1) throw std::invalid_argument("the golden-ratio animation starts from one 2D mask");
  const double plastic = 1.32471795724474602596;  // the real root of g^3 = g + 1
  const double step[2] = {domain == VectorDomain::Square ? 1 / plastic : 0.61803398874989484820,
                          1 / (plastic * plastic)};
  const std::vector<VectorValue> first = vectorValuesOf(mask2D, domain);
  std::vector<VectorValue> values;
  values.reserve(first.size() * slices);
  const uint32_t shifted = domain == VectorDomain::Square ? 2 : 1;  // the circle's value is its angle in turns
  for (uint32_t t = 0; t < slices; ++t)
    for (VectorValue v : first) {
      for (uint32_t k = 0; k < shifted; ++k) v.c[k] = float(frac(double(v.c[k]) + double(t) * step[k]));
      values.push_back(v);
    }
  return maskOfValues(domain, {mask2D.shape.width, mask2D.shape.height, slices, 1}, values);
}

}  // namespace specdither
