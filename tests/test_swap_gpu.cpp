// The GPU swap stage (swap_optimizer.h) against the CPU double reference (hvs_energy.h): every proposal's dE,
// the Metropolis decisions, the conflict rules, the exact permutation after every pass, and a short run of the
// default preset (swap_preset.h).
#include "specdither/baseline_masks.h"
#include "gpu_test.h"
#include "specdither/hvs_levels.h"
#include "gpu/random_hash.h"
#include "specdither/swap_optimizer.h"
#include "specdither/swap_preset.h"
#include "specdither/swap_schedule.h"
#include "swap/swap_internal.h"
#include "hvs/hvs_levels_internal.h"

#include <algorithm>
#include <cmath>
#include <ostream>
#include <set>

using namespace specdither;

namespace {

struct Size {
  uint32_t width, height;
};
void PrintTo(const Size& s, std::ostream* os) { *os << s.width << "x" << s.height; }
std::string sizeName(const ::testing::TestParamInfo<Size>& info) {
  return std::to_string(info.param.width) + "x" + std::to_string(info.param.height);
}

bool isPermutation(const std::vector<uint32_t>& ranks) {
  std::vector<uint32_t> sorted = ranks;
  std::sort(sorted.begin(), sorted.end());
  for (size_t i = 0; i < sorted.size(); ++i)
    if (sorted[i] != i) return false;
  return true;
}

// An optimizer on a random permutation with the preset's balanced weights (the realistic dE scales).
SwapOptimizer* makeOptimizer(GpuContext* context, Size s, const SwapParams& params) {
  std::string error;
  SwapOptimizer* o = createSwapOptimizer(context, {s.width, s.height}, params, &error);
  EXPECT_NE(o, nullptr) << error;
  if (!o) return nullptr;
  const std::vector<uint32_t> ranks = shuffledRanks(size_t(s.width) * s.height, params.seed);
  setSwapRanks(o, ranks);
  setSwapLevelWeights(o, hvsBalancedWeights({{s.width, s.height}, ranks}, params.sigmas, params.sigmaWeights, 31));
  return o;
}

double medianAbs(std::vector<double> v) {
  for (double& x : v) x = std::fabs(x);
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

class SwapGpu : public test::GpuTest, public ::testing::WithParamInterface<Size> {};
class SwapPreset : public test::GpuTest {};

}  // namespace

TEST_P(SwapGpu, ProposalDeltasMatchCpuReference) {
  const Size s = GetParam();
  SwapParams params;
  params.proposalsPerPixel = 1.0;  // many pairs of every partner kind
  params.seed = 17;
  SwapOptimizer* o = makeOptimizer(context, s, params);
  ASSERT_NE(o, nullptr);
  submitAndWait(context, [&](VkCommandBuffer cmd) { recordSwapEvaluation(cmd, o); });
  const std::vector<SwapProposal> proposals = readSwapProposals(o);
  const std::vector<uint32_t> ranks = readSwapRanks(o);
  const HvsEnergyModel& model = swapEnergyModel(o);
  std::vector<double> reference;
  for (const SwapProposal& p : proposals) {
    ASSERT_LT(p.p, ranks.size());
    ASSERT_LT(p.q, ranks.size());
    EXPECT_EQ(p.state, 0u);  // evaluation decides nothing
    reference.push_back(hvsSwapDelta(model, ranks, p.p, p.q));
  }
  // Float gathers of ~2|O| terms per sigma: the error scales with the typical |dE|, not with each dE.
  const double scale = medianAbs(reference);
  size_t neighbours = 0;
  for (size_t i = 0; i < proposals.size(); ++i) {
    EXPECT_NEAR(proposals[i].delta, reference[i], 2e-4 * scale + 1e-5 * std::fabs(reference[i]))
        << "proposal " << i << " (" << proposals[i].p << ", " << proposals[i].q << ")";
    const uint32_t w = s.width;
    const int dx = std::abs(int(proposals[i].p % w) - int(proposals[i].q % w));
    const int dy = std::abs(int(proposals[i].p / w) - int(proposals[i].q / w));
    if (std::min<int>(dx, w - dx) <= 3 && std::min<int>(dy, s.height - dy) <= 3) ++neighbours;
  }
  // 60% neighbour partners, plus the random and rank partners that happen to land close.
  EXPECT_GT(double(neighbours) / proposals.size(), 0.5);
  destroySwapOptimizer(o);
}

// Every compiled sigma count (swap_propose_<S>.comp) against the reference, on a non-square torus.
TEST_F(SwapPreset, DeltasMatchCpuForEverySigmaCount) {
  const std::vector<std::vector<double>> sets = {{1.0}, {1.0, 1.5}, {0.8, 1.3, 2.0}, {0.7, 1.0, 1.4, 1.9}};
  for (const std::vector<double>& sigmas : sets) {
    SwapParams params;
    params.sigmas = sigmas;
    params.sigmaWeights.assign(sigmas.size(), 1.0);
    params.proposalsPerPixel = 1.0;
    params.seed = 29;
    SwapOptimizer* o = makeOptimizer(context, {24, 18}, params);
    ASSERT_NE(o, nullptr);
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordSwapEvaluation(cmd, o); });
    const std::vector<SwapProposal> proposals = readSwapProposals(o);
    const std::vector<uint32_t> ranks = readSwapRanks(o);
    std::vector<double> reference;
    for (const SwapProposal& p : proposals) reference.push_back(hvsSwapDelta(swapEnergyModel(o), ranks, p.p, p.q));
    const double scale = medianAbs(reference);
    for (size_t i = 0; i < proposals.size(); ++i)
      ASSERT_NEAR(proposals[i].delta, reference[i], 2e-4 * scale + 1e-5 * std::fabs(reference[i]))
          << sigmas.size() << " sigmas, proposal " << i;
    destroySwapOptimizer(o);
  }
}

