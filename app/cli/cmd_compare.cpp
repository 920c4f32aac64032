// `specdither compare A B ... [--json] [--report DIR] [--photo PNG]`: several masks measured side by side (e.g.
// ours against the peers in ../shared/data/peers), one report with a column per mask (analysis_output.h).
#include "analysis_output.h"
#include "command.h"

namespace specdither::cli {

static CommandRegistration registration("compare", [](CLI::App& app) {
  auto options = std::make_shared<AnalysisOptions>();
  CLI::App* cmd = app.add_subcommand("compare", "Measure several masks side by side");
  cmd->add_option("masks", options->masks, "Mask files (.png, .ktx2, .npy)")->required();
  addAnalysisOptions(cmd, options.get());
  return std::function<int()>([options] { return runMaskAnalysis(*options, AnalysisShape::SideBySide); });
});

}  // namespace specdither::cli
