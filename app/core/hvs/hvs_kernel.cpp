#include "hvs/hvs_kernel.h"

#include "fft/cpu_fft.h"

#include <algorithm>
#include <cmath>

namespace specdither {

namespace {

// numpy's fftfreq: bin k of n is k/n for k < ceil(n/2), (k - n)/n after.
double signedFrequency(uint32_t k, uint32_t n) { return (k < (n + 1) / 2 ? double(k) : double(k) - n) / n; }

// Shortest representative of a coordinate on a ring of n: in (-n/2, n/2] (the Nyquist class keeps +n/2).
int32_t shortest(uint32_t k, uint32_t n) { return k <= n / 2 ? int32_t(k) : int32_t(k) - int32_t(n); }

}  // namespace

std::vector<double> hvsFilterSpectrum(const MaskShape& shape, double sigma) {
  require2DShape(shape, "the eye model");
  const uint32_t width = shape.width, height = shape.height;
  std::vector<double> g(size_t(width) * height);
  const double c = -2.0 * M_PI * M_PI * sigma * sigma;
  for (uint32_t ky = 0; ky < height; ++ky) {
    const double fy = signedFrequency(ky, height);
    for (uint32_t kx = 0; kx < width; ++kx) {
      const double fx = signedFrequency(kx, width);
      g[size_t(ky) * width + kx] = std::exp(c * (fx * fx + fy * fy));
    }
  }
  return g;
}

std::vector<double> hvsAutocorrelation(const MaskShape& shape, double sigma) {
  const std::vector<double> g = hvsFilterSpectrum(shape, sigma);
  std::vector<Complex> spectrum(g.size());
  for (size_t i = 0; i < g.size(); ++i) spectrum[i] = Complex(g[i] * g[i], 0.0);
  fft2d(spectrum, shape.width, shape.height, true);
  std::vector<double> k(g.size());
  const double n = double(g.size());
  // |G|^2 is real and even, so its inverse transform is real; the imaginary part is rounding only.
  for (size_t i = 0; i < g.size(); ++i) k[i] = spectrum[i].real() / n;
  return k;
}

uint32_t hvsOffsetRadius(double sigma, double radiusInStd) {
  return uint32_t(std::ceil(radiusInStd * sigma * std::sqrt(2.0) - 1e-9));
}

std::vector<HvsOffset> hvsOffsets(const MaskShape& shape, uint32_t radius) {
  require2DShape(shape, "the eye model");
  const uint32_t width = shape.width, height = shape.height;
  std::vector<HvsOffset> offsets;
  const int64_t r2 = int64_t(radius) * radius;
  for (uint32_t y = 0; y < height; ++y)
    for (uint32_t x = 0; x < width; ++x) {
      if (x == 0 && y == 0) continue;
      const int32_t dx = shortest(x, width), dy = shortest(y, height);
      if (int64_t(dx) * dx + int64_t(dy) * dy <= r2) offsets.push_back({dx, dy});
    }
  std::sort(offsets.begin(), offsets.end(),
            [](const HvsOffset& a, const HvsOffset& b) { return a.dy != b.dy ? a.dy < b.dy : a.dx < b.dx; });
  return offsets;
}

}  // namespace specdither
