#include "spectral/spectral_reference.h"

#include "fft/cpu_fft.h"
#include "gpu/random_hash.h"
#include "spectral/spectral_internal.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace specdither {

namespace {

size_t wrap(long v, long n) { return size_t(((v % n) + n) % n); }

double lowFrequencyWeight(size_t ky, size_t kx, uint32_t width, uint32_t height, double cutoff) {
  // numpy: w over fftshift(.) with u = linspace(1, -1, H), v = linspace(1, -1, W); shifted index of k is
  // (k + n // 2) mod n.
  const size_t iy = (ky + height / 2) % height, ix = (kx + width / 2) % width;
  const double u = 1.0 - 2.0 * double(iy) / double(height - 1);
  const double v = 1.0 - 2.0 * double(ix) / double(width - 1);
  return std::max(cutoff - u * u - v * v, 0.0) / cutoff;
}

}  // namespace

SpectralTerms cpuSpectralLoss(const std::vector<double>& m, const MaskShape& shape, double cutoff,
                              const std::vector<float>& targets, const double scales[3],
                              std::vector<double>* gradient) {
  require2DShape(shape, "the spectral loss");
  const uint32_t width = shape.width, height = shape.height;
  const size_t w = width, h = height, n = w * h;
  auto at = [&](long y, long x) { return wrap(y, long(h)) * w + wrap(x, long(w)); };
  std::vector<Complex> spectrum(m.begin(), m.end());
  fft2d(spectrum, w, h, false);
  std::vector<double> s(n), lap(n), dY(n), dX(n), weight(n);
  for (size_t i = 0; i < n; ++i) s[i] = std::abs(spectrum[i]);
  SpectralTerms terms;
  for (size_t y = 0; y < h; ++y)
    for (size_t x = 0; x < w; ++x) {
      const size_t i = y * w + x;
      const long ly = long(y), lx = long(x);
      lap[i] = (-4 * s[i] + s[at(ly - 1, lx)] + s[at(ly + 1, lx)] + s[at(ly, lx - 1)] + s[at(ly, lx + 1)]) / 5;
      dY[i] = (s[i] - s[at(ly - 1, lx)]) / 2;
      dX[i] = (s[i] - s[at(ly, lx - 1)]) / 2;
      weight[i] = lowFrequencyWeight(y, x, width, height, cutoff);
      terms.uniformity += lap[i] * lap[i] + dY[i] * dY[i] + dX[i] * dX[i];
      terms.lowFrequency += weight[i] * weight[i] * s[i] * s[i];
    }
  terms.uniformity /= double(n);
  terms.lowFrequency /= double(n);

  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t(0));
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return m[a] < m[b] || (m[a] == m[b] && a < b); });
  for (size_t r = 0; r < n; ++r) {
    const double d = m[order[r]] - targets[r];
    terms.histogram += d * d;
  }
  if (!gradient) return terms;

  // dL/ds on the full grid, then dL/dm = Re(IDFT(g X / s)) (see spectral_optimizer.cpp for the derivation;
  // here the complex inverse of the full grid is taken directly, without the Hermitian shortcut).
  std::vector<Complex> weighted(n);
  for (size_t y = 0; y < h; ++y)
    for (size_t x = 0; x < w; ++x) {
      const size_t i = y * w + x;
      const long ly = long(y), lx = long(x);
      const double lapTerm = 0.4 * (-4 * lap[i] + lap[at(ly - 1, lx)] + lap[at(ly + 1, lx)] + lap[at(ly, lx - 1)] +
                                    lap[at(ly, lx + 1)]);
      const double dU = (lapTerm + dY[i] - dY[at(ly + 1, lx)] + dX[i] - dX[at(ly, lx + 1)]) / double(n);
      const double dB = 2 * weight[i] * weight[i] * s[i] / double(n);
      const double g = scales[0] * dU + scales[2] * dB;
      weighted[i] = s[i] > 1e-300 ? spectrum[i] * (g / s[i]) : Complex(0);
    }
  fft2d(weighted, w, h, true);
  gradient->assign(n, 0.0);
  for (size_t i = 0; i < n; ++i) (*gradient)[i] = weighted[i].real();
  for (size_t r = 0; r < n; ++r) (*gradient)[order[r]] += scales[1] * 2 * (m[order[r]] - targets[r]);
  return terms;
}

void spectralStepScales(const SpectralLossParams& params, uint64_t seed, uint64_t step, double scales[3]) {
  float c[3] = {1, 1, 1};
  if (params.randomTermScaling) spectralTermScales(seed, step, c);
  // Products in float, as on the GPU, so that both use the very same multipliers.
  scales[0] = double(params.weightUniformity * c[0]);
  scales[1] = double(params.weightHistogram * c[1]);
  scales[2] = double(params.weightLowFrequency * c[2]);
}

CpuSpectralState cpuSpectralInit(const SpectralSetup& setup) {
  CpuSpectralState st;
  st.shape = setup.shape;
  st.seed = setup.seed;
  const size_t n = setup.shape.planeSize();
  st.mask.resize(n);
  for (size_t i = 0; i < n; ++i)
    st.mask[i] = (double(uniform01(hashKey(setup.seed, uint32_t(i), 0xffffffffu))) - 0.5) * 2.0;
  st.firstMoment.assign(n, 0.0);
  st.secondMoment.assign(n, 0.0);
  st.targets = histogramTargets(setup.histogram, n);
  return st;
}

SpectralTerms cpuSpectralStep(CpuSpectralState& st, const SpectralLossParams& params) {
  double scales[3];
  spectralStepScales(params, st.seed, st.step, scales);
  std::vector<double> gradient;
  SpectralTerms terms = cpuSpectralLoss(st.mask, st.shape, params.cutoff, st.targets, scales, &gradient);
  cpuGradientUpdate(params.update, st.mask.data(), gradient.data(), st.firstMoment.data(), st.secondMoment.data(),
                    &st.adamStep, st.mask.size());
  ++st.step;
  return terms;
}

}  // namespace specdither
