// Writing vector-valued masks (vector_mask_io.h).
#include "specdither/vector_mask_io.h"

#include "mask/file_extension.h"
#include "mask/npy_io.h"
#include "mask/png_atlas.h"
#include "mask/slice_files.h"
#include "specdither/atomic_file.h"
#include "specdither/ktx2_format.h"
#include "specdither/png_io.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace specdither {

namespace {

int resolvedBits(const std::string& ext, int bits) { return bits != 0 ? bits : ext == ".png" ? 16 : 32; }

// The stored components of every pixel: `stored` per pixel, the encoding applied for integer files, missing
// components 0 and a fourth (alpha) 1.
std::vector<double> storedComponents(const Mask& mask, VectorDomain domain, uint32_t stored, bool integer) {
  const uint32_t c = mask.shape.channels;
  const bool unit = domain != VectorDomain::Square;
  std::vector<double> out;
  out.reserve(mask.pixelCount() * stored);
  for (size_t i = 0; i < mask.pixelCount(); ++i)
    for (uint32_t k = 0; k < stored; ++k) {
      double v = k < c ? mask.values[i * c + k] : k == 3 ? 1.0 : 0.0;
      if (integer && unit && k < c) v = (v + 1.0) / 2.0;
      out.push_back(v);
    }
  return out;
}

uint16_t levelOf(double e, int bits) {
  const double top = double((1u << bits) - 1);
  return uint16_t(std::clamp(std::lround(e * top), 0L, long(top)));
}

}  // namespace

const char* vectorEncoding(VectorDomain domain, bool integerStorage) {
  return integerStorage && domain != VectorDomain::Square ? "(v+1)/2" : "v";
}

std::string checkVectorMaskOutput(const std::string& path, int bits, const MaskShape& shape) {
  if (isSlicePattern(path)) {  // one PNG per slice
    const std::string problem = checkSlicePattern(path);
    if (!problem.empty()) return problem;
    return checkVectorMaskOutput(slicePath(path, 0), bits, {shape.width, shape.height, 1, shape.channels});
  }
  const std::string ext = fileExtension(path);
  if (ext != ".png" && ext != ".ktx2" && ext != ".npy")
    return "a vector mask is written as .png, .ktx2 or .npy (a stack also as name_%03d.png), not '" + path + "'";
  if (bits != 0 && bits != 8 && bits != 16 && bits != 32) return "--bits of a vector mask must be 8, 16 or 32";
  if (ext == ".png" && bits == 32) return "PNG holds 8 or 16 bits: write .ktx2 or .npy for float32";
  if (ext == ".png") {
    const std::string atlas = pngAtlasProblem(shape, ".ktx2, .npy or name_%03d.png");
    if (!atlas.empty()) return atlas;
  }
  if (ext == ".npy" && bits != 0 && bits != 32) return "a vector mask's .npy is float32: leave out --bits";
  return checkFileWritable(path, "--out");
}

bool writeVectorMask(const Mask& mask, VectorDomain domain, const std::string& path, int bits,
                     const std::map<std::string, std::string>& metadata, std::string* error) {
  const std::string problem = checkVectorMaskOutput(path, bits, mask.shape);
  if (!problem.empty()) {
    *error = problem;
    return false;
  }
  if (isSlicePattern(path))
    return writeSliceFilesWith(
        path, mask.shape.slices,
        [&](uint32_t slice, const std::string& slicePath, std::string* sliceError) {
          return writeVectorMask(maskSlice(mask, slice), domain, slicePath, bits, metadata, sliceError);
        },
        nullptr, error);
  const std::string ext = fileExtension(path);
  bits = resolvedBits(ext, bits);
  const bool integer = bits != 32;
  const uint32_t c = mask.shape.channels;
  if (ext == ".png") {  // a stack as an atlas, its slices top to bottom (the layout of mask.h)
    PngImage image;
    image.width = mask.shape.width;
    image.height = mask.shape.height * mask.shape.slices;
    image.channels = 4;  // RGBA as EA's FAST files: 2 components in R, G with B = 0; alpha opaque
    image.bitDepth = uint32_t(bits);
    for (double e : storedComponents(mask, domain, 4, true)) image.samples.push_back(levelOf(e, bits));
    return writePng(path, image, error);
  }
  if (ext == ".npy") {
    NpyArray array;
    array.descr = "<f4";
    array.shape = mask.shape;
    array.data.resize(mask.values.size() * 4);
    std::memcpy(array.data.data(), mask.values.data(), array.data.size());
    return writeFileAtomically(path, encodeNpy(array), error);
  }
  const uint32_t stored = c == 2 ? 2 : 4;  // KTX2's formats here: 1, 2 or 4 components
  const uint32_t componentBytes = uint32_t(bits / 8);
  Ktx2Texture texture;
  texture.vkFormat = ktx2::formatOf(componentBytes, stored);
  texture.width = mask.shape.width;
  texture.height = mask.shape.height;
  texture.layerCount = mask.shape.slices > 1 ? mask.shape.slices : 0;  // a stack: a 2D array texture
  for (double e : storedComponents(mask, domain, stored, integer)) {
    if (integer) {
      const uint16_t level = levelOf(e, bits);
      for (uint32_t b = 0; b < componentBytes; ++b) texture.level0.push_back(uint8_t(level >> (8 * b)));
    } else {
      const float f = float(e);
      uint8_t raw[4];
      std::memcpy(raw, &f, 4);
      texture.level0.insert(texture.level0.end(), raw, raw + 4);
    }
  }
  texture.keyValues["KTXwriter"] = "specdither " SPECDITHER_VERSION_STRING;
  texture.keyValues["KTXorientation"] = "rd";
  for (const auto& [key, value] : metadata) texture.keyValues["specdither." + key] = value;
  texture.keyValues["specdither.values"] = vectorDomainName(domain);
  texture.keyValues["specdither.encoding"] = vectorEncoding(domain, integer);
  return writeFileAtomically(path, encodeKtx2(texture), error);
}

}  // namespace specdither
