// The extension dispatch of writeMask / readMask: each format's container lives in its own file (png_io,
// ktx2_writer / ktx2_reader, npy_io, source_export); this file turns a Mask into their samples and back.
#include "specdither/mask_io.h"

#include "specdither/atomic_file.h"
#include "specdither/ktx2_format.h"
#include "mask/checked_size.h"
#include "mask/file_extension.h"
#include "mask/mask_storage.h"
#include "mask/slice_files.h"
#include "mask/npy_io.h"
#include "mask/png_atlas.h"
#include "specdither/png_io.h"
#include "mask/source_export.h"

#include <cmath>
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>

namespace specdither {

namespace {

bool checkMask(const Mask& mask, std::string* reason) {
  if (mask.valueCount() == 0) return *reason = "empty mask", false;
  if (mask.values.size() != mask.valueCount())
    return *reason = "mask holds " + std::to_string(mask.values.size()) + " values, " + toString(mask.shape) +
                     " needs " + std::to_string(mask.valueCount()),
           false;
  for (float v : mask.values)
    if (!std::isfinite(v)) return *reason = "mask holds a non-finite value (NaN or infinity)", false;
  return true;
}

void appendLittleEndian(std::vector<uint8_t>& out, uint32_t v, uint32_t bytes) {
  for (uint32_t i = 0; i < bytes; ++i) out.push_back(uint8_t(v >> (8 * i)));
}

uint32_t floatBits(float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  return bits;
}

// The mask's samples as little-endian bytes of the chosen storage.
std::vector<uint8_t> storageBytes(const Mask& mask, const MaskOrder& order, MaskStorage storage) {
  std::vector<uint8_t> bytes;
  if (storage == MaskStorage::R32F) {
    bytes.reserve(mask.valueCount() * 4);
    for (float v : mask.values) appendLittleEndian(bytes, floatBits(v), 4);
    return bytes;
  }
  const int bits = storage == MaskStorage::R8 ? 8 : 16;
  const std::vector<uint16_t> levels = quantizeOrder(order, bits);
  bytes.reserve(levels.size() * (bits / 8));
  for (uint16_t level : levels) appendLittleEndian(bytes, level, bits / 8);
  return bytes;
}

// A stack as an atlas: mask.h's layout puts the slices one below the other. Channels as PNG's colour types: 2 gray
// + alpha, 3 RGB, 4 RGBA (what readMask reads back as those channels).
bool writePngMask(const Mask& mask, const MaskOrder& order, const std::string& path, MaskStorage storage,
                  std::string* error) {
  PngImage image;
  image.width = mask.shape.width;
  image.height = mask.shape.height * mask.shape.slices;
  image.channels = mask.shape.channels;
  image.bitDepth = storage == MaskStorage::R8 ? 8 : 16;
  image.samples = quantizeOrder(order, int(image.bitDepth));
  return writePng(path, image, error);
}

bool writeKtx2Mask(const Mask& mask, const MaskOrder& order, const std::string& path, const MaskExportOptions& options,
                   MaskStorage storage, std::string* error) {
  Ktx2Texture texture;
  const uint32_t componentBytes = storage == MaskStorage::R8 ? 1 : storage == MaskStorage::R16 ? 2 : 4;
  texture.vkFormat = ktx2::formatOf(componentBytes, mask.shape.channels);
  texture.width = mask.shape.width;
  texture.height = mask.shape.height;
  texture.layerCount = mask.shape.slices > 1 ? mask.shape.slices : 0;  // an array texture only when it has to be
  texture.level0 = storageBytes(mask, order, storage);
  texture.keyValues["KTXwriter"] = "specdither " SPECDITHER_VERSION_STRING;
  texture.keyValues["KTXorientation"] = "rd";  // row 0 is the top row, as in the PNG export
  for (const auto& [key, value] : options.metadata) {
    if (key.empty() || key.find('\0') != std::string::npos || value.find('\0') != std::string::npos) {
      *error = "cannot write '" + path + "': metadata key '" + key + "' or its value is empty or holds a NUL byte";
      return false;
    }
    // Keys beginning "KTX"/"ktx" are reserved for Khronos; a prefix names where ours come from.
    texture.keyValues["specdither." + key] = value;
  }
  return writeFileAtomically(path, encodeKtx2(texture), error);
}

bool writeNpyMask(const Mask& mask, const MaskOrder& order, const std::string& path, MaskStorage storage,
                  std::string* error) {
  NpyArray array;
  array.descr = storage == MaskStorage::R8 ? "|u1" : storage == MaskStorage::R16 ? "<u2" : "<f4";
  array.shape = mask.shape;
  array.data = storageBytes(mask, order, storage);
  return writeFileAtomically(path, encodeNpy(array), error);
}

bool writeSourceMask(const Mask& mask, const MaskOrder& order, const std::string& path,
                     const MaskExportOptions& options, const StorageChoice& choice, SourceLanguage language,
                     std::string* error) {
  // Size and identifier: checked by writeMask (shapeProblem).
  SourceMask source;
  source.name = options.name;
  source.width = mask.shape.width;
  source.height = mask.shape.height;
  if (choice.ranks) {
    source.levels = order.tiedRanks;
    source.levelCount = uint32_t(mask.pixelCount());
  } else if (choice.storage == MaskStorage::R32F) {
    source.floats = mask.values;
  } else {
    const int bits = choice.storage == MaskStorage::R8 ? 8 : 16;
    const std::vector<uint16_t> levels = quantizeOrder(order, bits);
    source.levels.assign(levels.begin(), levels.end());
    source.levelCount = 1u << bits;
  }
  return writeFileAtomically(path, encodeSourceMask(source, language), error);
}

// The file kind of an extension; false for one writeMask does not know.
bool fileKindOf(const std::string& ext, MaskFileKind* kind) {
  if (ext == ".png")
    *kind = MaskFileKind::Png;
  else if (ext == ".ktx2")
    *kind = MaskFileKind::Ktx2;
  else if (ext == ".npy")
    *kind = MaskFileKind::Npy;
  else if (ext == ".h" || ext == ".glsl")
    *kind = MaskFileKind::Source;
  else
    return false;
  return true;
}

std::string unknownExtension(const std::string& path, const std::string& ext) {
  return "cannot write '" + path + "': unknown extension '" + ext + "' (use .png, .ktx2, .npy, .h or .glsl)";
}

// Whether a file of this kind holds a mask of this shape (and, for source code, the identifier): "" or the
// reason, after "cannot write 'path': ".
std::string shapeProblem(MaskFileKind kind, const std::string& ext, const MaskShape& shape,
                         const MaskExportOptions& options) {
  // A stack goes to a PNG as an atlas, its slices top to bottom (what readMask's atlasSlices reads back).
  // A colour stack's atlas holds its slices' colours (gray + alpha, RGB, RGBA).
  if (kind == MaskFileKind::Png) {
    const std::string atlas = pngAtlasProblem(shape, ".ktx2 or .npy");
    if (!atlas.empty()) return atlas;
  }
  if (kind == MaskFileKind::Source && !shape.is2D())
    return ext + " holds one single-channel mask, this one is " + toString(shape) + " (write .ktx2, .png or .npy)";
  if (kind == MaskFileKind::Ktx2 && ktx2::formatOf(1, shape.channels) == 0)
    return "KTX2 holds masks of 1, 2 or 4 channels, this one is " + toString(shape) + " (write .png or .npy)";
  if (kind == MaskFileKind::Source) {
    if (shape.width > kMaxSourceMaskSide || shape.height > kMaxSourceMaskSide)
      return "a " + ext + " export holds masks up to 256x256, this one is " + toString(shape) +
             " (use .ktx2, .png or .npy)";
    std::string reason;
    if (!isValidSourceName(options.name, &reason)) return reason;
  }
  return "";
}

// --- reading ---

// slices > 0: the image is an atlas of that many slices stacked top to bottom (its rows in order are the stack's
// rows, mask.h's layout).
bool maskFromPng(const PngImage& image, Mask* out, std::string* reason, uint32_t slices = 0) {
  Mask mask;
  mask.shape = {image.width, image.height};
  if (slices > 0) {
    if (image.height % slices != 0)
      return *reason = "an atlas of " + std::to_string(slices) + " slices needs a height divisible by " +
                       std::to_string(slices) + ", not " + std::to_string(image.height),
             false;
    mask.shape = {image.width, image.height / slices, slices};
  }
  *reason = checkMaskShape(mask.shape);
  if (!reason->empty()) return false;
  if (image.channels < 1 || image.channels > 4 || image.samples.size() != mask.pixelCount() * image.channels)
    return *reason = "decoded PNG holds " + std::to_string(image.samples.size()) + " samples, not " +
                     std::to_string(image.width) + "x" + std::to_string(image.height) + "x" +
                     std::to_string(image.channels),
           false;
  // The mask's channels: one for gray (or R = G = B everywhere), R, G, B for colour; alpha is a channel of its own
  // only where it varies (an opaque image's alpha is not part of its mask).
  const uint32_t c = image.channels;
  const int bits = int(image.bitDepth);
  const size_t pixels = mask.pixelCount();
  bool gray = c < 3, alphaVaries = false;
  if (!gray) {
    gray = true;
    for (size_t i = 0; i < pixels && gray; ++i) {
      const uint16_t* px = &image.samples[i * c];
      gray = px[0] == px[1] && px[1] == px[2];
    }
  }
  if (c == 2 || c == 4)
    for (size_t i = 1; i < pixels && !alphaVaries; ++i)
      alphaVaries = image.samples[i * c + c - 1] != image.samples[c - 1];
  std::vector<uint32_t> sources = gray ? std::vector<uint32_t>{0} : std::vector<uint32_t>{0, 1, 2};
  if (alphaVaries) sources.push_back(c - 1);
  mask.shape.channels = uint32_t(sources.size());
  mask.values.resize(mask.valueCount());
  for (size_t i = 0; i < pixels; ++i)
    for (size_t k = 0; k < sources.size(); ++k)
      mask.values[i * sources.size() + k] = levelToValue(image.samples[i * c + sources[k]], bits);
  *out = std::move(mask);
  return true;
}

uint32_t loadLittleEndian(const uint8_t* p, uint32_t bytes) {
  uint32_t v = 0;
  for (uint32_t i = 0; i < bytes; ++i) v |= uint32_t(p[i]) << (8 * i);
  return v;
}

// Samples of a little-endian array in mask.h's value layout: "u8", "u16", "f32" or "f64".
bool maskFromSamples(const MaskShape& shape, const std::vector<uint8_t>& data, const std::string& type, Mask* out,
                     std::string* reason) {
  *reason = checkMaskShape(shape);  // bounds the values allocated below
  if (!reason->empty()) return false;
  const uint64_t sampleBytes = type == "u8" ? 1 : type == "u16" ? 2 : type == "f32" ? 4 : 8;
  uint64_t needed = 0;
  if (!checkedProduct({shape.valueCount(), sampleBytes}, &needed) || needed != data.size())
    return *reason = "data holds " + std::to_string(data.size()) + " bytes, " + toString(shape) + " of " + type +
                     " needs " + std::to_string(needed),
           false;
  Mask mask;
  mask.shape = shape;
  mask.values.resize(mask.valueCount());
  for (size_t i = 0; i < mask.valueCount(); ++i) {
    float v = 0;
    if (type == "u8") {
      v = levelToValue(data[i], 8);
    } else if (type == "u16") {
      v = levelToValue(loadLittleEndian(&data[i * 2], 2), 16);
    } else if (type == "f32") {
      const uint32_t bits = loadLittleEndian(&data[i * 4], 4);
      std::memcpy(&v, &bits, 4);
    } else {
      uint64_t bits = uint64_t(loadLittleEndian(&data[i * 8], 4)) | uint64_t(loadLittleEndian(&data[i * 8 + 4], 4))
                                                                        << 32;
      double d;
      std::memcpy(&d, &bits, 8);
      // A double beyond float's range has no float value (converting it is undefined): it counts as infinite.
      constexpr double kFloatMax = std::numeric_limits<float>::max();
      v = std::fabs(d) <= kFloatMax ? float(d) : std::numeric_limits<float>::infinity();
    }
    if (!std::isfinite(v)) return *reason = "value " + std::to_string(i) + " is not finite (NaN or infinity)", false;
    mask.values[i] = v;
  }
  *out = std::move(mask);
  return true;
}

}  // namespace

bool writeMask(const Mask& mask, const std::string& path, const MaskExportOptions& options, std::string* error) {
  std::string localError;
  if (!error) error = &localError;
  if (isSlicePattern(path)) return writeSliceFiles(mask, path, options, error);
  const std::string ext = fileExtension(path);
  MaskFileKind kind;
  if (!fileKindOf(ext, &kind)) {
    *error = unknownExtension(path, ext);
    return false;
  }
  std::string reason;
  if (!checkMask(mask, &reason) || !(reason = shapeProblem(kind, ext, mask.shape, options)).empty()) {
    *error = "cannot write '" + path + "': " + reason;
    return false;
  }
  // Before ordering the mask (a sort of every plane): the folder must take the file.
  *error = checkFileWritable(path);
  if (!error->empty()) return false;
  MaskOrder order;
  if (storageNeedsOrder(options, kind)) order = orderOf(mask);
  StorageChoice choice;
  if (!chooseStorage(mask, &order, options, kind, &choice, &reason)) {
    *error = "cannot write '" + path + "': " + reason;
    return false;
  }
  // Only an explicit choice gets here with a lossy storage (chooseStorage refuses an implicit one).
  std::string loss;
  if (choice.explicitChoice && choice.storage != MaskStorage::R32F)
    loss = quantizationLoss(mask, order, choice.storage == MaskStorage::R8 ? 8 : 16);
  bool written = false;
  switch (kind) {
    case MaskFileKind::Png: written = writePngMask(mask, order, path, choice.storage, error); break;
    case MaskFileKind::Ktx2: written = writeKtx2Mask(mask, order, path, options, choice.storage, error); break;
    case MaskFileKind::Npy: written = writeNpyMask(mask, order, path, choice.storage, error); break;
    case MaskFileKind::Source:
      written = writeSourceMask(mask, order, path, options, choice,
                                ext == ".h" ? SourceLanguage::C : SourceLanguage::Glsl, error);
      break;
  }
  if (written && kind == MaskFileKind::Source && std::max(mask.shape.width, mask.shape.height) > kLargeSourceMaskSide) {
    const std::string note = "a " + toString(mask.shape) + " table in source code is large (" +
                             std::to_string(mask.shape.pixelCount()) +
                             " entries); a texture (.ktx2, .png) is lighter for the compiler";
    loss = loss.empty() ? note : loss + "; " + note;
  }
  if (written && !loss.empty()) {
    if (options.warning)
      *options.warning = loss;
    else
      std::fprintf(stderr, "specdither: warning: %s\n", loss.c_str());
  }
  return written;
}

std::string checkMaskOutputPath(const std::string& path, const MaskExportOptions& options) {
  if (isSlicePattern(path)) {
    const std::string problem = checkSlicePattern(path);
    return problem.empty() ? checkMaskOutputPath(slicePath(path, 0), options) : problem;
  }
  const std::string ext = fileExtension(path);
  MaskFileKind kind;
  if (!fileKindOf(ext, &kind)) return unknownExtension(path, ext);
  std::string problem = checkStorageOptions(options, kind);
  if (problem.empty() && kind == MaskFileKind::Source) isValidSourceName(options.name, &problem);
  if (!problem.empty()) return "cannot write '" + path + "': " + problem;
  return checkFileWritable(path);
}

std::string checkMaskOutput(const std::string& path, const MaskShape& shape, const MaskExportOptions& options) {
  if (isSlicePattern(path)) return checkSliceFilesOutput(path, shape, options);
  std::string problem = checkMaskOutputPath(path, options);
  if (!problem.empty()) return problem;
  const std::string ext = fileExtension(path);
  MaskFileKind kind = MaskFileKind::Png;
  fileKindOf(ext, &kind);
  problem = shapeProblem(kind, ext, shape, options);
  // chooseStorage's rule for a mask whose every plane is a permutation: without bits or a format a PNG takes
  // 8 or 16 bits and refuses what 16 bits cannot keep apart.
  const bool implicitStorage = options.bits == 0 && options.format.empty();
  if (problem.empty() && kind == MaskFileKind::Png && implicitStorage && shape.planeSize() > 65536)
    // quantizationLoss's words: a permutation of N > 65536 values fills all 65536 levels.
    problem = "16 bits cannot keep the " + std::to_string(shape.planeSize()) + " distinct values of this " +
              toString(shape) + " mask apart (65536 levels; it is no longer a permutation); " + kPngLossRemedy;
  return problem.empty() ? "" : "cannot write '" + path + "': " + problem;
}

bool readMask(const std::string& path, Mask* out, std::string* error) { return readMask(path, out, error, {}); }

bool readMask(const std::string& path, Mask* out, std::string* error, const MaskReadOptions& options) {
  std::string localError;
  if (!error) error = &localError;
  if (isSlicePattern(path)) return readSliceFiles(path, out, error);
  const std::string ext = fileExtension(path);
  std::string reason;
  if (ext == ".png") {
    PngImage image;
    if (!readPng(path, &image, error)) return false;
    if (maskFromPng(image, out, &reason, options.atlasSlices)) return true;
    *error = "cannot read mask '" + path + "': " + reason;
    return false;
  }
  if (options.atlasSlices > 0) {  // a 2D file of another format, cut into slices
    Mask flat;
    if (!readMask(path, &flat, error)) return false;
    if (!flat.shape.is2D() || flat.shape.height % options.atlasSlices != 0) {
      *error = "cannot read mask '" + path + "' as an atlas of " + std::to_string(options.atlasSlices) +
               " slices: it is " + toString(flat.shape) + " (a 2D image whose height divides into the slices)";
      return false;
    }
    flat.shape = {flat.shape.width, flat.shape.height / options.atlasSlices, options.atlasSlices};
    reason = checkMaskShape(flat.shape);
    if (!reason.empty()) {
      *error = "cannot read mask '" + path + "': " + reason;
      return false;
    }
    *out = std::move(flat);
    return true;
  }
  if (ext == ".ktx2") {
    Ktx2Texture texture;
    if (!readKtx2(path, &texture, error)) return false;
    const uint32_t components = ktx2::componentCount(texture.vkFormat);
    const uint32_t componentBytes = ktx2::texelBytes(texture.vkFormat) / components;
    const char* type = componentBytes == 1 ? "u8" : componentBytes == 2 ? "u16" : "f32";
    const MaskShape shape{texture.width, texture.height, texture.layers(), components};
    if (maskFromSamples(shape, texture.level0, type, out, &reason)) return true;
    *error = "cannot read KTX2 '" + path + "': " + reason;
    return false;
  }
  if (ext == ".npy") {
    std::vector<uint8_t> bytes;
    if (!readFileBytes(path, &bytes, error)) return false;
    NpyArray array;
    if (parseNpy(bytes, &array, &reason)) {
      const char* type = array.descr == "|u1"   ? "u8"
                         : array.descr == "<u2" ? "u16"
                         : array.descr == "<f4" ? "f32"
                                                : "f64";
      if (maskFromSamples(array.shape, array.data, type, out, &reason)) return true;
    }
    *error = "cannot read .npy '" + path + "': " + reason;
    return false;
  }
  if (ext == ".h" || ext == ".glsl") {
    *error = "cannot read mask '" + path + "': " + ext + " exports are write-only (read the .png, .ktx2 or .npy)";
    return false;
  }
  *error = "cannot read mask '" + path + "': unknown extension '" + ext + "' (use .png, .ktx2 or .npy)";
  return false;
}

}  // namespace specdither
