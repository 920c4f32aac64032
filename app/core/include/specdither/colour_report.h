// The report of colour masks and colour stacks a person reads (docs/method.md §11.4, §11.6): `analyze --report
// DIR` / `compare --report DIR` of colour masks write report.md (the figures the caller measured, as a table) and
// PNG pictures into DIR: per mask its channels as colours (R, G, B; an RG mask's blue black) and a colour photo
// crop dithered with each channel's own mask at 1 and 2 bits (a stack: its slice 0), beside the undithered crop;
// for stacks, one plot of the colour error after the plain mean of k frames, every mask at 1 and 2 bits.
#pragma once

#include "specdither/api.h"
#include "specdither/mask.h"

#include <string>
#include <vector>

namespace specdither {

struct ReportColourMask {
  std::string name;  // column title and legend entry
  Mask mask;         // 2 to 4 channels, 2D or a stack
  // A stack's colour error (total, dB against white noise) after the mean of the first frames[i] frames, at 1 bit
  // (meanDb[0]) and 2 bits (meanDb[1]); empty for a 2D mask.
  std::vector<double> frames;
  std::vector<std::vector<double>> meanDb;
};

struct ColourReportOptions {
  std::string title;            // "" = "Colour mask analysis"
  std::string figuresMarkdown;  // the figures as a Markdown table, placed first
  // The photo to dither (a PNG; its centred 256 x 256 crop, in colour). "" = Kodak's kodim23.png from the shared
  // data folder (mask_report.h's search), and when there is none the project's test chart (test_chart.h).
  std::string photoPath;
};

// Creates dir if needed and writes report.md and the pictures, each file atomically. false with *error (one line)
// when dir cannot be made or written, the photo cannot be read, there are no masks, or a mask is not a colour mask.
SPECDITHER_API bool writeColourReport(const std::vector<ReportColourMask>& masks, const std::string& dir,
                                      const ColourReportOptions& options, std::string* error);

}  // namespace specdither
