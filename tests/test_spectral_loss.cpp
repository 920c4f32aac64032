// The article's loss terms and their gradients: the CPU double reference against central finite differences,
// and the GPU passes (VkFFT + stencils + sort + scatter) against the CPU reference.
#include "gpu_test.h"
#include "specdither/spectral_optimizer.h"
#include "spectral/spectral_reference.h"
#include "spectral/spectral_internal.h"

#include <cmath>
#include <random>

using namespace specdither;

namespace {

struct Case {
  uint32_t width, height;
  double scales[3];  // multipliers of U, H, B
  const char* name;
};

std::vector<double> randomMask(uint32_t w, uint32_t h, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> dist(-1, 1);
  std::vector<double> m(size_t(w) * h);
  for (double& v : m) v = float(dist(rng));  // representable in float: the GPU sees the same mask
  return m;
}

double maxAbs(const std::vector<double>& v) {
  double r = 0;
  for (double x : v) r = std::max(r, std::abs(x));
  return r;
}

const Case kCases[] = {
    {8, 8, {1, 0, 0}, "uniformity_8x8"},
    {8, 8, {0, 1, 0}, "histogram_8x8"},
    {8, 8, {0, 0, 1}, "lowfreq_8x8"},
    {10, 10, {1, 0, 0}, "uniformity_10x10"},
    {10, 10, {0, 1, 0}, "histogram_10x10"},
    {10, 10, {0, 0, 1}, "lowfreq_10x10"},
    {16, 12, {1, 0, 0}, "uniformity_16x12"},
    {16, 12, {0, 1, 0}, "histogram_16x12"},
    {16, 12, {0, 0, 1}, "lowfreq_16x12"},
    {16, 12, {0.01, 2.2, 0.1}, "article_16x12"},
    {64, 64, {0.01, 2.2, 0.1}, "article_64x64"},
    {97, 97, {0.01, 2.2, 0.1}, "article_97x97"},
    // The smallest sizes, where the gradient pass's radius-2 stencil wraps onto itself (and odd halves).
    {4, 4, {1, 1, 1}, "all_4x4"},
    {5, 7, {1, 1, 1}, "all_5x7"},
};

const Case kFiniteDifferenceCases[] = {kCases[0], kCases[1], kCases[2], kCases[3], kCases[4],
                                       kCases[5], kCases[6], kCases[7], kCases[8], kCases[9]};

class SpectralLossTest : public test::GpuTest, public ::testing::WithParamInterface<Case> {};
class FiniteDifferenceTest : public ::testing::TestWithParam<Case> {};

// Central differences with step 1e-6 on a double loss: truncation ~1e-12, rounding ~1e-10 relative; the
// histogram term is piecewise quadratic (exact for central differences away from ties). Bound: 1e-6 of the
// largest gradient entry.
TEST_P(FiniteDifferenceTest, CpuGradientMatchesFiniteDifferences) {
  const Case c = GetParam();
  std::vector<double> m = randomMask(c.width, c.height, 7);
  std::vector<float> targets = histogramTargets(HistogramShape::Uniform, m.size());
  std::vector<double> gradient;
  cpuSpectralLoss(m, {c.width, c.height}, 0.7, targets, c.scales, &gradient);
  auto loss = [&](const std::vector<double>& x) {
    SpectralTerms t = cpuSpectralLoss(x, {c.width, c.height}, 0.7, targets, c.scales, nullptr);
    return c.scales[0] * t.uniformity + c.scales[1] * t.histogram + c.scales[2] * t.lowFrequency;
  };
  const double eps = 1e-6;
  double maxError = 0;
  for (size_t p = 0; p < m.size(); ++p) {
    std::vector<double> plus = m, minus = m;
    plus[p] += eps;
    minus[p] -= eps;
    const double fd = (loss(plus) - loss(minus)) / (2 * eps);
    maxError = std::max(maxError, std::abs(fd - gradient[p]));
  }
  EXPECT_LT(maxError, 1e-6 * maxAbs(gradient)) << c.name;
}

// float32 GPU vs double CPU: 1e-4 of the largest entry for gradients and relative 1e-4 for loss terms.
TEST_P(SpectralLossTest, GpuMatchesCpuReference) {
  const Case c = GetParam();
  std::vector<double> m = randomMask(c.width, c.height, 11);
  SpectralSetup setup;
  setup.shape = {c.width, c.height};
  SpectralLossParams params;
  params.randomTermScaling = false;
  params.weightUniformity = float(c.scales[0]);
  params.weightHistogram = float(c.scales[1]);
  params.weightLowFrequency = float(c.scales[2]);
  std::string error;
  SpectralOptimizer* opt = createSpectralOptimizer(context, setup, params, &error);
  ASSERT_NE(opt, nullptr) << error;
  setSpectralMask(opt, std::vector<float>(m.begin(), m.end()));
  std::vector<float> gpu = readSpectralGradient(opt);
  SpectralLoss gpuLoss = lastSpectralLoss(opt);
  destroySpectralOptimizer(opt);

  double scales[3];
  spectralStepScales(params, setup.seed, 0, scales);
  std::vector<double> cpu;
  SpectralTerms t = cpuSpectralLoss(m, {c.width, c.height}, params.cutoff,
                                    histogramTargets(HistogramShape::Uniform, m.size()), scales, &cpu);
  double maxError = 0;
  for (size_t i = 0; i < cpu.size(); ++i) maxError = std::max(maxError, std::abs(cpu[i] - gpu[i]));
  EXPECT_LT(maxError, 1e-4 * maxAbs(cpu)) << c.name;
  EXPECT_NEAR(gpuLoss.uniformity, scales[0] * t.uniformity, 1e-4 * scales[0] * t.uniformity + 1e-12);
  EXPECT_NEAR(gpuLoss.histogram, scales[1] * t.histogram, 1e-4 * scales[1] * t.histogram + 1e-12);
  EXPECT_NEAR(gpuLoss.lowFrequency, scales[2] * t.lowFrequency, 1e-4 * scales[2] * t.lowFrequency + 1e-12);
}

auto caseName = [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); };
INSTANTIATE_TEST_SUITE_P(Terms, SpectralLossTest, ::testing::ValuesIn(kCases), caseName);
// Finite differences cost O(N^2 log N): the small masks of the issue (8x8, 10x10, 16x12).
INSTANTIATE_TEST_SUITE_P(Terms, FiniteDifferenceTest, ::testing::ValuesIn(kFiniteDifferenceCases), caseName);

