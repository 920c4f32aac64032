// The studio's settings and preset files (app/studio/settings.cpp and preset_file.cpp, compiled into this test)
// over the core's (preset.h, preset_file.h, swap_fields.h): every swap field round-trips through a preset file on
// its own, and changing it restarts the optimizer exactly when its group says so; files of the first version
// save to the same bytes; a file the studio saves makes, through generate, the mask of the same knobs.
#include "preset_file.h"
#include "settings.h"

#include "gpu_test.h"
#include "test_files.h"

#include "specdither/generate.h"
#include "specdither/preset_file.h"
#include "specdither/swap_fields.h"
#include "specdither/swap_preset.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <cstring>
#include <set>
#include <string>

using namespace specdither;
using namespace specdither::studio;

namespace {

// params with field set to another valid value.
SwapParams changed(const SwapField& f, SwapParams params) {
  if (f.real) params.*f.real = params.*f.real == f.max ? f.min : f.max;
  if (f.count) params.*f.count = params.*f.count == uint32_t(f.max) ? uint32_t(f.min) : uint32_t(f.max);
  if (f.flag) params.*f.flag = !(params.*f.flag);
  if (f.list)
    for (double& v : params.*f.list) v += 0.25;
  if (f.choice) f.choice->set(params, (f.choice->get(params) + 1) % uint32_t(f.choice->names.size()));
  if (f.filter) params.*f.filter = {TemporalFilterKind::Mean, 3};
  return params;
}

TEST(StudioSwapFields, EachFieldRoundTripsAndRestartsByItsGroup) {
  for (const SwapField& f : swapFields()) {
    // The stack's own knobs are saved with stacks (a 2D preset's file leaves them out).
    const StudioSettings base = presetSettings(PresetKind::Hvs, 32, 32, 3, f.stackOnly ? 4 : 1);
    StudioSettings wanted = base;
    wanted.swap = changed(f, base.swap);
    ASSERT_FALSE(swapFieldEqual(f, base.swap, wanted.swap)) << f.key;
    EXPECT_EQ(needsRestart(base, wanted), swapGroupRestarts(f.group)) << f.key;
    StudioSettings loaded;
    std::string error;
    ASSERT_TRUE(settingsFromJson(settingsToJson(wanted), base, &loaded, &error)) << f.key << ": " << error;
    for (const SwapField& g : swapFields()) EXPECT_TRUE(swapFieldEqual(g, loaded.swap, wanted.swap)) << f.key;
  }
}

TEST(StudioSwapFields, PresetFilesHoldEveryFieldOnce) {
  std::set<std::string> keys;
  for (const SwapField& f : swapFields()) EXPECT_TRUE(keys.insert(f.key).second) << f.key;
  // A stack's file holds every field and its slices; a 2D preset's all but the stack's own, and no slices, so
  // the files saved before stacks keep their bytes.
  const nlohmann::json stack = nlohmann::json::parse(settingsToJson(presetSettings(PresetKind::Hvs, 32, 32, 3, 6)));
  std::set<std::string> stackKeys;
  for (const auto& item : stack["swap"].items()) stackKeys.insert(item.key());
  EXPECT_EQ(stackKeys, keys);
  EXPECT_EQ(stack["slices"], 6);
  const nlohmann::json plane = nlohmann::json::parse(settingsToJson(StudioSettings()));
  std::set<std::string> planeKeys;
  for (const auto& item : plane["swap"].items()) planeKeys.insert(item.key());
  for (const SwapField& f : swapFields()) EXPECT_EQ(planeKeys.count(f.key), f.stackOnly ? 0u : 1u) << f.key;
  EXPECT_FALSE(plane.contains("slices"));
}

TEST(StudioSwapFields, BadTemporalFiltersAndSlicesAreRefusedByName) {
  for (const auto& [key, value] : std::vector<std::pair<std::string, nlohmann::json>>{{"swap.temporal", "ema:0"},
                                                                                      {"swap.temporal", "box:3"},
                                                                                      {"swap.temporal", 0.1},
                                                                                      {"slices", 257},
                                                                                      {"slices", 0}}) {
    nlohmann::json file;
    if (key == "slices")
      file["slices"] = value;
    else
      file["swap"]["temporal"] = value;
    StudioSettings loaded;
    std::string error;
    EXPECT_FALSE(settingsFromJson(file.dump(), StudioSettings(), &loaded, &error)) << file.dump();
    EXPECT_NE(error.find(key), std::string::npos) << error;
  }
}

TEST(StudioSwapFields, OutOfRangeValuesAreRefusedByName) {
  for (const SwapField& f : swapFields()) {
    if (!f.real && !f.count) continue;
    nlohmann::json file = {{"swap", {{f.key, f.max + 1}}}};
    StudioSettings loaded;
    std::string error;
    EXPECT_FALSE(settingsFromJson(file.dump(), StudioSettings(), &loaded, &error)) << f.key;
    EXPECT_NE(error.find(std::string("swap.") + f.key), std::string::npos) << error;
  }
}

}  // namespace

