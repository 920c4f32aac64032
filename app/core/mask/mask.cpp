#include "specdither/mask.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace specdither {

namespace {

// Index in Mask::values of value j (y * width + x) of one plane.
struct PlaneIndex {
  size_t base, stride;
  PlaneIndex(const MaskShape& shape, size_t plane) : base(shape.planeOffset(plane)), stride(shape.channels) {}
  size_t operator()(size_t j) const { return base + j * stride; }
};

}  // namespace

std::string toString(const MaskShape& shape) {
  std::string text = std::to_string(shape.width) + "x" + std::to_string(shape.height);
  if (shape.slices != 1 || shape.channels != 1) text += "x" + std::to_string(shape.slices);
  switch (shape.channels) {
    case 1: break;
    case 2: text += " RG"; break;
    case 3: text += " RGB"; break;
    case 4: text += " RGBA"; break;
    default: text += " (" + std::to_string(shape.channels) + " channels)"; break;
  }
  return text;
}

std::string checkMaskShape(const MaskShape& shape) {
  constexpr uint32_t kMinSide = 4, kMaxSide = 4096, kMaxSlices = 4096, kMaxChannels = 4;
  // Every value of a mask fits one float32 file under readFileBytes' 1 GiB (atomic_file.h).
  constexpr size_t kMaxValues = size_t(1) << 28;
  if (shape.width < kMinSide || shape.height < kMinSide || shape.width > kMaxSide || shape.height > kMaxSide)
    return "mask size " + std::to_string(shape.width) + "x" + std::to_string(shape.height) +
           " is out of range (each side 4 to 4096)";
  if (shape.slices < 1 || shape.slices > kMaxSlices)
    return "mask of " + std::to_string(shape.slices) + " slices is out of range (1 to 4096)";
  if (shape.channels < 1 || shape.channels > kMaxChannels)
    return "mask of " + std::to_string(shape.channels) + " channels is out of range (1 to 4)";
  if (shape.valueCount() > kMaxValues)
    return "mask " + toString(shape) + " holds " + std::to_string(shape.valueCount()) + " values, more than 2^28";
  return "";
}

std::string check2DShape(const MaskShape& shape, const std::string& what) {
  if (shape.is2D()) return "";
  return what + " works on 2D single-channel masks, not " + toString(shape);
}

void require2DShape(const MaskShape& shape, const std::string& what) {
  const std::string reason = check2DShape(shape, what);
  if (!reason.empty()) throw std::invalid_argument(reason);
}

std::vector<uint32_t> ranksOf(const Mask& mask) {
  const MaskShape& shape = mask.shape;
  const size_t n = shape.planeSize();
  std::vector<uint32_t> ranks(mask.values.size());
  std::vector<uint32_t> order(n);
  for (size_t plane = 0; plane < shape.planeCount(); ++plane) {
    const PlaneIndex at(shape, plane);
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      const float va = mask.values[at(a)], vb = mask.values[at(b)];
      return va < vb || (va == vb && a < b);
    });
    for (size_t r = 0; r < n; ++r) ranks[at(order[r])] = uint32_t(r);
  }
  return ranks;
}

std::vector<uint32_t> doubledMidRanks(const Mask& mask) {
  const std::vector<uint32_t> ranks = ranksOf(mask);
  const MaskShape& shape = mask.shape;
  const size_t n = shape.planeSize();
  std::vector<uint32_t> doubled(mask.values.size());
  std::vector<size_t> atRank(n);  // value index of the pixel holding each rank
  for (size_t plane = 0; plane < shape.planeCount(); ++plane) {
    const PlaneIndex at(shape, plane);
    for (size_t j = 0; j < n; ++j) atRank[ranks[at(j)]] = at(j);
    // Walk the ranks in order; each run of equal values gets the same 2 * first + count.
    for (size_t first = 0; first < n;) {
      size_t end = first + 1;
      while (end < n && mask.values[atRank[end]] == mask.values[atRank[first]]) ++end;
      for (size_t r = first; r < end; ++r) doubled[atRank[r]] = uint32_t(2 * first + (end - first));
      first = end;
    }
  }
  return doubled;
}

Mask maskFromRanks(const RankGrid& grid) {
  Mask out;
  out.shape = grid.shape;
  out.values.resize(grid.ranks.size());
  const double n = double(grid.shape.planeSize());
  for (size_t i = 0; i < grid.ranks.size(); ++i) out.values[i] = float((grid.ranks[i] + 0.5) / n);
  return out;
}

Mask rankNormalized(const Mask& mask) { return maskFromRanks({mask.shape, ranksOf(mask)}); }

Mask maskSlice(const Mask& mask, uint32_t slice) {
  if (slice >= mask.shape.slices) throw std::invalid_argument("maskSlice: no slice " + std::to_string(slice));
  Mask out;
  out.shape = {mask.shape.width, mask.shape.height, 1, mask.shape.channels};
  const size_t count = out.shape.valueCount();
  out.values.assign(mask.values.begin() + slice * count, mask.values.begin() + (slice + 1) * count);
  return out;
}

Mask maskChannel(const Mask& mask, uint32_t channel) {
  if (channel >= mask.shape.channels)
    throw std::invalid_argument("maskChannel: channel " + std::to_string(channel) + " of " + toString(mask.shape));
  Mask out;
  out.shape = {mask.shape.width, mask.shape.height, mask.shape.slices};
  out.values.resize(out.shape.pixelCount());
  for (size_t i = 0; i < out.values.size(); ++i) out.values[i] = mask.values[i * mask.shape.channels + channel];
  return out;
}

bool isExactPermutation(const Mask& mask) {
  const MaskShape& shape = mask.shape;
  std::vector<float> sorted(shape.planeSize());
  for (size_t plane = 0; plane < shape.planeCount(); ++plane) {
    const PlaneIndex at(shape, plane);
    for (size_t j = 0; j < sorted.size(); ++j) sorted[j] = mask.values[at(j)];
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) return false;
  }
  return true;
}

}  // namespace specdither
