#include "generate_options.h"

#include "specdither/preset_file.h"
#include "specdither/sampling_snippet.h"
#include "specdither/swap_preset.h"
#include "specdither/vector_mask_io.h"
#include "specdither/vector_stack_baselines.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace specdither::cli {

namespace {

const std::vector<std::string> kWronski = {kPresetWronski2020};
const std::vector<std::string> kHvs = {kPresetHvs};
const std::vector<std::string> kPresets = {kPresetHvs, kPresetAnnealing, kPresetWronski2020};
const std::vector<std::string> kSigmaBaselines = {"vac", "lottes"};
const std::vector<std::string> kRandomMethods = {
    kPresetHvs,       kPresetAnnealing, kPresetWronski2020,  "vac",
    "white",          "lottes",         kStackGoldenRatio,   kStackIndependent,
    kStackStratified, kColourSameMask,  kColourInvertedGreen};
// Stacks: the scalar ones, and colour stacks (--channels with --slices) of the colour methods.
const std::vector<std::string> kStackMethods = {
    kPresetHvs, "white", kStackGoldenRatio, kStackIndependent, kStackStratified, kColourSameMask, kColourInvertedGreen};
// The methods whose stacks run the temporal term (the scalar independent stack has none; its colour one has).
const std::vector<std::string> kTemporalMethods = {kPresetHvs, kStackIndependent, kColourSameMask,
                                                   kColourInvertedGreen};
const std::vector<std::string> kColourMethods = {kPresetHvs, "white", kStackIndependent, kColourSameMask,
                                                 kColourInvertedGreen};
// The swap knobs apply where the swap stage runs: the presets, the independent slices of a stack or channels of a
// colour mask, and the one mask of the fixed colour relations.
const std::vector<std::string> kSwapRuns = {kPresetHvs, kPresetAnnealing, kStackIndependent, kColourSameMask,
                                            kColourInvertedGreen};

const std::map<std::string, UpdateRule> kRules = {
    {"gd", UpdateRule::GradientDescent}, {"momentum", UpdateRule::Momentum}, {"adam", UpdateRule::Adam}};
const std::map<std::string, HistogramShape> kShapes = {{"uniform", HistogramShape::Uniform},
                                                       {"triangular", HistogramShape::Triangular},
                                                       {"gaussian", HistogramShape::Gaussian}};

bool isPreset(const std::string& method) {
  return std::find(kPresets.begin(), kPresets.end(), method) != kPresets.end();
}

// "the hvs preset", "the vac and lottes baselines".
std::string describe(const std::vector<std::string>& methods) {
  std::string names;
  for (size_t i = 0; i < methods.size(); ++i)
    names += (i == 0 ? "" : i + 1 == methods.size() ? " and " : ", ") + methods[i];
  const size_t presets = size_t(std::count_if(methods.begin(), methods.end(), isPreset));
  const char* kind = presets == methods.size() ? " preset" : presets == 0 ? " baseline" : " method";
  return "the " + names + kind + (methods.size() > 1 ? "s" : "");
}

std::string finiteAtLeastZero(const char* option, double value) {
  if (!std::isfinite(value) || value < 0) return std::string(option) + " must be a finite number >= 0";
  return "";
}

}  // namespace

// Which method each option belongs to (an option given for another method is an error, not silently ignored).
class GenerateOptionRules {
 public:
  struct Rule {
    CLI::Option* option;
    std::vector<std::string> methods;
    std::string why;  // "" or why it does not apply elsewhere
  };
  std::vector<Rule> rules;
  CLI::Option *size = nullptr, *width = nullptr, *height = nullptr, *method = nullptr, *preset = nullptr;
  CLI::Option *optimizer = nullptr, *momentum = nullptr, *beta1 = nullptr, *beta2 = nullptr;
  CLI::Option *sigmas = nullptr, *sigmaWeights = nullptr, *startSigma = nullptr, *temperature = nullptr;
  CLI::Option *reweightInterval = nullptr, *steps = nullptr, *passes = nullptr, *seed = nullptr;
  CLI::Option *presetFile = nullptr, *cutoff = nullptr, *weightLow = nullptr, *weightUniform = nullptr;
  CLI::Option *weightHistogram = nullptr, *learningRate = nullptr, *histogram = nullptr, *noRandomScaling = nullptr;
  CLI::Option *slices = nullptr, *temporal = nullptr, *temporalWeight = nullptr;
  CLI::Option *channels = nullptr, *channelCoupling = nullptr, *refineSweeps = nullptr;
  CLI::Option* distancePower = nullptr;  // --values only (resolveVectorOptions)

