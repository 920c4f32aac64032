// Whole optimization steps on the GPU: they follow the CPU double reference step by step (every update rule),
// lower the loss, and are bit-reproducible for a seed.
#include "gpu_test.h"
#include "specdither/spectral_optimizer.h"
#include "specdither/spectral_run.h"
#include "spectral/spectral_reference.h"
#include "spectral/spectral_internal.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

using namespace specdither;

namespace {

struct StepCase {
  uint32_t width, height;
  UpdateRule rule;
  float learningRate;
  const char* name;
};

class SpectralStepTest : public test::GpuTest, public ::testing::WithParamInterface<StepCase> {};

// 25 steps of float32 GPU arithmetic against double: differences grow through the dynamics (at the article's
// step 0.7 the larger masks drift chaotically after ~20 steps, hence smaller steps there); 2e-3 on
// values of magnitude ~1 is far below what one wrong term or a wrong scale would give (>1e-1). Loss terms
// amplify the drift (they are exact to 1e-4 in test_spectral_loss): 1e-2 relative here.
TEST_P(SpectralStepTest, FollowsCpuReference) {
  const StepCase c = GetParam();
  SpectralSetup setup;
  setup.shape = {c.width, c.height};
  setup.seed = 42;
  SpectralLossParams params;  // article loss, random term scaling on
  params.update.rule = c.rule;
  params.update.learningRate = c.learningRate;
  std::string error;
  SpectralOptimizer* opt = createSpectralOptimizer(context, setup, params, &error);
  ASSERT_NE(opt, nullptr) << error;
  CpuSpectralState cpu = cpuSpectralInit(setup);
  const uint32_t steps = 25;
  submitAndWait(context, [&](VkCommandBuffer cmd) { recordSpectralSteps(cmd, opt, steps); });
  SpectralTerms lastTerms;
  for (uint32_t i = 0; i < steps; ++i) lastTerms = cpuSpectralStep(cpu, params);
  Mask gpu = readSpectralMask(opt);
  SpectralLoss loss = lastSpectralLoss(opt);
  destroySpectralOptimizer(opt);
  double maxError = 0;
  for (size_t i = 0; i < gpu.values.size(); ++i) maxError = std::max(maxError, std::abs(gpu.values[i] - cpu.mask[i]));
  EXPECT_LT(maxError, 2e-3) << c.name;
  EXPECT_EQ(loss.step, steps);
  EXPECT_NEAR(loss.histogram, params.weightHistogram * lastTerms.histogram,
              1e-2 * params.weightHistogram * lastTerms.histogram + 1e-9);
  EXPECT_NEAR(loss.uniformity, params.weightUniformity * lastTerms.uniformity,
              1e-2 * params.weightUniformity * lastTerms.uniformity);
}

INSTANTIATE_TEST_SUITE_P(Rules, SpectralStepTest,
                         ::testing::Values(StepCase{16, 12, UpdateRule::GradientDescent, 0.7f, "gd_16x12"},
                                           StepCase{10, 10, UpdateRule::Momentum, 0.2f, "momentum_10x10"},
                                           StepCase{20, 20, UpdateRule::Adam, 0.01f, "adam_20x20"},
                                           StepCase{64, 32, UpdateRule::GradientDescent, 0.1f, "gd_64x32"}),
                         [](const ::testing::TestParamInfo<StepCase>& info) { return std::string(info.param.name); });

using SpectralOptimizerTest = test::GpuTest;

// The preset's schedule keeps the user's update rule into the histogram-only finetune and goes back to the main
// parameters past its end.
TEST(SpectralSchedule, FinetuneKeepsTheUpdateRule) {
  SpectralPreset preset;
  preset.params.update = {UpdateRule::Adam, 0.05f};
  preset.params.update.beta1 = 0.8f;
  preset.steps = 3;
  preset.finetuneSteps = 2;
  preset.finetuneLearningRate = 0.01f;
  EXPECT_EQ(spectralScheduleLength(preset), 5u);
  for (uint64_t step : {0u, 2u, 5u, 9u}) {
    const SpectralLossParams p = spectralScheduleParams(preset, step);
    EXPECT_EQ(p.weightUniformity, preset.params.weightUniformity) << step;
    EXPECT_EQ(p.update.learningRate, 0.05f) << step;
  }
  for (uint64_t step : {3u, 4u}) {
    const SpectralLossParams p = spectralScheduleParams(preset, step);
    EXPECT_EQ(p.weightUniformity, 0.0f);
    EXPECT_EQ(p.weightLowFrequency, 0.0f);
    EXPECT_EQ(p.weightHistogram, preset.params.weightHistogram);
    EXPECT_EQ(p.update.rule, UpdateRule::Adam);
    EXPECT_EQ(p.update.beta1, 0.8f);
    EXPECT_EQ(p.update.learningRate, 0.01f);
  }
}

// The schedule recorded in batches that cross both of its boundaries (main -> finetune -> past the end) follows
// the CPU reference stepped with each step's parameters.
TEST_F(SpectralOptimizerTest, ScheduleStepsFollowCpuReference) {
  SpectralSetup setup;
  setup.shape = {20, 16};
  setup.seed = 9;
  SpectralPreset preset;
  preset.params.update = {UpdateRule::Adam, 0.01f};
  preset.steps = 6;
  preset.finetuneSteps = 5;
  preset.finetuneLearningRate = 0.004f;
  std::string error;
  SpectralOptimizer* opt = createSpectralOptimizer(context, setup, SpectralLossParams(), &error);
  ASSERT_NE(opt, nullptr) << error;
  for (uint32_t batch : {4u, 5u, 3u})
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordSpectralScheduleSteps(cmd, opt, preset, batch); });
  CpuSpectralState cpu = cpuSpectralInit(setup);
  for (uint64_t step = 0; step < 12; ++step) cpuSpectralStep(cpu, spectralScheduleParams(preset, step));
  const Mask gpu = readSpectralMask(opt);
  EXPECT_EQ(spectralStepCount(opt), 12u);
  destroySpectralOptimizer(opt);
  double maxError = 0;
  for (size_t i = 0; i < gpu.values.size(); ++i) maxError = std::max(maxError, std::abs(gpu.values[i] - cpu.mask[i]));
  EXPECT_LT(maxError, 2e-3);
}

