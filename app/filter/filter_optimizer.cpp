#include "specdither/filter/filter_optimizer.h"

#include "specdither/compute_kernel.h"
#include "filter_shared.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace specdither {

struct FilterOptimizer {
  GpuContext* context = nullptr;
  FilterKernel target;
  uint32_t rank = 0;
  uint32_t paramCount = 0;
  FilterOptimizerParams params;
  uint64_t steps = 0;
  ComputeKernel gradientKernel;
  ComputeKernel lossKernel;
  GradientUpdater updater;
  GpuBuffer taps;   // current parameters
  GpuBuffer start;  // the starting parameters, for recordFilterReset
  GpuBuffer gradient;
  GpuBuffer targetBuffer;
  GpuBuffer loss;  // host-visible: l2, nonneg, zeros, total
};

namespace {

gpu::FilterLossPush lossPush(const FilterOptimizer* o) {
  gpu::FilterLossPush p = {};
  p.width = o->target.width;
  p.height = o->target.height;
  p.rank = o->rank;
  p.weightL2 = o->params.weights.l2;
  p.weightNonneg = o->params.weights.nonneg;
  p.weightZeros = o->params.weights.zeros;
  p.invCount = float(1.0 / double(o->target.count()));
  return p;
}

// The passes' loops per invocation (loopsFitDevice): filter_gradient.comp runs max(H, W) x (R + 1),
// filter_loss.comp ceil(H W / 256) x (R + 1) + 8 (its one workgroup's tree). "" when both fit.
std::string loopProblem(const GpuContext* c, uint32_t width, uint32_t height, uint32_t rank) {
  const uint64_t outer = std::max<uint64_t>(
      {width, height, (uint64_t(width) * height + SD_FILTER_LOSS_GROUP - 1) / SD_FILTER_LOSS_GROUP});
  if (loopsFitDevice(c, outer * (rank + 1) + 8)) return "";
  const uint64_t largestRank = (kCpuDeviceLoopBudget - 8) / outer - 1;
  return "rank " + std::to_string(rank) + " at " + std::to_string(width) + "x" + std::to_string(height) + " " +
         cpuDeviceLoopLimitNote() + ": use a rank up to " + std::to_string(largestRank) + " there, or a GPU";
}

}  // namespace

FilterOptimizer* createFilterOptimizer(GpuContext* c, const FilterKernel& target, const SeparableFilter& init,
                                       const FilterOptimizerParams& params, std::string* error) {
  std::string problem = checkFilterShape(target.width, target.height, init.rank);
  if (problem.empty()) problem = loopProblem(c, target.width, target.height, init.rank);
  if (!problem.empty()) {
    *error = problem;
    return nullptr;
  }
  if (init.width != target.width || init.height != target.height ||
      init.params.size() != size_t(init.rank) * (init.width + init.height) || target.values.size() != target.count()) {
    *error = "the starting filter does not match the target kernel's size";
    return nullptr;
  }
  FilterOptimizer* o = new FilterOptimizer;
  o->context = c;
  o->target = target;
  o->rank = init.rank;
  o->paramCount = uint32_t(init.params.size());
  o->params = params;
  o->gradientKernel = createKernel(c, "filter_gradient", 3, sizeof(gpu::FilterLossPush), SD_FILTER_GRADIENT_GROUP);
  o->lossKernel = createKernel(c, "filter_loss", 3, sizeof(gpu::FilterLossPush), SD_FILTER_LOSS_GROUP);
  o->updater = createGradientUpdater(c, o->paramCount);
  const VkDeviceSize bytes = VkDeviceSize(o->paramCount) * 4;
  o->taps = createBuffer(c, bytes, MemoryKind::DeviceLocal);
  o->start = createBuffer(c, bytes, MemoryKind::DeviceLocal);
  o->gradient = createBuffer(c, bytes, MemoryKind::DeviceLocal);
  o->targetBuffer = createBuffer(c, VkDeviceSize(target.count()) * 4, MemoryKind::DeviceLocal);
  o->loss = createBuffer(c, 4 * sizeof(float), MemoryKind::HostVisible);
  std::memset(o->loss.mapped, 0, 4 * sizeof(float));
  const std::vector<float> k(target.values.begin(), target.values.end());
  uploadBuffer(c, o->targetBuffer, k.data(), k.size() * 4);
  setFilter(o, init);
  return o;
}

