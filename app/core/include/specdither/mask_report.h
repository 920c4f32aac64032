// The analysis report a person reads: a folder with report.md (figures as tables) and PNG pictures of one mask
// or of several side by side. `specdither analyze --report DIR` and `specdither compare ... --report DIR`
// call writeMaskReport; the studio may too.
//
// Pictures per mask: the mask (magnified), its centred log periodogram with a colour bar in dB, thresholded
// patterns at g = 1/16, 1/8, 1/4, 1/2 (tiled, so seams would show; each level written underneath), a ramp
// dithered to 2 and 4 levels, and a 256 x 256 photo crop dithered at 1 bit. One radial power plot (log power
// axis, axis titles, a legend naming each curve) holds every mask's curve. Labels use bitmap_font.h. The figures
// are docs/method.md §5's (mask_metrics.h).
#pragma once

#include "specdither/api.h"
#include "specdither/mask.h"
#include "specdither/mask_metrics.h"

#include <string>
#include <vector>

namespace specdither {

struct ReportMask {
  std::string name;    // column title (e.g. the file's name); names that repeat are replaced by
                       // distinctPathNames of the sources in the report
  std::string source;  // where it came from (a path), shown under the title; may be empty
  Mask mask;
  MaskMetrics metrics;  // computeMaskMetrics(mask)
};

struct ReportOptions {
  std::string title;  // "" = "Mask analysis" or "Mask comparison"
  // The photo to dither (a PNG; its centred 256 x 256 crop, as luma). "" = Kodak's kodim23.png from the
  // shared data folder ($SPECDITHER_SHARED_DIR/data/kodak, else ../shared/data/kodak), and when there is none a
  // generated gray ramp and zone plate.
  std::string photoPath;
};

// Names that tell files apart: for each path, the shortest tail of its folders and file name that no other path
// in the list ends with ("mask.png" when the file name is unique; "a/mask.png" and "b/mask.png" for
// a/mask.png and b/mask.png; "a/mask.png" and "x/a/mask.png" for those two). "." components are skipped. The
// same path given twice is numbered: "a/mask.png", "a/mask.png (2)".
SPECDITHER_API std::vector<std::string> distinctPathNames(const std::vector<std::string>& paths);

// What writeMaskReport would refuse before it measures or draws anything, for a caller about to analyze large
// masks: dir cannot be created or written (checkFolderCreatable, atomic_file.h), options.photoPath cannot be
// read as a photo. "" or the one-line reason.
SPECDITHER_API std::string checkReportOutput(const std::string& dir, const ReportOptions& options);

// Creates dir (and its parents) if needed and writes report.md and the pictures into it, each file atomically.
// On failure (dir cannot be created or written, the photo cannot be read, no masks, a mask with slices or
// channels) returns false and sets *error to one line.
SPECDITHER_API bool writeMaskReport(const std::vector<ReportMask>& masks, const std::string& dir,
                                    const ReportOptions& options, std::string* error);

}  // namespace specdither
