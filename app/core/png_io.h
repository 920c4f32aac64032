// PNG reading and writing (libpng). Writes are atomic: a temporary file in the same folder, then rename, so a
// failed write never leaves a half-written file and never damages an existing one.
#pragma once

#include "api.h"

#include <cstdint>
#include <string>
#include <vector>

namespace specdither {

struct PngImage {
  uint32_t width = 0;
  uint32_t height = 0;
  uint32_t channels = 1;   // 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA
  uint32_t bitDepth = 8;   // 8 or 16
  std::vector<uint16_t> samples;  // width * height * channels, row-major, interleaved; 0..255 or 0..65535
};

// Reads any PNG (palette and low bit depths expanded to 8-bit). On failure returns false and sets *error to
// one line naming the file and the reason.
SPECDITHER_API bool readPng(const std::string& path, PngImage* out, std::string* error);

// Writes image (8 or 16 bits per sample) atomically. On failure returns false, sets *error, leaves no file.
SPECDITHER_API bool writePng(const std::string& path, const PngImage& image, std::string* error);

}  // namespace specdither
