// The studio's optimizer session (app/studio/optimizer_session.cpp, compiled into this test) driven without a
// window, frame by frame as the studio's main loop drives it: its wronski2020 run must give the same mask, byte
// for byte, as the CLI's run of the same settings in one go (runSpectralPreset), whatever the update rule and
// however the frames split the schedule; its spatiotemporal stack (hvs with slices, issue 14) the same stack as
// `generate --slices`; and a setting that diverges pauses the session with the reason and gives the last good mask
// back (issue 13).
#include "gpu_test.h"

#include "optimizer_session.h"

#include "specdither/generate.h"
#include "specdither/mask_io.h"
#include "specdither/preset.h"
#include "specdither/spectral_run.h"
#include "specdither/swap_start_selection.h"

#include <algorithm>
#include <cmath>
#include <cstring>

using namespace specdither;
using namespace specdither::studio;

namespace {

using StudioSessionTest = test::GpuTest;

// What `specdither generate --preset wronski2020 --optimizer <rule>` runs (cmd_generate.cpp), small.
SpectralPreset cliPreset(UpdateRule rule) {
  SpectralPreset preset = wronski2020Preset();
  preset.params.update.rule = rule;
  preset.params.update.learningRate = rule == UpdateRule::Adam ? 0.05f : rule == UpdateRule::Momentum ? 0.2f : 0.7f;
  preset.steps = 23;
  preset.finetuneSteps = 10;
  return preset;
}

Mask cliMask(GpuContext* context, const SpectralSetup& setup, const SpectralPreset& preset) {
  SpectralRunResult result;
  std::string error;
  EXPECT_TRUE(runSpectralPreset(context, setup, preset, {}, &result, &error)) << error;
  return result.mask;
}

// One frame as the studio's main loop runs it.
void runFrame(GpuContext* context, OptimizerSession& session) {
  prepareSessionFrame(session);
  const uint32_t steps = planSessionSteps(session);
  submitAndWait(context, [&](VkCommandBuffer cmd) { recordSessionSteps(cmd, session, steps); });
  collectSessionFrame(session, -1, 1.0 / 30);
}

// The studio with the same settings, stepsPerFrame steps a frame (a fixed budget, as --frames runs use), until
// the session says the schedule finished. Returns the raw mask (not rank-normalized, like the CLI's result).
Mask studioMask(GpuContext* context, const SpectralSetup& setup, const SpectralPreset& preset, uint32_t stepsPerFrame) {
  StudioSettings settings = presetSettings(PresetKind::Wronski2020, setup.shape.width, setup.shape.height, setup.seed);
  settings.spectral.loss = preset.params;
  settings.spectral.steps = preset.steps;
  settings.spectral.finetuneSteps = preset.finetuneSteps;
  settings.spectral.finetuneLearningRate = preset.finetuneLearningRate;
  settings.autoBudget = false;
  settings.stepsPerFrame = stepsPerFrame;
  OptimizerSession session;
  std::string error;
  EXPECT_TRUE(startSession(&session, context, settings, &error)) << error;
  if (!session.spectral) return Mask();
  for (int frame = 0; frame < 1000 && !session.finished; ++frame) runFrame(context, session);
  EXPECT_TRUE(session.finished);
  EXPECT_EQ(session.step, spectralScheduleLength(preset));
  Mask mask = readSpectralMask(session.spectral);
  stopSession(session);
  return mask;
}

TEST_F(StudioSessionTest, SteppedScheduleGivesTheCliMask) {
  SpectralSetup setup;
  setup.shape = {24, 20};
  setup.seed = 5;
  for (UpdateRule rule : {UpdateRule::Adam, UpdateRule::Momentum, UpdateRule::GradientDescent}) {
    const SpectralPreset preset = cliPreset(rule);
    const Mask cli = cliMask(context, setup, preset);
    ASSERT_EQ(cli.values.size(), setup.shape.pixelCount());
    // 7 a frame: a frame spans the main phase's end and the finetune's start; 1 a frame: every step alone.
    for (uint32_t stepsPerFrame : {7u, 1u}) {
      const Mask studio = studioMask(context, setup, preset, stepsPerFrame);
      ASSERT_EQ(studio.values.size(), cli.values.size());
      EXPECT_EQ(std::memcmp(studio.values.data(), cli.values.data(), cli.values.size() * 4), 0)
          << "rule " << int(rule) << ", " << stepsPerFrame << " steps a frame";
    }
  }
}

// The studio optimizes a stack live (--stack, the Slices control): driven frame by frame, with its start chosen as
// the studio's worker chooses it, it must end on the stack the CLI's `generate --slices` makes from the same
// preset settings (generateSettingsOf: what a preset file saved by the studio runs), byte for byte, whatever the
// passes per frame; and the views read it as a stack.
TEST_F(StudioSessionTest, SteppedStackGivesTheCliStack) {
  StudioSettings settings = presetSettings(PresetKind::Hvs, 20, 12, 7, 5);  // non-square, T not a power of two
  ASSERT_EQ(settings.swap.passes, defaultSwapPasses({20, 12, 5}));
  settings.swap.passes = 37;
  settings.swap.reweightInterval = 10;  // several re-weighting points inside the run and inside frames
  settings.swap.temporal = {TemporalFilterKind::Ema, 0.3};
  settings.swap.temporalWeight = 2;
  settings.autoBudget = false;

  GenerateSettings cli = generateSettingsOf(settings);
  ASSERT_EQ(cli.shape.slices, 5u);
  GenerateResult expected;
  std::string error;
  ASSERT_TRUE(generateMask(context, cli, {}, &expected, &error)) << error;
  ASSERT_EQ(expected.mask.shape.slices, 5u);

  for (uint32_t passesPerFrame : {4u, 37u}) {
    settings.stepsPerFrame = passesPerFrame;
    OptimizerSession session;
    ASSERT_TRUE(startSession(&session, context, settings, &error)) << error;
    ASSERT_TRUE(session.swap && session.awaitingStart);
    const MaskSource source = sessionMaskSource(session);
    EXPECT_EQ(source.slices, 5u);
    EXPECT_TRUE(source.ranks);
    provideSwapStart(session, chooseSwapStart(settings.shape(), session.settings.swap, &error));
    for (int frame = 0; frame < 100 && !session.finished; ++frame) runFrame(context, session);
    EXPECT_TRUE(session.finished);
    EXPECT_EQ(session.step, 37u);
    const Mask studio = readSessionMask(session);
    EXPECT_EQ(studio.shape, expected.mask.shape);
    ASSERT_EQ(studio.values.size(), expected.mask.values.size());
    EXPECT_EQ(std::memcmp(studio.values.data(), expected.mask.values.data(), studio.values.size() * 4), 0)
        << passesPerFrame << " passes a frame";
    stopSession(session);
  }
}

// A stack comes from hvs only; the studio says so instead of running something else.
TEST_F(StudioSessionTest, StacksOfOtherPresetsAreRefused) {
  StudioSettings settings = presetSettings(PresetKind::SwapAnnealing, 16, 16, 1, 4);
  OptimizerSession session;
  std::string error;
  EXPECT_FALSE(startSession(&session, context, settings, &error));
  EXPECT_NE(error.find("hvs"), std::string::npos) << error;
  EXPECT_EQ(session.swap, nullptr);
}

// The studio's report: dragging "Low freq. a_B" far up mid-run sent the loss to NaN and the mask stayed NaN.
// Now the session rolls back and halves the step size frame by frame; past the safeguard's rollbacks it pauses
// with a line naming the slider, its mask is not one to export, and "Back to the last good mask" gives back,
// bit for bit, the mask of the last frame the safeguard accepted, finite, with its step count.
TEST_F(StudioSessionTest, DivergingSettingPausesAndRestoresTheLastGoodMask) {
  StudioSettings settings = presetSettings(PresetKind::Wronski2020, 32, 32, 3);
  settings.autoBudget = false;
  settings.stepsPerFrame = 40;
  OptimizerSession session;
  std::string error;
  ASSERT_TRUE(startSession(&session, context, settings, &error)) << error;
  Mask lastGood;
  uint64_t lastGoodStep = 0;
  auto frame = [&] {
    const size_t points = session.history.size();
    runFrame(context, session);
    if (session.history.size() > points) {  // accepted: the mask the safeguard keeps as the last good one
      lastGood = readSpectralMask(session.spectral);
      lastGoodStep = session.step;
    }
  };
  for (int i = 0; i < 5; ++i) frame();
  ASSERT_EQ(session.step, 200u);
  EXPECT_TRUE(session.divergence.empty());

  StudioSettings diverging = session.settings;
  diverging.spectral.loss.weightLowFrequency = 1000;
  ASSERT_TRUE(updateSession(session, diverging, &error)) << error;
  for (int i = 0; i < 40 && session.divergence.empty(); ++i) frame();
  ASSERT_FALSE(session.divergence.empty()) << "the setting did not diverge";
  EXPECT_FALSE(session.playing);
  EXPECT_NE(session.divergence.find("Low freq. a_B = 1000"), std::string::npos) << session.divergence;
  EXPECT_NE(session.divergence.find(" at step "), std::string::npos) << session.divergence;
  EXPECT_EQ(session.guard.rollbacks, SpectralGuardSettings().maxRollbacks);
  EXPECT_FALSE(sessionMaskIsGood(session));
  EXPECT_EQ(planSessionSteps(session), 0u);
  const Mask diverged = readSessionMask(session);
  if (!std::all_of(diverged.values.begin(), diverged.values.end(), [](float v) { return std::isfinite(v); })) {
    const std::string path = test::makeTempDir() + "/diverged.png";
    EXPECT_FALSE(writeMask(diverged, path, {}, &error));
    EXPECT_FALSE(test::fileExists(path));
  }

  restoreLastGoodMask(session);
  EXPECT_TRUE(session.divergence.empty());
  EXPECT_TRUE(sessionMaskIsGood(session));
  EXPECT_EQ(session.step, lastGoodStep);
  EXPECT_EQ(session.guard.rollbacks, 0u);
  const Mask restored = readSpectralMask(session.spectral);
  ASSERT_EQ(restored.values.size(), lastGood.values.size());
  EXPECT_EQ(std::memcmp(restored.values.data(), lastGood.values.data(), restored.values.size() * 4), 0);
  EXPECT_TRUE(std::all_of(restored.values.begin(), restored.values.end(), [](float v) { return std::isfinite(v); }));

  // Back on the preset's weight, the run goes on from there (the safeguard may still take a rollback or two).
  ASSERT_TRUE(updateSession(session, settings, &error)) << error;
  session.playing = true;
  const uint64_t restoredStep = session.step;
  for (int i = 0; i < 5; ++i) frame();
  EXPECT_GT(session.step, restoredStep);
  EXPECT_TRUE(session.divergence.empty()) << session.divergence;
  stopSession(session);
}

}  // namespace
