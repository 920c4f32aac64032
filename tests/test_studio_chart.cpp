// The generated test chart (app/core/test_chart.h) the studio dithers when no Kodak image is at hand: each
// region holds what it promises.
#include "specdither/test_chart.h"
#include "analysis/test_chart_internal.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

using namespace specdither;

namespace {

int sample(const PngImage& image, uint32_t x, uint32_t y, uint32_t c) {
  return image.samples[(size_t(y) * image.width + x) * image.channels + c];
}

TEST(TestChart, MatchesTheKodakFormat) {
  const PngImage chart = generateTestChart();
  EXPECT_EQ(chart.width, 768u);
  EXPECT_EQ(chart.height, 512u);
  EXPECT_EQ(chart.channels, 3u);
  EXPECT_EQ(chart.bitDepth, 8u);
  ASSERT_EQ(chart.samples.size(), size_t(768) * 512 * 3);
  for (uint16_t s : chart.samples) ASSERT_LE(s, 255);
}

TEST(TestChart, RampsCoverEveryLevel) {
  const PngImage chart = generateTestChart();
  const TestChartLayout l = testChartLayout(chart.width, chart.height);
  const uint32_t y = (l.smoothRamp.y0 + l.smoothRamp.y1) / 2;
  std::set<int> levels;
  for (uint32_t x = 1; x < chart.width; ++x) {
    ASSERT_GE(sample(chart, x, y, 0), sample(chart, x - 1, y, 0)) << "the smooth ramp must not decrease";
    ASSERT_EQ(sample(chart, x, y, 0), sample(chart, x, y, 1)) << "the ramp is gray";
    levels.insert(sample(chart, x, y, 0));
  }
  EXPECT_EQ(levels.size(), 256u) << "a 768-pixel ramp shows all 256 levels";
  const uint32_t ys = (l.steppedRamp.y0 + l.steppedRamp.y1) / 2;
  std::set<int> steps;
  for (uint32_t x = 0; x < chart.width; ++x) steps.insert(sample(chart, x, ys, 0));
  EXPECT_EQ(steps.size(), 16u);
  EXPECT_EQ(*steps.begin(), 0);
  EXPECT_EQ(*steps.rbegin(), 255);
}

TEST(TestChart, ZonePlateReachesHighFrequencies) {
  const PngImage chart = generateTestChart();
  const TestChartLayout::Rect z = testChartLayout(chart.width, chart.height).zonePlate;
  const uint32_t cy = (z.y0 + z.y1) / 2, cx = (z.x0 + z.x1) / 2;
  // Near the centre the rings are wide (small steps); near the edge they approach Nyquist (large steps).
  auto meanStep = [&](uint32_t x0, uint32_t x1) {
    double sum = 0;
    for (uint32_t x = x0; x < x1; ++x) sum += std::abs(sample(chart, x + 1, cy, 0) - sample(chart, x, cy, 0));
    return sum / (x1 - x0);
  };
  const double centre = meanStep(cx, cx + 8), edge = meanStep(z.x1 - 24, z.x1 - 2);
  EXPECT_LT(centre, 20.0);
  EXPECT_GT(edge, 100.0);
}

TEST(TestChart, HasTextAndSaturatedColour) {
  const PngImage chart = generateTestChart();
  const TestChartLayout l = testChartLayout(chart.width, chart.height);
  size_t ink = 0, paper = 0;
  for (uint32_t y = l.text.y0; y < l.text.y1; ++y)
    for (uint32_t x = l.text.x0; x < l.text.x1; ++x) {
      const int v = sample(chart, x, y, 0);
      ink += v == 0;
      paper += v == 255;
    }
  EXPECT_GT(ink, 1000u) << "black text strokes expected";
  EXPECT_GT(paper, ink) << "on white paper";
  const TestChartLayout::Rect& g = l.hueGradient;
  const uint32_t mid = (g.y0 + g.y1) / 2;
  int saturated = 0;
  for (uint32_t x = g.x0; x < g.x1; ++x) {
    const int r = sample(chart, x, mid, 0), gr = sample(chart, x, mid, 1), b = sample(chart, x, mid, 2);
    saturated += std::max({r, gr, b}) - std::min({r, gr, b}) > 200;
  }
  EXPECT_GT(saturated, int(g.x1 - g.x0) * 9 / 10) << "the middle row of the hue gradient is fully saturated";
}

}  // namespace
