// `specdither analyze MASK --values KIND` and `compare A B ... --values KIND`: the integration error of vector-valued
// masks and stacks (vector_metrics.h, docs/method.md §10.3, §10.5) at sigma 1 and 2, as text or JSON.
#include "analyze_values.h"

#include "command.h"
#include "specdither/vector_mask_io.h"
#include "specdither/vector_metrics.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace specdither::cli {

namespace {

constexpr double kSigmas[] = {1.0, 2.0};
constexpr double kEmaAlpha = 0.1;

// The frame counts a table shows: 1, 2, 4, ... up to T, and T itself.
std::vector<uint32_t> shownFrames(uint32_t slices) {
  std::vector<uint32_t> k;
  for (uint32_t f = 1; f < slices; f *= 2) k.push_back(f);
  k.push_back(slices);
  return k;
}

// A slice's joint spectrum, radially averaged.
std::vector<double> jointSpectrumRings(const Mask& mask, uint32_t slice) {
  return radialAverage(vectorJointPeriodogram(maskSlice(mask, slice)), mask.shape.width, mask.shape.height);
}

// The rings' mean below a quarter of Nyquist (a blue mask's is small).
double lowRings(const std::vector<double>& rings) {
  const size_t count = std::max<size_t>(1, rings.size() / 4);
  double low = 0;
  for (size_t i = 1; i <= count && i < rings.size(); ++i) low += rings[i] / double(count);
  return low;
}

// One 2D mask: each integrand's figure at each sigma.
nlohmann::json measure2D(const Mask& mask, VectorDomain domain, const std::vector<VectorValue>& samples, bool text) {
  nlohmann::json out;
  for (double sigma : kSigmas) {
    const VectorIntegrationError e = vectorIntegrationError(domain, mask.shape.width, mask.shape.height, samples,
                                                            sigma);
    nlohmann::json entry = {{"sigma", sigma}, {"mean_db", e.meanDecibels}};
    for (size_t i = 0; i < e.decibels.size(); ++i)
      entry["integrands"].push_back({{"name", e.integrands[i]}, {"db", e.decibels[i]}});
    out.push_back(entry);
    if (!text) continue;
    std::printf("integration error, Gaussian sigma %.1f: mean %.2f dB vs white noise (", sigma, e.meanDecibels);
    for (size_t i = 0; i < e.decibels.size(); ++i)
      std::printf("%s%s %.2f", i ? ", " : "", e.integrands[i].c_str(), e.decibels[i]);
    std::printf(")\n");
  }
  return out;
}

// A stack: its slices' figures and the convergence of the accumulated estimate at each sigma.
nlohmann::json measureStack(const Mask& mask, VectorDomain domain, const std::vector<VectorValue>& samples, bool text) {
  nlohmann::json out;
  for (double sigma : kSigmas) {
    const VectorStackIntegrationError e = vectorStackIntegrationError(domain, mask.shape, samples, sigma, kEmaAlpha);
    out.push_back({{"sigma", sigma},
                   {"slice_mean_db", e.meanSliceDecibels},
                   {"slice_worst_db", e.worstSliceDecibels},
                   {"slice_db", e.sliceDecibels},
                   {"mean_of_frames_db", e.meanOfFramesDecibels},
                   {"ema_db", e.emaDecibels},
                   {"ema_alpha", kEmaAlpha}});
    if (!text) continue;
    std::printf("integration error vs white noise (dB), Gaussian sigma %.1f: slices mean %.2f, worst %.2f\n", sigma,
                e.meanSliceDecibels, e.worstSliceDecibels);
    std::printf("  %-18s", "frames k");
    for (uint32_t k : shownFrames(mask.shape.slices)) std::printf(" %7u", k);
    std::printf("\n  %-18s", "mean of k frames");
    for (uint32_t k : shownFrames(mask.shape.slices)) std::printf(" %7.2f", e.meanOfFramesDecibels[k - 1]);
    std::printf("\n  %-18s", "EMA 0.1 after k");
    for (uint32_t k : shownFrames(mask.shape.slices)) std::printf(" %7.2f", e.emaDecibels[k - 1]);
    std::printf("\n");
  }
  return out;
}

}  // namespace

int runVectorAnalysis(const AnalysisOptions& o, AnalysisShape shape) {
  if (!o.report.empty() || !o.photo.empty())
    return fail("--report and --photo do not apply to vector masks (--values)");
  VectorDomain domain;
  if (!parseVectorDomain(o.values, &domain))
    return fail("unknown --values '" + o.values + "': give vec2, circle, sphere or hemisphere-cosine");
  std::vector<Mask> masks(o.masks.size());  // every file read before the (long) measuring
  for (size_t i = 0; i < o.masks.size(); ++i) {
    const std::string problem = readCuttingAtlases(
        o.slices,
        [&](uint32_t slices, Mask* mask, std::string* error) {
          return readVectorMask(o.masks[i], domain, mask, error, slices);
        },
        &masks[i]);
    if (!problem.empty()) return fail(problem);
  }
  nlohmann::json all = nlohmann::json::array();
  for (size_t i = 0; i < masks.size(); ++i) {
    const Mask& mask = masks[i];
    const std::vector<VectorValue> samples = vectorValuesOf(mask, domain);
    nlohmann::json summary = {{"mask", o.masks[i]},
                              {"values", o.values},
                              {"width", mask.shape.width},
                              {"height", mask.shape.height},
                              {"slices", mask.shape.slices}};
    if (!o.json)
      std::printf("%s%s: %s values, %s\n", i ? "\n" : "", o.masks[i].c_str(), o.values.c_str(),
                  toString(mask.shape).c_str());
    if (mask.shape.slices > 1)
      summary["stack_integration_error"] = measureStack(mask, domain, samples, !o.json);
    else
      summary["integration_error"] = measure2D(mask, domain, samples, !o.json);
    // The joint spectrum: a 2D mask's rings; a stack's low part averaged over its slices.
    double low = 0;
    for (uint32_t t = 0; t < mask.shape.slices; ++t) {
      const std::vector<double> rings = jointSpectrumRings(mask, t);
      low += lowRings(rings) / double(mask.shape.slices);
      if (mask.shape.slices == 1) summary["joint_spectrum_radial"] = rings;
    }
    summary["joint_spectrum_low"] = low;
    if (!o.json)
      std::printf("joint spectrum: mean power %.4f below a quarter of Nyquist (white noise 1)%s\n", low,
                  mask.shape.slices > 1 ? ", mean over the slices" : "");
    all.push_back(summary);
  }
  if (o.json) {
    const nlohmann::json printed = shape == AnalysisShape::OneMask ? all[0] : nlohmann::json{{"masks", all}};
    std::printf("%s\n", printed.dump(2).c_str());
  }
  return 0;
}

}  // namespace specdither::cli
