// `analyze --values KIND` and `compare --values KIND`: vector-valued masks' figures (analyze_values.cpp).
#pragma once

#include "analysis_output.h"

namespace specdither::cli {

// Reads every mask as the given kind of values (o.values; o.slices cuts atlases) and prints each one's
// integration error, a stack's per slice and accumulated over frames; the exit code.
int runVectorAnalysis(const AnalysisOptions& options, AnalysisShape shape);

}  // namespace specdither::cli
