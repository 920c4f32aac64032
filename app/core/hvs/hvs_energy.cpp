#include "hvs/hvs_energy.h"

#include "fft/cpu_fft.h"

#include <algorithm>

namespace specdither {

HvsEnergyModel createHvsEnergyModel(const MaskShape& shape, const std::vector<double>& sigmas, uint32_t radius) {
  HvsEnergyModel m;
  m.shape = shape;
  m.sigmas = sigmas;
  m.offsets = hvsOffsets(shape, radius);  // refuses slices and channels
  const size_t n = m.pixelCount();
  for (double sigma : sigmas) {
    m.kernel.push_back(hvsAutocorrelation(shape, sigma));
    std::vector<double> inO(n, 0.0);
    for (const HvsOffset& o : m.offsets) {
      const uint32_t i = torusIndex(o.dx, o.dy, shape.width, shape.height);
      inO[i] = m.kernel.back()[i];
    }
    m.kernelInO.push_back(std::move(inO));
  }
  std::vector<std::vector<double>> uniform(sigmas.size(), std::vector<double>(n + 1, 1.0 / double(n)));
  setHvsLevelWeights(m, uniform);
  return m;
}

void setHvsLevelWeights(HvsEnergyModel& m, const std::vector<std::vector<double>>& givenWeights) {
  const std::vector<std::vector<double>> weights = givenWeights;  // may alias m.levelWeights, rebuilt below
  const size_t n = m.pixelCount();
  m.levelWeights.assign(m.sigmas.size(), std::vector<double>(n + 1, 0.0));
  m.phi.assign(m.sigmas.size(), std::vector<double>(n, 0.0));
  for (size_t s = 0; s < m.sigmas.size(); ++s) {
    for (size_t t = 1; t < n; ++t) m.levelWeights[s][t] = weights[s][t];
    double suffix = 0;  // sum_{t > r} w_t, built from the top
    for (size_t r = n; r-- > 0;) {
      suffix += m.levelWeights[s][r + 1];
      m.phi[s][r] = suffix;
    }
  }
}

double hvsPairEnergy(const HvsEnergyModel& m, const std::vector<uint32_t>& ranks) {
  const uint32_t w = m.shape.width, h = m.shape.height;
  double energy = 0;
  for (size_t s = 0; s < m.sigmas.size(); ++s)
    for (uint32_t y = 0; y < h; ++y)
      for (uint32_t x = 0; x < w; ++x) {
        const uint32_t rx = ranks[size_t(y) * w + x];
        for (const HvsOffset& o : m.offsets) {
          const uint32_t ry = ranks[torusIndex(int64_t(x) + o.dx, int64_t(y) + o.dy, w, h)];
          energy += m.kernelInO[s][torusIndex(o.dx, o.dy, w, h)] * m.phi[s][std::max(rx, ry)];
        }
      }
  return energy;
}

double hvsDirectEnergy(const HvsEnergyModel& m, const std::vector<uint32_t>& ranks) {
  const size_t n = m.pixelCount();
  std::vector<std::vector<double>> g2;
  for (double sigma : m.sigmas) {
    std::vector<double> g = hvsFilterSpectrum(m.shape, sigma);
    for (double& v : g) v *= v;
    g2.push_back(std::move(g));
  }
  double energy = 0;
  for (size_t t = 1; t < n; ++t) {
    std::vector<Complex> e(n);
    const double mean = double(t) / double(n);
    for (size_t i = 0; i < n; ++i) e[i] = Complex((ranks[i] < t ? 1.0 : 0.0) - mean, 0.0);
    fft2d(e, m.shape.width, m.shape.height, false);
    for (size_t s = 0; s < m.sigmas.size(); ++s) {
      // ||G * e||^2 = (1/N) sum_k |G(k)|^2 |E(k)|^2 (Parseval).
      double sum = 0;
      for (size_t k = 0; k < n; ++k) sum += g2[s][k] * std::norm(e[k]);
      energy += m.levelWeights[s][t] * sum / double(n);
    }
  }
  return energy;
}

double hvsEnergyConstant(const HvsEnergyModel& m) {
  const size_t n = m.pixelCount();
  double c = 0;
  for (size_t s = 0; s < m.sigmas.size(); ++s)
    for (size_t t = 1; t < n; ++t)
      c += m.levelWeights[s][t] * (double(t) * m.kernel[s][0] - double(t) * double(t) / double(n));
  return c;
}

double hvsSwapDelta(const HvsEnergyModel& m, const std::vector<uint32_t>& ranks, uint32_t p, uint32_t q) {
  if (p == q) return 0;
  const uint32_t w = m.shape.width, h = m.shape.height;
  const uint32_t px = p % w, py = p / w, qx = q % w, qy = q / w;
  const uint32_t rp = ranks[p], rq = ranks[q];
  double delta = 0;
  for (size_t s = 0; s < m.sigmas.size(); ++s) {
    const std::vector<double>& phi = m.phi[s];
    auto d = [&](uint32_t y) { return phi[std::max(rq, ranks[y])] - phi[std::max(rp, ranks[y])]; };
    for (const HvsOffset& o : m.offsets) {
      const double k = m.kernelInO[s][torusIndex(o.dx, o.dy, w, h)];
      const uint32_t yp = torusIndex(int64_t(px) + o.dx, int64_t(py) + o.dy, w, h);
      const uint32_t yq = torusIndex(int64_t(qx) + o.dx, int64_t(qy) + o.dy, w, h);
      delta += k * ((yp != q ? d(yp) : 0.0) - (yq != p ? d(yq) : 0.0));
    }
  }
  return 2 * delta;
}

}  // namespace specdither
