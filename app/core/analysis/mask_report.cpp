#include "specdither/mask_report.h"

#include "specdither/atomic_file.h"
#include "analysis/report_images.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace specdither {

namespace {

namespace fs = std::filesystem;

const std::vector<double> kPatternLevels = {1.0 / 16, 1.0 / 8, 1.0 / 4, 1.0 / 2};
constexpr uint32_t kPhotoSize = 256;

bool lowerIsBetter(const std::string& key) {
  return key.rfind("hvs_db_", 0) == 0 || key == "lf_leakage" || key.rfind("ramp_rmse_", 0) == 0 ||
         key == "max_bucket_deviation";
}

// Table cells must not contain '|' or line breaks.
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string number(double value, int decimals) { return formatFigure(MetricFigure{"", "", value, decimals}); }

std::string sigmaText(double sigma) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", sigma);
  return text;
}

std::vector<std::string> pathComponents(const std::string& path) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(path);
  while (std::getline(in, part, '/'))
    if (!part.empty() && part != ".") parts.push_back(part);
  return parts;
}

// The last k components (all of them when there are fewer), joined by '/'.
std::string pathTail(const std::vector<std::string>& parts, size_t k) {
  std::string tail;
  for (size_t i = parts.size() - std::min(k, parts.size()); i < parts.size(); ++i)
    tail += (tail.empty() ? "" : "/") + parts[i];
  return tail;
}

// The report's column titles: the masks' names, with names that repeat replaced by their sources' distinct
// tails (two files called mask.png in different folders).
std::vector<std::string> columnNames(const std::vector<ReportMask>& masks) {
  std::vector<std::string> sources, names;
  for (const ReportMask& m : masks) sources.push_back(m.source.empty() ? m.name : m.source);
  const std::vector<std::string> distinct = distinctPathNames(sources);
  for (size_t i = 0; i < masks.size(); ++i) {
    size_t same = 0;
    for (const ReportMask& other : masks) same += other.name == masks[i].name ? 1 : 0;
    names.push_back(same > 1 ? distinct[i] : masks[i].name);
  }
  return names;
}

// The header row's cells: a blank corner, then one column per mask.
void columnTitles(std::ostringstream& md, const char* corner, const std::vector<std::string>& names) {
  md << (*corner ? "| " + std::string(corner) + " |" : std::string("| |"));
  for (const std::string& name : names) md << " " << cell(name) << " |";
}

void figuresTable(std::ostringstream& md, const std::vector<ReportMask>& masks, const std::vector<std::string>& names) {
  columnTitles(md, "", names);
  md << "\n|---|";
  for (size_t i = 0; i < masks.size(); ++i) md << "---:|";
  md << "\n| size |";
  for (const ReportMask& m : masks) md << " " << toString(m.mask.shape) << " |";
  md << "\n| exact permutation |";
  for (const ReportMask& m : masks) md << (m.metrics.exactPermutation ? " yes |" : " no |");
  md << "\n";
  std::vector<std::vector<MetricFigure>> summaries;
  for (const ReportMask& m : masks) summaries.push_back(metricSummary(m.metrics));
  for (size_t row = 0; row < summaries[0].size(); ++row) {
    const MetricFigure& first = summaries[0][row];
    // The best value of a lower-is-better row is bold when several masks are compared and they differ.
    double best = INFINITY, worst = -INFINITY;
    if (masks.size() > 1 && lowerIsBetter(first.key))
      for (const auto& s : summaries)
        if (row < s.size() && !std::isnan(s[row].value))
          best = std::min(best, s[row].value), worst = std::max(worst, s[row].value);
    if (formatFigure({"", "", best, first.decimals}) == formatFigure({"", "", worst, first.decimals})) best = INFINITY;
    md << "| " << cell(first.label) << " |";
    for (const auto& s : summaries) {
      if (row >= s.size()) {
        md << " |";
        continue;
      }
      const std::string text = formatFigure(s[row]);
      const bool bold = std::isfinite(best) && text == formatFigure({"", "", best, s[row].decimals});
      md << " " << (bold ? "**" + text + "**" : text) << " |";
    }
    md << "\n";
  }
}

