// The integration error of vector masks and reading them back (vector_metrics.h, docs/method.md §10.3).
#include "specdither/vector_metrics.h"

#include "specdither/ktx2_format.h"
#include "specdither/mask_io.h"
#include "specdither/png_io.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <random>
#include <stdexcept>

namespace specdither {

namespace {

constexpr double kPi = 3.14159265358979323846;

struct Integrand {
  std::string name;
  std::function<double(const VectorValue&)> f;
};

double smoothStep(double x) {
  const double t = std::clamp(x, 0.0, 1.0);
  return t * t * (3.0 - 2.0 * t);
}

// A fixed set per domain, rotated/offset by draws of a fixed-seed generator (mt19937_64's output is specified,
// so the figures are the same everywhere).
std::vector<Integrand> integrandsOf(VectorDomain domain) {
  std::mt19937_64 random(20240501);
  auto uniform = [&]() { return double(random() >> 11) * (1.0 / 9007199254740992.0); };
  std::vector<Integrand> out;
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

// Normalized toroidal Gaussian weights over |d| <= 4 sigma: (dx, dy, weight).
struct Tap {
  int dx, dy;
  double w;
};
std::vector<Tap> gaussianTaps(double sigma) {
  const int radius = int(std::ceil(4 * sigma));
  std::vector<Tap> taps;
  double sum = 0;
  for (int dy = -radius; dy <= radius; ++dy)
    for (int dx = -radius; dx <= radius; ++dx) {
      const double w = std::exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
      taps.push_back({dx, dy, w});
      sum += w;
    }
  for (Tap& t : taps) t.w /= sum;
  return taps;
}

}  // namespace

VectorIntegrationError vectorIntegrationError(VectorDomain domain, uint32_t width, uint32_t height,
                                              const std::vector<VectorValue>& values, double sigma) {
  if (values.size() != size_t(width) * height) throw std::invalid_argument("one value per pixel is needed");
  // The exact mean and variance of each f over the domain, by a dense stratified sample (2^20 values: errors
  // far below the figures measured).
  const std::vector<VectorValue> dense = stratifiedVectorSample(domain, size_t(1) << 20);
  // White noise's expected filtered MSE per unit variance: sum of g^2 over the torus (taps folded onto it).
  const std::vector<Tap> taps = gaussianTaps(sigma);
  std::vector<double> folded(size_t(width) * height, 0.0);
  for (const Tap& t : taps)
    folded[size_t(((t.dy % int(height)) + int(height)) % int(height)) * width +
           ((t.dx % int(width)) + int(width)) % int(width)] += t.w;
  double whiteGain = 0;
  for (double w : folded) whiteGain += w * w;

  VectorIntegrationError result;
  for (const Integrand& integrand : integrandsOf(domain)) {
    double mean = 0, meanSquare = 0;
    for (const VectorValue& v : dense) {
      const double f = integrand.f(v);
      mean += f;
      meanSquare += f * f;
    }
    mean /= double(dense.size());
    const double variance = meanSquare / double(dense.size()) - mean * mean;
    std::vector<double> error(values.size());
    for (size_t i = 0; i < values.size(); ++i) error[i] = integrand.f(values[i]) - mean;
    double mse = 0;
    for (uint32_t y = 0; y < height; ++y)
      for (uint32_t x = 0; x < width; ++x) {
        double filtered = 0;
        for (size_t j = 0; j < folded.size(); ++j)
          if (folded[j] != 0) {
            const uint32_t dx = uint32_t(j % width), dy = uint32_t(j / width);
            filtered += folded[j] * error[size_t((y + dy) % height) * width + (x + dx) % width];
          }
        mse += filtered * filtered;
      }
    mse /= double(values.size());
    result.integrands.push_back(integrand.name);
    result.decibels.push_back(10 * std::log10(mse / (variance * whiteGain)));
  }
  for (double d : result.decibels) result.meanDecibels += d / double(result.decibels.size());
  return result;
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
  if (c < need || !mask.shape.is2D() && mask.shape.slices != 1)
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

bool readVectorMask(const std::string& path, VectorDomain domain, Mask* out, std::string* error) {
  const uint32_t need = vectorComponents(domain);
  const bool unit = domain != VectorDomain::Square;
  std::string lower = path;
  for (char& ch : lower) ch = char(std::tolower(static_cast<unsigned char>(ch)));
  auto endsWith = [&](const char* ext) {
    const size_t n = std::strlen(ext);
    return lower.size() >= n && lower.compare(lower.size() - n, n, ext) == 0;
  };
  Mask mask;
  if (endsWith(".png")) {
    PngImage image;
    if (!readPng(path, &image, error)) return false;
    const double top = double((1u << image.bitDepth) - 1);
    mask.shape = {image.width, image.height, 1, need};
    if (checkMaskShape(mask.shape) != "") {
      *error = "'" + path + "': " + checkMaskShape(mask.shape);
      return false;
    }
    // FAST writes its circle masks as a scalar, the angle in turns, in R = G = B: read a gray image, or a colour
    // one whose every pixel is gray, that way.
    bool gray = image.channels <= 2;
    if (!gray && domain == VectorDomain::Circle) {
      gray = true;
      for (size_t i = 0; gray && i < size_t(image.width) * image.height; ++i) {
        const uint16_t* s = &image.samples[i * image.channels];
        gray = s[0] == s[1] && s[1] == s[2];
      }
    }
    const bool angle = domain == VectorDomain::Circle && gray;
    if (!angle && image.channels < need) {
      *error = "'" + path + "' has " + std::to_string(image.channels) + " channels, a " + vectorDomainName(domain) +
               " mask needs " + std::to_string(need);
      return false;
    }
    for (size_t i = 0; i < size_t(image.width) * image.height; ++i) {
      const uint16_t* s = &image.samples[i * image.channels];
      if (angle) {
        const double turns = s[0] / top;
        mask.values.push_back(float(std::cos(2 * kPi * turns)));
        mask.values.push_back(float(std::sin(2 * kPi * turns)));
        continue;
      }
      for (uint32_t k = 0; k < need; ++k) mask.values.push_back(float(unit ? 2 * (s[k] / top) - 1 : s[k] / top));
    }
  } else if (endsWith(".ktx2")) {
    Ktx2Texture texture;
    if (!readKtx2(path, &texture, error)) return false;
    const uint32_t components = ktx2::componentCount(texture.vkFormat), bytes = texture.typeSize;
    if (components < need || texture.layers() != 1) {
      *error = "'" + path + "' holds " + std::to_string(components) + " components per texel, a " +
               vectorDomainName(domain) + " mask needs " + std::to_string(need) + " in one layer";
      return false;
    }
    const auto found = texture.keyValues.find("specdither.encoding");
    const bool encoded = found != texture.keyValues.end() ? found->second == "(v+1)/2" : unit && bytes != 4;
    mask.shape = {texture.width, texture.height, 1, need};
    const double top = bytes == 4 ? 1.0 : double((1u << (8 * bytes)) - 1);
    for (size_t i = 0; i < size_t(texture.width) * texture.height; ++i)
      for (uint32_t k = 0; k < need; ++k) {
        const uint8_t* p = &texture.level0[(i * components + k) * bytes];
        double e;
        if (bytes == 4) {
          float f;
          std::memcpy(&f, p, 4);
          e = f;
        } else {
          e = (bytes == 2 ? double(p[0] | (p[1] << 8)) : double(p[0])) / top;
        }
        mask.values.push_back(float(encoded ? 2 * e - 1 : e));
      }
  } else if (endsWith(".npy")) {
    Mask raw;
    if (!readMask(path, &raw, error)) return false;
    if (raw.shape.slices != 1 || raw.shape.channels < need) {
      *error = "'" + path + "' is " + toString(raw.shape) + ", a " + vectorDomainName(domain) + " mask needs " +
               std::to_string(need) + " channels";
      return false;
    }
    mask.shape = {raw.shape.width, raw.shape.height, 1, need};
    for (size_t i = 0; i < raw.pixelCount(); ++i)
      for (uint32_t k = 0; k < need; ++k) mask.values.push_back(raw.values[i * raw.shape.channels + k]);
  } else {
    *error = "a vector mask is read from .png, .ktx2 or .npy, not '" + path + "'";
    return false;
  }
  *out = std::move(mask);
  return true;
}

}  // namespace specdither