  CLI::Option* belongs(CLI::Option* option, const std::vector<std::string>& methods, std::string why = "") {
    rules.push_back({option, methods, std::move(why)});
    return option;
  }
  static bool given(const CLI::Option* option) { return option->count() > 0; }
};

std::shared_ptr<GenerateOptionRules> addGenerateOptions(CLI::App* cmd, GenerateOptions* options) {
  GenerateOptions& o = *options;
  auto r = std::make_shared<GenerateOptionRules>();
  r->size = cmd->add_option("--size", o.size, "Square mask side (4..4096)");
  r->width = cmd->add_option("--width", o.width, "Mask width (4..4096; with --height)");
  r->height = cmd->add_option("--height", o.height, "Mask height (4..4096; with --width)");
  r->method =
      cmd->add_option("--method", o.method,
                      "optimize (a --preset, the default) or a baseline: vac, bayer, white, lottes; of "
                      "stacks (--slices): white, golden-ratio, independent, stratified; of colour masks (--channels): "
                      "white, independent, same-mask, inverted-green")
          ->check(CLI::IsMember({"optimize", "vac", "void-and-cluster", "bayer", "white", "lottes", kStackGoldenRatio,
                                 kStackIndependent, kStackStratified, kColourSameMask, kColourInvertedGreen}));
  r->preset = cmd->add_option("--preset", o.preset,
                              "hvs (default): best void-and-cluster start + GPU swap descent on the eye-model "
                              "energy; annealing: the swaps annealed from noise; wronski2020: the article's loss "
                              "('default' is an old name of hvs)")
                  ->check(CLI::IsMember({kPresetHvs, kPresetAnnealing, kPresetWronski2020, "default"}));
  r->slices = r->belongs(
      cmd->add_option("--slices", o.slices,
                      "Slices of a spatiotemporal stack, 1 to 256 (slice frame % T each frame; "
                      "docs/method.md §8) (hvs, white, golden-ratio, independent, stratified; with --channels "
                      "also same-mask, inverted-green)"),
      kStackMethods, "the other methods make 2D masks");
  r->temporal = r->belongs(cmd->add_option("--temporal", o.temporal,
                                           "The renderer's temporal filter the stack is made for: ema:ALPHA (TAA, "
                                           "default ema:0.1), mean:K (K frames), gauss:SIGMA (hvs with --slices, "
                                           "and colour stacks)"),
                           kTemporalMethods);
  r->temporalWeight = r->belongs(
      cmd->add_option("--temporal-weight", o.temporalWeight,
                      "Weight of the pairs across slices against those within a slice "
                      "(1: all pairs across slices weigh as much as those within one; "
                      "0: independent slices; default T / 8 within [1, 8]) (hvs with --slices, colour stacks, "
                      "and --values stacks)"),
      kTemporalMethods);
  r->channels = r->belongs(cmd->add_option("--channels", o.channels,
                                           "Channels of a colour mask, 1 to 4: 2 = RG, 3 = RGB, 4 = RGBA (alpha "
                                           "outside the colour eye model); made together for the colour error a "
                                           "person sees (docs/method.md §11) (hvs, white, independent, same-mask, "
                                           "inverted-green)"),
                           kColourMethods, "the other methods make single-channel masks");
  r->channelCoupling = r->belongs(cmd->add_option("--channel-coupling", o.channelCoupling,
                                                  "Weight of the colour eye model's pairs across channels against "
                                                  "each channel's own energy in the refining sweeps (default 1) "
                                                  "(hvs with --channels)"),
                                  {kPresetHvs});
  r->refineSweeps = r->belongs(cmd->add_option("--refine-sweeps", o.refineSweeps,
                                               "Sweeps of joint swap passes over the channels after the start, 0 to "
                                               "8 (default 0: they measured no gain; docs/method.md §11.3) (hvs "
                                               "with --channels)"),
                               {kPresetHvs});
  r->presetFile = r->belongs(cmd->add_option("--preset-file", o.presetFile,
                                             "Start from a preset file (the JSON the studio saves): its preset, "
                                             "size, seed and knobs; the options given override them"),
                             kPresets, "baselines have no preset file");
  r->seed = r->belongs(cmd->add_option("--seed", o.seed, "Random seed (every method but bayer)"), kRandomMethods,
                       "Bayer's matrix has no randomness");

  const std::string w = " (wronski2020)";
  r->steps = r->belongs(
      cmd->add_option("--steps", o.steps,
                      "Steps of the main phase (default 100000); the preset's histogram-only fine-tune adds "
                      "10 more (docs/method.md §2.8)" +
                          w),
      kWronski);
  r->cutoff = r->belongs(
      cmd->add_option("--cutoff", o.params.cutoff,
                      "Low-frequency cone's squared radius c: weight max(c - u^2 - v^2, 0) / c over "
                      "frequencies (u, v) in Nyquist units, zero from |f| = sqrt(c) Nyquist (default 0.7; "
                      "docs/method.md §2.2)" +
                          w),
      kWronski);
  r->weightLow = r->belongs(
      cmd->add_option("--w-low", o.params.weightLowFrequency, "Weight of the low_frequency term" + w), kWronski);
  r->weightUniform = r->belongs(
      cmd->add_option("--w-uniform", o.params.weightUniformity, "Weight of the uniformity term" + w), kWronski);
  r->weightHistogram = r->belongs(
      cmd->add_option("--w-hist", o.params.weightHistogram, "Weight of the histogram term" + w), kWronski);
  r->optimizer = r->belongs(cmd->add_option("--optimizer", o.optimizer, "Update rule: gd, momentum, adam" + w)
                                ->check(CLI::IsMember({"gd", "momentum", "adam"})),
                            kWronski);
  r->learningRate = r->belongs(cmd->add_option("--lr", o.params.update.learningRate, "Step size" + w), kWronski);
  r->momentum = r->belongs(
      cmd->add_option("--momentum", o.params.update.momentum, "Momentum coefficient (--optimizer momentum)"), kWronski);
  r->beta1 = r->belongs(cmd->add_option("--beta1", o.params.update.beta1, "Adam beta1 (--optimizer adam)"), kWronski);
  r->beta2 = r->belongs(cmd->add_option("--beta2", o.params.update.beta2, "Adam beta2 (--optimizer adam)"), kWronski);
  r->histogram = r->belongs(
      cmd->add_option("--histogram", o.histogram, "Target histogram: uniform, triangular, gaussian" + w)
          ->check(CLI::IsMember({"uniform", "triangular", "gaussian"})),
      kWronski);
  r->noRandomScaling = r->belongs(
      cmd->add_flag("--no-random-scaling", o.noRandomScaling, "Fixed term weights (no per-step c ~ U(0,1))" + w),
      kWronski);

  const std::string s = " (hvs, annealing)";
  r->passes = r->belongs(
      cmd->add_option("--passes", o.passes,
                      "Swap passes (default: hvs by size, 500 to 2000, stacks 60 to 2000; annealing 60000)" + s),
      kSwapRuns);
  r->sigmas = r->belongs(cmd->add_option("--sigmas", o.sigmas,
                                         "Eye-model sigmas in pixels, 1 to 4 in (0, 64) (default 1,1.5; with "
                                         "--sigma-weights)" +
                                             s)
                             ->delimiter(','),
                         kSwapRuns);
  r->sigmaWeights = r->belongs(
      cmd->add_option("--sigma-weights", o.sigmaWeights, "Weight of each sigma's error, >= 0 (default 1,2)" + s)
          ->delimiter(','),
      kSwapRuns);
  r->startSigma = r->belongs(
      cmd->add_option("--start-sigma", o.startSigma,
                      "Gaussian sigma of the void-and-cluster start (default 1.5) (hvs); with --values the filter "
                      "sigma of the first half of the passes (coarse to fine, default off)"),
      kHvs, "the annealing preset starts from a random permutation");
  r->temperature = r->belongs(cmd->add_option("--temperature", o.temperature,
                                              "Start temperature T0 in units of the median |dE|, 0 = greedy "
                                              "(default: hvs 0, annealing 0.5; docs/method.md §3.6)" +
                                                  s),
                              kSwapRuns);
  r->reweightInterval = r->belongs(cmd->add_option("--reweight-interval", o.reweightInterval,
                                                   "Passes between level re-weightings, 0 = only at the start "
                                                   "(default: hvs 250, annealing 2000)" +
                                                       s),
                                   kSwapRuns);

  r->belongs(cmd->add_option("--sigma", o.sigma, "Gaussian sigma (vac 1.9, lottes 1.0 by default) (vac, lottes)"),
             kSigmaBaselines);
  cmd->add_option(
      "--values", o.values,
      "A vector-valued mask for sampling instead of a threshold mask: vec2, circle, sphere, "
      "hemisphere-cosine (FAST's loss; --seed, --passes, --temperature, --sigma, --start-sigma apply; a stack: "
      "--slices, --temporal, --temporal-weight; baselines: --method white, and of stacks golden-ratio (vec2, "
      "circle) or independent; docs/method.md §10)");
  r->distancePower = cmd->add_option(
      "--distance-power", o.distancePower,
      "With --values: K = -distance^P in FAST's loss, P in (0, 2] (default: the domain's, docs/method.md "
      "§10.2; 1 is FAST's own)");
  cmd->add_option("--bits", o.bits, "Bits per value of integer outputs (8 or 16; default: exact permutation)")
      ->check(CLI::IsMember({8, 16}));
  cmd->add_option("--out", o.out,
                  "Output file (.png, .ktx2, .npy, .h, .glsl); a stack also as one PNG per slice, name_%03d.png");
  cmd->add_option("--snippet", o.snippet,
                  "Also write FILE.glsl: the GLSL that samples the output (.png / .ktx2) by texelFetch, slice frame "
                  "% T of a stack");
  cmd->add_flag("--json", o.json, "Print a JSON summary on stdout");
  cmd->add_flag("--quiet", o.quiet, "No progress on stderr");
  addDeviceOptions(cmd, o.device);
  // The presets and the stack baselines made of default-preset masks run on the GPU; the other baselines on the CPU.
  const std::vector<std::string> gpuMethods = {kPresetHvs,        kPresetAnnealing,    kPresetWronski2020,
                                               kStackGoldenRatio, kStackIndependent,   kStackStratified,
                                               kColourSameMask,   kColourInvertedGreen};
  const std::string gpu = "the other baselines run on the CPU";
  r->belongs(cmd->get_option("--device"), gpuMethods, gpu);
  r->belongs(cmd->get_option("--validate"), gpuMethods, gpu);
  return r;
}

