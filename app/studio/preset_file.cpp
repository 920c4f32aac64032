#include "preset_file.h"

#include "specdither/atomic_file.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace specdither::studio {

namespace {

using nlohmann::json;

const char* ruleName(UpdateRule r) {
  return r == UpdateRule::Adam ? "adam" : r == UpdateRule::Momentum ? "momentum" : "gd";
}
const char* shapeName(HistogramShape h) {
  return h == HistogramShape::Gaussian ? "gaussian" : h == HistogramShape::Triangular ? "triangular" : "uniform";
}
const char* startName(SwapStart s) { return s == SwapStart::Random ? "random" : "void-and-cluster"; }
const char* conflictName(SwapConflictRule r) {
  return r == SwapConflictRule::DisjointNeighbourhoods ? "disjoint-neighbourhoods" : "disjoint-pixels";
}

// Floats as the decimal a person typed (0.7, not 0.699999988079071): the shortest form that reads back to the
// same float.
double tidy(float value) {
  char buf[32];
  for (int digits = 6; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof(buf), "%.*g", digits, double(value));
    if (std::strtof(buf, nullptr) == value) break;
  }
  return std::strtod(buf, nullptr);
}

// Reads field `key` of object `o` into *value when present; throws with the field's path on a type or range
// error (caught in settingsFromJson and turned into one line).
struct Reader {
  const json& o;
  std::string path;

