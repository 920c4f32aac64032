// `specdither analyze MASK [--json] [--report DIR]`: the figures of docs/method.md §5 for one mask, as a table,
// as JSON, and optionally as a Markdown report with pictures.
#include "analysis_output.h"
#include "command.h"

#include <cstdio>

namespace specdither::cli {

namespace {

struct AnalyzeOptions {
  std::string mask;
  bool json = false;
  std::string report;
  std::string photo;
};

int runAnalyze(const AnalyzeOptions& o) {
  ReportMask mask;
  const std::string problem = loadAnalyzedMask(o.mask, &mask);
  if (!problem.empty()) return fail(problem);
  if (!o.report.empty()) {
    ReportOptions options;
    options.photoPath = o.photo;
    std::string error;
    if (!writeMaskReport({mask}, o.report, options, &error)) return fail(error);
  }
  if (o.json) {
    nlohmann::json out = metricsJson(mask);
    if (!o.report.empty()) out["report"] = o.report + "/report.md";
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  std::printf("%s\n%s", figuresText({mask}).c_str(), levelsText(mask.metrics).c_str());
  if (!o.report.empty()) std::printf("\nwrote %s/report.md\n", o.report.c_str());
  return 0;
}

}  // namespace

static CommandRegistration registration("analyze", [](CLI::App& app) {
  auto options = std::make_shared<AnalyzeOptions>();
  CLI::App* cmd = app.add_subcommand("analyze", "Measure a mask: spectrum, dither quality, histogram");
  cmd->add_option("mask", options->mask, "Mask file (.png, .ktx2, .npy)")->required();
  cmd->add_flag("--json", options->json, "Print the figures as JSON");
  cmd->add_option("--report", options->report, "Write report.md and pictures into this folder");
  cmd->add_option("--photo", options->photo, "Photo (PNG) to dither in the report (default: a Kodak image)");
  return std::function<int()>([options] { return runAnalyze(*options); });
});

}  // namespace specdither::cli
