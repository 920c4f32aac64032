// The separable filter loss of Wronski (2020) and its gradient on the CPU (docs/method.md §6.2): hand-computed
// values, central finite differences in double precision, and descent behaviour of the CPU optimizer.
#include "specdither/filter/filter_kernel.h"
#include "specdither/filter/filter_reference.h"
#include "specdither/filter/filter_svd.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace specdither {
namespace {

SeparableFilter randomFilter(uint32_t rank, uint32_t width, uint32_t height, uint32_t seed, double spread) {
  SeparableFilter f;
  f.rank = rank;
  f.width = width;
  f.height = height;
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-spread, spread);
  f.params.resize(size_t(rank) * (width + height));
  for (double& v : f.params) v = u(rng) + 0.3;
  return f;
}

// 3x3 kernel, rank 1, a = (1, -1, 2), b = (1, 0.5, -1): every term by hand.
TEST(filterLoss, HandComputedValues) {
  FilterKernel k;
  k.width = k.height = 3;
  k.values = {0, 1, 0, 1, 1, 1, 0, 1, 0};
  SeparableFilter f;
  f.rank = 1;
  f.width = f.height = 3;
  f.params = {1, -1, 2, 1, 0.5, -1};
  // F = [[1, .5, -1], [-1, -.5, 1], [2, 1, -2]]
  const double F[9] = {1, 0.5, -1, -1, -0.5, 1, 2, 1, -2};
  double l2 = 0, nn = 0, z = 0;
  for (int i = 0; i < 9; ++i) {
    l2 += (F[i] - k.values[i]) * (F[i] - k.values[i]);
    nn += F[i] < 0 ? -F[i] : 0;
    z += k.values[i] == 0 ? std::abs(F[i]) : 0;
  }
  EXPECT_DOUBLE_EQ(l2, 1 + 0.25 + 1 + 4 + 2.25 + 0 + 4 + 0 + 4);  // 16.5
  EXPECT_DOUBLE_EQ(nn, 1 + 1 + 0.5 + 2);                          // 4.5
  EXPECT_DOUBLE_EQ(z, 1 + 1 + 2 + 2);                             // 6
  const FilterWeights w{1.0f, 0.5f, 0.25f};
  const FilterLossTerms t = cpuFilterLoss(k, f, w, nullptr);
  EXPECT_DOUBLE_EQ(t.l2, 16.5 / 9);
  EXPECT_DOUBLE_EQ(t.nonneg, 4.5 / 9);
  EXPECT_DOUBLE_EQ(t.zeros, 6.0 / 9);
  EXPECT_DOUBLE_EQ(t.total, 16.5 / 9 + 0.5 * 4.5 / 9 + 0.25 * 6.0 / 9);
}

// Central differences in double against the analytic gradient, for several weight mixes. The point is
// checked to lie away from the kinks of min(F, 0) and |F| (no |F| below 1e-3), so the loss is smooth there.
TEST(filterLoss, GradientMatchesFiniteDifferences) {
  const FilterKernel k = makeDiskKernel(12);
  const FilterWeights mixes[] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0.5f, 0.3f}, {1, 1.5f, 0.8f}};
  int tested = 0;
  for (uint32_t seed = 1; seed <= 50 && tested < 3; ++seed) {
    const SeparableFilter f = randomFilter(3, 12, 12, seed, 0.6);
    double smallest = 1e9, negatives = 0;
    for (double v : reconstructFilter(f)) {
      smallest = std::min(smallest, std::abs(v));
      negatives += v < 0;
    }
    if (smallest < 1e-3 || negatives < 10) continue;  // on a kink, or too few negative taps to test w_nn
    ++tested;
    for (const FilterWeights& w : mixes) {
      std::vector<double> g;
      cpuFilterLoss(k, f, w, &g);
      const double h = 1e-6;
      double worst = 0, scale = 0;
      for (size_t i = 0; i < f.params.size(); ++i) {
        SeparableFilter p = f, m = f;
        p.params[i] += h;
        m.params[i] -= h;
        const double fd = (cpuFilterLoss(k, p, w, nullptr).total - cpuFilterLoss(k, m, w, nullptr).total) / (2 * h);
        worst = std::max(worst, std::abs(fd - g[i]));
        scale = std::max(scale, std::abs(g[i]));
      }
      EXPECT_GT(scale, 0.0);
      EXPECT_LT(worst, 1e-7 * std::max(1.0, scale))
          << "seed " << seed << " weights " << w.l2 << "/" << w.nonneg << "/" << w.zeros;
    }
  }
  EXPECT_EQ(tested, 3);
}

// The L2 optimum of rank R is the truncated SVD (Eckart-Young): the L2 gradient vanishes there.
TEST(filterLoss, SvdIsStationaryForL2) {
  const FilterKernel k = makeDiskKernel(20);
  const SeparableFilter f = svdSeparableFilter(k, 4);
  std::vector<double> g;
  cpuFilterLoss(k, f, FilterWeights{1, 0, 0}, &g);
  for (double v : g) EXPECT_NEAR(v, 0.0, 1e-12);
}

// Descent from the SVD with the article's weights: the total falls, negativity and the corners shrink.
TEST(filterLoss, CpuOptimizerDescends) {
  const FilterKernel k = makeDiskKernel(16);
  const SeparableFilter svd = svdSeparableFilter(k, 3);
  const FilterWeights w{1, 1.5f, 0.8f};
  CpuFilterOptimizer o = makeCpuFilterOptimizer(k, svd);
  const FilterLossTerms before = cpuFilterLoss(k, svd, w, nullptr);
  cpuFilterSteps(o, w, UpdateSettings{UpdateRule::GradientDescent, 0.1f}, 300);
  const FilterLossTerms after = cpuFilterLoss(k, o.filter, w, nullptr);
  EXPECT_LT(after.total, before.total);
  EXPECT_LT(after.nonneg, before.nonneg);
  EXPECT_LT(after.zeros, before.zeros);
}

TEST(filterBlurCpu, IdentityAndBoxKernels) {
  FloatImage img;
  img.width = 5;
  img.height = 4;
  img.channels = 2;
  for (size_t i = 0; i < img.count(); ++i) img.pixels.push_back(float(i % 7) / 7.0f);
  // A 3x3 kernel with a single centre tap is the identity at any gamma.
  const std::vector<double> identity = {0, 0, 0, 0, 1, 0, 0, 0, 0};
  const std::vector<double> same = cpuBlur(img, identity, 3, 3, 1.0, 8.0);
  for (size_t i = 0; i < img.count(); ++i) EXPECT_NEAR(same[i], img.pixels[i], 1e-12);
  // A 1x3 box with clamp-to-edge at gamma 1: the first column averages (p0, p0, p1).
  const std::vector<double> box = {1, 1, 1};
  const std::vector<double> out = cpuBlur(img, box, 3, 1, 1.0 / 3, 1.0);
  EXPECT_NEAR(out[0], (2 * img.pixels[0] + img.pixels[1]) / 3.0, 1e-7);
  EXPECT_NEAR(out[2], (img.pixels[1] + img.pixels[2] + img.pixels[3]) / 3.0, 1e-7);
}

}  // namespace
}  // namespace specdither