namespace {

// The method the options choose (canonical), or "" with *problem set.
std::string chosenMethod(const GenerateOptionRules& r, const GenerateOptions& o, std::string* problem) {
  if (o.method != "optimize") {
    if (GenerateOptionRules::given(r.preset)) {
      *problem = "--preset chooses an optimized preset and --method " + o.method + " a baseline: give one of them";
      return "";
    }
    return canonicalGenerateMethod(o.method);
  }
  return canonicalGenerateMethod(o.preset);
}

// The size the options give (*shape 0x0 when none is given and a preset file will give it).
std::string checkSize(const GenerateOptionRules& r, const GenerateOptions& o, MaskShape* shape) {
  using R = GenerateOptionRules;
  int64_t width = o.width, height = o.height;
  if (R::given(r.size)) {
    if (R::given(r.width) || R::given(r.height)) return "give either --size or --width and --height, not both";
    width = height = o.size;
  } else if (R::given(r.width) != R::given(r.height)) {
    return R::given(r.width) ? "--width needs --height too (or give --size for a square)"
                             : "--height needs --width too (or give --size for a square)";
  } else if (!R::given(r.width)) {
    if (R::given(r.presetFile)) return "";  // the file's size (*shape stays 0x0: not given)
    return "give the mask size with --size S or --width W --height H";
  }
  // Negative sides become 0 (out of range all the same); the message then shows 0.
  auto side = [](int64_t v) { return uint32_t(std::clamp<int64_t>(v, 0, 0xFFFFFFFF)); };
  *shape = {side(width), side(height)};
  return checkMaskShape(*shape);
}

// Options given for another method, and the update rule's own coefficients.
std::string checkApplies(const GenerateOptionRules& r, const GenerateOptions& o, const std::string& method) {
  const std::string run = describe({method});
  for (const GenerateOptionRules::Rule& rule : r.rules) {
    if (!GenerateOptionRules::given(rule.option)) continue;
    const auto& m = rule.methods;
    if (std::find(m.begin(), m.end(), method) != m.end()) continue;
    std::string line = rule.option->get_name() + " belongs to " + describe(m) + ", not to " + run;
    if (!rule.why.empty()) line += " (" + rule.why + ")";
    if (m.size() == 1 && isPreset(m[0])) line += ": add --preset " + m[0];
    return line;
  }
  if (GenerateOptionRules::given(r.momentum) && o.optimizer != "momentum")
    return "--momentum belongs to --optimizer momentum, not to " + o.optimizer;
  for (CLI::Option* beta : {r.beta1, r.beta2})
    if (GenerateOptionRules::given(beta) && o.optimizer != "adam")
      return beta->get_name() + " belongs to --optimizer adam, not to " + o.optimizer;
  return "";
}

std::string checkNumbers(const GenerateOptionRules& r, const GenerateOptions& o) {
  const std::string most = std::to_string(UINT32_MAX);
  if (GenerateOptionRules::given(r.steps) && o.steps < 0) return "--steps must be zero or positive";
  if (o.steps > int64_t(UINT32_MAX)) return "--steps must be at most " + most;
  if (o.passes != -1 && o.passes < 1) return "--passes must be at least 1";
  if (o.passes > int64_t(UINT32_MAX)) return "--passes must be at most " + most;
  const std::pair<const char*, double> numbers[] = {{"--cutoff", o.params.cutoff},
                                                    {"--w-low", o.params.weightLowFrequency},
                                                    {"--w-uniform", o.params.weightUniformity},
                                                    {"--w-hist", o.params.weightHistogram},
                                                    {"--lr", o.params.update.learningRate},
                                                    {"--momentum", o.params.update.momentum},
                                                    {"--beta1", o.params.update.beta1},
                                                    {"--beta2", o.params.update.beta2},
                                                    {"--sigma", o.sigma},
                                                    {"--start-sigma", o.startSigma},
                                                    {"--temperature", o.temperature}};
  for (const auto& [name, value] : numbers) {
    const std::string problem = finiteAtLeastZero(name, value);
    if (!problem.empty()) return problem;
  }
  if (o.params.cutoff <= 0) return "--cutoff must be > 0";
  if (GenerateOptionRules::given(r.startSigma) && o.startSigma <= 0) return "--start-sigma must be > 0";
  for (double v : o.sigmas)
    if (!std::isfinite(v) || v <= 0) return "--sigmas must be finite numbers > 0";
  for (double v : o.sigmaWeights) {
    const std::string problem = finiteAtLeastZero("--sigma-weights", v);
    if (!problem.empty()) return problem;
  }
  if (GenerateOptionRules::given(r.sigmas) && !GenerateOptionRules::given(r.sigmaWeights))
    return "--sigmas needs --sigma-weights too: one weight per sigma (the preset's are 1,2 for sigmas 1,1.5)";
  if (o.reweightInterval < 0 || o.reweightInterval > int64_t(UINT32_MAX))
    return "--reweight-interval must be between 0 and " + std::to_string(UINT32_MAX);
  return "";
}

// The wronski2020 knobs given, over settings->spectralParams and the rest of the spectral run's settings.
void applySpectralOptions(const GenerateOptionRules& r, const GenerateOptions& o, GenerateSettings* settings) {
  using R = GenerateOptionRules;
  SpectralLossParams& p = settings->spectralParams;
  if (R::given(r.cutoff)) p.cutoff = o.params.cutoff;
  if (R::given(r.weightLow)) p.weightLowFrequency = o.params.weightLowFrequency;
  if (R::given(r.weightUniform)) p.weightUniformity = o.params.weightUniformity;
  if (R::given(r.weightHistogram)) p.weightHistogram = o.params.weightHistogram;
  if (R::given(r.optimizer)) p.update.rule = kRules.at(o.optimizer);
  if (R::given(r.learningRate)) p.update.learningRate = o.params.update.learningRate;
  if (R::given(r.momentum)) p.update.momentum = o.params.update.momentum;
  if (R::given(r.beta1)) p.update.beta1 = o.params.update.beta1;
  if (R::given(r.beta2)) p.update.beta2 = o.params.update.beta2;
  if (R::given(r.noRandomScaling)) p.randomTermScaling = false;
  if (R::given(r.histogram)) settings->histogram = kShapes.at(o.histogram);
  if (R::given(r.steps)) settings->steps = o.steps;
}

// The swap knobs given, on top of settings->swapParams (a preset file's) or the preset's (generateSwapParams);
// temporal: --temporal as resolveGenerateOptions parsed and checked it.
void applySwapOptions(const GenerateOptionRules& r, const GenerateOptions& o, const TemporalFilter& temporal,
                      GenerateSettings* settings) {
  using R = GenerateOptionRules;
  if (R::given(r.passes)) settings->steps = o.passes;
  if (!R::given(r.sigmas) && !R::given(r.sigmaWeights) && !R::given(r.startSigma) && !R::given(r.temperature) &&
      !R::given(r.reweightInterval) && !R::given(r.temporal) && !R::given(r.temporalWeight))
    return;
  SwapParams params = generateSwapParams(*settings);
  if (R::given(r.temporal)) params.temporal = temporal;
  if (R::given(r.temporalWeight)) params.temporalWeight = o.temporalWeight;
  if (R::given(r.sigmas)) params.sigmas = o.sigmas;
  if (R::given(r.sigmaWeights)) params.sigmaWeights = o.sigmaWeights;
  if (R::given(r.startSigma)) params.startSigma = o.startSigma;
  if (R::given(r.temperature)) params.startTemperature = o.temperature;
  if (R::given(r.reweightInterval)) params.reweightInterval = uint32_t(o.reweightInterval);
  settings->swapParams = params;
}

// The preset file under the options: its preset must be the one --preset names (when given); the size and seed
// given replace the file's. *method becomes the file's preset.
std::string loadPresetBase(const GenerateOptionRules& r, const GenerateOptions& o, const MaskShape& shape,
                           GenerateSettings* settings, std::string* method) {
  using R = GenerateOptionRules;
  GenerateSettings s;
  s.method = *method;  // the preset of a file that names none
  if (shape.width > 0) s.shape = shape;
  if (R::given(r.seed)) s.seed = o.seed;
  std::string error;
  if (!loadPresetFile(o.presetFile, &s, &error)) return error;
  if (R::given(r.preset) && s.method != *method)
    return o.presetFile + " is a " + s.method + " preset, --preset says " + *method + ": give one of them";
  if (shape.width > 0) s.shape = shape;
  if (R::given(r.seed)) s.seed = o.seed;
  *method = s.method;
  *settings = s;
  return "";
}

}  // namespace

