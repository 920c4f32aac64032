// The update rule shared by every optimizer in the core (blue-noise masks, separable filters): plain gradient
// descent, heavy-ball momentum, or Adam (Kingma & Ba 2015), applied by one compute shader to a float buffer of
// parameters given a float buffer of gradients. Recorded into the caller's command buffer.
#pragma once

#include "specdither/api.h"
#include "specdither/compute_kernel.h"
#include "gradient_update_shared.h"

#include <cstdint>

namespace specdither {

enum class UpdateRule : uint32_t { GradientDescent = 0, Momentum = 1, Adam = 2 };

struct UpdateSettings {
  UpdateRule rule = UpdateRule::GradientDescent;
  float learningRate = 0.1f;
  float momentum = 0.9f;  // Momentum: v = momentum * v + g; p -= lr * v
  float beta1 = 0.9f;     // Adam
  float beta2 = 0.999f;
  float epsilon = 1e-8f;
};

// GPU state of one parameter vector: the two moment buffers (allocated for every rule so that the rule can be
// switched live) and the step counter used by Adam's bias correction.
struct GradientUpdater {
  ComputeKernel kernels[3];  // by UpdateRule (a specialization constant of shaders/gradient_update.glsl)
  GpuBuffer firstMoment;
  GpuBuffer secondMoment;
  uint32_t count = 0;
  uint32_t adamStep = 0;
};

// withKernels false: for optimizers that fuse the update into a pass of their own (nextUpdatePush) and never
// call recordGradientUpdate.
SPECDITHER_API GradientUpdater createGradientUpdater(GpuContext* context, uint32_t parameterCount,
                                                     bool withKernels = true);
SPECDITHER_API void destroyGradientUpdater(GpuContext* context, GradientUpdater& updater);
// Zeroes the moments and the Adam step counter (records a fill; call before the first update too).
SPECDITHER_API void recordResetMoments(VkCommandBuffer cmd, GradientUpdater& updater);

// parameters[i] -= update(gradients[i]) for i < count; the gradient buffer holds count floats.
SPECDITHER_API void recordGradientUpdate(VkCommandBuffer cmd, GradientUpdater& updater, const UpdateSettings& settings,
                                         const GpuBuffer& parameters, const GpuBuffer& gradients);

// The push constants of the next update (advancing Adam's step), for kernels that fuse the update into the
// pass that finishes the gradient (shaders/gradient_update.glsl, its rule a specialization constant) and bind
// the updater's moments themselves.
gpu::GradientUpdatePush nextUpdatePush(GradientUpdater& updater, const UpdateSettings& settings);

// The same rule on the CPU in double precision, for references: one step on params given grads, with the
// caller-held moments (size = params.size(), start at zero) and step counter (starts at 0).
SPECDITHER_API void cpuGradientUpdate(const UpdateSettings& settings, double* params, const double* grads,
                                      double* firstMoment, double* secondMoment, uint32_t* adamStep, size_t count);

}  // namespace specdither
