// How a mask is stored in a file: 8-bit, 16-bit or float32 samples, and the exact quantization of a mask to
// integer levels (docs/method.md §7).
//
// Quantization works on ranks, not on values, so that the stored levels are the textbook ones whatever float
// rounding the values carry: level = floor(rank * 2^bits / N). A 16-bit file of N <= 65536 pixels is then an
// exact permutation; an 8-bit file holds every level exactly N/256 times when 256 divides N. Pixels with equal
// values share the rank of the first of them (competition ranking), so a mask that already has ties (one read
// from an 8-bit file) keeps them and is re-quantized to the very same levels instead of gaining an invented
// order.
#pragma once

#include "specdither/api.h"
#include "specdither/mask.h"
#include "specdither/mask_io.h"

#include <cstdint>
#include <string>
#include <vector>

namespace specdither {

enum class MaskStorage { R8, R16, R32F };

// What writeMask will store for this mask in a file of the given kind; every rule in one place.
enum class MaskFileKind { Png, Ktx2, Npy, Source };

// The mask's order, computed once per write (sorting is the expensive part for a 4096x4096 mask). Every plane
// (mask.h) is ordered and quantized on its own.
struct MaskOrder {
  std::vector<uint32_t> tiedRanks;  // rank of each value in its plane; equal values share their group's lowest
  size_t distinctValues = 0;        // summed over the planes
  size_t planeSize = 0;             // N of the quantization: values per plane
};
MaskOrder orderOf(const Mask& mask);

struct StorageChoice {
  MaskStorage storage = MaskStorage::R16;
  bool explicitChoice = false;  // the caller named bits or a format (a lossy choice then warns, not refuses)
  bool ranks = false;           // Source files only: integer ranks 0..N-1 (the default for .h / .glsl)
};

// True when the choice depends on the mask's order (so the caller must compute it): every integer storage.
bool storageNeedsOrder(const MaskExportOptions& options, MaskFileKind kind);

// The option rules that need no mask: a known format, bits 8 or 16, no contradiction between them, no float32
// PNG. "" or the one-line reason (chooseStorage refuses the same).
std::string checkStorageOptions(const MaskExportOptions& options, MaskFileKind kind);

// How to get a mask of more than 65536 distinct values into a PNG after all (the tail of its refusal).
constexpr const char* kPngLossRemedy = "pass --bits 16 to accept that, or write .ktx2 or .npy (float32)";

// Resolves options.format / options.bits for a file kind. Defaults: PNG and KTX2 take the smallest integer
// storage that keeps every distinct value distinct (8 bits, else 16); when even 16 bits cannot (more than
// 65536 distinct values), KTX2 takes float32 and PNG refuses (naming --bits 16 as the way to accept the loss).
// .npy defaults to float32; .h/.glsl default to ranks. Returns false and sets *error on contradictory or
// impossible options (float32 PNG, --bits 12, r8 with --bits 16). order may be null when !storageNeedsOrder.
bool chooseStorage(const Mask& mask, const MaskOrder* order, const MaskExportOptions& options, MaskFileKind kind,
                   StorageChoice* choice, std::string* error);

// Integer levels: floor(tiedRank * 2^bits / N), N = order.planeSize, bits 8 or 16.
std::vector<uint16_t> quantizeOrder(const MaskOrder& order, int bits);

// "" when storing the mask in bits keeps every distinct value distinct; otherwise one line saying what is lost
// (the warning for an explicit lossy choice, and the reason an implicit one is refused).
std::string quantizationLoss(const Mask& mask, const MaskOrder& order, int bits);
std::string quantizationLoss(const Mask& mask, int bits);

// The value a stored integer level stands for when read back: the middle of its bucket, (level + 0.5) / 2^bits.
// Centers keep every value strictly inside (0, 1), and a file written from (rank + 0.5) / N with N = 2^bits
// (16x16 in 8 bits, 256x256 in 16 bits) reads back to exactly the values it was written from.
inline float levelToValue(uint32_t level, int bits) { return float((level + 0.5) / double(1u << bits)); }

const char* storageName(MaskStorage storage);  // "r8", "r16", "r32f"

}  // namespace specdither