TEST_P(SwapGpu, PassesKeepAnExactPermutationAndReplayOnCpu) {
  const Size s = GetParam();
  SwapParams params;
  params.seed = 5;
  SwapOptimizer* o = makeOptimizer(context, s, params);
  ASSERT_NE(o, nullptr);
  const HvsEnergyModel& model = swapEnergyModel(o);
  std::vector<uint32_t> ranks = readSwapRanks(o);
  const std::vector<double> deltas = [&] {
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordSwapEvaluation(cmd, o); });
    std::vector<double> d;
    for (const SwapProposal& p : readSwapProposals(o)) d.push_back(p.delta);
    return d;
  }();
  // Hot, then greedy: many accepted proposals compete for pixels in the first passes.
  const float hot = float(medianAbs(deltas));
  uint64_t applied = 0, lost = 0;
  for (int pass = 0; pass < 12; ++pass) {
    const uint64_t passIndex = swapPassCount(o);
    const float temperature = pass < 8 ? hot : 0.0f;
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordSwapPasses(cmd, o, 1, &temperature); });
    const std::vector<SwapProposal> proposals = readSwapProposals(o);
    const std::vector<uint32_t> after = readSwapRanks(o);
    ASSERT_TRUE(isPermutation(after)) << "pass " << pass;

    // Replay: Metropolis on the GPU's dE with the same random numbers, then lowest index wins each pixel.
    std::vector<uint32_t> owner(ranks.size(), UINT32_MAX);
    for (uint32_t i = 0; i < proposals.size(); ++i) {
      const SwapProposal& p = proposals[i];
      if (p.p == p.q) {
        EXPECT_EQ(p.state, 0u);
        continue;
      }
      const double u = uniform01(hashKey(params.seed, uint32_t(passIndex), 4 * i + 3));
      const double x = temperature > 0 ? std::exp(-double(p.delta) / temperature) : 0.0;
      const bool accept = p.delta < 0 || u < x;
      if (std::fabs(u - x) > 1e-5) EXPECT_EQ(p.state != 0, accept) << "proposal " << i;
      if (p.state != 0) owner[p.p] = std::min(owner[p.p], i), owner[p.q] = std::min(owner[p.q], i);
    }
    std::vector<uint32_t> replay = ranks;
    for (uint32_t i = 0; i < proposals.size(); ++i) {
      const SwapProposal& p = proposals[i];
      if (p.state == 0) continue;
      const bool wins = owner[p.p] == i && owner[p.q] == i;
      EXPECT_EQ(p.state == 2, wins) << "proposal " << i;
      if (wins)
        std::swap(replay[p.p], replay[p.q]), ++applied;
      else
        ++lost;
    }
    EXPECT_EQ(replay, after) << "pass " << pass;
    ranks = after;
  }
  EXPECT_GT(applied, 0u);
  EXPECT_GT(lost, 0u);  // the hot passes did exercise the conflict rule
  (void)model;
  destroySwapOptimizer(o);
}

