// A dither mask (threshold matrix): float32 values on a toroidal grid of a given shape.
//
// Shape: width x height pixels per slice, `slices` slices (a third, time or layer, dimension: a 2D array
// texture's layers) and `channels` values per pixel (independent masks interleaved, as in an RG or RGBA texture).
// A plane is one (slice, channel) pair: a width x height grid of single values. Value layout:
//   index = ((slice * height + y) * width + x) * channels + channel
// so a 2D single-channel mask is plain row-major (index = y * width + x), a slice is a contiguous image, and a
// pixel's channels are adjacent (the texel order of KTX2 and of a NumPy (T, H, W, C) array).
//
// Each plane is its own mask: ranks, "exact permutation" and integer quantization (mask_storage.h) apply per
// plane. The optimizers, metrics and baselines work on 2D single-channel masks only (shape.is2D()) and refuse
// others with one line of error; mask I/O (.npy, .ktx2) reads and writes every shape.
#pragma once

#include "specdither/api.h"

#include <cstdint>
#include <string>
#include <vector>

namespace specdither {

struct MaskShape {
  uint32_t width = 0;
  uint32_t height = 0;
  uint32_t slices = 1;
  uint32_t channels = 1;

  size_t planeSize() const { return size_t(width) * height; }      // values per plane
  size_t planeCount() const { return size_t(slices) * channels; }  // (slice, channel) planes
  size_t pixelCount() const { return planeSize() * slices; }       // pixels (texels) over every slice
  size_t valueCount() const { return pixelCount() * channels; }    // floats in Mask::values
  bool is2D() const { return slices == 1 && channels == 1; }
  // Value j (= y * width + x) of plane p (= slice * channels + channel) is at planeOffset(p) + j * channels.
  size_t planeOffset(size_t plane) const { return (plane / channels) * planeSize() * channels + plane % channels; }
  bool operator==(const MaskShape& o) const {
    return width == o.width && height == o.height && slices == o.slices && channels == o.channels;
  }
  bool operator!=(const MaskShape& o) const { return !(*this == o); }
};

// Readable shape for messages: "64x64" (2D), "128x128x32" (32 slices), "64x64x1 RGBA", "64x64x8 RG" (channels
// 2, 3, 4 as RG, RGB, RGBA; the slice count is then always written so that the channels read as a suffix).
SPECDITHER_API std::string toString(const MaskShape& shape);

// Limits of a mask specdither designs: each side 4 to 4096, 1 to 4096 slices, 1 to 4 channels. Returns "" when
// the shape fits, else one line saying why not ("mask size 2x64 is out of range (each side 4 to 4096)"). The
// one size check of the CLI, the studio and the optimizers.
SPECDITHER_API std::string checkMaskShape(const MaskShape& shape);

// "" for a 2D single-channel shape; else one line "<what> works on 2D single-channel masks, not 64x64x4 RGBA".
// For the functions that do not support slices or channels yet.
SPECDITHER_API std::string check2DShape(const MaskShape& shape, const std::string& what);
// The same as a std::invalid_argument carrying that line, for functions without an error channel; callers
// that take user input check first (check2DShape) so that a user sees the line, never the exception.
SPECDITHER_API void require2DShape(const MaskShape& shape, const std::string& what);

struct Mask {
  MaskShape shape;
  std::vector<float> values;  // shape.valueCount(), layout above

  size_t pixelCount() const { return shape.pixelCount(); }
  size_t valueCount() const { return shape.valueCount(); }
};

// A mask as ranks: per plane a permutation of 0 .. planeSize - 1 (same layout as Mask::values). What the swap
// optimizer and the baselines produce, and what the eye-model measures take.
struct RankGrid {
  MaskShape shape;
  std::vector<uint32_t> ranks;
};

// Rank of every value within its plane (0 .. planeSize - 1) by ascending value; ties broken by index so the
// result is deterministic. For a 2D mask: the rank of every pixel.
SPECDITHER_API std::vector<uint32_t> ranksOf(const Mask& mask);

// The ranks the analysis uses (docs/method.md §5): per plane, tied values share the mean of the ranks they
// cover (their mid-rank), so the result depends on the values alone, never on the pixel order that ranksOf's
// tie-break adds (an 8-bit mask's ties would otherwise be ranked along the raster). Returned doubled plus one,
// an integer: 2 * first + count for the `count` equal values whose ranks start at `first`, 2 r + 1 for a value
// without ties. The analysed value is v = result / (2 planeSize), (rank + 0.5) / planeSize for a permutation.
SPECDITHER_API std::vector<uint32_t> doubledMidRanks(const Mask& mask);

// The finished mask: every value replaced by (rank + 0.5) / planeSize (docs/method.md §7.1), an exact uniform
// histogram in every plane.
SPECDITHER_API Mask rankNormalized(const Mask& mask);

// Builds a mask from ranks (per plane a permutation of 0 .. planeSize - 1): value = (rank + 0.5) / planeSize.
SPECDITHER_API Mask maskFromRanks(const RankGrid& grid);

// True when every plane's values are distinct (its ranks are then a permutation with no ties).
SPECDITHER_API bool isExactPermutation(const Mask& mask);

// Copies of a part of a mask: slice `slice` with all its channels, or channel `channel` of a 2D mask as a 2D
// single-channel mask (of a stack: that channel of every slice, a single-channel stack). Throw
// std::invalid_argument for an index out of range.
SPECDITHER_API Mask maskSlice(const Mask& mask, uint32_t slice);
SPECDITHER_API Mask maskChannel(const Mask& mask, uint32_t channel);

}  // namespace specdither