void perLevelTables(std::ostringstream& md, const std::vector<ReportMask>& masks,
                    const std::vector<std::string>& names) {
  if (masks.size() == 1) {
    const MaskMetrics& m = masks[0].metrics;
    md << "| g | coverage | LF leakage |";
    for (const HvsFigure& f : m.hvs) md << " HVS σ=" << sigmaText(f.sigma) << " (dB) |";
    md << "\n|---:|---:|---:|";
    for (size_t s = 0; s < m.hvs.size(); ++s) md << "---:|";
    md << "\n";
    for (size_t l = 0; l < m.levels.size(); ++l) {
      md << "| " << number(m.levels[l], 4) << " | " << number(m.coverage[l], 4) << " | " << number(m.levelLeakage[l], 3)
         << " |";
      for (const HvsFigure& f : m.hvs) md << " " << number(f.levelDb[l], 2) << " |";
      md << "\n";
    }
    return;
  }
  // Side by side: the HVS error at each sigma, one column per mask.
  const MaskMetrics& ref = masks[0].metrics;
  for (size_t s = 0; s < ref.hvs.size(); ++s) {
    md << "\nHVS error σ=" << sigmaText(ref.hvs[s].sigma) << " (dB) per level:\n\n";
    columnTitles(md, "g", names);
    md << "\n|---:|";
    for (size_t i = 0; i < masks.size(); ++i) md << "---:|";
    md << "\n";
    for (size_t l = 0; l < ref.levels.size(); ++l) {
      md << "| " << number(ref.levels[l], 4) << " |";
      for (const ReportMask& m : masks) {
        const bool has = s < m.metrics.hvs.size() && l < m.metrics.hvs[s].levelDb.size();
        md << " " << (has ? number(m.metrics.hvs[s].levelDb[l], 2) : "") << " |";
      }
      md << "\n";
    }
  }
}

struct Picture {
  const char* stem;
  const char* title;
};
const Picture kPictures[] = {
    {"mask", "Mask (gray = threshold)"},
    {"spectrum", "Periodogram, centred, 10 log10 P from -20 (black) to +10 dB (white)"},
    {"patterns", "Threshold patterns [v < g] at g = 1/16, 1/8, 1/4, 1/2 (tiled)"},
    {"ramp", "Ramp: undithered, 2 levels, 4 levels"},
    {"photo", "Photo crop dithered at 1 bit"},
};

}  // namespace

std::vector<std::string> distinctPathNames(const std::vector<std::string>& paths) {
  std::vector<std::vector<std::string>> parts;
  for (const std::string& path : paths) parts.push_back(pathComponents(path));
  std::vector<std::string> names;
  for (size_t i = 0; i < paths.size(); ++i) {
    std::string name = paths[i];  // when no tail is unique: the same path listed again, or an empty one
    for (size_t k = 1; k <= parts[i].size(); ++k) {
      const std::string tail = pathTail(parts[i], k);
      bool unique = true;
      for (size_t j = 0; j < paths.size() && unique; ++j)
        unique = j == i || parts[j].size() < k || pathTail(parts[j], k) != tail;
      if (unique || k == parts[i].size()) {
        name = tail;
        break;
      }
    }
    names.push_back(name);
  }
  for (size_t i = 0; i < names.size(); ++i) {  // number repeats after their first occurrence
    size_t earlier = 0;
    for (size_t j = 0; j < i; ++j) earlier += parts[j] == parts[i] ? 1 : 0;
    if (earlier) names[i] += " (" + std::to_string(earlier + 1) + ")";
  }
  return names;
}

std::string checkReportOutput(const std::string& dir, const ReportOptions& options) {
  const std::string problem = checkFolderCreatable(dir);
  if (!problem.empty()) return problem;
  GrayImage photo;
  std::string error;
  if (!options.photoPath.empty() && !loadPhotoCrop(options.photoPath, kPhotoSize, &photo, &error)) return error;
  return "";
}

