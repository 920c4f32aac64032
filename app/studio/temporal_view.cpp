#include "temporal_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace specdither::studio {

std::vector<float> accumulationWeights(const TemporalView& view) {
  std::vector<double> w;
  if (view.accumulate == AccumulateMode::Mean) {
    w.assign(size_t(std::clamp(view.meanFrames, 1, kMaxAccumulatedFrames)), 1.0);
  } else {
    const double alpha = std::clamp(double(view.emaAlpha), 1e-3, 1.0);
    double remaining = 1;  // sum of the weights from frame j on: (1 - alpha)^j
    for (int j = 0; j < kMaxAccumulatedFrames && remaining >= 1e-3; ++j) {
      w.push_back(alpha * remaining);
      remaining *= 1 - alpha;
    }
  }
  double total = 0;
  for (double x : w) total += x;
  std::vector<float> out;
  for (double x : w) out.push_back(float(x / total));
  return out;
}

bool advanceAnimation(TemporalView* view, double seconds) {
  if (!view->play || view->slices <= 1) {
    view->pending = 0;
    return false;
  }
  view->pending += seconds * std::max(view->framesPerSecond, 0.1f);
  const double steps = std::floor(view->pending);
  if (steps < 1) return false;
  view->pending -= steps;
  view->frame = int((int64_t(view->frame) + int64_t(steps)) % view->slices);
  return true;
}

std::string parseAccumulation(const std::string& text, TemporalView* view) {
  const std::string usage = "the accumulation is ema:ALPHA (0 < ALPHA <= 1) or mean:K (1 <= K <= " +
                            std::to_string(kMaxAccumulatedFrames) + "), not '" + text + "'";
  const size_t colon = text.find(':');
  if (colon == std::string::npos) return usage;
  const std::string kind = text.substr(0, colon), number = text.substr(colon + 1);
  char* end = nullptr;
  const double value = std::strtod(number.c_str(), &end);
  if (number.empty() || *end != '\0' || !std::isfinite(value)) return usage;
  if (kind == "ema" && value > 0 && value <= 1) {
    view->accumulate = AccumulateMode::Ema;
    view->emaAlpha = float(value);
    return "";
  }
  if (kind == "mean" && value >= 1 && value <= kMaxAccumulatedFrames && value == std::floor(value)) {
    view->accumulate = AccumulateMode::Mean;
    view->meanFrames = int(value);
    return "";
  }
  return usage;
}

std::string accumulationLabel(const TemporalView& view) {
  char text[48];
  if (view.accumulate == AccumulateMode::Mean)
    std::snprintf(text, sizeof(text), "mean of %d", view.meanFrames);
  else
    std::snprintf(text, sizeof(text), "EMA %.2f", view.emaAlpha);
  return text;
}

}  // namespace specdither::studio
