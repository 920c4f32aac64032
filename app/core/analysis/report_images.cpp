#include "analysis/report_images.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace specdither {

namespace {

constexpr Rgb kWhite{255, 255, 255}, kBlack{0, 0, 0}, kGrid{225, 225, 225}, kAxis{60, 60, 60},
    kReference{140, 140, 140};

// 3x5 glyphs for tick labels (rows top to bottom, 3 bits each, MSB = left column).
struct Glyph {
  char c;
  uint8_t rows[5];
};
constexpr Glyph kGlyphs[] = {
    {'0', {7, 5, 5, 5, 7}}, {'1', {2, 6, 2, 2, 7}}, {'2', {7, 1, 7, 4, 7}}, {'3', {7, 1, 7, 1, 7}},
    {'4', {5, 5, 7, 1, 1}}, {'5', {7, 4, 7, 1, 7}}, {'6', {7, 4, 7, 5, 7}}, {'7', {7, 1, 1, 1, 1}},
    {'8', {7, 5, 7, 5, 7}}, {'9', {7, 5, 7, 1, 7}}, {'.', {0, 0, 0, 0, 2}}, {'-', {0, 0, 7, 0, 0}},
};

// Draws text at scale 2 (each glyph 6 x 10 px plus a 2 px gap); unknown characters are blank.
void drawText(Canvas& canvas, int x, int y, const std::string& text, Rgb color) {
  for (char ch : text) {
    for (const Glyph& g : kGlyphs) {
      if (g.c != ch) continue;
      for (int row = 0; row < 5; ++row)
        for (int col = 0; col < 3; ++col)
          if (g.rows[row] & (4 >> col))
            for (int dy = 0; dy < 2; ++dy)
              for (int dx = 0; dx < 2; ++dx) canvas.set(x + col * 2 + dx, y + row * 2 + dy, color);
    }
    x += 8;
  }
}

int textWidth(const std::string& text) { return int(text.size()) * 8 - 2; }

// A 2 px wide line (Bresenham with a 2x2 brush), optionally dashed.
void drawLine(Canvas& canvas, int x0, int y0, int x1, int y1, Rgb color, bool dashed = false) {
  const int dx = std::abs(x1 - x0), dy = -std::abs(y1 - y0);
  const int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
  int err = dx + dy, step = 0;
  for (;;) {
    if (!dashed || (step / 6) % 2 == 0)
      for (int by = 0; by < 2; ++by)
        for (int bx = 0; bx < 2; ++bx) canvas.set(x0 + bx, y0 + by, color);
    ++step;
    if (x0 == x1 && y0 == y1) break;
    const int e2 = 2 * err;
    if (e2 >= dy) err += dy, x0 += sx;
    if (e2 <= dx) err += dx, y0 += sy;
  }
}

uint32_t magnification(uint32_t width, uint32_t height) {
  return std::max<uint32_t>(1, 256 / std::max(width, height));
}

uint8_t toByte(double v) { return uint8_t(std::clamp(std::lround(v * 255.0), 0L, 255L)); }

// Threshold value of the tiled mask at image pixel (x, y), as the rank-normalized v of docs/method.md §1.1.
struct TiledMask {
  explicit TiledMask(const Mask& mask) : w(mask.shape.width), h(mask.shape.height), v(mask.pixelCount()) {
    const std::vector<uint32_t> ranks = ranksOf(mask);
    for (size_t i = 0; i < v.size(); ++i) v[i] = (ranks[i] + 0.5) / double(v.size());
  }
  double at(uint32_t x, uint32_t y) const { return v[size_t(y % h) * w + x % w]; }
  uint32_t w, h;
  std::vector<double> v;
};

double quantize(double x, double threshold, int levels) {
  const double steps = double(levels - 1);
  return std::clamp(std::floor(x * steps + threshold), 0.0, steps) / steps;
}

}  // namespace

Canvas::Canvas(uint32_t w, uint32_t h, Rgb fill) : width(w), height(h), rgb(size_t(w) * h * 3) {
  for (size_t i = 0; i < size_t(w) * h; ++i) std::copy(fill.begin(), fill.end(), rgb.begin() + i * 3);
}

void Canvas::set(int x, int y, Rgb c) {
  if (x < 0 || y < 0 || x >= int(width) || y >= int(height)) return;
  std::copy(c.begin(), c.end(), rgb.begin() + (size_t(y) * width + x) * 3);
}

Rgb Canvas::get(uint32_t x, uint32_t y) const {
  const size_t i = (size_t(y) * width + x) * 3;
  return {rgb[i], rgb[i + 1], rgb[i + 2]};
}

void Canvas::blit(const Canvas& source, uint32_t x0, uint32_t y0) {
  for (uint32_t y = 0; y < source.height; ++y)
    for (uint32_t x = 0; x < source.width; ++x) set(int(x0 + x), int(y0 + y), source.get(x, y));
}

