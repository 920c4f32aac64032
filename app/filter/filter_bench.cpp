#include "specdither/filter/filter_bench.h"

#include "specdither/filter/filter_optimizer.h"
#include "specdither/filter/filter_reference.h"
#include "specdither/filter/filter_svd.h"

#include <algorithm>
#include <chrono>

namespace specdither {

FilterBenchResult benchmarkFilterOptimizer(GpuContext* c, uint32_t diameter, uint32_t rank, double seconds,
                                           uint32_t stepsPerSubmit) {
  using clock = std::chrono::steady_clock;
  FilterBenchResult result;
  result.diameter = diameter;
  result.rank = rank;
  const FilterKernel k = makeDiskKernel(diameter);
  if (!checkFilterShape(k.width, k.height, rank).empty()) return result;
  const SeparableFilter svd = svdSeparableFilter(k, rank);
  FilterOptimizerParams params;
  params.weights = {1.0f, 0.5f, 0.3f};
  const uint32_t batch = std::max(1u, stepsPerSubmit);

  std::string error;
  FilterOptimizer* o = createFilterOptimizer(c, k, svd, params, &error);
  if (o) {
    submitAndWait(c, [&](VkCommandBuffer cmd) { recordFilterSteps(cmd, o, batch); });  // warm-up
    const auto start = clock::now();
    do {
      submitAndWait(c, [&](VkCommandBuffer cmd) { recordFilterSteps(cmd, o, batch); });
      result.gpuSteps += batch;
      result.gpuSeconds = std::chrono::duration<double>(clock::now() - start).count();
    } while (result.gpuSeconds < seconds);
    result.gpuStepsPerSecond = result.gpuSteps / result.gpuSeconds;
    destroyFilterOptimizer(o);
  }

  CpuFilterOptimizer cpu = makeCpuFilterOptimizer(k, svd);
  const uint32_t cpuBatch = 50;
  cpuFilterSteps(cpu, params.weights, params.update, cpuBatch);  // warm-up
  const auto start = clock::now();
  do {
    cpuFilterSteps(cpu, params.weights, params.update, cpuBatch);
    result.cpuSteps += cpuBatch;
    result.cpuSeconds = std::chrono::duration<double>(clock::now() - start).count();
  } while (result.cpuSeconds < seconds);
  result.cpuStepsPerSecond = result.cpuSteps / result.cpuSeconds;
  return result;
}

}  // namespace specdither