std::string resolveGenerateOptions(const GenerateOptionRules& r, const GenerateOptions& o, GenerateSettings* settings,
                                   MaskExportOptions* exportOptions) {
  using R = GenerateOptionRules;
  MaskShape shape;
  std::string problem = checkSize(r, o, &shape);
  if (!problem.empty()) return problem;
  if (o.slices < 1 || o.slices > 256) return "--slices must be between 1 and 256";
  shape.slices = uint32_t(o.slices);
  if (!std::isfinite(o.temporalWeight) || o.temporalWeight < 0 || o.temporalWeight > 100)
    return "--temporal-weight must lie in [0, 100]";
  if (R::given(r.distancePower)) return "--distance-power belongs to --values (vector masks)";
  if (o.channels < 1 || o.channels > 4) return "--channels must be between 1 and 4";
  shape.channels = uint32_t(o.channels);
  for (CLI::Option* colourOnly : {r.channelCoupling, r.refineSweeps})
    if (R::given(colourOnly) && o.channels < 2)
      return colourOnly->get_name() + " is for colour masks: give --channels (2 to 4)";
  if (o.refineSweeps < 0 || o.refineSweeps > 8) return "--refine-sweeps must be between 0 and 8";
  if (!std::isfinite(o.channelCoupling) || o.channelCoupling < 0 || o.channelCoupling > 100)
    return "--channel-coupling must lie in [0, 100]";
  std::string method = chosenMethod(r, o, &problem);
  if (method.empty()) return problem;
  GenerateSettings s;
  if (GenerateOptionRules::given(r.presetFile) && isPreset(method)) {
    problem = loadPresetBase(r, o, shape, &s, &method);
    if (!problem.empty()) return problem;
    // The file's stack (a studio preset with slices) unless the command line names its own.
    if (R::given(r.slices)) s.shape.slices = shape.slices;
    s.shape.channels = shape.channels;
  } else {
    s.method = method;
    s.shape = shape;
    s.seed = o.seed;
  }
  // The temporal options need a stack: the command line's or the preset file's.
  if ((R::given(r.temporal) || R::given(r.temporalWeight)) && s.shape.slices < 2)
    return (R::given(r.temporal) ? "--temporal" : "--temporal-weight") +
           std::string(" is for stacks: give --slices T (2 to 256)");
  TemporalFilter filter;
  if (R::given(r.temporal)) {
    problem = parseTemporalFilter(o.temporal, &filter);
    if (problem.empty()) problem = checkTemporalFilter(filter, s.shape.slices);
    if (!problem.empty()) return "--temporal: " + problem;
  }
  problem = checkApplies(r, o, method);
  if (problem.empty()) problem = checkNumbers(r, o);
  if (!problem.empty()) return problem;

  s.baselineSigma = o.sigma;
  if (R::given(r.channelCoupling)) s.colour.coupling = o.channelCoupling;
  if (R::given(r.refineSweeps)) s.colour.refineSweeps = uint32_t(o.refineSweeps);
  if (method == kPresetWronski2020) applySpectralOptions(r, o, &s);
  if (std::find(kSwapRuns.begin(), kSwapRuns.end(), method) != kSwapRuns.end()) applySwapOptions(r, o, filter, &s);
  problem = checkGenerateSettings(s);
  if (!problem.empty()) return problem;
  if (o.out.empty()) return "give the output file with --out FILE.png";

  MaskExportOptions e;
  e.bits = o.bits;
  e.metadata = {{"method", isPreset(method) ? "optimize" : method},
                {"preset", method},
                {"size", toString(s.shape)},
                {"seed", std::to_string(s.seed)}};
  problem = checkMaskOutput(o.out, s.shape, e);
  if (problem.empty() && !o.snippet.empty()) problem = checkSamplingSnippet(o.out, o.snippet);
  if (!problem.empty()) return problem;
  *settings = s;
  *exportOptions = e;
  return "";
}