void destroyFilterOptimizer(FilterOptimizer* o) {
  if (!o) return;
  GpuContext* c = o->context;
  destroyKernel(c, o->gradientKernel);
  destroyKernel(c, o->lossKernel);
  destroyGradientUpdater(c, o->updater);
  destroyBuffer(c, o->taps);
  destroyBuffer(c, o->start);
  destroyBuffer(c, o->gradient);
  destroyBuffer(c, o->targetBuffer);
  destroyBuffer(c, o->loss);
  delete o;
}

void setFilterOptimizerParams(FilterOptimizer* o, const FilterOptimizerParams& params) { o->params = params; }
const FilterOptimizerParams& filterOptimizerParams(const FilterOptimizer* o) { return o->params; }

void recordFilterSteps(VkCommandBuffer cmd, FilterOptimizer* o, uint32_t count) {
  const gpu::FilterLossPush push = lossPush(o);
  // Orders this batch after whatever wrote the taps before it (an earlier batch, an upload, a reset).
  recordComputeBarrier(cmd);
  for (uint32_t s = 0; s < count; ++s) {
    recordDispatch(cmd, o->gradientKernel, {&o->taps, &o->targetBuffer, &o->gradient}, push, o->paramCount);
    // The update reads the whole gradient, which every tap's thread of the dispatch above wrote.
    recordComputeBarrier(cmd);
    recordGradientUpdate(cmd, o->updater, o->params.update, o->taps, o->gradient);
    // The next gradient reads the updated taps (and overwrites the gradient the update read).
    recordComputeBarrier(cmd);
  }
  o->steps += count;
  recordDispatch(cmd, o->lossKernel, {&o->taps, &o->targetBuffer, &o->loss}, push, SD_FILTER_LOSS_GROUP);
  recordHostReadBarrier(cmd);
}

FilterLossTerms lastFilterLoss(const FilterOptimizer* o) {
  const float* l = static_cast<const float*>(o->loss.mapped);
  FilterLossTerms t;
  t.l2 = l[0];
  t.nonneg = l[1];
  t.zeros = l[2];
  t.total = l[3];
  return t;
}

uint64_t filterStepCount(const FilterOptimizer* o) { return o->steps; }

void recordFilterReset(VkCommandBuffer cmd, FilterOptimizer* o) {
  // Orders the copy after any step still reading or writing the taps.
  recordComputeBarrier(cmd);
  recordCopyBuffer(cmd, o->start, o->taps, o->taps.size);
  recordResetMoments(cmd, o->updater);
  recordComputeBarrier(cmd);
  o->steps = 0;
}

void setFilter(FilterOptimizer* o, const SeparableFilter& filter) {
  const std::vector<float> p = filterParamsAsFloat(filter);
  if (filter.rank != o->rank || filter.width != o->target.width || filter.height != o->target.height ||
      p.size() != o->paramCount) {
    std::fprintf(stderr, "internal error: setFilter with a %ux%u rank-%u filter on a %ux%u rank-%u optimizer\n",
                 filter.width, filter.height, filter.rank, o->target.width, o->target.height, o->rank);
    std::abort();
  }
  uploadBuffer(o->context, o->start, p.data(), p.size() * 4);
  submitAndWait(o->context, [&](VkCommandBuffer cmd) {
    recordFilterReset(cmd, o);
    recordFilterSteps(cmd, o, 0);
  });
}

SeparableFilter readFilter(FilterOptimizer* o) {
  std::vector<float> p(o->paramCount);
  downloadBuffer(o->context, o->taps, p.data(), p.size() * 4);
  return filterFromFloat(o->rank, o->target.width, o->target.height, p);
}

const GpuBuffer& filterParamsBuffer(const FilterOptimizer* o) { return o->taps; }
const GpuBuffer& filterTargetBuffer(const FilterOptimizer* o) { return o->targetBuffer; }
const FilterKernel& filterTarget(const FilterOptimizer* o) { return o->target; }
uint32_t filterRank(const FilterOptimizer* o) { return o->rank; }

}  // namespace specdither
