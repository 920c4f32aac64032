// `specdither generate --values KIND`: a vector-valued mask for sampling (vector_swap_optimizer.h). Every check
// runs before any GPU work (resolveVectorOptions).
#include "command.h"
#include "device_options.h"
#include "generate_options.h"

#include "specdither/vector_mask_io.h"
#include "specdither/vector_stack_baselines.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace specdither::cli {

int runGenerateValues(const GenerateOptionRules& rules, GenerateOptions& o) {
  VectorRun run;
  const std::string problem = resolveVectorOptions(rules, o, &run);
  if (!problem.empty()) return fail(problem);
  const MaskShape& shape = run.shape;
  const VectorSwapParams& params = run.params;
  const bool swaps = run.method != "white";
  const auto start = std::chrono::steady_clock::now();
  Mask mask;
  std::string deviceName = "none (CPU)", error;
  if (swaps) {
    o.device.quiet = o.json || o.quiet;
    GpuContext* context = openContext(o.device);
    if (!context) return 1;
    deviceName = context->deviceName;
    try {
      // golden-ratio: the 2D mask it animates; independent: the stack with temporal weight 0 (resolveVectorOptions)
      const uint32_t slices = run.method == kStackGoldenRatio ? 1 : shape.slices;
      mask = runVectorSwap(context, shape.width, shape.height, params, slices);
      if (run.method == kStackGoldenRatio) mask = goldenRatioVectorStack(mask, params.domain, shape.slices);
    } catch (const std::invalid_argument& e) {
      error = e.what();
    }
    const int validationErrors = context->validationErrors;
    if (closeContext(context) != 0) return 1;
    if (!error.empty()) return fail(error);
    if (validationErrors > 0) return 1;
  } else {
    mask = whiteVectorMask(params.domain, shape, params.seed);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::map<std::string, std::string> metadata = {{"method", run.method == "optimize" ? "vector-swap" : run.method},
                                                 {"size", toString(shape)},
                                                 {"seed", std::to_string(params.seed)}};
  if (swaps) {
    metadata["sigma"] = std::to_string(params.sigma);
    metadata["passes"] = std::to_string(params.passes);
    metadata["distance_power"] = std::to_string(params.distancePower);
  }
  if (shape.slices > 1 && run.method == "optimize") {
    metadata["temporal"] = toString(params.temporal);
    metadata["temporal_weight"] = std::to_string(params.temporalWeight);
  }
  if (!writeVectorMask(mask, params.domain, o.out, o.bits, metadata, &error)) return fail(error);
  if (o.json) {
    nlohmann::json summary = {{"values", vectorDomainName(params.domain)},
                              {"method", run.method},
                              {"passes", swaps ? params.passes : 0},
                              {"distance_power", params.distancePower},
                              {"seconds", seconds},
                              {"device", deviceName},
                              {"width", shape.width},
                              {"height", shape.height},
                              {"slices", shape.slices},
                              {"seed", params.seed},
                              {"output", o.out}};
    std::printf("%s\n", summary.dump(2).c_str());
  } else {
    if (!o.quiet && swaps)
      std::fprintf(stderr, "%s values: %u swap passes in %.1f s\n", vectorDomainName(params.domain), params.passes,
                   seconds);
    std::printf("wrote %s\n", o.out.c_str());
  }
  return 0;
}

}  // namespace specdither::cli
