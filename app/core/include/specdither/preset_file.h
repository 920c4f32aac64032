// Preset files: a preset (preset.h) as JSON, one format for the studio's Save / Load and `--preset-file` and
// for `specdither generate`. The file holds the preset's name, size and seed, the spectral loss and schedule
// ("spectral") and every swap knob of swap_fields.h ("swap"); a program may add fields of its own (the studio's
// step budget) through PresetExtraField. A file may hold any subset of the fields: loading starts from a base
// and replaces what the file names; unknown fields are ignored.
//
//   specdither::GenerateSettings settings;
//   if (!specdither::loadPresetFile("soft.json", &settings, &error)) ...;   // error: "soft.json: swap.passes: ..."
//   specdither::generateMask(gpu, settings, {}, &result, &error);
#pragma once

#include "specdither/api.h"
#include "specdither/generate.h"
#include "specdither/preset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace specdither {

// A field beyond the preset's, at "<section>.<key>" in the file, read into and written from the caller's
// variable: exactly one of flag, real (a float, written in its shortest decimal form), count (an integer).
// Loaded values must lie in [min, max] (flags: any).
struct PresetExtraField {
  const char* section;
  const char* key;
  bool* flag = nullptr;
  float* real = nullptr;
  uint32_t* count = nullptr;
  double min = 0, max = 0;
};

// The file's text (2-space indented JSON, keys sorted, a newline at the end): the same preset and extras give
// the same bytes.
SPECDITHER_API std::string presetToJson(const PresetSettings& preset, const std::vector<PresetExtraField>& extras = {});

// Parses text over base (the extras' variables hold their base values). On malformed JSON or a bad value
// returns false with *error, one line naming the field ("spectral.cutoff: must lie in [...]"), and leaves *out
// and the extras' variables untouched; else sets *out and the extras found.
SPECDITHER_API bool presetFromJson(const std::string& text, const PresetSettings& base, PresetSettings* out,
                                   const std::vector<PresetExtraField>& extras, std::string* error);

// File versions of the two (writes are atomic). Errors name the file.
SPECDITHER_API bool savePresetFile(const std::string& path, const PresetSettings& preset,
                                   const std::vector<PresetExtraField>& extras, std::string* error);
SPECDITHER_API bool loadPresetFile(const std::string& path, const PresetSettings& base, PresetSettings* out,
                                   const std::vector<PresetExtraField>& extras, std::string* error);

// For `specdither generate --preset-file`: loads the file over the defaults of the preset it names (when it
// names none: settings->method if that is a preset's name, else hvs) at the size and seed it names (else
// settings->shape and settings->seed), and replaces *settings with generateSettingsOf the result (the file's
// preset decides the method). Returns false with *error (one line naming the file and the field) and *settings
// untouched on failure.
SPECDITHER_API bool loadPresetFile(const std::string& path, GenerateSettings* settings, std::string* error);

}  // namespace specdither