SpectralLoss lossAfter(GpuContext* context, SpectralOptimizer* opt, uint32_t steps) {
  submitAndWait(context, [&](VkCommandBuffer cmd) { recordSpectralSteps(cmd, opt, steps); });
  return lastSpectralLoss(opt);
}

TEST_F(SpectralOptimizerTest, ShortRunLowersTheLoss) {
  SpectralSetup setup;        // 64x64
  SpectralLossParams params;  // the article's: reported terms use c = 1, so steps compare like with like
  std::string error;
  SpectralOptimizer* opt = createSpectralOptimizer(context, setup, params, &error);
  ASSERT_NE(opt, nullptr) << error;
  const SpectralLoss first = lossAfter(context, opt, 1);
  const SpectralLoss later = lossAfter(context, opt, 300);
  destroySpectralOptimizer(opt);
  EXPECT_EQ(later.step, 301u);
  EXPECT_LT(later.total, 0.5 * first.total) << "first " << first.total << " later " << later.total;
  EXPECT_LT(later.lowFrequency, first.lowFrequency);
}

std::vector<float> runMask(GpuContext* context, uint64_t seed, uint32_t w, uint32_t h,
                           SortAlgorithm sort = SortAlgorithm::Auto) {
  SpectralSetup setup;
  setup.shape = {w, h};
  setup.seed = seed;
  setup.sort = sort;
  std::string error;
  SpectralOptimizer* opt = createSpectralOptimizer(context, setup, SpectralLossParams(), &error);
  if (!opt) return {};
  lossAfter(context, opt, 40);
  std::vector<float> values = readSpectralMask(opt).values;
  destroySpectralOptimizer(opt);
  return values;
}

