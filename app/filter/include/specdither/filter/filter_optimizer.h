// The separable filter optimizer of Wronski (2020), "Using JAX, numpy, and optimization techniques to improve
// separable image filters", on the GPU (docs/method.md §6). One step = one dispatch for the gradient of the loss
// with respect to every 1D tap (filter_gradient.comp) + the core's update rule (gradient_update.h: GD,
// momentum or Adam). Everything records into the caller's command buffer, so any number of steps is one
// submit; the loss terms of the resulting filter are reduced (deterministically) at the end of each batch.
// The CPU twin is filter_reference.h.
#pragma once

#include "specdither/api.h"
#include "specdither/context.h"
#include "specdither/filter/filter_kernel.h"
#include "specdither/filter/filter_reference.h"
#include "specdither/gpu_buffer.h"
#include "specdither/gradient_update.h"

#include <cstdint>
#include <string>

namespace specdither {

// Knobs that may change between batches without restarting (the studio's sliders).
struct FilterOptimizerParams {
  FilterWeights weights;
  UpdateSettings update = {UpdateRule::GradientDescent, 0.1f};  // the article: plain GD, step 0.1
};

struct FilterOptimizer;

// target: the kernel K (peak 1, see filter_kernel.h); init: the starting filter (normally svdSeparableFilter),
// of the same size. Returns nullptr and sets *error (one line) for a shape checkFilterShape rejects.
SPECDITHER_API FilterOptimizer* createFilterOptimizer(GpuContext* context, const FilterKernel& target,
                                                      const SeparableFilter& init, const FilterOptimizerParams& params,
                                                      std::string* error);
SPECDITHER_API void destroyFilterOptimizer(FilterOptimizer* optimizer);

// Takes effect from the next recorded step (push constants are captured at record time).
SPECDITHER_API void setFilterOptimizerParams(FilterOptimizer* optimizer, const FilterOptimizerParams& params);
SPECDITHER_API const FilterOptimizerParams& filterOptimizerParams(const FilterOptimizer* optimizer);

// Records `count` steps, then the loss terms of the resulting filter into host-visible memory: read them with
// lastFilterLoss once the submit has completed. count = 0 records only the loss.
SPECDITHER_API void recordFilterSteps(VkCommandBuffer cmd, FilterOptimizer* optimizer, uint32_t count);
SPECDITHER_API FilterLossTerms lastFilterLoss(const FilterOptimizer* optimizer);
SPECDITHER_API uint64_t filterStepCount(const FilterOptimizer* optimizer);

// Back to the starting filter given at creation (or to setFilter's), moments and step count zeroed.
SPECDITHER_API void recordFilterReset(VkCommandBuffer cmd, FilterOptimizer* optimizer);
// Replaces the starting filter and the current one (setup time; one submit). Same rank and size (else a bug:
// aborts).
SPECDITHER_API void setFilter(FilterOptimizer* optimizer, const SeparableFilter& filter);
// The current filter (downloads; one submit).
SPECDITHER_API SeparableFilter readFilter(FilterOptimizer* optimizer);

// Device buffers for views and for the blur: the packed taps (float, shaders/filter_shared.h layout) and the
// target kernel (height x width floats).
SPECDITHER_API const GpuBuffer& filterParamsBuffer(const FilterOptimizer* optimizer);
SPECDITHER_API const GpuBuffer& filterTargetBuffer(const FilterOptimizer* optimizer);
SPECDITHER_API const FilterKernel& filterTarget(const FilterOptimizer* optimizer);
SPECDITHER_API uint32_t filterRank(const FilterOptimizer* optimizer);

}  // namespace specdither
