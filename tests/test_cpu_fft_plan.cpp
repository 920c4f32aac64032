// The planned CPU FFT (cpu_fft_plan.h, used by the mask metrics and the Lottes baseline) against cpu_fft.h's
// one-shot transform and against a literal DFT, for radix-2 and Bluestein sizes, both directions.
#include "fft/cpu_fft.h"
#include "fft/cpu_fft_plan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

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

struct Size {
  size_t w, h;
};

void PrintTo(const Size& s, std::ostream* os) { *os << s.w << "x" << s.h; }

class CpuFftPlanTest : public ::testing::TestWithParam<Size> {};

TEST_P(CpuFftPlanTest, MatchesOneShotFftBothDirections) {
  const Size s = GetParam();
  const CpuFft2d plan(s.w, s.h);
  for (bool inverse : {false, true}) {
    std::vector<Complex> planned = randomData(s.w * s.h, unsigned(s.w * 31 + s.h + inverse));
    std::vector<Complex> oneShot = planned;
    plan.transform(planned, inverse);
    fft2d(oneShot, s.w, s.h, inverse);
    EXPECT_LT(maxDifference(planned, oneShot), 1e-9 * double(s.w * s.h)) << s.w << "x" << s.h;
  }
}

TEST_P(CpuFftPlanTest, MatchesLiteralDftAndInverts) {
  const Size s = GetParam();
  // The literal DFT costs N^2: on larger sizes it checks an evenly spread subset of about 4096 bins.
  const size_t binStride = std::max<size_t>(1, s.w * s.h / 4096);
  const CpuFft2d plan(s.w, s.h);
  const std::vector<Complex> input = randomData(s.w * s.h, 7);
  std::vector<Complex> x = input;
  plan.transform(x, false);
  for (size_t ky = 0; ky < s.h; ++ky)
    for (size_t kx = 0; kx < s.w; ++kx) {
      if ((ky * s.w + kx) % binStride != 0) continue;
      Complex sum = 0;
      for (size_t y = 0; y < s.h; ++y)
        for (size_t xx = 0; xx < s.w; ++xx) {
          const double phase = -2 * M_PI * (double(ky * y % s.h) / s.h + double(kx * xx % s.w) / s.w);
          sum += input[y * s.w + xx] * Complex(std::cos(phase), std::sin(phase));
        }
      EXPECT_LT(std::abs(sum - x[ky * s.w + kx]), 1e-9 * double(s.w * s.h));
    }
  plan.transform(x, true);
  for (Complex& c : x) c /= double(s.w * s.h);
  EXPECT_LT(maxDifference(x, input), 1e-12);
}

INSTANTIATE_TEST_SUITE_P(Sizes, CpuFftPlanTest,
                         ::testing::Values(Size{1, 1}, Size{2, 1}, Size{8, 8}, Size{10, 10}, Size{64, 32}, Size{7, 5},
                                           Size{40, 20}, Size{17, 1}, Size{256, 4}, Size{100, 60}));

}  // namespace
