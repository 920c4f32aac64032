#include "specdither/filter/filter_blur.h"

#include "specdither/compute_kernel.h"
#include "filter_shared.h"

#include <algorithm>
#include <cmath>

namespace specdither {

struct FilterBlur {
  GpuContext* context = nullptr;
  FloatImage image;
  float gamma = 1.0f;
  uint32_t chunk = 1;  // ranks per rows pass (planes of temp)
  ComputeKernel linearize, rows, columns, exact;
  GpuBuffer source, linear, temp;
};

namespace {

gpu::FilterBlurPush basePush(const FilterBlur* b, uint32_t kernelWidth, uint32_t kernelHeight, float scale) {
  gpu::FilterBlurPush p = {};
  p.imageWidth = b->image.width;
  p.imageHeight = b->image.height;
  p.channels = b->image.channels;
  p.kernelWidth = kernelWidth;
  p.kernelHeight = kernelHeight;
  p.scale = scale;
  p.gamma = b->gamma;
  return p;
}

}  // namespace

FilterBlur* createFilterBlur(GpuContext* c, const FloatImage& image, float gamma, std::string* error) {
  if (image.width == 0 || image.height == 0 || image.channels == 0 || image.pixels.size() != image.count()) {
    *error = "the image to blur is empty";
    return nullptr;
  }
  if (!(gamma > 0) || !std::isfinite(gamma)) {
    *error = "gamma must be a finite number > 0";
    return nullptr;
  }
  const VkDeviceSize bytes = VkDeviceSize(image.count()) * 4;
  const VkDeviceSize range = c->properties.limits.maxStorageBufferRange;
  if (bytes > range) {
    *error = "image of " + std::to_string(image.width) + "x" + std::to_string(image.height) + "x" +
             std::to_string(image.channels) + " is too large for this device's storage buffers";
    return nullptr;
  }
  FilterBlur* b = new FilterBlur;
  b->context = c;
  b->image = image;
  b->gamma = gamma;
  b->chunk = uint32_t(std::clamp<VkDeviceSize>(range / bytes, 1, SD_FILTER_BLUR_MAX_CHUNK));
  const uint32_t gx = SD_FILTER_BLUR_GROUP_X, gy = SD_FILTER_BLUR_GROUP_Y;
  const uint32_t push = sizeof(gpu::FilterBlurPush);
  b->linearize = createKernel(c, "filter_blur_linearize", 2, push, gx, gy);
  b->rows = createKernel(c, "filter_blur_rows", 3, push, gx, gy);
  b->columns = createKernel(c, "filter_blur_columns", 3, push, gx, gy);
  b->exact = createKernel(c, "filter_blur_exact", 3, push, gx, gy);
  b->source = createBuffer(c, bytes, MemoryKind::DeviceLocal);
  b->linear = createBuffer(c, bytes, MemoryKind::DeviceLocal);
  b->temp = createBuffer(c, bytes * b->chunk, MemoryKind::DeviceLocal);
  uploadBuffer(c, b->source, image.pixels.data(), bytes);
  submitAndWait(c, [&](VkCommandBuffer cmd) {
    const gpu::FilterBlurPush p = basePush(b, 1, 1, 1.0f);
    recordDispatch(cmd, b->linearize, {&b->source, &b->linear}, p, image.width, image.height * image.channels);
  });
  return b;
}

void destroyFilterBlur(FilterBlur* b) {
  if (!b) return;
  GpuContext* c = b->context;
  destroyKernel(c, b->linearize);
  destroyKernel(c, b->rows);
  destroyKernel(c, b->columns);
  destroyKernel(c, b->exact);
  destroyBuffer(c, b->source);
  destroyBuffer(c, b->linear);
  destroyBuffer(c, b->temp);
  delete b;
}

GpuBuffer createBlurTarget(GpuContext* c, const FilterBlur* b) {
  return createBuffer(c, VkDeviceSize(b->image.count()) * 4, MemoryKind::DeviceLocal);
}

void recordSeparableBlur(VkCommandBuffer cmd, FilterBlur* b, const GpuBuffer& params, uint32_t rank,
                         uint32_t kernelWidth, uint32_t kernelHeight, float scale, const GpuBuffer& target) {
  const uint32_t w = b->image.width, rowsTotal = b->image.height * b->image.channels;
  gpu::FilterBlurPush p = basePush(b, kernelWidth, kernelHeight, scale);
  p.rank = rank;
  // Orders the passes after whatever last wrote the taps (an optimizer step) or the target (an earlier blur).
  recordComputeBarrier(cmd);
  for (uint32_t begin = 0; begin < rank; begin += b->chunk) {
    p.rankBegin = begin;
    p.rankCount = std::min(b->chunk, rank - begin);
    p.accumulate = begin > 0;
    p.finalize = begin + p.rankCount >= rank;
    recordDispatch(cmd, b->rows, {&b->linear, &params, &b->temp}, p, w, rowsTotal);
    // The vertical passes read rows of temp that other invocations wrote.
    recordComputeBarrier(cmd);
    recordDispatch(cmd, b->columns, {&b->temp, &params, &target}, p, w, rowsTotal);
    // The next chunk overwrites temp (read above) and adds to the target (written above).
    recordComputeBarrier(cmd);
  }
}

void recordExactBlur(VkCommandBuffer cmd, FilterBlur* b, const GpuBuffer& kernel, uint32_t kernelWidth,
                     uint32_t kernelHeight, float scale, const GpuBuffer& target) {
  gpu::FilterBlurPush p = basePush(b, kernelWidth, kernelHeight, scale);
  // Orders the pass after whatever last wrote the kernel or the target.
  recordComputeBarrier(cmd);
  // One workgroup per tile of (GROUP_X * EXACT_PER_THREAD) x GROUP_Y outputs of one channel; one dispatch per
  // band of kernel rows, each adding to the sum of the previous ones.
  const uint32_t tileW = SD_FILTER_BLUR_GROUP_X * SD_FILTER_EXACT_PER_THREAD, tileH = SD_FILTER_BLUR_GROUP_Y;
  const uint32_t groupsX = (b->image.width + tileW - 1) / tileW, groupsY = (b->image.height + tileH - 1) / tileH;
  const uint32_t bandRows = std::max<uint32_t>(1, SD_FILTER_EXACT_TAPS_PER_PASS / kernelWidth);
  for (uint32_t row = 0; row < kernelHeight; row += bandRows) {
    p.rowBegin = row;
    p.rowCount = std::min(bandRows, kernelHeight - row);
    p.accumulate = row > 0;
    p.finalize = row + p.rowCount == kernelHeight;
    recordDispatch(cmd, b->exact, {&b->linear, &kernel, &target}, p, groupsX * SD_FILTER_BLUR_GROUP_X,
                   groupsY * SD_FILTER_BLUR_GROUP_Y, b->image.channels);
    recordComputeBarrier(cmd);  // this band's sums -> the next band, or the caller's reads
  }
}

FloatImage readBlurTarget(GpuContext* c, const FilterBlur* b, const GpuBuffer& target) {
  FloatImage out = b->image;
  downloadBuffer(c, target, out.pixels.data(), VkDeviceSize(out.count()) * 4);
  return out;
}

const FloatImage& blurSourceImage(const FilterBlur* b) { return b->image; }

}  // namespace specdither