  const json* find(const char* key) const {
    auto it = o.find(key);
    return it == o.end() ? nullptr : &*it;
  }
  [[noreturn]] void fail(const char* key, const std::string& what) const {
    throw std::runtime_error(path + key + ": " + what);
  }
  void number(const char* key, double* value, double lo, double hi) const {
    const json* v = find(key);
    if (!v) return;
    if (!v->is_number()) fail(key, "expected a number");
    const double x = v->get<double>();
    if (!std::isfinite(x) || x < lo || x > hi)
      fail(key, "must lie in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    *value = x;
  }
  void number(const char* key, float* value, double lo, double hi) const {
    double x = *value;
    number(key, &x, lo, hi);
    *value = float(x);
  }
  void integer(const char* key, uint32_t* value, uint64_t lo, uint64_t hi) const {
    const json* v = find(key);
    if (!v) return;
    if (!v->is_number_integer() || v->get<int64_t>() < 0) fail(key, "expected a non-negative integer");
    const uint64_t x = v->get<uint64_t>();
    if (x < lo || x > hi) fail(key, "must lie in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    *value = uint32_t(x);
  }
  void boolean(const char* key, bool* value) const {
    const json* v = find(key);
    if (!v) return;
    if (!v->is_boolean()) fail(key, "expected true or false");
    *value = v->get<bool>();
  }
  std::string string(const char* key) const {
    const json* v = find(key);
    if (!v) return "";
    if (!v->is_string()) fail(key, "expected a string");
    return v->get<std::string>();
  }
  std::vector<double> numbers(const char* key, const std::vector<double>& current) const {
    const json* v = find(key);
    if (!v) return current;
    if (!v->is_array() || v->empty() || v->size() > 4) fail(key, "expected 1 to 4 numbers");
    std::vector<double> out;
    for (const json& x : *v) {
      if (!x.is_number() || !(x.get<double>() > 0) || x.get<double>() >= 64) fail(key, "values must lie in (0, 64)");
      out.push_back(x.get<double>());
    }
    return out;
  }
  Reader child(const char* key) const {
    const json* v = find(key);
    static const json empty = json::object();
    if (v && !v->is_object()) fail(key, "expected an object");
    return Reader{v ? *v : empty, path + key + "."};
  }
};

}  // namespace

std::string settingsToJson(const StudioSettings& s) {
  const SpectralSettings& sp = s.spectral;
  const SwapParams& sw = s.swap;
  json j;
  j["specdither_studio_preset"] = 1;
  j["preset"] = presetName(s.preset);
  j["width"] = s.width;
  j["height"] = s.height;
  j["seed"] = s.seed;
  j["spectral"] = {
      {"cutoff", tidy(sp.loss.cutoff)},
      {"weight_uniformity", tidy(sp.loss.weightUniformity)},
      {"weight_histogram", tidy(sp.loss.weightHistogram)},
      {"weight_low_frequency", tidy(sp.loss.weightLowFrequency)},
      {"random_term_scaling", sp.loss.randomTermScaling},
      {"optimizer", ruleName(sp.loss.update.rule)},
      {"learning_rate", tidy(sp.loss.update.learningRate)},
      {"momentum", tidy(sp.loss.update.momentum)},
      {"beta1", tidy(sp.loss.update.beta1)},
      {"beta2", tidy(sp.loss.update.beta2)},
      {"epsilon", tidy(sp.loss.update.epsilon)},
      {"histogram", shapeName(sp.histogram)},
      {"run_schedule", sp.runSchedule},
      {"steps", sp.steps},
      {"finetune_steps", sp.finetuneSteps},
      {"finetune_learning_rate", tidy(sp.finetuneLearningRate)},
  };
  j["swap"] = {
      {"start", startName(sw.start)},
      {"start_sigma", sw.startSigma},
      {"start_candidates", sw.startCandidates},
      {"start_ramp_quantile", sw.startRampQuantile},
      {"uniform_share", sw.uniformShare},
      {"sigmas", sw.sigmas},
      {"sigma_weights", sw.sigmaWeights},
      {"radius_in_std", sw.radiusInStd},
      {"measure_levels", sw.measureLevels},
      {"reweight_interval", sw.reweightInterval},
      {"proposals_per_pixel", sw.proposalsPerPixel},
      {"random_partner", sw.randomPartner},
      {"rank_partner", sw.rankPartner},
      {"rank_window", sw.rankWindow},
      {"neighbour_radius", sw.neighbourRadius},
      {"conflict_rule", conflictName(sw.conflictRule)},
      {"passes", sw.passes},
      {"start_temperature", sw.startTemperature},
      {"end_ratio", sw.endRatio},
      {"cooling_fraction", sw.coolingFraction},
      {"rescale_at_reweight", sw.rescaleAtReweight},
  };
  j["budget"] = {{"auto", s.autoBudget}, {"target_fps", tidy(s.targetFps)}, {"steps_per_frame", s.stepsPerFrame}};
  return j.dump(2) + "\n";
}

bool settingsFromJson(const std::string& text, const StudioSettings& base, StudioSettings* out, std::string* error) {
  try {
    const json j = json::parse(text);
    if (!j.is_object()) throw std::runtime_error("expected a JSON object");
    StudioSettings s = base;
    Reader r{j, ""};
    const std::string preset = r.string("preset");
    if (!preset.empty() && !parsePresetName(preset, &s.preset))
      throw std::runtime_error("preset: unknown preset '" + preset + "' (hvs, wronski2020, annealing)");
    r.integer("width", &s.width, 4, 4096);
    r.integer("height", &s.height, 4, 4096);
    if (const json* seed = r.find("seed")) {
      if (!seed->is_number_unsigned()) r.fail("seed", "expected a non-negative integer");
      s.seed = seed->get<uint64_t>();
    }

    const Reader sp = r.child("spectral");
    SpectralSettings& x = s.spectral;
    sp.number("cutoff", &x.loss.cutoff, 1e-3, 2.0);
    sp.number("weight_uniformity", &x.loss.weightUniformity, 0, 1e6);
    sp.number("weight_histogram", &x.loss.weightHistogram, 0, 1e6);
    sp.number("weight_low_frequency", &x.loss.weightLowFrequency, 0, 1e6);
    sp.boolean("random_term_scaling", &x.loss.randomTermScaling);
    const std::string rule = sp.string("optimizer");
    if (rule == "gd") x.loss.update.rule = UpdateRule::GradientDescent;
    else if (rule == "momentum") x.loss.update.rule = UpdateRule::Momentum;
    else if (rule == "adam") x.loss.update.rule = UpdateRule::Adam;
    else if (!rule.empty()) sp.fail("optimizer", "expected gd, momentum or adam");
    sp.number("learning_rate", &x.loss.update.learningRate, 1e-9, 1e3);
    sp.number("momentum", &x.loss.update.momentum, 0, 0.9999);
    sp.number("beta1", &x.loss.update.beta1, 0, 0.9999);
    sp.number("beta2", &x.loss.update.beta2, 0, 0.999999);
    sp.number("epsilon", &x.loss.update.epsilon, 1e-12, 1);
    const std::string shape = sp.string("histogram");
    if (shape == "uniform") x.histogram = HistogramShape::Uniform;
    else if (shape == "triangular") x.histogram = HistogramShape::Triangular;
    else if (shape == "gaussian") x.histogram = HistogramShape::Gaussian;
    else if (!shape.empty()) sp.fail("histogram", "expected uniform, triangular or gaussian");
    sp.boolean("run_schedule", &x.runSchedule);
    sp.integer("steps", &x.steps, 1, 100000000);
    sp.integer("finetune_steps", &x.finetuneSteps, 0, 1000000);
    sp.number("finetune_learning_rate", &x.finetuneLearningRate, 1e-9, 1e3);

    const Reader sw = r.child("swap");
    SwapParams& y = s.swap;
    const std::string start = sw.string("start");
    if (start == "void-and-cluster") y.start = SwapStart::VoidAndCluster;
    else if (start == "random") y.start = SwapStart::Random;
    else if (!start.empty()) sw.fail("start", "expected void-and-cluster or random");
    sw.number("start_sigma", &y.startSigma, 0.3, 8);
    sw.integer("start_candidates", &y.startCandidates, 0, 1024);
    sw.number("start_ramp_quantile", &y.startRampQuantile, 0, 1);
    sw.number("uniform_share", &y.uniformShare, 0, 1);
    y.sigmas = sw.numbers("sigmas", y.sigmas);
    y.sigmaWeights = sw.numbers("sigma_weights", y.sigmaWeights);
    if (y.sigmas.size() != y.sigmaWeights.size())
      throw std::runtime_error("swap.sigma_weights: one weight per sigma is needed");
    sw.number("radius_in_std", &y.radiusInStd, 0.5, 8);
    sw.integer("measure_levels", &y.measureLevels, 3, 255);
    sw.integer("reweight_interval", &y.reweightInterval, 0, 100000000);
    sw.number("proposals_per_pixel", &y.proposalsPerPixel, 1e-6, 1);
    sw.number("random_partner", &y.randomPartner, 0, 1);
    sw.number("rank_partner", &y.rankPartner, 0, 1);
    sw.integer("rank_window", &y.rankWindow, 1, 1u << 24);
    sw.integer("neighbour_radius", &y.neighbourRadius, 1, 64);
    const std::string conflict = sw.string("conflict_rule");
    if (conflict == "disjoint-pixels") y.conflictRule = SwapConflictRule::DisjointPixels;
    else if (conflict == "disjoint-neighbourhoods") y.conflictRule = SwapConflictRule::DisjointNeighbourhoods;
    else if (!conflict.empty()) sw.fail("conflict_rule", "expected disjoint-pixels or disjoint-neighbourhoods");
    sw.integer("passes", &y.passes, 1, 100000000);
    sw.number("start_temperature", &y.startTemperature, 0, 1e6);
    sw.number("end_ratio", &y.endRatio, 1e-12, 1);
    sw.number("cooling_fraction", &y.coolingFraction, 0, 1);
    sw.boolean("rescale_at_reweight", &y.rescaleAtReweight);

    const Reader b = r.child("budget");
    b.boolean("auto", &s.autoBudget);
    b.number("target_fps", &s.targetFps, 1, 240);
    b.integer("steps_per_frame", &s.stepsPerFrame, 1, 100000);
    *out = s;
    return true;
  } catch (const std::exception& e) {
    *error = e.what();
    return false;
  }
}

bool savePresetFile(const std::string& path, const StudioSettings& settings, std::string* error) {
  return writeFileAtomically(path, settingsToJson(settings), error);
}

bool loadPresetFile(const std::string& path, const StudioSettings& base, StudioSettings* out, std::string* error) {
  std::vector<uint8_t> bytes;
  if (!readFileBytes(path, &bytes, error)) return false;
  std::string e;
  if (!settingsFromJson(std::string(bytes.begin(), bytes.end()), base, out, &e)) {
    *error = path + ": " + e;
    return false;
  }
  return true;
}

}  // namespace specdither::studio