std::string resolveVectorOptions(const GenerateOptionRules& r, const GenerateOptions& o, VectorRun* run) {
  VectorDomain domain;
  if (!parseVectorDomain(o.values, &domain))
    return "unknown --values '" + o.values + "': give vec2, circle, sphere or hemisphere-cosine";
  MaskShape shape;
  std::string problem = checkSize(r, o, &shape);
  if (!problem.empty()) return problem;
  if (o.slices < 1 || o.slices > 256) return "--slices must be between 1 and 256";
  shape.slices = uint32_t(o.slices);
  if (GenerateOptionRules::given(r.preset))
    return "--values makes a vector mask with its own optimizer: leave out --preset";
  // The baselines of vector stacks (vector_stack_baselines.h): white noise (2D masks too), the golden-ratio
  // animation of one 2D mask, independent slices (the stack optimizer without its temporal term).
  const std::string method = GenerateOptionRules::given(r.method) ? o.method : "optimize";
  if (method != "optimize" && method != "white" && method != kStackGoldenRatio && method != kStackIndependent)
    return "--method " + method + " does not apply to --values: give white, or for stacks golden-ratio or independent";
  if ((method == kStackGoldenRatio || method == kStackIndependent) && shape.slices < 2)
    return "--method " + method + " makes stacks: give --slices T (2 to 256)";
  if (method == kStackGoldenRatio) {
    problem = checkGoldenRatioVectorDomain(domain);
    if (!problem.empty()) return problem;
  }
  // golden-ratio animates one 2D mask made with the 2D schedule; a stack's passes cost N T.
  const MaskShape optimized = method == kStackGoldenRatio ? MaskShape{shape.width, shape.height} : shape;
  VectorSwapParams p = defaultVectorSwapParams(domain, optimized);
  std::vector<std::string> vectorOptions = {"--seed", "--slices", "--method"};
  if (method != "white")  // white noise is drawn on the CPU
    vectorOptions.insert(vectorOptions.end(),
                         {"--passes", "--temperature", "--start-sigma", "--sigma", "--device", "--validate"});
  if (method == "white" && GenerateOptionRules::given(r.distancePower))
    return "--distance-power does not apply to --values --method white";
  if (method == "optimize") vectorOptions.insert(vectorOptions.end(), {"--temporal", "--temporal-weight"});
  for (const GenerateOptionRules::Rule& rule : r.rules)
    if (GenerateOptionRules::given(rule.option) &&
        std::find(vectorOptions.begin(), vectorOptions.end(), rule.option->get_name()) == vectorOptions.end())
      return rule.option->get_name() + " does not apply to --values" +
             (method == "optimize" ? std::string() : " --method " + method);
  if (!o.snippet.empty()) return "--snippet does not apply to --values (vector masks are read as stored)";
  if (o.passes != -1 && (o.passes < 1 || o.passes > 10000000)) return "--passes must be between 1 and 10000000";
  if (!std::isfinite(o.temperature) || o.temperature < 0) return "--temperature must be a finite number >= 0";
  if (!std::isfinite(o.sigma) || o.sigma < 0) return "--sigma must be a finite number >= 0";
  p.seed = o.seed;
  if (o.passes != -1) p.passes = uint32_t(o.passes);
  p.startTemperature = o.temperature;
  if (o.sigma > 0) p.sigma = o.sigma;
  if (GenerateOptionRules::given(r.distancePower)) p.distancePower = o.distancePower;
  if (GenerateOptionRules::given(r.startSigma)) {
    if (!(o.startSigma > 0)) return "--start-sigma must be > 0";
    p.startSigma = o.startSigma;
  }
  // A stack (docs/method.md §10.5): --temporal and --temporal-weight as for scalar stacks.
  if ((GenerateOptionRules::given(r.temporal) || GenerateOptionRules::given(r.temporalWeight)) && o.slices < 2)
    return "--temporal and --temporal-weight are for stacks: give --slices T (2 to 256)";
  if (GenerateOptionRules::given(r.temporal)) {
    problem = parseTemporalFilter(o.temporal, &p.temporal);
    if (!problem.empty()) return "--temporal: " + problem;
  }
  if (GenerateOptionRules::given(r.temporalWeight)) p.temporalWeight = o.temporalWeight;
  if (method == kStackIndependent) p.temporalWeight = 0;
  problem = checkVectorSwapParams(optimized, p);
  if (!problem.empty()) return problem;
  if (o.out.empty()) return "give the output file with --out FILE.ktx2";
  problem = checkVectorMaskOutput(o.out, o.bits, shape);
  if (!problem.empty()) return problem;
  *run = {shape, p, method};
  return "";
}

}  // namespace specdither::cli
