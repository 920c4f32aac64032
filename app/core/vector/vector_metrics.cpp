// The integration error of vector masks and stacks (vector_metrics.h, docs/method.md §10.3, §10.5).
#include "specdither/vector_metrics.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <stdexcept>

namespace specdither {

namespace {

constexpr double kPi = 3.14159265358979323846;

double smoothStep(double x) {
  const double t = std::clamp(x, 0.0, 1.0);
  return t * t * (3.0 - 2.0 * t);
}

// A fixed set per domain, rotated/offset by draws of a fixed-seed generator (mt19937_64's output is specified,
// so the figures are the same everywhere).
std::vector<VectorIntegrand> integrandsOf(VectorDomain domain) {
  std::mt19937_64 random(20240501);
  auto uniform = [&]() { return double(random() >> 11) * (1.0 / 9007199254740992.0); };
  std::vector<VectorIntegrand> out;
  if (domain == VectorDomain::Square) {
    for (int k = 0; k < 2; ++k) {
      const double a = 2 * kPi * uniform(), ox = 0.3 + 0.4 * uniform(), oy = 0.3 + 0.4 * uniform();
      out.push_back({"smooth step", [=](const VectorValue& v) {
                       return smoothStep(((v.c[0] - ox) * std::cos(a) + (v.c[1] - oy) * std::sin(a)) / 0.2 + 0.5);
                     }});
    }
    for (int k = 0; k < 2; ++k) {
      const double cx = 0.2 + 0.6 * uniform(), cy = 0.2 + 0.6 * uniform();
      out.push_back({"gaussian bump", [=](const VectorValue& v) {
                       const double dx = v.c[0] - cx, dy = v.c[1] - cy;
                       return std::exp(-(dx * dx + dy * dy) / (2 * 0.15 * 0.15));
                     }});
    }
    return out;
  }
  if (domain == VectorDomain::Circle) {
    for (int n : {1, 4, 16}) {
      const double phase = uniform();
      out.push_back({"cosine lobe n=" + std::to_string(n), [=](const VectorValue& v) {
                       return std::pow(std::max(0.0, std::cos(2 * kPi * (v.c[0] - phase))), n);
                     }});
    }
    return out;
  }
  for (int n : {1, 4, 16}) {
    // A direction drawn uniformly on the sphere (on the upper half for the hemisphere, tilted off the pole).
    const double z = domain == VectorDomain::Sphere ? 1 - 2 * uniform() : 0.2 + 0.6 * uniform(),
                 phi = 2 * kPi * uniform();
    const double r = std::sqrt(1 - z * z), dx = r * std::cos(phi), dy = r * std::sin(phi);
    out.push_back({"cosine lobe n=" + std::to_string(n), [=](const VectorValue& v) {
                     return std::pow(std::max(0.0, v.c[0] * dx + v.c[1] * dy + v.c[2] * z), n);
                   }});
  }
  return out;
}

// A toroidal Gaussian of std sigma (normalized weights over |d| <= 4 sigma) folded onto the W x H torus: its
// nonzero taps, and white noise's gain sum g^2 (the filtered MSE of i.i.d. values per unit variance).
struct FoldedGaussian {
  struct Tap {
    uint32_t dx, dy;
    double w;
  };
  std::vector<Tap> taps;
  double whiteGain = 0;
};
FoldedGaussian foldedGaussian(uint32_t width, uint32_t height, double sigma) {
  const int radius = int(std::ceil(4 * sigma));
  std::vector<double> folded(size_t(width) * height, 0.0);
  double sum = 0;
  for (int dy = -radius; dy <= radius; ++dy)
    for (int dx = -radius; dx <= radius; ++dx) {
      const double w = std::exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
      folded[size_t(((dy % int(height)) + int(height)) % int(height)) * width +
             ((dx % int(width)) + int(width)) % int(width)] += w;
      sum += w;
    }
  FoldedGaussian g;
  for (size_t j = 0; j < folded.size(); ++j)
    if (folded[j] != 0) {
      g.taps.push_back({uint32_t(j % width), uint32_t(j / width), folded[j] / sum});
      g.whiteGain += (folded[j] / sum) * (folded[j] / sum);
    }
  return g;
}

// The filtered field of one W x H plane, field[y * width + x].
std::vector<double> filtered(const std::vector<double>& field, uint32_t width, uint32_t height,
                             const FoldedGaussian& g) {
  std::vector<double> out(field.size(), 0.0);
  for (uint32_t y = 0; y < height; ++y)
    for (uint32_t x = 0; x < width; ++x) {
      double sum = 0;
      for (const FoldedGaussian::Tap& t : g.taps)
        sum += t.w * field[size_t((y + t.dy) % height) * width + (x + t.dx) % width];
      out[size_t(y) * width + x] = sum;
    }
  return out;
}

double meanSquare(const std::vector<double>& field) {
  double sum = 0;
  for (double e : field) sum += e * e;
  return sum / double(field.size());
}

// e(x) = f(v_x) - I over one plane of values.
std::vector<double> errorField(const VectorIntegrand& m, const VectorValue* values, size_t count) {
  std::vector<double> error(count);
  for (size_t i = 0; i < count; ++i) error[i] = m.f(values[i]) - m.mean;
  return error;
}

}  // namespace

std::vector<VectorIntegrand> vectorIntegrands(VectorDomain domain) {
  // The exact mean and variance by a dense stratified sample (2^20 values: errors far below the figures measured).
  const std::vector<VectorValue> dense = stratifiedVectorSample(domain, size_t(1) << 20);
  std::vector<VectorIntegrand> out = integrandsOf(domain);
  for (VectorIntegrand& integrand : out) {
    double mean = 0, square = 0;
    for (const VectorValue& v : dense) {
      const double f = integrand.f(v);
      mean += f;
      square += f * f;
    }
    integrand.mean = mean / double(dense.size());
    integrand.variance = square / double(dense.size()) - integrand.mean * integrand.mean;
  }
  return out;
}

VectorIntegrationError vectorIntegrationError(VectorDomain domain, uint32_t width, uint32_t height,
                                              const std::vector<VectorValue>& values, double sigma) {
  if (values.size() != size_t(width) * height) throw std::invalid_argument("one value per pixel is needed");
  const FoldedGaussian gaussian = foldedGaussian(width, height, sigma);
  VectorIntegrationError result;
  for (const VectorIntegrand& m : vectorIntegrands(domain)) {
    const double mse = meanSquare(filtered(errorField(m, values.data(), values.size()), width, height, gaussian));
    result.integrands.push_back(m.name);
    result.decibels.push_back(10 * std::log10(mse / (m.variance * gaussian.whiteGain)));
  }
  for (double d : result.decibels) result.meanDecibels += d / double(result.decibels.size());
  return result;
}

VectorStackIntegrationError vectorStackIntegrationError(VectorDomain domain, const MaskShape& shape,
                                                        const std::vector<VectorValue>& values, double sigma,
                                                        double emaAlpha) {
  const uint32_t w = shape.width, h = shape.height, slices = shape.slices;
  const size_t plane = shape.planeSize();
  if (values.size() != plane * slices) throw std::invalid_argument("one value per pixel of every slice is needed");
  if (!(emaAlpha > 0 && emaAlpha <= 1)) throw std::invalid_argument("the EMA's alpha must be in (0, 1]");
  const FoldedGaussian gaussian = foldedGaussian(w, h, sigma);
  const std::vector<VectorIntegrand> integrands = vectorIntegrands(domain);
  const double share = 1.0 / double(integrands.size());
  VectorStackIntegrationError r;
  r.sliceDecibels.assign(slices, 0.0);
  r.meanOfFramesDecibels.assign(slices, 0.0);
  r.emaDecibels.assign(slices, 0.0);
  for (const VectorIntegrand& m : integrands) {
    std::vector<double> sum(plane, 0.0), ema(plane, 0.0), mean(plane);
    // White noise accumulated the same way: Var(f) sum_d g^2 sum_t a_t^2, a_t the frames' weights.
    double emaWeights = 1.0;  // sum of the squared weights of A_k
    for (uint32_t t = 0; t < slices; ++t) {
      // The filter is linear: accumulating filtered frames is filtering the accumulated estimate.
      const std::vector<double> frame = filtered(errorField(m, &values[t * plane], plane), w, h, gaussian);
      const double white = m.variance * gaussian.whiteGain;
      r.sliceDecibels[t] += share * 10 * std::log10(meanSquare(frame) / white);
      for (size_t i = 0; i < plane; ++i) {
        sum[i] += frame[i];
        mean[i] = sum[i] / double(t + 1);
        ema[i] = t == 0 ? frame[i] : emaAlpha * frame[i] + (1 - emaAlpha) * ema[i];
      }
      if (t > 0) emaWeights = emaAlpha * emaAlpha + (1 - emaAlpha) * (1 - emaAlpha) * emaWeights;
      r.meanOfFramesDecibels[t] += share * 10 * std::log10(meanSquare(mean) / (white / double(t + 1)));
      r.emaDecibels[t] += share * 10 * std::log10(meanSquare(ema) / (white * emaWeights));
    }
  }
  r.meanSliceDecibels = 0;
  r.worstSliceDecibels = r.sliceDecibels[0];
  for (double d : r.sliceDecibels) {
    r.meanSliceDecibels += d / double(slices);
    r.worstSliceDecibels = std::max(r.worstSliceDecibels, d);
  }
  return r;
}

namespace {

// In-place DFT of `count` complex values at stride `stride` (O(n^2) with a twiddle table: any n).
void dft(std::vector<double>& re, std::vector<double>& im, size_t start, size_t stride, size_t count) {
  std::vector<double> outRe(count, 0.0), outIm(count, 0.0), c(count), s(count);
  for (size_t k = 0; k < count; ++k) {
    c[k] = std::cos(2 * kPi * double(k) / double(count));
    s[k] = std::sin(2 * kPi * double(k) / double(count));
  }
  for (size_t k = 0; k < count; ++k)
    for (size_t j = 0; j < count; ++j) {
      const size_t t = (k * j) % count;
      const double xr = re[start + j * stride], xi = im[start + j * stride];
      outRe[k] += xr * c[t] + xi * s[t];  // x e^{-i 2 pi k j / n}
      outIm[k] += xi * c[t] - xr * s[t];
    }
  for (size_t k = 0; k < count; ++k) {
    re[start + k * stride] = outRe[k];
    im[start + k * stride] = outIm[k];
  }
}

}  // namespace

std::vector<double> vectorJointPeriodogram(const Mask& mask) {
  const uint32_t w = mask.shape.width, h = mask.shape.height, c = mask.shape.channels;
  const size_t n = mask.shape.planeSize();
  std::vector<double> power(n, 0.0);
  double variance = 0;
  for (uint32_t k = 0; k < c; ++k) {
    std::vector<double> re(n), im(n, 0.0);
    double mean = 0;
    for (size_t i = 0; i < n; ++i) mean += mask.values[i * c + k] / double(n);
    for (size_t i = 0; i < n; ++i) {
      re[i] = mask.values[i * c + k] - mean;
      variance += re[i] * re[i] / double(n);
    }
    for (uint32_t y = 0; y < h; ++y) dft(re, im, size_t(y) * w, 1, w);
    for (uint32_t x = 0; x < w; ++x) dft(re, im, x, w, h);
    for (size_t i = 0; i < n; ++i) power[i] += re[i] * re[i] + im[i] * im[i];
  }
  for (double& p : power) p = variance > 0 ? p / (double(n) * variance) : 0.0;
  return power;
}

std::vector<double> radialAverage(const std::vector<double>& periodogram, uint32_t width, uint32_t height) {
  const uint32_t side = std::min(width, height), rings = side / 2 + 1;
  std::vector<double> sum(rings, 0.0), count(rings, 0.0);
  for (uint32_t y = 0; y < height; ++y)
    for (uint32_t x = 0; x < width; ++x) {
      const double fy = (y <= height / 2 ? double(y) : double(y) - height) / height;
      const double fx = (x <= width / 2 ? double(x) : double(x) - width) / width;
      const size_t ring = size_t(std::lround(std::sqrt(fx * fx + fy * fy) * side));
      if (ring >= rings) continue;
      sum[ring] += periodogram[size_t(y) * width + x];
      count[ring] += 1;
    }
  for (size_t i = 0; i < rings; ++i) sum[i] = count[i] > 0 ? sum[i] / count[i] : 0.0;
  return sum;
}

std::vector<VectorValue> vectorValuesOf(const Mask& mask, VectorDomain domain) {
  const uint32_t c = mask.shape.channels, need = vectorComponents(domain);
  if (c < need)
    throw std::invalid_argument("a " + std::string(vectorDomainName(domain)) + " mask needs " + std::to_string(need) +
                                " channels, this one is " + toString(mask.shape));
  std::vector<VectorValue> out(mask.pixelCount());
  for (size_t i = 0; i < out.size(); ++i) {
    const float* v = &mask.values[i * c];
    float* o = out[i].c;
    if (domain == VectorDomain::Square) {
      o[0] = v[0];
      o[1] = v[1];
    } else if (domain == VectorDomain::Circle) {
      const double turns = std::atan2(double(v[1]), double(v[0])) / (2 * kPi);
      o[0] = float(turns - std::floor(turns));
    } else {
      const double n = std::sqrt(double(v[0]) * v[0] + double(v[1]) * v[1] + double(v[2]) * v[2]);
      for (int k = 0; k < 3; ++k) o[k] = n > 0 ? float(v[k] / n) : 0.0f;
    }
  }
  return out;
}

}  // namespace specdither