bool writeMaskReport(const std::vector<ReportMask>& masks, const std::string& dir, const ReportOptions& options,
                     std::string* error) {
  auto failWith = [&](const std::string& message) {
    if (error) *error = message;
    return false;
  };
  if (masks.empty()) return failWith("no masks to report");
  for (const ReportMask& m : masks) {
    const std::string refusal = check2DShape(m.mask.shape, "the report");
    if (!refusal.empty()) return failWith(m.name + ": " + refusal);
  }
  // The photo first: a bad --photo must not leave an empty report folder behind.
  GrayImage photo;
  std::string photoSource = options.photoPath.empty() ? findDefaultPhoto() : options.photoPath;
  if (!photoSource.empty()) {
    std::string photoError;
    if (!loadPhotoCrop(photoSource, kPhotoSize, &photo, &photoError)) return failWith(photoError);
  } else {
    photo = syntheticPhoto(kPhotoSize);
  }

  std::string folderError;
  if (!makeReportFolder(dir, &folderError)) return failWith(folderError);
  auto write = [&](const std::string& name, const Canvas& canvas) {
    return saveReportPicture(dir, name, canvas, error);
  };
  const std::vector<std::string> names = columnNames(masks);
  std::vector<const MaskMetrics*> all;
  for (const ReportMask& m : masks) all.push_back(&m.metrics);
  if (!write("radial_power.png", radialPlot(all, names))) return false;
  if (!write("photo_original.png", grayPicture(photo))) return false;
  for (size_t i = 0; i < masks.size(); ++i) {
    const std::string suffix = "_" + std::to_string(i + 1) + ".png";
    const Mask& mask = masks[i].mask;
    if (!write("mask" + suffix, maskPicture(mask)) || !write("spectrum" + suffix, spectrumPicture(masks[i].metrics)) ||
        !write("patterns" + suffix, thresholdPanels(mask, kPatternLevels)) ||
        !write("ramp" + suffix, ditheredRamps(mask)) || !write("photo" + suffix, ditherGray(photo, mask, 2)))
      return false;
  }

  const bool single = masks.size() == 1;
  std::ostringstream md;
  md << "# " << (options.title.empty() ? (single ? "Mask analysis" : "Mask comparison") : options.title);
  if (single) md << ": " << names[0];
  md << "\n\n";
  for (size_t i = 0; i < masks.size(); ++i)
    if (!masks[i].source.empty()) md << "- " << names[i] << ": `" << masks[i].source << "`\n";
  md << "\nFigures as defined in docs/method.md §5 (toroidal; v = (rank + 0.5) / N, tied values sharing their mean "
        "rank). HVS error: flat-gray error of "
        "the 15 threshold patterns g = 1/16 .. 15/16 seen through a Gaussian eye model of std σ px, in dB "
        "relative to white noise (lower is better). LF leakage: mean periodogram of the patterns below half "
        "their principal frequency (white noise 1). Ramp: RMSE of the σ=1.5 blurred error of a 0..1 ramp "
        "dithered to 2 and 4 levels. Anisotropy: Ulichney's var/mean² of the periodogram per ring, mean over "
        "the rings up to Nyquist (0 dB for white noise; periodic masks are far above).\n\n";
  md << "## Figures\n\n";
  figuresTable(md, masks, names);
  md << "\n## Per-level figures\n\n";
  perLevelTables(md, masks, names);
  md << "\n## Radially averaged power spectrum\n\n![radial power](radial_power.png)\n\n"
        "x: ρ in cycles per pixel; y, logarithmic: mean periodogram over the ring (white noise = 1, dashed).";
  if (!single) {
    md << " Curves:";
    for (size_t i = 0; i < masks.size(); ++i)
      md << (i ? "," : "") << " " << plotPalette()[i % plotPalette().size()].second << " = " << cell(names[i]);
    md << ".";
  }
  md << "\n\n## Pictures\n\n";
  md << "Photo: " << (photoSource.empty() ? "generated gray ramp and zone plate" : "`" + photoSource + "`")
     << ", centred " << photo.width << "x" << photo.height << " crop as luma: ![photo](photo_original.png)\n\n";
  if (single) {
    for (const Picture& p : kPictures) md << "### " << p.title << "\n\n![" << p.stem << "](" << p.stem << "_1.png)\n\n";
  } else {
    columnTitles(md, "", names);
    md << "\n|---|";
    for (size_t i = 0; i < masks.size(); ++i) md << "---|";
    md << "\n";
    for (const Picture& p : kPictures) {
      md << "| " << p.title << " |";
      for (size_t i = 0; i < masks.size(); ++i) md << " ![" << p.stem << "](" << p.stem << "_" << i + 1 << ".png) |";
      md << "\n";
    }
  }
  return writeFileAtomically((fs::path(dir) / "report.md").string(), md.str(), error);
}

}  // namespace specdither
