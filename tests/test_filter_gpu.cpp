// The separable filter optimizer on the GPU against its CPU double reference (filter_reference.h): the loss
// terms, the gradient (through one step of unit size), many steps of each update rule, the live weights, the
// reset, and the article's claims (Wronski 2020) on short runs: w_nn > 0 lowers the negative mass below the
// SVD's, w_z > 0 lowers the mass outside the disk below the SVD's.
#include "specdither/filter/filter_bench.h"
#include "specdither/filter/filter_kernel.h"
#include "specdither/filter/filter_optimizer.h"
#include "specdither/filter/filter_reference.h"
#include "specdither/filter/filter_svd.h"
#include "gpu_test.h"

#include <cmath>
#include <cstring>
#include <random>

namespace specdither {
namespace {

using test::GpuTest;

class FilterGpuFixture : public GpuTest {
 protected:
  FilterOptimizer* make(const FilterKernel& k, const SeparableFilter& init, const FilterOptimizerParams& p) {
    std::string error;
    FilterOptimizer* o = createFilterOptimizer(context, k, init, p, &error);
    EXPECT_NE(o, nullptr) << error;
    return o;
  }
  FilterLossTerms steps(FilterOptimizer* o, uint32_t count) {
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordFilterSteps(cmd, o, count); });
    return lastFilterLoss(o);
  }
};

// Suite names start with "filter" so that `ctest -R filter` selects this feature's tests.
using filterGpu = FilterGpuFixture;

SeparableFilter perturbed(SeparableFilter f, uint32_t seed, double amount) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> n(0, amount);
  for (double& v : f.params) v += n(rng);
  return f;
}

void expectLossNear(const FilterLossTerms& gpu, const FilterLossTerms& cpu, double rel, const char* what) {
  EXPECT_NEAR(gpu.l2, cpu.l2, rel * std::abs(cpu.l2) + 1e-9) << what;
  EXPECT_NEAR(gpu.nonneg, cpu.nonneg, rel * std::abs(cpu.nonneg) + 1e-9) << what;
  EXPECT_NEAR(gpu.zeros, cpu.zeros, rel * std::abs(cpu.zeros) + 1e-9) << what;
  EXPECT_NEAR(gpu.total, cpu.total, rel * std::abs(cpu.total) + 1e-9) << what;
}

TEST_F(filterGpu, LossMatchesCpu) {
  const FilterKernel k = makeDiskKernel(50);
  const SeparableFilter svd = svdSeparableFilter(k, 4);
  const SeparableFilter noisy = perturbed(svd, 7, 0.05);
  FilterOptimizerParams p;
  p.weights = {1.0f, 0.5f, 0.3f};
  FilterOptimizer* o = make(k, svd, p);
  ASSERT_NE(o, nullptr);
  // createFilterOptimizer already reduced the loss of the starting filter.
  expectLossNear(lastFilterLoss(o),
                 cpuFilterLoss(k, filterFromFloat(4, 50, 50, filterParamsAsFloat(svd)), p.weights, nullptr), 1e-4,
                 "svd");
  setFilter(o, noisy);
  expectLossNear(lastFilterLoss(o),
                 cpuFilterLoss(k, filterFromFloat(4, 50, 50, filterParamsAsFloat(noisy)), p.weights, nullptr), 1e-4,
                 "noisy");
  // The reduction is deterministic: the same filter gives the same bits.
  const FilterLossTerms a = steps(o, 0), b = steps(o, 0);
  EXPECT_EQ(std::memcmp(&a, &b, sizeof a), 0);
  destroyFilterOptimizer(o);
}

