#include "specdither/test_chart.h"
#include "analysis/test_chart_internal.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>

namespace specdither {

namespace {

// A 5x7 bitmap font (uppercase, digits, a little punctuation): '#' is ink. Enough for fine text whose strokes
// are one pixel wide at scale 1, which is what shows a dither mask's treatment of thin lines.
struct Glyph {
  char c;
  const char* rows[7];
};

const Glyph kGlyphs[] = {
    {'A', {".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"}},
    {'B', {"####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."}},
    {'C', {".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."}},
    {'D', {"####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."}},
    {'E', {"#####", "#....", "#....", "####.", "#....", "#....", "#####"}},
    {'F', {"#####", "#....", "#....", "####.", "#....", "#....", "#...."}},
    {'G', {".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####"}},
    {'H', {"#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"}},
    {'I', {".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."}},
    {'J', {"..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##.."}},
    {'K', {"#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"}},
    {'L', {"#....", "#....", "#....", "#....", "#....", "#....", "#####"}},
    {'M', {"#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"}},
    {'N', {"#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#"}},
    {'O', {".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."}},
    {'P', {"####.", "#...#", "#...#", "####.", "#....", "#....", "#...."}},
    {'Q', {".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#"}},
    {'R', {"####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"}},
    {'S', {".####", "#....", "#....", ".###.", "....#", "....#", "####."}},
    {'T', {"#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."}},
    {'U', {"#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."}},
    {'V', {"#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#.."}},
    {'W', {"#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#."}},
    {'X', {"#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"}},
    {'Y', {"#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."}},
    {'Z', {"#####", "....#", "...#.", "..#..", ".#...", "#....", "#####"}},
    {'0', {".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."}},
    {'1', {"..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."}},
    {'2', {".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"}},
    {'3', {"#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."}},
    {'4', {"...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."}},
    {'5', {"#####", "#....", "####.", "....#", "....#", "#...#", ".###."}},
    {'6', {"..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."}},
    {'7', {"#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."}},
    {'8', {".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."}},
    {'9', {".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."}},
    {'.', {".....", ".....", ".....", ".....", ".....", ".##..", ".##.."}},
    {',', {".....", ".....", ".....", ".....", ".##..", "..#..", ".#..."}},
    {':', {".....", ".##..", ".##..", ".....", ".##..", ".##..", "....."}},
    {'-', {".....", ".....", ".....", "#####", ".....", ".....", "....."}},
    {'+', {".....", "..#..", "..#..", "#####", "..#..", "..#..", "....."}},
    {'=', {".....", ".....", "#####", ".....", "#####", ".....", "....."}},
    {'/', {".....", "....#", "...#.", "..#..", ".#...", "#....", "....."}},
    {'(', {"...#.", "..#..", ".#...", ".#...", ".#...", "..#..", "...#."}},
    {')', {".#...", "..#..", "...#.", "...#.", "...#.", "..#..", ".#..."}},
    {'%', {"##...", "##..#", "...#.", "..#..", ".#...", "#..##", "...##"}},
    {'!', {"..#..", "..#..", "..#..", "..#..", "..#..", ".....", "..#.."}},
    {'?', {".###.", "#...#", "....#", "...#.", "..#..", ".....", "..#.."}},
    {'\'', {"..#..", "..#..", ".#...", ".....", ".....", ".....", "....."}},
    {'#', {".#.#.", ".#.#.", "#####", ".#.#.", "#####", ".#.#.", ".#.#."}},
};

const Glyph* findGlyph(char c) {
  c = char(std::toupper(static_cast<unsigned char>(c)));
  for (const Glyph& g : kGlyphs)
    if (g.c == c) return &g;
  return nullptr;  // space and anything unknown: blank
}

struct Canvas {
  PngImage* image;
  void set(uint32_t x, uint32_t y, double r, double g, double b) {
    if (x >= image->width || y >= image->height) return;
    uint16_t* p = &image->samples[(size_t(y) * image->width + x) * 3];
    p[0] = uint16_t(std::lround(std::clamp(r, 0.0, 1.0) * 255));
    p[1] = uint16_t(std::lround(std::clamp(g, 0.0, 1.0) * 255));
    p[2] = uint16_t(std::lround(std::clamp(b, 0.0, 1.0) * 255));
  }
  void fill(const TestChartLayout::Rect& r, double v) {
    for (uint32_t y = r.y0; y < r.y1; ++y)
      for (uint32_t x = r.x0; x < r.x1; ++x) set(x, y, v, v, v);
  }
  // Returns the x after the text.
  uint32_t text(uint32_t x, uint32_t y, const char* s, uint32_t scale, double ink, uint32_t xLimit) {
    for (; *s; ++s) {
      if (x + 6 * scale > xLimit) break;
      if (const Glyph* g = findGlyph(*s))
        for (uint32_t row = 0; row < 7; ++row)
          for (uint32_t col = 0; col < 5; ++col)
            if (g->rows[row][col] == '#')
              for (uint32_t dy = 0; dy < scale; ++dy)
                for (uint32_t dx = 0; dx < scale; ++dx) set(x + col * scale + dx, y + row * scale + dy, ink, ink, ink);
      x += 6 * scale;
    }
    return x;
  }
};

// HSV with full value and saturation, hue in [0, 1).
void hueColor(double h, double rgb[3]) {
  for (int i = 0; i < 3; ++i) {
    const double k = std::fmod(5.0 - 2.0 * i + h * 6.0, 6.0);  // i = 0 red, 1 green, 2 blue
    rgb[i] = 1.0 - std::max(0.0, std::min({k, 4.0 - k, 1.0}));
  }
}

}  // namespace

TestChartLayout testChartLayout(uint32_t width, uint32_t height) {
  const uint32_t w = width, h = height;
  TestChartLayout l;
  const uint32_t rampH = h / 8, stepH = h / 16;
  const uint32_t top = rampH + stepH;
  const uint32_t bottom = h - h * 5 / 16;  // the text / ramps band below
  const uint32_t plate = std::min(bottom - top, w / 2);
  l.smoothRamp = {0, 0, w, rampH};
  l.steppedRamp = {0, rampH, w, top};
  l.zonePlate = {0, top, plate, top + plate};
  l.hueGradient = {plate, top, w, bottom};
  l.text = {0, bottom, w / 2, h};
  l.colorRamps = {w / 2, bottom, w, h};
  return l;
}

PngImage generateTestChart(uint32_t width, uint32_t height) {
  width = std::max(width, 64u);
  height = std::max(height, 64u);
  PngImage image;
  image.width = width;
  image.height = height;
  image.channels = 3;
  image.bitDepth = 8;
  image.samples.assign(size_t(width) * height * 3, 0);
  Canvas canvas{&image};
  const TestChartLayout l = testChartLayout(width, height);

  for (uint32_t y = l.smoothRamp.y0; y < l.smoothRamp.y1; ++y)
    for (uint32_t x = 0; x < width; ++x) {
      const double v = (x + 0.5) / width;
      canvas.set(x, y, v, v, v);
    }
  for (uint32_t y = l.steppedRamp.y0; y < l.steppedRamp.y1; ++y)
    for (uint32_t x = 0; x < width; ++x) {
      const double v = std::floor(double(x) * 16 / width) / 15;
      canvas.set(x, y, v, v, v);
    }

  // Zone plate: phase pi r^2 / (2 R) has local frequency r / (2 R) cycles per pixel, Nyquist at r = R.
  const TestChartLayout::Rect& z = l.zonePlate;
  const double radius = (z.x1 - z.x0) / 2.0;
  const double cx = (z.x0 + z.x1) / 2.0, cy = (z.y0 + z.y1) / 2.0;
  for (uint32_t y = z.y0; y < z.y1; ++y)
    for (uint32_t x = z.x0; x < z.x1; ++x) {
      const double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
      const double v = 0.5 + 0.5 * std::cos(M_PI * (dx * dx + dy * dy) / (2 * radius));
      canvas.set(x, y, v, v, v);
    }

  const TestChartLayout::Rect& g = l.hueGradient;
  for (uint32_t y = g.y0; y < g.y1; ++y)
    for (uint32_t x = g.x0; x < g.x1; ++x) {
      double rgb[3];
      hueColor((x - g.x0 + 0.5) / (g.x1 - g.x0), rgb);
      const double t = (y - g.y0 + 0.5) / (g.y1 - g.y0);  // 0 top (white) .. 0.5 colour .. 1 black
      for (double& c : rgb) c = t < 0.5 ? 1.0 + (c - 1.0) * (t * 2) : c * (2 - t * 2);
      canvas.set(x, y, rgb[0], rgb[1], rgb[2]);
    }

  const TestChartLayout::Rect& t = l.text;
  canvas.fill(t, 1.0);
  uint32_t y = t.y0 + 6;
  const uint32_t x0 = t.x0 + 8, xLimit = t.x1 - 4;
  // Three sizes: strokes 3, 2 and 1 pixel wide.
  canvas.text(x0, y, "SPECDITHER", 3, 0.0, xLimit);
  y += 7 * 3 + 6;
  canvas.text(x0, y, "BLUE NOISE TEST CHART", 2, 0.0, xLimit);
  y += 7 * 2 + 8;
  const char* lines[] = {"THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG.", "0123456789 +-=/() %!? #1, 2: 3'",
                         "ZONE PLATE: FREQUENCY GROWS TO NYQUIST AT ITS EDGE.",
                         "GRAY RAMP ABOVE: 256 LEVELS, THEN 16 STEPS."};
  for (const char* line : lines) {
    if (y + 7 > t.y1) break;
    canvas.text(x0, y, line, 1, 0.0, xLimit);
    y += 11;
  }
  // Mid-gray text on light gray: low-contrast strokes that a coarse dither loses first.
  for (uint32_t yy = y; yy < std::min(t.y1, y + 13); ++yy)
    for (uint32_t xx = t.x0; xx < t.x1; ++xx) canvas.set(xx, yy, 0.8, 0.8, 0.8);
  if (y + 10 <= t.y1) canvas.text(x0, y + 3, "LOW CONTRAST TEXT 60% ON 80% GRAY", 1, 0.6, xLimit);

  const TestChartLayout::Rect& c = l.colorRamps;
  const uint32_t bands = 4, bandH = (c.y1 - c.y0) / bands;
  for (uint32_t b = 0; b < bands; ++b)
    for (uint32_t yy = c.y0 + b * bandH; yy < (b + 1 == bands ? c.y1 : c.y0 + (b + 1) * bandH); ++yy)
      for (uint32_t x = c.x0; x < c.x1; ++x) {
        const double v = (x - c.x0 + 0.5) / (c.x1 - c.x0);
        // R, G, B, then a warm skin-like ramp (where banding in faces shows first).
        const double rgb[4][3] = {{v, 0, 0}, {0, v, 0}, {0, 0, v}, {v, v * 0.78, v * 0.64}};
        canvas.set(x, yy, rgb[b][0], rgb[b][1], rgb[b][2]);
      }
  return image;
}

}  // namespace specdither
