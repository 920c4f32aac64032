// Preset files (preset_file.h): JSON through nlohmann::json, whose objects keep their keys sorted, so the same
// preset always gives the same bytes.
#include "specdither/preset_file.h"

#include "specdither/atomic_file.h"
#include "specdither/swap_fields.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace specdither {

namespace {

using nlohmann::json;

const char* ruleName(UpdateRule r) {
  return r == UpdateRule::Adam ? "adam" : r == UpdateRule::Momentum ? "momentum" : "gd";
}
const char* shapeName(HistogramShape h) {
  return h == HistogramShape::Gaussian ? "gaussian" : h == HistogramShape::Triangular ? "triangular" : "uniform";
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
// error (caught in presetFromJson and turned into one line).
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
  // One of choice.names, stored as its index.
  void choice(const char* key, const SwapChoice& choice, SwapParams* params) const {
    const std::string name = string(key);
    if (name.empty()) return;
    for (size_t i = 0; i < choice.names.size(); ++i)
      if (name == choice.names[i]) return choice.set(*params, uint32_t(i));
    std::string expected;
    for (size_t i = 0; i < choice.names.size(); ++i)
      expected += std::string(i == 0 ? "" : i + 1 == choice.names.size() ? " or " : ", ") + choice.names[i];
    fail(key, "expected " + expected);
  }
  void temporalFilter(const char* key, TemporalFilter* filter) const {
    const std::string text = string(key);
    if (text.empty()) return;
    const std::string problem = parseTemporalFilter(text, filter);
    if (!problem.empty()) fail(key, problem);
  }
  Reader child(const char* key) const {
    const json* v = find(key);
    static const json empty = json::object();
    if (v && !v->is_object()) fail(key, "expected an object");
    return Reader{v ? *v : empty, path + key + "."};
  }
};

}  // namespace

std::string presetToJson(const PresetSettings& s, const std::vector<PresetExtraField>& extras) {
  const SpectralPresetSettings& sp = s.spectral;
  const SwapParams& sw = s.swap;
  json j;
  j["specdither_studio_preset"] = 1;  // the format's version (named when only the studio wrote these files)
  j["preset"] = presetName(s.preset);
  j["width"] = s.width;
  j["height"] = s.height;
  j["seed"] = s.seed;
  if (s.slices > 1) j["slices"] = s.slices;  // 2D presets' files keep the bytes they had before stacks
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
  json& swap = j["swap"] = json::object();
  for (const SwapField& f : swapFields()) {
    if (f.stackOnly && s.slices <= 1) continue;
    if (f.real)
      swap[f.key] = sw.*f.real;
    else if (f.count)
      swap[f.key] = sw.*f.count;
    else if (f.flag)
      swap[f.key] = sw.*f.flag;
    else if (f.list)
      swap[f.key] = sw.*f.list;
    else if (f.filter)
      swap[f.key] = toString(sw.*f.filter);
    else
      swap[f.key] = f.choice->names[f.choice->get(sw)];
  }
  for (const PresetExtraField& e : extras) {
    json& value = j[e.section][e.key];
    if (e.flag)
      value = *e.flag;
    else if (e.real)
      value = tidy(*e.real);
    else
      value = *e.count;
  }
  return j.dump(2) + "\n";
}

