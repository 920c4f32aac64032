// `specdither analyze MASK --values KIND`: the integration error of a vector-valued mask (vector_metrics.h,
// docs/method.md §10.3) at sigma 1 and 2, as a table or JSON.
#include "analyze_values.h"

#include "command.h"
#include "specdither/vector_metrics.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace specdither::cli {

int runVectorAnalysis(const std::string& path, const std::string& values, bool json) {
  VectorDomain domain;
  if (!parseVectorDomain(values, &domain))
    return fail("unknown --values '" + values + "': give vec2, circle, sphere or hemisphere-cosine");
  Mask mask;
  std::string error;
  if (!readVectorMask(path, domain, &mask, &error)) return fail(error);
  const std::vector<VectorValue> samples = vectorValuesOf(mask, domain);
  nlohmann::json summary = {
      {"mask", path}, {"values", values}, {"width", mask.shape.width}, {"height", mask.shape.height}};
  if (!json) std::printf("%s: %s values, %s\n", path.c_str(), values.c_str(), toString(mask.shape).c_str());
  for (double sigma : {1.0, 2.0}) {
    const VectorIntegrationError e = vectorIntegrationError(domain, mask.shape.width, mask.shape.height, samples,
                                                            sigma);
    nlohmann::json entry = {{"sigma", sigma}, {"mean_db", e.meanDecibels}};
    for (size_t i = 0; i < e.decibels.size(); ++i)
      entry["integrands"].push_back({{"name", e.integrands[i]}, {"db", e.decibels[i]}});
    summary["integration_error"].push_back(entry);
    if (!json) {
      std::printf("integration error, Gaussian sigma %.1f: mean %.2f dB vs white noise (", sigma, e.meanDecibels);
      for (size_t i = 0; i < e.decibels.size(); ++i)
        std::printf("%s%s %.2f", i ? ", " : "", e.integrands[i].c_str(), e.decibels[i]);
      std::printf(")\n");
    }
  }
  // The joint spectrum: its radial average, and its mean below a quarter of Nyquist (a blue mask's is small).
  const std::vector<double> rings = radialAverage(vectorJointPeriodogram(mask), mask.shape.width, mask.shape.height);
  double low = 0;
  const size_t lowRings = std::max<size_t>(1, rings.size() / 4);
  for (size_t i = 1; i <= lowRings && i < rings.size(); ++i) low += rings[i] / double(lowRings);
  summary["joint_spectrum_radial"] = rings;
  summary["joint_spectrum_low"] = low;
  if (json)
    std::printf("%s\n", summary.dump(2).c_str());
  else
    std::printf("joint spectrum: mean power %.4f below a quarter of Nyquist (white noise 1)\n", low);
  return 0;
}

}  // namespace specdither::cli
