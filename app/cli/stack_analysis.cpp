// `analyze` / `compare` of spatiotemporal stacks (docs/method.md §8.4): per-slice dither quality, EA's E(k), the
// convergence of the mean and the EMA of k frames against white noise, the temporal spectrum and spread.
#include "analysis_output.h"
#include "command.h"

#include "specdither/mask_io.h"
#include "specdither/mask_report.h"
#include "specdither/stack_report.h"
#include "specdither/temporal_metrics.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <functional>

namespace specdither::cli {

namespace {

// The temporal metrics hold the stack a few times over in doubles: 512 x 512 x 64 stays near 1 GiB.
constexpr uint64_t kMaxAnalyzedStackPixels = uint64_t(1) << 24;

struct AnalyzedStack {
  std::string path, name;
  Mask mask;
  TemporalMetrics metrics;
};

std::string loadStack(const std::string& path, Mask mask, AnalyzedStack* out) {
  out->mask = std::move(mask);
  const MaskShape& s = out->mask.shape;
  if (s.channels != 1) return path + ": the stack analysis takes single-channel masks, not " + toString(s);
  if (s.pixelCount() > kMaxAnalyzedStackPixels)
    return path + ": stack " + toString(s) + " is too large to analyze (at most 2^24 pixels)";
  out->path = path;
  out->metrics = computeTemporalMetrics(out->mask, {});
  return "";
}

nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json stackJson(const AnalyzedStack& a) {
  const TemporalMetrics& m = a.metrics;
  const TemporalMetricsOptions defaults;
  nlohmann::json slices = nlohmann::json::object();
  for (size_t j = 0; j < defaults.sliceHvsSigmas.size(); ++j) {
    char key[32];
    std::snprintf(key, sizeof key, "%g", defaults.sliceHvsSigmas[j]);
    nlohmann::json each = nlohmann::json::array();
    for (const auto& row : m.sliceHvsDb) each.push_back(number(row[j]));
    slices[key] = {
        {"mean_db", number(m.meanSliceHvsDb[j])}, {"worst_db", number(m.worstSliceHvsDb[j])}, {"per_slice_db", each}};
  }
  auto array = [](const std::vector<double>& v) {
    nlohmann::json out = nlohmann::json::array();
    for (double x : v) out.push_back(number(x));
    return out;
  };
  return {{"file", a.path},
          {"name", a.name},
          {"width", a.mask.shape.width},
          {"height", a.mask.shape.height},
          {"slices", a.mask.shape.slices},
          {"slices_are_permutations", m.slicesArePermutations},
          {"slice_hvs", slices},
          {"convergence",
           {{"sigma", defaults.sigma},
            {"ema_alpha", defaults.emaAlpha},
            {"levels", defaults.levels},
            {"ea_error", array(m.eaError)},
            {"ema_db", array(m.emaDb)},
            {"mean_db", array(m.meanDb)}}},
          {"temporal_power", array(m.temporalPower)},
          {"low_frequency_temporal_power", number(m.lowFrequencyTemporalPower)},
          {"mean_largest_gap", number(m.meanLargestGap)}};
}

std::string stacksText(const std::vector<AnalyzedStack>& stacks) {
  std::vector<std::vector<std::string>> rows;
  auto row = [&](const std::string& label, const std::function<std::string(const AnalyzedStack&)>& cell) {
    std::vector<std::string> r = {label};
    for (const AnalyzedStack& s : stacks) r.push_back(cell(s));
    rows.push_back(r);
  };
  row("", [](const AnalyzedStack& s) { return s.name; });
  row("size", [](const AnalyzedStack& s) { return toString(s.mask.shape); });
  row("every slice a permutation",
      [](const AnalyzedStack& s) { return s.metrics.slicesArePermutations ? "yes" : "no"; });
  const TemporalMetricsOptions defaults;
  for (size_t j = 0; j < defaults.sliceHvsSigmas.size(); ++j) {
    const std::string sigma = fixedDecimals(defaults.sliceHvsSigmas[j], 1);
    row("slice HVS σ=" + sigma + " mean (dB)",
        [&](const AnalyzedStack& s) { return fixedDecimals(s.metrics.meanSliceHvsDb[j], 2); });
    row("slice HVS σ=" + sigma + " worst (dB)",
        [&](const AnalyzedStack& s) { return fixedDecimals(s.metrics.worstSliceHvsDb[j], 2); });
  }
  for (uint32_t k : {1u, 8u, 32u, 64u})
    row("EA E(" + std::to_string(k) + ")", [&](const AnalyzedStack& s) {
      return k <= s.metrics.eaError.size() ? fixedDecimals(s.metrics.eaError[k - 1], 5) : std::string("-");
    });
  for (uint32_t k : {2u, 4u, 8u, 16u, 32u})
    row("mean of " + std::to_string(k) + " frames (dB)", [&](const AnalyzedStack& s) {
      return k <= s.metrics.meanDb.size() ? fixedDecimals(s.metrics.meanDb[k - 1], 2) : std::string("-");
    });
  // The whole period: what a renderer that averages every slice converges to (method.md §8.7).
  row("mean of all T frames (dB)", [](const AnalyzedStack& s) { return fixedDecimals(s.metrics.meanDb.back(), 2); });
  for (uint32_t k : {8u, 32u})
    row("EMA 0.1 after " + std::to_string(k) + " frames (dB)", [&](const AnalyzedStack& s) {
      return k <= s.metrics.emaDb.size() ? fixedDecimals(s.metrics.emaDb[k - 1], 2) : std::string("-");
    });
  row("temporal low-frequency power",
      [](const AnalyzedStack& s) { return fixedDecimals(s.metrics.lowFrequencyTemporalPower, 3); });
  row("mean largest gap (x 1/T)", [](const AnalyzedStack& s) { return fixedDecimals(s.metrics.meanLargestGap, 2); });
  return alignedTable(rows);
}

}  // namespace

int runStackAnalysis(const AnalysisOptions& o, AnalysisShape shape, std::vector<Mask> masks) {
  if (!o.photo.empty()) return fail("--photo is for reports of 2D masks; a stack's report has no photo");
  std::vector<AnalyzedStack> stacks(o.masks.size());
  for (size_t i = 0; i < o.masks.size(); ++i) {
    const std::string problem = loadStack(o.masks[i], std::move(masks[i]), &stacks[i]);
    if (!problem.empty()) return fail(problem);
  }
  const std::vector<std::string> names = distinctPathNames(o.masks);
  for (size_t i = 0; i < stacks.size(); ++i) stacks[i].name = names[i];
  if (!o.report.empty()) {
    std::vector<ReportStack> report;
    for (const AnalyzedStack& a : stacks) report.push_back({a.name, a.mask, a.metrics});
    std::string error;
    if (!writeStackReport(report, o.report, &error)) return fail(error);
  }
  std::vector<nlohmann::json> figures;
  for (const auto& item : stacks) figures.push_back(stackJson(item));
  return printFigures(o, shape, figures, stacksText(stacks));
}

}  // namespace specdither::cli
