// `analyze` / `compare` of colour masks (docs/method.md §11.4): each channel's dither quality as a 2D mask, and the
// colour flat-field error of the channels together through the colour eye model. Of colour stacks (§11.6): the
// channels' figures averaged over the slices, the colour error of each slice (mean over slices), and the colour
// error after a renderer's accumulation: the plain mean of the first k frames and the EMA 0.1 after T frames.
#include "analysis_output.h"
#include "command.h"

#include "specdither/colour_metrics.h"
#include "specdither/colour_report.h"
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

// A colour error after accumulating frames: its label and its weights over slices 0, 1, ...
struct ColourAccumulation {
  std::string key;  // the JSON key and the table's label
  std::vector<double> weights;
  uint32_t meanOf = 0;  // k of a plain mean of the first k frames (0: another accumulation)
};

// Of a stack of T slices: the mean of the first k frames, k = 2, 4, ..., and T; the EMA 0.1 after T frames
// (A_1 = F_1, A_k = 0.1 F_k + 0.9 A_(k-1), as EA's E(k), docs/method.md §8.4).
std::vector<ColourAccumulation> colourAccumulations(uint32_t slices) {
  std::vector<uint32_t> counts;
  for (uint32_t k = 2; k < slices; k *= 2) counts.push_back(k);
  counts.push_back(slices);
  std::vector<ColourAccumulation> out;
  for (uint32_t k : counts)
    out.push_back({"mean of " + std::to_string(k) + " frames", std::vector<double>(k, 1.0 / k), k});
  std::vector<double> ema(slices);
  for (uint32_t t = 0; t < slices; ++t)
    ema[t] = t == 0 ? std::pow(0.9, slices - 1) : 0.1 * std::pow(0.9, slices - 1 - t);
  out.push_back({"EMA 0.1 after " + std::to_string(slices) + " frames", ema, 0});
  return out;
}

struct AnalyzedColour {
  std::string name;
  Mask mask;
  std::vector<std::vector<double>> channelHvsDb;  // [channel][sigma]; a stack's: the mean over its slices
  std::vector<bool> channelPermutation;           // every plane of the channel
  std::vector<ColourFlatField> flatField;         // a stack's: the mean over its slices, in dB
  std::vector<ColourAccumulation> accumulations;  // a stack's
  std::vector<std::vector<ColourFlatField>> accumulated;
  double firstSliceDb[2] = {0, 0};  // a stack's slice 0 alone, total dB at 1 and 2 bits
};

