#include "analysis/report_images.h"

#include "specdither/atomic_file.h"
#include "specdither/bitmap_font.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <unistd.h>

namespace specdither {

namespace {

constexpr Rgb kWhite{255, 255, 255}, kBlack{0, 0, 0}, kGrid{215, 215, 215}, kMinorGrid{238, 238, 238},
    kAxis{60, 60, 60}, kReference{140, 140, 140};

// Labels: the shared bitmap font at scale 2 (10 x 18 px glyphs, 12 px advance).
constexpr int kTextScale = 2;

void drawText(Canvas& canvas, int x, int y, const std::string& text, Rgb color,
              TextDirection direction = TextDirection::Right) {
  drawBitmapText({canvas.rgb.data(), canvas.width, canvas.height}, x, y, text, color, kTextScale, direction);
}

int textWidth(const std::string& text) { return bitmapTextWidth(text, kTextScale); }

// Height of capitals and digits (the glyph rows above the baseline): what centres a label on a tick.
constexpr int kCapHeight = 7 * kTextScale;
const int kLineHeight = bitmapLineHeight(kTextScale);

// A rectangle of pixels, inclusive.
struct Box {
  int x0, y0, x1, y1;
  bool contains(int x, int y) const { return x >= x0 && x <= x1 && y >= y0 && y <= y1; }
};

// A 2 px wide line (Bresenham with a 2x2 brush), optionally dashed, drawn only inside clip (when given).
void drawLine(Canvas& canvas, int x0, int y0, int x1, int y1, Rgb color, bool dashed = false,
              const Box* clip = nullptr) {
  const int dx = std::abs(x1 - x0), dy = -std::abs(y1 - y0);
  const int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
  int err = dx + dy, step = 0;
  for (;;) {
    if (!dashed || (step / 6) % 2 == 0)
      for (int by = 0; by < 2; ++by)
        for (int bx = 0; bx < 2; ++bx)
          if (!clip || clip->contains(x0 + bx, y0 + by)) canvas.set(x0 + bx, y0 + by, color);
    ++step;
    if (x0 == x1 && y0 == y1) break;
    const int e2 = 2 * err;
    if (e2 >= dy) err += dy, x0 += sx;
    if (e2 <= dx) err += dx, y0 += sy;
  }
}

uint32_t magnification(uint32_t width, uint32_t height) { return std::max<uint32_t>(1, 256 / std::max(width, height)); }

uint8_t toByte(double v) { return uint8_t(std::clamp(std::lround(v * 255.0), 0L, 255L)); }

// Threshold value of the tiled mask at image pixel (x, y): the analysis's v of docs/method.md §5 (mid-ranks, so
// the pictures show what the figures measure).
struct TiledMask {
  explicit TiledMask(const Mask& mask) : w(mask.shape.width), h(mask.shape.height), v(mask.pixelCount()) {
    const std::vector<uint32_t> doubled = doubledMidRanks(mask);
    for (size_t i = 0; i < v.size(); ++i) v[i] = doubled[i] / (2.0 * double(v.size()));
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
      {{31, 119, 180}, "blue"},    {{255, 127, 14}, "orange"}, {{44, 160, 44}, "green"},  {{214, 39, 40}, "red"},
      {{148, 103, 189}, "purple"}, {{140, 86, 75}, "brown"},   {{227, 119, 194}, "pink"}, {{23, 190, 207}, "cyan"},
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
  constexpr double kLowDb = -20, kHighDb = 10;
  auto gray = [&](double db) {
    const uint8_t g = toByte((db - kLowDb) / (kHighDb - kLowDb));
    return Rgb{g, g, g};
  };
  const uint32_t k = magnification(m.width, m.height);
  const int iw = int(m.width * k), ih = int(m.height * k);
  // The periodogram, then its colour bar with a tick and a label every 10 dB, and the unit below. Margins
  // above and below leave room for the end labels, centred on their ticks.
  const int pad = kCapHeight, barX = iw + 12, barW = 20, labelX = barX + barW + 10;
  const std::string caption = "power in dB vs white noise";
  const int width = std::max(labelX + textWidth("+10 dB") + 4, textWidth(caption) + 4);
  Canvas c(uint32_t(width), uint32_t(ih + 2 * pad + kLineHeight + 4), kWhite);
  if (m.periodogram.size() == size_t(m.width) * m.height)
    for (int y = 0; y < ih; ++y)
      for (int x = 0; x < iw; ++x) {
        // Display position d shows bin (d - n/2) mod n, numpy's fftshift.
        const uint32_t ky = (uint32_t(y) / k + m.height - m.height / 2) % m.height;
        const uint32_t kx = (uint32_t(x) / k + m.width - m.width / 2) % m.width;
        const double p = m.periodogram[size_t(ky) * m.width + kx];
        c.set(x, pad + y, gray(p > 0 ? 10 * std::log10(p) : -100.0));
      }
  for (int y = 0; y < ih; ++y)
    for (int x = 0; x < barW; ++x) c.set(barX + x, pad + y, gray(kHighDb - (kHighDb - kLowDb) * (y + 0.5) / ih));
  for (int t = 0; t < barW; ++t) c.set(barX + t, pad, kReference), c.set(barX + t, pad + ih - 1, kReference);
  for (int t = 0; t < ih; ++t) c.set(barX, pad + t, kReference), c.set(barX + barW - 1, pad + t, kReference);
  for (double db = kHighDb; db >= kLowDb; db -= 10) {
    const int y = pad + int(std::lround((kHighDb - db) / (kHighDb - kLowDb) * (ih - 1)));
    for (int t = 0; t < 5; ++t) c.set(barX + barW + 1 + t, y, kAxis);
    char label[16];
    std::snprintf(label, sizeof label, db > 0 ? "+%g dB" : "%g dB", db);
    drawText(c, labelX, y - kCapHeight / 2, label, kAxis);
  }
  drawText(c, 0, ih + 2 * pad, caption, kAxis);
  return c;
}

std::string powerOfTenLabel(int exponent) {
  if (exponent >= 0) return "1" + std::string(size_t(exponent), '0');
  return "0." + std::string(size_t(-exponent - 1), '0') + "1";
}

// Keeps the end of text (the file name) when it is wider than `width` px, as "...end".
std::string fitText(const std::string& text, int width) {
  if (textWidth(text) <= width) return text;
  std::string tail = text;
  while (!tail.empty() && textWidth("..." + tail) > width) tail.erase(0, 1);
  return "..." + tail;
}

Canvas radialPlot(const std::vector<const MaskMetrics*>& metrics, const std::vector<std::string>& names) {
  constexpr double xMax = 0.75;
  constexpr double kZero = 1e-12;  // power below this is numerically zero (empty rings of periodic masks)
  // The decades shown: from the smallest power (at least 1e-6, at most 0.1) to the largest (at least 10, at
  // most 1000; periodic masks such as Bayer's spike higher and leave the plot).
  double lowest = INFINITY, highest = 0;
  for (const MaskMetrics* m : metrics)
    for (size_t r = 1; r < m->radialPower.size(); ++r) {
      const double p = m->radialPower[r];
      if (std::isnan(p) || m->ringFrequency[r] > xMax) continue;
      if (p > kZero) lowest = std::min(lowest, p);
      highest = std::max(highest, p);
    }
  const int low = std::isfinite(lowest) ? std::clamp(int(std::floor(std::log10(lowest))), -6, -1) : -2;
  const int high = highest > 0 ? std::clamp(int(std::ceil(std::log10(highest))), 1, 3) : 1;

  int labelW = 0;
  for (int e = low; e <= high; ++e) labelW = std::max(labelW, textWidth(powerOfTenLabel(e)));
  const int plotW = 640, plotH = 380, top = 16, right = 28;
  const int left = 12 + kCapHeight + 14 + labelW + 8;
  const int width = left + plotW + right;
  auto px = [&](double rho) { return left + int(std::lround(rho / xMax * plotW)); };
  auto py = [&](double p) {
    const double decades = std::log10(std::max(p, kZero));
    return top + int(std::lround((high - decades) / double(high - low) * plotH));
  };
  const Box frame{left, top, left + plotW, top + plotH};

  // Legend entries (curves, then the white-noise line), laid out in rows under the axis title.
  struct Entry {
    std::string text;
    Rgb color;
    bool dashed;
  };
  std::vector<Entry> entries;
  const int sample = 28, entryGap = 24, legendW = width - 24;
  for (size_t s = 0; s < metrics.size(); ++s)
    entries.push_back({fitText(s < names.size() ? names[s] : "mask " + std::to_string(s + 1), legendW - sample - 8),
                       plotPalette()[s % plotPalette().size()].first, false});
  entries.push_back({"white noise", kReference, true});
  const int legendTop = top + plotH + 8 + kCapHeight + 12 + kLineHeight + 12;
  std::vector<std::pair<int, int>> at;  // top-left of each entry
  int ex = 12, ey = legendTop;
  for (const Entry& e : entries) {
    const int w = sample + 8 + textWidth(e.text);
    if (ex > 12 && ex + w > 12 + legendW) ex = 12, ey += kLineHeight + 6;
    at.emplace_back(ex, ey);
    ex += w + entryGap;
  }
  Canvas c(uint32_t(width), uint32_t(ey + kLineHeight + 8), kWhite);

  // Grid: every 0.1 cycles/pixel, every decade, and lighter at 2..9 times each decade.
  char label[16];
  for (int i = 0; i <= 7; ++i) {
    const int x = px(i / 10.0);
    for (int y = top; y <= top + plotH; ++y) c.set(x, y, kGrid);
    std::snprintf(label, sizeof label, i ? "0.%d" : "0", i);
    drawText(c, x - textWidth(label) / 2, top + plotH + 8, label, kAxis);
  }
  for (int e = low; e <= high; ++e) {
    if (e < high)
      for (int mult = 2; mult <= 9; ++mult) {
        const int y = py(mult * std::pow(10.0, e));
        for (int x = left; x <= left + plotW; ++x) c.set(x, y, kMinorGrid);
      }
    const int y = py(std::pow(10.0, e));
    for (int x = left; x <= left + plotW; ++x) c.set(x, y, kGrid);
    const std::string text = powerOfTenLabel(e);
    drawText(c, left - 8 - textWidth(text), y - kCapHeight / 2, text, kAxis);
  }
  const std::string xTitle = "frequency (cycles/pixel)", yTitle = "power relative to white noise";
  drawText(c, left + (plotW - textWidth(xTitle)) / 2, top + plotH + 8 + kCapHeight + 12, xTitle, kAxis);
  drawText(c, 12, top + (plotH - textWidth(yTitle)) / 2, yTitle, kAxis, TextDirection::Up);

  drawLine(c, px(0), py(1), px(xMax), py(1), kReference, true, &frame);  // white noise
  for (size_t s = 0; s < metrics.size(); ++s) {
    const MaskMetrics& m = *metrics[s];
    int lastX = -1, lastY = -1;
    for (size_t r = 1; r < m.radialPower.size(); ++r) {
      if (std::isnan(m.radialPower[r]) || m.ringFrequency[r] > xMax) continue;
      const int x = px(m.ringFrequency[r]), y = py(m.radialPower[r]);
      if (lastX >= 0) drawLine(c, lastX, lastY, x, y, entries[s].color, false, &frame);
      lastX = x, lastY = y;
    }
  }
  // Axes last, over the grid and curves.
  drawLine(c, left, top, left, top + plotH, kAxis);
  drawLine(c, left, top + plotH, left + plotW, top + plotH, kAxis);

  for (size_t i = 0; i < entries.size(); ++i) {
    const int lineY = at[i].second + kCapHeight / 2;
    drawLine(c, at[i].first, lineY, at[i].first + sample, lineY, entries[i].color, entries[i].dashed);
    drawText(c, at[i].first + sample + 8, at[i].second, entries[i].text, kAxis);
  }
  return c;
}

Canvas linePlot(const std::vector<PlotCurve>& curves, const std::vector<double>& xTicks, double yStep,
                const std::string& xTitle, const std::string& yTitle) {
  double xMin = INFINITY, xMax = -INFINITY, yMin = INFINITY, yMax = -INFINITY;
  for (const PlotCurve& curve : curves)
    for (size_t i = 0; i < curve.x.size() && i < curve.y.size(); ++i) {
      if (!std::isfinite(curve.y[i])) continue;
      xMin = std::min(xMin, curve.x[i]), xMax = std::max(xMax, curve.x[i]);
      yMin = std::min(yMin, curve.y[i]), yMax = std::max(yMax, curve.y[i]);
    }
  for (double t : xTicks) xMin = std::min(xMin, t), xMax = std::max(xMax, t);
  if (!std::isfinite(yMin)) yMin = 0, yMax = 1;
  yMin = std::floor(yMin / yStep) * yStep, yMax = std::ceil(yMax / yStep) * yStep;
  if (yMax <= yMin) yMax = yMin + yStep;
  if (!(xMax > xMin)) xMax = xMin + 1;
  char label[32];
  int labelW = 0;
  for (double y = yMin; y <= yMax + 1e-9; y += yStep) {
    std::snprintf(label, sizeof label, "%g", y);
    labelW = std::max(labelW, textWidth(label));
  }
  const int plotW = 640, plotH = 320, top = 16, right = 28, left = 12 + kCapHeight + 14 + labelW + 8;
  const int width = left + plotW + right;
  auto px = [&](double x) { return left + int(std::lround((x - xMin) / (xMax - xMin) * plotW)); };
  auto py = [&](double y) { return top + int(std::lround((yMax - y) / (yMax - yMin) * plotH)); };
  const Box frame{left, top, left + plotW, top + plotH};
  const int sample = 28, legendTop = top + plotH + 8 + kCapHeight + 12 + kLineHeight + 12;
  std::vector<std::pair<int, int>> at;
  int ex = 12, ey = legendTop;
  for (const PlotCurve& curve : curves) {
    const int w = sample + 8 + textWidth(curve.name);
    if (ex > 12 && ex + w > width - 12) ex = 12, ey += kLineHeight + 6;
    at.emplace_back(ex, ey);
    ex += w + 24;
  }
  Canvas c(uint32_t(width), uint32_t(ey + kLineHeight + 8), kWhite);
  for (double t : xTicks) {
    const int x = px(t);
    for (int y = top; y <= top + plotH; ++y) c.set(x, y, kGrid);
    std::snprintf(label, sizeof label, "%g", t);
    drawText(c, x - textWidth(label) / 2, top + plotH + 8, label, kAxis);
  }
  for (double v = yMin; v <= yMax + 1e-9; v += yStep) {
    const int y = py(v);
    for (int x = left; x <= left + plotW; ++x) c.set(x, y, kGrid);
    std::snprintf(label, sizeof label, "%g", v);
    drawText(c, left - 8 - textWidth(label), y - kCapHeight / 2, label, kAxis);
  }
  drawText(c, left + (plotW - textWidth(xTitle)) / 2, top + plotH + 8 + kCapHeight + 12, xTitle, kAxis);
  drawText(c, 12, top + (plotH - textWidth(yTitle)) / 2, yTitle, kAxis, TextDirection::Up);
  for (size_t k = 0; k < curves.size(); ++k) {
    const Rgb color = plotPalette()[k % plotPalette().size()].first;
    int lastX = -1, lastY = -1;
    for (size_t i = 0; i < curves[k].x.size() && i < curves[k].y.size(); ++i) {
      if (!std::isfinite(curves[k].y[i])) continue;
      const int x = px(curves[k].x[i]), y = py(curves[k].y[i]);
      if (lastX >= 0) drawLine(c, lastX, lastY, x, y, color, curves[k].dashed, &frame);
      lastX = x, lastY = y;
    }
    const int lineY = at[k].second + kCapHeight / 2;
    drawLine(c, at[k].first, lineY, at[k].first + sample, lineY, color, curves[k].dashed);
    drawText(c, at[k].first + sample + 8, at[k].second, curves[k].name, kAxis);
  }
  drawLine(c, left, top, left, top + plotH, kAxis);
  drawLine(c, left, top + plotH, left + plotW, top + plotH, kAxis);
  return c;
}

// "1/16" for a level that is a fraction with a small power-of-two denominator, else the decimal.
std::string levelText(double level) {
  for (int d = 1; d <= 1024; d *= 2) {
    const double n = level * d;
    if (std::fabs(n - std::round(n)) < 1e-9) {
      char text[32];
      std::snprintf(text, sizeof text, d == 1 ? "%.0f" : "%.0f/%d", n, d);
      return text;
    }
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", level);
  return text;
}

Canvas thresholdPanels(const Mask& mask, const std::vector<double>& levels) {
  const uint32_t panel = 192, gap = 8, labelH = uint32_t(8 + kLineHeight);
  const TiledMask tiled(mask);
  const uint32_t count = uint32_t(levels.size());
  Canvas c(count ? count * panel + (count - 1) * gap : 1, panel + labelH, kWhite);
  for (uint32_t i = 0; i < count; ++i)
    for (uint32_t y = 0; y < panel; ++y)
      for (uint32_t x = 0; x < panel; ++x)
        c.set(int(i * (panel + gap) + x), int(y), tiled.at(x, y) < levels[i] ? kWhite : kBlack);
  // Frame each panel so its sparse levels stay readable on a white page; its gray level underneath.
  for (uint32_t i = 0; i < count; ++i) {
    const int x0 = int(i * (panel + gap));
    for (uint32_t t = 0; t < panel; ++t) {
      c.set(x0 + int(t), 0, kReference);
      c.set(x0 + int(t), int(panel) - 1, kReference);
      c.set(x0, int(t), kReference);
      c.set(x0 + int(panel) - 1, int(t), kReference);
    }
    const std::string label = "g = " + levelText(levels[i]);
    drawText(c, x0 + (int(panel) - textWidth(label)) / 2, int(panel) + 8, label, kAxis);
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

namespace {

std::string executableDir() {
  char buffer[4096];
  const ssize_t n = readlink("/proc/self/exe", buffer, sizeof(buffer) - 1);
  if (n <= 0) return "";
  buffer[n] = 0;
  return std::filesystem::path(buffer).parent_path().string();
}

}  // namespace

std::string findDefaultPhoto() {
  namespace fs = std::filesystem;
  std::vector<fs::path> roots;
  if (const char* shared = std::getenv("SPECDITHER_SHARED_DIR")) roots.emplace_back(shared);
  roots.emplace_back("../shared");
  const std::string exe = executableDir();
  if (!exe.empty()) roots.push_back(fs::path(exe) / ".." / ".." / ".." / "shared");
  for (const fs::path& root : roots) {
    const fs::path photo = root / "data" / "kodak" / "kodim23.png";
    std::error_code ec;
    if (fs::is_regular_file(photo, ec)) return fs::absolute(photo, ec).lexically_normal().string();
  }
  return "";
}

bool makeReportFolder(const std::string& dir, std::string* error) {
  *error = checkFolderCreatable(dir);
  if (!error->empty()) return false;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir))
    return *error = "cannot create report folder " + dir + ": " +
                    (ec ? ec.message() : std::string("a file of that name exists")),
           false;
  return true;
}

bool saveReportPicture(const std::string& dir, const std::string& name, const Canvas& canvas, std::string* error) {
  return writePng((std::filesystem::path(dir) / name).string(), canvas.toPng(), error);
}

}  // namespace specdither
