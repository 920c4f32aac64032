// What a person reads in the report's pictures: the bitmap font (every glyph drawn and told apart, the rotated
// axis title), the radial plot's log axis and legend, the periodogram's colour bar, the levels under the
// threshold patterns, and the names that keep two files called mask.png apart.
#include "analysis/report_images.h"
#include "specdither/bitmap_font.h"
#include "specdither/mask_report.h"
#include "test_files.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

using namespace specdither;

namespace {

constexpr Rgb kInk{0, 0, 0};

// The glyph of one character at scale 1 as a 6 x 11 bitmap string ('#' = ink).
std::string glyphBitmap(const std::string& text, int scale = 1) {
  const uint32_t w = uint32_t(bitmapTextWidth(text, scale)), h = uint32_t(bitmapLineHeight(scale));
  Canvas canvas(std::max(w, 1u), h, {255, 255, 255});
  drawBitmapText({canvas.rgb.data(), canvas.width, canvas.height}, 0, 0, text, kInk, scale);
  std::string bits;
  for (uint32_t y = 0; y < canvas.height; ++y)
    for (uint32_t x = 0; x < canvas.width; ++x) bits += canvas.get(x, y) == kInk ? '#' : '.';
  return bits;
}

TEST(BitmapFont, EveryPrintableCharacterHasItsOwnGlyph) {
  std::set<std::string> seen;
  for (int c = 33; c <= 126; ++c) {
    const std::string bits = glyphBitmap(std::string(1, char(c)));
    EXPECT_NE(bits.find('#'), std::string::npos) << "no ink for '" << char(c) << "'";
    EXPECT_TRUE(seen.insert(bits).second) << "'" << char(c) << "' looks like another character";
  }
  EXPECT_EQ(glyphBitmap(" ").find('#'), std::string::npos);
  // The pairs a reader confuses in small fonts differ in several pixels, not one.
  for (const char* pair : {"MN", "NW", "MW", "0O", "1l", "1I", "lI", "5S", "8B", "mn", "rn"}) {
    const std::string a = glyphBitmap(std::string(1, pair[0])), b = glyphBitmap(std::string(1, pair[1]));
    size_t differing = 0;
    for (size_t i = 0; i < a.size(); ++i) differing += a[i] != b[i];
    EXPECT_GE(differing, 3u) << pair;
  }
}

TEST(BitmapFont, SizesAndScale) {
  EXPECT_EQ(bitmapTextWidth("", 2), 0);
  EXPECT_EQ(bitmapTextWidth("ab", 1), 11);  // two 5 px glyphs and one 1 px gap
  EXPECT_EQ(bitmapTextWidth("ab", 3), 33);
  EXPECT_EQ(bitmapTextHeight(2), 18);
  // One UTF-8 sequence is one (placeholder) glyph.
  EXPECT_EQ(bitmapTextWidth("σ=1", 1), bitmapTextWidth("s=1", 1));
  EXPECT_NE(glyphBitmap("\xcf\x83").find('#'), std::string::npos);
  // Scale 2 is scale 1 with every pixel doubled.
  const std::string one = glyphBitmap("Mg", 1), two = glyphBitmap("Mg", 2);
  const int w1 = bitmapTextWidth("Mg", 1), w2 = bitmapTextWidth("Mg", 2);
  for (int y = 0; y < bitmapLineHeight(2); ++y)
    for (int x = 0; x < w2; ++x) ASSERT_EQ(two[size_t(y * w2 + x)], one[size_t((y / 2) * w1 + x / 2)]);
}

TEST(BitmapFont, UpTextIsTheQuarterTurnAndClipped) {
  const std::string text = "Pq7";
  const int w = bitmapTextWidth(text, 1), h = bitmapTextHeight(1);
  Canvas right(uint32_t(w), uint32_t(h), {255, 255, 255}), up(uint32_t(h), uint32_t(w), {255, 255, 255});
  drawBitmapText({right.rgb.data(), right.width, right.height}, 0, 0, text, kInk, 1);
  drawBitmapText({up.rgb.data(), up.width, up.height}, 0, 0, text, kInk, 1, TextDirection::Up);
  // Counterclockwise: the horizontal pixel (x, y) lands at (y, w - 1 - x).
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      ASSERT_EQ(right.get(uint32_t(x), uint32_t(y)), up.get(uint32_t(y), uint32_t(w - 1 - x)));
  // Text partly outside the image is cut, not written out of bounds.
  Canvas small(4, 4, {255, 255, 255});
  drawBitmapText({small.rgb.data(), small.width, small.height}, -3, -5, "WWW", kInk, 2);
  drawBitmapText({small.rgb.data(), small.width, small.height}, 2, 2, "WWW", kInk, 2, TextDirection::Up);
  EXPECT_EQ(small.rgb.size(), 4u * 4 * 3);
}

TEST(ReportNames, ShortestDistinctPathTails) {
  using V = std::vector<std::string>;
  EXPECT_EQ(distinctPathNames({"x/hvs.png", "y/vac.png"}), (V{"hvs.png", "vac.png"}));
  EXPECT_EQ(distinctPathNames({"a/mask.png", "b/mask.png", "c/other.png"}),
            (V{"a/mask.png", "b/mask.png", "other.png"}));
  EXPECT_EQ(distinctPathNames({"/r/run1/out/mask.png", "/r/run2/out/mask.png"}),
            (V{"run1/out/mask.png", "run2/out/mask.png"}));
  EXPECT_EQ(distinctPathNames({"a/mask.png", "x/a/mask.png"}), (V{"a/mask.png", "x/a/mask.png"}));
  EXPECT_EQ(distinctPathNames({"./a/mask.png", "a//mask.png", "b/mask.png"}),
            (V{"a/mask.png", "a/mask.png (2)", "b/mask.png"}));
  EXPECT_EQ(distinctPathNames({"mask.png"}), (V{"mask.png"}));
}

// Rows of a colour in column x, above row `below`.
std::vector<int> rowsOf(const Canvas& c, uint32_t x, Rgb color, uint32_t below) {
  std::vector<int> rows;
  for (uint32_t y = 0; y < below; ++y)
    if (c.get(x, y) == color) rows.push_back(int(y));
  return rows;
}

// The x axis: the first row whose 101 pixels around column x are all of one gray (the axes' colour).
uint32_t xAxisRow(const Canvas& c, uint32_t x) {
  for (uint32_t y = 0; y < c.height; ++y) {
    const Rgb p = c.get(x, y);
    bool line = p[0] < 100 && p[0] == p[1] && p[1] == p[2];
    for (uint32_t dx = x - 50; dx <= x + 50 && line; ++dx) line = c.get(dx, y) == c.get(x, y);
    if (line) return y;
  }
  return c.height;
}

MaskMetrics flatSpectrum(double power) {
  MaskMetrics m;
  for (int r = 0; r <= 32; ++r) {
    m.ringFrequency.push_back(r / 32.0);
    m.radialPower.push_back(power);
  }
  return m;
}

TEST(RadialPlot, LogAxisAndOneLegendEntryPerCurve) {
  const MaskMetrics one = flatSpectrum(3.0), tenth = flatSpectrum(0.3), hundredth = flatSpectrum(0.03);
  const std::vector<const MaskMetrics*> curves = {&one, &tenth, &hundredth};
  const Canvas plot = radialPlot(curves, {"a/mask.png", "b/mask.png", "c"});
  // A column in the middle of the plot: each flat curve is a 2 px band; equal ratios are equal distances.
  const uint32_t x = plot.width / 2, axis = xAxisRow(plot, x);
  ASSERT_LT(axis, plot.height);
  std::vector<double> centre;
  for (size_t s = 0; s < curves.size(); ++s) {
    const std::vector<int> rows = rowsOf(plot, x, plotPalette()[s].first, axis);
    ASSERT_FALSE(rows.empty()) << s;
    EXPECT_LE(rows.back() - rows.front(), 1) << s;
    centre.push_back((rows.front() + rows.back()) / 2.0);
  }
  EXPECT_GT(centre[1] - centre[0], 30);
  EXPECT_NEAR(centre[1] - centre[0], centre[2] - centre[1], 1.0);
  // The legend below the plot repeats each curve's colour as a sample line, left of the plot's column.
  for (size_t s = 0; s < curves.size(); ++s) {
    bool sampled = false;
    for (uint32_t y = axis + 2; y < plot.height && !sampled; ++y)
      for (uint32_t lx = 0; lx < plot.width && !sampled; ++lx) sampled = plot.get(lx, y) == plotPalette()[s].first;
    EXPECT_TRUE(sampled) << "no legend entry for curve " << s;
  }
}

TEST(SpectrumPicture, ColourBarRunsFromWhiteToBlack) {
  MaskMetrics m;
  m.width = m.height = 64;
  m.periodogram.assign(64 * 64, 1.0);  // 0 dB everywhere
  const Canvas c = spectrumPicture(m);
  ASSERT_GT(c.width, 256u);  // 64 magnified 4x, then the bar and its labels
  // The periodogram: 0 dB is (0 + 20) / 30 of the way from black to white.
  const uint8_t zeroDb = uint8_t(std::lround(255 * 20.0 / 30.0));
  uint32_t top = 0;
  while (top < c.height && c.get(10, top) != Rgb{zeroDb, zeroDb, zeroDb}) ++top;
  ASSERT_LT(top, c.height);
  // The bar: the first column right of the picture whose top is near white and bottom near black, darkening
  // monotonically.
  bool found = false;
  for (uint32_t x = 257; x < c.width && !found; ++x) {
    if (c.get(x, top + 2)[0] < 240 || c.get(x, top + 253)[0] > 15) continue;
    found = true;
    for (uint32_t y = top + 2; y < top + 253; ++y) ASSERT_GE(c.get(x, y)[0], c.get(x, y + 1)[0]) << y;
  }
  EXPECT_TRUE(found);
}

TEST(ThresholdPanels, EachLevelIsWrittenUnderItsPanel) {
  const Mask mask = test::randomPermutationMask(16, 16, 1);
  const Canvas c = thresholdPanels(mask, {1.0 / 16, 1.0 / 2});
  ASSERT_GT(c.height, 192u + 8);
  for (uint32_t panel = 0; panel < 2; ++panel) {
    size_t ink = 0;
    for (uint32_t y = 192; y < c.height; ++y)
      for (uint32_t x = panel * 200; x < panel * 200 + 192; ++x) ink += c.get(x, y) != Rgb{255, 255, 255};
    EXPECT_GT(ink, 50u) << panel;
  }
}

}  // namespace
