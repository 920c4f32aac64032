#include "specdither/vector_benchmark.h"

#include "timing/elapsed_seconds.h"

#include <chrono>

namespace specdither {

namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

bool benchmarkVectorSwaps(GpuContext* context, VectorDomain domain, const MaskShape& shape, double minSeconds,
                          bool withRun, VectorBenchResult* result, std::string* error) {
  *result = VectorBenchResult();
  result->domain = domain;
  result->shape = shape;
  const VectorSwapParams params = defaultVectorSwapParams(domain, shape);
  VectorSwapOptimizer* o = createVectorSwapOptimizer(context, shape, params, error);
  if (!o) return false;
  // The proposals of one pass (readVectorSwapProposals holds one entry each).
  submitAndWait(context, [&](VkCommandBuffer cmd) { recordVectorSwapEvaluation(cmd, o); });
  const std::vector<VectorSwapProposal> proposals = readVectorSwapProposals(o);
  std::vector<VectorValue> values;
  for (uint32_t i : readVectorSwapIndices(o)) values.push_back(vectorSwapValues(o)[i]);

  submitAndWait(context, [&](VkCommandBuffer cmd) { recordVectorSwapPasses(cmd, o, 1, 0.0f); });  // warm-up
  uint64_t passes = 0;
  Clock::time_point start = Clock::now();
  while (secondsSince(start) < minSeconds) {
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordVectorSwapPasses(cmd, o, 1, 0.0f); });
    ++passes;
  }
  result->gpuProposalsPerSecond = double(passes * proposals.size()) / secondsSince(start);
  destroyVectorSwapOptimizer(o);

  // The CPU reference on the first pass' proposals, against the state they were proposed on.
  const std::vector<VectorFilterTap> taps =
      vectorFilterTaps(shape.width, shape.height, shape.slices,
                       vectorStackFilterTable(shape.width, shape.height, shape.slices, params.sigma,
                                              params.radiusInStd, params.temporal, params.temporalWeight));
  result->cpuProposalsPerSecond = evaluationsPerSecond(proposals.size(), minSeconds, [&](size_t i) {
    return vectorSwapDelta(domain, shape.width, shape.height, shape.slices, taps, values, proposals[i].p,
                           proposals[i].q, params.distancePower);
  });

  if (withRun) {
    start = Clock::now();
    const Mask mask = runVectorSwap(context, shape.width, shape.height, params, shape.slices);
    if (mask.values.empty()) return *error = "the vector run made no mask", false;
    result->runSeconds = secondsSince(start);
    result->passes = params.passes;
  }
  return true;
}

}  // namespace specdither
