// `specdither bench`: speed figures (GPU vs a CPU reference in the same process). Not a test: it prints.
#include "specdither/sort_algorithm.h"
#include "specdither/baseline_masks.h"
#include "command.h"
#include "specdither/mask_metrics.h"
#include "device_options.h"
#include "progress_bar.h"
#include "specdither/filter/filter_bench.h"
#include "specdither/spectral_benchmark.h"
#include "specdither/spectral_optimizer.h"
#include "specdither/stack_benchmark.h"
#include "specdither/stack_preset.h"
#include "specdither/swap_preset.h"
#include "specdither/vector_benchmark.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <cstdio>

namespace specdither::cli {

namespace {

struct BenchOptions {
  std::vector<uint32_t> sizes = {16, 64, 256, 1024};
  std::vector<uint32_t> presetSizes = {64};  // the default (hvs) preset against void-and-cluster
  std::vector<std::string> stackSizes = {"64x64x16"};  // the stack preset (W x H x T)
  std::vector<std::string> vectorSizes = {"circle:64x64"};  // generate --values KIND (W x H or W x H x T)
  double seconds = 1.0;
  bool json = false;
  bool quiet = false;
  DeviceOptions device;
};

int runBench(BenchOptions& o) {
  for (const std::vector<uint32_t>* list : {&o.sizes, &o.presetSizes})
    for (uint32_t s : *list) {
      const std::string problem = checkMaskShape({s, s});
      if (!problem.empty()) return fail("bench: " + problem);
    }
  if (!(o.seconds > 0 && o.seconds < 600)) return fail("--seconds must be between 0 and 600");
  std::vector<MaskShape> stacks;
  for (const std::string& text : o.stackSizes) {
    MaskShape shape;
    unsigned w = 0, h = 0, t = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%ux%ux%u%c", &w, &h, &t, &tail) != 3 || t < 2)
      return fail("bench: --stack-sizes takes WxHxT with T >= 2, not '" + text + "'");
    shape = {w, h, t};
    const std::string problem = checkSwapParams(shape, defaultStackParams(shape, 1));
    if (!problem.empty()) return fail("bench: " + text + ": " + problem);
    stacks.push_back(shape);
  }
  struct VectorCase {
    VectorDomain domain;
    MaskShape shape;
  };
  std::vector<VectorCase> vectors;
  for (const std::string& text : o.vectorSizes) {
    const size_t colon = text.find(':');
    VectorCase c;
    unsigned w = 0, h = 0, t = 1;
    char tail = 0;
    const std::string size = colon == std::string::npos ? "" : text.substr(colon + 1);
    const bool stack = std::sscanf(size.c_str(), "%ux%ux%u%c", &w, &h, &t, &tail) == 3;
    const bool plane = !stack && std::sscanf(size.c_str(), "%ux%u%c", &w, &h, &tail) == 2;
    if (colon == std::string::npos || !parseVectorDomain(text.substr(0, colon), &c.domain) || !(stack || plane))
      return fail("bench: --vector-sizes takes KIND:WxH or KIND:WxHxT (KIND vec2, circle, sphere or "
                  "hemisphere-cosine), not '" + text + "'");
    c.shape = {w, h, stack ? t : 1};
    const std::string problem = checkVectorSwapParams(c.shape, defaultVectorSwapParams(c.domain, c.shape));
    if (!problem.empty()) return fail("bench: " + text + ": " + problem);
    vectors.push_back(c);
  }
  o.device.quiet = o.json || o.quiet;
  GpuContext* context = openContext(o.device);
  if (!context) return 1;
  // One phase per measurement: the spectral step at each size, the preset race at each size, each stack, each vector
  // mask, the filter study.
  ProgressBar bar(progressMode(o.quiet), "bench");
  const uint64_t measurements = o.sizes.size() + o.presetSizes.size() + stacks.size() + vectors.size() + 1;
  uint64_t measured = 0;
  auto measuring = [&](const std::string& what) {
    bar.update({"measuring", double(measured) / double(measurements), measured, measurements, what});
    ++measured;
  };
  // The table goes to stdout between measurements; the bar's line is ended first on a terminal.
  auto printRow = [&](const char* format, auto... values) {
    bar.clearLine();
    std::printf(format, values...);
    std::fflush(stdout);
  };
  const char* sort = sortAlgorithmName(resolveSortAlgorithm(context, SortAlgorithm::Auto));
  nlohmann::json report = {{"device", context->deviceName}, {"histogram_sort", sort}};
  if (!o.json) {
    printRow("\nwronski2020 step (FFT + loss + %s sort + update), steps/s:\n", sort);
    // The CPU column: the double-precision reference step (spectral_reference.h) on FFTW, one core.
    printRow("%10s %12s %12s %9s %14s %14s %10s %9s\n", "size", "GPU", "CPU f64 FFTW", "GPU/CPU", "FFT pairs/s",
             "step/FFTpair", "GPU MiB", "dispatch");
  }
  // On a CPU device the small sizes run as `generate` runs them: on a second context whose dispatches run
  // inline on the submitting thread (spectralStepPrefersInlineDispatch).
  const bool cpuDevice = context->properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
  GpuContext* inlineContext = nullptr;
  for (uint32_t s : o.sizes) {
    GpuContext* stepContext = context;
    if (cpuDevice && !context->inlineCpuDispatch && spectralStepPrefersInlineDispatch({s, s})) {
      if (!inlineContext) {
        DeviceOptions quiet = o.device;
        quiet.quiet = true;
        inlineContext = openContext(quiet, true);
        if (!inlineContext) {
          closeContext(context);
          return 1;
        }
      }
      stepContext = inlineContext;
    }
    const char* dispatch = !cpuDevice ? "-" : (stepContext->inlineCpuDispatch ? "inline" : "pool");
    measuring("spectral step " + std::to_string(s) + "x" + std::to_string(s));
    SpectralBenchResult r = benchmarkSpectralStep(stepContext, {s, s}, o.seconds);
    const double ratio = r.cpuStepsPerSecond > 0 ? r.gpuStepsPerSecond / r.cpuStepsPerSecond : 0;
    const double fftCost = r.stepCostInFftPairs;
    report["spectral_step"].push_back({{"size", s},
                                       {"gpu_steps_per_second", r.gpuStepsPerSecond},
                                       {"cpu_steps_per_second", r.cpuStepsPerSecond},
                                       {"gpu_over_cpu", ratio},
                                       {"fft_pairs_per_second", r.gpuFftPairsPerSecond},
                                       {"step_cost_in_fft_pairs", fftCost},
                                       {"gpu_memory_bytes", r.gpuMemoryBytes},
                                       {"dispatch", dispatch}});
    if (!o.json) {
      printRow("%10s %12.1f %12.2f %8.1fx %14.1f %14.2f %10.1f %9s\n",
               (std::to_string(s) + "x" + std::to_string(s)).c_str(), r.gpuStepsPerSecond, r.cpuStepsPerSecond, ratio,
               r.gpuFftPairsPerSecond, fftCost, double(r.gpuMemoryBytes) / (1024.0 * 1024.0), dispatch);
    }
  }
  const int inlineStatus = inlineContext ? closeContext(inlineContext) : 0;
  if (!o.json)
    printRow(
        "\ndefault preset (hvs: void-and-cluster sigma 1.5 start + GPU swap descent) vs void-and-cluster (CPU, sigma "
        "1.9), same run:\n"
        "%10s %10s %10s %12s %12s %12s %12s %10s %10s\n",
        "size", "hvs s", "vac s", "hvs dB s1", "vac dB s1", "hvs dB s1.5", "vac dB s1.5", "hvs leak", "vac leak");
  for (uint32_t s : o.presetSizes) {
    using Clock = std::chrono::steady_clock;
    std::string error;
    measuring("hvs vs vac " + std::to_string(s) + "x" + std::to_string(s));
    Clock::time_point start = Clock::now();
    Mask hvs = runDefaultPreset(context, {s, s}, defaultSwapParams({s, s}, 1), {}, &error);
    const double hvsSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    start = Clock::now();
    Mask vac = generateBaseline(BaselineMethod::VoidAndCluster, {s, s}, 1, 0, &error);
    const double vacSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (hvs.values.empty() || vac.values.empty()) return fail(error);
    auto figures = [](const Mask& m) {
      std::map<std::string, double> f;
      for (const MetricFigure& figure : metricSummary(computeMaskMetrics(m))) f[figure.key] = figure.value;
      return f;
    };
    auto h = figures(hvs), v = figures(vac);
    report["default_preset"].push_back(
        {{"size", s}, {"hvs_seconds", hvsSeconds}, {"vac_seconds", vacSeconds}, {"hvs", h}, {"vac", v}});
    if (!o.json)
      printRow("%10s %10.2f %10.3f %12.2f %12.2f %12.2f %12.2f %10.3f %10.3f\n",
               (std::to_string(s) + "x" + std::to_string(s)).c_str(), hvsSeconds, vacSeconds, h["hvs_db_sigma_1"],
               v["hvs_db_sigma_1"], h["hvs_db_sigma_1.5"], v["hvs_db_sigma_1.5"], h["lf_leakage"], v["lf_leakage"]);
  }
  if (!o.json && !stacks.empty())
    printRow("\nstack preset (hvs --slices, temporal ema:0.1): GPU swap passes vs CPU f64 dE of the same proposals, "
             "and the whole run:\n%12s %16s %16s %9s %8s %10s\n",
             "size", "GPU proposals/s", "CPU proposals/s", "GPU/CPU", "passes", "preset s");
  for (const MaskShape& shape : stacks) {
    measuring("stack " + toString(shape));
    StackBenchResult r;
    std::string error;
    if (!benchmarkStackSwaps(context, shape, o.seconds, true, &r, &error)) return fail(error);
    const double ratio = r.cpuProposalsPerSecond > 0 ? r.gpuProposalsPerSecond / r.cpuProposalsPerSecond : 0;
    report["stack_preset"].push_back({{"size", toString(shape)},
                                      {"gpu_proposals_per_second", r.gpuProposalsPerSecond},
                                      {"cpu_proposals_per_second", r.cpuProposalsPerSecond},
                                      {"gpu_over_cpu", ratio},
                                      {"passes", r.passes},
                                      {"preset_seconds", r.presetSeconds}});
    if (!o.json)
      printRow("%12s %16.0f %16.0f %8.1fx %8u %10.1f\n", toString(shape).c_str(), r.gpuProposalsPerSecond,
               r.cpuProposalsPerSecond, ratio, r.passes, r.presetSeconds);
  }
  if (!o.json && !vectors.empty())
    printRow("\nvector masks (generate --values, default passes): GPU swap passes vs CPU f64 dE of the same "
             "proposals, and the whole run:\n%18s %12s %16s %16s %9s %8s %10s\n",
             "values", "size", "GPU proposals/s", "CPU proposals/s", "GPU/CPU", "passes", "run s");
  for (const VectorCase& c : vectors) {
    const std::string size = toString(c.shape);
    measuring(std::string(vectorDomainName(c.domain)) + " " + size);
    VectorBenchResult r;
    std::string error;
    if (!benchmarkVectorSwaps(context, c.domain, c.shape, o.seconds, true, &r, &error)) return fail(error);
    const double ratio = r.cpuProposalsPerSecond > 0 ? r.gpuProposalsPerSecond / r.cpuProposalsPerSecond : 0;
    report["vector_swap"].push_back({{"values", vectorDomainName(c.domain)},
                                     {"size", size},
                                     {"gpu_proposals_per_second", r.gpuProposalsPerSecond},
                                     {"cpu_proposals_per_second", r.cpuProposalsPerSecond},
                                     {"gpu_over_cpu", ratio},
                                     {"passes", r.passes},
                                     {"run_seconds", r.runSeconds}});
    if (!o.json)
      printRow("%18s %12s %16.0f %16.0f %8.1fx %8u %10.1f\n", vectorDomainName(c.domain), size.c_str(),
               r.gpuProposalsPerSecond, r.cpuProposalsPerSecond, ratio, r.passes, r.runSeconds);
  }
  measuring("separable filter D=50 R=4");
  FilterBenchResult filter = benchmarkFilterOptimizer(context, 50, 4, o.seconds);
  report["separable_filter"] = {{"diameter", 50},
                                {"rank", 4},
                                {"gpu_steps_per_second", filter.gpuStepsPerSecond},
                                {"cpu_steps_per_second", filter.cpuStepsPerSecond}};
  if (!o.json)
    printRow("\nseparable filter study (D=50, R=4) steps/s: GPU %.0f, CPU (f64) %.0f, GPU/CPU %.2fx\n",
             filter.gpuStepsPerSecond, filter.cpuStepsPerSecond,
             filter.cpuStepsPerSecond > 0 ? filter.gpuStepsPerSecond / filter.cpuStepsPerSecond : 0.0);
  bar.finish();
  if (o.json) std::printf("%s\n", report.dump(2).c_str());
  return std::max(inlineStatus, closeContext(context));
}

}  // namespace

static CommandRegistration registration("bench", [](CLI::App& app) {
  auto options = std::make_shared<BenchOptions>();
  CLI::App* cmd = app.add_subcommand("bench", "Print speed figures: GPU vs CPU reference in the same run");
  cmd->add_option("--sizes", options->sizes, "Square sizes of the spectral-step benchmark")->delimiter(',');
  cmd->add_option("--preset-sizes", options->presetSizes, "Square sizes of the default-preset race")->delimiter(',');
  cmd->add_option("--stack-sizes", options->stackSizes,
                  "Stacks WxHxT of the stack-preset benchmark (default 64x64x16; the issue's goals: 64x64x16 <= 15 s, "
                  "128x128x32 <= 2 min, 128x128x64 <= 5 min on lavapipe)")
      ->delimiter(',');
  cmd->add_option("--vector-sizes", options->vectorSizes,
                  "Vector masks KIND:WxH or KIND:WxHxT of the vector benchmark (generate --values with its default "
                  "passes; default circle:64x64)")
      ->delimiter(',');
  cmd->add_option("--seconds", options->seconds, "Minimum time per measurement");
  cmd->add_flag("--json", options->json, "Print JSON");
  cmd->add_flag("--quiet", options->quiet, "No progress on stderr");
  addDeviceOptions(cmd, options->device);
  return std::function<int()>([options] { return runBench(*options); });
});

}  // namespace specdither::cli
