#include "mask/npy_io.h"

#include "mask/checked_size.h"

#include <cctype>
#include <cstring>
#include <vector>

namespace specdither {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicBytes = 6;

// Finds 'key': (or "key":) in the header dict and returns the position just after the colon, or npos.
size_t valueOf(const std::string& header, const std::string& key) {
  for (const char quote : {'\'', '"'}) {
    const std::string pattern = std::string(1, quote) + key + quote;
    size_t at = header.find(pattern);
    if (at == std::string::npos) continue;
    at += pattern.size();
    while (at < header.size() && std::isspace(static_cast<unsigned char>(header[at]))) ++at;
    if (at < header.size() && header[at] == ':') return at + 1;
  }
  return std::string::npos;
}

std::string shapeText(const std::vector<uint64_t>& dims) {
  std::string text = "(";
  for (size_t k = 0; k < dims.size(); ++k) text += (k ? ", " : "") + std::to_string(dims[k]);
  return text + ")";
}

size_t skipSpaces(const std::string& s, size_t at) {
  while (at < s.size() && std::isspace(static_cast<unsigned char>(s[at]))) ++at;
  return at;
}

bool parseHeader(const std::string& header, NpyArray* out, bool* fortranOrder, std::vector<uint64_t>* dimsOut,
                 std::string* reason) {
  size_t at = valueOf(header, "descr");
  if (at == std::string::npos) return *reason = "header has no 'descr'", false;
  at = skipSpaces(header, at);
  if (at >= header.size() || (header[at] != '\'' && header[at] != '"'))
    return *reason = "'descr' is not a simple type (structured arrays are not masks)", false;
  const size_t close = header.find(header[at], at + 1);
  if (close == std::string::npos) return *reason = "unterminated 'descr'", false;
  out->descr = header.substr(at + 1, close - at - 1);
  if (out->descr == "<u1") out->descr = "|u1";

  at = valueOf(header, "fortran_order");
  if (at == std::string::npos) return *reason = "header has no 'fortran_order'", false;
  at = skipSpaces(header, at);
  if (header.compare(at, 4, "True") == 0)
    *fortranOrder = true;
  else if (header.compare(at, 5, "False") == 0)
    *fortranOrder = false;
  else
    return *reason = "'fortran_order' is neither True nor False", false;

  at = valueOf(header, "shape");
  if (at == std::string::npos) return *reason = "header has no 'shape'", false;
  at = skipSpaces(header, at);
  if (at >= header.size() || header[at] != '(') return *reason = "'shape' is not a tuple", false;
  const size_t end = header.find(')', at);
  if (end == std::string::npos) return *reason = "unterminated 'shape'", false;
  std::vector<uint64_t> dims;
  for (size_t p = at + 1; p < end;) {
    p = skipSpaces(header, p);
    if (p >= end) break;
    if (!std::isdigit(static_cast<unsigned char>(header[p]))) return *reason = "'shape' is not a tuple of sizes", false;
    uint64_t v = 0;
    while (p < end && std::isdigit(static_cast<unsigned char>(header[p]))) {
      v = v * 10 + uint64_t(header[p] - '0');
      if (v > (uint64_t(1) << 32)) return *reason = "'shape' holds an impossible size", false;
      ++p;
    }
    dims.push_back(v);
    p = skipSpaces(header, p);
    if (p < end && header[p] == ',') ++p;
  }
  if (dims.size() < 2 || dims.size() > 4)
    return *reason = "array has " + std::to_string(dims.size()) +
                     " dimensions; a mask is (height, width), (slices, height, width) or (slices, height, width, "
                     "channels)",
           false;
  for (uint64_t d : dims)
    if (d == 0 || d > 0xFFFFFFFFu) return *reason = "empty or impossible shape " + shapeText(dims), false;
  // The mask's own limits (checkMaskShape) come later, in readMask; this only keeps the sizes computed from the
  // shape below 2^31 values, so that no product can wrap.
  uint64_t count = 0;
  if (!checkedProduct(dims, &count) || count > (uint64_t(1) << 31))
    return *reason = "array " + shapeText(dims) + " is too large for a mask", false;
  *dimsOut = dims;
  const size_t at2D = dims.size() == 2 ? 0 : 1;  // index of height
  out->shape.slices = dims.size() == 2 ? 1 : uint32_t(dims[0]);
  out->shape.height = uint32_t(dims[at2D]);
  out->shape.width = uint32_t(dims[at2D + 1]);
  out->shape.channels = dims.size() == 4 ? uint32_t(dims[3]) : 1;
  return true;
}

}  // namespace

