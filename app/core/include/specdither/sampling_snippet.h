// A GLSL snippet that samples a mask file the way this project means it (docs/method.md §8.6): the mask's
// constants and one function returning the threshold(s) of a pixel in a frame by texelFetch, for the texture the
// file becomes: a sampler2D for a 2D mask (.png, .ktx2), a sampler2DArray for a stack in a KTX2 array or one PNG
// per slice (slice frame % T), the tall atlas's rows for a stack in one PNG. Integer texels (UNORM, level / (2^b - 1))
// are mapped back to the centred thresholds (level + 0.5) / 2^b (docs/method.md §7.2); float texels are the
// thresholds. Colour masks return one threshold per channel.
#pragma once

#include "specdither/api.h"
#include "specdither/mask.h"
#include "specdither/mask_io.h"

#include <string>

namespace specdither {

// "" or why no snippet goes with this texture (one line): an extension other than .png / .ktx2 (or a slice
// pattern), a snippet path that does not end in .glsl or whose folder cannot take it.
SPECDITHER_API std::string checkSamplingSnippet(const std::string& texturePath, const std::string& snippetPath);

// Writes the snippet for `mask` as writeMask(mask, texturePath, options) stores it (the same storage choice),
// atomically. false with *error (one line).
SPECDITHER_API bool writeSamplingSnippet(const Mask& mask, const std::string& texturePath,
                                         const MaskExportOptions& options, const std::string& snippetPath,
                                         std::string* error);

}  // namespace specdither
