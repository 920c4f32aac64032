#include "specdither/hvs_levels.h"

#include "fft/cpu_fft.h"
#include "hvs/hvs_kernel.h"
#include "hvs/hvs_levels_internal.h"

#include <algorithm>
#include <cmath>

namespace specdither {

std::vector<std::vector<double>> hvsLevelMse(const RankGrid& grid, const std::vector<double>& sigmas,
                                             const std::vector<uint32_t>& levels) {
  require2DShape(grid.shape, "the HVS error");
  const std::vector<uint32_t>& ranks = grid.ranks;
  const size_t n = grid.shape.planeSize();
  std::vector<std::vector<double>> g2;
  for (double sigma : sigmas) {
    std::vector<double> g = hvsFilterSpectrum(grid.shape, sigma);
    for (double& v : g) v *= v;
    g2.push_back(std::move(g));
  }
  std::vector<std::vector<double>> mse(sigmas.size(), std::vector<double>(levels.size(), 0.0));
  std::vector<Complex> e(n);
  for (size_t l = 0; l < levels.size(); ++l) {
    const double mean = double(levels[l]) / double(n);
    for (size_t i = 0; i < n; ++i) e[i] = Complex((ranks[i] < levels[l] ? 1.0 : 0.0) - mean, 0.0);
    fft2d(e, grid.shape.width, grid.shape.height, false);
    for (size_t s = 0; s < sigmas.size(); ++s) {
      // Parseval: mean_x |G * e|^2 = sum_k |G(k) E(k)|^2 / N^2.
      double sum = 0;
      for (size_t k = 0; k < n; ++k) sum += g2[s][k] * std::norm(e[k]);
      mse[s][l] = sum / (double(n) * double(n));
    }
  }
  return mse;
}

std::vector<double> hvsErrorDb(const RankGrid& grid, const std::vector<double>& sigmas, uint32_t divisions) {
  const size_t n = grid.shape.planeSize();
  std::vector<uint32_t> levels;
  for (uint32_t i = 1; i < divisions; ++i) {
    // [ (rank + 0.5) / N < g ]  <=>  rank < gN - 0.5: ceil(gN - 0.5) pixels are on.
    const double bound = double(i) / double(divisions) * double(n) - 0.5;
    levels.push_back(uint32_t(std::clamp(std::ceil(bound), 0.0, double(n))));
  }
  const std::vector<std::vector<double>> mse = hvsLevelMse(grid, sigmas, levels);
  std::vector<double> db(sigmas.size(), 0.0);
  for (size_t s = 0; s < sigmas.size(); ++s) {
    const std::vector<double> g = hvsFilterSpectrum(grid.shape, sigmas[s]);
    double whiteGain = 0;  // sum_{k != 0} G(k)^2 / N
    for (size_t k = 1; k < n; ++k) whiteGain += g[k] * g[k];
    whiteGain /= double(n);
    size_t used = 0;
    for (size_t l = 0; l < levels.size(); ++l) {
      if (levels[l] == 0 || levels[l] == n) continue;  // an empty or full pattern has no error to compare
      const double gg = double(levels[l]) / double(n);
      db[s] += 10.0 * std::log10(mse[s][l] / (gg * (1 - gg) * whiteGain));
      ++used;
    }
    db[s] /= double(std::max<size_t>(used, 1));
  }
  return db;
}

std::vector<std::vector<double>> hvsBalancedWeights(const RankGrid& grid, const std::vector<double>& sigmas,
                                                    const std::vector<double>& sigmaWeights, uint32_t levelCount,
                                                    double uniformShare) {
  const size_t n = grid.shape.planeSize();
  std::vector<uint32_t> levels;
  for (uint32_t j = 0; j < levelCount; ++j) {
    const double t = std::round(double(n) * (j + 1) / (levelCount + 1));
    const uint32_t level = uint32_t(std::clamp(t, 1.0, double(n - 1)));
    if (levels.empty() || levels.back() != level) levels.push_back(level);
  }
  const std::vector<std::vector<double>> mse = hvsLevelMse(grid, sigmas, levels);
  std::vector<std::vector<double>> weights(sigmas.size(), std::vector<double>(n + 1, 0.0));
  for (size_t s = 0; s < sigmas.size(); ++s) {
    // log rho at the measured levels; rho = mse / (g (1 - g)) varies slowly, unlike mse itself near 0 and 1.
    std::vector<double> logRho(levels.size());
    for (size_t j = 0; j < levels.size(); ++j) {
      const double g = double(levels[j]) / double(n);
      logRho[j] = std::log(std::max(mse[s][j], 1e-300) / (g * (1 - g)));
    }
    std::vector<double> interpolated(n + 1, 0.0);
    double meanMse = 0;
    size_t j = 0;
    for (size_t t = 1; t < n; ++t) {
      while (j + 1 < levels.size() && levels[j + 1] <= t) ++j;
      double lr;
      if (t <= levels.front()) {
        lr = logRho.front();
      } else if (j + 1 >= levels.size()) {
        lr = logRho.back();
      } else {
        const double a = double(t - levels[j]) / double(levels[j + 1] - levels[j]);
        lr = (1 - a) * logRho[j] + a * logRho[j + 1];
      }
      const double g = double(t) / double(n);
      interpolated[t] = g * (1 - g) * std::exp(lr);
      meanMse += interpolated[t] / double(n - 1);
    }
    for (size_t t = 1; t < n; ++t)
      weights[s][t] = sigmaWeights[s] / double(n) * ((1 - uniformShare) / interpolated[t] + uniformShare / meanMse);
  }
  return weights;
}

}  // namespace specdither