// The random term scales: the GPU draws c1, c2, c3 from (seed, step) exactly as spectralTermScales does.
using SpectralScalesTest = test::GpuTest;
TEST_F(SpectralScalesTest, RandomTermScalesMatchCpu) {
  SpectralSetup setup;
  setup.shape = {12, 10};
  setup.seed = 0x123456789ull;
  SpectralLossParams params;  // article weights, random scaling on
  std::string error;
  SpectralOptimizer* opt = createSpectralOptimizer(context, setup, params, &error);
  ASSERT_NE(opt, nullptr) << error;
  Mask start = readSpectralMask(opt);
  std::vector<double> m(start.values.begin(), start.values.end());
  CpuSpectralState cpuState = cpuSpectralInit(setup);
  for (size_t i = 0; i < m.size(); ++i) ASSERT_EQ(m[i], cpuState.mask[i]) << "initial mask differs at " << i;
  std::vector<float> gpu = readSpectralGradient(opt);
  destroySpectralOptimizer(opt);
  double scales[3];
  spectralStepScales(params, setup.seed, 0, scales);
  EXPECT_GT(scales[0], 0.0);
  EXPECT_LT(scales[0], params.weightUniformity);
  std::vector<double> cpu;
  cpuSpectralLoss(m, {12, 10}, params.cutoff, cpuState.targets, scales, &cpu);
  double maxError = 0;
  for (size_t i = 0; i < cpu.size(); ++i) maxError = std::max(maxError, std::abs(cpu[i] - gpu[i]));
  EXPECT_LT(maxError, 1e-4 * maxAbs(cpu));
}

}  // namespace
