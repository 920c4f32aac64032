// `specdither generate`: makes a mask (an optimized preset or a baseline) and writes it by extension.
#include "command.h"
#include "device_options.h"
#include "specdither/mask_io.h"
#include "progress_bar.h"
#include "specdither/generate.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace specdither::cli {

namespace {

struct GenerateOptions {
  int64_t size = 0, width = 0, height = 0;
  std::string method = "optimize";
  std::string preset = "hvs";
  double sigma = 0;    // baselines: 0 = the method's default
  int64_t steps = -1;  // -1: the preset's
  uint64_t seed = 1;
  SpectralLossParams params;
  std::string optimizer = "gd";
  std::string histogram = "uniform";
  bool noRandomScaling = false;
  int bits = 0;
  std::string out;
  bool json = false;
  DeviceOptions device;
  MaskShape shape;  // from size / width / height, set by validate
};

const std::map<std::string, UpdateRule> kRules = {
    {"gd", UpdateRule::GradientDescent}, {"momentum", UpdateRule::Momentum}, {"adam", UpdateRule::Adam}};
const std::map<std::string, HistogramShape> kShapes = {{"uniform", HistogramShape::Uniform},
                                                       {"triangular", HistogramShape::Triangular},
                                                       {"gaussian", HistogramShape::Gaussian}};

// Every check of user input, in one place, before any GPU work: returns "" or the one-line reason.
std::string validate(GenerateOptions& o) {
  if (o.size != 0) {
    if (o.width != 0 || o.height != 0) return "give either --size or --width/--height, not both";
    o.width = o.height = o.size;
  }
  if (o.width == 0 && o.height == 0) return "give the mask size with --size S or --width W --height H";
  // Negative sides become 0 (out of range all the same); the message then shows 0.
  auto side = [](int64_t v) { return uint32_t(std::clamp<int64_t>(v, 0, 0xFFFFFFFF)); };
  o.shape = {side(o.width), side(o.height)};
  const std::string sizeProblem = checkMaskShape(o.shape);
  if (!sizeProblem.empty()) return sizeProblem;
  if (o.steps < -1) return "--steps must be zero or positive";
  const std::pair<const char*, float> weights[] = {{"--cutoff", o.params.cutoff},
                                                   {"--w-low", o.params.weightLowFrequency},
                                                   {"--w-uniform", o.params.weightUniformity},
                                                   {"--w-hist", o.params.weightHistogram},
                                                   {"--lr", o.params.update.learningRate},
                                                   {"--momentum", o.params.update.momentum},
                                                   {"--beta1", o.params.update.beta1},
                                                   {"--beta2", o.params.update.beta2}};
  for (const auto& [name, value] : weights)
    if (!std::isfinite(value) || value < 0) return std::string(name) + " must be a finite number >= 0";
  if (o.params.cutoff <= 0) return "--cutoff must be > 0";
  if (!std::isfinite(o.sigma) || o.sigma < 0) return "--sigma must be a finite number >= 0";
  if (o.out.empty()) return "give the output file with --out FILE.png";
  return "";
}

nlohmann::json lossJson(const SpectralLoss& l) {
  return {{"total", l.total},
          {"uniformity", l.uniformity},
          {"histogram", l.histogram},
          {"low_frequency", l.lowFrequency},
          {"step", l.step}};
}

GenerateSettings settingsOf(const GenerateOptions& o) {
  GenerateSettings s;
  s.method = o.method == "optimize" ? o.preset : o.method;
  s.shape = o.shape;
  s.seed = o.seed;
  s.steps = o.steps;
  s.spectralParams = o.params;
  s.spectralParams.update.rule = kRules.at(o.optimizer);
  s.spectralParams.randomTermScaling = !o.noRandomScaling;
  s.histogram = kShapes.at(o.histogram);
  s.baselineSigma = o.sigma;
  return s;
}

// A float as its shortest decimal (0.7, not the 0.699999988 it widens to).
double decimalOf(float value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.7g", value);
  return std::strtod(text, nullptr);
}

// The --json summary and the one line on stderr, by method.
void describe(const GenerateResult& r, nlohmann::json* summary, std::string* line) {
  char text[200];
  if (r.method == "wronski2020") {
    *summary = {{"preset", "wronski2020"},
                {"steps", r.steps},
                {"seconds", r.seconds},
                {"steps_per_second", r.seconds > 0 ? r.steps / r.seconds : 0.0},
                {"final_loss", lossJson(r.spectral.finalLoss)},
                {"finetune_loss", lossJson(r.spectral.finetuneLoss)},
                {"rollbacks", r.spectral.rollbacks},
                {"final_lr", decimalOf(r.spectral.finalLearningRate)}};
    const SpectralLoss& l = r.spectral.finalLoss;
    std::snprintf(text, sizeof text,
                  "%llu steps in %.1f s, final loss %.4g (U %.3g H %.3g B %.3g), %u rollback%s, step size %.3g",
                  (unsigned long long)r.steps, r.seconds, l.total, l.uniformity, l.histogram, l.lowFrequency,
                  r.spectral.rollbacks, r.spectral.rollbacks == 1 ? "" : "s", r.spectral.finalLearningRate);
  } else if (r.method == "hvs") {
    *summary = {{"preset", "hvs"}, {"passes", r.steps}, {"seconds", r.seconds}};
    std::snprintf(text, sizeof text, "%llu swap passes in %.1f s", (unsigned long long)r.steps, r.seconds);
  } else {
    *summary = {{"method", r.method}, {"seconds", r.seconds}};
    std::snprintf(text, sizeof text, "%s in %.2f s", r.method.c_str(), r.seconds);
  }
  *line = text;
}

int runGenerate(GenerateOptions& o) {
  std::string problem = validate(o);
  if (!problem.empty()) return fail(problem);
  const GenerateSettings settings = settingsOf(o);
  problem = checkGenerateSettings(settings);
  if (!problem.empty()) return fail(problem);
  MaskExportOptions exportOptions;
  exportOptions.bits = o.bits;
  exportOptions.metadata = {
      {"method", o.method}, {"preset", settings.method}, {"size", toString(o.shape)}, {"seed", std::to_string(o.seed)}};
  GenerateResult result;
  std::string error, deviceName = "cpu";
  if (!generateNeedsGpu(settings)) {
    if (!generateMask(nullptr, settings, {}, &result, &error)) return fail(error);
  } else {
    o.device.quiet = o.json;
    GpuContext* context = openContext(o.device, generatePrefersInlineDispatch(settings));
    if (!context) return 1;
    deviceName = context->deviceName;
    ProgressBar bar(!o.json);
    const bool ok = generateMask(
        context, settings, [&](const GenerateProgress& p) { bar.update(p.done, p.total, p.seconds, p.detail); },
        &result, &error);
    bar.finish();
    const int validationErrors = context->validationErrors;
    if (closeContext(context) != 0) return 1;
    if (!ok) return fail(error);
    if (validationErrors > 0) return 1;  // closeContext said so; write nothing a buggy run produced
  }
  if (!writeMask(result.mask, o.out, exportOptions, &error)) return fail(error);
  nlohmann::json summary;
  std::string line;
  describe(result, &summary, &line);
  if (o.json) {
    summary["device"] = deviceName;
    summary["width"] = o.width;
    summary["height"] = o.height;
    summary["seed"] = o.seed;
    summary["output"] = o.out;
    std::printf("%s\n", summary.dump(2).c_str());
  } else {
    std::fprintf(stderr, "%s\n", line.c_str());
    std::printf("wrote %s\n", o.out.c_str());
  }
  return 0;
}

}  // namespace

