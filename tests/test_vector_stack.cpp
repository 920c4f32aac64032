// The vector swap stage on a stack of slices (docs/method.md §10.5): every GPU dE with the temporal product
// filter against the whole stack energy in double precision before and after the swap (non-square slices, T not
// a power of two, an EMA and a mean), and the benchmark's per-proposal CPU reference against the same; swaps within
// a slice, and every slice a permutation of the sample after passes that lower the energy.
#include "gpu_test.h"
#include "specdither/vector_benchmark.h"
#include "specdither/vector_swap_optimizer.h"

#include <algorithm>
#include <cmath>

using namespace specdither;

namespace {

class VectorStackGpu : public test::GpuTest {};

std::vector<VectorValue> pixelValues(const std::vector<VectorValue>& table, const std::vector<uint32_t>& indices) {
  std::vector<VectorValue> out;
  for (uint32_t i : indices) out.push_back(table[i]);
  return out;
}

VectorSwapParams stackParams(VectorDomain domain, const char* temporal) {
  VectorSwapParams params;
  params.domain = domain;
  params.neighbourRadius = 2;
  params.proposalsPerPixel = 1.0;
  params.randomPartner = 0.5;
  params.temporalWeight = 0.7;
  params.seed = 3;
  EXPECT_EQ(parseTemporalFilter(temporal, &params.temporal), "");
  return params;
}

}  // namespace

TEST_F(VectorStackGpu, DeltaMatchesWholeStackEnergyBeforeAndAfter) {
  struct Case {
    VectorDomain domain;
    const char* temporal;
    double power;  // K = -d^power
  };
  const uint32_t width = 7, height = 5, slices = 5;
  const size_t plane = size_t(width) * height;
  for (const Case c : {Case{VectorDomain::Square, "ema:0.3", 1.0}, Case{VectorDomain::Circle, "mean:3", 0.5},
                       Case{VectorDomain::HemisphereCosine, "gauss:1", 0.25}}) {
    std::string error;
    VectorSwapParams params = stackParams(c.domain, c.temporal);
    params.distancePower = c.power;
    VectorSwapOptimizer* o = createVectorSwapOptimizer(context, {width, height, slices}, params, &error);
    ASSERT_NE(o, nullptr) << error;
    const std::vector<double>& filter = vectorSwapFilter(o);
    // The product filter reaches across slices.
    EXPECT_GT(filter[plane + 1], 0.0) << c.temporal;
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordVectorSwapEvaluation(cmd, o); });
    const std::vector<VectorSwapProposal> proposals = readVectorSwapProposals(o);
    const std::vector<VectorValue> before = pixelValues(vectorSwapValues(o), readVectorSwapIndices(o));
    ASSERT_EQ(before.size(), plane * slices);
    const double energyBefore = vectorStackEnergy(c.domain, width, height, slices, filter, before, c.power);
    const std::vector<VectorFilterTap> taps = vectorFilterTaps(width, height, slices, filter);
    size_t checked = 0;
    for (const VectorSwapProposal& p : proposals) {
      ASSERT_LT(p.p, before.size());
      ASSERT_LT(p.q, before.size());
      EXPECT_EQ(p.p / plane, p.q / plane) << "a swap across slices";
      if (p.p == p.q || checked >= 16) continue;
      std::vector<VectorValue> after = before;
      std::swap(after[p.p], after[p.q]);
      const double reference =
          vectorStackEnergy(c.domain, width, height, slices, filter, after, c.power) - energyBefore;
      EXPECT_NEAR(p.delta, reference, 2e-4 * (1.0 + std::fabs(reference))) << c.temporal << " " << p.p << " " << p.q;
      // The benchmark's CPU reference of one proposal, over the taps, is the same quantity in double.
      EXPECT_NEAR(vectorSwapDelta(c.domain, width, height, slices, taps, before, p.p, p.q, c.power), reference,
                  1e-9 * (1.0 + std::fabs(reference)));
      ++checked;
    }
    EXPECT_EQ(checked, 16u);
    destroyVectorSwapOptimizer(o);
  }
}

