// Preset files in the core (preset_file.h): a preset round-trips through its JSON byte for byte, extra fields
// (a program's own) load and save with the same rules, bad values are refused with one line naming the field,
// the old name "default" still loads, and loading into GenerateSettings starts from the named preset's defaults.
#include "specdither/preset_file.h"

#include "specdither/swap_fields.h"
#include "specdither/swap_preset.h"
#include "gpu_test.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace specdither;

namespace {

std::string writeTemp(const std::string& name, const std::string& text) {
  const std::string path = test::makeTempDir() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

// Every knob moved away from the defaults, to values that need care when written (0.3f, 1e-7f, a long seed).
PresetSettings unusualPreset() {
  PresetSettings p = presetDefaults(PresetKind::SwapAnnealing, 40, 24, 12345678901234ull);
  p.spectral.loss.cutoff = 0.3f;
  p.spectral.loss.weightUniformity = 0.017f;
  p.spectral.loss.update.rule = UpdateRule::Momentum;
  p.spectral.loss.update.epsilon = 1e-7f;
  p.spectral.histogram = HistogramShape::Gaussian;
  p.spectral.runSchedule = false;
  p.spectral.finetuneLearningRate = 0.03f;
  p.swap.sigmas = {1.0, 2.3};
  p.swap.sigmaWeights = {0.7, 1.9};
  p.swap.conflictRule = SwapConflictRule::DisjointNeighbourhoods;
  p.swap.endRatio = 3.3e-4;
  return p;
}

TEST(PresetFile, RoundTripsByteForByte) {
  const PresetSettings p = unusualPreset();
  const std::string text = presetToJson(p);
  PresetSettings loaded;
  std::string error;
  ASSERT_TRUE(presetFromJson(text, PresetSettings(), &loaded, {}, &error)) << error;
  EXPECT_EQ(presetToJson(loaded), text);
  EXPECT_EQ(loaded.preset, PresetKind::SwapAnnealing);
  EXPECT_EQ(loaded.seed, p.seed);
  EXPECT_EQ(loaded.spectral.loss.cutoff, 0.3f);
  EXPECT_EQ(loaded.spectral.loss.update.epsilon, 1e-7f);
  for (const SwapField& f : swapFields()) EXPECT_TRUE(swapFieldEqual(f, loaded.swap, p.swap)) << f.key;
  // Floats as typed, not as their double expansions.
  const nlohmann::json j = nlohmann::json::parse(text);
  EXPECT_EQ(j["spectral"]["cutoff"].dump(), "0.3");
  EXPECT_EQ(j["preset"], "annealing");
}

TEST(PresetFile, ExtraFieldsLoadAndSaveWithTheSameRules) {
  bool flag = true;
  float rate = 29.7f;
  uint32_t count = 8;
  auto fields = [&]() {
    PresetExtraField a{"budget", "auto"}, b{"budget", "target_fps"}, c{"budget", "steps_per_frame"};
    a.flag = &flag;
    b.real = &rate;
    b.min = 1;
    b.max = 240;
    c.count = &count;
    c.min = 1;
    c.max = 100;
    return std::vector<PresetExtraField>{a, b, c};
  };
  const std::string text = presetToJson(PresetSettings(), fields());
  EXPECT_EQ(nlohmann::json::parse(text)["budget"]["target_fps"].dump(), "29.7");
  flag = false, rate = 1, count = 1;
  PresetSettings loaded;
  std::string error;
  ASSERT_TRUE(presetFromJson(text, PresetSettings(), &loaded, fields(), &error)) << error;
  EXPECT_TRUE(flag);
  EXPECT_EQ(rate, 29.7f);
  EXPECT_EQ(count, 8u);

  // A bad extra is named, and a bad file writes none of the extras.
  EXPECT_FALSE(presetFromJson(R"({"budget": {"steps_per_frame": 101}})", PresetSettings(), &loaded, fields(), &error));
  EXPECT_NE(error.find("budget.steps_per_frame"), std::string::npos) << error;
  EXPECT_FALSE(
      presetFromJson(R"({"budget": {"auto": false}, "width": 2})", PresetSettings(), &loaded, fields(), &error));
  EXPECT_NE(error.find("width"), std::string::npos) << error;
  EXPECT_TRUE(flag);
}

TEST(PresetFile, BadValuesAreRefusedByNameAndLeaveTheOutputAlone) {
  const struct {
    const char* json;
    const char* named;
  } cases[] = {{R"({"spectral": {"cutoff": "wide"}})", "spectral.cutoff"},
               {R"({"spectral": {"optimizer": "sgd"}})", "spectral.optimizer"},
               {R"({"swap": {"passes": 0}})", "swap.passes"},
               {R"({"swap": {"sigmas": [1, 2, 3]}})", "swap.sigma_weights"},
               {R"({"preset": "blue"})", "preset"},
               {R"({"seed": -1})", "seed"},
               {"{ not json", "parse error"}};
  for (const auto& c : cases) {
    PresetSettings out = unusualPreset();
    std::string error;
    EXPECT_FALSE(presetFromJson(c.json, PresetSettings(), &out, {}, &error)) << c.json;
    EXPECT_NE(error.find(c.named), std::string::npos) << error;
    EXPECT_EQ(error.find('\n'), std::string::npos) << error;
    EXPECT_EQ(presetToJson(out), presetToJson(unusualPreset()));
  }
}

TEST(PresetFile, TheOldNameDefaultLoadsAsHvs) {
  PresetSettings loaded = presetDefaults(PresetKind::Wronski2020, 64, 64, 1);
  std::string error;
  ASSERT_TRUE(presetFromJson(R"({"preset": "default"})", loaded, &loaded, {}, &error)) << error;
  EXPECT_EQ(loaded.preset, PresetKind::Hvs);
  EXPECT_EQ(nlohmann::json::parse(presetToJson(loaded))["preset"], "hvs");
}

TEST(PresetFile, LoadsIntoGenerateSettingsOverTheNamedPresetsDefaults) {
  std::string error;
  GenerateSettings settings;
  settings.shape = {32, 32};
  settings.seed = 9;
  // Only the passes: the rest is hvs at the settings' size and seed.
  ASSERT_TRUE(loadPresetFile(writeTemp("passes.json", R"({"swap": {"passes": 7}})"), &settings, &error)) << error;
  EXPECT_EQ(settings.method, "hvs");
  EXPECT_EQ(settings.shape, (MaskShape{32, 32}));
  ASSERT_TRUE(settings.swapParams.has_value());
  SwapParams expected = defaultSwapParams({32, 32}, 9);
  expected.passes = 7;
  for (const SwapField& f : swapFields()) EXPECT_TRUE(swapFieldEqual(f, *settings.swapParams, expected)) << f.key;
  EXPECT_EQ(settings.swapParams->seed, 9u);

  // The file's preset and size win; their defaults fill the rest (annealing's own schedule).
  ASSERT_TRUE(
      loadPresetFile(writeTemp("a.json", R"({"preset": "annealing", "width": 16, "height": 8})"), &settings, &error))
      << error;
  EXPECT_EQ(settings.method, "annealing");
  EXPECT_EQ(settings.shape, (MaskShape{16, 8}));
  expected = swapAnnealingParams(9, 60000);
  for (const SwapField& f : swapFields()) EXPECT_TRUE(swapFieldEqual(f, *settings.swapParams, expected)) << f.key;

  const std::string spectral = writeTemp(
      "w.json", R"({"preset": "wronski2020", "spectral": {"steps": 5, "cutoff": 0.5, "finetune_steps": 3}})");
  ASSERT_TRUE(loadPresetFile(spectral, &settings, &error)) << error;
  EXPECT_EQ(settings.method, "wronski2020");
  EXPECT_EQ(settings.steps, 5);
  EXPECT_EQ(settings.finetuneSteps, 3u);
  EXPECT_EQ(settings.spectralParams.cutoff, 0.5f);
  EXPECT_EQ(settings.spectralParams.weightHistogram, wronski2020Preset().params.weightHistogram);

  // Failures name the file and the field and change nothing.
  const GenerateSettings before = settings;
  const std::string bad = writeTemp("bad.json", R"({"swap": {"end_ratio": 2}})");
  EXPECT_FALSE(loadPresetFile(bad, &settings, &error));
  EXPECT_NE(error.find(bad + ": swap.end_ratio"), std::string::npos) << error;
  EXPECT_FALSE(loadPresetFile(test::makeTempDir() + "/missing.json", &settings, &error));
  EXPECT_NE(error.find("missing.json"), std::string::npos) << error;
  EXPECT_EQ(settings.method, before.method);
  EXPECT_EQ(settings.steps, before.steps);
}

}  // namespace