// channels: of the widest mask compared; a gray mask beside colour masks is the same mask in every channel (what a
// renderer does with one mask), so it is measured as that.
// slices: of the stacks compared (all alike: colour stacks, or gray stacks beside them).
std::string analyzeColour(const std::string& path, Mask mask, uint32_t channels, uint32_t slices, AnalyzedColour* out) {
  if (mask.shape.slices != slices)
    return path + ": compare colour stacks with stacks of as many slices, and colour masks with 2D masks, not " +
           toString(mask.shape);
  if (mask.shape.channels == 1) {
    Mask expanded;
    expanded.shape = {mask.shape.width, mask.shape.height, mask.shape.slices, channels};
    for (float v : mask.values) expanded.values.insert(expanded.values.end(), channels, v);
    mask = std::move(expanded);
  }
  const MaskShape& s = mask.shape;
  if (s.planeSize() > kMaxAnalyzedColourPixels || (s.slices > 1 && s.pixelCount() > kMaxAnalyzedColourPixels * 4))
    return path + ": " + toString(s) +
           " is too large for the colour analysis (at most 2048x2048, or 2^24 pixels in a stack)";
  MetricsOptions options;
  options.hvsSigmas = kChannelSigmas;
  options.rampLevels = {};
  for (uint32_t c = 0; c < s.channels; ++c) {
    std::vector<double> db(kChannelSigmas.size(), 0.0);
    bool permutation = true;
    for (uint32_t t = 0; t < s.slices; ++t) {
      const Mask plane = maskChannel(maskSlice(mask, t), c);
      const MaskMetrics m = computeMaskMetrics(plane, options);
      for (size_t j = 0; j < db.size(); ++j) db[j] += m.hvs[j].meanDb / s.slices;
      permutation = permutation && isExactPermutation(plane);
    }
    out->channelHvsDb.push_back(db);
    out->channelPermutation.push_back(permutation);
  }
  if (s.slices == 1) {
    out->flatField = colourFlatFieldError(mask);
  } else {
    // Each slice alone, then the accumulations, in one pass over the slices' error spectra.
    std::vector<std::vector<double>> weights;
    for (uint32_t t = 0; t < s.slices; ++t) {
      weights.emplace_back(t + 1, 0.0);
      weights.back()[t] = 1.0;
    }
    out->accumulations = colourAccumulations(s.slices);
    for (const ColourAccumulation& a : out->accumulations) weights.push_back(a.weights);
    const std::vector<std::vector<ColourFlatField>> all = colourAccumulatedError(mask, weights);
    out->flatField = all[0];
    for (ColourFlatField& f : out->flatField) f.totalDb = f.lumaDb = f.chromaDb = 0;
    for (uint32_t t = 0; t < s.slices; ++t)
      for (size_t b = 0; b < all[t].size(); ++b) {
        out->flatField[b].totalDb += all[t][b].totalDb / s.slices;
        out->flatField[b].lumaDb += all[t][b].lumaDb / s.slices;
        out->flatField[b].chromaDb += all[t][b].chromaDb / s.slices;
      }
    out->accumulated.assign(all.begin() + s.slices, all.end());
    for (const ColourFlatField& f : all[0])
      if (f.bits == 1 || f.bits == 2) out->firstSliceDb[f.bits - 1] = f.totalDb;
  }
  out->mask = std::move(mask);
  return "";
}

nlohmann::json flatFieldJson(const std::vector<ColourFlatField>& errors) {
  nlohmann::json flat = nlohmann::json::array();
  for (const ColourFlatField& f : errors)
    flat.push_back({{"bits", f.bits}, {"total_db", f.totalDb}, {"luma_db", f.lumaDb}, {"chroma_db", f.chromaDb}});
  return flat;
}

nlohmann::json colourJson(const AnalyzedColour& a) {
  nlohmann::json channels = nlohmann::json::array();
  for (size_t c = 0; c < a.channelHvsDb.size(); ++c) {
    nlohmann::json hvs = nlohmann::json::object();
    for (size_t j = 0; j < kChannelSigmas.size(); ++j) hvs[fixedDecimals(kChannelSigmas[j], 1)] = a.channelHvsDb[c][j];
    channels.push_back(
        {{"channel", kChannelNames[c]}, {"permutation", bool(a.channelPermutation[c])}, {"hvs_db", hvs}});
  }
  const ColourEyeModel eye;
  nlohmann::json j = {
      {"name", a.name},
      {"width", a.mask.shape.width},
      {"height", a.mask.shape.height},
      {"channels", channels},
      {"colour_flat_field",
       {{"luma_sigma", eye.lumaSigma}, {"chroma_sigma", eye.chromaSigma}, {"errors", flatFieldJson(a.flatField)}}}};
  if (a.mask.shape.slices > 1) {
    j["slices"] = a.mask.shape.slices;
    j["colour_flat_field"]["per_slice"] = "mean over the slices (dB)";
    for (size_t i = 0; i < a.accumulations.size(); ++i)
      j["colour_flat_field"]["accumulated"][a.accumulations[i].key] = flatFieldJson(a.accumulated[i]);
  }
  return j;
}

