// `specdither generate --values KIND`: a vector-valued mask for sampling (vector_swap_optimizer.h). Every check
// runs before any GPU work (resolveVectorOptions).
#include "command.h"
#include "device_options.h"
#include "generate_options.h"

#include "specdither/vector_mask_io.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace specdither::cli {

int runGenerateValues(const GenerateOptionRules& rules, GenerateOptions& o) {
  MaskShape shape;
  VectorSwapParams params;
  const std::string problem = resolveVectorOptions(rules, o, &shape, &params);
  if (!problem.empty()) return fail(problem);
  o.device.quiet = o.json || o.quiet;
  GpuContext* context = openContext(o.device);
  if (!context) return 1;
  const std::string deviceName = context->deviceName;
  const auto start = std::chrono::steady_clock::now();
  Mask mask;
  std::string error;
  try {
    mask = runVectorSwap(context, shape.width, shape.height, params, shape.slices);
  } catch (const std::invalid_argument& e) {
    error = e.what();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const int validationErrors = context->validationErrors;
  if (closeContext(context) != 0) return 1;
  if (!error.empty()) return fail(error);
  if (validationErrors > 0) return 1;
  const std::map<std::string, std::string> metadata = {{"method", "vector-swap"},
                                                       {"size", toString(shape)},
                                                       {"seed", std::to_string(params.seed)},
                                                       {"sigma", std::to_string(params.sigma)},
                                                       {"passes", std::to_string(params.passes)}};
  if (!writeVectorMask(mask, params.domain, o.out, o.bits, metadata, &error)) return fail(error);
  if (o.json) {
    nlohmann::json summary = {{"values", vectorDomainName(params.domain)},
                              {"passes", params.passes},
                              {"seconds", seconds},
                              {"device", deviceName},
                              {"width", shape.width},
                              {"height", shape.height},
                              {"seed", params.seed},
                              {"output", o.out}};
    std::printf("%s\n", summary.dump(2).c_str());
  } else {
    if (!o.quiet)
      std::fprintf(stderr, "%s values: %u swap passes in %.1f s\n", vectorDomainName(params.domain), params.passes,
                   seconds);
    std::printf("wrote %s\n", o.out.c_str());
  }
  return 0;
}

}  // namespace specdither::cli
