// The studio's optimizer session (app/studio/optimizer_session.cpp, compiled into this test) driven without a
// window, frame by frame as the studio's main loop drives it: its wronski2020 run must give the same mask, byte
// for byte, as the CLI's run of the same settings in one go (runSpectralPreset), whatever the update rule and
// however the frames split the schedule.
#include "gpu_test.h"

#include "optimizer_session.h"

#include "specdither/spectral_run.h"

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

// The studio with the same settings, stepsPerFrame steps a frame (a fixed budget, as --frames runs use), until
// the session says the schedule finished. Returns the raw mask (not rank-normalized, like the CLI's result).
Mask studioMask(GpuContext* context, const SpectralSetup& setup, const SpectralPreset& preset,
                uint32_t stepsPerFrame) {
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
  for (int frame = 0; frame < 1000 && !session.finished; ++frame) {
    prepareSessionFrame(session);
    const uint32_t steps = planSessionSteps(session);
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordSessionSteps(cmd, session, steps); });
    collectSessionFrame(session, -1, 1.0 / 30);
  }
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

}  // namespace
