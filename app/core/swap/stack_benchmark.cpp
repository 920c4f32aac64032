#include "specdither/stack_benchmark.h"

#include "hvs/stack_energy.h"
#include "specdither/stack_preset.h"
#include "specdither/swap_preset.h"
#include "swap/swap_internal.h"
#include "timing/elapsed_seconds.h"

#include <chrono>

namespace specdither {

namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

bool benchmarkStackSwaps(GpuContext* context, const MaskShape& shape, double minSeconds, bool withPreset,
                         StackBenchResult* result, std::string* error) {
  *result = StackBenchResult();
  result->shape = shape;
  const SwapParams params = defaultStackParams(shape, 1);
  SwapOptimizer* o = createSwapOptimizer(context, shape, params, error);
  if (!o) return false;
  // Random slices: every proposal's dE is then of the size a run meets at its start.
  const size_t n = shape.planeSize();
  std::vector<uint32_t> ranks;
  for (uint32_t s = 0; s < shape.slices; ++s) {
    const std::vector<uint32_t> slice = shuffledRanks(n, stackSliceSeed(7, s));
    ranks.insert(ranks.end(), slice.begin(), slice.end());
  }
  setSwapRanks(o, ranks);
  const float greedy = 0.0f;
  submitAndWait(context, [&](VkCommandBuffer cmd) { recordSwapPasses(cmd, o, 1, &greedy); });  // warm-up
  takeSwapStats(o);
  uint64_t proposed = 0;
  Clock::time_point start = Clock::now();
  while (secondsSince(start) < minSeconds) {
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordSwapPasses(cmd, o, 1, &greedy); });
    proposed += takeSwapStats(o).proposed;
  }
  result->gpuProposalsPerSecond = double(proposed) / secondsSince(start);

  // The CPU reference on the proposals of the next pass, against the current ranks and their fields.
  submitAndWait(context, [&](VkCommandBuffer cmd) { recordSwapEvaluation(cmd, o); });
  const std::vector<SwapProposal> proposals = readSwapProposals(o);
  const std::vector<uint32_t> current = readSwapRanks(o);
  const HvsEnergyModel& plane = swapEnergyModel(o);
  const StackTemporalModel* temporal = swapTemporalModel(o);
  const std::vector<double> fields = temporal ? stackTemporalFields(*temporal, current) : std::vector<double>();
  std::vector<std::vector<uint32_t>> slices(shape.slices);
  for (uint32_t s = 0; s < shape.slices; ++s) slices[s].assign(current.begin() + s * n, current.begin() + (s + 1) * n);
  result->cpuProposalsPerSecond = evaluationsPerSecond(proposals.size(), minSeconds, [&](size_t i) {
    const SwapProposal& p = proposals[i];
    const uint32_t slice = uint32_t(p.p / n), a = uint32_t(p.p % n), b = uint32_t(p.q % n);
    const double planar = hvsSwapDelta(plane, slices[slice], a, b);
    return temporal ? planar + stackTemporalSwapDelta(*temporal, fields, current, slice, a, b) : planar;
  });
  destroySwapOptimizer(o);

  if (withPreset) {
    start = Clock::now();
    const Mask mask = runDefaultPreset(context, shape, params, {}, error);
    if (mask.values.empty()) return false;
    result->presetSeconds = secondsSince(start);
    result->passes = params.passes;
  }
  return true;
}

}  // namespace specdither