// One GD step of size 1 from p leaves p - dL/dp: the GPU gradient of every tap against the CPU's.
TEST_F(filterGpu, GradientMatchesCpu) {
  FilterKernel k = makeDiskKernel(24);
  const SeparableFilter start = perturbed(svdSeparableFilter(k, 3), 3, 0.05);
  const SeparableFilter startF = filterFromFloat(3, 24, 24, filterParamsAsFloat(start));  // what the GPU holds
  const FilterWeights mixes[] = {{1, 0, 0}, {1, 1.5f, 0}, {1, 0, 0.8f}, {0.5f, 0.5f, 0.3f}};
  for (const FilterWeights& w : mixes) {
    FilterOptimizerParams p;
    p.weights = w;
    p.update = {UpdateRule::GradientDescent, 1.0f};
    FilterOptimizer* o = make(k, start, p);
    ASSERT_NE(o, nullptr);
    steps(o, 1);
    const SeparableFilter after = readFilter(o);
    std::vector<double> g;
    cpuFilterLoss(k, startF, w, &g);
    double scale = 0, worst = 0;
    for (size_t i = 0; i < g.size(); ++i) {
      const double gpuGradient = startF.params[i] - after.params[i];
      scale = std::max(scale, std::abs(g[i]));
      worst = std::max(worst, std::abs(gpuGradient - g[i]));
    }
    ASSERT_GT(scale, 0.0);
    // float taps of size ~1 subtracted: the difference carries ~6e-8 absolute rounding.
    EXPECT_LT(worst, 1e-4 * scale + 2e-7) << "weights " << w.l2 << "/" << w.nonneg << "/" << w.zeros;
    destroyFilterOptimizer(o);
  }
}

// Many steps of each update rule track the CPU double optimizer.
TEST_F(filterGpu, StepsMatchCpuForEveryRule) {
  // From a perturbed SVD: at the SVD itself the L2 gradient vanishes, and Adam, which divides by the gradient's
  // size, would turn float rounding of near-zero gradients into full steps.
  const FilterKernel k = makeDiskKernel(20);
  const SeparableFilter svd = perturbed(svdSeparableFilter(k, 3), 11, 0.05);
  const SeparableFilter startF = filterFromFloat(3, 20, 20, filterParamsAsFloat(svd));
  const UpdateSettings rules[] = {
      {UpdateRule::GradientDescent, 0.1f}, {UpdateRule::Momentum, 0.05f}, {UpdateRule::Adam, 0.002f}};
  for (const UpdateSettings& u : rules) {
    FilterOptimizerParams p;
    p.weights = {1.0f, 0.5f, 0.3f};
    p.update = u;
    FilterOptimizer* o = make(k, svd, p);
    ASSERT_NE(o, nullptr);
    const FilterLossTerms gpuLoss = steps(o, 100);
    EXPECT_EQ(filterStepCount(o), 100u);
    const SeparableFilter gpu = readFilter(o);
    CpuFilterOptimizer cpu = makeCpuFilterOptimizer(k, startF);
    cpuFilterSteps(cpu, p.weights, u, 100);
    double worst = 0, moved = 0;
    for (size_t i = 0; i < gpu.params.size(); ++i) {
      worst = std::max(worst, std::abs(gpu.params[i] - cpu.filter.params[i]));
      moved = std::max(moved, std::abs(cpu.filter.params[i] - startF.params[i]));
    }
    EXPECT_GT(moved, 1e-3) << "rule " << int(u.rule) << ": the run must move the taps for the test to mean much";
    EXPECT_LT(worst, 2e-3 * moved) << "rule " << int(u.rule);
    expectLossNear(gpuLoss, cpuFilterLoss(k, cpu.filter, p.weights, nullptr), 2e-3, "after 100 steps");
    destroyFilterOptimizer(o);
  }
}

// Weights set between batches apply to the next batch; a reset returns to the start.
TEST_F(filterGpu, LiveWeightsAndReset) {
  const FilterKernel k = makeDiskKernel(16);
  const SeparableFilter svd = svdSeparableFilter(k, 2);
  const SeparableFilter startF = filterFromFloat(2, 16, 16, filterParamsAsFloat(svd));
  FilterOptimizerParams p;
  FilterOptimizer* o = make(k, svd, p);
  ASSERT_NE(o, nullptr);
  steps(o, 20);
  p.weights = {1.0f, 1.5f, 0.8f};
  setFilterOptimizerParams(o, p);
  const FilterLossTerms gpuLoss = steps(o, 30);
  CpuFilterOptimizer cpu = makeCpuFilterOptimizer(k, startF);
  cpuFilterSteps(cpu, FilterWeights{}, p.update, 20);
  cpuFilterSteps(cpu, p.weights, p.update, 30);
  expectLossNear(gpuLoss, cpuFilterLoss(k, cpu.filter, p.weights, nullptr), 1e-3, "live weights");

  submitAndWait(context, [&](VkCommandBuffer cmd) {
    recordFilterReset(cmd, o);
    recordFilterSteps(cmd, o, 0);
  });
  EXPECT_EQ(filterStepCount(o), 0u);
  const SeparableFilter back = readFilter(o);
  for (size_t i = 0; i < back.params.size(); ++i) EXPECT_EQ(back.params[i], startF.params[i]);
  expectLossNear(lastFilterLoss(o), cpuFilterLoss(k, startF, p.weights, nullptr), 1e-4, "after reset");
  destroyFilterOptimizer(o);
}

