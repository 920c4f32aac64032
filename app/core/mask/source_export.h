// Masks as source code: a C/C++ header or a GLSL snippet holding a const array and its size constants, what
// people paste into a shader or a CPU ditherer for ordered dithering. Up to 256x256 (128x128 is the size most
// used); above 64x64 the export says once that a texture (.ktx2, .png) would serve better: the array is large,
// not wrong.
//
// Integer tables hold levels 0 .. LEVELS-1 (ranks: LEVELS = N; or 8/16-bit levels: LEVELS = 256 / 65536) and
// document the threshold as (value + 0.5) / LEVELS; float tables hold the thresholds themselves.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace specdither {

constexpr uint32_t kMaxSourceMaskSide = 256;
constexpr uint32_t kLargeSourceMaskSide = 64;  // above this, a one-line note

enum class SourceLanguage { C, Glsl };

struct SourceMask {
  std::string name;  // the array's identifier; the constants are its upper-case form + _WIDTH, _HEIGHT, _LEVELS
  uint32_t width = 0;
  uint32_t height = 0;
  std::vector<uint32_t> levels;  // integer table (used when floats is empty)
  uint32_t levelCount = 0;       // LEVELS of the integer table
  std::vector<float> floats;     // float table
};

// True when name can be the array's identifier in C, C++ and GLSL alike: [A-Za-z_][A-Za-z0-9_]*, at most 64
// characters, not a keyword or type of any of them, no "__" and no "gl_" prefix (both reserved in GLSL), no
// leading underscore. Otherwise sets *reason.
bool isValidSourceName(const std::string& name, std::string* reason);

// The whole file's text.
std::string encodeSourceMask(const SourceMask& mask, SourceLanguage language);

}  // namespace specdither
