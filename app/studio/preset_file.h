// Studio presets as JSON files: every optimizer knob and the step budget (not the view options). A file may
// hold any subset of the fields; loading starts from the current settings and replaces what the file names.
#pragma once

#include "settings.h"

#include <string>

namespace specdither::studio {

std::string settingsToJson(const StudioSettings& settings);

// Parses json over base. On a malformed file or a bad value returns false and sets *error (one line naming the
// field); *out is untouched then.
bool settingsFromJson(const std::string& json, const StudioSettings& base, StudioSettings* out, std::string* error);

// File versions (writes are atomic). Errors name the file.
bool savePresetFile(const std::string& path, const StudioSettings& settings, std::string* error);
bool loadPresetFile(const std::string& path, const StudioSettings& base, StudioSettings* out, std::string* error);

}  // namespace specdither::studio