TEST_P(SwapGpu, DisjointNeighbourhoodsMakeTheEnergyChangeTheSumOfDeltas) {
  const Size s = GetParam();
  SwapParams params;
  params.seed = 23;
  params.conflictRule = SwapConflictRule::DisjointNeighbourhoods;
  SwapOptimizer* o = makeOptimizer(context, s, params);
  ASSERT_NE(o, nullptr);
  const HvsEnergyModel& model = swapEnergyModel(o);
  std::vector<uint32_t> ranks = readSwapRanks(o);
  double energy = hvsPairEnergy(model, ranks);
  uint64_t applied = 0;
  for (int pass = 0; pass < 6; ++pass) {
    const float greedy = 0.0f;
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordSwapPasses(cmd, o, 1, &greedy); });
    const std::vector<SwapProposal> proposals = readSwapProposals(o);
    const std::vector<uint32_t> after = readSwapRanks(o);
    ASSERT_TRUE(isPermutation(after));
    double sum = 0, scale = 0;
    std::vector<uint32_t> pixels;
    for (const SwapProposal& p : proposals)
      if (p.state == 2) {
        sum += hvsSwapDelta(model, ranks, p.p, p.q);
        scale += std::fabs(p.delta);
        pixels.push_back(p.p);
        pixels.push_back(p.q);
        ++applied;
      }
    // No two applied swaps interact: their pixels are outside each other's O-neighbourhoods.
    std::set<uint32_t> inO;
    for (const HvsOffset& off : model.offsets) inO.insert(torusIndex(off.dx, off.dy, s.width, s.height));
    for (size_t a = 0; a < pixels.size(); ++a)
      for (size_t b = a + 1; b < pixels.size(); ++b) {
        if (a / 2 == b / 2) continue;
        const int64_t dx = int64_t(pixels[a] % s.width) - pixels[b] % s.width;
        const int64_t dy = int64_t(pixels[a] / s.width) - pixels[b] / s.width;
        EXPECT_FALSE(inO.count(torusIndex(dx, dy, s.width, s.height))) << "interacting swaps applied";
      }
    const double next = hvsPairEnergy(model, after);
    EXPECT_NEAR(next - energy, sum, 1e-9 * std::fabs(energy)) << "pass " << pass;
    EXPECT_LE(next, energy + 1e-12 * std::fabs(energy)) << "greedy pass raised the energy";
    energy = next;
    ranks = after;
    (void)scale;
  }
  EXPECT_GT(applied, 0u);
  destroySwapOptimizer(o);
}

INSTANTIATE_TEST_SUITE_P(Sizes, SwapGpu, ::testing::Values(Size{10, 10}, Size{12, 9}, Size{32, 32}, Size{64, 32}),
                         sizeName);

TEST_F(SwapPreset, ShortAnnealingFromNoiseAt32x32BeatsWhiteNoise) {
  // The swap stage on its own (docs/method.md §3.8's recipe from a random permutation): a few hundred passes
  // already take the mask far from white noise (0 dB). The full goal is the benchmark's, not a timed test's.
  const SwapParams params = swapAnnealingParams(3, 400);
  std::string error;
  uint64_t lastPass = 0;
  const Mask mask = runDefaultPreset(
      context, {32, 32}, params,
      [&](const SwapProgress& p) {
        lastPass = p.pass;
        EXPECT_GE(p.acceptedRate, p.appliedRate);
        return true;
      },
      &error);
  ASSERT_EQ(mask.shape.width, 32u) << error;
  EXPECT_EQ(lastPass, 400u);
  EXPECT_TRUE(isExactPermutation(mask));
  const std::vector<double> db = hvsErrorDb({{32, 32}, ranksOf(mask)}, {1.0, 1.5});
  EXPECT_LT(db[0], -6.0);
  EXPECT_LT(db[1], -10.0);
  std::printf("32x32 from noise, 400 passes: HVS %.2f dB (sigma 1), %.2f dB (sigma 1.5)\n", db[0], db[1]);
}

TEST_F(SwapPreset, DefaultPresetDescendsFromVoidAndCluster) {
  // The default preset's start, then greedy passes with the weights of the first reweighting held fixed: the
  // energy those weights define (CPU double, truncated pair form) must fall, and the result beat white noise
  // by the margin void-and-cluster gives.
  const uint32_t w = 32, h = 24;
  SwapParams params = defaultSwapParams({w, h}, 7);
  params.passes = 150;
  params.reweightInterval = 0;
  params.startCandidates = 1;
  std::string error;
  SwapOptimizer* o = createSwapOptimizer(context, {w, h}, params, &error);
  ASSERT_NE(o, nullptr) << error;
  const Mask start = generateBaseline(BaselineMethod::VoidAndCluster, {w, h}, params.seed, params.startSigma, &error);
  ASSERT_EQ(start.shape.width, w) << error;
  setSwapRanks(o, ranksOf(start));
  runSwapSchedule(o, nullptr);
  const std::vector<uint32_t> ranks = readSwapRanks(o);
  ASSERT_TRUE(isPermutation(ranks));
  const HvsEnergyModel& model = swapEnergyModel(o);
  const double before = hvsPairEnergy(model, ranksOf(start)), after = hvsPairEnergy(model, ranks);
  EXPECT_LT(after, before);
  const std::vector<double> db = hvsErrorDb({{w, h}, ranks}, {1.0, 1.5});
  EXPECT_LT(db[0], -8.5);
  EXPECT_LT(db[1], -13.0);
  std::printf("32x24 default preset, 150 passes: HVS %.2f dB (sigma 1), %.2f dB (sigma 1.5)\n", db[0], db[1]);
  destroySwapOptimizer(o);
}

