#include "specdither/filter/filter_kernel.h"

#include "specdither/png_io.h"

#include <algorithm>
#include <cmath>

namespace specdither {

FilterKernel makeDiskKernel(uint32_t diameter) {
  FilterKernel k;
  if (diameter < kFilterMinSize || diameter > kFilterMaxSize) return k;
  k.width = k.height = diameter;
  k.values.assign(k.count(), 0.0);
  // Pixel centres against the radius, so the disk touches all four sides of the grid (an article-style
  // linspace(-1, 1, D) grid leaves the outer columns empty for even D).
  const double radius = diameter / 2.0;
  for (uint32_t y = 0; y < diameter; ++y) {
    for (uint32_t x = 0; x < diameter; ++x) {
      const double dx = x + 0.5 - radius, dy = y + 0.5 - radius;
      if (dx * dx + dy * dy <= radius * radius) k.values[size_t(y) * diameter + x] = 1.0;
    }
  }
  return k;
}

bool loadKernelPng(const std::string& path, FilterKernel* out, std::string* error) {
  PngImage image;
  if (!readPng(path, &image, error)) return false;
  if (image.width < kFilterMinSize || image.height < kFilterMinSize || image.width > kFilterMaxSize ||
      image.height > kFilterMaxSize) {
    *error = path + ": kernel size " + std::to_string(image.width) + "x" + std::to_string(image.height) +
             " is out of range (each side " + std::to_string(kFilterMinSize) + " to " + std::to_string(kFilterMaxSize) +
             ")";
    return false;
  }
  const uint32_t colors = image.channels >= 3 ? 3 : 1;
  FilterKernel k;
  k.width = image.width;
  k.height = image.height;
  k.values.resize(k.count());
  double peak = 0;
  for (size_t i = 0; i < k.count(); ++i) {
    double v = 0;
    for (uint32_t c = 0; c < colors; ++c) v += image.samples[i * image.channels + c];
    k.values[i] = v / colors;
    peak = std::max(peak, k.values[i]);
  }
  if (peak <= 0) {
    *error = path + ": the kernel image is all zero";
    return false;
  }
  for (double& v : k.values) v /= peak;
  *out = std::move(k);
  return true;
}

std::string checkFilterShape(uint32_t width, uint32_t height, uint32_t rank) {
  if (width < kFilterMinSize || height < kFilterMinSize || width > kFilterMaxSize || height > kFilterMaxSize)
    return "kernel size " + std::to_string(width) + "x" + std::to_string(height) + " is out of range (each side " +
           std::to_string(kFilterMinSize) + " to " + std::to_string(kFilterMaxSize) + ")";
  if (rank < 1) return "rank must be at least 1";
  if (rank > std::min(width, height))
    return "rank " + std::to_string(rank) + " exceeds the kernel size " + std::to_string(std::min(width, height));
  return "";
}

std::vector<double> reconstructFilter(const SeparableFilter& f) {
  std::vector<double> out(size_t(f.width) * f.height, 0.0);
  for (uint32_t r = 0; r < f.rank; ++r) {
    const double* a = f.vertical(r);
    const double* b = f.horizontal(r);
    for (uint32_t y = 0; y < f.height; ++y)
      for (uint32_t x = 0; x < f.width; ++x) out[size_t(y) * f.width + x] += a[y] * b[x];
  }
  return out;
}

double filterExportScale(const FilterKernel& kernel) {
  double sum = 0;
  for (double v : kernel.values) sum += v;
  return sum != 0 ? 1.0 / sum : 1.0;
}

std::vector<float> filterParamsAsFloat(const SeparableFilter& f) {
  return std::vector<float>(f.params.begin(), f.params.end());
}

SeparableFilter filterFromFloat(uint32_t rank, uint32_t width, uint32_t height, const std::vector<float>& params) {
  SeparableFilter f;
  f.rank = rank;
  f.width = width;
  f.height = height;
  f.params.assign(params.begin(), params.end());
  return f;
}

}  // namespace specdither
