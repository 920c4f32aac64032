// `specdither filter`: the separable filter study of Wronski (2020), "Using JAX, numpy, and optimization
// techniques to improve separable image filters" (docs/method.md §6). Approximates a disk (bokeh) kernel, or a
// kernel from a PNG, by R separable passes: SVD initialization, then gradient descent on the GPU; blurs an
// image with the result and with the exact 2D kernel (gamma 8, as the article shows them); writes a JSON
// report, optionally a contact sheet PNG and a C header. --sweep runs the article's 3 x 3 grid of weights.
#include "specdither/atomic_file.h"
#include "command.h"
#include "device_options.h"
#include "specdither/filter/filter_export.h"
#include "specdither/filter/filter_sheet.h"
#include "specdither/filter/filter_study.h"
#include "progress_bar.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>

namespace specdither::cli {

namespace {

struct FilterOptions {
  int64_t diameter = 50;
  bool diameterGiven = false;
  std::string kernelPath;
  int64_t rank = 4;
  int64_t steps = 5000;
  float learningRate = 0.1f;
  float weightL2 = 1.0f;
  float weightNonneg = 0.5f;
  float weightZeros = 0.3f;
  std::string optimizer = "gd";
  float momentum = 0.9f, beta1 = 0.9f, beta2 = 0.999f;
  std::string targetScale = "peak";
  std::string imagePath;
  float gamma = kArticleGamma;
  std::string out, sheet, header, headerName = "specdither_filter";
  bool sweep = false;
  bool json = false;
  bool quiet = false;
  DeviceOptions device;
};

const std::map<std::string, UpdateRule> kRules = {
    {"gd", UpdateRule::GradientDescent}, {"momentum", UpdateRule::Momentum}, {"adam", UpdateRule::Adam}};

bool endsWith(const std::string& text, const std::string& tail) {
  if (text.size() < tail.size()) return false;
  std::string end = text.substr(text.size() - tail.size());
  for (char& c : end) c = char(std::tolower(static_cast<unsigned char>(c)));
  return end == tail;
}

// Every check of user input before any GPU work: "" or the one-line reason.
std::string validate(const FilterOptions& o) {
  if (!o.kernelPath.empty() && o.diameterGiven) return "give either --diameter or --kernel, not both";
  if (o.kernelPath.empty() && (o.diameter < kFilterMinSize || o.diameter > kFilterMaxSize))
    return "--diameter " + std::to_string(o.diameter) + " is out of range (" + std::to_string(kFilterMinSize) + " to " +
           std::to_string(kFilterMaxSize) + ")";
  if (o.rank < 1) return "--rank must be at least 1";
  if (o.kernelPath.empty() && o.rank > o.diameter)
    return "--rank " + std::to_string(o.rank) + " exceeds the diameter " + std::to_string(o.diameter);
  if (o.steps < 0 || o.steps > 100000000) return "--steps must be between 0 and 100000000";
  const std::pair<const char*, float> numbers[] = {
      {"--lr", o.learningRate},   {"--w-l2", o.weightL2}, {"--w-nonneg", o.weightNonneg}, {"--w-zeros", o.weightZeros},
      {"--momentum", o.momentum}, {"--beta1", o.beta1},   {"--beta2", o.beta2},           {"--gamma", o.gamma}};
  for (const auto& [name, value] : numbers)
    if (!std::isfinite(value) || value < 0) return std::string(name) + " must be a finite number >= 0";
  if (o.gamma <= 0) return "--gamma must be > 0";
  if (o.beta1 >= 1 || o.beta2 >= 1) return "--beta1 and --beta2 must be below 1";
  if (o.out.empty()) return "give the report file with --out FILE.json";
  if (o.out == o.sheet || (!o.header.empty() && (o.header == o.out || o.header == o.sheet)))
    return "--out, --sheet and --header must name different files";
  if (o.sweep && !o.header.empty()) return "--header exports one filter: leave out --sweep";
  if (!isCIdentifier(o.headerName)) return "--header-name '" + o.headerName + "' is not a C identifier";
  // The outputs before the run, so that it cannot end in a failed write.
  for (const auto& [option, path] :
       {std::pair<std::string, std::string>{"--out", o.out}, {"--sheet", o.sheet}, {"--header", o.header}}) {
    const std::string problem = path.empty() ? "" : checkFileWritable(path, option);
    if (!problem.empty()) return problem;
  }
  if (!o.sheet.empty() && !endsWith(o.sheet, ".png")) return "--sheet " + o.sheet + ": the contact sheet is a .png";
  if (!o.header.empty() && !endsWith(o.header, ".h")) return "--header " + o.header + ": the C header is a .h";
  return "";
}

nlohmann::json lossJson(const FilterLossTerms& t) {
  return {{"l2", t.l2}, {"nonneg", t.nonneg}, {"zeros", t.zeros}, {"total", t.total}};
}

nlohmann::json errorJson(const ImageError& e) {
  nlohmann::json j = {{"rmse", e.rmse}, {"max_abs", e.maxAbs}};
  j["psnr_db"] = std::isfinite(e.psnr) ? nlohmann::json(e.psnr) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json filtersJson(const SeparableFilter& f) {
  nlohmann::json list = nlohmann::json::array();
  for (uint32_t r = 0; r < f.rank; ++r)
    list.push_back({{"horizontal", std::vector<double>(f.horizontal(r), f.horizontal(r) + f.width)},
                    {"vertical", std::vector<double>(f.vertical(r), f.vertical(r) + f.height)}});
  return list;
}

std::string lossText(const FilterLossTerms& t) {
  char text[128];
  // The names of the JSON report's loss objects.
  std::snprintf(text, sizeof text, "loss %.5g (l2 %.3g nonneg %.3g zeros %.3g)", t.total, t.l2, t.nonneg, t.zeros);
  return text;
}

int runFilter(FilterOptions& o) {
  std::string problem = validate(o);
  if (!problem.empty()) return fail(problem);

  FilterStudySettings s;
  std::string error;
  if (!o.kernelPath.empty()) {
    if (!loadKernelPng(o.kernelPath, &s.kernel, &error)) return fail(error);
  } else {
    s.kernel = makeDiskKernel(uint32_t(o.diameter));
  }
  problem = checkFilterShape(s.kernel.width, s.kernel.height, uint32_t(o.rank));
  if (!problem.empty()) return fail(problem);
  const bool sumScale = o.targetScale == "sum";
  if (sumScale) {
    const double scale = filterExportScale(s.kernel);
    for (double& v : s.kernel.values) v *= scale;
  }
  std::string imageName;
  if (!o.imagePath.empty()) {
    if (!loadImagePng(o.imagePath, &s.image, &error)) return fail(error);
    imageName = o.imagePath;
  } else {
    s.image = makeBokehTestImage(512, 384);
    imageName = "generated 512x384 test picture";
  }
  s.rank = uint32_t(o.rank);
  s.steps = uint32_t(o.steps);
  s.params.weights = {o.weightL2, o.weightNonneg, o.weightZeros};
  s.params.update.rule = kRules.at(o.optimizer);
  s.params.update.learningRate = o.learningRate;
  s.params.update.momentum = o.momentum;
  s.params.update.beta1 = o.beta1;
  s.params.update.beta2 = o.beta2;
  s.sweep = o.sweep;
  s.gamma = o.gamma;

  o.device.quiet = o.json || o.quiet;
  GpuContext* context = openContext(o.device);
  if (!context) return 1;
  const std::string deviceName = context->deviceName;
  ProgressBar bar(progressMode(o.quiet), "filter");
  FilterStudyResult r;
  const uint64_t runCount = s.sweep ? s.sweepNonneg.size() * s.sweepZeros.size() : 1;
  const uint64_t totalSteps = uint64_t(s.steps) * runCount;
  bar.update({"SVD start", 0, 0, 0, ""});
  const bool ok = runFilterStudy(
      context, s,
      [&](uint32_t run, uint32_t, uint64_t step, uint64_t steps, const FilterLossTerms& loss) {
        const uint64_t done = run * steps + step;
        const std::string phase = runCount > 1 ? "sweep steps" : "steps";
        bar.update({phase, totalSteps ? double(done) / double(totalSteps) : 1.0, done, totalSteps, lossText(loss)});
      },
      &r, &error);
  bar.finish();
  const int validationErrors = context->validationErrors;
  if (closeContext(context) != 0) return 1;
  if (!ok) return fail(error);
  if (validationErrors > 0) return 1;

  const double scale = filterExportScale(s.kernel);
  nlohmann::json report;
  report["tool"] = "specdither filter";
  report["version"] = SPECDITHER_VERSION_STRING;
  report["method"] = "Wronski 2020, Using JAX, numpy, and optimization techniques to improve separable image filters";
  report["device"] = deviceName;
  nlohmann::json kernel = {{"width", s.kernel.width}, {"height", s.kernel.height}};
  if (o.kernelPath.empty()) {
    kernel["type"] = "disk";
    kernel["diameter"] = o.diameter;
  } else {
    kernel["type"] = "png";
    kernel["path"] = o.kernelPath;
  }
  report["settings"] = {
      {"kernel", kernel},     {"rank", s.rank},
      {"steps", s.steps},     {"optimizer", o.optimizer},
      {"lr", o.learningRate}, {"weights", {{"l2", o.weightL2}, {"nonneg", o.weightNonneg}, {"zeros", o.weightZeros}}},
      {"sweep", s.sweep},     {"target_scale", o.targetScale},
      {"gamma", s.gamma},     {"image", imageName}};
  report["units"] = "loss terms: means over the kernel grid, target scaled to a " +
                    std::string(sumScale ? "sum" : "peak") +
                    " of 1; filters: 1D taps scaled so that sum_r vertical_r horizontal_r^T has unit DC gain (factor " +
                    std::to_string(scale) +
                    " on the 2D filter); blur errors: display values in [0,1] after gamma, vs the "
                    "exact 2D blur";
  std::vector<double> sv(r.singularValues.begin(),
                         r.singularValues.begin() + std::min<size_t>(16, r.singularValues.size()));
  report["singular_values"] = sv;
  report["svd"] = {{"filters", filtersJson(scaledFilter(r.svd, scale))}, {"blur_error", errorJson(r.svdBlurError)}};
  nlohmann::json runs = nlohmann::json::array();
  for (const FilterRun& run : r.runs) {
    runs.push_back({{"weights", {{"l2", run.weights.l2}, {"nonneg", run.weights.nonneg}, {"zeros", run.weights.zeros}}},
                    {"loss",
                     {{"svd", lossJson(run.svdLoss)},
                      {"optimized", lossJson(run.loss)},
                      {"optimized_cpu_check", lossJson(run.cpuCheck)}}},
                    {"blur_error", {{"svd", errorJson(r.svdBlurError)}, {"optimized", errorJson(run.blurError)}}},
                    {"seconds", run.seconds},
                    {"steps_per_second", run.seconds > 0 ? s.steps / run.seconds : 0.0},
                    {"filters", filtersJson(scaledFilter(run.filter, scale))}});
  }
  if (!s.sweep) {
    report["filters"] = runs[0]["filters"];
    report["loss"] = runs[0]["loss"];
    report["blur_error"] = runs[0]["blur_error"];
  }
  report["runs"] = runs;
  report["exact_blur_seconds"] = r.exactBlurSeconds;
  report["seconds"] = r.seconds;

  if (!o.sheet.empty() && !writeRgbPng(o.sheet, makeFilterSheet(s, r), &error)) return fail(error);
  if (!o.header.empty()) {
    char description[200];
    std::snprintf(description, sizeof description, "Weights l2 %g nonneg %g zeros %g, %u steps of %s at lr %g.",
                  double(o.weightL2), double(o.weightNonneg), double(o.weightZeros), s.steps, o.optimizer.c_str(),
                  double(o.learningRate));
    if (!writeFilterHeader(o.header, scaledFilter(r.runs[0].filter, scale), o.headerName, description, &error))
      return fail(error);
  }
  if (!writeFileAtomically(o.out, report.dump(2) + "\n", &error)) return fail(error);

  if (o.json) {
    std::printf("%s\n", report.dump(2).c_str());
  } else {
    for (const FilterRun& run : r.runs)
      if (!o.quiet)
        std::fprintf(stderr, "weights nonneg %.2g zeros %.2g: svd %s -> %s; blur rmse svd %.4f -> %.4f\n",
                     run.weights.nonneg, run.weights.zeros, lossText(run.svdLoss).c_str(), lossText(run.loss).c_str(),
                     r.svdBlurError.rmse, run.blurError.rmse);
    std::printf("wrote %s\n", o.out.c_str());
    if (!o.sheet.empty()) std::printf("wrote %s\n", o.sheet.c_str());
    if (!o.header.empty()) std::printf("wrote %s\n", o.header.c_str());
  }
  return 0;
}

}  // namespace

static CommandRegistration registration("filter", [](CLI::App& app) {
  auto options = std::make_shared<FilterOptions>();
  FilterOptions& o = *options;
  CLI::App* cmd = app.add_subcommand(
      "filter", "Approximate a disk (bokeh) kernel by R separable passes, optimized on the GPU (Wronski 2020)");
  CLI::Option* diameter = cmd->add_option("--diameter", o.diameter, "Disk diameter in pixels (3..512; default 50)");
  cmd->add_option("--kernel", o.kernelPath, "Target kernel from a grayscale PNG instead of a disk");
  cmd->add_option("--rank", o.rank, "Number of separable passes R (default 4)");
  cmd->add_option("--steps", o.steps, "Optimization steps (default 5000, as in the article)");
  cmd->add_option("--lr", o.learningRate, "Step size (default 0.1)");
  cmd->add_option("--w-l2", o.weightL2, "Weight of mean((F - K)^2) (default 1)");
  cmd->add_option("--w-nonneg", o.weightNonneg, "Weight of mean(-min(F, 0)) (default 0.5)");
  cmd->add_option("--w-zeros", o.weightZeros, "Weight of mean([K == 0] |F|) (default 0.3)");
  cmd->add_option("--optimizer", o.optimizer, "Update rule (default gd)")
      ->check(CLI::IsMember({"gd", "momentum", "adam"}));
  cmd->add_option("--momentum", o.momentum, "Momentum coefficient (--optimizer momentum)");
  cmd->add_option("--beta1", o.beta1, "Adam beta1");
  cmd->add_option("--beta2", o.beta2, "Adam beta2");
  cmd->add_option("--target-scale", o.targetScale,
                  "Units of the loss: peak (target scaled to a peak of 1, a 0/1 disk; default) or sum (sum 1)")
      ->check(CLI::IsMember({"peak", "sum"}));
  cmd->add_option("--image", o.imagePath, "Picture to blur (PNG; default: a generated test picture)");
  cmd->add_option("--gamma", o.gamma, "Gamma of the blur comparison (default 8, as in the article)");
  cmd->add_option("--out", o.out, "JSON report: the R pairs of 1D filters, settings, loss terms, blur errors");
  cmd->add_option("--sheet", o.sheet, "Contact sheet PNG: filters (negative taps red) and blurred images");
  cmd->add_option("--header", o.header, "C header with the optimized 1D filters");
  cmd->add_option("--header-name", o.headerName, "Identifier prefix in the header (default specdither_filter)");
  cmd->add_flag("--sweep", o.sweep, "Run the article's grid: w_nonneg in {0, 0.5, 1.5} x w_zeros in {0, 0.3, 0.8}");
  cmd->add_flag("--json", o.json, "Print the report on stdout too");
  cmd->add_flag("--quiet", o.quiet, "No progress on stderr");
  addDeviceOptions(cmd, o.device);
  return std::function<int()>([options, diameter] {
    options->diameterGiven = diameter->count() > 0;
    return runFilter(*options);
  });
});

}  // namespace specdither::cli
