#include "specdither/filter/filter_image.h"

#include "specdither/png_io.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace specdither {

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
    for (uint32_t c = 0; c < colors; ++c) img.pixels[c * plane + i] = float(png.samples[i * png.channels + c] / range);
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
  const float colors[6][3] = {{1, 1, 1},       {1, 0.8f, 0.5f}, {0.6f, 0.8f, 1},
                              {1, 0.5f, 0.4f}, {0.7f, 1, 0.6f}, {1, 1, 0.7f}};
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