std::vector<std::vector<std::string>> colourRows(const std::vector<AnalyzedColour>& masks) {
  std::vector<std::vector<std::string>> rows;
  auto row = [&](const std::string& label, const std::function<std::string(const AnalyzedColour&)>& cell) {
    std::vector<std::string> r = {label};
    for (const AnalyzedColour& m : masks) r.push_back(cell(m));
    rows.push_back(r);
  };
  row("", [](const AnalyzedColour& m) { return m.name; });
  row("size", [](const AnalyzedColour& m) { return toString(m.mask.shape); });
  const bool stacks = masks[0].mask.shape.slices > 1;
  auto totalAt = [](const std::vector<ColourFlatField>& errors, int bits) {
    for (const ColourFlatField& f : errors)
      if (f.bits == bits) return fixedDecimals(f.totalDb, 2);
    return std::string("-");
  };
  for (const int bits : {1, 2})
    for (const char* part : {"total", "luma", "chroma"})
      row("colour flat field " + std::to_string(bits) + " bit " + part + (stacks ? ", slice mean" : "") + " (dB)",
          [&](const AnalyzedColour& m) {
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
  for (size_t i = 0; stacks && i < masks[0].accumulations.size(); ++i)
    for (const int bits : {1, 2})
      row("colour " + std::to_string(bits) + " bit total, " + masks[0].accumulations[i].key + " (dB)",
          [&](const AnalyzedColour& m) { return totalAt(m.accumulated[i], bits); });
  row(stacks ? "every plane a permutation" : "every channel a permutation", [](const AnalyzedColour& m) {
    for (bool p : m.channelPermutation)
      if (!p) return "no";
    return "yes";
  });
  return rows;
}

// The rows as a Markdown table (the first row its header).
std::string markdownTable(const std::vector<std::vector<std::string>>& rows) {
  std::string md;
  for (size_t r = 0; r < rows.size(); ++r) {
    md += "|";
    for (const std::string& cell : rows[r]) md += " " + cell + " |";
    md += "\n";
    if (r == 0) {
      md += "|---|";
      for (size_t c = 1; c < rows[r].size(); ++c) md += "---:|";
      md += "\n";
    }
  }
  return md;
}

bool writeReport(const AnalysisOptions& o, const std::vector<AnalyzedColour>& analyzed, std::string* error) {
  std::vector<ReportColourMask> report;
  for (const AnalyzedColour& a : analyzed) {
    ReportColourMask m{a.name, a.mask, {}, {{}, {}}};
    for (size_t i = 0; i < a.accumulations.size(); ++i) {
      if (a.accumulations[i].meanOf == 0) continue;
      m.frames.push_back(a.accumulations[i].meanOf);
      for (const ColourFlatField& f : a.accumulated[i])
        if (f.bits == 1 || f.bits == 2) m.meanDb[size_t(f.bits - 1)].push_back(f.totalDb);
    }
    if (!m.frames.empty()) {  // frame 1: the first slice alone
      m.frames.insert(m.frames.begin(), 1.0);
      for (size_t b = 0; b < 2; ++b) m.meanDb[b].insert(m.meanDb[b].begin(), a.firstSliceDb[b]);
    } else {
      m.meanDb.clear();
    }
    report.push_back(std::move(m));
  }
  ColourReportOptions options;
  options.title = analyzed.size() == 1 ? "Colour mask analysis" : "Colour mask comparison";
  options.figuresMarkdown = markdownTable(colourRows(analyzed));
  options.photoPath = o.photo;
  return writeColourReport(report, o.report, options, error);
}

}  // namespace

int runColourAnalysis(const AnalysisOptions& o, AnalysisShape shape, std::vector<Mask> masks) {
  // The report's folder and photo were checked by runMaskAnalysis before the masks were read.
  std::vector<AnalyzedColour> analyzed(o.masks.size());
  const std::vector<std::string> names = distinctPathNames(o.masks);
  uint32_t channels = 1, slices = 1;
  bool first = true;  // the first colour mask decides the slices
  for (const Mask& m : masks) {
    channels = std::max(channels, m.shape.channels);
    if (m.shape.channels > 1 && first) slices = m.shape.slices, first = false;
  }
  for (size_t i = 0; i < o.masks.size(); ++i) {
    const std::string problem = analyzeColour(o.masks[i], std::move(masks[i]), channels, slices, &analyzed[i]);
    if (!problem.empty()) return fail(problem);
    analyzed[i].name = names[i];
  }
  std::vector<nlohmann::json> figures;
  for (const auto& item : analyzed) figures.push_back(colourJson(item));
  std::string error;
  if (!o.report.empty() && !writeReport(o, analyzed, &error)) return fail(error);
  return printFigures(o, shape, figures, alignedTable(colourRows(analyzed)));
}

}  // namespace specdither::cli
