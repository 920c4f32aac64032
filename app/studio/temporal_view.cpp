#include "temporal_view.h"

#include "specdither/temporal_filter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

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
  // The core's filter syntax (temporal_filter.h); the view accumulates the two kinds a renderer does.
  TemporalFilter filter;
  const std::string problem = parseTemporalFilter(text, &filter);
  if (!problem.empty()) return problem;
  if (filter.kind == TemporalFilterKind::Ema) {
    view->accumulate = AccumulateMode::Ema;
    view->emaAlpha = float(filter.parameter);
    return "";
  }
  if (filter.kind == TemporalFilterKind::Mean && filter.parameter <= kMaxAccumulatedFrames) {
    view->accumulate = AccumulateMode::Mean;
    view->meanFrames = int(filter.parameter);
    return "";
  }
  return "the accumulation is ema:ALPHA or mean:K (K <= " + std::to_string(kMaxAccumulatedFrames) + "), not '" + text +
         "'";
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
