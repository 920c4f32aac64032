// NumPy .npy files ("NEP 1", numpy.lib.format): the magic "\x93NUMPY", a version, a little-endian header
// length, then an ASCII Python dict {'descr': ..., 'fortran_order': ..., 'shape': (...)} padded with spaces and a
// newline so that the data starts 64-byte aligned, then the raw array.
//
// specdither writes version 1.0, C order, little-endian, shape (height, width): np.load gives mask[y, x].
// It reads versions 1.0 to 3.0, 2D arrays of '<f4', '<f8', '<u2' or '|u1', in C or Fortran order.
#pragma once

#include "specdither/api.h"

#include <cstdint>
#include <string>
#include <vector>

namespace specdither {

struct NpyArray {
  std::string descr;  // "<f4", "<f8", "<u2" or "|u1"
  uint32_t rows = 0;  // shape[0]: height
  uint32_t cols = 0;  // shape[1]: width
  std::vector<uint8_t> data;  // rows * cols elements, C order (row-major), little-endian
};

// Bytes per element of a supported descr; 0 for any other.
SPECDITHER_API uint32_t npyElementBytes(const std::string& descr);

std::vector<uint8_t> encodeNpy(const NpyArray& array);

// Parses a .npy file held in memory; Fortran-order data is transposed to C order. Returns false and sets
// *reason (one line, without the file name) for anything else than a supported 2D array.
SPECDITHER_API bool parseNpy(const std::vector<uint8_t>& bytes, NpyArray* out, std::string* reason);

}  // namespace specdither
