// A stack written to one PNG as an atlas, its slices top to bottom (mask.h's layout): the one limit every writer of
// atlases checks, so that readPng takes the file back. Private to the core (mask_io.cpp, vector_mask_io.cpp).
#pragma once

#include "specdither/mask.h"
#include "specdither/png_io.h"

#include <string>

namespace specdither {

// "" when the atlas of this shape is at most kPngMaxSide pixels tall, else the reason, naming `alternatives` (the
// formats to write instead).
inline std::string pngAtlasProblem(const MaskShape& shape, const std::string& alternatives) {
  const uint64_t height = uint64_t(shape.height) * shape.slices;
  if (height <= kPngMaxSide) return "";
  return "a .png atlas of " + toString(shape) + " would be " + std::to_string(height) + " pixels tall (at most " +
         std::to_string(kPngMaxSide) + "; write " + alternatives + ")";
}

}  // namespace specdither
