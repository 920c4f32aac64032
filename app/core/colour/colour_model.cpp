#include "specdither/colour_model.h"

#include "fft/cpu_fft.h"
#include "hvs/hvs_kernel.h"

#include <stdexcept>

namespace specdither {

std::array<std::array<double, 4>, kColourAxes> colourOpponentMatrix(uint32_t channels) {
  if (channels < 2 || channels > 4) throw std::invalid_argument("colour masks have 2 to 4 channels");
  // YCoCg over R, G, B; a two-channel mask is R, G (B = 0); alpha (the fourth) is not seen.
  std::array<std::array<double, 4>, kColourAxes> m = {
      {{0.25, 0.5, 0.25, 0}, {0.5, 0, -0.5, 0}, {-0.25, 0.5, -0.25, 0}}};
  if (channels == 2)
    for (auto& row : m) row[2] = 0;
  return m;
}

double colourAxisSigma(const ColourEyeModel& eye, uint32_t axis) { return axis == 0 ? eye.lumaSigma : eye.chromaSigma; }

std::vector<double> colourChannelField(const ColourEyeModel& eye, const MaskShape& plane, uint32_t channel,
                                       const std::vector<std::vector<uint32_t>>& planeRanks) {
  require2DShape(plane, "the colour field");
  const uint32_t channels = uint32_t(planeRanks.size());
  const auto m = colourOpponentMatrix(channels);
  const size_t n = plane.planeSize();
  // |G_a(k)|^2 is the spectrum of K_a; the sum over the other channels and axes is one inverse FFT.
  std::vector<std::vector<double>> kernelSpectrum(kColourAxes);
  for (uint32_t a = 0; a < kColourAxes; ++a) {
    kernelSpectrum[a] = hvsFilterSpectrum(plane, colourAxisSigma(eye, a));
    for (double& g : kernelSpectrum[a]) g *= g;
  }
  std::vector<Complex> sum(n, Complex(0, 0));
  for (uint32_t other = 0; other < channels; ++other) {
    if (other == channel || planeRanks[other].empty()) continue;
    if (planeRanks[other].size() != n) throw std::invalid_argument("a rank plane per channel of the plane's size");
    std::vector<double> centred(n);
    for (size_t i = 0; i < n; ++i) centred[i] = 0.5 * double(n - 1) - double(planeRanks[other][i]);
    const std::vector<Complex> spectrum = fft2dReal(centred, plane.width, plane.height);
    for (uint32_t a = 0; a < kColourAxes; ++a) {
      const double coefficient = m[a][channel] * m[a][other];
      if (coefficient == 0) continue;
      for (size_t k = 0; k < n; ++k) sum[k] += coefficient * kernelSpectrum[a][k] * spectrum[k];
    }
  }
  fft2d(sum, plane.width, plane.height, true);
  std::vector<double> field(n);
  const double scale = -2.0 / (double(n) * double(n)) / double(n);  // the inverse FFT is unnormalized
  for (size_t i = 0; i < n; ++i) field[i] = scale * sum[i].real();
  return field;
}

}  // namespace specdither