bool presetFromJson(const std::string& text, const PresetSettings& base, PresetSettings* out,
                    const std::vector<PresetExtraField>& extras, std::string* error) {
  try {
    const json j = json::parse(text);
    if (!j.is_object()) throw std::runtime_error("expected a JSON object");
    PresetSettings s = base;
    Reader r{j, ""};
    const std::string preset = r.string("preset");
    if (!preset.empty() && !parsePresetName(preset, &s.preset))
      throw std::runtime_error("preset: unknown preset '" + preset + "' (hvs, wronski2020, annealing)");
    r.integer("width", &s.width, 4, 4096);
    r.integer("height", &s.height, 4, 4096);
    r.integer("slices", &s.slices, 1, 256);
    if (const json* seed = r.find("seed")) {
      if (!seed->is_number_unsigned()) r.fail("seed", "expected a non-negative integer");
      s.seed = seed->get<uint64_t>();
    }

    const Reader sp = r.child("spectral");
    SpectralPresetSettings& x = s.spectral;
    sp.number("cutoff", &x.loss.cutoff, 1e-3, 2.0);
    sp.number("weight_uniformity", &x.loss.weightUniformity, 0, 1e6);
    sp.number("weight_histogram", &x.loss.weightHistogram, 0, 1e6);
    sp.number("weight_low_frequency", &x.loss.weightLowFrequency, 0, 1e6);
    sp.boolean("random_term_scaling", &x.loss.randomTermScaling);
    const std::string rule = sp.string("optimizer");
    if (rule == "gd")
      x.loss.update.rule = UpdateRule::GradientDescent;
    else if (rule == "momentum")
      x.loss.update.rule = UpdateRule::Momentum;
    else if (rule == "adam")
      x.loss.update.rule = UpdateRule::Adam;
    else if (!rule.empty())
      sp.fail("optimizer", "expected gd, momentum or adam");
    sp.number("learning_rate", &x.loss.update.learningRate, 1e-9, 1e3);
    sp.number("momentum", &x.loss.update.momentum, 0, 0.9999);
    sp.number("beta1", &x.loss.update.beta1, 0, 0.9999);
    sp.number("beta2", &x.loss.update.beta2, 0, 0.999999);
    sp.number("epsilon", &x.loss.update.epsilon, 1e-12, 1);
    const std::string shape = sp.string("histogram");
    if (shape == "uniform")
      x.histogram = HistogramShape::Uniform;
    else if (shape == "triangular")
      x.histogram = HistogramShape::Triangular;
    else if (shape == "gaussian")
      x.histogram = HistogramShape::Gaussian;
    else if (!shape.empty())
      sp.fail("histogram", "expected uniform, triangular or gaussian");
    sp.boolean("run_schedule", &x.runSchedule);
    sp.integer("steps", &x.steps, 1, 100000000);
    sp.integer("finetune_steps", &x.finetuneSteps, 0, 1000000);
    sp.number("finetune_learning_rate", &x.finetuneLearningRate, 1e-9, 1e3);

    const Reader sw = r.child("swap");
    SwapParams& y = s.swap;
    for (const SwapField& f : swapFields()) {
      if (f.real)
        sw.number(f.key, &(y.*f.real), f.min, f.max);
      else if (f.count)
        sw.integer(f.key, &(y.*f.count), uint64_t(f.min), uint64_t(f.max));
      else if (f.flag)
        sw.boolean(f.key, &(y.*f.flag));
      else if (f.list)
        y.*f.list = sw.numbers(f.key, y.*f.list);
      else if (f.filter)
        sw.temporalFilter(f.key, &(y.*f.filter));
      else
        sw.choice(f.key, *f.choice, &y);
    }
    if (y.sigmas.size() != y.sigmaWeights.size())
      throw std::runtime_error("swap.sigma_weights: one weight per sigma is needed");

    // The extras into copies first: nothing is written unless the whole file is good.
    struct ExtraValue {
      bool flag;
      float real;
      uint32_t count;
    };
    std::vector<ExtraValue> values;
    for (const PresetExtraField& e : extras) {
      ExtraValue v{e.flag && *e.flag, e.real ? *e.real : 0.0f, e.count ? *e.count : 0u};
      const Reader section = r.child(e.section);
      if (e.flag)
        section.boolean(e.key, &v.flag);
      else if (e.real)
        section.number(e.key, &v.real, e.min, e.max);
      else
        section.integer(e.key, &v.count, uint64_t(e.min), uint64_t(e.max));
      values.push_back(v);
    }
    for (size_t i = 0; i < extras.size(); ++i) {
      if (extras[i].flag)
        *extras[i].flag = values[i].flag;
      else if (extras[i].real)
        *extras[i].real = values[i].real;
      else
        *extras[i].count = values[i].count;
    }
    *out = s;
    return true;
  } catch (const std::exception& e) {
    *error = e.what();
    return false;
  }
}

bool savePresetFile(const std::string& path, const PresetSettings& preset, const std::vector<PresetExtraField>& extras,
                    std::string* error) {
  return writeFileAtomically(path, presetToJson(preset, extras), error);
}

namespace {

bool readPresetText(const std::string& path, std::string* text, std::string* error) {
  std::vector<uint8_t> bytes;
  if (!readFileBytes(path, &bytes, error)) return false;
  text->assign(bytes.begin(), bytes.end());
  return true;
}

bool parsePresetText(const std::string& path, const std::string& text, const PresetSettings& base, PresetSettings* out,
                     const std::vector<PresetExtraField>& extras, std::string* error) {
  if (presetFromJson(text, base, out, extras, error)) return true;
  *error = path + ": " + *error;
  return false;
}

}  // namespace

bool loadPresetFile(const std::string& path, const PresetSettings& base, PresetSettings* out,
                    const std::vector<PresetExtraField>& extras, std::string* error) {
  std::string text;
  return readPresetText(path, &text, error) && parsePresetText(path, text, base, out, extras, error);
}

bool loadPresetFile(const std::string& path, GenerateSettings* settings, std::string* error) {
  // First over the defaults of what *settings runs, to learn the preset, size and seed the file names; then over
  // that preset's own defaults (the swap passes depend on the size, the annealing's knobs on the preset).
  std::string text;
  if (!readPresetText(path, &text, error)) return false;
  PresetKind kind = PresetKind::Hvs;
  parsePresetName(settings->method, &kind);
  const PresetSettings first = presetDefaults(kind, settings->shape.width, settings->shape.height, settings->seed);
  PresetSettings named, loaded;
  if (!parsePresetText(path, text, first, &named, {}, error)) return false;
  const PresetSettings base = presetDefaults(named.preset, named.width, named.height, named.seed, named.slices);
  if (!parsePresetText(path, text, base, &loaded, {}, error)) return false;
  *settings = generateSettingsOf(loaded);
  return true;
}

}  // namespace specdither