namespace {

// Files the studio saved before its format moved into the core (tests/presets/*_v1.json, written by
// specdither-studio --save-preset of that version) load and save again to the same bytes; the one of the
// default preset comes back under the preset's one name, hvs.
TEST(StudioPresetFiles, FilesOfTheFirstVersionSaveToTheSameBytes) {
  const std::string dir = std::string(std::getenv("SPECDITHER_SOURCE_DIR")) + "/tests/presets/";
  for (const char* name : {"studio_annealing_v1.json", "studio_wronski2020_v1.json", "studio_default_v1.json"}) {
    const std::string text = test::slurpText(dir + name);
    ASSERT_FALSE(text.empty()) << name;
    StudioSettings loaded;
    std::string error;
    ASSERT_TRUE(settingsFromJson(text, StudioSettings(), &loaded, &error)) << name << ": " << error;
    std::string expected = text;
    const std::string oldName = "\"preset\": \"default\"";
    if (expected.find(oldName) != std::string::npos) {
      EXPECT_EQ(loaded.preset, PresetKind::Hvs);
      expected.replace(expected.find(oldName), oldName.size(), "\"preset\": \"hvs\"");
    }
    EXPECT_EQ(settingsToJson(loaded), expected) << name;
  }
}

using StudioPresetGenerateTest = test::GpuTest;

// A preset file the studio saves, loaded by the core function the CLI's generate uses, makes the mask that
// generateMask makes from the same knobs given directly.
Mask generated(GpuContext* context, const GenerateSettings& settings) {
  GenerateResult result;
  std::string error;
  EXPECT_TRUE(generateMask(context, settings, {}, &result, &error)) << error;
  return result.mask;
}

GenerateSettings loadedFromStudio(const StudioSettings& studio) {
  const std::string path = test::makeTempDir() + "/studio.json";
  std::string error;
  EXPECT_TRUE(savePresetFile(path, studio, &error)) << error;
  GenerateSettings settings;
  settings.method = "bayer";  // replaced by the file's preset
  EXPECT_TRUE(loadPresetFile(path, &settings, &error)) << error;
  return settings;
}

void expectSameMask(const Mask& a, const Mask& b) {
  EXPECT_EQ(a.shape, b.shape);
  ASSERT_EQ(a.values.size(), b.values.size());
  EXPECT_EQ(std::memcmp(a.values.data(), b.values.data(), a.values.size() * sizeof(float)), 0);
}

TEST_F(StudioPresetGenerateTest, HvsFileGivesTheMaskOfTheSameKnobs) {
  StudioSettings studio = presetSettings(PresetKind::Hvs, 16, 12, 5);
  studio.swap.passes = 12;
  GenerateSettings direct;
  direct.method = "hvs";
  direct.shape = {16, 12};
  direct.seed = 5;
  direct.steps = 12;
  expectSameMask(generated(context, loadedFromStudio(studio)), generated(context, direct));
}

TEST_F(StudioPresetGenerateTest, Wronski2020FileGivesTheMaskOfTheSameKnobs) {
  StudioSettings studio = presetSettings(PresetKind::Wronski2020, 16, 16, 3);
  studio.spectral.steps = 20;
  studio.spectral.loss.cutoff = 0.45f;
  studio.spectral.loss.update.rule = UpdateRule::Adam;
  studio.spectral.loss.update.learningRate = 0.05f;
  GenerateSettings direct;
  direct.method = "wronski2020";
  direct.shape = {16, 16};
  direct.seed = 3;
  direct.steps = 20;
  direct.spectralParams = studio.spectral.loss;
  expectSameMask(generated(context, loadedFromStudio(studio)), generated(context, direct));
}

TEST_F(StudioPresetGenerateTest, AnnealingFileRunsTheAnnealingRecipe) {
  StudioSettings studio = presetSettings(PresetKind::SwapAnnealing, 16, 16, 4);
  studio.swap.passes = 30;
  std::string error;
  const Mask recipe = runDefaultPreset(context, {16, 16}, swapAnnealingParams(4, 30), {}, &error);
  ASSERT_FALSE(recipe.values.empty()) << error;
  expectSameMask(generated(context, loadedFromStudio(studio)), recipe);
}

}  // namespace
