#include "specdither/colour_metrics.h"

#include "fft/cpu_fft.h"
#include "hvs/hvs_kernel.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace specdither {

std::vector<ColourFlatField> colourFlatFieldError(const Mask& mask, const ColourFlatFieldOptions& options) {
  const MaskShape& shape = mask.shape;
  if (shape.slices != 1 || shape.channels < 2 || shape.channels > 4)
    throw std::invalid_argument("the colour flat-field error takes 2D masks of 2 to 4 channels, not " +
                                toString(shape));
  if (options.gridLevels < 2) throw std::invalid_argument("the colour grid needs at least 2 levels");
  const MaskShape plane = {shape.width, shape.height};
  const size_t n = plane.planeSize();
  const auto m = colourOpponentMatrix(shape.channels);
  const uint32_t seen = std::min<uint32_t>(shape.channels, 3);  // alpha is not seen
  std::vector<std::vector<double>> filterPower(kColourAxes);    // |G_a(k)|^2
  std::vector<double> filterSum(kColourAxes, 0.0);              // S_a
  for (uint32_t a = 0; a < kColourAxes; ++a) {
    filterPower[a] = hvsFilterSpectrum(plane, colourAxisSigma(options.eye, a));
    for (double& g : filterPower[a]) g *= g;
    for (size_t k = 1; k < n; ++k) filterSum[a] += filterPower[a][k];
  }
  std::vector<std::vector<double>> thresholds(seen);
  for (uint32_t c = 0; c < seen; ++c) {
    const Mask one = maskChannel(mask, c);
    thresholds[c].assign(one.values.begin(), one.values.end());
  }
  std::vector<ColourFlatField> out;
  for (int bits : options.bits) {
    const double steps = double((1 << bits) - 1);
    // Per channel: mean over the levels of |E(k)|^2 and of E(k), and of the white variance.
    std::vector<std::vector<double>> meanPower(seen, std::vector<double>(n, 0.0));
    std::vector<std::vector<Complex>> meanSpectrum(seen, std::vector<Complex>(n, Complex(0, 0)));
    std::vector<double> whiteVariance(seen, 0.0);
    const double inv = 1.0 / options.gridLevels;
    for (uint32_t c = 0; c < seen; ++c)
      for (uint32_t j = 0; j < options.gridLevels; ++j) {
        const double g = double(j) / double(options.gridLevels - 1);
        std::vector<double> error(n);
        for (size_t i = 0; i < n; ++i)
          error[i] = std::clamp(std::floor(g * steps + thresholds[c][i]), 0.0, steps) / steps - g;
        const std::vector<Complex> e = fft2dReal(error, plane.width, plane.height);
        for (size_t k = 0; k < n; ++k) {
          meanPower[c][k] += std::norm(e[k]) * inv;
          meanSpectrum[c][k] += e[k] * inv;
        }
        const double f = g * steps - std::floor(g * steps);
        whiteVariance[c] += f * (1 - f) / (steps * steps) * inv;
      }
    double anyVariance = 0;
    for (double v : whiteVariance) anyVariance += v;
    if (!(anyVariance > 0))
      throw std::invalid_argument("every level of this grid is exact at " + std::to_string(bits) +
                                  " bits: no error to measure");
    std::vector<double> maskMse(kColourAxes, 0.0), whiteMse(kColourAxes, 0.0);
    for (uint32_t a = 0; a < kColourAxes; ++a) {
      for (uint32_t c = 0; c < seen; ++c) {
        whiteMse[a] += m[a][c] * m[a][c] * whiteVariance[c] * filterSum[a] / double(n);
        for (uint32_t d = 0; d < seen; ++d) {
          const double w = m[a][c] * m[a][d];
          if (w == 0) continue;
          double sum = 0;
          for (size_t k = 1; k < n; ++k)
            sum += filterPower[a][k] *
                   (c == d ? meanPower[c][k] : (meanSpectrum[c][k] * std::conj(meanSpectrum[d][k])).real());
          maskMse[a] += w * sum / (double(n) * double(n));
        }
      }
    }
    auto decibels = [&](std::initializer_list<uint32_t> axes) {
      double mask = 0, white = 0;
      for (uint32_t a : axes) mask += maskMse[a], white += whiteMse[a];
      return 10 * std::log10(mask / white);
    };
    out.push_back({bits, decibels({0, 1, 2}), decibels({0}), decibels({1, 2})});
  }
  return out;
}

}  // namespace specdither
