#include "fft/cpu_fft_plan.h"

#include <cmath>

namespace specdither {

namespace {

bool isPowerOfTwo(size_t n) { return n && !(n & (n - 1)); }

// Iterative radix-2 with a precomputed table of the n/2 twiddles e^{-2 pi i k / n}; stage len uses every
// (n / len)-th entry, so one table serves all stages and both directions (conjugated for the inverse).
struct Radix2 {
  size_t n = 0;
  std::vector<Complex> twiddles;
  std::vector<uint32_t> bitReverse;

  explicit Radix2(size_t size) : n(size), twiddles(size / 2), bitReverse(size) {
    for (size_t k = 0; k < n / 2; ++k) {
      const double angle = -2 * M_PI * double(k) / double(n);
      twiddles[k] = Complex(std::cos(angle), std::sin(angle));
    }
    size_t bits = 0;
    while ((size_t(1) << bits) < n) ++bits;
    for (size_t i = 0; i < n; ++i) {
      size_t r = 0;
      for (size_t b = 0; b < bits; ++b)
        if (i & (size_t(1) << b)) r |= size_t(1) << (bits - 1 - b);
      bitReverse[i] = uint32_t(r);
    }
  }

  void run(Complex* a, bool inverse) const {
    for (size_t i = 0; i < n; ++i)
      if (i < bitReverse[i]) std::swap(a[i], a[bitReverse[i]]);
    for (size_t len = 2; len <= n; len <<= 1) {
      const size_t half = len / 2, stride = n / len;
      for (size_t i = 0; i < n; i += len)
        for (size_t k = 0; k < half; ++k) {
          const Complex t = twiddles[k * stride];
          const Complex w = inverse ? std::conj(t) : t;
          const Complex u = a[i + k], v = a[i + k + half] * w;
          a[i + k] = u + v;
          a[i + k + half] = u - v;
        }
    }
  }
};

}  // namespace

// One axis: radix-2 directly, or Bluestein's chirp-z (a length-m power-of-two cyclic convolution) with the
// chirp's spectrum precomputed for both directions.
class CpuFftPlan1d {
 public:
  explicit CpuFftPlan1d(size_t n) : n_(n) {
    if (n <= 1) return;
    if (isPowerOfTwo(n)) {
      radix_ = std::make_unique<Radix2>(n);
      return;
    }
    size_t m = 1;
    while (m < 2 * n - 1) m <<= 1;
    radix_ = std::make_unique<Radix2>(m);
    chirp_.resize(n);
    for (size_t k = 0; k < n; ++k) {
      // k^2 mod 2n keeps the angle small and exact for large k.
      const double phase = M_PI * double((k * k) % (2 * n)) / double(n);
      chirp_[k] = Complex(std::cos(phase), std::sin(phase));  // forward chirp; the inverse uses its conjugate
    }
    for (int dir = 0; dir < 2; ++dir) {
      std::vector<Complex>& y = chirpSpectrum_[dir];
      y.assign(m, Complex(0));
      for (size_t k = 0; k < n; ++k) {
        const Complex c = dir ? std::conj(chirp_[k]) : chirp_[k];
        y[k] = c;
        if (k) y[m - k] = c;
      }
      radix_->run(y.data(), false);
    }
  }

  void run(Complex* a, bool inverse, std::vector<Complex>& scratch) const {
    if (n_ <= 1) return;
    if (chirp_.empty()) {
      radix_->run(a, inverse);
      return;
    }
    const size_t m = radix_->n;
    scratch.assign(m, Complex(0));
    for (size_t k = 0; k < n_; ++k) {
      const Complex c = inverse ? chirp_[k] : std::conj(chirp_[k]);  // conj of the direction's chirp
      scratch[k] = a[k] * c;
    }
    radix_->run(scratch.data(), false);
    const std::vector<Complex>& y = chirpSpectrum_[inverse ? 1 : 0];
    for (size_t k = 0; k < m; ++k) scratch[k] *= y[k];
    radix_->run(scratch.data(), true);
    const double scale = 1.0 / double(m);
    for (size_t k = 0; k < n_; ++k) {
      const Complex c = inverse ? chirp_[k] : std::conj(chirp_[k]);
      a[k] = scratch[k] * scale * c;
    }
  }

  size_t size() const { return n_; }

 private:
  size_t n_;
  std::unique_ptr<Radix2> radix_;
  std::vector<Complex> chirp_;
  std::vector<Complex> chirpSpectrum_[2];
};

CpuFft2d::CpuFft2d(size_t width, size_t height)
    : width_(width), height_(height), rows_(std::make_unique<CpuFftPlan1d>(width)),
      columns_(std::make_unique<CpuFftPlan1d>(height)) {}

CpuFft2d::~CpuFft2d() = default;

void CpuFft2d::transform(std::vector<Complex>& data, bool inverse) const {
  std::vector<Complex> scratch;
  for (size_t y = 0; y < height_; ++y) rows_->run(data.data() + y * width_, inverse, scratch);
  // Each column is gathered into a contiguous line: butterflies striding over rows would miss the cache.
  std::vector<Complex> line(height_);
  for (size_t x = 0; x < width_; ++x) {
    for (size_t y = 0; y < height_; ++y) line[y] = data[y * width_ + x];
    columns_->run(line.data(), inverse, scratch);
    for (size_t y = 0; y < height_; ++y) data[y * width_ + x] = line[y];
  }
}

}  // namespace specdither