uint32_t npyElementBytes(const std::string& descr) {
  if (descr == "<f4") return 4;
  if (descr == "<f8") return 8;
  if (descr == "<u2") return 2;
  if (descr == "|u1") return 1;
  return 0;
}

std::vector<uint8_t> encodeNpy(const NpyArray& array) {
  const MaskShape& shape = array.shape;
  std::string dims = std::to_string(shape.height) + ", " + std::to_string(shape.width);
  if (!shape.is2D()) dims = std::to_string(shape.slices) + ", " + dims;
  if (shape.channels != 1) dims += ", " + std::to_string(shape.channels);
  std::string header = "{'descr': '" + array.descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
  // magic (6) + version (2) + header length (2) + header, ending in '\n', padded to a multiple of 64.
  const size_t unpadded = kMagicBytes + 2 + 2 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header.push_back('\n');
  std::vector<uint8_t> out(kMagic, kMagic + kMagicBytes);
  out.push_back(1);
  out.push_back(0);
  out.push_back(uint8_t(header.size() & 0xff));
  out.push_back(uint8_t(header.size() >> 8));
  out.insert(out.end(), header.begin(), header.end());
  out.insert(out.end(), array.data.begin(), array.data.end());
  return out;
}

bool parseNpy(const std::vector<uint8_t>& in, NpyArray* out, std::string* reason) {
  if (in.size() < kMagicBytes + 4 || std::memcmp(in.data(), kMagic, kMagicBytes) != 0)
    return *reason = "not a NumPy .npy file (no \\x93NUMPY magic)", false;
  const uint8_t major = in[6];
  size_t headerLength = 0, headerAt = 0;
  if (major == 1) {
    headerLength = size_t(in[8]) | size_t(in[9]) << 8;
    headerAt = 10;
  } else if (major == 2 || major == 3) {
    if (in.size() < 12) return *reason = "truncated header", false;
    headerLength = size_t(in[8]) | size_t(in[9]) << 8 | size_t(in[10]) << 16 | size_t(in[11]) << 24;
    headerAt = 12;
  } else {
    return *reason = "unsupported .npy version " + std::to_string(major), false;
  }
  if (headerLength > in.size() - headerAt) return *reason = "truncated header", false;
  const std::string header(in.begin() + long(headerAt), in.begin() + long(headerAt + headerLength));

  NpyArray array;
  bool fortranOrder = false;
  std::vector<uint64_t> dims;
  if (!parseHeader(header, &array, &fortranOrder, &dims, reason)) return false;
  const uint32_t bytes = npyElementBytes(array.descr);
  if (bytes == 0)
    return *reason = "element type '" + array.descr + "' is not supported (use float32, float64, uint16 or uint8)",
           false;
  const size_t dataAt = headerAt + headerLength;
  uint64_t dataBytes = 0;
  if (!checkedProduct({array.shape.valueCount(), bytes}, &dataBytes) || dataBytes != in.size() - dataAt)
    return *reason = "data holds " + std::to_string(in.size() - dataAt) + " bytes, shape " + shapeText(dims) + " of '" +
                     array.descr + "' needs " + std::to_string(dataBytes),
           false;
  if (!fortranOrder) {
    array.data.assign(in.begin() + long(dataAt), in.end());
  } else {
    // Column-major: the first index varies fastest. Walk the elements in C order (last index fastest) and
    // keep each one's Fortran offset sum_k i_k * prod_{j<k} dims_j up to date.
    array.data.resize(size_t(dataBytes));
    std::vector<uint64_t> index(dims.size(), 0), fortranStride(dims.size(), 1);
    for (size_t k = 1; k < dims.size(); ++k) fortranStride[k] = fortranStride[k - 1] * dims[k - 1];
    uint64_t from = 0;
    const size_t count = array.shape.valueCount();
    for (size_t to = 0; to < count; ++to) {
      std::memcpy(&array.data[to * bytes], &in[dataAt + from * bytes], bytes);
      for (size_t k = dims.size(); k-- > 0;) {  // increment the C-order index, last dimension first
        from += fortranStride[k];
        if (++index[k] < dims[k]) break;
        from -= fortranStride[k] * dims[k];
        index[k] = 0;
      }
    }
  }
  *out = std::move(array);
  return true;
}

}  // namespace specdither