TEST_F(VectorStackGpu, PassesKeepEverySliceAPermutationAndLowerTheEnergy) {
  const uint32_t width = 8, height = 6, slices = 3;
  const size_t plane = size_t(width) * height;
  std::string error;
  VectorSwapOptimizer* o = createVectorSwapOptimizer(context, {width, height, slices},
                                                     stackParams(VectorDomain::Square, "ema:0.1"), &error);
  ASSERT_NE(o, nullptr) << error;
  const std::vector<VectorValue>& table = vectorSwapValues(o);
  const std::vector<double>& filter = vectorSwapFilter(o);
  const double start = vectorStackEnergy(VectorDomain::Square, width, height, slices, filter,
                                         pixelValues(table, readVectorSwapIndices(o)));
  submitAndWait(context, [&](VkCommandBuffer cmd) { recordVectorSwapPasses(cmd, o, 30, 0.0f); });
  const std::vector<uint32_t> indices = readVectorSwapIndices(o);
  for (uint32_t t = 0; t < slices; ++t) {
    std::vector<uint32_t> slice(indices.begin() + t * plane, indices.begin() + (t + 1) * plane);
    std::sort(slice.begin(), slice.end());
    for (size_t i = 0; i < plane; ++i) ASSERT_EQ(slice[i], i) << "slice " << t;
  }
  EXPECT_LT(vectorStackEnergy(VectorDomain::Square, width, height, slices, filter, pixelValues(table, indices)), start);
  destroyVectorSwapOptimizer(o);
}

TEST_F(VectorStackGpu, ASwapPerColumnAtMostInAPass) {
  // The product filter couples a pixel most to its own column in the other slices: two swaps in one column in a
  // pass would each be decided on a dE the other changes, so the claims are per column (x, y).
  const uint32_t width = 6, height = 4, slices = 8;
  const size_t plane = size_t(width) * height;
  VectorSwapParams params = stackParams(VectorDomain::Square, "ema:0.1");
  params.proposalsPerPixel = 1.0;
  params.startTemperature = 0;
  std::string error;
  VectorSwapOptimizer* o = createVectorSwapOptimizer(context, {width, height, slices}, params, &error);
  ASSERT_NE(o, nullptr) << error;
  size_t applied = 0;
  for (int pass = 0; pass < 5; ++pass) {
    const std::vector<uint32_t> before = readVectorSwapIndices(o);
    // A high temperature accepts most proposals, so that many compete for the columns.
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordVectorSwapPasses(cmd, o, 1, 1e6f); });
    const std::vector<uint32_t> after = readVectorSwapIndices(o);
    std::vector<int> swapsInColumn(plane, 0);
    for (const VectorSwapProposal& p : readVectorSwapProposals(o))
      if (p.state == 2u) {  // SD_VECTOR_SWAP_APPLIED
        ++applied;
        ++swapsInColumn[p.p % plane];
        if (p.q % plane != p.p % plane) ++swapsInColumn[p.q % plane];
      }
    for (size_t c = 0; c < plane; ++c) EXPECT_LE(swapsInColumn[c], 1) << "column " << c << ", pass " << pass;
    // Every change of the stack is an applied swap's.
    size_t changed = 0;
    for (size_t i = 0; i < before.size(); ++i) changed += before[i] != after[i];
    EXPECT_GT(changed, 0u);
  }
  EXPECT_GT(applied, 10u);
  destroyVectorSwapOptimizer(o);
}

TEST(VectorStack, WeightOneGivesTheOtherSlicesTheWeightOfTheSliceItself) {
  // §8.2's rule, as the scalar stacks': the pairs across all other slices together weigh w times the pairs within
  // a slice, for any filter and T, each slice in proportion to the filter's autocorrelation R(tau).
  const uint32_t width = 9, height = 7;
  for (const char* temporal : {"ema:0.1", "mean:3", "gauss:1.5"})
    for (uint32_t slices : {5u, 16u})
      for (double weight : {1.0, 2.5}) {
        TemporalFilter filter;
        ASSERT_EQ(parseTemporalFilter(temporal, &filter), "");
        const std::vector<double> table = vectorStackFilterTable(width, height, slices, 1.0, 3.0, filter, weight);
        const std::vector<double> r = temporalAutocorrelation(filter, slices);
        const size_t plane = size_t(width) * height;
        std::vector<double> sliceSum(slices, 0.0);
        for (uint32_t t = 0; t < slices; ++t)
          for (size_t i = 0; i < plane; ++i) sliceSum[t] += table[t * plane + i];
        double across = 0, rAcross = 0;
        for (uint32_t t = 1; t < slices; ++t) {
          across += sliceSum[t];
          if (sliceSum[t] > 0) rAcross += r[t];
        }
        EXPECT_NEAR(across, weight * sliceSum[0], 1e-9 * sliceSum[0]) << temporal << " T " << slices;
        for (uint32_t t = 1; t < slices; ++t)
          if (sliceSum[t] > 0)
            EXPECT_NEAR(sliceSum[t], weight * sliceSum[0] * r[t] / rAcross, 1e-9 * sliceSum[0]) << temporal << " " << t;
      }
}

TEST(VectorStack, DefaultWeightIsTheStackPresetsRule) {
  // T / 8 within [1, 8], as the scalar stack preset (docs/method.md §10.5); a 2D mask keeps the struct's 1.
  for (VectorDomain domain : {VectorDomain::Square, VectorDomain::Circle})
    for (const auto& [slices, weight] : {std::pair<uint32_t, double>{4, 1.0}, {16, 2.0}, {32, 4.0}, {128, 8.0}})
      EXPECT_EQ(defaultVectorSwapParams(domain, {32, 32, slices}).temporalWeight, weight) << slices;
  EXPECT_EQ(defaultVectorSwapParams(VectorDomain::Square, {32, 32}).temporalWeight, 1.0);
}

