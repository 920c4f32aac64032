// `specdither analyze MASK [--json] [--report DIR] [--photo PNG]`: the figures of docs/method.md §5 of one mask, as a
// table with its per-level figures, as JSON, and optionally as a Markdown report with pictures. `compare` with
// one mask (analysis_output.h).
#include "analysis_output.h"
#include "analyze_values.h"
#include "command.h"

namespace specdither::cli {

static CommandRegistration registration("analyze", [](CLI::App& app) {
  auto options = std::make_shared<AnalysisOptions>();
  CLI::App* cmd = app.add_subcommand("analyze", "Measure a mask: spectrum, dither quality, histogram");
  cmd->add_option("mask", options->masks, "Mask file (.png, .ktx2, .npy)")->required()->expected(1);
  addAnalysisOptions(cmd, options.get());
  auto values = std::make_shared<std::string>();
  cmd->add_option("--values", *values,
                  "Read a vector-valued mask (vec2, circle, sphere, hemisphere-cosine) and measure its integration "
                  "error (docs/method.md §10.3)");
  return std::function<int()>([options, values] {
    if (!values->empty()) {
      if (!options->report.empty() || !options->photo.empty())
        return fail("--report and --photo do not apply to --values");
      return runVectorAnalysis(options->masks[0], *values, options->json);
    }
    return runMaskAnalysis(*options, AnalysisShape::OneMask);
  });
});

}  // namespace specdither::cli