TEST_F(SpectralOptimizerTest, SameSeedGivesTheSameBytes) {
  for (auto [w, h] : {std::pair<uint32_t, uint32_t>{40, 40}, {97, 97}, {64, 32}, {64, 64}}) {
    const std::vector<float> a = runMask(context, 7, w, h), b = runMask(context, 7, w, h),
                             c = runMask(context, 8, w, h);
    ASSERT_EQ(a.size(), size_t(w) * h);
    EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * 4), 0) << w << "x" << h;
    EXPECT_NE(std::memcmp(a.data(), c.data(), a.size() * 4), 0) << w << "x" << h;
  }
}

// The GPU path (bitonic) and the CPU-device path (merge) of the histogram sort give the same steps, bit for bit.
TEST_F(SpectralOptimizerTest, BothSortsGiveTheSameBytes) {
  for (auto [w, h] : {std::pair<uint32_t, uint32_t>{97, 97}, {64, 32}}) {
    const std::vector<float> bitonic = runMask(context, 3, w, h, SortAlgorithm::Bitonic);
    const std::vector<float> merge = runMask(context, 3, w, h, SortAlgorithm::Merge);
    ASSERT_EQ(bitonic.size(), size_t(w) * h);
    EXPECT_EQ(std::memcmp(bitonic.data(), merge.data(), bitonic.size() * 4), 0) << w << "x" << h;
  }
}

// ContextOptions::inlineCpuDispatch: on a CPU device the context runs its dispatches inline (LP_NUM_THREADS=0
// while the device is created, then the variable is as before), and the steps are the same bit for bit.
TEST_F(SpectralOptimizerTest, InlineDispatchGivesTheSameBytesAndRestoresTheEnvironment) {
  const char* before = std::getenv("LP_NUM_THREADS");
  const std::string beforeValue = before ? before : "";
  ContextOptions options;
  options.validate = std::getenv("SPECDITHER_TEST_VALIDATE") != nullptr;
  options.quiet = true;
  options.inlineCpuDispatch = true;
  std::string error;
  GpuContext* inlineContext = createContext(options, &error);
  ASSERT_NE(inlineContext, nullptr) << error;
  const char* after = std::getenv("LP_NUM_THREADS");
  EXPECT_EQ(after != nullptr, before != nullptr);
  if (after && before) EXPECT_EQ(std::string(after), beforeValue);
  const bool cpu = inlineContext->properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
  if (cpu && !before) EXPECT_TRUE(inlineContext->inlineCpuDispatch);
  if (!cpu) EXPECT_FALSE(inlineContext->inlineCpuDispatch);
  EXPECT_FALSE(context->inlineCpuDispatch && !(before && beforeValue == "0"));
  for (auto [w, h] : {std::pair<uint32_t, uint32_t>{64, 64}, {97, 97}}) {
    const std::vector<float> pooled = runMask(context, 5, w, h), inlined = runMask(inlineContext, 5, w, h);
    ASSERT_EQ(pooled.size(), size_t(w) * h);
    ASSERT_EQ(inlined.size(), pooled.size());
    EXPECT_EQ(std::memcmp(pooled.data(), inlined.data(), pooled.size() * 4), 0) << w << "x" << h;
  }
  EXPECT_EQ(destroyContext(inlineContext), 0) << "validation errors were reported (see stderr)";
  EXPECT_TRUE(spectralStepPrefersInlineDispatch({64, 64}));
  EXPECT_TRUE(spectralStepPrefersInlineDispatch({128, 128}));
  EXPECT_FALSE(spectralStepPrefersInlineDispatch({256, 256}));
}

TEST_F(SpectralOptimizerTest, RejectsSizesOutOfRange) {
  std::string error;
  for (auto [w, h] : {std::pair<uint32_t, uint32_t>{3, 64}, {64, 0}, {4097, 16}}) {
    SpectralSetup setup;
    setup.shape = {w, h};
    EXPECT_EQ(createSpectralOptimizer(context, setup, SpectralLossParams(), &error), nullptr);
    EXPECT_NE(error.find("out of range"), std::string::npos) << error;
  }
}

}  // namespace
