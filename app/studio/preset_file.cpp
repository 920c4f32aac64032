#include "preset_file.h"

#include "specdither/preset_file.h"

#include <vector>

namespace specdither::studio {

namespace {

// The step budget's fields in the file, bound to s's members.
std::vector<PresetExtraField> budgetFields(StudioSettings* s) {
  PresetExtraField autoBudget{"budget", "auto"}, targetFps{"budget", "target_fps"},
      stepsPerFrame{"budget", "steps_per_frame"};
  autoBudget.flag = &s->autoBudget;
  targetFps.real = &s->targetFps;
  targetFps.min = 1;
  targetFps.max = 240;
  stepsPerFrame.count = &s->stepsPerFrame;
  stepsPerFrame.min = 1;
  stepsPerFrame.max = 100000;
  return {autoBudget, targetFps, stepsPerFrame};
}

}  // namespace

std::string settingsToJson(const StudioSettings& settings) {
  StudioSettings s = settings;
  return presetToJson(s, budgetFields(&s));
}

bool settingsFromJson(const std::string& json, const StudioSettings& base, StudioSettings* out, std::string* error) {
  StudioSettings s = base;
  if (!presetFromJson(json, base, &s, budgetFields(&s), error)) return false;
  *out = s;
  return true;
}

bool savePresetFile(const std::string& path, const StudioSettings& settings, std::string* error) {
  StudioSettings s = settings;
  return specdither::savePresetFile(path, s, budgetFields(&s), error);
}

bool loadPresetFile(const std::string& path, const StudioSettings& base, StudioSettings* out, std::string* error) {
  StudioSettings s = base;
  if (!specdither::loadPresetFile(path, base, &s, budgetFields(&s), error)) return false;
  *out = s;
  return true;
}

}  // namespace specdither::studio
