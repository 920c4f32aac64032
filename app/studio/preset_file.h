// The studio's preset files: the core's format (specdither/preset_file.h) plus the studio's step budget
// ("budget": auto, target_fps, steps_per_frame); the view options stay out. A file may hold any subset of the
// fields; loading starts from the current settings and replaces what the file names.
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
