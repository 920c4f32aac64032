// The contact sheet of the separable filter study (Wronski 2020): what the article shows, in one PNG.
//   top row:   the target kernel, the SVD's rank-R filter, the exact 2D blur, the SVD's separable blur;
//   below:     one cell per optimized filter (the sweep: rows w_nn, columns w_z), the filter beside its blur.
// Filters: positive taps in gray (relative to the target's peak), negative taps in red, so that the ringing
// the article fights stands out; every cell is labelled (3x5 pixel font) with its weights and blur RMSE.
#pragma once

#include "specdither/api.h"
#include "specdither/filter/filter_study.h"

#include <cstdint>
#include <string>
#include <vector>

namespace specdither {

struct RgbImage {
  uint32_t width = 0;
  uint32_t height = 0;
  std::vector<uint8_t> pixels;  // interleaved RGB8, row-major
};

// A filter's taps (height x width, row-major) drawn with square cells of pixelSize: gray = v / peak for
// v >= 0; red for v < 0, brighter with |v| (negative taps below 1e-4 peak count as zero).
SPECDITHER_API RgbImage renderFilterTaps(const std::vector<double>& taps, uint32_t width, uint32_t height, double peak,
                                         uint32_t pixelSize);

// A display image (values clamped to [0, 1]) box-downscaled by an integer factor.
SPECDITHER_API RgbImage renderImage(const FloatImage& image, uint32_t downscale);

SPECDITHER_API RgbImage makeFilterSheet(const FilterStudySettings& settings, const FilterStudyResult& result);

// Writes an RGB8 PNG (atomically). Returns false and sets *error (one line) on failure.
SPECDITHER_API bool writeRgbPng(const std::string& path, const RgbImage& image, std::string* error);

}  // namespace specdither
