// The CPU double-precision FFT (cpu_fft.h, FFTW) against the literal DFT sum, both directions, on power-of-two,
// odd, prime and non-square sizes; its plan cache under concurrent first use.
#include "fft/cpu_fft.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>

using namespace specdither;

namespace {

std::vector<Complex> randomData(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-1, 1);
  std::vector<Complex> d(n);
  for (Complex& c : d) c = Complex(u(rng), u(rng));
  return d;
}

double maxDifference(const std::vector<Complex>& a, const std::vector<Complex>& b) {
  double m = 0;
  for (size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(a[i] - b[i]));
  return m;
}

// X(ky, kx) = sum_{y, x} x(y, x) e^{-+2 pi i (ky y / h + kx x / w)}, straight from the definition; the products
// k n are reduced mod n first so that the phases stay exact for every bin.
Complex literalDft(const std::vector<Complex>& input, size_t w, size_t h, size_t ky, size_t kx, bool inverse) {
  const double sign = inverse ? 1.0 : -1.0;
  Complex sum = 0;
  for (size_t y = 0; y < h; ++y)
    for (size_t x = 0; x < w; ++x) {
      const double phase = sign * 2 * M_PI * (double(ky * y % h) / double(h) + double(kx * x % w) / double(w));
      sum += input[y * w + x] * Complex(std::cos(phase), std::sin(phase));
    }
  return sum;
}

struct Size {
  size_t w, h;
};

void PrintTo(const Size& s, std::ostream* os) { *os << s.w << "x" << s.h; }

class CpuFftTest : public ::testing::TestWithParam<Size> {};

TEST_P(CpuFftTest, MatchesLiteralDftBothDirections) {
  const Size s = GetParam();
  const size_t n = s.w * s.h;
  // The literal DFT costs N per bin: on the larger sizes it checks an evenly spread subset of about 2048 bins.
  const size_t binStride = std::max<size_t>(1, n / 2048);
  for (bool inverse : {false, true}) {
    const std::vector<Complex> input = randomData(n, unsigned(s.w * 31 + s.h + inverse));
    std::vector<Complex> x = input;
    fft2d(x, s.w, s.h, inverse);
    // Rounding of either sum grows like sqrt(N) eps |X|, |X| ~ sqrt(N) for random data.
    const double bound = 1e-14 * double(n) + 1e-14;
    for (size_t i = 0; i < n; i += binStride)
      EXPECT_LT(std::abs(literalDft(input, s.w, s.h, i / s.w, i % s.w, inverse) - x[i]), bound)
          << s.w << "x" << s.h << (inverse ? " inverse" : " forward") << " bin " << i;
  }
}

TEST_P(CpuFftTest, InverseUndoesForward) {
  const Size s = GetParam();
  const std::vector<Complex> input = randomData(s.w * s.h, 7);
  std::vector<Complex> x = input;
  fft2d(x, s.w, s.h, false);
  fft2d(x, s.w, s.h, true);
  for (Complex& c : x) c /= double(s.w * s.h);
  EXPECT_LT(maxDifference(x, input), 1e-14 * std::log2(2.0 * double(s.w * s.h)));
}

TEST_P(CpuFftTest, RealInputIsTheComplexTransformOfItsEmbedding) {
  const Size s = GetParam();
  std::vector<double> real(s.w * s.h);
  std::mt19937 rng(unsigned(s.w + 3 * s.h));
  std::uniform_real_distribution<double> u(-1, 1);
  for (double& v : real) v = u(rng);
  std::vector<Complex> embedded(real.begin(), real.end());
  fft2d(embedded, s.w, s.h, false);
  EXPECT_EQ(maxDifference(fft2dReal(real, s.w, s.h), embedded), 0.0);
}

INSTANTIATE_TEST_SUITE_P(Sizes, CpuFftTest,
                         ::testing::Values(Size{1, 1}, Size{2, 1}, Size{1, 7}, Size{8, 8}, Size{10, 10}, Size{7, 5},
                                           Size{5, 7}, Size{13, 11}, Size{17, 1}, Size{31, 17}, Size{64, 32},
                                           Size{40, 20}, Size{97, 3}, Size{256, 4}, Size{100, 60}));

// Threads that make the first plans of their sizes at the same moment (FFTW's planner is not thread-safe, the
// cache serializes it) get bit for bit what one thread gets afterwards: one plan per size, the same rounding.
TEST(CpuFft, ConcurrentFirstUseMatchesSerial) {
  const std::vector<Size> sizes = {{23, 29}, {30, 18}, {45, 45}, {11, 64}, {3, 101}, {60, 2}};
  const unsigned threadCount = 4;
  std::vector<std::vector<std::vector<Complex>>> results(threadCount);
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < threadCount; ++t)
    threads.emplace_back([&, t] {
      for (size_t k = 0; k < sizes.size(); ++k) {
        const Size s = sizes[(k + t) % sizes.size()];  // each thread starts on another size
        std::vector<Complex> x = randomData(s.w * s.h, unsigned(s.w * s.h));
        fft2d(x, s.w, s.h, t % 2 == 1);
        results[t].push_back(std::move(x));
      }
    });
  for (std::thread& t : threads) t.join();
  for (unsigned t = 0; t < threadCount; ++t)
    for (size_t k = 0; k < sizes.size(); ++k) {
      const Size s = sizes[(k + t) % sizes.size()];
      std::vector<Complex> x = randomData(s.w * s.h, unsigned(s.w * s.h));
      fft2d(x, s.w, s.h, t % 2 == 1);
      EXPECT_EQ(maxDifference(results[t][k], x), 0.0) << "thread " << t << " size " << s.w << "x" << s.h;
    }
}

}  // namespace
