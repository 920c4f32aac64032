// `analyze` and `compare` in one: loading masks for analysis (with the size checks), the report, the metrics as
// JSON or as a plain-text table. `analyze` is `compare` of one mask, shaped for one mask.
#pragma once

#include "specdither/mask.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace specdither::cli {

struct AnalysisOptions {
  std::vector<std::string> masks;
  bool json = false;
  std::string report;   // folder for report.md and its pictures; "" = none
  std::string photo;    // the report's dithered photo; "" = a Kodak image
  uint32_t slices = 0;  // > 0: read each file as an atlas of this many slices (a stack; stack_analysis.cpp)
  std::string values;   // a vector-valued mask's kind (analyze_values.h); "" = threshold masks
};

// --json, --report, --photo, --slices, --values.
void addAnalysisOptions(CLI::App* command, AnalysisOptions* options);

enum class AnalysisShape {
  OneMask,     // `analyze`: JSON is the mask's object; the table is followed by the per-level figures
  SideBySide,  // `compare`: JSON is {"masks": [...]}; the table has a column per mask
};

// Loads and measures every mask, writes the report when asked, prints the figures (table or JSON) on stdout.
// Stacks of slices go to runStackAnalysis. Returns the exit code (after one line on stderr for a user-caused
// failure).
int runMaskAnalysis(const AnalysisOptions& options, AnalysisShape shape);

// Reads a mask to analyze: with atlasSlices > 0 a 2D image cut into that many slices, a file that holds its
// slices (.ktx2, .npy, a slice pattern) as it is. read(atlasSlices, out, error) reads the file, cutting it when
// atlasSlices > 0 (readMask, or readVectorMask for --values). "" or the one-line error.
using AnalyzedFileReader = std::function<bool(uint32_t atlasSlices, Mask* out, std::string* error)>;
std::string readCuttingAtlases(uint32_t atlasSlices, const AnalyzedFileReader& read, Mask* out);
// readCuttingAtlases with readMask.
std::string readAnalyzedMask(const std::string& path, uint32_t atlasSlices, Mask* out);

// The same for spatiotemporal stacks (temporal_metrics.h): the masks of options.masks as runMaskAnalysis read them.
int runStackAnalysis(const AnalysisOptions& options, AnalysisShape shape, std::vector<Mask> masks);

// The same for colour masks and colour stacks (colour_metrics.h): per-channel figures and the colour flat-field
// error; of a stack, per slice and after the accumulation of k frames.
int runColourAnalysis(const AnalysisOptions& options, AnalysisShape shape, std::vector<Mask> masks);

// Prints the figures of the stack and colour analyses: with --json one mask's object (AnalysisShape::OneMask) or
// {"masks": [...]}, else the table. Returns 0.
int printFigures(const AnalysisOptions& options, AnalysisShape shape, const std::vector<nlohmann::json>& masks,
                 const std::string& table);

// A number with fixed decimals, for the tables.
std::string fixedDecimals(double value, int decimals);

// Columns of a figures table (header row first) aligned for a terminal.
std::string alignedTable(const std::vector<std::vector<std::string>>& rows);

}  // namespace specdither::cli