TEST(VectorStack, BadStacksAreRefused) {
  VectorSwapParams params;
  EXPECT_EQ(checkVectorSwapParams({16, 16, 4}, params), "");
  EXPECT_NE(checkVectorSwapParams({16, 16, 4, 2}, params), "");
  ASSERT_EQ(parseTemporalFilter("mean:5", &params.temporal), "");
  EXPECT_NE(checkVectorSwapParams({16, 16, 4}, params), "");  // K > T
  params.temporal = TemporalFilter{};
  params.temporalWeight = -1;
  EXPECT_NE(checkVectorSwapParams({16, 16, 4}, params), "");
}

TEST_F(VectorStackGpu, RunMakesAStackOfPermutations) {
  const uint32_t width = 6, height = 5, slices = 3;
  const size_t plane = size_t(width) * height;
  VectorSwapParams params = stackParams(VectorDomain::Circle, "mean:2");
  params.passes = 20;
  const Mask stack = runVectorSwap(context, width, height, params, slices);
  ASSERT_EQ(stack.shape.slices, slices);
  ASSERT_EQ(stack.values.size(), plane * slices * 2);
  std::vector<std::pair<float, float>> first;
  for (uint32_t t = 0; t < slices; ++t) {
    std::vector<std::pair<float, float>> slice;
    for (size_t i = 0; i < plane; ++i)
      slice.push_back({stack.values[(t * plane + i) * 2], stack.values[(t * plane + i) * 2 + 1]});
    std::sort(slice.begin(), slice.end());
    if (t == 0) first = slice;
    EXPECT_EQ(slice, first) << "slice " << t;
  }
}

TEST(VectorStackCli, BadStackOptionsAreRefusedBeforeGpuWork) {
  const std::string dir = test::makeTempDir();
  for (const std::string args :
       {"--slices 4 --temporal bogus:1 --out " + dir + "/x.npy", "--slices 4 --temporal mean:5 --out " + dir + "/x.npy",
        "--temporal ema:0.1 --out " + dir + "/x.npy", "--slices 4 --out " + dir + "/x_%d%d.png",
        "--slices 4 --temporal-weight -1 --out " + dir + "/x.npy"}) {
    const test::CommandResult r = test::runCli("generate --values vec2 --size 16 " + args);
    EXPECT_NE(r.exitCode, 0) << args;
    EXPECT_EQ(std::count(r.errors.begin(), r.errors.end(), '\n'), 1) << args << ": " << r.errors;
    EXPECT_EQ(r.errors.find("device"), std::string::npos) << "no GPU opened for " << args;
  }
}

// The benchmark's figures exist for a 2D mask and a stack; bad --vector-sizes are one line before any work.
TEST_F(VectorStackGpu, BenchmarkMeasuresBothSidesAndTheRun) {
  VectorBenchResult r;
  std::string error;
  ASSERT_TRUE(benchmarkVectorSwaps(context, VectorDomain::Circle, {8, 8}, 0.05, true, &r, &error)) << error;
  EXPECT_GT(r.gpuProposalsPerSecond, 0);
  EXPECT_GT(r.cpuProposalsPerSecond, 0);
  EXPECT_GT(r.runSeconds, 0);
  EXPECT_EQ(r.passes, defaultVectorSwapParams(VectorDomain::Circle, {8, 8}).passes);
  ASSERT_TRUE(benchmarkVectorSwaps(context, VectorDomain::Square, {8, 6, 3}, 0.05, false, &r, &error)) << error;
  EXPECT_GT(r.gpuProposalsPerSecond, 0);
  EXPECT_GT(r.cpuProposalsPerSecond, 0);
  EXPECT_EQ(r.runSeconds, 0);
  EXPECT_FALSE(benchmarkVectorSwaps(context, VectorDomain::Square, {8, 8, 1, 2}, 0.05, false, &r, &error));
  EXPECT_NE(error.find("single-channel"), std::string::npos) << error;
  for (const char* bad : {"vec2", "cone:16x16", "vec2:16", "vec2:16x16x", "vec2:16x16px", "vec2:16x16x4x2"}) {
    const test::CommandResult cli =
        test::runCli(std::string("bench --sizes 16 --preset-sizes 16 --vector-sizes ") + bad);
    EXPECT_NE(cli.exitCode, 0) << bad;
    EXPECT_NE(cli.errors.find("--vector-sizes takes KIND:WxH"), std::string::npos) << bad << ": " << cli.errors;
  }
}
