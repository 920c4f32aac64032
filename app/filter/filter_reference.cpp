#include "specdither/filter/filter_reference.h"

#include <algorithm>
#include <cmath>

namespace specdither {

FilterLossTerms cpuFilterLoss(const FilterKernel& kernel, const SeparableFilter& filter, const FilterWeights& w,
                              std::vector<double>* gradient) {
  const uint32_t H = filter.height, W = filter.width, R = filter.rank;
  const std::vector<double> f = reconstructFilter(filter);
  const double invN = 1.0 / (double(W) * H);
  FilterLossTerms t;
  std::vector<double> dF(gradient ? f.size() : 0);
  for (size_t i = 0; i < f.size(); ++i) {
    const double k = kernel.values[i], e = f[i] - k;
    t.l2 += e * e;
    t.nonneg += std::max(-f[i], 0.0);
    if (k == 0) t.zeros += std::abs(f[i]);
    if (gradient) {
      double d = 2.0 * w.l2 * e;
      if (f[i] < 0) d -= w.nonneg;
      if (k == 0) d += w.zeros * ((f[i] > 0) - (f[i] < 0));
      dF[i] = d * invN;
    }
  }
  t.l2 *= invN;
  t.nonneg *= invN;
  t.zeros *= invN;
  t.total = w.l2 * t.l2 + w.nonneg * t.nonneg + w.zeros * t.zeros;
  if (gradient) {
    gradient->assign(filter.params.size(), 0.0);
    for (uint32_t r = 0; r < R; ++r) {
      const double* a = filter.vertical(r);
      const double* b = filter.horizontal(r);
      double* ga = gradient->data() + size_t(r) * H;
      double* gb = gradient->data() + size_t(R) * H + size_t(r) * W;
      for (uint32_t y = 0; y < H; ++y)
        for (uint32_t x = 0; x < W; ++x) {
          const double d = dF[size_t(y) * W + x];
          ga[y] += d * b[x];
          gb[x] += d * a[y];
        }
    }
  }
  return t;
}

CpuFilterOptimizer makeCpuFilterOptimizer(const FilterKernel& kernel, const SeparableFilter& init) {
  CpuFilterOptimizer o;
  o.kernel = kernel;
  o.filter = init;
  o.firstMoment.assign(init.params.size(), 0.0);
  o.secondMoment.assign(init.params.size(), 0.0);
  return o;
}

void cpuFilterSteps(CpuFilterOptimizer& o, const FilterWeights& weights, const UpdateSettings& update, uint32_t count) {
  for (uint32_t s = 0; s < count; ++s) {
    cpuFilterLoss(o.kernel, o.filter, weights, &o.gradient);
    cpuGradientUpdate(update, o.filter.params.data(), o.gradient.data(), o.firstMoment.data(), o.secondMoment.data(),
                      &o.adamStep, o.filter.params.size());
  }
}

std::vector<double> cpuBlur(const FloatImage& image, const std::vector<double>& taps, uint32_t kw, uint32_t kh,
                            double scale, double gamma) {
  const int W = int(image.width), H = int(image.height);
  std::vector<double> linear(image.count());
  for (size_t i = 0; i < linear.size(); ++i)
    linear[i] = gamma == 1 ? image.pixels[i] : std::pow(std::max(double(image.pixels[i]), 0.0), gamma);
  const int cy = (int(kh) - 1) / 2, cx = (int(kw) - 1) / 2;
  std::vector<double> out(image.count());
  for (uint32_t c = 0; c < image.channels; ++c) {
    const double* plane = linear.data() + size_t(c) * W * H;
    for (int y = 0; y < H; ++y)
      for (int x = 0; x < W; ++x) {
        double sum = 0;
        for (int i = 0; i < int(kh); ++i) {
          const int yy = std::clamp(y + i - cy, 0, H - 1);
          for (int j = 0; j < int(kw); ++j) {
            const int xx = std::clamp(x + j - cx, 0, W - 1);
            sum += taps[size_t(i) * kw + j] * plane[size_t(yy) * W + xx];
          }
        }
        sum *= scale;
        out[(size_t(c) * H + y) * W + x] = gamma == 1 ? sum : std::pow(std::max(sum, 0.0), 1.0 / gamma);
      }
  }
  return out;
}

}  // namespace specdither
