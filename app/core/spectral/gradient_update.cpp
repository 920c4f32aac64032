#include "specdither/gradient_update.h"

#include <cmath>

namespace specdither {

GradientUpdater createGradientUpdater(GpuContext* c, uint32_t parameterCount, bool withKernels) {
  GradientUpdater u;
  for (uint32_t rule = 0; rule < 3 && withKernels; ++rule)
    u.kernels[rule] = createSpecializedKernel(c, "gradient_update", 4, sizeof(gpu::GradientUpdatePush), {rule},
                                              SD_UPDATE_GROUP_SIZE);
  u.firstMoment = createBuffer(c, VkDeviceSize(parameterCount) * 4, MemoryKind::DeviceLocal);
  u.secondMoment = createBuffer(c, VkDeviceSize(parameterCount) * 4, MemoryKind::DeviceLocal);
  u.count = parameterCount;
  return u;
}

void destroyGradientUpdater(GpuContext* c, GradientUpdater& u) {
  for (ComputeKernel& k : u.kernels) destroyKernel(c, k);
  destroyBuffer(c, u.firstMoment);
  destroyBuffer(c, u.secondMoment);
  u = GradientUpdater();
}

void recordResetMoments(VkCommandBuffer cmd, GradientUpdater& u) {
  recordFillBuffer(cmd, u.firstMoment, 0);
  recordFillBuffer(cmd, u.secondMoment, 0);
  u.adamStep = 0;
}

gpu::GradientUpdatePush nextUpdatePush(GradientUpdater& u, const UpdateSettings& s) {
  gpu::GradientUpdatePush push = {};
  push.count = u.count;
  push.adamStep = ++u.adamStep;
  push.learningRate = s.learningRate;
  push.momentum = s.momentum;
  push.beta1 = s.beta1;
  push.beta2 = s.beta2;
  push.epsilon = s.epsilon;
  return push;
}

void recordGradientUpdate(VkCommandBuffer cmd, GradientUpdater& u, const UpdateSettings& s, const GpuBuffer& params,
                          const GpuBuffer& grads) {
  recordDispatch(cmd, u.kernels[uint32_t(s.rule)], {&params, &grads, &u.firstMoment, &u.secondMoment},
                 nextUpdatePush(u, s), u.count);
}

void cpuGradientUpdate(const UpdateSettings& s, double* params, const double* grads, double* m, double* v,
                       uint32_t* adamStep, size_t count) {
  const uint32_t t = ++*adamStep;
  for (size_t i = 0; i < count; ++i) {
    const double g = grads[i];
    if (s.rule == UpdateRule::GradientDescent) {
      params[i] -= s.learningRate * g;
    } else if (s.rule == UpdateRule::Momentum) {
      m[i] = s.momentum * m[i] + g;
      params[i] -= s.learningRate * m[i];
    } else {
      m[i] = s.beta1 * m[i] + (1.0 - s.beta1) * g;
      v[i] = s.beta2 * v[i] + (1.0 - s.beta2) * g * g;
      const double mHat = m[i] / (1.0 - std::pow(double(s.beta1), t));
      const double vHat = v[i] / (1.0 - std::pow(double(s.beta2), t));
      params[i] -= s.learningRate * mHat / (std::sqrt(vHat) + s.epsilon);
    }
  }
}

}  // namespace specdither
