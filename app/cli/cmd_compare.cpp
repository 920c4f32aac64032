// `specdither compare A B ... [--report DIR] [--json]`: several masks measured side by side (e.g. ours against
// the peers in ../shared/data/peers), one report with a column per mask.
#include "analysis_output.h"
#include "command.h"

#include <cstdio>

namespace specdither::cli {

namespace {

struct CompareOptions {
  std::vector<std::string> masks;
  bool json = false;
  std::string report;
  std::string photo;
};

int runCompare(const CompareOptions& o) {
  std::vector<ReportMask> masks(o.masks.size());
  for (size_t i = 0; i < o.masks.size(); ++i) {
    const std::string problem = loadAnalyzedMask(o.masks[i], &masks[i]);
    if (!problem.empty()) return fail(problem);
  }
  if (!o.report.empty()) {
    ReportOptions options;
    options.photoPath = o.photo;
    std::string error;
    if (!writeMaskReport(masks, o.report, options, &error)) return fail(error);
  }
  if (o.json) {
    nlohmann::json out = {{"masks", nlohmann::json::array()}};
    for (const ReportMask& m : masks) out["masks"].push_back(metricsJson(m));
    if (!o.report.empty()) out["report"] = o.report + "/report.md";
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  std::printf("%s", figuresText(masks).c_str());
  if (!o.report.empty()) std::printf("\nwrote %s/report.md\n", o.report.c_str());
  return 0;
}

}  // namespace

static CommandRegistration registration("compare", [](CLI::App& app) {
  auto options = std::make_shared<CompareOptions>();
  CLI::App* cmd = app.add_subcommand("compare", "Measure several masks side by side");
  cmd->add_option("masks", options->masks, "Mask files (.png, .ktx2, .npy)")->required();
  cmd->add_flag("--json", options->json, "Print the figures as JSON");
  cmd->add_option("--report", options->report, "Write report.md and pictures into this folder");
  cmd->add_option("--photo", options->photo, "Photo (PNG) to dither in the report (default: a Kodak image)");
  return std::function<int()>([options] { return runCompare(*options); });
});

}  // namespace specdither::cli