static CommandRegistration registration("generate", [](CLI::App& app) {
  auto options = std::make_shared<GenerateOptions>();
  GenerateOptions& o = *options;
  CLI::App* cmd = app.add_subcommand("generate", "Optimize a tileable dither mask and write it");
  cmd->add_option("--size", o.size, "Square mask side (4..4096)");
  cmd->add_option("--width", o.width, "Mask width (4..4096)");
  cmd->add_option("--height", o.height, "Mask height (4..4096)");
  cmd->add_option("--method", o.method, "optimize (a preset) or a baseline: vac, bayer, white, lottes")
      ->check(CLI::IsMember({"optimize", "vac", "void-and-cluster", "bayer", "white", "lottes"}));
  cmd->add_option("--preset", o.preset,
                  "hvs (default): best void-and-cluster sigma 1.5 start + GPU swap descent on the eye-model energy; "
                  "wronski2020: the article's loss")
      ->check(CLI::IsMember({"hvs", "wronski2020"}));
  cmd->add_option("--steps", o.steps, "Steps (wronski2020) or swap passes (hvs); default: the preset's");
  cmd->add_option("--sigma", o.sigma, "Baselines: Gaussian sigma (vac 1.9, lottes 1.0 by default)");
  cmd->add_option("--seed", o.seed, "Random seed");
  cmd->add_option("--cutoff", o.params.cutoff, "Low-frequency cone cutoff c (Nyquist units)");
  cmd->add_option("--w-low", o.params.weightLowFrequency, "Weight of the low-frequency term");
  cmd->add_option("--w-uniform", o.params.weightUniformity, "Weight of the spectrum uniformity term");
  cmd->add_option("--w-hist", o.params.weightHistogram, "Weight of the histogram term");
  cmd->add_option("--optimizer", o.optimizer, "Update rule")->check(CLI::IsMember({"gd", "momentum", "adam"}));
  cmd->add_option("--lr", o.params.update.learningRate, "Step size");
  cmd->add_option("--momentum", o.params.update.momentum, "Momentum coefficient (--optimizer momentum)");
  cmd->add_option("--beta1", o.params.update.beta1, "Adam beta1");
  cmd->add_option("--beta2", o.params.update.beta2, "Adam beta2");
  cmd->add_option("--histogram", o.histogram, "Target histogram")
      ->check(CLI::IsMember({"uniform", "triangular", "gaussian"}));
  cmd->add_flag("--no-random-scaling", o.noRandomScaling, "Use fixed term weights (no per-step c ~ U(0,1))");
  cmd->add_option("--bits", o.bits, "Bits per value of integer outputs (8 or 16; default: exact permutation)")
      ->check(CLI::IsMember({8, 16}));
  cmd->add_option("--out", o.out, "Output file (.png, .ktx2, .npy, .h, .glsl)");
  cmd->add_flag("--json", o.json, "Print a JSON summary on stdout");
  addDeviceOptions(cmd, o.device);
  return std::function<int()>([options] { return runGenerate(*options); });
});

}  // namespace specdither::cli
