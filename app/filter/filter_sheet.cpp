#include "specdither/filter/filter_sheet.h"

#include "specdither/bitmap_font.h"
#include "specdither/png_io.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace specdither {

namespace {

// Labels in the shared bitmap font (bitmap_font.h) at scale 2, light on the dark sheet.
constexpr int kTextScale = 2;
const uint32_t kTextHeight = uint32_t(bitmapTextHeight(kTextScale)) + 4;  // a label line with its padding
constexpr uint32_t kGap = 8;

RgbImage blank(uint32_t w, uint32_t h, uint8_t gray) {
  RgbImage img;
  img.width = w;
  img.height = h;
  img.pixels.assign(size_t(w) * h * 3, gray);
  return img;
}

void paste(RgbImage& dst, const RgbImage& src, uint32_t x0, uint32_t y0) {
  for (uint32_t y = 0; y < src.height && y0 + y < dst.height; ++y)
    for (uint32_t x = 0; x < src.width && x0 + x < dst.width; ++x)
      std::memcpy(&dst.pixels[((size_t(y0) + y) * dst.width + x0 + x) * 3],
                  &src.pixels[(size_t(y) * src.width + x) * 3], 3);
}

void drawText(RgbImage& dst, const std::string& text, uint32_t x0, uint32_t y0) {
  drawBitmapText({dst.pixels.data(), dst.width, dst.height}, int(x0), int(y0), text, {235, 235, 235}, kTextScale);
}

std::string format(const char* pattern, double a, double b = 0, double c = 0) {
  char text[96];
  std::snprintf(text, sizeof text, pattern, a, b, c);
  return text;
}

}  // namespace

RgbImage renderFilterTaps(const std::vector<double>& taps, uint32_t width, uint32_t height, double peak,
                          uint32_t pixelSize) {
  RgbImage img = blank(width * pixelSize, height * pixelSize, 0);
  const double p = peak > 0 ? peak : 1.0;
  for (uint32_t y = 0; y < height; ++y)
    for (uint32_t x = 0; x < width; ++x) {
      const double v = taps[size_t(y) * width + x] / p;
      uint8_t rgb[3];
      if (v < -1e-4) {
        // Highlighted: any visible negative tap is at least a dark red, stronger ones saturate quickly.
        const double t = std::min(1.0, 0.35 + 0.65 * std::min(1.0, -v * 8.0));
        rgb[0] = uint8_t(std::lround(255 * t));
        rgb[1] = rgb[2] = 0;
      } else {
        const uint8_t g = uint8_t(std::lround(255 * std::clamp(v, 0.0, 1.0)));
        rgb[0] = rgb[1] = rgb[2] = g;
      }
      for (uint32_t sy = 0; sy < pixelSize; ++sy)
        for (uint32_t sx = 0; sx < pixelSize; ++sx)
          std::memcpy(&img.pixels[((size_t(y) * pixelSize + sy) * img.width + x * pixelSize + sx) * 3], rgb, 3);
    }
  return img;
}

RgbImage renderImage(const FloatImage& image, uint32_t downscale) {
  const uint32_t f = std::max(1u, downscale);
  RgbImage img = blank(image.width / f, image.height / f, 0);
  const size_t plane = size_t(image.width) * image.height;
  for (uint32_t y = 0; y < img.height; ++y)
    for (uint32_t x = 0; x < img.width; ++x)
      for (uint32_t c = 0; c < 3; ++c) {
        const uint32_t channel = image.channels >= 3 ? c : 0;
        double sum = 0;
        for (uint32_t sy = 0; sy < f; ++sy)
          for (uint32_t sx = 0; sx < f; ++sx)
            sum += std::clamp(double(image.pixels[channel * plane + size_t(y * f + sy) * image.width + x * f + sx]),
                              0.0, 1.0);
        img.pixels[(size_t(y) * img.width + x) * 3 + c] = uint8_t(std::lround(255 * sum / (f * f)));
      }
  return img;
}

