#include "run_stats.h"

#include "specdither/temporal_filter.h"

#include <algorithm>

namespace specdither::studio {

void RunStats::lap(Phase p) {
  const auto now = std::chrono::steady_clock::now();
  phase[p] += std::chrono::duration<double>(now - mark).count();
  mark = now;
}

nlohmann::json runSummary(const Studio& s, const StudioDevice& device, const std::string& screenshot,
                          const RunStats& stats) {
  // The first frames build pipelines and FFT plans: leave out the first 10% (at least 2) from the rates.
  const size_t skip = std::max<size_t>(2, stats.seconds.size() / 10);
  double total = 0;
  size_t counted = 0;
  for (size_t i = skip; i < stats.seconds.size(); ++i, ++counted) total += stats.seconds[i];
  const double frames = std::max<double>(1, stats.seconds.size());
  nlohmann::json j;
  j["frames"] = stats.seconds.size();
  j["device"] = device.core->deviceName;
  j["preset"] = presetName(s.session.settings.preset);
  j["size"] = {s.session.settings.width, s.session.settings.height};
  if (s.session.settings.slices > 1) {
    j["slices"] = s.session.settings.slices;
    j["temporal"] = toString(s.session.settings.swap.temporal);
  }
  j["steps"] = s.session.step;
  j["fps"] = counted && total > 0 ? counted / total : 0.0;
  j["frame_ms"] = counted ? 1000.0 * total / counted : 0.0;
  j["steps_per_second"] = s.session.stepsPerSecond;
  j["gpu_ms_per_step"] = s.session.gpuMsPerStep;
  static const char* const gpuNames[3] = {"gpu_steps", "gpu_views", "gpu_render"};
  static const char* const phaseNames[kPhaseCount] = {"wait_gpu", "host", "ui", "acquire", "submit_present"};
  for (int i = 0; i < 3; ++i) j["frame_breakdown_ms"][gpuNames[i]] = stats.gpu[i] / frames;
  for (int p = 0; p < kPhaseCount; ++p) j["frame_breakdown_ms"][phaseNames[p]] = 1000.0 * stats.phase[p] / frames;
  j["photo"] = s.photo.label;
  if (!screenshot.empty()) j["screenshot"] = screenshot;
  auto rect = [](const ImVec4& r) { return std::vector<int>{int(r.x), int(r.y), int(r.z), int(r.w)}; };
  j["panels"] = {
      {"matrix", rect(s.rects.matrix)}, {"spectrum", rect(s.rects.spectrum)}, {"photo", rect(s.rects.photo)}};
  // The convergence of the stack shown, once measured (dB against white noise, k = 1 .. T).
  if (convergenceKey(s) != 0 && s.convergence.key == convergenceKey(s)) {
    j["convergence"] = {{"mean_db", s.convergence.meanDb}, {"ema_db", s.convergence.emaDb}};
    if (!s.convergence.goldenMeanDb.empty())
      j["convergence"]["golden_ratio"] = {{"mean_db", s.convergence.goldenMeanDb},
                                          {"ema_db", s.convergence.goldenEmaDb}};
  }
  if (s.tab == 1) {
    j["tab"] = "filter";
    j["panels"]["filter"] = rect(s.rects.filter);
    j["panels"]["separable"] = rect(s.rects.separable);
    j["panels"]["exact"] = rect(s.rects.exact);
    j["filter_steps"] = s.filter.steps;
    j["filter_loss"] = {{"l2", s.filter.loss.l2},
                        {"nonneg", s.filter.loss.nonneg},
                        {"zeros", s.filter.loss.zeros},
                        {"total", s.filter.loss.total}};
  }
  return j;
}

}  // namespace specdither::studio
