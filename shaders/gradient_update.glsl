// The update rule of app/core/gradient_update.h for one parameter, shared by gradient_update.comp and the
// kernels that fuse an update into the pass that finishes the gradient. The including shader declares the
// moment buffers firstMoment[] and secondMoment[].
#include "gradient_update_shared.h"

// The rule (UpdateRule) is fixed per pipeline: lavapipe would run every rule's loads and stores under a mask.
layout(constant_id = 0) const uint SD_UPDATE_RULE = 0u;

float updatedParameter(GradientUpdatePush u, uint i, float param, float g) {
  if (SD_UPDATE_RULE == 0u) return param - u.learningRate * g;
  if (SD_UPDATE_RULE == 1u) {
    float v = u.momentum * firstMoment[i] + g;
    firstMoment[i] = v;
    return param - u.learningRate * v;
  }
  float m = u.beta1 * firstMoment[i] + (1.0 - u.beta1) * g;
  float v = u.beta2 * secondMoment[i] + (1.0 - u.beta2) * g * g;
  firstMoment[i] = m;
  secondMoment[i] = v;
  float t = float(u.adamStep);
  float mHat = m / (1.0 - pow(u.beta1, t));
  float vHat = v / (1.0 - pow(u.beta2, t));
  return param - u.learningRate * mHat / (sqrt(vHat) + u.epsilon);
}
