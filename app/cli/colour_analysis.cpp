// `analyze` / `compare` of colour masks (docs/method.md §11.4): each channel's dither quality as a 2D mask, and the
// colour flat-field error of the channels together through the colour eye model.
#include "analysis_output.h"
#include "command.h"

#include "specdither/colour_metrics.h"
#include "specdither/mask_metrics.h"
#include "specdither/mask_report.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace specdither::cli {

namespace {

// The FFTs of the flat-field error hold a few planes in complex doubles: 2048 x 2048 stays near 1 GiB.
constexpr uint64_t kMaxAnalyzedColourPixels = uint64_t(1) << 22;
const std::vector<double> kChannelSigmas = {1.0, 1.5, 2.0};
const char* const kChannelNames[] = {"R", "G", "B", "A"};

struct AnalyzedColour {
  std::string name;
  Mask mask;
  std::vector<std::vector<double>> channelHvsDb;  // [channel][sigma]
  std::vector<bool> channelPermutation;
  std::vector<ColourFlatField> flatField;
};

// channels: of the widest mask compared; a gray mask beside colour masks is the same mask in every channel (what a
// renderer does with one mask), so it is measured as that.
std::string analyzeColour(const std::string& path, Mask mask, uint32_t channels, AnalyzedColour* out) {
  if (mask.shape.slices != 1)
    return path + ": compare colour masks with colour masks or 2D masks, not " + toString(mask.shape);
  if (mask.shape.channels == 1) {
    Mask expanded;
    expanded.shape = {mask.shape.width, mask.shape.height, 1, channels};
    for (float v : mask.values) expanded.values.insert(expanded.values.end(), channels, v);
    mask = std::move(expanded);
  }
  const MaskShape& s = mask.shape;
  if (s.planeSize() > kMaxAnalyzedColourPixels)
    return path + ": " + toString(s) + " is too large for the colour analysis (at most 2048x2048)";
  MetricsOptions options;
  options.hvsSigmas = kChannelSigmas;
  options.rampLevels = {};
  for (uint32_t c = 0; c < s.channels; ++c) {
    const Mask channel = maskChannel(mask, c);
    const MaskMetrics m = computeMaskMetrics(channel, options);
    std::vector<double> db;
    for (const HvsFigure& h : m.hvs) db.push_back(h.meanDb);
    out->channelHvsDb.push_back(db);
    out->channelPermutation.push_back(isExactPermutation(channel));
  }
  out->flatField = colourFlatFieldError(mask);
  out->mask = std::move(mask);
  return "";
}

nlohmann::json colourJson(const AnalyzedColour& a) {
  nlohmann::json channels = nlohmann::json::array();
  for (size_t c = 0; c < a.channelHvsDb.size(); ++c) {
    nlohmann::json hvs = nlohmann::json::object();
    for (size_t j = 0; j < kChannelSigmas.size(); ++j) hvs[fixedDecimals(kChannelSigmas[j], 1)] = a.channelHvsDb[c][j];
    channels.push_back(
        {{"channel", kChannelNames[c]}, {"permutation", bool(a.channelPermutation[c])}, {"hvs_db", hvs}});
  }
  nlohmann::json flat = nlohmann::json::array();
  for (const ColourFlatField& f : a.flatField)
    flat.push_back({{"bits", f.bits}, {"total_db", f.totalDb}, {"luma_db", f.lumaDb}, {"chroma_db", f.chromaDb}});
  const ColourEyeModel eye;
  return {{"name", a.name},
          {"width", a.mask.shape.width},
          {"height", a.mask.shape.height},
          {"channels", channels},
          {"colour_flat_field", {{"luma_sigma", eye.lumaSigma}, {"chroma_sigma", eye.chromaSigma}, {"errors", flat}}}};
}

std::string colourText(const std::vector<AnalyzedColour>& masks) {
  std::vector<std::vector<std::string>> rows;
  auto row = [&](const std::string& label, const std::function<std::string(const AnalyzedColour&)>& cell) {
    std::vector<std::string> r = {label};
    for (const AnalyzedColour& m : masks) r.push_back(cell(m));
    rows.push_back(r);
  };
  row("", [](const AnalyzedColour& m) { return m.name; });
  row("size", [](const AnalyzedColour& m) { return toString(m.mask.shape); });
  for (const int bits : {1, 2})
    for (const char* part : {"total", "luma", "chroma"})
      row("colour flat field " + std::to_string(bits) + " bit " + part + " (dB)", [&](const AnalyzedColour& m) {
        for (const ColourFlatField& f : m.flatField)
          if (f.bits == bits)
            return fixedDecimals(std::string(part) == "total"  ? f.totalDb
                                 : std::string(part) == "luma" ? f.lumaDb
                                                               : f.chromaDb,
                                 2);
        return std::string("-");
      });
  for (uint32_t c = 0; c < 4; ++c)
    for (size_t j = 0; j < kChannelSigmas.size(); ++j)
      row(std::string(kChannelNames[c]) + " HVS σ=" + fixedDecimals(kChannelSigmas[j], 1) + " (dB)",
          [&](const AnalyzedColour& m) {
            return c < m.channelHvsDb.size() ? fixedDecimals(m.channelHvsDb[c][j], 2) : std::string("-");
          });
  row("every channel a permutation", [](const AnalyzedColour& m) {
    for (bool p : m.channelPermutation)
      if (!p) return "no";
    return "yes";
  });
  return alignedTable(rows);
}

}  // namespace

int runColourAnalysis(const AnalysisOptions& o, AnalysisShape shape, std::vector<Mask> masks) {
  if (!o.report.empty() || !o.photo.empty())
    return fail("reports of colour masks are not written yet: use the table or --json (and the studio's --open-mask)");
  std::vector<AnalyzedColour> analyzed(o.masks.size());
  const std::vector<std::string> names = distinctPathNames(o.masks);
  uint32_t channels = 1;
  for (const Mask& m : masks) channels = std::max(channels, m.shape.channels);
  for (size_t i = 0; i < o.masks.size(); ++i) {
    const std::string problem = analyzeColour(o.masks[i], std::move(masks[i]), channels, &analyzed[i]);
    if (!problem.empty()) return fail(problem);
    analyzed[i].name = names[i];
  }
  std::vector<nlohmann::json> figures;
  for (const auto& item : analyzed) figures.push_back(colourJson(item));
  return printFigures(o, shape, figures, colourText(analyzed));
}

}  // namespace specdither::cli
