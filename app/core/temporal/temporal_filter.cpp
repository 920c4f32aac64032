#include "specdither/temporal_filter.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace specdither {

std::string parseTemporalFilter(const std::string& text, TemporalFilter* filter) {
  const std::string usage =
      "the temporal filter is ema:ALPHA (0 < ALPHA <= 1), mean:K (K frames) or gauss:SIGMA "
      "(SIGMA > 0 frames), not '" +
      text + "'";
  const size_t colon = text.find(':');
  if (colon == std::string::npos) return usage;
  const std::string kind = text.substr(0, colon), number = text.substr(colon + 1);
  char* end = nullptr;
  const double value = std::strtod(number.c_str(), &end);
  if (number.empty() || *end != '\0' || !std::isfinite(value)) return usage;
  TemporalFilter f;
  f.parameter = value;
  if (kind == "ema") {
    if (!(value > 0 && value <= 1)) return "ema:ALPHA needs 0 < ALPHA <= 1, not " + number;
    f.kind = TemporalFilterKind::Ema;
  } else if (kind == "mean") {
    if (!(value >= 1 && value == std::floor(value) && value <= 4096))
      return "mean:K needs a whole number of frames K >= 1, not " + number;
    f.kind = TemporalFilterKind::Mean;
  } else if (kind == "gauss") {
    if (!(value > 0 && value <= 1024)) return "gauss:SIGMA needs 0 < SIGMA <= 1024 frames, not " + number;
    f.kind = TemporalFilterKind::Gauss;
  } else {
    return usage;
  }
  *filter = f;
  return "";
}

std::string toString(const TemporalFilter& f) {
  char text[64];
  const char* kind = f.kind == TemporalFilterKind::Ema ? "ema" : f.kind == TemporalFilterKind::Mean ? "mean" : "gauss";
  std::snprintf(text, sizeof(text), "%s:%g", kind, f.parameter);
  return text;
}

std::string checkTemporalFilter(const TemporalFilter& f, uint32_t slices) {
  if (f.kind == TemporalFilterKind::Mean && f.parameter > slices)
    return "mean:" + std::to_string(uint32_t(f.parameter)) + " averages more frames than the " +
           std::to_string(slices) + " slices";
  return "";
}

std::vector<double> wrappedTemporalFilter(const TemporalFilter& f, uint32_t slices) {
  std::vector<double> h(slices, 0.0);
  switch (f.kind) {
    case TemporalFilterKind::Ema: {
      // a (1 - a)^t for t >= 0, wrapped: a (1 - a)^t / (1 - (1 - a)^T).
      const double a = f.parameter, keep = std::pow(1 - a, double(slices));
      for (uint32_t t = 0; t < slices; ++t) h[t] = keep < 1 ? a * std::pow(1 - a, double(t)) / (1 - keep) : 0;
      if (keep >= 1) h[0] = 1;  // unreachable for a > 0, kept for safety
      break;
    }
    case TemporalFilterKind::Mean:
      for (uint32_t t = 0; t < uint32_t(f.parameter); ++t) h[t % slices] += 1 / f.parameter;
      break;
    case TemporalFilterKind::Gauss: {
      const int radius = int(std::floor(4 * f.parameter + 0.5));
      double sum = 0;
      for (int t = -radius; t <= radius; ++t) sum += std::exp(-0.5 * t * t / (f.parameter * f.parameter));
      for (int t = -radius; t <= radius; ++t)
        h[size_t(((t % int(slices)) + int(slices)) % int(slices))] += std::exp(-0.5 * t * t /
                                                                               (f.parameter * f.parameter)) /
                                                                      sum;
      break;
    }
  }
  return h;
}

std::vector<double> temporalAutocorrelation(const TemporalFilter& f, uint32_t slices) {
  const std::vector<double> h = wrappedTemporalFilter(f, slices);
  std::vector<double> r(slices, 0.0);
  for (uint32_t tau = 0; tau < slices; ++tau)
    for (uint32_t t = 0; t < slices; ++t) r[tau] += h[t] * h[(t + tau) % slices];
  return r;
}

}  // namespace specdither
