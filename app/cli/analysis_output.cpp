#include "analysis_output.h"

#include "analyze_values.h"
#include "command.h"
#include "device_options.h"

#include "specdither/mask_io.h"
#include "specdither/mask_metrics.h"
#include "specdither/mask_report.h"
#include "specdither/vector_mask_io.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace specdither::cli {

namespace {

// The analysis holds ~10 N doubles plus a 4 W x H ramp: 2048 x 2048 stays near 1 GiB.
constexpr uint64_t kMaxAnalyzedPixels = uint64_t(2048) * 2048;

nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json numbers(const std::vector<double>& values) {
  nlohmann::json array = nlohmann::json::array();
  for (double v : values) array.push_back(number(v));
  return array;
}

// Computes the metrics of the mask read from path into *out (the caller names it). Returns "" or a one-line error:
// not a 2D mask, a mask too large to analyze.
std::string loadAnalyzedMask(const std::string& path, Mask mask, ReportMask* out) {
  out->mask = std::move(mask);
  const Mask& m = out->mask;
  const std::string flat = check2DShape(m.shape, "analysis");
  if (!flat.empty()) return path + ": " + flat;
  if (m.pixelCount() > kMaxAnalyzedPixels)
    return path + ": mask " + toString(m.shape) + " is too large to analyze (at most 2048x2048)";
  out->source = path;
  out->metrics = computeMaskMetrics(out->mask);
  return "";
}

// Everything in MaskMetrics except the raw periodogram: summary, per-level figures, radial spectrum, ramp,
// histogram. NaN becomes null.
nlohmann::json metricsJson(const ReportMask& mask) {
  const MaskMetrics& m = mask.metrics;
  nlohmann::json summary = nlohmann::json::object();
  for (const MetricFigure& f : metricSummary(m)) summary[f.key] = number(f.value);
  nlohmann::json levels = nlohmann::json::array();
  for (size_t l = 0; l < m.levels.size(); ++l) {
    nlohmann::json hvs = nlohmann::json::object();
    for (const HvsFigure& f : m.hvs) {
      char key[32];
      std::snprintf(key, sizeof key, "%g", f.sigma);
      hvs[key] = number(f.levelDb[l]);
    }
    levels.push_back(
        {{"g", m.levels[l]}, {"coverage", m.coverage[l]}, {"lf_leakage", number(m.levelLeakage[l])}, {"hvs_db", hvs}});
  }
  nlohmann::json ramp = nlohmann::json::array();
  for (const RampFigure& r : m.ramp) ramp.push_back({{"levels", r.levels}, {"rmse", number(r.rmse)}});
  return {{"file", mask.source},
          {"name", mask.name},
          {"width", m.width},
          {"height", m.height},
          {"exact_permutation", m.exactPermutation},
          {"summary", summary},
          {"levels", levels},
          {"radial",
           {{"frequency", numbers(m.ringFrequency)},
            {"count", m.ringCount},
            {"power", numbers(m.radialPower)},
            {"anisotropy_db", numbers(m.anisotropyDb)}}},
          {"ramp", {{"width", m.rampWidth}, {"blur_sigma", m.rampBlurSigma}, {"rmse", ramp}}},
          {"histogram", {{"distinct_values", m.distinctValues}, {"max_bucket_deviation", m.maxBucketDeviation}}}};
}

// The summary figures, one row per figure and one column per mask, aligned for a terminal.
std::string figuresText(const std::vector<ReportMask>& masks) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {""}, size = {"size"}, exact = {"exact permutation"};
  for (const ReportMask& m : masks) {
    header.push_back(m.name);
    size.push_back(toString(m.mask.shape));
    exact.push_back(m.metrics.exactPermutation ? "yes" : "no");
  }
  rows.push_back(header);
  rows.push_back(size);
  rows.push_back(exact);
  std::vector<std::vector<MetricFigure>> summaries;
  for (const ReportMask& m : masks) summaries.push_back(metricSummary(m.metrics));
  for (size_t r = 0; r < summaries[0].size(); ++r) {
    std::vector<std::string> row = {summaries[0][r].label};
    for (const auto& s : summaries) row.push_back(r < s.size() ? formatFigure(s[r]) : "");
    rows.push_back(row);
  }
  return alignedTable(rows);
}

