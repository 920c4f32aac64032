// The report of spatiotemporal stacks (docs/method.md §8.4): `analyze --report DIR` / `compare --report DIR` of
// stacks write report.md (the figures as a table) and PNG plots into DIR: the convergence of the plain mean and of
// the EMA 0.1 of k frames (dB against white noise) and EA's E(k), each stack beside the golden-ratio animation of
// the first stack's slice 0 (what engines do with one mask); per stack its XY spectrum averaged over the slices,
// one XT plane (row 0 of every slice, time downwards) and that plane's spectrum.
#pragma once

#include "specdither/api.h"
#include "specdither/mask.h"
#include "specdither/temporal_metrics.h"

#include <string>
#include <vector>

namespace specdither {

struct ReportStack {
  std::string name;         // column title and legend entry
  Mask stack;               // single channel, slices >= 2
  TemporalMetrics metrics;  // computeTemporalMetrics(stack)
};

// Creates dir if needed and writes the report, each file atomically. false with *error (one line) when dir cannot
// be made or written, or for no stacks.
SPECDITHER_API bool writeStackReport(const std::vector<ReportStack>& stacks, const std::string& dir,
                                     std::string* error);

}  // namespace specdither
