// The divergence safeguard of spectral runs (spectral_guard.h, docs/method.md §2.10): the GPU's count of
// non-finite mask values against a CPU scan of the same buffer, checkpoints that bring a run back bit for bit,
// guarded runs that leave a healthy run unchanged, roll a diverging one back at half the step size or give up
// with a line naming the step and the knob.
#include "gpu_test.h"
#include "specdither/spectral_guard.h"
#include "specdither/spectral_optimizer.h"
#include "specdither/spectral_run.h"
#include "spectral/spectral_internal.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <string>

using namespace specdither;

namespace {

using SpectralGuardTest = test::GpuTest;

uint32_t cpuNonFinite(const std::vector<float>& values) {
  uint32_t count = 0;
  for (float v : values) count += std::isfinite(v) ? 0 : 1;
  return count;
}

std::vector<float> randomMask(size_t n, uint32_t seed, float lo, float hi) {
  std::vector<float> values(n);
  uint32_t state = seed;
  for (float& v : values) {
    state = state * 1664525u + 1013904223u;
    v = lo + (hi - lo) * float(state >> 8) / float(1u << 24);
  }
  return values;
}

// The count read back with the loss is the CPU's count of the same buffer: with infinities planted in a mask (the
// loss of the mask, no update), after a step whose update overflows some values (and only those), and for a
// healthy mask. The count walks the pixels in the sort's order: NaN keys, which compare false both ways, keep the
// bitonic network a permutation (exact count) but may repeat pairs in the merge sort's merge path (a count above
// zero all the same, and a NaN loss).
TEST_F(SpectralGuardTest, NonFiniteCountMatchesACpuScanOfTheMask) {
  const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
  for (SortAlgorithm sort : {SortAlgorithm::Merge, SortAlgorithm::Bitonic}) {
    SpectralSetup setup;
    setup.shape = {24, 20};
    setup.sort = sort;
    SpectralLossParams params;
    params.randomTermScaling = false;
    std::string error;
    SpectralOptimizer* opt = createSpectralOptimizer(context, setup, params, &error);
    ASSERT_NE(opt, nullptr) << error;
    const size_t n = setup.shape.pixelCount();

    // Planted values; the largest finite floats and denormals are finite.
    std::vector<float> planted = randomMask(n, 3, -1, 1);
    planted[0] = inf;
    planted[7] = -inf;
    planted[150] = inf;
    planted[300] = std::numeric_limits<float>::max();
    planted[301] = -std::numeric_limits<float>::max();
    planted[302] = std::numeric_limits<float>::denorm_min();
    setSpectralMask(opt, planted);
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordSpectralLossOfMask(cmd, opt); });
    const SpectralLoss infinite = lastSpectralLoss(opt);
    EXPECT_EQ(infinite.nonFiniteValues, cpuNonFinite(readSpectralMask(opt).values));
    EXPECT_EQ(infinite.nonFiniteValues, 3u);
    EXPECT_FALSE(spectralLossIsFinite(infinite));

    planted[100] = nan;
    planted[101] = -nan;
    std::memcpy(&planted[200], "\x01\x00\x80\x7f", 4);  // a signalling NaN
    setSpectralMask(opt, planted);
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordSpectralLossOfMask(cmd, opt); });
    const SpectralLoss withNan = lastSpectralLoss(opt);
    EXPECT_EQ(cpuNonFinite(readSpectralMask(opt).values), 6u);
    if (sort == SortAlgorithm::Bitonic) EXPECT_EQ(withNan.nonFiniteValues, 6u);
    EXPECT_GT(withNan.nonFiniteValues, 0u);
    EXPECT_TRUE(std::isnan(withNan.total));

    // The histogram term alone, one step at a step size that overflows the update of the pixels far from
    // their targets (values crowded into [0, 0.1] against targets over [-1, 1]) and no others.
    SpectralLossParams overflow = params;
    overflow.weightUniformity = overflow.weightLowFrequency = 0;
    overflow.update.learningRate = 1e38f;
    setSpectralLossParams(opt, overflow);
    setSpectralMask(opt, randomMask(n, 5, 0, 0.1f));
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordSpectralSteps(cmd, opt, 1); });
    const SpectralLoss stepped = lastSpectralLoss(opt);
    const uint32_t scanned = cpuNonFinite(readSpectralMask(opt).values);
    EXPECT_EQ(stepped.nonFiniteValues, scanned);
    EXPECT_GT(scanned, 0u);
    EXPECT_LT(scanned, n);

    setSpectralLossParams(opt, params);
    setSpectralMask(opt, randomMask(n, 9, -1, 1));
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordSpectralSteps(cmd, opt, 3); });
    EXPECT_EQ(lastSpectralLoss(opt).nonFiniteValues, 0u);
    EXPECT_TRUE(spectralLossIsFinite(lastSpectralLoss(opt)));
    destroySpectralOptimizer(opt);
  }
}