// Per-level figures of one mask (g, coverage, LF leakage, HVS per sigma).
std::string levelsText(const MaskMetrics& m) {
  std::string text = "     g  coverage  LF leak";
  char buf[64];
  for (const HvsFigure& f : m.hvs) {
    // Right-aligned to the 12-character data columns; the σ is one character but two bytes.
    std::snprintf(buf, sizeof buf, "HVS σ=%g", f.sigma);
    const std::string label = buf;
    text += std::string(size_t(std::max(0, 12 - int(label.size()) + 1)), ' ') + label;
  }
  text += "\n";
  for (size_t l = 0; l < m.levels.size(); ++l) {
    std::snprintf(buf, sizeof buf, "%6.4f  %8.4f  %7.3f", m.levels[l], m.coverage[l], m.levelLeakage[l]);
    text += buf;
    for (const HvsFigure& f : m.hvs) {
      std::snprintf(buf, sizeof buf, "  %10.2f", f.levelDb[l]);
      text += buf;
    }
    text += "\n";
  }
  return text;
}

}  // namespace

int printFigures(const AnalysisOptions& o, AnalysisShape shape, const std::vector<nlohmann::json>& masks,
                 const std::string& table) {
  if (!o.json) {
    std::printf("%s", table.c_str());
    return 0;
  }
  nlohmann::json out = shape == AnalysisShape::OneMask ? masks[0] : nlohmann::json{{"masks", masks}};
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}

std::string fixedDecimals(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string alignedTable(const std::vector<std::vector<std::string>>& rows) {
  // Column widths count UTF-8 code points (the labels hold a σ).
  auto width = [](const std::string& s) {
    return size_t(std::count_if(s.begin(), s.end(), [](char c) { return (uint8_t(c) & 0xC0) != 0x80; }));
  };
  std::vector<size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows)
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], width(row[c]));
  std::string text;
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      const std::string pad(widths[c] - width(row[c]), ' ');
      text += c == 0 ? row[c] + pad : "  " + pad + row[c];
    }
    text += "\n";
  }
  return text;
}

void addAnalysisOptions(CLI::App* cmd, AnalysisOptions* options) {
  cmd->add_flag("--json", options->json, "Print the figures as JSON");
  cmd->add_option("--report", options->report, "Write report.md and pictures into this folder");
  cmd->add_option("--photo", options->photo, "Photo (PNG) to dither in the report (default: a Kodak image)");
  cmd->add_option("--slices", options->slices,
                  "Read each file as an atlas of this many slices stacked top to bottom (a spatiotemporal stack, "
                  "as EA's FAST ships them); stacks in .ktx2 / .npy are read as they are")
      ->check(CLI::Range(1u, 4096u));
  cmd->add_option("--values", options->values,
                  "Read vector-valued masks (vec2, circle, sphere, hemisphere-cosine) and measure their integration "
                  "error, a stack's per slice and accumulated over frames (docs/method.md §10.3, §10.5)");
  refuseDeviceOptions(cmd);
}

std::string readCuttingAtlases(uint32_t atlasSlices, const AnalyzedFileReader& read, Mask* out) {
  std::string error;
  if (read(atlasSlices, out, &error)) return "";
  // --slices cuts 2D images; a file that holds its slices (.ktx2, .npy) is read as it is.
  std::string plainError;
  if (atlasSlices == 0 || !read(0, out, &plainError) || out->shape.slices == 1) return error;
  return "";
}

std::string readAnalyzedMask(const std::string& path, uint32_t atlasSlices, Mask* out) {
  return readCuttingAtlases(
      atlasSlices,
      [&](uint32_t slices, Mask* mask, std::string* error) {
        MaskReadOptions options;
        options.atlasSlices = slices;
        return readMask(path, mask, error, options);
      },
      out);
}

