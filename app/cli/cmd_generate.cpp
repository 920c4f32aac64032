// `specdither generate`: makes a mask (an optimized preset or a baseline) and writes it by extension. Every check
// of the options and of the output runs before any work (generate_options.h); the run shows its progress.
#include "command.h"
#include "device_options.h"
#include "generate_options.h"
#include "specdither/sampling_snippet.h"
#include "progress_bar.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>

namespace specdither::cli {

namespace {

nlohmann::json lossJson(const SpectralLoss& l) {
  return {{"total", l.total},
          {"uniformity", l.uniformity},
          {"histogram", l.histogram},
          {"low_frequency", l.lowFrequency},
          {"step", l.step}};
}

// A float as its shortest decimal (0.7, not the 0.699999988 it widens to).
double decimalOf(float value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.7g", value);
  return std::strtod(text, nullptr);
}

// The --json summary and the one line on stderr, by method. The loss terms carry the JSON's names.
void describe(const GenerateResult& r, nlohmann::json* summary, std::string* line) {
  char text[300];
  if (r.method == kPresetWronski2020) {
    const double total = double(r.steps + r.finetuneSteps);
    *summary = {{"preset", r.method},
                {"steps", r.steps},
                {"finetune_steps", r.finetuneSteps},
                {"seconds", r.seconds},
                {"steps_per_second", r.seconds > 0 ? total / r.seconds : 0.0},
                {"final_loss", lossJson(r.spectral.finalLoss)},
                {"finetune_loss", lossJson(r.spectral.finetuneLoss)},
                {"rollbacks", r.spectral.rollbacks},
                {"final_lr", decimalOf(r.spectral.finalLearningRate)}};
    const SpectralLoss& l = r.spectral.finalLoss;
    std::snprintf(text, sizeof text,
                  "%s: %llu steps + %llu fine-tune steps (histogram term only) in %.1f s, final loss %.4g "
                  "(uniformity %.3g histogram %.3g low_frequency %.3g), %u rollback%s, step size %.3g",
                  r.method.c_str(), (unsigned long long)r.steps, (unsigned long long)r.finetuneSteps, r.seconds,
                  l.total, l.uniformity, l.histogram, l.lowFrequency, r.spectral.rollbacks,
                  r.spectral.rollbacks == 1 ? "" : "s", r.spectral.finalLearningRate);
  } else if (r.method == kPresetHvs || r.method == kPresetAnnealing) {
    *summary = {{"preset", r.method}, {"passes", r.steps}, {"seconds", r.seconds}};
    std::snprintf(text, sizeof text, "%s: %llu swap passes in %.1f s", r.method.c_str(), (unsigned long long)r.steps,
                  r.seconds);
  } else {
    *summary = {{"method", r.method}, {"seconds", r.seconds}};
    std::snprintf(text, sizeof text, "%s in %.2f s", r.method.c_str(), r.seconds);
  }
  *line = text;
}

int runGenerate(const GenerateOptionRules& rules, GenerateOptions& o) {
  if (!o.values.empty()) return runGenerateValues(rules, o);
  GenerateSettings settings;
  MaskExportOptions exportOptions;
  const std::string problem = resolveGenerateOptions(rules, o, &settings, &exportOptions);
  if (!problem.empty()) return fail(problem);
  GenerateResult result;
  std::string error, deviceName = "cpu";
  GpuContext* context = nullptr;
  if (generateNeedsGpu(settings)) {
    o.device.quiet = o.json || o.quiet;
    context = openContext(o.device, generatePrefersInlineDispatch(settings));
    if (!context) return 1;
    deviceName = context->deviceName;
  }
  bool ok;
  {
    // Ended before anything else is printed (an error line must not share the bar's line).
    ProgressBar bar(progressMode(o.quiet), "generate");
    auto report = [&](const GenerateProgress& p) { bar.update({p.phase, p.fraction, p.done, p.total, p.detail}); };
    ok = generateMask(context, settings, report, &result, &error);
  }
  const int validationErrors = context ? context->validationErrors : 0;
  if (context && closeContext(context) != 0) return 1;
  if (!ok) return fail(error);
  if (validationErrors > 0) return 1;  // closeContext said so; write nothing a buggy run produced
  // What writeMask notes (an explicit --bits that cannot keep every value apart, which is what the user asked
  // for; a large source table) is said once, with the result, not as a warning.
  std::string note;
  exportOptions.warning = &note;
  if (!writeMask(result.mask, o.out, exportOptions, &error)) return fail(error);
  if (!o.snippet.empty() && !writeSamplingSnippet(result.mask, o.out, exportOptions, o.snippet, &error))
    return fail(error);
  nlohmann::json summary;
  std::string line;
  describe(result, &summary, &line);
  if (o.json) {
    summary["device"] = deviceName;
    summary["width"] = settings.shape.width;
    summary["height"] = settings.shape.height;
    summary["seed"] = settings.seed;
    summary["output"] = o.out;
    if (!note.empty()) summary["output_note"] = note;
    std::printf("%s\n", summary.dump(2).c_str());
  } else {
    if (!o.quiet) std::fprintf(stderr, "%s\n", line.c_str());
    std::printf("wrote %s%s\n", o.out.c_str(), note.empty() ? "" : ("; " + note).c_str());
  }
  return 0;
}

}  // namespace

static CommandRegistration registration("generate", [](CLI::App& app) {
  auto options = std::make_shared<GenerateOptions>();
  CLI::App* cmd = app.add_subcommand("generate", "Optimize a tileable dither mask and write it");
  std::shared_ptr<GenerateOptionRules> rules = addGenerateOptions(cmd, options.get());
  return std::function<int()>([options, rules] { return runGenerate(*rules, *options); });
});

}  // namespace specdither::cli
