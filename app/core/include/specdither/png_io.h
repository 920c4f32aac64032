// PNG reading and writing (libpng). Writes are atomic: a temporary file in the same folder, then rename, so a
// failed write never leaves a half-written file and never damages an existing one.
#pragma once

#include "specdither/api.h"

#include <cstdint>
#include <string>
#include <vector>

namespace specdither {

// The longest side readPng takes (photos to dither may be larger than masks; stacks written as one tall atlas stay
// within it).
constexpr uint32_t kPngMaxSide = 16384;

struct PngImage {
  uint32_t width = 0;
  uint32_t height = 0;
  uint32_t channels = 1;          // 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA
  uint32_t bitDepth = 8;          // 8 or 16
  std::vector<uint16_t> samples;  // width * height * channels, row-major, interleaved; 0..255 or 0..65535
};

// Reads any PNG: palette images become RGB (RGBA with a tRNS chunk), 1/2/4-bit gray is scaled to 8 bits
// (v * 255 / (2^depth - 1)), a tRNS color key becomes an alpha channel, 16-bit samples stay 16-bit, interlaced
// files are de-interlaced; no gamma or color conversion is applied. Images larger than 16384 on a side (or than
// 2^30 samples) are refused before anything is allocated for them. On failure (missing file, not a PNG, too
// large, truncated or corrupt data, bad CRC) returns false and sets *error to one line naming the file and the
// reason.
SPECDITHER_API bool readPng(const std::string& path, PngImage* out, std::string* error);

// Writes image (8 or 16 bits per sample, 1 to 4 channels; 8-bit samples must be <= 255) atomically, with no
// gamma or color chunks. On failure returns false, sets *error (one line), leaves no file and an existing file
// untouched.
SPECDITHER_API bool writePng(const std::string& path, const PngImage& image, std::string* error);

}  // namespace specdither