RgbImage makeFilterSheet(const FilterStudySettings& s, const FilterStudyResult& r) {
  const FilterKernel& k = s.kernel;
  const uint32_t pixelSize = std::max(1u, 150u / std::max(k.width, k.height));
  const uint32_t fw = k.width * pixelSize, fh = k.height * pixelSize;
  const bool images = !r.exactBlur.pixels.empty();
  const uint32_t downscale = images ? std::max(1u, (r.exactBlur.width + 383) / 384) : 1;
  const uint32_t iw = images ? r.exactBlur.width / downscale : 0, ih = images ? r.exactBlur.height / downscale : 0;
  const uint32_t cellW = fw + (images ? kGap + iw : 0), cellH = kTextHeight + std::max(fh, ih);
  const bool grid = s.sweep && s.sweepNonneg.size() * s.sweepZeros.size() == r.runs.size();
  const uint32_t cols = grid ? uint32_t(s.sweepZeros.size()) : 1;
  const uint32_t rows = grid ? uint32_t(s.sweepNonneg.size()) : uint32_t(r.runs.size());
  const uint32_t topW = 2 * fw + (images ? 2 * iw + 3 * kGap : kGap);
  const uint32_t width = 2 * kGap + std::max(topW, cols * cellW + (cols - 1) * kGap);
  const uint32_t height = 2 * kGap + kTextHeight + (cellH + kGap) * (1 + rows);
  RgbImage sheet = blank(width, height, 24);

  char title[160];
  std::snprintf(title, sizeof title, "%ux%u kernel, rank %u, %u steps, lr %g, gamma %g", k.width, k.height, s.rank,
                s.steps, double(s.params.update.learningRate), double(s.gamma));
  drawText(sheet, title, kGap, kGap);

  // Taps are drawn relative to the target's peak (1 in the default units; 1 / sum with --target-scale sum).
  const double peak = k.values.empty() ? 1.0 : *std::max_element(k.values.begin(), k.values.end());
  const std::vector<double> svdTaps = reconstructFilter(r.svd);
  uint32_t x = kGap, y = kGap + kTextHeight;
  drawText(sheet, "target", x, y);
  paste(sheet, renderFilterTaps(k.values, k.width, k.height, peak, pixelSize), x, y + kTextHeight);
  x += fw + kGap;
  drawText(sheet, "svd rank " + std::to_string(s.rank), x, y);
  paste(sheet, renderFilterTaps(svdTaps, k.width, k.height, peak, pixelSize), x, y + kTextHeight);
  if (images) {
    x += fw + kGap;
    drawText(sheet, "exact 2d blur", x, y);
    paste(sheet, renderImage(r.exactBlur, downscale), x, y + kTextHeight);
    x += iw + kGap;
    drawText(sheet, format("svd blur rmse %.4f", r.svdBlurError.rmse), x, y);
    paste(sheet, renderImage(r.svdBlur, downscale), x, y + kTextHeight);
  }
  for (size_t i = 0; i < r.runs.size(); ++i) {
    const FilterRun& run = r.runs[i];
    const uint32_t row = uint32_t(i) / cols, col = uint32_t(i) % cols;
    const uint32_t cx = kGap + col * (cellW + kGap), cy = kGap + kTextHeight + (row + 1) * (cellH + kGap);
    std::string label = format("nn %.2g z %.2g", run.weights.nonneg, run.weights.zeros);
    if (images) label += format(" rmse %.4f", run.blurError.rmse);
    drawText(sheet, label, cx, cy);
    paste(sheet, renderFilterTaps(reconstructFilter(run.filter), k.width, k.height, peak, pixelSize), cx,
          cy + kTextHeight);
    if (images) paste(sheet, renderImage(run.blurred, downscale), cx + fw + kGap, cy + kTextHeight);
  }
  return sheet;
}

bool writeRgbPng(const std::string& path, const RgbImage& image, std::string* error) {
  PngImage png;
  png.width = image.width;
  png.height = image.height;
  png.channels = 3;
  png.bitDepth = 8;
  png.samples.assign(image.pixels.begin(), image.pixels.end());
  return writePng(path, png, error);
}

}  // namespace specdither
