// Reading vector-valued masks back (vector_mask_io.h): this tool's files and others' (EA's FAST PNGs), 2D masks
// and stacks (a KTX2 array, a (T, H, W, C) .npy, a PNG atlas cut into slices, one PNG per slice).
#include "specdither/vector_mask_io.h"

#include "mask/file_extension.h"
#include "mask/slice_files.h"
#include "specdither/ktx2_format.h"
#include "specdither/mask_io.h"
#include "specdither/png_io.h"

#include <cmath>
#include <cstring>

namespace specdither {

namespace {

constexpr double kPi = 3.14159265358979323846;

// A PNG's texels as v, all its rows (an atlas's slices in order). FAST writes its circle masks as a scalar, the
// angle in turns, in R = G = B: a gray image, or a colour one whose every pixel is gray, is read that way.
bool readPngValues(const std::string& path, VectorDomain domain, Mask* mask, std::string* error) {
  PngImage image;
  if (!readPng(path, &image, error)) return false;
  const uint32_t need = vectorComponents(domain);
  const bool unit = domain != VectorDomain::Square;
  const double top = double((1u << image.bitDepth) - 1);
  const size_t texels = size_t(image.width) * image.height;
  bool gray = image.channels <= 2;
  if (!gray && domain == VectorDomain::Circle) {
    gray = true;
    for (size_t i = 0; gray && i < texels; ++i) {
      const uint16_t* s = &image.samples[i * image.channels];
      gray = s[0] == s[1] && s[1] == s[2];
    }
  }
  const bool angle = domain == VectorDomain::Circle && gray;
  if (!angle && image.channels < need)
    return *error = "'" + path + "' has " + std::to_string(image.channels) + " channels, a " +
                    vectorDomainName(domain) + " mask needs " + std::to_string(need),
           false;
  mask->shape = {image.width, image.height, 1, need};
  mask->values.clear();
  mask->values.reserve(texels * need);
  for (size_t i = 0; i < texels; ++i) {
    const uint16_t* s = &image.samples[i * image.channels];
    if (angle) {
      const double turns = s[0] / top;
      mask->values.push_back(float(std::cos(2 * kPi * turns)));
      mask->values.push_back(float(std::sin(2 * kPi * turns)));
      continue;
    }
    for (uint32_t k = 0; k < need; ++k) mask->values.push_back(float(unit ? 2 * (s[k] / top) - 1 : s[k] / top));
  }
  return true;
}

// A KTX2 texture's texels as v, every layer (slice): the file's specdither.encoding when present, else "(v+1)/2"
// for the unit-vector domains of UNORM files and "v" otherwise.
bool readKtx2Values(const std::string& path, VectorDomain domain, Mask* mask, std::string* error) {
  Ktx2Texture texture;
  if (!readKtx2(path, &texture, error)) return false;
  const uint32_t need = vectorComponents(domain);
  const uint32_t components = ktx2::componentCount(texture.vkFormat), bytes = texture.typeSize;
  if (components < need)
    return *error = "'" + path + "' holds " + std::to_string(components) + " components per texel, a " +
                    vectorDomainName(domain) + " mask needs " + std::to_string(need),
           false;
  const auto found = texture.keyValues.find("specdither.encoding");
  const bool encoded = found != texture.keyValues.end() ? found->second == "(v+1)/2"
                                                        : domain != VectorDomain::Square && bytes != 4;
  mask->shape = {texture.width, texture.height, texture.layers(), need};
  mask->values.clear();
  mask->values.reserve(mask->shape.valueCount());
  const double top = bytes == 4 ? 1.0 : double((1u << (8 * bytes)) - 1);
  for (size_t i = 0; i < mask->shape.pixelCount(); ++i)
    for (uint32_t k = 0; k < need; ++k) {
      const uint8_t* p = &texture.level0[(i * components + k) * bytes];
      double e;
      if (bytes == 4) {
        float f;
        std::memcpy(&f, p, 4);
        e = f;
      } else {
        e = (bytes == 2 ? double(p[0] | (p[1] << 8)) : double(p[0])) / top;
      }
      mask->values.push_back(float(encoded ? 2 * e - 1 : e));
    }
  return true;
}

// A float .npy's first `need` channels, every slice.
bool readNpyValues(const std::string& path, VectorDomain domain, Mask* mask, std::string* error) {
  Mask raw;
  if (!readMask(path, &raw, error)) return false;
  const uint32_t need = vectorComponents(domain);
  if (raw.shape.channels < need)
    return *error = "'" + path + "' is " + toString(raw.shape) + ", a " + vectorDomainName(domain) + " mask needs " +
                    std::to_string(need) + " channels",
           false;
  mask->shape = {raw.shape.width, raw.shape.height, raw.shape.slices, need};
  mask->values.clear();
  for (size_t i = 0; i < raw.pixelCount(); ++i)
    for (uint32_t k = 0; k < need; ++k) mask->values.push_back(raw.values[i * raw.shape.channels + k]);
  return true;
}

}  // namespace

bool readVectorMask(const std::string& path, VectorDomain domain, Mask* out, std::string* error, uint32_t atlasSlices) {
  if (isSlicePattern(path)) {
    if (atlasSlices > 0) return *error = "--slices cuts an atlas; '" + path + "' names its slices' files", false;
    return readSliceFilesWith(
        path,
        [domain](const std::string& slicePath, Mask* slice, std::string* problem) {
          return readVectorMask(slicePath, domain, slice, problem);
        },
        out, error);
  }
  const std::string ext = fileExtension(path);
  Mask mask;
  bool read;
  if (ext == ".png")
    read = readPngValues(path, domain, &mask, error);
  else if (ext == ".ktx2")
    read = readKtx2Values(path, domain, &mask, error);
  else if (ext == ".npy")
    read = readNpyValues(path, domain, &mask, error);
  else
    return *error = "a vector mask is read from .png, .ktx2 or .npy (or name_%03d.png), not '" + path + "'", false;
  if (!read) return false;
  if (atlasSlices > 0) {  // the rows of an atlas are its slices in order: the layout of a stack (mask.h)
    if (mask.shape.slices != 1 || mask.shape.height % atlasSlices != 0)
      return *error = "cannot read '" + path + "' as an atlas of " + std::to_string(atlasSlices) + " slices: it is " +
                      toString(mask.shape) + " (a 2D image whose height divides into the slices)",
             false;
    mask.shape = {mask.shape.width, mask.shape.height / atlasSlices, atlasSlices, mask.shape.channels};
  }
  const std::string problem = checkMaskShape(mask.shape);
  if (!problem.empty()) return *error = "'" + path + "': " + problem, false;
  *out = std::move(mask);
  return true;
}

std::string declaredVectorValues(const std::string& path) {
  if (fileExtension(path) != ".ktx2") return "";
  Ktx2Texture texture;
  std::string error;
  return readKtx2(path, &texture, &error) ? declaredVectorValues(texture) : "";
}

std::string declaredVectorValues(const Ktx2Texture& texture) {
  const auto declared = texture.keyValues.find("specdither.values");
  return declared == texture.keyValues.end() ? "" : declared->second;
}

}  // namespace specdither