// The article's point, on short runs: the penalties do what they say, starting from the SVD.
TEST_F(filterGpu, PenaltiesReduceWhatTheyPenalize) {
  const FilterKernel k = makeDiskKernel(32);
  const SeparableFilter svd = svdSeparableFilter(k, 4);
  const FilterLossTerms base = cpuFilterLoss(k, svd, FilterWeights{}, nullptr);
  ASSERT_GT(base.nonneg, 0.0);
  ASSERT_GT(base.zeros, 0.0);
  FilterOptimizerParams p;
  p.weights = {1.0f, 1.5f, 0.0f};
  FilterOptimizer* o = make(k, svd, p);
  ASSERT_NE(o, nullptr);
  const FilterLossTerms nn = steps(o, 1000);
  EXPECT_LT(nn.nonneg, 0.7 * base.nonneg) << "w_nn = 1.5 must cut the negative mass";
  destroyFilterOptimizer(o);

  p.weights = {1.0f, 0.0f, 0.8f};
  o = make(k, svd, p);
  ASSERT_NE(o, nullptr);
  const FilterLossTerms z = steps(o, 1000);
  EXPECT_LT(z.zeros, 0.7 * base.zeros) << "w_z = 0.8 must cut the mass outside the disk";
  destroyFilterOptimizer(o);

  // Without penalties the SVD is already optimal (Eckart-Young): the L2 loss cannot fall below it.
  p.weights = {1.0f, 0.0f, 0.0f};
  o = make(k, svd, p);
  ASSERT_NE(o, nullptr);
  const FilterLossTerms l2 = steps(o, 100);
  EXPECT_GE(l2.l2, base.l2 * (1 - 1e-4));
  EXPECT_LE(l2.l2, base.l2 * (1 + 1e-4));
  destroyFilterOptimizer(o);
}

// The benchmark the lead's `specdither bench` calls: both rates measured, in the same process.
TEST_F(filterGpu, BenchmarkReportsBothRates) {
  const FilterBenchResult r = benchmarkFilterOptimizer(context, 12, 2, 0.05, 50);
  EXPECT_EQ(r.diameter, 12u);
  EXPECT_GE(r.gpuSteps, 50u);
  EXPECT_GT(r.gpuStepsPerSecond, 0.0);
  EXPECT_GT(r.cpuStepsPerSecond, 0.0);
  EXPECT_NEAR(r.gpuStepsPerSecond, r.gpuSteps / r.gpuSeconds, 1e-6 * r.gpuStepsPerSecond);
}

TEST_F(filterGpu, RejectsBadShapes) {
  const FilterKernel k = makeDiskKernel(8);
  SeparableFilter bad = svdSeparableFilter(k, 2);
  bad.rank = 9;  // more than the kernel's side
  std::string error;
  EXPECT_EQ(createFilterOptimizer(context, k, bad, FilterOptimizerParams{}, &error), nullptr);
  EXPECT_NE(error.find("rank"), std::string::npos) << error;
}

// On CPU Vulkan a shape whose passes would loop past lavapipe's 65535 iterations per invocation is refused with
// a line that says why and what fits (rank 100 at 512x512: the loss pass alone would run 1024 x 101); on GPUs
// the same shape is accepted.
TEST_F(filterGpu, RefusesRanksBeyondCpuDeviceLoopLimit) {
  const FilterKernel k = makeDiskKernel(512);
  SeparableFilter init;
  init.rank = 100;
  init.width = k.width;
  init.height = k.height;
  init.params.assign(size_t(init.rank) * (k.width + k.height), 0.01);
  std::string error;
  FilterOptimizer* o = createFilterOptimizer(context, k, init, FilterOptimizerParams{}, &error);
  if (context->properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU) {
    EXPECT_EQ(o, nullptr);
    EXPECT_NE(error.find("use a rank up to 62"), std::string::npos) << error;
  } else {
    EXPECT_NE(o, nullptr) << error;
  }
  destroyFilterOptimizer(o);
}

}  // namespace
}  // namespace specdither
