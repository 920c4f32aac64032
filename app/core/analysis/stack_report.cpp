#include "specdither/stack_report.h"

#include "analysis/report_images.h"
#include "specdither/atomic_file.h"
#include "specdither/mask_metrics.h"
#include "specdither/stack_preset.h"

#include <cstdio>
#include <filesystem>
#include <sstream>

namespace specdither {

namespace {

namespace fs = std::filesystem;

// The periodogram of every slice, averaged: what the XY spectrum picture shows.
MaskMetrics averagedSlicePeriodogram(const Mask& stack) {
  MetricsOptions lean;
  lean.hvsSigmas = {};
  lean.rampLevels = {};
  MaskMetrics mean;
  for (uint32_t s = 0; s < stack.shape.slices; ++s) {
    const MaskMetrics m = computeMaskMetrics(maskSlice(stack, s), lean);
    if (s == 0) mean = m, mean.periodogram.assign(m.periodogram.size(), 0.0);
    for (size_t k = 0; k < m.periodogram.size(); ++k) mean.periodogram[k] += m.periodogram[k] / stack.shape.slices;
  }
  return mean;
}

// Row 0 of every slice, slice s as row s: how a pixel row evolves in time.
Mask xtPlane(const Mask& stack) {
  Mask plane;
  plane.shape = {stack.shape.width, stack.shape.slices};
  for (uint32_t s = 0; s < stack.shape.slices; ++s)
    plane.values.insert(plane.values.end(), stack.values.begin() + s * stack.shape.planeSize(),
                        stack.values.begin() + s * stack.shape.planeSize() + stack.shape.width);
  return plane;
}

std::vector<double> frames(size_t count) {
  std::vector<double> k(count);
  for (size_t i = 0; i < count; ++i) k[i] = double(i + 1);
  return k;
}

std::vector<double> frameTicks(uint32_t slices) {
  std::vector<double> ticks = {1};
  const uint32_t step = slices <= 16 ? 2 : slices <= 64 ? 8 : 32;
  for (uint32_t k = step; k <= slices; k += step) ticks.push_back(k);
  return ticks;
}

std::string fixed(double v, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return text;
}

}  // namespace

bool writeStackReport(const std::vector<ReportStack>& stacks, const std::string& dir, std::string* error) {
  if (stacks.empty()) return *error = "no stacks to report", false;
  if (!makeReportFolder(dir, error)) return false;
  auto save = [&](const std::string& name, const Canvas& canvas) {
    return saveReportPicture(dir, name, canvas, error);
  };
  // The baseline: the golden-ratio animation of the first stack's slice 0, as long as the longest stack.
  uint32_t longest = 0;
  for (const ReportStack& s : stacks) longest = std::max(longest, s.stack.shape.slices);
  const Mask golden = goldenRatioStack(maskSlice(stacks[0].stack, 0), longest);
  const TemporalMetrics goldenMetrics = computeTemporalMetrics(golden);
  const std::string goldenName = "golden ratio over slice 0 of " + stacks[0].name;

  std::vector<PlotCurve> convergence, ea;
  for (const ReportStack& s : stacks) {
    convergence.push_back({s.name + ": mean", frames(s.metrics.meanDb.size()), s.metrics.meanDb, false});
    convergence.push_back({s.name + ": EMA 0.1", frames(s.metrics.emaDb.size()), s.metrics.emaDb, true});
    ea.push_back({s.name, frames(s.metrics.eaError.size()), s.metrics.eaError, false});
  }
  convergence.push_back({goldenName + ": mean", frames(longest), goldenMetrics.meanDb, false});
  convergence.push_back({goldenName + ": EMA 0.1", frames(longest), goldenMetrics.emaDb, true});
  ea.push_back({goldenName, frames(longest), goldenMetrics.eaError, true});
  if (!save("convergence.png", linePlot(convergence, frameTicks(longest), 1.0, "frames k", "dB vs white noise")) ||
      !save("ea_error.png", linePlot(ea, frameTicks(longest), 0.005, "frames k", "E(k) (EA's figure)")))
    return false;

  std::ostringstream md;
  md << "# Stack analysis\n\nFigures of docs/method.md §8.4 (lower is better; dB against white noise).\n\n";
  md << "| |";
  for (const ReportStack& s : stacks) md << " " << s.name << " |";
  md << " " << goldenName << " |\n|---|";
  for (size_t i = 0; i <= stacks.size(); ++i) md << "---|";
  md << "\n";
  auto row = [&](const std::string& label, const std::function<std::string(const TemporalMetrics&)>& cell) {
    md << "| " << label << " |";
    for (const ReportStack& s : stacks) md << " " << cell(s.metrics) << " |";
    md << " " << cell(goldenMetrics) << " |\n";
  };
  row("size", [](const TemporalMetrics& m) { return toString(m.shape); });
  row("slice HVS σ=1 mean / worst (dB)",
      [](const TemporalMetrics& m) { return fixed(m.meanSliceHvsDb[0], 2) + " / " + fixed(m.worstSliceHvsDb[0], 2); });
  for (uint32_t k : {1u, 8u, 32u, 64u})
    row("E(" + std::to_string(k) + ")", [&](const TemporalMetrics& m) {
      return k <= m.eaError.size() ? fixed(m.eaError[k - 1], 5) : std::string("-");
    });
  for (uint32_t k : {2u, 4u, 8u, 16u, 32u})
    row("mean of " + std::to_string(k) + " frames (dB)",
        [&](const TemporalMetrics& m) { return k <= m.meanDb.size() ? fixed(m.meanDb[k - 1], 2) : std::string("-"); });
  row("temporal low-frequency power", [](const TemporalMetrics& m) { return fixed(m.lowFrequencyTemporalPower, 3); });
  md << "\n## Convergence\n\n![convergence](convergence.png)\n\n![E(k)](ea_error.png)\n";
  for (size_t i = 0; i < stacks.size(); ++i) {
    const std::string tag = std::to_string(i + 1);
    const Mask xt = xtPlane(stacks[i].stack);
    if (!save("xy_spectrum_" + tag + ".png", spectrumPicture(averagedSlicePeriodogram(stacks[i].stack))) ||
        !save("xt_" + tag + ".png", maskPicture(xt)))
      return false;
    md << "\n## " << stacks[i].name << "\n\nXY spectrum, averaged over the slices:\n\n![XY spectrum](xy_spectrum_"
       << tag << ".png)\n\nXT plane (row 0 of every slice, time downwards):\n\n![XT plane](xt_" << tag << ".png)\n";
    if (checkMaskShape(xt.shape).empty()) {
      if (!save("xt_spectrum_" + tag + ".png", spectrumPicture(computeMaskMetrics(xt)))) return false;
      md << "\nIts spectrum (horizontal: x frequency, vertical: temporal frequency):\n\n![XT spectrum](xt_spectrum_"
         << tag << ".png)\n";
    }
  }
  return writeFileAtomically((fs::path(dir) / "report.md").string(), md.str(), error);
}

}  // namespace specdither
