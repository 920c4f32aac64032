// The value domains of vector masks, their stratified samples, FAST's filter and the CPU double reference of
// the energy (vector_swap_optimizer.h, docs/method.md §10).
#include "specdither/vector_swap_optimizer.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace specdither {

namespace {
constexpr double kPi = 3.14159265358979323846;
// 1 / golden ratio: the irrational step of the Fibonacci lattices.
constexpr double kGoldenStep = 0.61803398874989484820;

double frac(double x) { return x - std::floor(x); }
}  // namespace

const char* vectorDomainName(VectorDomain domain) {
  switch (domain) {
    case VectorDomain::Square: return "vec2";
    case VectorDomain::Circle: return "circle";
    case VectorDomain::Sphere: return "sphere";
    case VectorDomain::HemisphereCosine: return "hemisphere-cosine";
  }
  return "?";
}

bool parseVectorDomain(const std::string& name, VectorDomain* domain) {
  for (VectorDomain d :
       {VectorDomain::Square, VectorDomain::Circle, VectorDomain::Sphere, VectorDomain::HemisphereCosine})
    if (name == vectorDomainName(d)) {
      *domain = d;
      return true;
    }
  return false;
}

uint32_t vectorComponents(VectorDomain domain) {
  return domain == VectorDomain::Square || domain == VectorDomain::Circle ? 2 : 3;
}

std::vector<VectorValue> stratifiedVectorSample(VectorDomain domain, size_t count) {
  std::vector<VectorValue> out(count);
  const double n = double(count);
  for (size_t i = 0; i < count; ++i) {
    const double u = (double(i) + 0.5) / n;  // stratified: one value per interval of 1/n
    const double w = frac(double(i) * kGoldenStep + 0.5);
    float* c = out[i].c;
    switch (domain) {
      case VectorDomain::Square:
        c[0] = float(u);
        c[1] = float(w);
        break;
      case VectorDomain::Circle: c[0] = float(u); break;
      case VectorDomain::Sphere: {
        // Spherical Fibonacci: z stratified (equal areas, Archimedes), the azimuth by the golden step.
        const double z = 1.0 - 2.0 * u, r = std::sqrt(std::max(0.0, 1.0 - z * z)), phi = 2.0 * kPi * w;
        c[0] = float(r * std::cos(phi));
        c[1] = float(r * std::sin(phi));
        c[2] = float(z);
        break;
      }
      case VectorDomain::HemisphereCosine: {
        // A Fibonacci disk (r^2 stratified: equal areas) lifted to the hemisphere (Malley's method): cosine-
        // weighted because the disk's uniform density is the projected solid angle.
        const double r = std::sqrt(u), phi = 2.0 * kPi * w;
        c[0] = float(r * std::cos(phi));
        c[1] = float(r * std::sin(phi));
        c[2] = float(std::sqrt(std::max(0.0, 1.0 - r * r)));
        break;
      }
    }
  }
  return out;
}

void exportedComponents(VectorDomain domain, const VectorValue& value, float* out) {
  if (domain == VectorDomain::Circle) {
    out[0] = float(std::cos(2.0 * kPi * value.c[0]));
    out[1] = float(std::sin(2.0 * kPi * value.c[0]));
    return;
  }
  for (uint32_t k = 0; k < vectorComponents(domain); ++k) out[k] = value.c[k];
}

double vectorDistance(VectorDomain domain, const VectorValue& a, const VectorValue& b, double power) {
  if (power != 1.0) return std::pow(vectorDistance(domain, a, b), power);
  if (domain == VectorDomain::Circle) {
    const double d = std::fabs(double(a.c[0]) - double(b.c[0]));
    return std::min(d, 1.0 - d);
  }
  double difference = 0, sum = 0;
  for (int k = 0; k < 3; ++k) {
    difference += (double(a.c[k]) - b.c[k]) * (double(a.c[k]) - b.c[k]);
    sum += (double(a.c[k]) + b.c[k]) * (double(a.c[k]) + b.c[k]);
  }
  if (domain == VectorDomain::Square) return std::sqrt(difference);
  const double angle = 2.0 * std::atan2(std::sqrt(difference), std::sqrt(sum));  // accurate near 0 and pi
  // On the sphere capped at pi/2 as FAST does (vector_swap_shared.h's SD_VECTOR_DISTANCE_ANGLE_CAPPED).
  return domain == VectorDomain::Sphere ? std::min(angle, kPi / 2) : angle;
}

std::vector<double> vectorFilterTable(uint32_t width, uint32_t height, double sigma, double radiusInStd) {
  std::vector<double> table(size_t(width) * height, 0.0);
  const int radius = int(std::ceil(radiusInStd * sigma * std::sqrt(2.0)));
  for (int dy = -radius; dy <= radius; ++dy)
    for (int dx = -radius; dx <= radius; ++dx) {
      if (dx * dx + dy * dy > radius * radius) continue;
      const int x = ((dx % int(width)) + int(width)) % int(width), y = ((dy % int(height)) + int(height)) % int(height);
      table[size_t(y) * width + x] += std::exp(-double(dx * dx + dy * dy) / (4.0 * sigma * sigma));
    }
  return table;
}

double vectorEnergy(VectorDomain domain, uint32_t width, uint32_t height, const std::vector<double>& filter,
                    const std::vector<VectorValue>& values, double distancePower) {
  // a 2D mask is a stack of one slice
  return vectorStackEnergy(domain, width, height, 1, filter, values, distancePower);
}

}  // namespace specdither