// A checkpoint taken mid-run and restored after more steps gives back the run from there bit for bit: the mask,
// Adam's moments and its bias-correction step, the step counter (and with it the random term scales).
TEST_F(SpectralGuardTest, RestoreRunsOnFromTheCheckpointBitForBit) {
  SpectralSetup setup;
  setup.shape = {20, 16};
  SpectralLossParams params;
  params.update = {UpdateRule::Adam, 0.02f};
  std::string error;
  SpectralOptimizer* straight = createSpectralOptimizer(context, setup, params, &error);
  SpectralOptimizer* detour = createSpectralOptimizer(context, setup, params, &error);
  ASSERT_NE(straight, nullptr) << error;
  ASSERT_NE(detour, nullptr) << error;
  submitAndWait(context, [&](VkCommandBuffer cmd) { recordSpectralSteps(cmd, straight, 12); });
  submitAndWait(context, [&](VkCommandBuffer cmd) {
    recordSpectralSteps(cmd, detour, 5);
    recordSpectralCheckpoint(cmd, detour);
    recordSpectralSteps(cmd, detour, 9);
  });
  EXPECT_EQ(spectralCheckpointStep(detour), 5u);
  submitAndWait(context, [&](VkCommandBuffer cmd) {
    recordSpectralRestore(cmd, detour);
    recordSpectralSteps(cmd, detour, 7);
  });
  EXPECT_EQ(spectralStepCount(detour), 12u);
  const Mask a = readSpectralMask(straight), b = readSpectralMask(detour);
  ASSERT_EQ(a.values.size(), b.values.size());
  EXPECT_EQ(std::memcmp(a.values.data(), b.values.data(), a.values.size() * 4), 0);
  EXPECT_EQ(lastSpectralLoss(straight).total, lastSpectralLoss(detour).total);
  destroySpectralOptimizer(straight);
  destroySpectralOptimizer(detour);
}

Mask unguardedMask(GpuContext* context, const SpectralSetup& setup, const SpectralPreset& preset) {
  std::string error;
  SpectralOptimizer* opt = createSpectralOptimizer(context, setup, preset.params, &error);
  if (!opt) return Mask();
  submitAndWait(context, [&](VkCommandBuffer cmd) {
    recordSpectralScheduleSteps(cmd, opt, preset, uint32_t(spectralScheduleLength(preset)));
  });
  Mask mask = readSpectralMask(opt);
  destroySpectralOptimizer(opt);
  return mask;
}

// A healthy run (each update rule at its recommended step) never trips the guard and computes what the
// unguarded schedule computes, bit for bit.
TEST_F(SpectralGuardTest, HealthyRunsAreUnchanged) {
  SpectralSetup setup;
  setup.shape = {32, 24};
  setup.seed = 4;
  for (UpdateRule rule : {UpdateRule::GradientDescent, UpdateRule::Momentum, UpdateRule::Adam}) {
    SpectralPreset preset = wronski2020Preset();
    preset.params.update.rule = rule;
    preset.params.update.learningRate = recommendedLearningRate(preset.params.update);
    preset.steps = 300;
    SpectralRunResult result;
    std::string error;
    ASSERT_TRUE(runSpectralPreset(context, setup, preset, {}, &result, &error)) << error;
    EXPECT_EQ(result.rollbacks, 0u) << int(rule);
    EXPECT_EQ(result.finalLearningRate, preset.params.update.learningRate);
    const Mask plain = unguardedMask(context, setup, preset);
    ASSERT_EQ(plain.values.size(), result.mask.values.size());
    EXPECT_EQ(std::memcmp(plain.values.data(), result.mask.values.data(), plain.values.size() * 4), 0) << int(rule);
  }
}

