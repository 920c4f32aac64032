// `specdither generate`'s options: their registration, which preset or method each belongs to, and every check
// of what the user gave, turned into the core's GenerateSettings before any work (the output file included).
#pragma once

#include "device_options.h"
#include "specdither/generate.h"
#include "specdither/mask_io.h"
#include "specdither/vector_swap_optimizer.h"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace specdither::cli {

struct GenerateOptions {
  int64_t size = 0, width = 0, height = 0;
  std::string method = "optimize";
  std::string preset = kPresetHvs;
  std::string presetFile;  // a preset file (preset_file.h): the base that the options given override
  uint64_t seed = 1;
  // wronski2020
  int64_t steps = -1;  // -1: the preset's
  SpectralLossParams params;
  std::string optimizer = "gd";
  std::string histogram = "uniform";
  bool noRandomScaling = false;
  // hvs / annealing
  int64_t passes = -1;  // -1: the preset's
  std::vector<double> sigmas, sigmaWeights;
  double startSigma = 0, temperature = 0;
  int64_t reweightInterval = 0;
  // stacks
  int64_t slices = 1;
  std::string temporal = "ema:0.1";
  double temporalWeight = 0;
  // colour masks (docs/method.md §11)
  int64_t channels = 1;
  double channelCoupling = 1.0;
  int64_t refineSweeps = 0;
  // baselines
  double sigma = 0;  // 0 = the method's default
  // vector-valued masks (--values; docs/method.md §10)
  std::string values;
  double distancePower = 1;  // --distance-power, when given, replaces the domain's default
  // output
  int bits = 0;
  std::string out;
  std::string snippet;  // --snippet: a GLSL sampling snippet beside the output (sampling_snippet.h)
  bool json = false;
  bool quiet = false;
  DeviceOptions device;
};

// Registers the options on cmd. The returned object knows which were given (after parsing) and which preset or
// method each belongs to; keep it alive with the options.
class GenerateOptionRules;
std::shared_ptr<GenerateOptionRules> addGenerateOptions(CLI::App* cmd, GenerateOptions* options);

// Everything checked before any work, in this order: the size, the preset file (read and checked here), which
// options apply to the chosen method, the numbers given, the core's checkGenerateSettings, the output
// (checkMaskOutput). Fills *settings and *exportOptions and returns "", or returns the one-line reason.
//
// The settings start from the chosen preset's defaults, or from --preset-file's (its preset, size, seed and
// knobs; the size is then optional), and every option given replaces its part of them.
std::string resolveGenerateOptions(const GenerateOptionRules& rules, const GenerateOptions& options,
                                   GenerateSettings* settings, MaskExportOptions* exportOptions);

// --values: the size, the method (the optimizer, or a baseline: white, and for stacks golden-ratio or independent;
// vector_stack_baselines.h), that every option given applies to it (--seed, --passes, --temperature, --sigma,
// --slices, --temporal, --bits, the output and the device), the numbers, and the output (checkVectorMaskOutput).
// "" or the reason.
struct VectorRun {
  MaskShape shape;          // the mask written
  VectorSwapParams params;  // the swap stage's (golden-ratio: of its 2D mask; independent: temporal weight 0)
  std::string method;       // "optimize", "white", "golden-ratio" or "independent"
};
std::string resolveVectorOptions(const GenerateOptionRules& rules, const GenerateOptions& options, VectorRun* run);
// `generate --values`: resolveVectorOptions, then the vector swap stage and the write (generate_values.cpp).
int runGenerateValues(const GenerateOptionRules& rules, GenerateOptions& options);

}  // namespace specdither::cli
