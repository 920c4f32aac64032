// Writing vector-valued masks (vector_swap_optimizer.h, docs/method.md §10.4). A vector mask holds the exported
// components of each pixel's value (mask.h's channels: 2 for vec2 and circle, 3 for the unit vec3 domains).
// Integer files store an encoding in [0, 1] as UNORM levels, round(e (2^bits - 1)):
//   vec2: e = v (already in [0, 1)); unit vectors (circle, sphere, hemisphere-cosine): e = (v + 1) / 2, as EA's
//   FAST files store them.
// float32 files (.ktx2 r32f, .npy) store v itself. Formats, by extension:
//   .png   RGB, 8 or 16 bits (default 16): 3 components as they are, 2 in R and G with B = 0 (PNG has no RG
//          colour type)
//   .ktx2  R8G8 / R16G16 / R32G32_SFLOAT for 2 components, R8G8B8A8 / R16G16B16A16 / R32G32B32A32_SFLOAT (alpha
//          1) for 3; key/value "specdither.values" = the domain's name, "specdither.encoding" = "(v+1)/2", "v"
//   .npy   float32 v, shape (1, height, width, channels) (npy_io.h's layout of a mask with channels)
#pragma once

#include "specdither/api.h"
#include "specdither/mask.h"
#include "specdither/vector_swap_optimizer.h"

#include <map>
#include <string>

namespace specdither {

// bits: 8, 16 or 32 (float); 0 picks 16 for .png, 32 for .ktx2 and .npy. "" when the write can proceed (known
// extension, bits fit the format, a stack (slices > 1) only to .npy so far, writable folder): the check before any
// GPU work.
SPECDITHER_API std::string checkVectorMaskOutput(const std::string& path, int bits, uint32_t slices = 1);

// The encoding integer files store for a domain: "v" or "(v+1)/2".
SPECDITHER_API const char* vectorEncoding(VectorDomain domain, bool integerStorage);

// Writes the mask (channels = vectorComponents(domain)); metadata goes to .ktx2 as "specdither.<key>".
SPECDITHER_API bool writeVectorMask(const Mask& mask, VectorDomain domain, const std::string& path, int bits,
                                    const std::map<std::string, std::string>& metadata, std::string* error);

}  // namespace specdither
