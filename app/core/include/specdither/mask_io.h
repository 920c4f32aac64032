// Reading and writing masks in every supported format, chosen by the file's extension (case-insensitive):
//   .png   8- or 16-bit grayscale (read: also gray+alpha, RGB and RGBA with R=G=B, 8 or 16 bit; alpha ignored);
//          single-channel masks; a stack as an atlas, its slices top to bottom (read back with atlasSlices)
//   .ktx2  KTX 2.0, R8_UNORM / R16_UNORM / R32_SFLOAT, with KTXwriter, KTXorientation and generation parameters;
//          slices as the layers of a 2D array texture, 2 or 4 channels as R8G8 / R16G16 / R32G32_SFLOAT and
//          R8G8B8A8 / R16G16B16A16 / R32G32B32A32_SFLOAT
//   .npy   NumPy float32 (default), uint16 or uint8; shape (height, width), (slices, height, width) or (slices,
//          height, width, channels) (npy_io.h). Read: also float64.
//   .h     C/C++ header (const array + size constants), 2D masks up to 64x64, write only
//   .glsl  GLSL snippet (const array + size constants), 2D masks up to 64x64, write only
// A mask of a shape a format cannot hold (slices or channels in a PNG) is refused with one line.
// All writes are atomic (temporary file, then rename; see atomic_file.h).
//
// Integer storage is exact (docs/method.md §7.2; details in mask_storage.h), plane by plane (mask.h):
// level = floor(rank * 2^bits / N), N the pixels of a plane, so
// 16 bits of N <= 65536 pixels is an exact permutation and 8 bits hold each level exactly N/256 times when 256
// divides N. Equal values keep equal levels. float32 storage writes the values as they are.
//
// Reading normalizes integer levels to the middle of their bucket, v = (level + 0.5) / 2^bits: values stay
// strictly inside (0, 1), and a file holding a full permutation (16x16 at 8 bits, 256x256 at 16 bits) reads
// back to exactly (rank + 0.5) / N, the finished mask's own values. A stored mask's order is kept exactly;
// float32 files read back bit for bit.
#pragma once

#include "specdither/api.h"
#include "specdither/mask.h"

#include <map>
#include <string>

namespace specdither {

struct MaskExportOptions {
  // Storage: "r8", "r16", "r32f", or "" to derive it from bits (8 -> r8, 16 -> r16). With neither, each file
  // kind picks: .png / .ktx2 the smallest integer storage that keeps the mask's distinct values distinct
  // (8 bits when N <= 256, else 16); past 65536 distinct values .ktx2 takes r32f and .png refuses. .npy takes
  // r32f; .h / .glsl write integer ranks 0..N-1 (r8/r16 write 8/16-bit levels, r32f the float values).
  std::string format;
  int bits = 0;                          // 8, 16 or 0 (auto)
  std::string name = "specdither_mask";  // identifier for .h / .glsl
  // Generation parameters (preset, size, seed...): written to .ktx2 as key/value entries "specdither.<key>".
  std::map<std::string, std::string> metadata;
  // An explicit format or bits that cannot keep the mask's distinct values apart (8 bits for a 64x64 mask) is
  // written anyway, with a warning: into *warning when set, else on stderr as "specdither: warning: ...".
  // The same loss without an explicit choice is refused instead.
  std::string* warning = nullptr;
};

// Writes the mask to path. Returns false and sets *error (one line) on bad input or I/O failure; then no file
// is left behind and an existing file is untouched.
SPECDITHER_API bool writeMask(const Mask& mask, const std::string& path, const MaskExportOptions& options,
                              std::string* error);

// The checks writeMask makes before it writes, for a caller about to spend a long time making the mask (one line,
// "" when the write can proceed), so that the work cannot end in a refused write:
// checkMaskOutputPath: the extension is known, the options are valid for it (format, bits, the .h/.glsl name),
// and the file's folder exists and is writable (atomic_file.h's checkFileWritable).
SPECDITHER_API std::string checkMaskOutputPath(const std::string& path, const MaskExportOptions& options);
// checkMaskOutput: checkMaskOutputPath, and the format holds a mask of this shape as writeMask would store a mask
// whose every plane is a permutation (what generate makes): slices or channels only in .ktx2 / .npy, .h / .glsl
// up to 256x256, and no implicit PNG of more than 65536 pixels (16 bits cannot keep their values apart).
SPECDITHER_API std::string checkMaskOutput(const std::string& path, const MaskShape& shape,
                                           const MaskExportOptions& options);

// Reads a mask from .png, .ktx2 or .npy. Values are normalized to [0,1] (integer formats as above; float
// files as stored, which must be finite). The shape must pass checkMaskShape (mask.h). Any file, however
// damaged or hostile, gives either a mask of that shape holding exactly its valueCount() finite values, or false
// with *error set (one line); sizes taken from a header are checked for overflow before anything is allocated.
SPECDITHER_API bool readMask(const std::string& path, Mask* out, std::string* error);

struct MaskReadOptions {
  // > 0: the file is an atlas of this many slices stacked top to bottom (a W x (T H) image, as engines and EA's
  // FAST ship spatiotemporal masks), read as a W x H x T stack. Its height must divide into T equal slices;
  // each slice passes checkMaskShape (the atlas itself may be taller than 4096).
  uint32_t atlasSlices = 0;
};
// readMask with options (an atlas: PNG, or any 2D file).
SPECDITHER_API bool readMask(const std::string& path, Mask* out, std::string* error, const MaskReadOptions& options);

}  // namespace specdither
