// `specdither analyze MASK [--json] [--report DIR] [--photo PNG]`: the figures of docs/method.md §5 of one mask, as a
// table with its per-level figures, as JSON, and optionally as a Markdown report with pictures. `compare` with
// one mask (analysis_output.h).
#include "analysis_output.h"
#include "command.h"

namespace specdither::cli {

static CommandRegistration registration("analyze", [](CLI::App& app) {
  auto options = std::make_shared<AnalysisOptions>();
  CLI::App* cmd = app.add_subcommand("analyze", "Measure a mask: spectrum, dither quality, histogram");
  cmd->add_option("mask", options->masks, "Mask file (.png, .ktx2, .npy)")->required()->expected(1);
  addAnalysisOptions(cmd, options.get());
  return std::function<int()>([options] { return runMaskAnalysis(*options, AnalysisShape::OneMask); });
});

}  // namespace specdither::cli
