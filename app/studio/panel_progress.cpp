// The Progress panel: speed (frame rate, steps per second, GPU time per step), the running loss or the swap
// schedule's temperature and acceptance, and the live perceptual error of the mask against void-and-cluster.
#include "imgui_layer.h"
#include "panels.h"
#include "plot.h"

#include <imgui.h>

#include <cstdarg>
#include <cstdio>

namespace specdither::studio {

namespace {

// A "label  value" row in the monospace font.
void figure(const char* label, const char* format, ...) IM_FMTARGS(2);
void figure(const char* label, const char* format, ...) {
  ImGui::TextDisabled("%s", label);
  ImGui::SameLine(ImGui::GetFontSize() * 6.2f);
  char buf[128];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buf, sizeof(buf), format, args);
  va_end(args);
  ImGui::PushFont(monospaceFont());
  ImGui::TextUnformatted(buf);
  ImGui::PopFont();
}

// The plain mean and the EMA of the first k frames of the stack shown, dB against white noise (docs/method.md §8.4),
// beside the golden-ratio animation of its slice 0 when measured.
void drawConvergencePlot(const Studio& s, float height) {
  const ConvergenceResult& c = s.convergence;
  auto series = [](const char* label, const std::vector<double>& db, int color) {
    PlotSeries out{label, {}, {}, seriesColor(color)};
    for (size_t k = 0; k < db.size(); ++k) {
      out.x.push_back(float(k + 1));
      out.y.push_back(float(db[k]));
    }
    return out;
  };
  std::vector<PlotSeries> curves = {series("mean of k", c.meanDb, 2), series("EMA 0.1", c.emaDb, 3)};
  if (!c.goldenMeanDb.empty()) {
    curves.push_back(series("golden mean", c.goldenMeanDb, 4));
    curves.push_back(series("golden EMA", c.goldenEmaDb, 0));
  }
  PlotOptions options;
  options.xLabel = c.key == convergenceKey(s) ? "frames (dB vs white)"
                   : c.meanDb.empty()         ? "frames (measuring...)"
                                              : "frames (dB vs white; updating)";
  drawPlot("convergence", ImVec2(-1, height), curves, options);
}

const BaselineResult* referenceFigures(const Studio& s) {
  auto it = s.baselines.find(
      {int(BaselineMethod::VoidAndCluster), s.session.settings.width, s.session.settings.height, uint64_t(1)});
  return it == s.baselines.end() || it->second.hvsDb.empty() ? nullptr : &it->second;
}

}  // namespace