// Settings that diverge unguarded (NaN within a few hundred steps): the guard rolls back and halves the step
// size until the run holds, or gives up with one line naming the step and the knob, and no mask.
TEST_F(SpectralGuardTest, DivergingRunsRollBackOrGiveUp) {
  SpectralSetup setup;
  setup.shape = {32, 32};
  struct Case {
    UpdateRule rule;
    float learningRate, weightLowFrequency;
    bool completes;
    const char* knob;
  } cases[] = {
      {UpdateRule::Momentum, 0.7f, 0.1f, true, ""},      // momentum at the article's step
      {UpdateRule::GradientDescent, 0.7f, 3, true, ""},  // 30x the low-frequency weight
      {UpdateRule::GradientDescent, 100, 0.1f, true, ""},
      {UpdateRule::GradientDescent, 1000, 0.1f, false, "--lr 1000"},
      {UpdateRule::GradientDescent, 0.7f, 1000, false, "--w-low 1000"},
  };
  for (const Case& c : cases) {
    SpectralPreset preset = wronski2020Preset();
    preset.params.update.rule = c.rule;
    preset.params.update.learningRate = c.learningRate;
    preset.params.weightLowFrequency = c.weightLowFrequency;
    preset.steps = 300;
    SpectralRunResult result;
    std::string error;
    const bool completed = runSpectralPreset(context, setup, preset, {}, &result, &error);
    const std::string label = std::to_string(c.learningRate) + " " + std::to_string(c.weightLowFrequency);
    ASSERT_EQ(completed, c.completes) << label << ": " << error;
    if (completed) {
      EXPECT_GE(result.rollbacks, 1u) << label;
      EXPECT_EQ(result.finalLearningRate, c.learningRate * std::ldexp(1.0f, -int(result.rollbacks))) << label;
      EXPECT_EQ(cpuNonFinite(result.mask.values), 0u) << label;
      EXPECT_TRUE(spectralLossIsFinite(result.finalLoss)) << label;
    } else {
      EXPECT_TRUE(result.mask.values.empty()) << label;
      EXPECT_EQ(result.rollbacks, SpectralGuardSettings().maxRollbacks) << label;
      EXPECT_EQ(error.find('\n'), std::string::npos) << error;
      EXPECT_NE(error.find(" at step "), std::string::npos) << error;
      EXPECT_NE(error.find(c.knob), std::string::npos) << error;
    }
  }
}

SpectralDivergence divergence(UpdateRule rule, float learningRate, double loss) {
  SpectralDivergence d;
  d.step = 1250;
  d.loss.total = loss;
  d.params.update.rule = rule;
  d.params.update.learningRate = learningRate;
  d.learningRate = learningRate;
  return d;
}

// The diagnosis names what happened and the knob furthest from its recommended value.
TEST(SpectralDivergenceText, NamesTheStepAndTheKnob) {
  const double nan = std::nan("");
  EXPECT_EQ(describeSpectralDivergence(divergence(UpdateRule::Momentum, 0.7f, nan)),
            "the loss became NaN at step 1,250: the step size (--lr 0.7, the article's for gd) is too large for "
            "--optimizer momentum; try --lr 0.2");
  EXPECT_EQ(describeSpectralDivergence(divergence(UpdateRule::GradientDescent, 100, INFINITY)),
            "the loss became infinite at step 1,250: the step size (--lr 100) is too large for --optimizer gd; "
            "try --lr 0.7");
  SpectralDivergence adam = divergence(UpdateRule::Adam, 5, 3e9);
  adam.reference = 8.16;
  adam.rollbacks = 8;
  adam.learningRate = 5 / 256.0f;
  EXPECT_EQ(describeSpectralDivergence(adam),
            "the loss jumped from 8.16 to 3e+09 at step 1,250 (8 rollbacks, step size down to 0.0195): the step "
            "size (--lr 5) is too large for --optimizer adam; try --lr 0.05");
  SpectralDivergence low = divergence(UpdateRule::GradientDescent, 0.7f, 682);
  low.params.weightLowFrequency = 3;
  low.aboveStart = true;
  low.reference = 8.16;
  low.loss.nonFiniteValues = 0;
  EXPECT_EQ(describeSpectralDivergence(low),
            "the loss climbed to 682 from the random start's 8.16 at step 1,250: the low-frequency weight "
            "(--w-low 3, 30x the preset's 0.1) is too large for the step size (--lr 0.7); try --w-low 0.1 or "
            "--lr 0.023");
  SpectralDivergence mask = divergence(UpdateRule::GradientDescent, 0.3f, 1.5);
  mask.loss.nonFiniteValues = 12;
  EXPECT_EQ(describeSpectralDivergence(mask),
            "the mask got 12 non-finite values at step 1,250: these settings diverge even with the step size "
            "halved; try a smaller step, --lr 0.15");
  // A UI's labels.
  SpectralKnobNames studio;
  studio.learningRate = "Step size";
  studio.rule = "Rule";
  studio.assign = " = ";
  EXPECT_EQ(describeSpectralDivergence(divergence(UpdateRule::GradientDescent, 100, nan), studio),
            "the loss became NaN at step 1,250: the step size (Step size = 100) is too large for Rule = gd; try "
            "Step size = 0.7");
  EXPECT_FLOAT_EQ(recommendedLearningRate({UpdateRule::Momentum, 1, 0.95f}), 0.1f);
}

}  // namespace
