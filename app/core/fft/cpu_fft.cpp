#include "fft/cpu_fft.h"

#include <cmath>

namespace specdither {

namespace {

bool isPowerOfTwo(size_t n) { return n && !(n & (n - 1)); }

void radix2(std::vector<Complex>& a, bool inverse) {
  const size_t n = a.size();
  for (size_t i = 1, j = 0; i < n; ++i) {
    size_t bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) std::swap(a[i], a[j]);
  }
  for (size_t len = 2; len <= n; len <<= 1) {
    const double angle = 2 * M_PI / double(len) * (inverse ? 1 : -1);
    for (size_t i = 0; i < n; i += len)
      for (size_t k = 0; k < len / 2; ++k) {
        // Twiddles computed directly (not by repeated multiplication) to keep double accuracy.
        const Complex w(std::cos(angle * double(k)), std::sin(angle * double(k)));
        const Complex u = a[i + k], v = a[i + k + len / 2] * w;
        a[i + k] = u + v;
        a[i + k + len / 2] = u - v;
      }
  }
}

// Bluestein: X_k = conj(c_k) * sum_n (x_n conj(c_n)) c_{k-n}, c_m = e^{i pi m^2 / N}, as a cyclic convolution
// of power-of-two length.
void bluestein(std::vector<Complex>& a, bool inverse) {
  const size_t n = a.size();
  size_t m = 1;
  while (m < 2 * n - 1) m <<= 1;
  std::vector<Complex> chirp(n);
  for (size_t k = 0; k < n; ++k) {
    // k^2 mod 2n keeps the angle small and exact for large k.
    const double phase = M_PI * double((k * k) % (2 * n)) / double(n) * (inverse ? -1 : 1);
    chirp[k] = Complex(std::cos(phase), std::sin(phase));
  }
  std::vector<Complex> x(m), y(m);
  for (size_t k = 0; k < n; ++k) x[k] = a[k] * std::conj(chirp[k]);
  y[0] = chirp[0];
  for (size_t k = 1; k < n; ++k) y[k] = y[m - k] = chirp[k];
  radix2(x, false);
  radix2(y, false);
  for (size_t k = 0; k < m; ++k) x[k] *= y[k];
  radix2(x, true);
  for (size_t k = 0; k < n; ++k) a[k] = x[k] / double(m) * std::conj(chirp[k]);
}

}  // namespace

void fft1d(std::vector<Complex>& data, bool inverse) {
  if (data.size() <= 1) return;
  if (isPowerOfTwo(data.size()))
    radix2(data, inverse);
  else
    bluestein(data, inverse);
}

void fft2d(std::vector<Complex>& data, size_t width, size_t height, bool inverse) {
  std::vector<Complex> line(width);
  for (size_t y = 0; y < height; ++y) {
    for (size_t x = 0; x < width; ++x) line[x] = data[y * width + x];
    fft1d(line, inverse);
    for (size_t x = 0; x < width; ++x) data[y * width + x] = line[x];
  }
  line.resize(height);
  for (size_t x = 0; x < width; ++x) {
    for (size_t y = 0; y < height; ++y) line[y] = data[y * width + x];
    fft1d(line, inverse);
    for (size_t y = 0; y < height; ++y) data[y * width + x] = line[y];
  }
}

std::vector<Complex> fft2dReal(const std::vector<double>& data, size_t width, size_t height) {
  std::vector<Complex> c(data.begin(), data.end());
  fft2d(c, width, height, false);
  return c;
}

}  // namespace specdither