void drawProgressPanel(Studio& s) {
  ImGui::Begin("Progress###Progress", nullptr, kPanelFlags);
  const OptimizerSession& o = s.session;
  const char* unit = o.swap ? "passes" : "steps";
  figure("frame", "%5.1f fps  %5.1f ms", s.fps, o.frameMs);
  figure("speed", "%7.0f %s/s  %u/frame", o.stepsPerSecond, unit, o.stepsThisFrame);
  figure("GPU", "%7.3f ms per %s", o.gpuMsPerStep, o.swap ? "pass" : "step");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("From timestamp queries. This frame: steps %.2f ms, views %.2f ms, UI %.2f ms",
                      o.gpuMsPerStep * o.stepsThisFrame, s.gpuViewsMs, s.gpuRenderMs);

  if (o.spectral) {
    figure("loss", "%.5g", o.lastLoss.total);
    figure("  U H B", "%.2e %.2e %.2e", o.lastLoss.uniformity, o.lastLoss.histogram, o.lastLoss.lowFrequency);
    if (o.guard.rollbacks > 0) {
      figure("rollbacks", "%u, step size x%.3g", o.guard.rollbacks, o.guard.learningRateScale);
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Frames whose loss became non-finite, jumped by orders of magnitude or climbed far above "
            "the random start's were undone and run again at half the step size (docs/method.md "
            "§2.10).");
    }
    if (!o.divergence.empty()) {
      drawStatus({"diverged: " + o.divergence, true});
      if (ImGui::Button("Back to the last good mask", ImVec2(-1, 0))) s.restoreLastGood = true;
    }
  } else if (!o.history.empty()) {
    const HistoryPoint& p = o.history.back();
    if (o.settings.swap.startTemperature > 0)
      figure("T", "%.3g   (s = %.3g)", p.values[0], o.swapSchedule.scale);
    else
      figure("T", "0   (greedy descent)");
    figure("accepted", "%5.1f%%  applied %5.1f%%", p.values[1] * 100, p.values[2] * 100);
  } else {
    figure("T", "-");
    figure("accepted", "-");
  }

  const BaselineResult* ref = referenceFigures(s);
  const QualityPoint* q = s.quality.empty() ? nullptr : &s.quality.back();
  const std::vector<double>& sigmas = qualitySigmas();
  for (size_t i = 0; i < sigmas.size(); ++i) {
    char label[32];
    std::snprintf(label, sizeof(label), "HVS σ=%g", sigmas[i]);
    char live[24] = "   -  ", vac[24] = "  ... ";
    if (q && i < q->hvsDb.size()) std::snprintf(live, sizeof(live), "%6.2f", q->hvsDb[i]);
    if (ref && i < ref->hvsDb.size()) std::snprintf(vac, sizeof(vac), "%6.2f", ref->hvsDb[i]);
    figure(label, "%s dB  v&c %s", live, vac);
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Flat-gray perceptual error averaged over 15 levels, dB relative to white noise "
        "(docs/method.md §5.5); lower is better. v&c: void-and-cluster of the same size.");

  // Curves over the run.
  const float avail = ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ItemSpacing.y;
  const float plotH = std::max(60.0f, avail * 0.5f);
  std::vector<PlotSeries> curves;
  PlotOptions curveOptions;
  curveOptions.xLabel = unit;
  curveOptions.logY = true;
  if (o.spectral) {
    const char* names[] = {"total", "U", "H", "B"};
    for (int k = 0; k < 4; ++k) curves.push_back({names[k], {}, {}, seriesColor(k)});
  } else {
    // Greedy runs hold T at 0, which a log axis cannot show (the figure above says so): no T curve then.
    if (o.settings.swap.startTemperature > 0) curves.push_back({"T", {}, {}, seriesColor(0)});
    curves.push_back({"accepted", {}, {}, seriesColor(1)});
  }
  const size_t firstValue = o.swap && o.settings.swap.startTemperature <= 0 ? 1 : 0;
  for (const HistoryPoint& p : o.history)
    for (size_t k = 0; k < curves.size(); ++k) {
      curves[k].x.push_back(float(p.step));
      curves[k].y.push_back(p.values[firstValue + k]);
    }
  // While a stack is shown, how fast its frames average out takes the place of the loss curves.
  if (convergenceKey(s) != 0) {
    drawConvergencePlot(s, plotH);
  } else {
    drawPlot("curves", ImVec2(-1, plotH), curves, curveOptions);
  }

  std::vector<PlotSeries> hvs;
  PlotOptions hvsOptions;
  hvsOptions.xLabel = unit;
  for (size_t i = 0; i < sigmas.size(); ++i) {
    char label[24];
    std::snprintf(label, sizeof(label), "σ=%g", sigmas[i]);
    PlotSeries series{label, {}, {}, seriesColor(int(i) + 1)};
    for (const QualityPoint& p : s.quality)
      if (i < p.hvsDb.size()) {
        series.x.push_back(float(p.step));
        series.y.push_back(float(p.hvsDb[i]));
      }
    hvs.push_back(series);
    if (ref && i < ref->hvsDb.size()) hvsOptions.referenceY.push_back(float(ref->hvsDb[i]));
  }
  drawPlot("hvs", ImVec2(-1, ImGui::GetContentRegionAvail().y), hvs, hvsOptions);
  ImGui::End();
}

}  // namespace specdither::studio