PngImage Canvas::toPng() const {
  PngImage png;
  png.width = width;
  png.height = height;
  png.channels = 3;
  png.bitDepth = 8;
  png.samples.assign(rgb.begin(), rgb.end());
  return png;
}

const std::vector<std::pair<Rgb, const char*>>& plotPalette() {
  static const std::vector<std::pair<Rgb, const char*>> palette = {
      {{31, 119, 180}, "blue"},   {{255, 127, 14}, "orange"}, {{44, 160, 44}, "green"},
      {{214, 39, 40}, "red"},     {{148, 103, 189}, "purple"}, {{140, 86, 75}, "brown"},
      {{227, 119, 194}, "pink"},  {{23, 190, 207}, "cyan"},
  };
  return palette;
}

Canvas maskPicture(const Mask& mask) {
  const uint32_t k = magnification(mask.shape.width, mask.shape.height);
  const TiledMask tiled(mask);
  Canvas c(mask.shape.width * k, mask.shape.height * k, kBlack);
  for (uint32_t y = 0; y < c.height; ++y)
    for (uint32_t x = 0; x < c.width; ++x) {
      const uint8_t g = toByte(tiled.at(x / k, y / k));
      c.set(int(x), int(y), {g, g, g});
    }
  return c;
}

Canvas spectrumPicture(const MaskMetrics& m) {
  const uint32_t k = magnification(m.width, m.height);
  Canvas c(m.width * k, m.height * k, kBlack);
  if (m.periodogram.size() != size_t(m.width) * m.height) return c;
  for (uint32_t y = 0; y < c.height; ++y)
    for (uint32_t x = 0; x < c.width; ++x) {
      // Display position d shows bin (d - n/2) mod n, numpy's fftshift.
      const uint32_t ky = (y / k + m.height - m.height / 2) % m.height;
      const uint32_t kx = (x / k + m.width - m.width / 2) % m.width;
      const double p = m.periodogram[size_t(ky) * m.width + kx];
      const double db = p > 0 ? 10 * std::log10(p) : -100.0;
      const uint8_t g = toByte((db + 20.0) / 30.0);
      c.set(int(x), int(y), {g, g, g});
    }
  return c;
}

Canvas radialPlot(const std::vector<const MaskMetrics*>& metrics) {
  const int width = 640, height = 360, left = 48, right = 16, top = 16, bottom = 36;
  Canvas c(width, height, kWhite);
  const double xMax = 0.75;
  double peak = 0;
  for (const MaskMetrics* m : metrics)
    for (size_t r = 1; r < m->radialPower.size(); ++r)
      if (!std::isnan(m->radialPower[r])) peak = std::max(peak, m->radialPower[r]);
  // Periodic masks (Bayer) spike far above everything else: cap the axis and let their curve leave the plot.
  const double yMax = std::clamp(std::ceil(peak * 2) / 2, 2.0, 4.0);
  const int plotW = width - left - right, plotH = height - top - bottom;
  auto px = [&](double rho) { return left + int(std::lround(rho / xMax * plotW)); };
  auto py = [&](double p) { return top + plotH - int(std::lround(p / yMax * plotH)); };
  char label[16];
  for (int i = 0; i <= 7; ++i) {
    const int x = px(i / 10.0);
    for (int y = top; y <= top + plotH; ++y) c.set(x, y, kGrid);
    std::snprintf(label, sizeof label, i ? "0.%d" : "0", i);
    drawText(c, x - textWidth(label) / 2, top + plotH + 8, label, kAxis);
  }
  for (int i = 0; i <= int(yMax * 2); ++i) {
    const int y = py(i / 2.0);
    for (int x = left; x <= left + plotW; ++x) c.set(x, y, kGrid);
    std::snprintf(label, sizeof label, i % 2 ? "%d.5" : "%d", i / 2);
    drawText(c, left - 6 - textWidth(label), y - 5, label, kAxis);
  }
  drawLine(c, px(0), py(1), px(xMax), py(1), kReference, true);  // white noise
  for (size_t s = 0; s < metrics.size(); ++s) {
    const MaskMetrics& m = *metrics[s];
    const Rgb color = plotPalette()[s % plotPalette().size()].first;
    int lastX = -1, lastY = -1;
    for (size_t r = 1; r < m.radialPower.size(); ++r) {
      if (std::isnan(m.radialPower[r]) || m.ringFrequency[r] > xMax) continue;
      const int x = px(m.ringFrequency[r]);
      const int y = std::max(top - 4, py(std::min(m.radialPower[r], yMax * 1.05)));
      if (lastX >= 0) drawLine(c, lastX, lastY, x, y, color);
      lastX = x, lastY = y;
    }
  }
  // Axes last, over the grid and curves.
  drawLine(c, left, top, left, top + plotH, kAxis);
  drawLine(c, left, top + plotH, left + plotW, top + plotH, kAxis);
  // The area above the plot is cleared so capped curves end at the frame.
  for (int y = 0; y < top - 4; ++y)
    for (int x = 0; x < width; ++x) c.set(x, y, kWhite);
  return c;
}

