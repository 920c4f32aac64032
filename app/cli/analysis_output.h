// Shared by `analyze` and `compare`: loading a mask for analysis (with the size checks), the metrics as JSON,
// and the plain-text figures table.
#pragma once

#include "specdither/mask_metrics.h"
#include "specdither/mask_report.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace specdither::cli {

// Reads path (readMask) and computes its metrics into *out (name = the file's name). Returns "" or a one-line
// error: unreadable file, not a mask, a mask too small or too large to analyze.
std::string loadAnalyzedMask(const std::string& path, ReportMask* out);

// Everything in MaskMetrics except the raw periodogram: summary, per-level figures, radial spectrum, ramp,
// histogram. NaN becomes null.
nlohmann::json metricsJson(const ReportMask& mask);

// The summary figures, one row per figure and one column per mask, aligned for a terminal.
std::string figuresText(const std::vector<ReportMask>& masks);

// Per-level figures of one mask (g, coverage, LF leakage, HVS per sigma).
std::string levelsText(const MaskMetrics& metrics);

}  // namespace specdither::cli
