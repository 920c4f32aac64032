// Pictures for the analysis report (mask_report.h): plain 8-bit RGB canvases drawn on the CPU, no font or plot
// library. Internal to the core.
#pragma once

#include "specdither/mask.h"
#include "specdither/mask_metrics.h"
#include "specdither/png_io.h"

#include <array>
#include <string>
#include <vector>

namespace specdither {

using Rgb = std::array<uint8_t, 3>;

struct Canvas {
  uint32_t width = 0, height = 0;
  std::vector<uint8_t> rgb;  // width * height * 3

  Canvas() = default;
  Canvas(uint32_t w, uint32_t h, Rgb fill);
  void set(int x, int y, Rgb c);  // clipped
  Rgb get(uint32_t x, uint32_t y) const;
  void blit(const Canvas& source, uint32_t x, uint32_t y);
  PngImage toPng() const;
};

// A gray image with values in [0, 1] (a photo or a generated chart), row-major.
struct GrayImage {
  uint32_t width = 0, height = 0;
  std::vector<float> values;
};

// Curve colours of the radial plot, in order, with their names for the report's legend.
const std::vector<std::pair<Rgb, const char*>>& plotPalette();

// The mask's values as gray, nearest-neighbour magnified by an integer factor so the longer side is >= 256 px.
Canvas maskPicture(const Mask& mask);

// 10 log10 P, centred (zero frequency in the middle, as numpy's fftshift), -20 .. +10 dB mapped to black ..
// white, magnified like maskPicture, with a colour bar labelled in dB (white noise = 0 dB) on its right.
Canvas spectrumPicture(const MaskMetrics& metrics);

// Radially averaged power of each mask against rho (cycles per pixel) on a log axis (whole decades, 1e-6 at
// the lowest, 1000 at the highest; curves beyond leave the frame), one colour per mask (plotPalette), the
// white-noise level P = 1 dashed, axis titles, and a legend under the plot naming each curve (names[i]).
Canvas radialPlot(const std::vector<const MaskMetrics*>& metrics, const std::vector<std::string>& names);

// Curves y(x) on linear axes (one colour per curve, plotPalette, dashed where dashed[i]), the x ticks at the
// given values, y from the rounded extremes with a tick every yStep, axis titles and a legend under the plot.
// Points whose y is not finite are skipped.
struct PlotCurve {
  std::string name;
  std::vector<double> x, y;
  bool dashed = false;
};
Canvas linePlot(const std::vector<PlotCurve>& curves, const std::vector<double>& xTicks, double yStep,
                const std::string& xTitle, const std::string& yTitle);

// The threshold patterns [v < g] (white = 1) at the given levels, each tiled over a 192 x 192 panel, side by
// side with 8 px gaps, each with its level ("g = 1/16") underneath.
Canvas thresholdPanels(const Mask& mask, const std::vector<double>& levels);

// A horizontal 0..1 ramp (768 x 48 per band): undithered, then dithered with the tiled mask to 2 and 4 levels.
Canvas ditheredRamps(const Mask& mask);

// The image dithered to levels (2 = 1 bit) with the tiled mask: y = clip(floor(x (L - 1) + v), 0, L - 1).
Canvas ditherGray(const GrayImage& image, const Mask& mask, int levels);
Canvas grayPicture(const GrayImage& image);

// The centred size x size crop of a photo (luma of R, G, B: 0.2126, 0.7152, 0.0722 of the encoded values).
// Returns false with *error when the file cannot be read.
bool loadPhotoCrop(const std::string& path, uint32_t size, GrayImage* out, std::string* error);

// The folder of a report: checked (checkFolderCreatable, atomic_file.h) and created with its parents. false with
// *error (one line) when it cannot be.
bool makeReportFolder(const std::string& dir, std::string* error);
// Writes one picture of a report into its folder (atomically, as writePng does).
bool saveReportPicture(const std::string& dir, const std::string& name, const Canvas& canvas, std::string* error);

// A Kodak photo from the shared data folder: $SPECDITHER_SHARED_DIR/data/kodak/kodim23.png, else the same
// under ../shared (relative to the working folder), else next to the executable's checkout
// (<exe>/../../../shared). Returns "" when none exists.
std::string findDefaultPhoto();

// A size x size stand-in when no photo is available: a smooth gray ramp above a zone plate.
GrayImage syntheticPhoto(uint32_t size);

}  // namespace specdither
