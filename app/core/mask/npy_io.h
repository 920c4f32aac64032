// NumPy .npy files ("NEP 1", numpy.lib.format): the magic "\x93NUMPY", a version, a little-endian header
// length, then an ASCII Python dict {'descr': ..., 'fortran_order': ..., 'shape': (...)} padded with spaces and a
// newline so that the data starts 64-byte aligned, then the raw array.
//
// specdither writes version 1.0, C order, little-endian, with the mask's shape (mask.h) as
//   (height, width)                          a 2D single-channel mask: np.load gives mask[y, x]
//   (slices, height, width)                  several slices, one channel: mask[t, y, x]
//   (slices, height, width, channels)        several channels (also with one slice): mask[t, y, x, c]
// which is mask.h's value layout in C order. It reads versions 1.0 to 3.0, arrays of 2, 3 or 4 dimensions as
// above of '<f4', '<f8', '<u2' or '|u1', in C or Fortran order.
#pragma once

#include "specdither/api.h"
#include "specdither/mask.h"

#include <cstdint>
#include <string>
#include <vector>

namespace specdither {

struct NpyArray {
  std::string descr;          // "<f4", "<f8", "<u2" or "|u1"
  MaskShape shape;            // from / to the array's shape as above
  std::vector<uint8_t> data;  // shape.valueCount() elements, C order, little-endian
};

// Bytes per element of a supported descr; 0 for any other.
uint32_t npyElementBytes(const std::string& descr);

std::vector<uint8_t> encodeNpy(const NpyArray& array);

// Parses a .npy file held in memory; Fortran-order data is transposed to C order. Returns false and sets
// *reason (one line, without the file name) for anything else than a supported array of 2 to 4 dimensions.
bool parseNpy(const std::vector<uint8_t>& bytes, NpyArray* out, std::string* reason);

}  // namespace specdither
