#include "mask/mask_storage.h"

namespace specdither {

const char* storageName(MaskStorage storage) {
  switch (storage) {
    case MaskStorage::R8: return "r8";
    case MaskStorage::R16: return "r16";
    case MaskStorage::R32F: return "r32f";
  }
  return "?";
}

MaskOrder orderOf(const Mask& mask) {
  const MaskShape& shape = mask.shape;
  MaskOrder order;
  order.planeSize = shape.planeSize();
  order.tiedRanks = ranksOf(mask);
  std::vector<size_t> byRank(order.planeSize);  // index in values of each rank of the plane
  for (size_t plane = 0; plane < shape.planeCount(); ++plane) {
    const size_t base = shape.planeOffset(plane);
    for (size_t j = 0; j < order.planeSize; ++j) {
      const size_t at = base + j * shape.channels;
      byRank[order.tiedRanks[at]] = at;
    }
    uint32_t groupRank = 0;
    for (size_t r = 0; r < byRank.size(); ++r) {
      if (r == 0 || mask.values[byRank[r]] != mask.values[byRank[r - 1]]) {
        groupRank = uint32_t(r);
        ++order.distinctValues;
      }
      order.tiedRanks[byRank[r]] = groupRank;
    }
  }
  return order;
}

std::vector<uint16_t> quantizeOrder(const MaskOrder& order, int bits) {
  const uint64_t n = order.planeSize;
  std::vector<uint16_t> levels(order.tiedRanks.size());
  for (size_t i = 0; i < levels.size(); ++i) levels[i] = uint16_t((uint64_t(order.tiedRanks[i]) << bits) / n);
  return levels;
}

std::string quantizationLoss(const Mask& mask, const MaskOrder& order, int bits) {
  const uint64_t n = order.planeSize;
  if (n == 0) return "";
  // Quantization is monotone within a plane, so it keeps the distinct values apart exactly when it yields as
  // many levels in every plane (summed over the planes: no plane can yield more levels than values).
  const MaskShape& shape = mask.shape;
  size_t levels = 0;
  for (size_t plane = 0; plane < shape.planeCount(); ++plane) {
    std::vector<bool> used(size_t(1) << bits, false);
    const size_t base = shape.planeOffset(plane);
    for (size_t j = 0; j < n; ++j) {
      const size_t level = size_t((uint64_t(order.tiedRanks[base + j * shape.channels]) << bits) / n);
      if (!used[level]) {
        used[level] = true;
        ++levels;
      }
    }
  }
  if (levels == order.distinctValues) return "";
  return std::to_string(bits) + " bits cannot keep the " + std::to_string(order.distinctValues) +
         " distinct values of this " + toString(shape) + " mask apart (" + std::to_string(levels) +
         " levels; it is no longer a permutation)";
}

std::string quantizationLoss(const Mask& mask, int bits) { return quantizationLoss(mask, orderOf(mask), bits); }

bool storageNeedsOrder(const MaskExportOptions& options, MaskFileKind kind) {
  if (options.format == "r32f") return false;
  if (kind == MaskFileKind::Npy && options.format.empty() && options.bits == 0) return false;
  return true;
}

std::string checkStorageOptions(const MaskExportOptions& options, MaskFileKind kind) {
  const std::string& format = options.format;
  if (!format.empty() && format != "r8" && format != "r16" && format != "r32f")
    return "unknown format '" + format + "' (use r8, r16 or r32f)";
  if (options.bits != 0 && options.bits != 8 && options.bits != 16)
    return "bits must be 8 or 16, not " + std::to_string(options.bits);
  if (format == "r32f" && options.bits != 0) return "--bits applies to integer formats, not to r32f (float32)";
  if ((format == "r8" && options.bits == 16) || (format == "r16" && options.bits == 8))
    return "format " + format + " contradicts --bits " + std::to_string(options.bits);
  if (kind == MaskFileKind::Png && format == "r32f")
    return "PNG cannot hold float32 (r32f) values; use r8 or r16, or write .ktx2 or .npy";
  return "";
}

bool chooseStorage(const Mask& mask, const MaskOrder* order, const MaskExportOptions& options, MaskFileKind kind,
                   StorageChoice* choice, std::string* error) {
  auto failWith = [&](const std::string& reason) {
    if (error) *error = reason;
    return false;
  };
  const std::string problem = checkStorageOptions(options, kind);
  if (!problem.empty()) return failWith(problem);
  const std::string& format = options.format;
  StorageChoice result;
  result.explicitChoice = !format.empty() || options.bits != 0;
  if (result.explicitChoice) {
    if (format == "r32f")
      result.storage = MaskStorage::R32F;
    else if (format == "r8" || options.bits == 8)
      result.storage = MaskStorage::R8;
    else
      result.storage = MaskStorage::R16;
    *choice = result;
    return true;
  }

  switch (kind) {
    case MaskFileKind::Npy: result.storage = MaskStorage::R32F; break;
    case MaskFileKind::Source:
      result.ranks = true;
      result.storage = mask.pixelCount() <= 256 ? MaskStorage::R8 : MaskStorage::R16;
      break;
    case MaskFileKind::Png:
    case MaskFileKind::Ktx2:
      if (quantizationLoss(mask, *order, 8).empty()) {
        result.storage = MaskStorage::R8;
      } else if (quantizationLoss(mask, *order, 16).empty()) {
        result.storage = MaskStorage::R16;
      } else if (kind == MaskFileKind::Ktx2) {
        result.storage = MaskStorage::R32F;
      } else {
        return failWith(quantizationLoss(mask, *order, 16) + "; " + kPngLossRemedy);
      }
      break;
  }
  *choice = result;
  return true;
}

}  // namespace specdither
