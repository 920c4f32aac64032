#include "filter_blur.h"

#include "compute_kernel.h"
#include "filter_shared.h"
#include "png_io.h"

#include <algorithm>
#include <cmath>
#include <limits>

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
  const gpu::FilterBlurPush p = basePush(b, kernelWidth, kernelHeight, scale);
  // Orders the pass after whatever last wrote the kernel or the target.
  recordComputeBarrier(cmd);
  // One workgroup per tile of (GROUP_X * EXACT_PER_THREAD) x GROUP_Y outputs of one channel.
  const uint32_t tileW = SD_FILTER_BLUR_GROUP_X * SD_FILTER_EXACT_PER_THREAD, tileH = SD_FILTER_BLUR_GROUP_Y;
  const uint32_t groupsX = (b->image.width + tileW - 1) / tileW, groupsY = (b->image.height + tileH - 1) / tileH;
  recordDispatch(cmd, b->exact, {&b->linear, &kernel, &target}, p, groupsX * SD_FILTER_BLUR_GROUP_X,
                 groupsY * SD_FILTER_BLUR_GROUP_Y, b->image.channels);
  recordComputeBarrier(cmd);
}

FloatImage readBlurTarget(GpuContext* c, const FilterBlur* b, const GpuBuffer& target) {
  FloatImage out = b->image;
  downloadBuffer(c, target, out.pixels.data(), VkDeviceSize(out.count()) * 4);
  return out;
}

const FloatImage& blurSourceImage(const FilterBlur* b) { return b->image; }

ImageError compareImages(const FloatImage& a, const FloatImage& b) {
  ImageError e;
  const size_t n = std::min(a.pixels.size(), b.pixels.size());
  double sum = 0;
  for (size_t i = 0; i < n; ++i) {
    const double d = std::clamp(double(a.pixels[i]), 0.0, 1.0) - std::clamp(double(b.pixels[i]), 0.0, 1.0);
    sum += d * d;
    e.maxAbs = std::max(e.maxAbs, std::abs(d));
  }
  e.rmse = n ? std::sqrt(sum / n) : 0.0;
  e.psnr = e.rmse > 0 ? -20.0 * std::log10(e.rmse) : std::numeric_limits<double>::infinity();
  return e;
}

bool loadImagePng(const std::string& path, FloatImage* out, std::string* error) {
  PngImage png;
  if (!readPng(path, &png, error)) return false;
  const uint32_t colors = png.channels >= 3 ? 3 : 1;
  const double range = png.bitDepth == 16 ? 65535.0 : 255.0;
  FloatImage img;
  img.width = png.width;
  img.height = png.height;
  img.channels = colors;
  img.pixels.resize(img.count());
  const size_t plane = size_t(png.width) * png.height;
  for (size_t i = 0; i < plane; ++i)
    for (uint32_t c = 0; c < colors; ++c)
      img.pixels[c * plane + i] = float(png.samples[i * png.channels + c] / range);
  *out = std::move(img);
  return true;
}

FloatImage makeBokehTestImage(uint32_t width, uint32_t height) {
  FloatImage img;
  img.width = width;
  img.height = height;
  img.channels = 3;
  img.pixels.assign(img.count(), 0.0f);
  const size_t plane = size_t(width) * height;
  auto put = [&](int x, int y, float r, float g, float b) {
    if (x < 0 || y < 0 || x >= int(width) || y >= int(height)) return;
    const size_t i = size_t(y) * width + x;
    img.pixels[i] = std::max(img.pixels[i], r);
    img.pixels[plane + i] = std::max(img.pixels[plane + i], g);
    img.pixels[2 * plane + i] = std::max(img.pixels[2 * plane + i], b);
  };
  // Dark background, a little brighter toward the bottom, so the blur's response to flat areas shows too.
  for (uint32_t y = 0; y < height; ++y)
    for (uint32_t x = 0; x < width; ++x) {
      const float t = 0.08f + 0.22f * float(y) / float(height);
      put(int(x), int(y), t * 0.9f, t * 0.85f, t);
    }
  // Point lights on a jittered grid (a fixed integer hash, so the picture never changes): sizes 1..4 px.
  const float colors[6][3] = {{1, 1, 1}, {1, 0.8f, 0.5f}, {0.6f, 0.8f, 1}, {1, 0.5f, 0.4f}, {0.7f, 1, 0.6f},
                              {1, 1, 0.7f}};
  const uint32_t step = std::max(8u, std::min(width, height) / 4);
  uint32_t h = 12345;
  auto next = [&] {
    h ^= h << 13;
    h ^= h >> 17;
    h ^= h << 5;
    return h;
  };
  for (uint32_t gy = step / 2; gy + step / 4 < height; gy += step)
    for (uint32_t gx = step / 2; gx + step / 4 < width; gx += step) {
      const int cx = int(gx) + int(next() % (step / 2)) - int(step / 4);
      const int cy = int(gy) + int(next() % (step / 2)) - int(step / 4);
      const int radius = int(next() % 4);
      const float* c = colors[next() % 6];
      for (int dy = -radius; dy <= radius; ++dy)
        for (int dx = -radius; dx <= radius; ++dx)
          if (dx * dx + dy * dy <= radius * radius) put(cx + dx, cy + dy, c[0], c[1], c[2]);
    }
  // A thin bright diagonal line and a bright bar at the bottom edge (edges and lines show ringing).
  for (uint32_t i = 0; i < std::min(width, height) / 3; ++i) put(int(width / 8 + i), int(height / 6 + i / 2), 1, 1, 1);
  for (uint32_t y = height - std::max(2u, height / 16); y < height; ++y)
    for (uint32_t x = width / 3; x < 2 * width / 3; ++x) put(int(x), int(y), 0.95f, 0.95f, 0.9f);
  return img;
}

}  // namespace specdither
