// Reading and writing masks in every supported format, chosen by the file's extension:
//   .png   8- or 16-bit grayscale (read: also RGBA/RGB with R=G=B, 8 or 16 bit)
//   .ktx2  KTX 2.0, R8_UNORM / R16_UNORM / R32_SFLOAT, with a KTXwriter entry and generation parameters
//   .h     C/C++ header (const array + size constants), masks up to 64x64
//   .glsl  GLSL snippet, masks up to 64x64
//   .npy   NumPy float32 or uint16
// All writes are atomic (temporary file, then rename).
#pragma once

#include "api.h"
#include "mask.h"

#include <map>
#include <string>

namespace specdither {

struct MaskExportOptions {
  // Storage: "r8", "r16", "r32f", or "" to derive it from bits (8 -> r8, 16 -> r16; 0 -> the smallest integer
  // format that keeps the mask an exact permutation: 8 bits if N <= 256 ... else 16).
  std::string format;
  int bits = 0;               // 8, 16 or 0 (auto)
  std::string name = "specdither_mask";  // identifier for .h / .glsl
  std::map<std::string, std::string> metadata;  // generation parameters (preset, size, seed...): KTX2 key-values
};

// Writes the mask (values in [0,1), normally already rank-normalized) to path. Returns false and sets *error
// (one line) on bad input or I/O failure; then no file is left behind and an existing file is untouched.
SPECDITHER_API bool writeMask(const Mask& mask, const std::string& path, const MaskExportOptions& options,
                              std::string* error);

// Reads a mask from .png, .ktx2 or .npy. Values are normalized to [0,1] (integer formats divided by their
// range). Returns false and sets *error (one line) on failure.
SPECDITHER_API bool readMask(const std::string& path, Mask* out, std::string* error);

}  // namespace specdither
