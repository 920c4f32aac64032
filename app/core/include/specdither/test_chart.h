// A test chart the project generates itself, so that the studio (and tests) can dither something meaningful
// without the Kodak images: a smooth and a stepped gray ramp (banding and the flat-gray patterns of every
// level), a zone plate (aliasing against the mask's frequencies), fine text (edges and thin strokes), colour
// gradients over hue x lightness, and R, G, B ramps. 8-bit RGB, display-encoded (sRGB) values.
#pragma once

#include "specdither/api.h"
#include "specdither/png_io.h"

#include <cstdint>

namespace specdither {

// Regions of the chart (pixel rectangles, half-open), so that tests and views can address them.
struct TestChartLayout {
  struct Rect {
    uint32_t x0, y0, x1, y1;
  };
  Rect smoothRamp;   // gray 0 -> 255 left to right
  Rect steppedRamp;  // 16 flat gray steps
  Rect zonePlate;    // 0.5 + 0.5 cos(pi r^2 / (2 R)): frequency grows linearly to Nyquist at radius R
  Rect hueGradient;  // hue left to right, white at the top, full colour in the middle, black at the bottom
  Rect text;         // black 5x7 text on white at scales 1, 2 and 3
  Rect colorRamps;   // R, G, B ramps, one band each
};

// Generates the chart. width and height are at least 64; 768 x 512 matches the Kodak images.
SPECDITHER_API PngImage generateTestChart(uint32_t width = 768, uint32_t height = 512);

}  // namespace specdither
