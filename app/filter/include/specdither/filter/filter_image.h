// Images for the separable filter study (Wronski 2020 shows its filters by blurring pictures): a planar float
// image type, PNG input, the built-in test picture and the error measure between two blurs.
#pragma once

#include "specdither/api.h"

#include <cstdint>
#include <string>
#include <vector>

namespace specdither {

// A planar float image: channel c, row y, column x at (c * height + y) * width + x. Display values in [0, 1].
struct FloatImage {
  uint32_t width = 0;
  uint32_t height = 0;
  uint32_t channels = 0;
  std::vector<float> pixels;

  size_t count() const { return size_t(width) * height * channels; }
};

// Difference of two images of the same shape, in display values clamped to [0, 1].
struct ImageError {
  double rmse = 0;
  double maxAbs = 0;
  double psnr = 0;  // dB, peak 1; infinity for identical images
};
SPECDITHER_API ImageError compareImages(const FloatImage& image, const FloatImage& reference);

// Reads a PNG as display values in [0, 1] (gray stays one channel, alpha is dropped). Returns false and sets
// *error (one line) on failure.
SPECDITHER_API bool loadImagePng(const std::string& path, FloatImage* out, std::string* error);

// The built-in test picture: a dark, softly graded background with small bright points and highlights of
// several colors and sizes, a thin bright line and a bright edge: what shows a bokeh kernel's shape and the
// artifacts of its approximations. Deterministic.
SPECDITHER_API FloatImage makeBokehTestImage(uint32_t width, uint32_t height);

}  // namespace specdither