TEST_F(SwapPreset, StepwiseScheduleInOddBatchesEqualsTheWholeRun) {
  // The studio drives the schedule a frame at a time (batches of whatever fits a frame); the CLI runs it whole.
  // With re-weighting and an annealed temperature both give the same ranks, bit for bit.
  const uint32_t w = 16, h = 16;
  SwapParams params = swapAnnealingParams(5, 120);
  params.reweightInterval = 40;
  params.endRatio = 0.5;  // warm to the end, so every re-measured temperature scale matters
  std::string error;
  const Mask start = generateBaseline(BaselineMethod::White, {w, h}, 9, 0, &error);
  SwapOptimizer* whole = createSwapOptimizer(context, {w, h}, params, &error);
  SwapOptimizer* stepwise = createSwapOptimizer(context, {w, h}, params, &error);
  ASSERT_TRUE(whole && stepwise) << error;
  setSwapRanks(whole, ranksOf(start));
  setSwapRanks(stepwise, ranksOf(start));
  runSwapSchedule(whole, nullptr);
  SwapSchedule schedule = beginSwapSchedule(stepwise, params);
  EXPECT_GT(schedule.scale, 0);
  for (uint32_t frame = 0; schedule.pass < params.passes; ++frame) {
    prepareSwapBatch(stepwise, &schedule, params);
    const uint64_t before = schedule.pass;
    uint32_t recorded = 0;
    submitAndWait(context, [&](VkCommandBuffer cmd) {
      recorded = recordSwapBatch(cmd, stepwise, &schedule, params, 7 + frame % 5);
    });
    ASSERT_GT(recorded, 0u);
    EXPECT_LE((before % 40) + recorded, 40u) << "a batch crossed a re-weighting point at pass " << before;
  }
  EXPECT_EQ(schedule.pass, params.passes);
  EXPECT_EQ(readSwapRanks(stepwise), readSwapRanks(whole));
  destroySwapOptimizer(whole);
  destroySwapOptimizer(stepwise);
}

TEST_F(SwapPreset, RunDefaultPresetGivesAnExactMaskAtOddSizes) {
  for (auto [w, h] : {std::pair<uint32_t, uint32_t>{10, 10}, {13, 7}}) {
    SwapParams params = defaultSwapParams({w, h}, 2);
    params.passes = 60;
    std::string error;
    const Mask mask = runDefaultPreset(context, {w, h}, params, nullptr, &error);
    ASSERT_EQ(mask.shape.width, w) << error;
    ASSERT_EQ(mask.shape.height, h);
    EXPECT_TRUE(isExactPermutation(mask));
  }
}

TEST_F(SwapPreset, RefusesWhatItCannotDo) {
  std::string error;
  EXPECT_EQ(createSwapOptimizer(context, {3, 16}, SwapParams(), &error), nullptr);
  EXPECT_FALSE(error.empty());
  SwapParams params;
  params.sigmas = {1, 1.5, 2, 2.5, 3};
  params.sigmaWeights = {1, 1, 1, 1, 1};
  error.clear();
  EXPECT_EQ(createSwapOptimizer(context, {16, 16}, params, &error), nullptr);
  EXPECT_FALSE(error.empty());
  const Mask mask = runDefaultPreset(context, {2, 2}, SwapParams(), nullptr, &error);
  EXPECT_TRUE(mask.values.empty());
  // A gather wider than lavapipe's 65535 loop iterations per invocation: refused on CPU devices only.
  SwapParams wide;
  wide.sigmas = {20};
  wide.sigmaWeights = {1};
  wide.radiusInStd = 8;
  error.clear();
  SwapOptimizer* o = createSwapOptimizer(context, {256, 256}, wide, &error);
  if (context->properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU) {
    EXPECT_EQ(o, nullptr);
    EXPECT_NE(error.find("beyond CPU Vulkan"), std::string::npos) << error;
  } else {
    EXPECT_NE(o, nullptr) << error;
  }
  destroySwapOptimizer(o);
}
