#include "specdither/colour_metrics.h"

#include "fft/cpu_fft.h"
#include "hvs/hvs_kernel.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace specdither {

std::vector<std::vector<ColourFlatField>> colourAccumulatedError(const Mask& mask,
                                                                 const std::vector<std::vector<double>>& frameWeights,
                                                                 const ColourFlatFieldOptions& options) {
  const MaskShape& shape = mask.shape;
  if (shape.channels < 2 || shape.channels > 4)
    throw std::invalid_argument("the colour flat-field error takes masks of 2 to 4 channels, not " + toString(shape));
  if (options.gridLevels < 2) throw std::invalid_argument("the colour grid needs at least 2 levels");
  for (const std::vector<double>& w : frameWeights)
    if (w.empty() || w.size() > shape.slices)
      throw std::invalid_argument("frame weights must cover 1 to " + std::to_string(shape.slices) + " slices");
  const MaskShape plane = {shape.width, shape.height};
  const size_t n = plane.planeSize();
  const size_t sets = frameWeights.size();
  const auto m = colourOpponentMatrix(shape.channels);
  const uint32_t seen = std::min<uint32_t>(shape.channels, 3);  // alpha is not seen
  std::vector<std::vector<double>> filterPower(kColourAxes);    // |G_a(k)|^2
  std::vector<double> filterSum(kColourAxes, 0.0);              // S_a
  for (uint32_t a = 0; a < kColourAxes; ++a) {
    filterPower[a] = hvsFilterSpectrum(plane, colourAxisSigma(options.eye, a));
    for (double& g : filterPower[a]) g *= g;
    for (size_t k = 1; k < n; ++k) filterSum[a] += filterPower[a][k];
  }
  size_t framesUsed = 0;                       // slices 0 .. framesUsed - 1 enter some accumulation
  std::vector<double> weightPower(sets, 0.0);  // sum_j w_j^2: the white variance of the accumulation
  for (size_t w = 0; w < sets; ++w) {
    framesUsed = std::max(framesUsed, frameWeights[w].size());
    for (double x : frameWeights[w]) weightPower[w] += x * x;
  }
  // thresholds[c][t]: channel c of slice t.
  std::vector<std::vector<std::vector<double>>> thresholds(seen, std::vector<std::vector<double>>(framesUsed));
  for (size_t t = 0; t < framesUsed; ++t) {
    const Mask slice = maskSlice(mask, uint32_t(t));
    for (uint32_t c = 0; c < seen; ++c) {
      const Mask one = maskChannel(slice, c);
      thresholds[c][t].assign(one.values.begin(), one.values.end());
    }
  }
  std::vector<std::vector<ColourFlatField>> out(sets);
  for (int bits : options.bits) {
    const double steps = double((1 << bits) - 1);
    // Per accumulation and channel: mean over the levels of |E(k)|^2 and of E(k) of the accumulated error
    // E = sum_j w_j E_j (the DFT is linear), and the white variance per level.
    std::vector<std::vector<std::vector<double>>> meanPower(
        sets, std::vector<std::vector<double>>(seen, std::vector<double>(n, 0.0)));
    std::vector<std::vector<std::vector<Complex>>> meanSpectrum(
        sets, std::vector<std::vector<Complex>>(seen, std::vector<Complex>(n, Complex(0, 0))));
    std::vector<double> whiteVariance(seen, 0.0);
    const double inv = 1.0 / options.gridLevels;
    std::vector<std::vector<Complex>> frames(framesUsed);
    std::vector<Complex> accumulated(n);
    for (uint32_t c = 0; c < seen; ++c)
      for (uint32_t j = 0; j < options.gridLevels; ++j) {
        const double g = double(j) / double(options.gridLevels - 1);
        for (size_t t = 0; t < framesUsed; ++t) {
          std::vector<double> error(n);
          for (size_t i = 0; i < n; ++i)
            error[i] = std::clamp(std::floor(g * steps + thresholds[c][t][i]), 0.0, steps) / steps - g;
          frames[t] = fft2dReal(error, plane.width, plane.height);
        }
        for (size_t w = 0; w < sets; ++w) {
          std::fill(accumulated.begin(), accumulated.end(), Complex(0, 0));
          for (size_t t = 0; t < frameWeights[w].size(); ++t)
            for (size_t k = 0; k < n; ++k) accumulated[k] += frameWeights[w][t] * frames[t][k];
          for (size_t k = 0; k < n; ++k) {
            meanPower[w][c][k] += std::norm(accumulated[k]) * inv;
            meanSpectrum[w][c][k] += accumulated[k] * inv;
          }
        }
        const double f = g * steps - std::floor(g * steps);
        whiteVariance[c] += f * (1 - f) / (steps * steps) * inv;
      }
    double anyVariance = 0;
    for (double v : whiteVariance) anyVariance += v;
    if (!(anyVariance > 0))
      throw std::invalid_argument("every level of this grid is exact at " + std::to_string(bits) +
                                  " bits: no error to measure");
    for (size_t w = 0; w < sets; ++w) {
      std::vector<double> maskMse(kColourAxes, 0.0), whiteMse(kColourAxes, 0.0);
      for (uint32_t a = 0; a < kColourAxes; ++a) {
        for (uint32_t c = 0; c < seen; ++c) {
          whiteMse[a] += m[a][c] * m[a][c] * whiteVariance[c] * weightPower[w] * filterSum[a] / double(n);
          for (uint32_t d = 0; d < seen; ++d) {
            const double wcd = m[a][c] * m[a][d];
            if (wcd == 0) continue;
            double sum = 0;
            for (size_t k = 1; k < n; ++k)
              sum += filterPower[a][k] *
                     (c == d ? meanPower[w][c][k] : (meanSpectrum[w][c][k] * std::conj(meanSpectrum[w][d][k])).real());
            maskMse[a] += wcd * sum / (double(n) * double(n));
          }
        }
      }
      auto decibels = [&](std::initializer_list<uint32_t> axes) {
        double masked = 0, white = 0;
        for (uint32_t a : axes) masked += maskMse[a], white += whiteMse[a];
        return 10 * std::log10(masked / white);
      };
      out[w].push_back({bits, decibels({0, 1, 2}), decibels({0}), decibels({1, 2})});
    }
  }
  return out;
}

std::vector<ColourFlatField> colourFlatFieldError(const Mask& mask, const ColourFlatFieldOptions& options) {
  if (mask.shape.slices != 1)
    throw std::invalid_argument("the colour flat-field error takes 2D masks of 2 to 4 channels, not " +
                                toString(mask.shape));
  return colourAccumulatedError(mask, {{1.0}}, options)[0];
}

}  // namespace specdither
