// The studio's swap knobs table (app/studio/swap_fields.h, compiled into this test with the settings and the
// preset files that iterate it): every field round-trips through a preset file on its own, and changing it
// restarts the optimizer exactly when its group says so.
#include "preset_file.h"
#include "settings.h"
#include "swap_fields.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

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
  return params;
}

TEST(StudioSwapFields, EachFieldRoundTripsAndRestartsByItsGroup) {
  const StudioSettings base = presetSettings(PresetKind::Default, 32, 32, 3);
  for (const SwapField& f : swapFields()) {
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
  const nlohmann::json saved = nlohmann::json::parse(settingsToJson(StudioSettings()));
  std::set<std::string> savedKeys;
  for (const auto& item : saved["swap"].items()) savedKeys.insert(item.key());
  EXPECT_EQ(savedKeys, keys);
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
