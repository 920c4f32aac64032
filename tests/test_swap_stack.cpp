// Spatiotemporal stacks in the swap stage (docs/method.md §8): the temporal filters' autocorrelations, the
// temporal fields against their definition, and on the GPU every proposal's dE against the whole energy
// evaluated in double precision before and after the swap, before and after passes (which keep the fields
// current), with every slice a permutation after every pass.
#include "gpu_test.h"
#include "gpu/random_hash.h"
#include "hvs/hvs_levels_internal.h"
#include "hvs/stack_energy.h"
#include "specdither/hvs_levels.h"
#include "specdither/stack_benchmark.h"
#include "specdither/stack_preset.h"
#include "specdither/swap_optimizer.h"
#include "specdither/temporal_filter.h"
#include "swap/swap_internal.h"

#include <algorithm>
#include <cmath>

using namespace specdither;

namespace {

TEST(TemporalFilter, AutocorrelationsMatchTheirClosedForms) {
  TemporalFilter ema;
  ASSERT_EQ(parseTemporalFilter("ema:0.3", &ema), "");
  const std::vector<double> r = temporalAutocorrelation(ema, 7);
  for (uint32_t tau = 0; tau < 7; ++tau) {
    double wrapped = 0;
    for (int m = -200; m <= 200; ++m) wrapped += 0.3 * std::pow(0.7, std::abs(int(tau) + 7 * m)) / 1.7;
    EXPECT_NEAR(r[tau], wrapped, 1e-12) << tau;
  }
  TemporalFilter mean;
  ASSERT_EQ(parseTemporalFilter("mean:3", &mean), "");
  const std::vector<double> rm = temporalAutocorrelation(mean, 8);
  for (uint32_t tau = 0; tau < 8; ++tau) {
    const int d = int(std::min(tau, 8 - tau));
    EXPECT_NEAR(rm[tau], d < 3 ? (3.0 - d) / 9 : 0.0, 1e-12) << tau;
  }
  TemporalFilter gauss;
  ASSERT_EQ(parseTemporalFilter("gauss:1.5", &gauss), "");
  const std::vector<double> rg = temporalAutocorrelation(gauss, 64);
  double sum = 0;
  for (double x : rg) sum += x;
  EXPECT_NEAR(sum, 1.0, 1e-12);  // the autocorrelation of a filter of sum 1 sums to 1
  EXPECT_NEAR(rg[1] / rg[0], std::exp(-1.0 / (4 * 1.5 * 1.5)), 2e-3);  // a Gaussian of sigma sqrt 2

  TemporalFilter f;
  for (const char* bad : {"ema:0", "ema:1.5", "mean:0", "mean:2.5", "gauss:0", "gauss:-1", "box:3", "ema", "ema:x"})
    EXPECT_NE(parseTemporalFilter(bad, &f), "") << bad;
  EXPECT_NE(checkTemporalFilter(mean, 2), "");  // mean:3 over 2 slices
  EXPECT_EQ(checkTemporalFilter(mean, 3), "");
  EXPECT_EQ(toString(ema), "ema:0.3");
}

StackTemporalModel smallModel(uint32_t w, uint32_t h, uint32_t slices, uint32_t levels) {
  StackTemporalModel m;
  m.width = w;
  m.height = h;
  m.slices = slices;
  m.levels = levels;
  m.offsets = {{0, 0}, {1, 0}, {0, 1}, {-1, 2}, {2, -1}};
  m.kernel = {0.5, 0.3, 0.2, 0.1, 0.05};
  TemporalFilter f;
  parseTemporalFilter("ema:0.4", &f);
  const std::vector<double> r = temporalAutocorrelation(f, slices);
  for (uint32_t d = 0; d < slices; ++d) m.crossSlice.push_back(d ? r[d] / r[0] : 0.0);
  return m;
}

std::vector<uint32_t> randomStackRanks(uint32_t n, uint32_t slices, uint64_t seed) {
  std::vector<uint32_t> ranks;
  for (uint32_t s = 0; s < slices; ++s) {
    const std::vector<uint32_t> r = shuffledRanks(n, seed + s);
    ranks.insert(ranks.end(), r.begin(), r.end());
  }
  return ranks;
}

TEST(StackEnergy, FieldsAreTheFilteredLevelCounts) {
  const StackTemporalModel m = smallModel(5, 4, 3, 6);
  const std::vector<uint32_t> ranks = randomStackRanks(20, 3, 4);
  const std::vector<double> q = stackTemporalFields(m, ranks);
  for (uint32_t s = 0; s < 3; ++s)
    for (uint32_t y = 0; y < 20; ++y)
      for (uint32_t lambda = 0; lambda < 6; ++lambda) {
        double expected = 0;
        for (uint32_t l = 1; l <= lambda; ++l)
          for (uint32_t s2 = 0; s2 < 3; ++s2)
            if (s2 != s && l > stackLevelOf(ranks[s2 * 20 + y], 6, 20)) expected += m.crossSlice[(s2 + 3 - s) % 3];
        EXPECT_NEAR(q[(s * 20 + y) * 6 + lambda], expected, 1e-12);
      }
  // The fields of a chunk of slices (what the optimizer uploads a chunk at a time) are that part of the whole.
  const std::vector<double> chunk = stackTemporalFields(m, ranks, 1, 2);
  ASSERT_EQ(chunk.size(), size_t(2 * 20 * 6));
  for (size_t i = 0; i < chunk.size(); ++i) EXPECT_EQ(chunk[i], q[20 * 6 + i]) << i;
}

class SwapStack : public test::GpuTest {};

// Every proposal's dE against the CPU: the slice's 2D delta plus the temporal energy after minus before.
void expectDeltasMatch(SwapOptimizer* o, GpuContext* context, const char* when) {
  submitAndWait(context, [&](VkCommandBuffer cmd) { recordSwapEvaluation(cmd, o); });
  const std::vector<SwapProposal> proposals = readSwapProposals(o);
  const std::vector<uint32_t> ranks = readSwapRanks(o);
  const HvsEnergyModel& plane = swapEnergyModel(o);
  const StackTemporalModel* temporal = swapTemporalModel(o);
  ASSERT_NE(temporal, nullptr);
  const size_t n = plane.pixelCount();
  const double before = stackTemporalEnergy(*temporal, ranks);
  const std::vector<double> fields = stackTemporalFields(*temporal, ranks);
  std::vector<double> reference, deltas;
  double temporalScale = 0;
  for (const SwapProposal& p : proposals) {
    ASSERT_EQ(p.p / n, p.q / n) << "partners share a slice";
    const size_t base = p.p / n * n;
    const std::vector<uint32_t> slice(ranks.begin() + base, ranks.begin() + base + n);
    std::vector<uint32_t> after = ranks;
    std::swap(after[p.p], after[p.q]);
    const double t = stackTemporalEnergy(*temporal, after) - before;
    temporalScale = std::max(temporalScale, std::fabs(t));
    // The CPU twin of the GPU's field lookups, in double.
    EXPECT_NEAR(
        stackTemporalSwapDelta(*temporal, fields, ranks, uint32_t(p.p / n), uint32_t(p.p - base), uint32_t(p.q - base)),
        t, 1e-9 * (1 + std::fabs(t)));
    reference.push_back(hvsSwapDelta(plane, slice, uint32_t(p.p - base), uint32_t(p.q - base)) + t);
    deltas.push_back(p.delta);
  }
  ASSERT_GT(temporalScale, 0) << "the temporal term should move some proposals";
  std::vector<double> magnitudes;
  for (double r : reference) magnitudes.push_back(std::fabs(r));
  std::nth_element(magnitudes.begin(), magnitudes.begin() + magnitudes.size() / 2, magnitudes.end());
  const double scale = magnitudes[magnitudes.size() / 2];
  for (size_t i = 0; i < reference.size(); ++i)
    EXPECT_NEAR(deltas[i], reference[i], 5e-4 * scale + 1e-5 * std::fabs(reference[i]))
        << when << ": proposal " << i << " (" << proposals[i].p << ", " << proposals[i].q << ")";
}

// The third case caps a chunk of the fields at two slices' worth: three chunks (2, 2, 1 slices), each a binding of
// its own, proposed and updated by a dispatch of its own (docs/method.md §8.3).
TEST_F(SwapStack, DeltasMatchTheWholeEnergyBeforeAndAfterPasses) {
  struct Case {
    MaskShape shape;
    uint32_t chunks;
  };
  for (const Case& c : {Case{{8, 12, 5}, 1}, Case{{16, 16, 3}, 1}, Case{{8, 12, 5}, 3}}) {
    const MaskShape shape = c.shape;
    SCOPED_TRACE(toString(shape) + " in " + std::to_string(c.chunks) + " chunks");
    setSwapFieldChunkLimitForTests(c.chunks == 1 ? 0 : 2 * shape.planeSize() * 8 * 4);
    SwapParams params;
    params.proposalsPerPixel = 0.5;
    params.seed = 7;
    params.temporalWeight = 1.0;
    params.temporalLevels = 8;
    ASSERT_EQ(parseTemporalFilter("ema:0.3", &params.temporal), "");
    std::string error;
    SwapOptimizer* o = createSwapOptimizer(context, shape, params, &error);
    setSwapFieldChunkLimitForTests(0);
    ASSERT_NE(o, nullptr) << error;
    EXPECT_EQ(swapFieldChunks(o), c.chunks);
    const std::vector<uint32_t> ranks = randomStackRanks(shape.width * shape.height, shape.slices, 11);
    setSwapRanks(o, ranks);
    std::vector<uint32_t> slice0(ranks.begin(), ranks.begin() + shape.planeSize());
    setSwapLevelWeights(
        o, hvsBalancedWeights({{shape.width, shape.height}, slice0}, params.sigmas, params.sigmaWeights, 31));
    expectDeltasMatch(o, context, "start");
    // Greedy passes move ranks; the GPU keeps the fields current, and every slice stays a permutation.
    for (int k = 0; k < 4; ++k) {
      const float greedy = 0;
      submitAndWait(context, [&](VkCommandBuffer cmd) { recordSwapPasses(cmd, o, 1, &greedy); });
      const std::vector<uint32_t> now = readSwapRanks(o);
      for (uint32_t s = 0; s < shape.slices; ++s) {
        std::vector<uint32_t> sorted(now.begin() + s * shape.planeSize(), now.begin() + (s + 1) * shape.planeSize());
        std::sort(sorted.begin(), sorted.end());
        for (uint32_t i = 0; i < sorted.size(); ++i) ASSERT_EQ(sorted[i], i) << "slice " << s << " pass " << k;
      }
    }
    EXPECT_GT(takeSwapStats(o).applied, 0u);
    expectDeltasMatch(o, context, "after 4 passes");
    destroySwapOptimizer(o);
  }
}

}  // namespace

// The benchmark's figures exist and its CPU reference is the field form checked above; bad stack sizes are one line.
TEST_F(SwapStack, BenchmarkMeasuresBothSidesAndThePreset) {
  StackBenchResult r;
  std::string error;
  ASSERT_TRUE(benchmarkStackSwaps(context, {16, 12, 4}, 0.05, true, &r, &error)) << error;
  EXPECT_GT(r.gpuProposalsPerSecond, 0);
  EXPECT_GT(r.cpuProposalsPerSecond, 0);
  EXPECT_GT(r.presetSeconds, 0);
  EXPECT_EQ(r.passes, defaultStackParams({16, 12, 4}, 1).passes);
  EXPECT_FALSE(benchmarkStackSwaps(context, {16, 12, 300}, 0.05, false, &r, &error));
  const test::CommandResult cli = test::runCli("bench --sizes 16 --preset-sizes 16 --stack-sizes 16x16");
  EXPECT_NE(cli.exitCode, 0);
  EXPECT_NE(cli.errors.find("--stack-sizes takes WxHxT"), std::string::npos) << cli.errors;
}
