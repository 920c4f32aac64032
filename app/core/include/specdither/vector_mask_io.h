// Writing vector-valued masks (vector_swap_optimizer.h, docs/method.md §10.4). A vector mask holds the exported
// components of each pixel's value (mask.h's channels: 2 for vec2 and circle, 3 for the unit vec3 domains).
// Integer files store an encoding in [0, 1] as UNORM levels, round(e (2^bits - 1)):
//   vec2: e = v (already in [0, 1)); unit vectors (circle, sphere, hemisphere-cosine): e = (v + 1) / 2, as EA's
//   FAST files store them.
// float32 files (.ktx2 r32f, .npy) store v itself. Formats, by extension:
//   .png   RGBA, 8 or 16 bits (default 16): 3 components as they are, 2 in R and G with B = 0, alpha opaque (as
//          EA's FAST files); a stack (docs/method.md §10.5) as an atlas, its slices top to bottom
//   name_%03d.png  a stack as one such PNG per slice (all written or none)
//   .ktx2  R8G8 / R16G16 / R32G32_SFLOAT for 2 components, R8G8B8A8 / R16G16B16A16 / R32G32B32A32_SFLOAT (alpha
//          1) for 3; key/value "specdither.values" = the domain's name, "specdither.encoding" = "(v+1)/2", "v";
//          a stack as a 2D array texture, one layer per slice
//   .npy   float32 v, shape (slices, height, width, channels) (npy_io.h's layout of a mask with channels)
#pragma once

#include "specdither/api.h"
#include "specdither/ktx2_format.h"
#include "specdither/mask.h"
#include "specdither/vector_swap_optimizer.h"

#include <map>
#include <string>

namespace specdither {

// bits: 8, 16 or 32 (float); 0 picks 16 for .png, 32 for .ktx2 and .npy. "" when a mask of this shape (width,
// height, slices) can be written there (known extension, bits fit the format, a PNG atlas at most 16384 pixels
// tall, writable folder): the check before any GPU work.
SPECDITHER_API std::string checkVectorMaskOutput(const std::string& path, int bits, const MaskShape& shape);

// The encoding integer files store for a domain: "v" or "(v+1)/2".
SPECDITHER_API const char* vectorEncoding(VectorDomain domain, bool integerStorage);

// Writes the mask (channels = vectorComponents(domain)); metadata goes to .ktx2 as "specdither.<key>".
SPECDITHER_API bool writeVectorMask(const Mask& mask, VectorDomain domain, const std::string& path, int bits,
                                    const std::map<std::string, std::string>& metadata, std::string* error);

// Reads a vector mask written by this tool or another: .ktx2 (its specdither.encoding when present, else
// "(v+1)/2" for the unit-vector domains of UNORM files and "v" otherwise; an array texture is a stack), .npy (float
// v, (H, W, C) or (T, H, W, C)), .png (levels / (2^bits - 1), then "(v+1)/2" undone for unit vectors; a gray PNG of
// a circle, or one with R = G = B everywhere, is read as the angle in turns, as FAST writes its circle masks), a
// name_%03d.png pattern (a stack, slice by slice). atlasSlices > 0: a 2D file is an atlas of that many slices top
// to bottom (EA's FAST ships its stacks so). The mask gets vectorComponents(domain) channels holding v. False
// with *error (one line) otherwise.
SPECDITHER_API bool readVectorMask(const std::string& path, VectorDomain domain, Mask* out, std::string* error,
                                   uint32_t atlasSlices = 0);

// The value kind a KTX2 file of this tool declares (its "specdither.values" key, e.g. "vec2"), so that a reader of
// threshold masks can tell a vector mask from an RG or RGBA colour mask; "" for a file without the key, another
// format or a file that cannot be read (the reader that follows says why).
SPECDITHER_API std::string declaredVectorValues(const std::string& path);
// The same of a texture already read.
SPECDITHER_API std::string declaredVectorValues(const Ktx2Texture& texture);

}  // namespace specdither