namespace {

// A vector mask of this tool declares its kind in its KTX2 key/values: without --values it is analyzed as one
// (its RG / RGBA channels would pass for a colour mask's), and a file of another kind is refused. "" and the
// options to run with, or the one-line refusal.
std::string resolveDeclaredValues(const AnalysisOptions& o, AnalysisOptions* resolved) {
  *resolved = o;
  std::vector<std::string> kinds;
  for (const std::string& path : o.masks) kinds.push_back(declaredVectorValues(path));
  VectorDomain given;
  for (size_t i = 0; i < kinds.size() && parseVectorDomain(o.values, &given); ++i)
    if (!kinds[i].empty() && kinds[i] != o.values)
      return o.masks[i] + " holds " + kinds[i] + " values (its specdither.values key), not " + o.values;
  const auto first = std::find_if(kinds.begin(), kinds.end(), [](const std::string& k) { return !k.empty(); });
  if (!o.values.empty() || first == kinds.end()) return "";
  const std::string& firstPath = o.masks[size_t(first - kinds.begin())];
  for (size_t i = 0; i < kinds.size(); ++i) {
    if (kinds[i] == *first) continue;
    if (kinds[i].empty())
      return firstPath + " holds " + *first + " values (its specdither.values key) and " + o.masks[i] +
             " declares none: give --values " + *first + " to compare them as vector masks";
    return firstPath + " holds " + *first + " values and " + o.masks[i] + " " + kinds[i] +
           " values: compare masks of one kind";
  }
  resolved->values = *first;
  return "";
}

}  // namespace

int runMaskAnalysis(const AnalysisOptions& given, AnalysisShape shape) {
  AnalysisOptions o;
  const std::string declared = resolveDeclaredValues(given, &o);
  if (!declared.empty()) return fail(declared);
  if (!o.values.empty()) return runVectorAnalysis(o, shape);
  ReportOptions reportOptions;
  reportOptions.photoPath = o.photo;
  // The report's folder and photo first: outputs are checked before the (at 2048x2048, long) reading and analysis.
  if (!o.report.empty()) {
    const std::string problem = checkReportOutput(o.report, reportOptions);
    if (!problem.empty()) return fail(problem);
  } else if (!o.photo.empty()) {
    return fail("--photo is the report's photo: give --report DIR too");
  }
  // Every file read once; stacks (an atlas option, or a file that holds slices) go to the stack analysis.
  std::vector<Mask> read(o.masks.size());
  bool stacks = o.slices > 0, colour = false;
  for (size_t i = 0; i < o.masks.size(); ++i) {
    const std::string problem = readAnalyzedMask(o.masks[i], o.slices, &read[i]);
    if (!problem.empty()) return fail(problem);
    stacks = stacks || read[i].shape.slices > 1;
    colour = colour || read[i].shape.channels > 1;
  }
  if (colour) return runColourAnalysis(o, shape, std::move(read));  // colour masks and colour stacks
  if (stacks) return runStackAnalysis(o, shape, std::move(read));
  std::vector<ReportMask> masks(o.masks.size());
  for (size_t i = 0; i < o.masks.size(); ++i) {
    const std::string problem = loadAnalyzedMask(o.masks[i], std::move(read[i]), &masks[i]);
    if (!problem.empty()) return fail(problem);
  }
  // Columns named by the shortest distinct path when file names repeat (a/mask.png, b/mask.png).
  const std::vector<std::string> names = distinctPathNames(o.masks);
  for (size_t i = 0; i < masks.size(); ++i) masks[i].name = names[i];
  if (!o.report.empty()) {
    std::string error;
    if (!writeMaskReport(masks, o.report, reportOptions, &error)) return fail(error);
  }
  const bool oneMask = shape == AnalysisShape::OneMask;
  if (o.json) {
    nlohmann::json out;
    if (oneMask) {
      out = metricsJson(masks[0]);
    } else {
      out = {{"masks", nlohmann::json::array()}};
      for (const ReportMask& m : masks) out["masks"].push_back(metricsJson(m));
    }
    if (!o.report.empty()) out["report"] = o.report + "/report.md";
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  std::printf("%s", figuresText(masks).c_str());
  if (oneMask) std::printf("\n%s", levelsText(masks[0].metrics).c_str());
  if (!o.report.empty()) std::printf("\nwrote %s/report.md\n", o.report.c_str());
  return 0;
}

}  // namespace specdither::cli