Canvas thresholdPanels(const Mask& mask, const std::vector<double>& levels) {
  const uint32_t panel = 192, gap = 8;
  const TiledMask tiled(mask);
  const uint32_t count = uint32_t(levels.size());
  Canvas c(count ? count * panel + (count - 1) * gap : 1, panel, kWhite);
  for (uint32_t i = 0; i < count; ++i)
    for (uint32_t y = 0; y < panel; ++y)
      for (uint32_t x = 0; x < panel; ++x)
        c.set(int(i * (panel + gap) + x), int(y), tiled.at(x, y) < levels[i] ? kWhite : kBlack);
  // Frame each panel so its sparse levels stay readable on a white page.
  for (uint32_t i = 0; i < count; ++i) {
    const int x0 = int(i * (panel + gap));
    for (uint32_t t = 0; t < panel; ++t) {
      c.set(x0 + int(t), 0, kReference);
      c.set(x0 + int(t), int(panel) - 1, kReference);
      c.set(x0, int(t), kReference);
      c.set(x0 + int(panel) - 1, int(t), kReference);
    }
  }
  return c;
}

Canvas ditheredRamps(const Mask& mask) {
  const uint32_t width = 768, band = 48, gap = 4;
  const TiledMask tiled(mask);
  Canvas c(width, 3 * band + 2 * gap, kWhite);
  const int levels[3] = {0, 2, 4};
  for (int b = 0; b < 3; ++b)
    for (uint32_t y = 0; y < band; ++y)
      for (uint32_t x = 0; x < width; ++x) {
        const double ramp = (x + 0.5) / width;
        const double out = levels[b] ? quantize(ramp, tiled.at(x, y), levels[b]) : ramp;
        const uint8_t g = toByte(out);
        c.set(int(x), int(b * (band + gap) + y), {g, g, g});
      }
  return c;
}

Canvas ditherGray(const GrayImage& image, const Mask& mask, int levels) {
  const TiledMask tiled(mask);
  Canvas c(image.width, image.height, kBlack);
  for (uint32_t y = 0; y < image.height; ++y)
    for (uint32_t x = 0; x < image.width; ++x) {
      const uint8_t g = toByte(quantize(image.values[size_t(y) * image.width + x], tiled.at(x, y), levels));
      c.set(int(x), int(y), {g, g, g});
    }
  return c;
}

Canvas grayPicture(const GrayImage& image) {
  Canvas c(image.width, image.height, kBlack);
  for (uint32_t y = 0; y < image.height; ++y)
    for (uint32_t x = 0; x < image.width; ++x) {
      const uint8_t g = toByte(image.values[size_t(y) * image.width + x]);
      c.set(int(x), int(y), {g, g, g});
    }
  return c;
}

bool loadPhotoCrop(const std::string& path, uint32_t size, GrayImage* out, std::string* error) {
  PngImage png;
  if (!readPng(path, &png, error)) return false;
  const double maxValue = png.bitDepth == 16 ? 65535.0 : 255.0;
  const uint32_t w = std::min(size, png.width), h = std::min(size, png.height);
  const uint32_t x0 = (png.width - w) / 2, y0 = (png.height - h) / 2;
  out->width = w;
  out->height = h;
  out->values.resize(size_t(w) * h);
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x) {
      const uint16_t* s = &png.samples[(size_t(y0 + y) * png.width + x0 + x) * png.channels];
      const double luma = png.channels >= 3 ? 0.2126 * s[0] + 0.7152 * s[1] + 0.0722 * s[2] : s[0];
      out->values[size_t(y) * w + x] = float(luma / maxValue);
    }
  return true;
}

GrayImage syntheticPhoto(uint32_t size) {
  GrayImage image;
  image.width = image.height = size;
  image.values.resize(size_t(size) * size);
  const uint32_t split = size / 3;
  const double radius = size - split;  // the zone plate reaches Nyquist at its corners' distance
  for (uint32_t y = 0; y < size; ++y)
    for (uint32_t x = 0; x < size; ++x) {
      double v;
      if (y < split) {
        v = (x + 0.5) / size;
      } else {
        const double dx = x + 0.5 - size / 2.0, dy = y + 0.5 - split;
        v = 0.5 + 0.5 * std::cos(M_PI * (dx * dx + dy * dy) / (2 * radius));
      }
      image.values[size_t(y) * size + x] = float(v);
    }
  return image;
}

}  // namespace specdither
